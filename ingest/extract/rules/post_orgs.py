"""Which bodies a title belongs to when the text lists them, for ``role``.

"group chief executive of A and B" (each body listed after the title), "programme
director of the Data Security Centre at NHS Digital" (a unit named at a body), a press
release's contact line "Jane Doe, Chief Executive Officer, and John Roe, Chief Financial
Officer, Acme Health." (the body that ends the line), and "Its co-founders are A; B; and C"
(a post listed with the people who hold it).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ingest.extract.rules.cues import Found
from ingest.extract.rules.titles import is_title_word
from ingest.extract.rules.units import ORG_TYPES, Occ, Unit

RELATION = "role"


UNIT_WORDS = {"the", "of", "and", "for", "&"}


def unit_at_org(doc: Doc, end: int, orgs: list[Occ]) -> str | None:
    """ "programme director of the Data Security Centre at NHS Digital": a unit the text
    names without it being a body of its own belongs to the body after "at"."""
    if doc[end].lower_ not in ("of", "for"):
        return None
    i = end + 1
    while i < len(doc) and i - end <= 8 and (doc[i].is_title or doc[i].lower_ in UNIT_WORDS):
        i += 1
    if i == end + 1 or i >= len(doc) or doc[i].lower_ != "at":
        return None
    start = i + 2 if i + 1 < len(doc) and doc[i + 1].lower_ == "the" else i + 1
    return next((o.key for o in orgs if o.start == start and o.named), None)


LISTED_POSTS = {"founder", "co-founder", "cofounder", "director", "trustee", "partner"}


def listed_posts(unit: Unit, people: list[Occ]) -> list[Found]:
    """ "Its co-founders are A, B and C", "The company's directors include A and B": each
    person listed holds that post in the body the possessive names (or "its" the company
    the text is about)."""
    out: list[Found] = []
    for noun in unit.sent:
        if noun.lemma_.lower() not in LISTED_POSTS or noun.tag_ != "NNS":
            continue
        if noun.dep_ != "nsubj" or noun.head.lemma_.lower() not in ("be", "include"):
            continue
        owner = post_owner(unit, noun)
        if owner is None:
            continue
        # everyone named after the verb, but not inside what is said of them ("A, a
        # former chair of X; B; and C, who runs it"): lists with semicolons parse badly
        verb = noun.head
        after = unit.doc[verb.i + 1 : unit.sent.end]
        hidden = {
            t.i
            for c in after
            if c.dep_ == "relcl" or (c.dep_ == "appos" and c.pos_ == "NOUN")
            for t in c.subtree
        }
        title = noun.lemma_.lower()
        for person in people:
            if person.start > verb.i and person.start not in hidden:
                out.append(Found(RELATION, person.key, owner, unit.evidence, 0.6, {"title": title}))
    return out


def post_owner(unit: Unit, noun: Token) -> str | None:
    for child in noun.children:
        if child.dep_ != "poss":
            continue
        occ = next((o for o in unit.occs if o.start <= child.i < o.end), None)
        if occ is not None and occ.type in ORG_TYPES and occ.named:
            return occ.key
        firms = unit.context_of("Company")[-1:] or unit.focus_of("Company")[:1]
        return firms[0].key if child.lower_ == "its" and firms else None
    return None


def signature_org(doc: Doc, sent: Span, orgs: list[Occ]) -> str | None:
    """A press release's contact line, "Peter Chambré, Chief Executive Officer, and John
    Aston, Chief Financial Officer, Cambridge Antibody Technology.": the body that ends the
    line after a comma is every titled person's."""
    last = [o for o in orgs if o.named and o.end >= sent.end - 2]
    if not last:
        return None
    org = last[-1]
    if org.start == sent.start or doc[org.start - 1].text != ",":
        return None
    if org.end < sent.end and doc[org.end].text not in (".", ";", "\n"):
        return None
    before = doc[org.start - 2] if org.start - 2 >= sent.start else None
    # the comma must close a title ("…, Chief Financial Officer, Cambridge …")
    return org.key if before is not None and is_title_word(before) else None


def conjoined_after(doc: Doc, end: int, key: str, orgs: list[Occ]) -> list[str]:
    """ "group chief executive of The Royal Wolverhampton NHS Trust and Walsall Healthcare
    NHS Trust": every body listed right after the one the title names."""
    current = next((o for o in orgs if o.key == key and end < o.start <= end + 2), None)
    out: list[str] = []
    while current is not None and current.end + 2 < len(doc):
        i = current.end
        comma = doc[i].text == ","
        i += 1 if comma else 0
        joined = doc[i].lower_ == "and"
        if not (comma or joined):
            break
        i += 1 if joined else 0
        start = i + 1 if doc[i].lower_ == "the" else i
        kind = current.type  # "Trust A and Trust B"; not a name the parser split
        current = next((o for o in orgs if o.start == start and o.named), None)
        if current is None or current.type != kind:
            break
        if current.key not in out and current.key != key:
            out.append(current.key)
    return out
