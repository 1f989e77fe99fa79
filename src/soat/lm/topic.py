"""What a passage is about: does a word belong among the words around it, beyond its neighbours?

A trigram model sees two words on each side. It takes ``chọn đò đi suối`` (a boat) for ``chọn
đồ`` and ``vết thương phun máu đỏ`` (blood) for ``màu``, because it cannot see that the sentence
is about a river or a wound. This module gives the context rule that wider view.

Built once (:func:`soat.lm.topic_build.build_topic`, by ``soat-build``) from the training
text: how often two syllables occur within :data:`WINDOW` words of each other but not side by
side (closer than :data:`NEAR`, which the trigram already covers), as positive pointwise mutual
information (PPMI, with the context counts smoothed by the power :data:`SMOOTHING`), factorised
by a truncated SVD into :data:`DIMENSIONS` numbers per syllable on each side: ``PPMI(w, s) ≈
words[w] · contexts[s]``. ``data/topic.bin.gz`` keeps the two tables, quantized to 8 bits a
number with one scale per syllable.

At run time (:class:`TopicModel`, loaded lazily and once), :meth:`TopicModel.lean` says by how
much the passage around a word prefers the word as written to a candidate: the sum over the
passage's syllables of ``PPMI(written, s) − PPMI(candidate, s)``. A positive lean means the
passage is about the written word, and the context rule then asks for more evidence before it
changes it. Start at :meth:`TopicModel.lean`.
"""

from __future__ import annotations

import gzip
import json
import sys
from array import array
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import NamedTuple

from soat.errors import ModelError
from soat.syllable.lexicon import data_dir

TOPIC_TABLE = "topic.bin.gz"
# A syllable needs this many uses in the training text to get a row of its own.
MIN_COUNT = 50
# Co-occurrence: two syllables of one sentence at most WINDOW apart, and at least NEAR + 1.
WINDOW = 10
NEAR = 2
SMOOTHING = 0.75
DIMENSIONS = 100
FORMAT = 1


class Table(NamedTuple):
    """One quantized table: row ``i`` is ``scales[i] * codes[i * dimensions : (i + 1) *
    dimensions]``."""

    codes: array  # signed bytes
    scales: array  # floats
    dimensions: int

    def row(self, i: int) -> list[float]:
        scale, start = self.scales[i], i * self.dimensions
        return [scale * code for code in self.codes[start : start + self.dimensions]]


class TopicModel:
    """The two quantized tables of :func:`soat.lm.topic_build.build_topic`, and the lean of a
    passage. Plain Python: a check asks for a few leans per document, not worth loading numpy
    for."""

    def __init__(self, vocabulary: Sequence[str], words: Table, contexts: Table) -> None:
        self.index = {word: i for i, word in enumerate(vocabulary)}
        self.words = words
        self.contexts = contexts
        self._none = [0.0] * words.dimensions

    def passage(self, around: Iterable[str]) -> list[float]:
        """The passage's vector: the sum of its known syllables' context rows."""
        total = self._none
        for word in around:
            i = self.index.get(word)
            if i is not None:
                total = [a + b for a, b in zip(total, self.contexts.row(i), strict=True)]
        return total

    def lean(self, written: str, candidate: str, passage: list[float]) -> float:
        """How much more the passage (:meth:`passage`) goes with ``written`` than with
        ``candidate``: ``Σ PPMI(written, s) − PPMI(candidate, s)`` over its syllables (a
        syllable too rare to have a row counts as unrelated to everything)."""
        first, second = self._row(written), self._row(candidate)
        return sum((a - b) * x for a, b, x in zip(first, second, passage, strict=True))

    def _row(self, word: str) -> list[float]:
        i = self.index.get(word)
        return self._none if i is None else self.words.row(i)


def passage_around(words: Sequence[str], position: int) -> list[str]:
    """The syllables of ``words`` within :data:`WINDOW` of ``position`` but not within
    :data:`NEAR` of it: the ones the trigram model does not already see."""
    before = words[max(0, position - WINDOW) : max(0, position - NEAR)]
    return [*before, *words[position + NEAR + 1 : position + WINDOW + 1]]


@cache
def topic_model() -> TopicModel | None:
    """The shipped tables, loaded once; None when the package has none (an old build)."""
    path = data_dir() / TOPIC_TABLE
    if not path.exists():
        return None
    return read_topic(path)


def read_topic(path: Path) -> TopicModel:
    """Read a table written by :func:`soat.lm.topic_build.write_topic`: a JSON header line,
    the syllables one a line, then for each table its row scales (float32, little-endian) and
    its 8-bit codes, row by row."""
    try:
        with gzip.open(path, "rb") as stream:
            header = json.loads(stream.readline())
            rows, dimensions = header["rows"], header["dimensions"]
            vocabulary = [stream.readline().decode("utf-8").rstrip("\n") for _ in range(rows)]
            tables = []
            for _ in range(2):
                scales, codes = array("f"), array("b")
                scales.frombytes(stream.read(4 * rows))
                if sys.byteorder == "big":
                    scales.byteswap()  # written little-endian
                codes.frombytes(stream.read(rows * dimensions))
                if len(scales) != rows or len(codes) != rows * dimensions:
                    raise ValueError("the file ends early")
                tables.append(Table(codes, scales, dimensions))
    except (OSError, EOFError, ValueError, KeyError, TypeError) as error:
        raise ModelError(
            f"Bảng chủ đề {path} bị hỏng ({error}); hãy chạy `soat-build topic`.",
            f"The topic table {path} is damaged ({error}); run `soat-build topic`.",
        ) from None
    return TopicModel(vocabulary, *tables)
