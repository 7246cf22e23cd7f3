"""The tests ``nhskg.org_typer.v1`` makes of a candidate name, one module a question.

- ``forms``: what kind of body a name's form says it is, and where the name ends;
- ``non_orgs``: whether a name is a product, a site, a place or a word, not a body;
- ``context``: what kind of body the words around a name say it is;
- ``people``: whether a name is a person's, and which people are one.

They are plain functions of spaCy spans, kept apart from the component
(``components/org_typer.py``) so that each can be read, and tested, on its own.
"""
