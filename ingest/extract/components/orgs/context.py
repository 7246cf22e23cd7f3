"""Typing a name from the words around it, and finding names that only context reveals.

When a name's form does not say what it is, the text often does: "the AI company X",
"X, the campaign group", "researchers at X", or a list led in by "Among the companies
chosen were:". ``context_kind`` and ``context_type`` read those cues;
``described_names`` and ``listed_names`` find the names NER missed after them; and
``doc_labels`` keeps what NER called each name anywhere in the document, since one
confident label elsewhere is evidence here too.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from spacy.tokens import Doc, Span

from ingest.extract.components.orgs.forms import clean
from ingest.extract.lexicon import CHARITY_PHRASES, TYPE_NOUNS, company_noun
from ingest.extract.names import tidy_name

# Descriptions the shared lexicon does not know: "X, the campaign group".
EXTRA_TYPE_NOUNS: dict[str, str] = {
    "college": "University",
    "school": "University",
    "researcher": "University",
    "academic": "University",
    "scientist": "University",
    "union": "Charity",
    "tank": "Charity",
    "campaigner": "Charity",
    "newspaper": "Other",
    "broadcaster": "Other",
    "magazine": "Other",
    "publisher": "Other",
    "committee": "Other",
    "court": "Other",
    "consortium": "Other",
    "quango": "GovernmentBody",
    "commission": "GovernmentBody",
    # business nouns ("bank", "retailer", "drugmaker") are ``lexicon.company_noun``
    "group": "Company",  # "the German drug discovery group" (charities: CHARITY_PHRASES)
}
# "researchers at X": the preposition that makes these nouns describe X.
AT_NOUNS = {"researcher", "academic", "scientist"}
# Lead-ins of a list whose items open with names of this type.
LIST_LEADS = {
    "company": "Company",
    "firm": "Company",
    "start-up": "Company",
    "startup": "Company",
    "supplier": "Company",
    "vendor": "Company",
    "business": "Company",
    "university": "University",
    "charity": "Charity",
}
BULLETS = {"-", "*", "•", "–", "‣"}


def extra_type(lemma: str) -> str | None:
    """The kind a description noun not in the shared lexicon names ("the reinsurer")."""
    if lemma in AT_NOUNS:
        return None
    if lemma in EXTRA_TYPE_NOUNS:
        return EXTRA_TYPE_NOUNS[lemma]
    return "Company" if company_noun(lemma) else None


def context_kind(span: Span) -> str | None:
    """The kind the words around a name give it: "the AI company X", "X, a think tank"."""
    found = context_type(span)
    if found is not None:
        return found
    doc = span.doc
    sent = span.sent
    if span.start > sent.start:
        before = doc[span.start - 1]
        lemma = before.lemma_.lower()
        if before.is_lower and before.pos_ == "NOUN" and extra_type(lemma) is not None:
            return extra_type(lemma)
        if (
            before.lower_ in ("at", "from")
            and span.start - 2 >= sent.start
            and doc[span.start - 2].lemma_.lower() in AT_NOUNS
        ):
            return "University"
    if span.end + 1 < sent.end and doc[span.end].text == ",":
        window = []
        for token in doc[span.end + 1 : min(sent.end, span.end + 8)]:
            if token.text in (",", ";", ".") or token.pos_ in ("VERB", "AUX"):
                break
            window.append(token.text)
        if CHARITY_PHRASES.search(" ".join(window)):
            return "Charity"
        for token in doc[span.end + 1 : span.end + 1 + len(window)]:
            lemma = token.lemma_.lower()
            if token.is_lower and token.pos_ == "NOUN" and extra_type(lemma) is not None:
                return extra_type(lemma)
    return None


def described_before(span: Span) -> str | None:
    """The organisation type of a description right before a name ("the German
    reinsurer Munich Re", "the outsourcer Sitel"), which NER may have taken for a person."""
    if span.start <= span.sent.start:
        return None
    before = span.doc[span.start - 1]
    if not (before.is_lower and before.pos_ == "NOUN"):
        return None
    lemma = before.lemma_.lower()
    type_ = TYPE_NOUNS.get(lemma) or extra_type(lemma)
    return type_ if type_ in ("Company", "Charity", "University", "GovernmentBody") else None


def researched_at(span: Span) -> bool:
    """ "researchers at Anglia Ruskin": a place of research, not a person."""
    doc = span.doc
    return (
        span.start >= 2
        and doc[span.start - 1].lower_ in ("at", "from")
        and doc[span.start - 2].lemma_.lower() in AT_NOUNS
    )


def listed_names(doc: Doc) -> list[tuple[Span, str]]:
    """Names opening the items of a list led in by "Among the companies chosen were:"."""
    out: list[tuple[Span, str]] = []
    lead_type: str | None = None
    for sent in doc.sents:
        first = sent[0]
        if first.text not in BULLETS:
            lead_type = None
            if sent[-1].text == ":" or (len(sent) > 1 and sent[-2].text == ":"):
                for token in sent:
                    if token.is_lower and token.lemma_.lower() in LIST_LEADS:
                        lead_type = LIST_LEADS[token.lemma_.lower()]
            continue
        if lead_type is None or len(sent) < 2:
            continue
        end = sent.start + 1
        while end < sent.end and not doc[end].is_lower and not doc[end].is_punct:
            end += 1
        while end < sent.end and doc[end].text in (".", "-") and end + 1 < sent.end:
            if doc[end + 1].is_punct:
                break
            end += 2
        if end > sent.start + 1 and end - sent.start - 1 <= 5:
            out.append((Span(doc, sent.start + 1, end), "LIST:" + lead_type))
    return out


def described_names(doc: Doc) -> list[Span]:
    """ "the German digital health company Alcediag": a name right after its description."""
    out = []
    for token in doc:
        if not (token.is_lower and token.pos_ == "NOUN" and token.lemma_ in TYPE_NOUNS):
            continue
        end = token.i + 1
        while end < len(doc) and doc[end].pos_ == "PROPN" and not doc[end].is_lower:
            end += 1
        if end > token.i + 1 and end - token.i - 1 <= 4:
            out.append(Span(doc, token.i + 1, end))
    return out


APPOSITION_DETS = {"a", "an", "the"}


def apposed_names(doc: Doc) -> list[Span]:
    """ "Evotec, the German drug discovery group …", "BlackRock, an asset manager":
    a capitalised name followed by a description of an organisation, which NER missed."""
    out = []
    for comma in doc:
        if comma.text != "," or comma.i == 0 or comma.i + 2 >= len(doc):
            continue
        if doc[comma.i + 1].lower_ not in APPOSITION_DETS:
            continue
        end = comma.i
        start = end
        while start > comma.sent.start and end - start < 4:
            t = doc[start - 1]
            if not (t.pos_ == "PROPN" and t.text[:1].isupper()) or t.ent_type_ in ("PERSON", "GPE"):
                break
            start -= 1
        if start == end or any(doc[i].ent_type_ == "ORG" for i in range(start, end)):
            continue
        if (
            start > comma.sent.start
            and doc[start - 1].text[:1].isupper()
            and doc[start - 1].is_alpha
        ):
            continue
        if start >= 2 and doc[start - 1].pos_ == "ADP" and doc[start - 2].text[:1].isupper():
            continue  # "GP at Hand, …": the end of a longer name
        if _describes_org(doc, comma.i + 2, comma.sent.end):
            out.append(Span(doc, start, end))
    return out


def apposed_body(span: Span) -> bool:
    """ "Best Buy, the American electronics retailer": a name followed by a description
    whose head noun is a kind of organisation."""
    doc = span.doc
    comma = span.end
    if (
        comma + 2 >= len(doc)
        or doc[comma].text != ","
        or doc[comma + 1].lower_ not in APPOSITION_DETS
    ):
        return False
    return _describes_org(doc, comma + 2, span.sent.end)


def _describes_org(doc: Doc, start: int, limit: int) -> bool:
    head = None
    for token in doc[start : min(limit, start + 7)]:
        if token.text in (",", ";", ".", "(") or token.pos_ in ("AUX", "ADP", "CCONJ"):
            break
        if token.pos_ == "VERB" and token.dep_ not in ("amod", "compound"):
            break  # "the AIM-listed company": a participle used as an adjective goes on
        if token.is_lower and token.pos_ == "NOUN":
            head = token
    if head is None:
        return False
    lemma = head.lemma_.lower()
    kind = TYPE_NOUNS.get(lemma) or extra_type(lemma)
    return kind not in (None, "Trust") or lemma == "group"


def coordinated_names(doc: Doc, known: list[Span]) -> list[tuple[Span, str]]:
    """ "Serco and Sitel", "Sitel and Serco": a capitalised name joined by "and"/"or" to
    an organisation the gazetteer knows names an organisation of that kind."""
    taken = {i for m in known for i in range(m.start, m.end)}
    orgs: dict[int, str] = {}
    for m in known:
        if m.label_ not in ("Person", "") and m.root.dep_ != "compound":
            orgs[m.root.i] = m.label_
    out: list[tuple[Span, str]] = []
    for token in doc:
        if token.dep_ != "conj":
            continue
        for this, other in ((token, token.head), (token.head, token)):
            if this.i in taken or other.i not in orgs or this.ent_type_ not in ("", "ORG"):
                continue
            if not (this.pos_ == "PROPN" and (this.is_title or this.is_upper)):
                continue
            start = this.i
            while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head == this:
                if not (doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title):
                    break
                start -= 1
            if any(i in taken for i in range(start, this.i + 1)) or this.i - start >= 4:
                continue
            out.append((Span(doc, start, this.i + 1), "CONJ:" + orgs[other.i]))
    return out


def doc_labels(doc: Doc) -> dict[str, Counter[str]]:
    """How often NER gave each name each label in the document."""
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    for ent in doc.ents:
        for part in clean(ent):
            labels[tidy_name(part.text)][ent.label_] += 1
    return labels


def context_type(span: Span) -> str | None:
    """The kind an apposition or a preceding description gives: "the AI company X"."""
    doc = span.doc
    sent = span.sent
    if span.start > sent.start:
        before = doc[span.start - 1]
        if before.is_lower and before.lemma_.lower() in TYPE_NOUNS:
            return TYPE_NOUNS[before.lemma_.lower()]
    if span.end + 1 < sent.end and doc[span.end].text == ",":
        for token in doc[span.end + 1 : min(sent.end, span.end + 8)]:
            if token.text in (",", ";", ".") or token.pos_ in ("VERB", "AUX"):
                break
            if token.is_lower and token.lemma_.lower() in TYPE_NOUNS:
                return TYPE_NOUNS[token.lemma_.lower()]
    return None
