"""What a passage is about: does a word belong among the words around it, beyond its neighbours?

A trigram model sees two words on each side. It takes ``chọn đò đi suối`` (a boat) for ``chọn
đồ`` and ``ngáp hoài`` (to yawn) for ``ngập``, because it cannot see that the sentence is about a
river or about sleep. This module gives the context rule that wider view.

Built once (:func:`build_topic`, by ``soat-build``) from the training text: how often two
syllables occur within :data:`WINDOW` words of each other but not side by side (closer than
:data:`NEAR`, which the trigram already covers), as positive pointwise mutual information
(PPMI, with the context counts smoothed by the power :data:`SMOOTHING`), factorised by a
truncated SVD into :data:`DIMENSIONS` numbers per syllable on each side: ``PPMI(w, s) ≈
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
from array import array
from collections.abc import Iterable, Sequence
from functools import cache
from itertools import repeat
from pathlib import Path

import numpy as np

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


class TopicModel:
    """The two quantized tables of :func:`build_topic`, and the lean of a passage."""

    def __init__(self, vocabulary: Sequence[str], words: np.ndarray, contexts: np.ndarray) -> None:
        self.index = {word: i for i, word in enumerate(vocabulary)}
        self.words = words
        self.contexts = contexts
        self._none = np.zeros(words.shape[1], dtype=np.float32)

    def passage(self, around: Iterable[str]) -> np.ndarray:
        """The passage's vector: the sum of its known syllables' context rows."""
        rows = [self.index[word] for word in around if word in self.index]
        if not rows:
            return self._none
        return self.contexts[rows].sum(axis=0)

    def lean(self, written: str, candidate: str, passage: np.ndarray) -> float:
        """How much more the passage (:meth:`passage`) goes with ``written`` than with
        ``candidate``: ``Σ PPMI(written, s) − PPMI(candidate, s)`` over its syllables (a
        syllable too rare to have a row counts as unrelated to everything)."""
        return float((self._row(written) - self._row(candidate)) @ passage)

    def _row(self, word: str) -> np.ndarray:
        i = self.index.get(word)
        return self._none if i is None else self.words[i]


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
    """Read a table written by :func:`write_topic`."""
    with gzip.open(path, "rb") as stream:
        header = json.loads(stream.readline())
        vocabulary = [stream.readline().decode("utf-8").rstrip("\n") for _ in range(header["rows"])]
        dims, rows = header["dimensions"], header["rows"]
        tables = []
        for _ in range(2):
            scales = np.frombuffer(stream.read(4 * rows), dtype="<f4")
            codes = np.frombuffer(stream.read(rows * dims), dtype=np.int8).reshape(rows, dims)
            tables.append(codes.astype(np.float32) * scales[:, None])
    return TopicModel(vocabulary, *tables)


# --- build ----------------------------------------------------------------------------------


def build_topic(sentences: Iterable[list[str]], path: Path) -> dict:
    """Count, weigh and factorise the co-occurrences of ``sentences`` (the training text, as
    the model's tokens); write the tables to ``path``; return the manifest's entry."""
    from scipy.sparse.linalg import svds

    tokens, sentence_of, names, counts = _numbered(sentences)
    ranked = sorted(range(len(names)), key=lambda t: (-counts[t], names[t]))
    kept = [t for t in ranked if counts[t] >= MIN_COUNT and names[t].isalpha()]
    row_of = np.full(len(names), -1, dtype=np.int32)
    row_of[kept] = np.arange(len(kept), dtype=np.int32)
    ppmi = _ppmi(row_of[tokens], sentence_of, len(kept))
    start = np.random.default_rng(0).random(len(kept))  # ARPACK's start vector: fixed
    left, values, right = svds(ppmi, k=DIMENSIONS, v0=start)
    order = np.argsort(-values)
    root = np.sqrt(values[order])
    words, contexts = left[:, order] * root, right[order].T * root
    # A singular pair's sign is arbitrary: make each column's largest entry positive.
    signs = np.sign(words[np.abs(words).argmax(axis=0), np.arange(DIMENSIONS)])
    write_topic(path, [names[t] for t in kept], words * signs, contexts * signs)
    return {
        "table": TOPIC_TABLE,
        "source": "the train split's model sentences, as for lm.binary",
        "built_by": "soat-build model, or soat-build topic alone",
        "min_count": MIN_COUNT,
        "window": WINDOW,
        "near": NEAR,
        "smoothing": SMOOTHING,
        "dimensions": DIMENSIONS,
        "rows": len(kept),
        "ppmi_entries": int(ppmi.nnz),
    }


def _numbered(
    sentences: Iterable[list[str]],
) -> tuple[np.ndarray, np.ndarray, list[str], np.ndarray]:
    """All tokens as numbers (in order of first use), each token's sentence number, the
    tokens' names and how often each was used."""
    numbers: dict[str, int] = {}
    tokens, sentence_of = array("i"), array("i")
    for k, sentence in enumerate(sentences):
        tokens.extend(numbers.setdefault(word, len(numbers)) for word in sentence)
        sentence_of.extend(repeat(k, len(sentence)))
    token_array = np.frombuffer(tokens, dtype=np.int32)
    counts = np.bincount(token_array, minlength=len(numbers))
    return token_array, np.frombuffer(sentence_of, dtype=np.int32), list(numbers), counts


def _ppmi(rows: np.ndarray, sentence_of: np.ndarray, size: int):
    """The PPMI matrix of the kept tokens (``rows``, -1 for the others) of one sentence
    between NEAR + 1 and WINDOW apart, in both directions."""
    import scipy.sparse as sparse

    together = sparse.csr_matrix((size, size), dtype=np.float64)
    for gap in range(NEAR + 1, WINDOW + 1):
        first, second = rows[:-gap], rows[gap:]
        keep = (first >= 0) & (second >= 0) & (sentence_of[:-gap] == sentence_of[gap:])
        ones = np.ones(int(keep.sum()), dtype=np.float64)
        pairs = sparse.coo_matrix((ones, (first[keep], second[keep])), shape=(size, size))
        together = together + pairs.tocsr() + pairs.T.tocsr()
    together = together.tocoo()
    total = together.data.sum()
    word_totals = np.asarray(together.sum(axis=1)).ravel()
    smoothed = word_totals**SMOOTHING
    smoothed *= total / smoothed.sum()
    pmi = np.log(together.data * total / (word_totals[together.row] * smoothed[together.col]))
    positive = pmi > 0
    return sparse.csr_matrix(
        (pmi[positive], (together.row[positive], together.col[positive])), shape=(size, size)
    )


def write_topic(path: Path, vocabulary: list[str], words: np.ndarray, contexts: np.ndarray) -> None:
    """A JSON header line, the syllables one a line, then for each table its row scales
    (float32) and its 8-bit codes, row by row; gzip without a date, so the bytes repeat."""
    header = {"format": FORMAT, "rows": len(vocabulary), "dimensions": int(words.shape[1])}
    with (
        path.open("wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as stream,
    ):
        stream.write(json.dumps(header, sort_keys=True).encode("utf-8") + b"\n")
        stream.write("".join(f"{word}\n" for word in vocabulary).encode("utf-8"))
        for table in (words, contexts):
            scales = np.abs(table).max(axis=1) / 127
            scales[scales == 0] = 1
            codes = np.rint(table / scales[:, None]).astype(np.int8)
            stream.write(scales.astype("<f4").tobytes())
            stream.write(codes.tobytes())
