"""From a document's tokens to the word sequences the language model scores.

The model was trained on clauses: runs of lower-cased syllables (tone marks in the canonical
place), ``<num>`` for numbers and ``,`` for commas, broken at every other punctuation mark
(see :func:`soat.lm.corpus.lm_sentences`). :func:`segments` cuts a
:class:`~soat.document.Document` the same way and remembers which token each model word came from.
"""

from __future__ import annotations

from typing import NamedTuple

from soat.syllable.grammar import canonical
from soat.text.tokenize import Token

NUMBER_KINDS = frozenset({"number", "percent", "date", "time"})
NUM = "<num>"


class Segment(NamedTuple):
    """Model words of one clause and, for each, the index of its token (None for ``,``)."""

    words: list[str]
    tokens: list[int | None]


def lm_word(token: Token) -> str | None:
    """The model's word for a token, or None when the token breaks the clause."""
    if token.kind == "word":
        return canonical(token.text.lower())
    if token.kind in NUMBER_KINDS:
        return NUM
    if token.kind == "punct" and token.text == ",":
        return ","
    return None


def segments(tokens: list[Token], min_words: int = 2) -> list[Segment]:
    """The clauses of ``tokens``, each with at least ``min_words`` model words."""
    found: list[Segment] = []
    words: list[str] = []
    indexes: list[int | None] = []

    def close() -> None:
        if len(words) >= min_words:
            found.append(Segment(list(words), list(indexes)))
        words.clear()
        indexes.clear()

    for i, token in enumerate(tokens):
        word = lm_word(token)
        if word is None or (token.sentence_start and words):
            close()
        if word is not None:
            words.append(word)
            indexes.append(i if word != "," else None)
    close()
    return found
