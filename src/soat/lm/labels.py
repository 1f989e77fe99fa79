"""One-word clauses and the mark that ends them: ``Ảnh:`` opens a caption, ``(Anh)`` names a
country.

The language model never sees a clause of one word: :func:`soat.lm.corpus.lm_sentences` drops
them. So when :mod:`soat.lm.restore` puts the marks back on ``Anh: Reuters``, the model can only
say which syllable is likelier to open and end a clause, and ``anh`` wins. The corpora know
better: 14,065 one-word clauses ``Ảnh:`` and 38 ``Anh:``, while ``(Anh)`` is mostly the country.

:func:`count_labels` counts, in a training text, each one-word clause that ends in ``:`` or
``)`` with its spelling; :func:`write_labels` keeps, for bare letters with several spellings and
a mark, the spelling written at least :data:`MIN_SHARE` of at least :data:`MIN_COUNT` times, as
``bare<TAB>mark<TAB>spelling<TAB>count<TAB>total`` lines (``labels.tsv``, built with the model);
:func:`labels` reads them back. Start at :func:`count_labels`.
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path

import regex

from soat.syllable.grammar import canonical
from soat.syllable.lexicon import data_dir
from soat.syllable.typing import strip_marks

LABEL_TABLE = "labels.tsv"
MARKS = ":)"
MIN_COUNT = 20
MIN_SHARE = 0.9
# The mark that ends a one-word clause, after any spaces: the build and the restorer share it.
_ENDING = rf"[ \t]*([{regex.escape(MARKS)}])"
MARK_AFTER = regex.compile(_ENDING)
# A word alone between the start of a line or a mark that ends a clause, and ``:`` or ``)``.
_ONE_WORD = regex.compile(
    r"(?:^|[.!?:;()\[\]\"“”…–-])[ \t]*(\p{L}[\p{L}\p{M}]*)" + _ENDING, regex.MULTILINE
)


def count_labels(text: str, counts: Counter) -> None:
    """Add the one-word clauses of ``text`` to ``counts``, keyed ``(bare, mark, spelling)``."""
    for match in _ONE_WORD.finditer(unicodedata.normalize("NFC", text)):
        word = canonical(match.group(1).lower())
        counts[strip_marks(word), match.group(2), word] += 1


def write_labels(counts: Counter, path: Path) -> int:
    """Write the table of :func:`labels` (same counts, same bytes); return its entries."""
    spellings: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for (bare, mark, word), count in counts.items():
        spellings[bare, mark][word] += count
    rows = []
    for (bare, mark), found in spellings.items():
        total = sum(found.values())
        word, count = min(found.items(), key=lambda item: (-item[1], item[0]))
        if len(found) > 1 and total >= MIN_COUNT and count >= MIN_SHARE * total:
            rows.append(f"{bare}\t{mark}\t{word}\t{count}\t{total}\n")
    header = "# bare\tmark\tspelling\tcount\ttotal (soat.lm.labels, training corpora)\n"
    path.write_text(header + "".join(sorted(rows)), encoding="utf-8", newline="\n")
    return len(rows)


@cache
def labels() -> dict[tuple[str, str], str]:
    """``(bare letters, mark) → spelling`` for one-word clauses; empty without the table (a
    model built before it)."""
    path = data_dir() / LABEL_TABLE
    if not path.exists():
        return {}
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            bare, mark, word, *_ = line.split("\t")
            table[bare, mark] = word
    return table
