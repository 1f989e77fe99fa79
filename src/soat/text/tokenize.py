"""Tokenization of normalized text into words, numbers, dates, URLs, emoji and punctuation.

One compiled regular expression with a named group per kind scans the text left to right; the
first alternative that matches wins, so the order of :data:`_PATTERNS` matters (URLs before
words, dates before numbers). Spans are in the *normalized* text; the
:class:`~soat.document.Document` maps them back to the caller's text. Start at :func:`tokenize`.
"""

from __future__ import annotations

from typing import NamedTuple

import regex

_PATTERNS = (
    ("url", r"(?:https?://|www\.)[^\s<>\"'“”]+[^\s<>\"'“”.,;:!?)\]]"),
    ("email", r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    ("hashtag", r"(?<![\w#])#[\p{L}\p{M}\p{N}_]+"),
    ("mention", r"(?<![\w@])@[\p{L}\p{M}\p{N}_.]*[\p{L}\p{M}\p{N}_]"),
    ("date", r"\b(?:\d{1,2}[/-]\d{1,2}[/-]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2})\b"),
    ("time", r"\b\d{1,2}(?::\d{2}(?::\d{2})?|h\d{2}\b|h(?![\p{L}]))"),
    ("percent", r"\d+(?:[.,]\d+)*\s?%"),
    ("code", r"\d+[\p{L}][\p{L}\p{N}]*"),
    ("number", r"\d+(?:[.,]\d+)*"),
    ("word", r"[\p{L}\p{M}][\p{L}\p{M}\p{N}]*(?:['’][\p{L}\p{M}]+)*"),
    ("emoji", r"[\p{Extended_Pictographic}\p{Regional_Indicator}][\p{Extended_Pictographic}"
              r"\p{Regional_Indicator}\u200d\ufe0f\U0001F3FB-\U0001F3FF]*"),
    ("ellipsis", r"\.{3,}|…"),
    ("punct", r"[^\s\p{L}\p{M}\p{N}]"),
    ("space", r"\s+"),
)
_TOKEN = regex.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern in _PATTERNS))
SENTENCE_END = frozenset(".!?…")


class Token(NamedTuple):
    """A token of the normalized text: ``text == normalized[start:end]``."""

    kind: str
    text: str
    start: int
    end: int
    sentence_start: bool

    @property
    def is_word(self) -> bool:
        return self.kind == "word"

    @property
    def is_capitalized(self) -> bool:
        return self.text[:1].isupper()


def tokenize(text: str) -> list[Token]:
    """All tokens of ``text`` except whitespace, each marked when it starts a sentence."""
    tokens: list[Token] = []
    starts_sentence = True
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        piece = match.group()
        if kind == "space":
            if "\n" in piece:
                starts_sentence = True
            continue
        tokens.append(Token(kind, piece, match.start(), match.end(), starts_sentence))
        if kind == "ellipsis" or (kind == "punct" and piece in SENTENCE_END):
            starts_sentence = True
        elif kind != "punct" or piece not in "\"'“”‘’«»()[]-–—":
            starts_sentence = False
    return tokens
