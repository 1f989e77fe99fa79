"""Which doubled words Vietnamese uses on purpose: a table learnt from the training corpora.

Vietnamese doubles words deliberately (``ngày ngày``, ``từ từ``, ``người người``), and two
compounds can meet on a shared syllable (``tồn tại`` + ``tại các`` → ``tồn tại tại các``,
``trở thành thành viên``), so "the same word twice" is not an error by itself.
:func:`count_doubles` counts, over the training text, how often each word is immediately repeated
("w w" separated by one space), how often it occurs at all, and which words stand just before
and after the double. :func:`write_table` keeps the doubles seen at least :data:`MIN_DOUBLES`
times as ``double<TAB>count<TAB>single count<TAB>left words<TAB>right words`` lines, where the
left and right words are the neighbours seen at least :data:`MIN_CONTEXT` times. The
repeated-word rule (:mod:`soat.rules.document`) reads the table with :func:`doubles` and flags a
double only when the ratio says doubling that word is rare and its neighbours are not ones the
corpora double it beside.

Build (deterministic, a minute or two): ``python -m soat.lm.doubles [output.tsv]``.
"""

from __future__ import annotations

import glob
import json
import lzma
import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

import regex

from soat.syllable.grammar import canonical

MIN_DOUBLES = 3
MIN_CONTEXT = 3
# A neighbour marks a normal double when "before w w" is at least this share of "before w":
# four times the rate at which typing slips double a word (about 2.5 in 10,000).
CONTEXT_RATIO = 0.001
MAX_CONTEXT = 40
CORPUS_GLOB = "/work/shared/data/corpus/*.train.jsonl.xz"
TABLE_NAME = "doubles.tsv"
# A word followed by exactly one space and the same word (any case).
_WORD = regex.compile(r"[\p{L}\p{M}]+")


class Double(NamedTuple):
    """How often ``word word`` occurs, how often ``word`` occurs at all, and the words the
    corpora put just before (``left``) and after (``right``) the double."""

    count: int
    single: int
    left: frozenset[str] = frozenset()
    right: frozenset[str] = frozenset()

    @property
    def ratio(self) -> float:
        return self.count / max(self.single, 1)


def training_documents() -> Iterator[str]:
    """The training texts: from :mod:`soat.lm.corpus` when present, else the shared files."""
    try:
        from soat.lm.corpus import iter_documents
    except ImportError:
        iter_documents = None
    if iter_documents is not None:
        for document in iter_documents("train"):
            yield document if isinstance(document, str) else document.text
        return
    pattern = os.environ.get("SOAT_CORPUS_GLOB", CORPUS_GLOB)
    for path in sorted(glob.glob(pattern)):
        with lzma.open(path, "rt", encoding="utf-8") as lines:
            for line in lines:
                yield json.loads(line)["text"]


class Counts(NamedTuple):
    """What :func:`count_doubles` found: doubles, single words, and neighbours of doubles.

    ``left[word, before]`` counts "before word word", ``right[word, after]`` "word word after";
    ``bigrams[a, b]`` counts "a b" for the neighbour pairs only (filled by a second pass).
    """

    doubles: Counter
    singles: Counter
    left: Counter
    right: Counter
    bigrams: Counter


def _words(text: str) -> list[tuple[str, bool]]:
    """Lower-cased canonical words, each with whether one plain space separates it from the next."""
    found = [(canonical(m.group().lower()), m.start(), m.end()) for m in _WORD.finditer(text)]
    return [
        (word, i + 1 < len(found) and text[end : found[i + 1][1]] == " ")
        for i, (word, _, end) in enumerate(found)
    ]


def count_doubles(texts: Iterable[str]) -> Counts:
    """Counts of "w w" pairs, of every word, and of the words beside each double, lower-cased."""
    counts = Counts(Counter(), Counter(), Counter(), Counter(), Counter())
    for text in texts:
        words = _words(text)
        counts.singles.update(word for word, _ in words)
        for i in range(1, len(words)):
            word = words[i][0]
            if word != words[i - 1][0] or not words[i - 1][1]:
                continue
            counts.doubles[word] += 1
            if i >= 2 and words[i - 2][1]:
                counts.left[word, words[i - 2][0]] += 1
            if i + 1 < len(words) and words[i][1]:
                counts.right[word, words[i + 1][0]] += 1
    return counts


def count_bigrams(texts: Iterable[str], counts: Counts) -> None:
    """Second pass: how often each neighbour pair ("tồn tại", "tại các") occurs at all."""
    wanted = {(before, word) for (word, before), n in counts.left.items() if n >= MIN_CONTEXT}
    wanted |= {(word, after) for (word, after), n in counts.right.items() if n >= MIN_CONTEXT}
    for text in texts:
        words = _words(text)
        for i in range(len(words) - 1):
            pair = (words[i][0], words[i + 1][0])
            if words[i][1] and pair in wanted:
                counts.bigrams[pair] += 1


def _neighbours(counts: Counts, word: str, side: str) -> str:
    """Neighbours beside which the corpora double ``word`` far more often than typos would."""
    pairs = counts.left if side == "left" else counts.right
    kept = []
    for (w, other), n in pairs.items():
        bigram = (other, w) if side == "left" else (w, other)
        if w == word and n >= MIN_CONTEXT and n >= CONTEXT_RATIO * counts.bigrams[bigram]:
            kept.append((-n, other))
    return ",".join(other for _, other in sorted(kept)[:MAX_CONTEXT])


def write_table(path: Path, counts: Counts) -> int:
    """Write the doubles seen at least :data:`MIN_DOUBLES` times; returns how many."""
    kept = sorted(
        (word for word, count in counts.doubles.items() if count >= MIN_DOUBLES),
        key=lambda word: (-counts.doubles[word], word),
    )
    with open(path, "w", encoding="utf-8") as out:
        out.write("# double\tcount\tsingle\tleft\tright (soat.lm.doubles, training corpora)\n")
        for word in kept:
            left = _neighbours(counts, word, "left")
            right = _neighbours(counts, word, "right")
            out.write(
                f"{word} {word}\t{counts.doubles[word]}\t{counts.singles[word]}\t{left}\t{right}\n"
            )
    return len(kept)


def table_path() -> Path:
    """Where the table is read from: ``SOAT_MODEL_DIR`` when it has one, else the package."""
    override = os.environ.get("SOAT_MODEL_DIR")
    if override and (Path(override) / TABLE_NAME).exists():
        return Path(override) / TABLE_NAME
    return Path(str(resources.files("soat") / "data" / TABLE_NAME))


@cache
def doubles() -> dict[str, Double]:
    """The shipped table: lower-cased word → :class:`Double` (empty when missing)."""
    path = table_path()
    table: dict[str, Double] = {}
    if not path.exists():
        return table
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#"):
                continue
            pair, count, single, left, right = line.rstrip("\n").split("\t")
            table[pair.split(" ")[0]] = Double(
                int(count), int(single), frozenset(left.split(",")), frozenset(right.split(","))
            )
    return table


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    default = Path(__file__).resolve().parent.parent / "data" / TABLE_NAME
    out = Path(args[0]) if args else default
    counts = count_doubles(training_documents())
    count_bigrams(training_documents(), counts)
    kept = write_table(out, counts)
    print(f"{out}: {kept} doubles")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
