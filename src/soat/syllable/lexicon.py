"""Which words soat knows, and how often the corpora use them.

The counts come from ``data/unigrams.tsv.gz``, built by ``soat-build model`` from the shared
corpora (lower-cased tokens, canonical tone placement). A syllable is *known* when it is well
formed and attested at least :data:`MIN_ATTESTED` times, or when it is frequent enough
(:data:`MIN_FREQUENT`) to be a name or a loanword; rare forms are suspect, since the news has
typos too. Start at :func:`lexicon`, which loads the one shared :class:`Lexicon` lazily.
"""

from __future__ import annotations

import gzip
import math
import os
from bisect import bisect_right
from functools import cache
from importlib import resources
from operator import neg
from pathlib import Path

from soat.errors import ModelError
from soat.syllable.grammar import WELL_FORMED, canonical

MIN_ATTESTED = 3
MIN_FREQUENT = 100


def data_dir() -> Path:
    """Where the shipped artefacts live (``SOAT_MODEL_DIR`` overrides, for builds and tests)."""
    override = os.environ.get("SOAT_MODEL_DIR")
    if override:
        return Path(override)
    return Path(str(resources.files("soat") / "data"))


class Lexicon:
    """Token counts and the set of known Vietnamese syllables."""

    def __init__(self, counts: dict[str, int]) -> None:
        self.counts = counts
        words, values = list(counts), list(counts.values())
        self.total = sum(values) or 1
        if values != sorted(values, reverse=True):
            # The builder writes the commonest words first; put any other table in that order.
            order = sorted(range(len(values)), key=values.__getitem__, reverse=True)
            words, values = [words[i] for i in order], [values[i] for i in order]
        # Well-formed syllables the corpora use: the only ones offered as fixes.
        attested = frozenset(words[: _how_many_at_least(values, MIN_ATTESTED)])
        self.vietnamese = attested & WELL_FORMED
        frequent = frozenset(words[: _how_many_at_least(values, MIN_FREQUENT)])
        self.known_syllables = self.vietnamese | frequent

    def count(self, word: str) -> int:
        return self.counts.get(word, 0)

    def log_frequency(self, word: str) -> float:
        """log10 of the relative frequency, with add-one smoothing."""
        return math.log10((self.counts.get(word, 0) + 1) / self.total)

    def is_known(self, lower: str) -> bool:
        """Is lower-case ``lower`` a known syllable (or a frequent name/loanword)?"""
        return lower in self.known_syllables or canonical(lower) in self.known_syllables


def _how_many_at_least(counts: list[int], least: int) -> int:
    """How many of ``counts`` (most first) are at least ``least``: a bisection, not a scan."""
    return bisect_right(counts, -least, key=neg)


def _read_counts(path: Path) -> dict[str, int]:
    """``word<TAB>count`` lines; ``#`` lines are comments (the first holds the token total)."""
    # The whole file at once: a third of the time of reading it line by line.
    text = gzip.decompress(path.read_bytes()).decode("utf-8")
    while text.startswith("#"):  # comment lines lead the file
        text = text[text.find("\n") + 1 :] if "\n" in text else ""
    # Tokens hold no whitespace, so the rest splits into alternating words and counts.
    fields = text.split()
    # Few counts differ (a few thousand in 75,000 lines): each is parsed once.
    written = fields[1::2]
    value = {count: int(count) for count in set(written)}
    return dict(zip(fields[::2], map(value.__getitem__, written), strict=True))


@cache
def lexicon() -> Lexicon:
    """The shipped lexicon, loaded once."""
    path = data_dir() / "unigrams.tsv.gz"
    if not path.exists():
        raise ModelError(
            f"Thiếu tệp dữ liệu {path}; hãy chạy `soat-build model`.",
            f"Missing data file {path}; run `soat-build model`.",
        )
    return Lexicon(_read_counts(path))
