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


# Token text -> model word, for word tokens: most spellings come back in every document, and
# lower-casing and placing the tone mark again for each token was half the time of segments().
_MODEL_WORDS: dict[str, str] = {}
_MAX_MODEL_WORDS = 200_000  # bounded: emptied when full


def model_word(text: str) -> str:
    """The model's word for a word token's text (``canonical(text.lower())``), computed once
    per spelling."""
    word = _MODEL_WORDS.get(text)
    if word is None:
        if len(_MODEL_WORDS) >= _MAX_MODEL_WORDS:
            _MODEL_WORDS.clear()
        word = _MODEL_WORDS[text] = canonical(text.lower())
    return word


def lm_word(token: Token) -> str | None:
    """The model's word for a token, or None when the token breaks the clause."""
    if token.kind == "word":
        return model_word(token.text)
    if token.kind in NUMBER_KINDS:
        return NUM
    if token.kind == "punct" and token.text == ",":
        return ","
    return None


def segments(tokens: list[Token], min_words: int = 2) -> list[Segment]:
    """The clauses of ``tokens``, each with at least ``min_words`` model words.

    Commas are kept as the model's training text keeps them (:func:`soat.lm.corpus.lm_sentences`):
    never at the start or the end of a clause, never two in a row; a comma that opens a clause
    after a bracket or a dash would otherwise be scored as ``<s> ,``, which the model never saw.
    :func:`lm_word` inlined: this loop visits every token of every document."""
    found: list[Segment] = []
    words: list[str] = []
    indexes: list[int | None] = []
    known = _MODEL_WORDS.get

    def keep(words: list[str], indexes: list[int | None]) -> None:
        if words and words[-1] == ",":
            words.pop()
            indexes.pop()
        if len(words) >= min_words:
            found.append(Segment(words, indexes))

    for i, (kind, text, _, _, opens) in enumerate(tokens):
        if kind == "word":
            word, index = known(text) or model_word(text), i
        elif kind in NUMBER_KINDS:
            word, index = NUM, i
        elif kind == "punct" and text == ",":
            if opens and words:  # a comma opening a line: the clause before it ends there
                keep(words, indexes)
                words, indexes = [], []
            if not words or words[-1] == ",":
                continue
            word, index = ",", None
        else:  # any other token breaks the clause
            keep(words, indexes)
            words, indexes = [], []
            continue
        if opens and words:
            keep(words, indexes)
            words, indexes = [], []
        words.append(word)
        indexes.append(index)
    keep(words, indexes)
    return found
