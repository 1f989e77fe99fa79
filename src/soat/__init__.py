"""soat — an offline proofreader for Vietnamese.

>>> import soat
>>> [i.replacements[0] for i in soat.check("Món này rất thich hợp.", use_model=False)]
['thích']

Start reading at :mod:`soat.check` (the pipeline) and :mod:`soat.issue` (what it returns).
"""

from __future__ import annotations

from soat.check import check, fix
from soat.issue import Issue, apply_fixes
from soat.options import Options

__version__ = "0.1.0"
__all__ = ["Issue", "Options", "apply_fixes", "check", "fix", "list_rules", "load", "__version__"]


def list_rules() -> list:
    """Every registered rule (objects with ``id``, ``category``, ``severity``, ``description``)."""
    from soat.rules import all_rules

    return all_rules()


def load() -> None:
    """Load the lexicon, candidate tables and language model now rather than on first use."""
    from soat.syllable.candidates import generator

    tables = generator()
    tables.by_bare, tables.by_delete  # noqa: B018 - built now rather than at the first slip
    list_rules()
    try:
        from soat.lm.model import model
    except ImportError:
        return
    model()


def restore_diacritics(text: str, all: bool = False) -> str:  # noqa: A002 - mirrors --all
    """Put back the tone marks and diacritics of text typed without them."""
    from soat.lm.restore import restore

    return restore(text, keep_marked=not all)
