"""Building the topic table (:mod:`soat.lm.topic`) from the training text: count, weigh, factorise.

:func:`build_topic` numbers the tokens (:func:`_numbered`), counts the pairs of kept syllables
of one sentence :data:`~soat.lm.topic.NEAR` + 1 to :data:`~soat.lm.topic.WINDOW` apart and
turns the counts into PPMI (:func:`_ppmi`), factorises that matrix with a truncated SVD
(ARPACK, from a fixed start vector, so the same text gives the same bytes), and writes the two
halves quantized (:func:`write_topic`). Build-time only: numpy and scipy are not imported when
soat checks text.
"""

from __future__ import annotations

import gzip
import json
from array import array
from collections.abc import Iterable
from itertools import repeat
from pathlib import Path

import numpy as np
import scipy.sparse as sparse
from scipy.sparse.linalg import svds

from soat.lm.topic import DIMENSIONS, FORMAT, MIN_COUNT, NEAR, SMOOTHING, TOPIC_TABLE, WINDOW


def build_topic(sentences: Iterable[list[str]], path: Path) -> dict:
    """Count, weigh and factorise the co-occurrences of ``sentences`` (the training text, as
    the model's tokens); write the tables to ``path``; return the manifest's entry."""
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
