"""Job titles in a sentence, for ``role``: where a post is named and how far its phrase runs.

Why: news names posts in many shapes ("chief executive", "consultant ophthalmologist",
"clinical lead for radiotherapy", "co-founder and director", "the CQC's chief inspector of
hospitals", an "-ologist" or "-ician"). ``title_phrases`` finds each phrase as token
bounds; ``role`` then ties it to a body and a person.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

TITLE_WORDS = {
    "executive",
    "ceo",
    "chair",
    "chairman",
    "chairwoman",
    "chairperson",
    "founder",
    "co-founder",
    "cofounder",
    "director",
    "president",
    "officer",
    "minister",
    "secretary",
    "commissioner",
    "consultant",
    "head",
    "lead",
    "leader",
    "professor",
    "manager",
    "governor",
    "trustee",
    "cio",
    "cto",
    "cfo",
    "coo",
    "ccio",
    "cmo",
    "chief",
    "ophthalmologist",
    "surgeon",
    "radiologist",
    "adviser",
    "advisor",
    "chancellor",
    "dean",
    "scientist",
    "vice-president",
    "editor",
    "editor-in-chief",
    "physician",
    "partner",
    "principal",
    "boss",
    "comptroller",
    "lecturer",
    "vice-chancellor",
    "provost",
    "inspector",
    "nurse",
    "midwife",
    "matron",
    "registrar",
}
# Endings of nouns naming a profession (checked on nouns only): "specialist", "physician".
PROFESSION_ENDINGS = ("ist", "ician", "ologist", "searcher", "ngineer", "nalyst", "ellow")
LEFT_STOP = {"former", "the", "a", "an", "its", "their", "his", "her", "also", "previously"}


def title_phrases(sent: Span, skip: set[int]) -> list[tuple[int, int]]:
    doc = sent.doc
    found: list[tuple[int, int]] = []
    i = sent.start
    while i < sent.end:
        token = doc[i]
        if i in skip or not is_title_word(token) or not _title_pos(token):
            i += 1
            continue
        start = _hyphen_left(doc, i, sent.start)
        while start - 1 >= sent.start and _left_ok(doc, start - 1, skip):
            start -= 1
        end = i + 1
        while (
            end < sent.end
            and end not in skip
            and (
                doc[end].lower_ in TITLE_WORDS
                or (doc[end].pos_ == "NOUN" and doc[end].is_lower)
                or doc[end].lower_ == "general"
                or _hyphen_joins(doc, end, sent.end)
            )
        ):
            end += 2 if _hyphen_joins(doc, end, sent.end) else 1
        end = _capitalised_run(doc, token, end, sent.end, skip)
        end = _and_title(doc, end, sent.end, skip)
        end = _tail(doc, end, sent.end, skip)
        found.append((start, end))
        i = end
    return found


def _capitalised_run(doc: Doc, token: Token, end: int, limit: int, skip: set[int]) -> int:
    """ "Chief Financial Officer", "Head of Digital Services": a title written in capitals
    runs to its last title word."""
    if not token.is_title:
        return end
    last, j = end, end
    while j < limit and j not in skip and j - end < 4:
        word = doc[j]
        if word.lower_ == "of" or (word.is_title and word.is_alpha):
            j += 1
            if word.lower_ in TITLE_WORDS:
                last = j
            continue
        break
    return last


def _hyphen_joins(doc: Doc, i: int, limit: int) -> bool:
    """ "editor-in-chief", "co-founder": a hyphen with no space either side."""
    return (
        i + 1 < limit
        and doc[i].text == "-"
        and not doc[i - 1].whitespace_
        and not doc[i].whitespace_
        and doc[i + 1].is_alpha
    )


def _hyphen_left(doc: Doc, i: int, limit: int) -> int:
    start = i
    while start - 2 >= limit and _hyphen_joins(doc, start - 1, start + 1):
        if not doc[start - 2].is_alpha or not doc[start - 2].is_lower:
            break
        start -= 2
    return start


def _and_title(doc: Doc, end: int, limit: int, skip: set[int]) -> int:
    """ "co-founder and director of Foxglove", "founder and chief executive": one title."""
    if end + 1 >= limit or doc[end].lower_ != "and":
        return end
    j = end + 1
    while j < limit and j not in skip and j - end <= 4:
        token = doc[j]
        if is_title_word(token) and token.is_lower:
            k = j + 1
            while (
                k < limit
                and k not in skip
                and (doc[k].lower_ in TITLE_WORDS or _hyphen_joins(doc, k, limit))
            ):
                k += 2 if _hyphen_joins(doc, k, limit) else 1
            return k
        if not (token.is_lower and token.pos_ in ("ADJ", "NOUN")) and token.text != "-":
            break
        j += 1
    return end


def _title_pos(token: Token) -> bool:
    """A noun, or a title the tagger read as an adjective before a name ("chief
    executive Michalis Papadakis")."""
    if token.pos_ in ("NOUN", "PROPN"):
        return True
    return (
        token.pos_ == "ADJ"
        and token.dep_ in ("amod", "compound")
        and (
            token.head.pos_ == "PROPN"
            or (is_title_word(token.head) and token.head.i == token.i + 1)
        )
    )  # "the CQC's chief inspector of hospitals"


def is_title_word(token: Token) -> bool:
    """A post or an occupation: the list, or a noun of a profession ("oncologist",
    "specialist", "economist", "paediatrician", "statistician")."""
    lower = token.lower_
    if lower in TITLE_WORDS or lower.endswith("ologist"):
        return True
    return token.pos_ == "NOUN" and len(lower) > 5 and lower.endswith(PROFESSION_ENDINGS)


def _left_ok(doc: Doc, i: int, skip: set[int]) -> bool:
    token = doc[i]
    if i in skip or token.lower_ in LEFT_STOP or token.text in ("'s", "’s"):
        return False
    if token.lower_ == "and":
        return i - 1 >= 0 and doc[i - 1].is_title and doc[i + 1].is_title
    if token.pos_ in ("ADJ", "NOUN") or (token.dep_ in ("amod", "compound") and token.is_lower):
        return True
    if token.is_upper and token.dep_ in ("compound", "nmod", "amod") and len(token) <= 3:
        return True  # "UK managing director"
    return token.pos_ == "PROPN" and token.is_title and token.ent_type_ != "PERSON"


def _tail(doc: Doc, end: int, limit: int, skip: set[int]) -> int:
    """ "… for radiotherapy", "… of digital transformation": a lower-case complement."""
    if end + 1 >= limit or doc[end].lower_ not in ("of", "for", "in") or end + 1 in skip:
        return end
    j = end + 1
    while j < limit and j not in skip and j - end <= 5:
        token = doc[j]
        if _complement_word(token):
            j += 1
        else:
            break
    return j if j > end + 1 and doc[j - 1].pos_ in ("NOUN", "PROPN") else end


def _complement_word(token: Token) -> bool:
    if token.is_lower and token.pos_ in ("ADJ", "NOUN", "CCONJ"):
        return True
    return token.pos_ == "PROPN" and (token.is_upper or token.is_title) and token.lower_ != "the"
