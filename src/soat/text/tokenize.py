"""Tokenization of normalized text into words, numbers, dates, URLs, emoji and punctuation.

One compiled regular expression with a named group per kind scans the text left to right; the
first alternative that matches wins, so the order of :data:`_PATTERNS` matters (URLs before
words, dates before numbers). Spans are in the *normalized* text; the
:class:`~soat.document.Document` maps them back to the caller's text. Start at :func:`tokenize`.

Tokenizing is the hot path of every check, so it does as little per token as it can:

* the expression is cut to what a text can hold (:func:`_scanner`): without an ``@`` no e-mail
  or mention can match, and without ``http`` or ``www.`` no URL can, so those alternatives,
  which would otherwise be tried at every word, are left out; the word alternative is tried
  right after URLs and e-mails (the kinds in between begin with ``#``, ``@`` or a digit, which
  no word does, so the first match at each position is unchanged);
* no kind begins with whitespace and five begin with a digit, so one look-ahead skips a space
  and one more skips the five kinds at any other character, without changing what matches;
* which tokens start a sentence is worked out only where one can (:func:`_sentence_starts`),
  and the tokens are then made in one go; :func:`scan` also hands over the columns it made on
  the way (kinds, texts, starts), which the :class:`~soat.document.Document` keeps.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import cache, partial
from itertools import compress
from operator import attrgetter, itemgetter
from typing import NamedTuple

import regex

_PATTERNS = (
    ("url", r"(?:https?://|www\.)[^\s<>\"'“”]+[^\s<>\"'“”.,;:!?)\]]"),
    ("email", r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    # A sign not preceded by a word character or another sign; the look-behind comes after the
    # sign so that it is only tried where there is one.
    ("hashtag", r"#(?<![\w#]#)[\p{L}\p{M}\p{N}_]+"),
    ("mention", r"@(?<![\w@]@)[\p{L}\p{M}\p{N}_.]*[\p{L}\p{M}\p{N}_]"),
    ("date", r"\b(?:\d{1,2}[/-]\d{1,2}[/-]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2})\b"),
    ("time", r"\b\d{1,2}(?::\d{2}(?::\d{2})?|h\d{2}\b|h(?![\p{L}]))"),
    ("percent", r"\d+(?:[.,]\d+)*\s?%"),
    ("code", r"\d+\p{L}[\p{L}\p{M}\p{N}]*"),
    ("number", r"\d+(?:[.,]\d+)*"),
    ("word", r"[\p{L}\p{M}][\p{L}\p{M}\p{N}]*(?:['’][\p{L}\p{M}]+)*"),
    (
        "emoji",
        r"[\p{Extended_Pictographic}\p{Regional_Indicator}][\p{Extended_Pictographic}"
        r"\p{Regional_Indicator}\u200d\ufe0f\U0001F3FB-\U0001F3FF]*",
    ),
    ("ellipsis", r"\.{3,}|…"),
    ("punct", r"[^\s\p{L}\p{M}\p{N}]"),
)  # whitespace is no token: a character nothing matches is skipped
# The kinds that begin with a digit, consecutive in _PATTERNS.
_DIGIT_KINDS = ("date", "time", "percent", "code", "number")
SENTENCE_END = frozenset(".!?…")
# Punctuation that neither ends a sentence nor stops the next word from starting one.
_TRANSPARENT = frozenset("\"'“”‘’«»()[]-–—")


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


_make_token = partial(tuple.__new__, Token)  # a Token from a tuple of its fields, at C speed
_kind, _piece = attrgetter("lastgroup"), itemgetter(0)


@cache
def _scanner(urls: bool, at_signs: bool) -> regex.Pattern:
    """The token expression for a text that may hold URLs and may hold ``@``."""
    order = ["url", "email", "word"] + [
        name for name, _ in _PATTERNS if name not in ("url", "email", "word")
    ]
    if not urls:
        order.remove("url")
    if not at_signs:
        order.remove("email")
        order.remove("mention")
    patterns = {name: f"(?P<{name}>{pattern})" for name, pattern in _PATTERNS}
    digits = "|".join(patterns.pop(name) for name in _DIGIT_KINDS)
    patterns[_DIGIT_KINDS[0]] = rf"(?=\d)(?:{digits})"
    alternatives = "|".join(patterns[name] for name in order if name in patterns)
    return regex.compile(rf"(?=\S)(?:{alternatives})")


def _sentence_starts(
    text: str, kinds: list[str], pieces: list[str], begins: list[int], ends: list[int]
) -> list[bool]:
    """Which tokens start a sentence: the first, the first after a line break, and the first
    after ``. ! ? …``, where quotes, brackets and dashes in between pass the start on.

    Only those few places are visited; every other token is a word or mark after a word.
    """
    count = len(kinds)
    starts = [False] * count
    triggers = [0]
    stops = compress(range(count), map(SENTENCE_END.__contains__, pieces))
    triggers += [index + 1 for index in stops if kinds[index] == "punct"]
    triggers += [index + 1 for index in compress(range(count), map("ellipsis".__eq__, kinds))]
    if "\n" in text:
        at = text.find("\n")
        while at >= 0:
            index = bisect_right(begins, at)
            if not (index and ends[index - 1] > at):  # not inside a token ("5\n%")
                triggers.append(index)
            at = text.find("\n", at + 1)
    for index in triggers:
        while index < count and not starts[index]:
            starts[index] = True
            if kinds[index] != "punct" or pieces[index] not in _TRANSPARENT:
                break
            index += 1
    return starts


class Columns(NamedTuple):
    """The tokens of a text, and three of their fields column by column."""

    tokens: list[Token]
    kinds: list[str]
    texts: list[str]
    starts: list[int]


def scan(text: str) -> Columns:
    """All tokens of ``text`` except whitespace, each marked when it starts a sentence, with
    their kinds, texts and start offsets as lists."""
    scanner = _scanner("http" in text or "www." in text, "@" in text)
    matches = list(scanner.finditer(text))
    # Column by column, then the tokens in one go: no Python step per token.
    kinds = list(map(_kind, matches))
    pieces = list(map(_piece, matches))
    begins, ends = list(map(regex.Match.start, matches)), list(map(regex.Match.end, matches))
    starts = _sentence_starts(text, kinds, pieces, begins, ends)
    tokens = list(map(_make_token, zip(kinds, pieces, begins, ends, starts, strict=True)))
    return Columns(tokens, kinds, pieces, begins)


def tokenize(text: str) -> list[Token]:
    """All tokens of ``text`` except whitespace, each marked when it starts a sentence."""
    return scan(text).tokens
