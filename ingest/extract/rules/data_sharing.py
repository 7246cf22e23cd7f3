"""``data_sharing``: organisation that provides patient data → organisation that receives it.

Cue: a data word ("data", "records", "scans", "patient details") with a verb or noun of
giving ("share", "provide", "hand", "give … access", "access to", "analyse", "reach"), or
"data-sharing"; or a verb of taking ("receive", "obtain", "sent") whose object is data
("will receive anonymised slides from the trust", "records … were sent to X"). The NHS
side provides, the company or university receives. ``records`` is the number of patients
or records stated in the sentence (or the one before it).
"""

from __future__ import annotations

import re

from ingest.extract.rules import attributes as attr
from ingest.extract.rules.cues import Found, pairs, stated, stated_cue
from ingest.extract.rules.units import NHS_TYPES, PARTNER_TYPES, Unit

RELATION = "data_sharing"
DATA = re.compile(
    r"\b(data|records|scans|images|x-rays|mammograms|slides|samples|patient (?:details|"
    r"information)|information on|datasets?)\b",
    re.I,
)
CUE = re.compile(
    r"\b(data[- ]sharing|shar(?:e|es|ed|ing)|provid(?:e|es|ed|ing)|hand(?:s|ed|ing)? (?:over )?|"
    r"access to|analy[sz](?:e|es|ed|ing)|transferr?(?:ed|ing)?|pass(?:es|ed)? (?:on )?to|"
    r"reach(?:es|ed)?|suppl(?:y|ies|ied)|gave|give[sn]?|giving|covers|made available|"
    r"make available)\b",
    re.I,
)


TAKING_VERBS = {"receive", "obtain", "send", "release", "get"}


def taking(unit: Unit):
    """ "Owkin will receive anonymised slides from the trust": data is what is taken."""
    for token in unit.sent:
        if token.pos_ == "VERB" and token.lemma_.lower() in TAKING_VERBS and stated(token):
            for child in token.children:
                taken = child.dep_ in ("dobj", "nsubjpass", "dative") or (
                    child.dep_ == "prep" and child.lower_ in ("to", "of", "on")
                )
                if taken and DATA.search(" ".join(t.text for t in child.subtree)):
                    return token
    return None


def find(unit: Unit) -> list[Found]:
    if not DATA.search(unit.text):
        return []
    cue = stated_cue(unit, CUE) or taking(unit)
    if cue is None:
        return []
    providers, receivers = unit.of(*NHS_TYPES), unit.of(*PARTNER_TYPES)
    evidence, confidence = unit.evidence, 0.7
    if providers and not receivers:
        receivers = unit.context_of(*PARTNER_TYPES)
        evidence, confidence = unit.context_evidence, 0.5
    elif receivers and not providers:
        providers = unit.context_of(*NHS_TYPES)
        evidence, confidence = unit.context_evidence, 0.5
    providers = [o for o in providers if o.type == "Trust" or o.key == "gaz:nhs-digital"] or [
        o for o in providers if o.type == "Other"
    ]
    records, dataset = attr.records(unit)
    attributes = attr.clean({"records": records, "dataset": dataset})
    return [
        Found(RELATION, s, o, evidence, confidence, dict(attributes))
        for s, o in pairs(providers, receivers)
    ]
