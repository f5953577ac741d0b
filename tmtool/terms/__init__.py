"""Terms stage: bilingual terminology learned from the memory's aligned units.

- ``extract_terms(store, TermOptions(langs=...), embed)`` → ``TermList``: source-language terms
  (single words, compounds, multi-word noun phrases; inflected forms grouped by lemma), ranked by
  termhood and translation quality, each with its renderings per language, their counts,
  documents and examples, and a consistent/inconsistent status.
- ``TermModel`` and ``spot``: the learned equivalents as a persistable model, and translation
  spotting of a term's equivalent inside a counterpart text (for ``tmtool search``);
  ``memory_model(store)`` loads the model ``tmtool terms`` saved next to the memory.

Modules: ``text`` (tokens, function words, lemmas), ``corpus`` (units as word ids),
``candidates`` (termhood), ``equivalents`` (a package: association, the main rendering, filters,
variation), ``extract`` (the pipeline over the store), ``spotting``, ``records`` (data out).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tmtool.lazy import lazy_exports

if TYPE_CHECKING:
    from tmtool.terms.extract import TermOptions, extract_terms
    from tmtool.terms.records import Example, Rendering, TermEntry, TermList
    from tmtool.terms.spotting import TermModel, memory_model, memory_path, spot

#: name → module, imported on first use: ``tmtool search`` needs only the light ``spotting``
#: (simplemma), not extraction's numpy and statistics (0.4 s of start-up)
_EXPORTS = {
    "Example": "records",
    "Rendering": "records",
    "TermEntry": "records",
    "TermList": "records",
    "TermModel": "spotting",
    "TermOptions": "extract",
    "extract_terms": "extract",
    "memory_model": "spotting",
    "memory_path": "spotting",
    "spot": "spotting",
}

__all__ = [
    "Example",
    "Rendering",
    "TermEntry",
    "TermList",
    "TermModel",
    "TermOptions",
    "extract_terms",
    "memory_model",
    "memory_path",
    "spot",
]

__getattr__ = lazy_exports(__name__, _EXPORTS)
