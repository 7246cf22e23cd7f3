"""A learned relation scorer beside the rules: every pair of parties a statement names is
a candidate, and a logistic-regression model over general features (the parties' types and
grammatical roles, the dependency path and the words between them, the statement's verbs
and cue words) says whether the pair stands in each relation type.

Why: hand-written rules fit the phrasing they were written from and carry little to new
articles (``docs/accuracy.md``): five rounds of rules moved the held-out relation F1 by
0.07. A model trained on every annotated development article learns the phrasing of all
of them at once. It adds the pairs it is sure of to what the rules found, and drops rule
findings it is sure are wrong.
"""
