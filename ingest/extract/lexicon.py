"""Word lists the rules share: what names an organisation's kind, a sector, a job title.

These are rules about English news text, not facts about organisations (those live in
``data/``), so they are kept with the code that reads them.
"""

from __future__ import annotations

import re

ORG_LABELS = {"ORG", "PERSON", "PRODUCT", "FAC", "GPE", "NORP", "WORK_OF_ART", "EVENT", "LAW"}

# Head nouns of descriptions ("the AI company", "the trust") and the type they refer to.
TYPE_NOUNS: dict[str, str] = {
    "trust": "Trust",
    "hospital": "Trust",
    "board": "Trust",
    "company": "Company",
    "firm": "Company",
    "business": "Company",
    "start-up": "Company",
    "startup": "Company",
    "lab": "Company",
    "developer": "Company",
    "maker": "Company",
    "supplier": "Company",
    "provider": "Company",
    "vendor": "Company",
    "giant": "Company",
    "consultancy": "Company",
    "subsidiary": "Company",
    "manufacturer": "Company",
    "spin-out": "Company",
    "spinout": "Company",
    "insurer": "Company",
    "department": "GovernmentBody",
    "regulator": "GovernmentBody",
    "watchdog": "GovernmentBody",
    "agency": "GovernmentBody",
    "ministry": "GovernmentBody",
    "taskforce": "GovernmentBody",
    "unit": "GovernmentBody",
    "ccg": "GovernmentBody",
    "icb": "GovernmentBody",
    "charity": "Charity",
    "foundation": "Charity",
    "think-tank": "Charity",
    "thinktank": "Charity",
    "union": "Charity",  # trade unions are annotated as charities, as professional bodies are
    "university": "University",
    "institute": "University",
    "practice": "Other",
}
# Business nouns a description may end in: "the German reinsurer X", "the outsourcer X".
# Compounds count by their last part ("chipmaker", "drugmaker", "reinsurer").
COMPANY_NOUN_ENDINGS = (
    *(noun for noun, type_ in TYPE_NOUNS.items() if type_ == "Company"),
    "outsourcer",
    "contractor",
    "retailer",
    "distributor",
    "wholesaler",
    "broker",
    "lender",
    "bank",
    "investor",
    "operator",
    "pharmacy",
    "biotech",
    "medtech",
    "healthtech",
    "fintech",
    "insurtech",
    "scale-up",
    "scaleup",
    "spin-off",
    "conglomerate",
    "multinational",
    "pharma",
    "carrier",
    "airline",
    "telco",
    "chain",
)


def company_noun(lemma: str) -> bool:
    """ "reinsurer", "chipmaker", "outsourcer": a noun naming a kind of business."""
    lemma = lemma.lower()
    return any(lemma == end or lemma.endswith(end) for end in COMPANY_NOUN_ENDINGS)


# Nouns that say "organisation" without saying which kind.
ANY_ORG_NOUNS = {"organisation", "organization", "group", "body", "unit", "partner"}
CHARITY_PHRASES = re.compile(
    r"\b(campaign group|pressure group|patient group|think[- ]tank|charity|professional body|"
    r"trade body|membership body|royal college|non-profit|not-for-profit|initiative)\b",
    re.I,
)

# The form of a name says its type; checked in this order.
FORM_TYPES: list[tuple[str, re.Pattern[str]]] = [
    ("Other", re.compile(r"^Drs? .+ (and|&) Partners$")),
    (
        "Trust",
        re.compile(
            r"\b(NHS Foundation Trust|NHS Trust|Foundation Trust|Health Board|"
            r"Health and Social Care Trust|Hospitals? NHS)\b"
        ),
    ),
    (
        "Other",
        re.compile(
            r"(\bCommittee\b|\bHouse of (Lords|Commons)\b|\bParliament\b|^European\b|"
            r"\bClinic$|\bCourt\b|Academic Health Science Network|\bUnion$|\bNations$)"
        ),
    ),
    (
        "GovernmentBody",
        re.compile(
            r"(\b(CCG|Clinical Commissioning Group|Integrated Care Board|ICB|Integrated Care "
            r"System|Commissioning Support Unit|CSU|Department (of|for)|Ministry of|"
            r"Regulatory Agency|Office for|Office of|Commissioner's Office|City Council|"
            r"County Council|Borough Council|Government|Authority|Administration|"
            r"Collaborative|Executive Agency)\b|^NHS (?!.*\b(Trust|Board)\b)[A-Z]|"
            r"^(National|Government) .*\b(Centre|Service|Agency|Office)$|"
            r"(?<!on )\bCouncil$)"
        ),
    ),
    (
        "University",
        re.compile(
            r"(^University\b|\bUniversity$|\bUniversity of\b|\bCollege London\b|"
            r"\bInstitute\b|\bMedical School\b|\bSchool of Medicine\b|\bBusiness School\b|"
            r"\bCentre$|\bLaboratory$)"
        ),
    ),
    (
        "Charity",
        re.compile(
            r"\b(Charity|Charities|Foundation|Trust|Fund|Society|Association|Royal College of|"
            r"Alliance|Council on|Confederation|Federation|Coalition)\b"
        ),
    ),
    (
        "Company",
        re.compile(
            r"\b(plc|PLC|Ltd|Limited|Inc|LLC|LLP|Group|Holdings|Technologies|Technology|"
            r"Pharmaceuticals|Pharma|Therapeutics|Labs|Systems|Software|Solutions|Health|"
            r"Healthcare|Analytics|AI|Medical|Diagnostics|Capital|Ventures|Corporation|"
            r"Biotech|Biotechnology|Biosciences|Genetics|Digital|Networks|Consulting|Partners|"
            r"Markets|Services)\b"
        ),
    ),
]
# Capitalised chunks ending with these are organisations even when NER misses them.
FORM_SUFFIX = (
    r"(?:NHS Foundation Trust|NHS Trust|University Health Board|Teaching Health Board|"
    r"Health Board|Health and Social Care Trust|Clinical Commissioning Group|CCG|"
    r"Integrated Care Board|Commissioning Support Unit|Academic Health Science Network|"
    r"Health Innovation Network|plc|Ltd|Limited|LLP|LLC|Inc|Corporation|and Partners)"
)

# Names that NER takes for organisations but that are products, events, laws, offices.
NON_ENTITIES = {
    # documents and malware named like firms
    "mou",
    "wannacry",
    "notpetya",
    "petya",
    "ryuk",
    "lockbit",
    "nhs",
    "the nhs",
    "streams",
    "gp at hand",
    "babylon gp at hand",
    "gdm health",
    "alexa",
    "siri",
    "chatgpt",
    "watson",
    "care data",
    "nhs app",
    "nhs login",
    "spine",
    "federated data platform",
    "aim",
    "ftse",
    "nasdaq",
    "nyse",
    "nature",
    "nature medicine",
    "the lancet",
    "lancet",
    "bmj",
    "jama",
    "national data guardian",
    "caldicott guardian",
    "caldicott guardians",
    "parliament",
    "government",
    "whitehall",
    "downing street",
    "contracts finder",
    "find a tender",
    "g cloud",
    "european economic area",
    "eea",
    "information commissioner",
    "caldicott",
    "caldicott principles",
    "health and care innovation expo",
    "expo",
    "data protection act",
    "gdpr",
    "general data protection regulation",
    "ai",
    "ipo",
    "covid",
    "covid 19",
    # departments and fields, named in titles ("director of Information Technology")
    "information technology",
    "human resources",
    "information governance",
    "digital transformation",
    "research and development",
    "health informatics",
}
NON_ENTITY_WORDS = re.compile(
    r"\b(Expo|Conference|Summit|Congress|Awards?|Festival|Act|Bill|Regulations?|Directive|"
    r"Principles|Programme|Surgery|Road|Street|Lane|Avenue|Square|Tower|Place|Ward|Review|"
    r"Strategy|Plan|Week|Platform|Toolkit|Finder|Store|App|Shield|Area|Framework|Guardians?|"
    r"Study|Trial|Futures|of Choice|Challenge Fund|Growth Market|Main Market)$"
    # laws with their year, programmes named for their aim, rooms and desks called centres
    r"|\bAct \d{4}$|\bProgramme for\b|\b(?:Security|Operations|Command|Control|Contact|Call|"
    r"Distribution|Vaccination|Testing|Test|Data|Coordination|Operating) Centre$"
)
# A chair or a post, not a body: "Regius Professor of Medicine", "Chief Medical Officer".
TITLE_NAME = re.compile(
    r"^(?:[A-Z][\w-]+ )?(?:Professor|Lecturer|Reader|Chair|Fellow|Officer|Secretary|"
    r"Minister|Director|Registrar)(?: of\b| for\b|$)"
)
# Upper-case words that are never names of organisations on their own.
ACRONYM_STOPLIST = {
    "VAT",
    "GDP",
    "AI",
    "GP",
    "GPS",
    "CT",
    "MRI",
    "IPO",
    "AIM",
    "NHS",
    "UK",
    "US",
    "USA",
    "EU",
    "OCT",
    "API",
    "IT",
    "CEO",
    "CTO",
    "CFO",
    "PDF",
    "ICT",
    "EPR",
    "EHR",
    "A&E",
    "ICU",
    "COVID",
    "DNA",
    "RNA",
    "PET",
    "ECG",
    "OK",
    "TV",
    "PR",
    "HR",
    "R&D",
    "IP",
    "ML",
}
# Places hospitals, sites and wards are named after: their names are not organisations.
SITE_LEMMAS = {"hospital", "site", "surgery", "clinic", "ward", "centre", "campus"}

SECTOR_CUES: list[tuple[str, re.Pattern[str]]] = [
    (
        "ai",
        re.compile(
            r"\b(AI|A\.I\.|artificial[- ]intelligence|machine[- ]learning|deep[- ]learning|"
            r"AI-powered|neural network)\b",
            re.I,
        ),
    ),
    (
        "pharma",
        re.compile(
            r"\b(pharma\w*|drugs? ?(maker|company|firm|giant)s?|drugmakers?|vaccine|biotech\w*)\b",
            re.I,
        ),
    ),
    ("cloud", re.compile(r"\bcloud\b", re.I)),
    ("consulting", re.compile(r"\b(consultan\w+|consulting|accountancy|advisory)\b", re.I)),
    ("data", re.compile(r"\b(data analytics|data company|data firm|analytics)\b", re.I)),
    ("medtech", re.compile(r"\b(medtech|medical[- ]device|device maker|wearables?)\b", re.I)),
    ("software", re.compile(r"\b(software company|software firm|software maker)\b", re.I)),
]

# Job titles, longest first when matching; "former", "interim" etc. are kept by the rule.
TITLE_HEADS = (
    r"chief executive|chief executive officer|ceo|chair|chairman|chairwoman|chairperson|"
    r"co-founder|founder|director general|director|president|vice-president|"
    r"chief [a-z ]*?officer|cio|cto|cfo|coo|ccio|cmo|finance chief|head|lead|leader|"
    r"minister|secretary|commissioner|consultant|professor|partner|managing partner|"
    r"trustee|governor|manager|chief"
)
TITLE_RE = re.compile(
    r"\b((?:(?:former|interim|acting|deputy|joint|non-executive|executive|national|"
    r"medical|clinical|global|general|senior|chief|founding)\s+)*"
    r"(?:[A-Za-z-]+\s+){0,3}?(?:" + TITLE_HEADS + r")"
    r"(?:\s+(?:of|for|in)\s+[a-z][a-z ]*?)?)\b(?=\s|,|$|\.|;)",
    re.I,
)
# A title that names its organisation without a mention of it nearby.
TITLE_ORGS = {
    "information commissioner": "gaz:ico",
    "health secretary": "gaz:dhsc",
    "health and social care secretary": "gaz:dhsc",
    "secretary of state for health and social care": "gaz:dhsc",
    "secretary of state for health": "gaz:dhsc",
    "health minister": "gaz:dhsc",
    "comptroller and auditor general": "gaz:nao",
}
