"""Our spaCy components, each registered under a versioned name (``nhskg.<what>.v1``).

Importing this package registers them all. Each one reads what the ones before it left
on the ``Doc`` (``ingest/extract/state.py``) and adds its own part; each has a ``match``
step (find candidates) and a ``set_annotations`` step (write them), as spaCy's own do.
"""

from ingest.extract.components import (  # noqa: F401
    abbreviations,
    amounts,
    co_prefix,
    coref,
    entity_ruler,
    entity_scorer,
    lemmas,
    org_typer,
    paragraphs,
    relations,
    sectors,
)
