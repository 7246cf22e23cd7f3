"""nhskg: the NHS partnerships knowledge graph."""

__version__ = "0.1.0"
