"""The index: unit store, Chroma vectors and BM25, published together as generations.

Public names: `Index`, `Hit`, `DocStats`, `lexical_tokens`, `LexicalIndex`, `normalise_filters`.
"""

from assistant.index.filters import Filters, normalise_filters
from assistant.index.index import DocStats, Index
from assistant.index.lexical import LexicalIndex, lexical_tokens
from assistant.index.retrieval import Hit

__all__ = ["DocStats", "Filters", "Hit", "Index", "LexicalIndex", "lexical_tokens", "normalise_filters"]
