"""``nhskg.co_prefix.v1``: "co-led", "co-founder" are one word that reads as its base.

spaCy's tokenizer splits "co-led" into "co", "-", "led", and the small model then parses
"co" as a noun that the name before it modifies: "Oxford Sciences Innovation co-led the
round" loses its subject, and "its co-founder" its title. ``add_special_cases`` keeps
each such word whole with the base word as its ``NORM`` (the feature the model reads), so
the parser sees "led"; the component then gives it the lemma "co-lead", the form the rules
ask for.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.symbols import NORM, ORTH
from spacy.tokens import Doc

from ingest.extract import state
from ingest.extract.naming import factory_name, register_versioned

NAME = "nhskg.co_prefix.v1"
FACTORY = factory_name(NAME)

# base lemma → its inflected forms. Words news uses for shared leading, founding,
# funding and owning, where the parse decides who did it.
FORMS: dict[str, tuple[str, ...]] = {
    "lead": ("lead", "leads", "led", "leading"),
    "found": ("found", "founds", "founded", "founding"),
    "founder": ("founder", "founders"),
    "fund": ("fund", "funds", "funded", "funding"),
    "invest": ("invest", "invests", "invested", "investing"),
    "investor": ("investor", "investors"),
    "own": ("own", "owns", "owned", "owning"),
    "owner": ("owner", "owners"),
    "develop": ("develop", "develops", "developed", "developing"),
    "developer": ("developer", "developers"),
    "chair": ("chair", "chairs", "chaired", "chairing"),
    "author": ("author", "authors", "authored", "authoring"),
    "invent": ("invent", "invents", "invented", "inventing"),
    "inventor": ("inventor", "inventors"),
    "sponsor": ("sponsor", "sponsors", "sponsored", "sponsoring"),
    "host": ("host", "hosts", "hosted", "hosting"),
    "design": ("design", "designs", "designed", "designing"),
    "create": ("create", "creates", "created", "creating"),
    "sign": ("sign", "signs", "signed", "signing"),
    "head": ("head", "heads", "headed", "heading"),
    "manage": ("manage", "manages", "managed", "managing"),
    "run": ("run", "runs", "ran", "running"),
    # nouns read as their one-word spelling: "the Northern Pathology Imaging Co-operative"
    "operative": ("operative", "operatives"),
    "operation": ("operation",),
    "ordinator": ("ordinator", "ordinators"),
}
JOINED = {"operative", "operatives", "operation", "ordinator", "ordinators"}
LEMMAS = {f"co-{form}": f"co-{base}" for base, forms in FORMS.items() for form in forms}


def add_special_cases(nlp: Language) -> None:
    """Keep every "co-" word of ``FORMS`` whole, in lower case and capitalised."""
    for word in LEMMAS:
        base = word[3:]
        norm = "co" + base if base in JOINED else base
        for orth in (word, word.capitalize(), "Co-" + base.capitalize()):
            nlp.tokenizer.add_special_case(orth, [{ORTH: orth, NORM: norm}])


@Language.component(FACTORY)
def co_prefix(doc: Doc) -> Doc:
    if "co-" not in state.doc_text(doc).lower():
        return doc  # most articles have none: no need to walk the tokens
    for token in doc:
        lemma = LEMMAS.get(token.lower_)
        if lemma is not None:
            token.lemma_ = lemma
    return doc


register_versioned(NAME, co_prefix)
