"""Normalization: NFC, invisible characters, odd spaces, line endings and legacy encodings.

:func:`normalize` returns a :class:`Normalized` text plus the :class:`~soat.text.offsets.OffsetMap`
back to the caller's characters and the list of edits made (the encoding rules report them).
Legacy 8-bit encodings (TCVN3, VNI-Windows, VIQR) are found by :mod:`soat.text.legacy`; the
other repairs are one regular-expression scan over the rest of the text.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import regex

from soat.syllable.typing import VOWEL_LETTERS
from soat.text.offsets import Edit, OffsetMap, apply_edits

# Zero-width and formatting characters that never belong inside Vietnamese words.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
ODD_SPACES = "\u00a0\u2007\u202f\u2009\u200a\u3000"

# The Icelandic eth, which Windows-1258 text read as Latin-1 gives for đ (both are byte 0xD0 or
# 0xF0): only at the start of a word and before a vowel, as Vietnamese writes đ, and not inside
# a phonetic transcription (/ði/, [ðə]). Icelandic never starts a word with eth: Guðrún stays.
LOOKALIKE_D = {"Ð": "Đ", "ð": "đ"}
_LOOKALIKES = "".join(LOOKALIKE_D)

# A cluster that may need composing: any letter followed by combining marks, or a lone mark.
_REPAIRS = regex.compile(
    r"(?P<nfd>\p{L}?\p{M}+)"
    rf"|(?P<lookalike>(?<![\p{{L}}/\[]\p{{M}}*)[{_LOOKALIKES}](?=[{VOWEL_LETTERS}{VOWEL_LETTERS.upper()}]))"
    rf"|(?P<invisible>[{INVISIBLE}])"
    r"|(?P<pair>[\ud800-\udbff][\udc00-\udfff])"
    r"|(?P<surrogate>[\ud800-\udfff])"
    rf"|(?P<space>[{ODD_SPACES}])"
    r"|(?P<crlf>\r\n?)"
)
# The combining marks Vietnamese is written with: tones, circumflex, breve, horn. One of them
# with no letter to sit on (``công tác,̀ sinh sống``) is a stray keystroke and is deleted.
VIETNAMESE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b")
# Every repair holds one of these; most texts hold none, and one class is quick to look for.
_NEEDS_REPAIR = regex.compile(rf"[\p{{M}}{INVISIBLE}{ODD_SPACES}{_LOOKALIKES}\r\ud800-\udfff]")


@dataclass(frozen=True)
class Normalized:
    """The normalized text, the map back to the original, and what was changed."""

    original: str
    text: str
    offsets: OffsetMap
    edits: tuple[Edit, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.offsets.span(start, end)


def _repair(match: regex.Match) -> Edit | None:
    kind = match.lastgroup
    piece = match.group()
    if kind == "nfd":
        if not unicodedata.category(piece[0]).startswith("L"):
            if VIETNAMESE_MARKS.issuperset(piece):
                return Edit(match.start(), match.end(), "", "stray")
            return None
        composed = unicodedata.normalize("NFC", piece)
        if composed == piece:
            return None
        return Edit(match.start(), match.end(), composed, "nfd")
    if kind == "lookalike":
        return Edit(match.start(), match.end(), LOOKALIKE_D[piece], "lookalike")
    if kind == "invisible":
        return Edit(match.start(), match.end(), "", "invisible")
    if kind == "pair":  # one character written as its two UTF-16 halves
        joined = piece.encode("utf-16-le", "surrogatepass").decode("utf-16-le")
        return Edit(match.start(), match.end(), joined, "pair")
    if kind == "surrogate":  # half of a UTF-16 pair, left by a broken decoding: not text
        return Edit(match.start(), match.end(), "\ufffd", "surrogate")
    if kind == "space":
        return Edit(match.start(), match.end(), " ", "space")
    if piece == "\r\n" or piece == "\r":
        return Edit(match.start(), match.end(), "\n", "newline")
    return None


def _scan(text: str, start: int, end: int) -> list[Edit]:
    first = _NEEDS_REPAIR.search(text, start, end)
    if first is None:
        return []
    edits = []
    # No repair starts before the letter ahead of the first character that needs one.
    for match in _REPAIRS.finditer(text, max(start, first.start() - 1), end):
        edit = _repair(match)
        if edit is not None:
            edits.append(edit)
    return edits


def _legacy_edits(text: str) -> list[Edit]:
    try:
        from soat.text.legacy import legacy_edits
    except ImportError:  # the legacy decoder is optional while it is being built
        return []
    return legacy_edits(text)


def normalize(text: str, legacy: bool = True) -> Normalized:
    """Normalize ``text``; every change is an :class:`Edit` in original coordinates."""
    legacy_found = _legacy_edits(text) if legacy else []
    edits: list[Edit] = []
    cursor = 0
    for edit in legacy_found:
        edits.extend(_scan(text, cursor, edit.start))
        edits.append(edit)
        cursor = edit.end
    edits.extend(_scan(text, cursor, len(text)))
    return Normalized(text, apply_edits(text, edits), OffsetMap(edits), tuple(edits))
