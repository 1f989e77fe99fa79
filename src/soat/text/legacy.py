"""Legacy Vietnamese encodings (TCVN3, VNI-Windows, VIQR) found and decoded inside a Unicode text.

Before Unicode, Vietnamese was typed in 8-bit font encodings. When such bytes are later read as
Windows-1252 (or Latin-1) the caller's ``str`` holds mojibake: ``Việt Nam`` arrives as TCVN3
``ViÖt Nam`` (the ABC/.VnTime fonts give every marked letter one byte) or as VNI-Windows
``Vieät Nam`` (a base letter followed by a byte for its marks). VIQR is the ASCII convention of
writing the marks after the letter: ``Vie^.t Nam``. This module finds such words and returns one
:class:`~soat.text.offsets.Edit` per word, in the caller's coordinates, whose replacement is the
NFC Vietnamese. :func:`soat.text.normalize.normalize` applies them.

Ordinary text must never be touched (``Peña``, ``Köln``, ``café``, ``Is it ok?``, Unicode
Vietnamese itself), so detection works on evidence and precision comes first:

1. One compiled regex (``_HINT``) looks for characters ordinary text almost never holds: TCVN3
   bytes that are not Vietnamese letters (``Ö``, ``µ``, soft hyphen), VNI mark bytes (``ø``,
   ``ä``, ``û``), VIQR hats (``e^``, ``u+``). No hint: nothing else runs.
2. The line around each hint is cut into words and each word is *read* in each encoding (see
   ``_CODECS``): it gets a decoding and an :class:`_Evidence` grade. A word is ``STRONG``
   evidence only when its decoding is a well-formed Vietnamese syllable and the word as written
   is not one.
3. The words of a line form runs, cut at words the encoding cannot produce (Unicode ``Việt`` is
   not TCVN3). A run is decoded when it holds two different strong words (or one ``CERTAIN``
   word), most of its words read as Vietnamese and nearly all of its legacy-looking words
   decode; once one run of a document is decoded, runs with a single strong word are too.

Limits, by nature of the encodings. TCVN3 has no codes for capital toned vowels: ``Ấ`` comes
back as a capital only in a word written in capitals or at the start of a sentence (``châu Á``
comes back as ``châu á``). In VIQR without escapes a final ``.`` or ``?`` may be a tone or
punctuation (``Bo^.`` before a capital): :func:`_final_mark_is_punctuation` guesses. Words that
run two syllables together (``«t«`` for ``ôtô``) are left as they are.

Start reading at :func:`legacy_edits`. The tables come first, then the three codecs
(``encode_*`` and the word readers), then detection.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from enum import IntEnum
from functools import lru_cache
from typing import NamedTuple

import regex

from soat.syllable.grammar import is_well_formed
from soat.text.offsets import Edit

# ------------------------------------------------------------------------------------- letters

# Tone order used by every table here: ngang, sắc, huyền, hỏi, ngã, nặng.
_TONE_MARKS = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")
_VOWELS = "aăâeêioôơuưy"
_ALL_VOWELS = _VOWELS + _VOWELS.upper()
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")

# (vowel without tone, tone) -> the NFC letter, both cases.
_JOIN: dict[tuple[str, int], str] = {
    (vowel, tone): unicodedata.normalize("NFC", vowel + _TONE_MARKS[tone])
    for vowel in _ALL_VOWELS
    for tone in range(6)
}
# The NFC letter -> (vowel without tone, tone).
_SPLIT: dict[str, tuple[str, int]] = {letter: key for key, letter in _JOIN.items()}


def _plausible(word: str) -> bool:
    """True when ``word`` is one well-formed Vietnamese syllable, in lower, Title or UPPER case."""
    if not (word.islower() or word.isupper() or word.istitle()):
        return False
    return is_well_formed(word.lower())


# --------------------------------------------------------------------------------------- TCVN3

# TCVN 5712:1993 VN3, the ABC/.VnTime encoding: byte for each toned vowel, in the order the
# standard lays them out (huyền, hỏi, ngã, sắc, nặng).
_TCVN3_TONE_ORDER = (2, 3, 4, 1, 5)
_TCVN3_TONED = {
    "a": (0xB5, 0xB6, 0xB7, 0xB8, 0xB9),
    "ă": (0xBB, 0xBC, 0xBD, 0xBE, 0xC6),
    "â": (0xC7, 0xC8, 0xC9, 0xCA, 0xCB),
    "e": (0xCC, 0xCE, 0xCF, 0xD0, 0xD1),
    "ê": (0xD2, 0xD3, 0xD4, 0xD5, 0xD6),
    "i": (0xD7, 0xD8, 0xDC, 0xDD, 0xDE),
    "o": (0xDF, 0xE1, 0xE2, 0xE3, 0xE4),
    "ô": (0xE5, 0xE6, 0xE7, 0xE8, 0xE9),
    "ơ": (0xEA, 0xEB, 0xEC, 0xED, 0xEE),
    "u": (0xEF, 0xF1, 0xF2, 0xF3, 0xF4),
    "ư": (0xF5, 0xF6, 0xF7, 0xF8, 0xF9),
    "y": (0xFA, 0xFB, 0xFC, 0xFD, 0xFE),
}
# Letters with a code in both cases; capital toned vowels have none (.VnTimeH fonts draw the
# lower-case codes as capitals).
_TCVN3_PLAIN = {
    "Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6, "Đ": 0xA7,
    "ă": 0xA8, "â": 0xA9, "ê": 0xAA, "ô": 0xAB, "ơ": 0xAC, "ư": 0xAD, "đ": 0xAE,
}  # fmt: skip


def _tcvn3_tables() -> tuple[dict[str, str], dict[str, str]]:
    # Bytes 0xA0-0xFF read the same in Windows-1252 and Latin-1: chr(byte) is the mojibake.
    decode = {chr(byte): letter for letter, byte in _TCVN3_PLAIN.items()}
    for vowel, codes in _TCVN3_TONED.items():
        for tone, byte in zip(_TCVN3_TONE_ORDER, codes, strict=True):
            decode[chr(byte)] = _JOIN[(vowel, tone)]
    encode = {letter: code for code, letter in decode.items()}
    for (vowel, tone), letter in _JOIN.items():
        if letter not in encode and vowel.isupper():
            encode[letter] = encode.get(_JOIN[(vowel.lower(), tone)], letter)
    return decode, encode


_TCVN3_DECODE, _TCVN3_ENCODE = _tcvn3_tables()
_TCVN3_TONED_CODES = frozenset(chr(code) for codes in _TCVN3_TONED.values() for code in codes)


def encode_tcvn3(text: str) -> str:
    """``Việt Nam`` → ``ViÖt Nam``: TCVN3 bytes as read by Windows-1252.

    Capital toned vowels, which TCVN3 cannot write, get the lower-case code.
    """
    return "".join(_TCVN3_ENCODE.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


def _decode_tcvn3(word: str) -> str:
    decoded = "".join(_TCVN3_DECODE.get(ch, ch) for ch in word)
    # A word in capitals (VIÖT) was typed with the .VnTimeH fonts: its toned codes are capitals.
    letters = [ch for ch in word if ch in _ASCII_LETTERS]
    if any(ch in _ASCII_LETTERS for ch in word[1:]) and all(ch.isupper() for ch in letters):
        return decoded.upper()
    return decoded


# ----------------------------------------------------------------------------------------- VNI

# VNI-Windows writes a vowel as a base byte followed by a mark byte; the marks for ngang, sắc,
# huyền, hỏi, ngã, nặng depend on the vowel's hat. i, ỵ, ơ, ư and đ have bytes of their own.
_VNI_TONES = ("", "ù", "ø", "û", "õ", "ï")
_VNI_CIRCUMFLEX = ("â", "á", "à", "å", "ã", "ä")
_VNI_BREVE = ("ê", "é", "è", "ú", "ü", "ë")
_VNI_VOWELS: dict[str, tuple[str, ...]] = {
    "a": tuple("a" + mark for mark in _VNI_TONES),
    "ă": tuple("a" + mark for mark in _VNI_BREVE),
    "â": tuple("a" + mark for mark in _VNI_CIRCUMFLEX),
    "e": tuple("e" + mark for mark in _VNI_TONES),
    "ê": tuple("e" + mark for mark in _VNI_CIRCUMFLEX),
    "i": ("i", "í", "ì", "æ", "ó", "ò"),
    "o": tuple("o" + mark for mark in _VNI_TONES),
    "ô": tuple("o" + mark for mark in _VNI_CIRCUMFLEX),
    "ơ": tuple("ô" + mark for mark in _VNI_TONES),
    "u": tuple("u" + mark for mark in _VNI_TONES),
    "ư": tuple("ö" + mark for mark in _VNI_TONES),
    "y": ("y", "yù", "yø", "yû", "yõ", "î"),
}


def _vni_tables() -> tuple[dict[str, str], dict[str, str]]:
    encode = {"đ": "ñ", "Đ": "Ñ"}
    for vowel, spellings in _VNI_VOWELS.items():
        for tone, spelling in enumerate(spellings):
            encode[_JOIN[(vowel, tone)]] = spelling
            encode[_JOIN[(vowel.upper(), tone)]] = spelling.upper()
    decode = {}
    for letter, spelling in encode.items():
        if spelling in _ASCII_LETTERS:
            continue
        decode[spelling] = letter
        if len(spelling) == 2:  # the mark byte in the other case (Oâ as well as OÂ)
            decode[spelling[0] + spelling[1].swapcase()] = letter
    return decode, encode


_VNI_DECODE, _VNI_ENCODE = _vni_tables()
_VNI_BYTES = frozenset(ch for spelling in _VNI_DECODE for ch in spelling) - _ASCII_LETTERS


def encode_vni(text: str) -> str:
    """``Việt Nam`` → ``Vieät Nam``: VNI-Windows bytes as read by Windows-1252."""
    return "".join(_VNI_ENCODE.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


def _decode_vni(word: str) -> str | None:
    """The letters a VNI word spells; None when a mark byte has no vowel to sit on."""
    letters = []
    i = 0
    while i < len(word):
        pair = _VNI_DECODE.get(word[i : i + 2]) if i + 1 < len(word) else None
        if pair is not None:
            letters.append(pair)
            i += 2
            continue
        ch = word[i]
        single = _VNI_DECODE.get(ch)
        if single is not None:
            letters.append(single)
        elif ch in _ASCII_LETTERS:
            letters.append(ch)
        else:
            return None
        i += 1
    return "".join(letters)


# ---------------------------------------------------------------------------------------- VIQR

# VIQR (RFC 1456): ^ ( + after a vowel give its hat, ' ` ? ~ . its tone, dd is đ, and a
# backslash makes the next mark character literal.
_VIQR_HATS = {
    ("a", "("): "ă", ("a", "^"): "â", ("e", "^"): "ê",
    ("o", "^"): "ô", ("o", "+"): "ơ", ("u", "+"): "ư",
}  # fmt: skip
_VIQR_HATS |= {(base.upper(), mark): hat.upper() for (base, mark), hat in _VIQR_HATS.items()}
_VIQR_TONES = ("", "'", "`", "?", "~", ".")
_VIQR_MARKS = frozenset("^(+'`?~.\\")


def _viqr_tables() -> dict[str, str]:
    encode = {"đ": "dd", "Đ": "DD"}
    unhat = {hat: base + mark for (base, mark), hat in _VIQR_HATS.items()}
    for (vowel, tone), letter in _JOIN.items():
        encode[letter] = unhat.get(vowel, vowel) + _VIQR_TONES[tone]
    return encode


_VIQR_ENCODE = _viqr_tables()


def encode_viqr(text: str) -> str:
    """``Việt Nam`` → ``Vie^.t Nam``; a mark character that follows a vowel is escaped (``\\?``)."""
    out = []
    after_vowel = False
    for ch in unicodedata.normalize("NFC", text):
        if after_vowel and ch in _VIQR_MARKS:
            out.append("\\")
        out.append(_VIQR_ENCODE.get(ch, ch))
        after_vowel = ch in _SPLIT
    return "".join(out)


class _ViqrWord(NamedTuple):
    """A VIQR word as parsed: its decoding, how many characters it used, what it showed."""

    decoded: str
    length: int  # characters of the token used, an escaping backslash included
    hats: bool  # a ^ ( + or dd: VIQR and nothing else
    final_tone: str  # the tone character when it is the word's last one ("" otherwise)


def _spell(letters: list[list]) -> str:
    """The syllable's letters, with its tone moved to the right vowel if written elsewhere.

    VIQR writers put the tone after the vowel that carries it (``dda^?u``) or after the whole
    vowel group (``dda^u?``); both mean ``đẩu``.
    """
    written = "".join(_JOIN.get((letter, tone), letter) for letter, tone in letters)
    toned = [i for i, (_, tone) in enumerate(letters) if tone]
    if not toned or _plausible(written):
        return written
    tone = letters[toned[0]][1]
    vowels = [i for i, (letter, _) in enumerate(letters) if letter in _ALL_VOWELS]
    for i in sorted(vowels, key=lambda v: abs(v - toned[0])):
        moved = [(letter, tone if j == i else 0) for j, (letter, _) in enumerate(letters)]
        spelled = "".join(_JOIN.get(pair, pair[0]) for pair in moved)
        if _plausible(spelled):
            return spelled
    return written


def _even_run_of_d(token: str, i: int) -> bool:
    """Whether the D's from ``i`` pair up to the end of their run (GDDDT is GD + ĐT)."""
    run = len(token) - i - len(token[i:].lstrip("D"))
    return run % 2 == 0


@lru_cache(maxsize=1 << 16)
def _parse_viqr(token: str) -> _ViqrWord | None:
    """Parse the longest VIQR syllable at the start of ``token``; None when letters follow it."""
    letters: list[list] = []  # [letter without tone, tone]
    hats = False
    i = 0
    if token[:2] in ("dd", "DD", "Dd", "d-", "D-"):
        letters.append(["Đ" if token[0] == "D" else "đ", 0])
        hats = True
        i = 2
    toned = False
    tone_at = -1
    capitals = token.isupper()  # acronyms write Đ as DD anywhere: HDDND
    while i < len(token):
        ch = token[i]
        last = letters[-1] if letters else None
        if capitals and token.startswith("DD", i) and _even_run_of_d(token, i):
            letters.append(["Đ", 0])
            hats = True
            i += 1
        elif ch in _ASCII_LETTERS:
            letters.append([ch, 0])
        elif last and last[1] == 0 and (last[0], ch) in _VIQR_HATS:
            last[0] = _VIQR_HATS[(last[0], ch)]
            hats = True
        elif last and not toned and ch in _VIQR_TONES[1:] and last[0] in _ALL_VOWELS:
            last[1] = _VIQR_TONES.index(ch)
            toned = True
            tone_at = i
        else:
            break
        i += 1
    rest = token[i:]
    if any(ch in _ASCII_LETTERS for ch in rest):
        return None
    length = i + 1 if rest[:1] == "\\" else i
    decoded = _spell(letters)
    final_tone = token[tone_at] if tone_at == i - 1 and length == i else ""
    return _ViqrWord(decoded, length, hats, final_tone)


# ----------------------------------------------------------------------------------- detection


class _Evidence(IntEnum):
    """What one word says about one encoding, weakest first."""

    ALIEN = 0  # holds a character the encoding cannot produce: ends a run
    UNDECODABLE = 1  # holds the encoding's characters but decodes to no Vietnamese syllable
    FOREIGN = 2  # reads the same decoded or not, and is not Vietnamese (English, names)
    ACRONYM = 3  # decodes to capitals such as ĐH or HĐND: decoded only inside a legacy run
    NATIVE = 4  # reads the same decoded or not, and is Vietnamese (plain ASCII words mostly)
    WEAK = 5  # decodes to Vietnamese, but reads as Vietnamese (or punctuation) as written too
    STRONG = 6  # decodes to Vietnamese and is not Vietnamese as written
    CERTAIN = 7  # strong, and with marks no other text would carry


class _Reading(NamedTuple):
    """One word of the text read in one encoding."""

    start: int
    end: int
    replacement: str | None  # the decoding, when it differs from the text
    evidence: _Evidence


# Words: letters of any script, combining marks, and the Latin-1 symbols TCVN3 uses.
_WORD = re.compile(r"(?:[^\W\d_]|[\u00a1-\u00ff\u0300-\u036f])+")


class _Word(NamedTuple):
    start: int
    end: int
    text: str


def _words(text: str, start: int, end: int) -> list[_Word]:
    return [_Word(m.start(), m.end(), m.group()) for m in _WORD.finditer(text, start, end)]


def _is_acronym(word: str) -> bool:
    return word.isalpha() and word.isupper() and all(_SPLIT.get(ch, ("", 0))[1] == 0 for ch in word)


def _grade(word: str, decoded: str | None, certain: bool) -> tuple[str | None, _Evidence]:
    """The decoding of ``word`` worth keeping, and what the word says for its encoding."""
    if decoded == word:
        return None, _Evidence.NATIVE if _plausible(word) else _Evidence.FOREIGN
    if decoded is None or not _plausible(decoded):
        if decoded is not None and len(decoded) > 1 and _is_acronym(decoded):
            return decoded, _Evidence.ACRONYM
        return None, _Evidence.UNDECODABLE
    if len(word) == 1 or _plausible(word):
        return decoded, _Evidence.WEAK
    return decoded, _Evidence.CERTAIN if certain else _Evidence.STRONG


@lru_cache(maxsize=1 << 16)
def _read_tcvn3_word(word: str) -> tuple[str | None, _Evidence]:
    codes = [ch for ch in word if ch in _TCVN3_DECODE]
    if len(codes) + sum(ch in _ASCII_LETTERS for ch in word) < len(word):
        return None, _Evidence.ALIEN
    # Symbols such as ­ ¸ « inside a word (n­íc, c¸c, T«i) are not text in any language.
    certain = len(codes) >= 2 or any(not ch.isalpha() and ch in _TCVN3_DECODE for ch in word[:-1])
    return _grade(word, _decode_tcvn3(word) if codes else word, certain)


@lru_cache(maxsize=1 << 16)
def _read_vni_word(word: str) -> tuple[str | None, _Evidence]:
    marks = sum(ch in _VNI_BYTES for ch in word)
    if marks + sum(ch in _ASCII_LETTERS for ch in word) < len(word):
        return None, _Evidence.ALIEN
    return _grade(word, _decode_vni(word), marks >= 2)


def _read_tcvn3(text: str, start: int, end: int, words: list[_Word]) -> list[_Reading]:
    readings = []
    for word in words:
        replacement, evidence = _read_tcvn3_word(word.text)
        # A typist could not write Ấ, Ả... with .VnTime: at the start of a sentence the
        # lower-case code stood for the capital (Ên §é rÊt ®Ñp: Ấn Độ rất đẹp).
        if (
            replacement
            and word.text[0] in _TCVN3_TONED_CODES
            and _starts_sentence(text, word.start)
        ):
            replacement = replacement[0].upper() + replacement[1:]
        readings.append(_Reading(word.start, word.end, replacement, evidence))
    return readings


def _read_vni(text: str, start: int, end: int, words: list[_Word]) -> list[_Reading]:
    return [_Reading(word.start, word.end, *_read_vni_word(word.text)) for word in words]


# A VIQR token: ASCII letters and marks, not glued to a host name, e-mail, query or identifier.
_VIQR_TOKEN = regex.compile(
    r"(?<![\w\p{M}\\@#&=%^+~.?])(?<!//)(?<![A-Za-z]['`])"
    r"(?:[Dd]-(?=[A-Za-z]))?[A-Za-z][A-Za-z^(+'`?~.]*+(?:\\(?=[\^(+'`?~.\\]))?"
    r"(?![\w\p{M}@#&=%\\])"
)
# After a bare . or ? ending a word: the end of a line (a question or a sentence stops there),
# or a capitalized word.
_ENDS_LINE = regex.compile(r"[!?.…\"')\]»”’]*(?:[ \t]*\r?\n|\s*\Z)|[!?.…]")
_BEFORE_CAPITAL = regex.compile(r"[\"')\]»”’]*\s+[\"'(“‘]*\p{Lu}")
_OPENING = "\"'(“‘["
# Toneless words that end questions: before them a bare ? is a question mark, not hỏi.
_QUESTION_ENDINGS = frozenset({"đâu", "sao", "chưa", "ư", "a", "nha", "nhe", "hê"})
_VIQR_ESCAPE = regex.compile(r"[A-Za-z^(+'`?~.]\\[\^(+'`?~.]")


def _final_mark_is_punctuation(text: str, start: int, word: _ViqrWord, escapes: bool) -> bool:
    """Whether the tone character ending a word is punctuation (``Anh ddi dda^u?``).

    Text that escapes its punctuation (``dda^u\\?``) marks a tone with every bare ``.`` and
    ``?``. Otherwise a mark ending a line is punctuation; before a capitalized word a ``?`` is
    nearly always hỏi (``o+? Ha` No^.i``) unless it follows a question word (``dda^u? To^i``),
    and a ``.`` ends a sentence unless its word starts one or sits inside a name
    (``Bo^. Y te^'``, ``Tra^`n Thi. Mai``).
    """
    if word.final_tone == "'":
        return text[start - 1 : start] == "'"  # a closing quote: 'ca'
    if word.final_tone not in ".?" or escapes:
        return False
    after = start + word.length
    if _ENDS_LINE.match(text, after):
        return True
    if not _BEFORE_CAPITAL.match(text, after):
        return False
    if word.final_tone == "?":
        return _without_tone(word.decoded).lower() in _QUESTION_ENDINGS
    return not (_starts_sentence(text, start) or _follows_capital(text, start))


def _without_tone(word: str) -> str:
    return "".join(_SPLIT.get(ch, (ch, 0))[0] for ch in word)


def _starts_sentence(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens the text, a line or a sentence."""
    i = start - 1
    while i >= 0 and text[i] in _OPENING:
        i -= 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i < 0 or text[i] in ".!?…\n"


def _follows_capital(text: str, start: int) -> bool:
    """Whether the word before the one at ``start`` is capitalized (inside a name)."""
    i = start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    while i > 0 and not text[i - 1].isspace():
        i -= 1
    return i >= 0 and text[i].isupper()


def _read_viqr_token(text: str, start: int, token: str, escapes: bool) -> _Reading:
    word = _parse_viqr(token)
    if word is not None and word.final_tone:
        if _final_mark_is_punctuation(text, start, word, escapes):
            word = _parse_viqr(token[: word.length - 1])
    if word is None:
        return _Reading(start, start + len(token), None, _Evidence.UNDECODABLE)
    end = start + word.length
    escaped = token[word.length - 1 : word.length] == "\\"
    body = text[start : end - 1] if escaped else text[start:end]
    decoded, evidence = _grade(body, word.decoded, False)
    # Only hats and dd are evidence: a lone tone mark is also English punctuation (I'm, me.).
    if evidence >= _Evidence.WEAK:
        evidence = _Evidence.STRONG if word.hats else _Evidence.WEAK
    if escaped and decoded is None:
        decoded = body  # the escaping backslash goes: Nokia\. is Nokia.
    return _Reading(start, end, decoded, evidence)


def _read_viqr(text: str, start: int, end: int, words: list[_Word]) -> list[_Reading]:
    escapes = _VIQR_ESCAPE.search(text, start, end) is not None
    readings = [
        _read_viqr_token(text, match.start(), match.group(), escapes)
        for match in _VIQR_TOKEN.finditer(text, start, end)
    ]
    # Words with non-ASCII letters cannot be VIQR: they end runs.
    readings.extend(
        _Reading(word.start, word.end, None, _Evidence.ALIEN)
        for word in words
        if not word.text.isascii()
    )
    readings.sort(key=lambda reading: reading.start)
    return readings


class _Codec(NamedTuple):
    kind: str
    read: Callable[[str, int, int, list[_Word]], list[_Reading]]  # a line and its words
    hint: re.Pattern[str]  # a line is read only when this is found in it


def _one_of(chars: Iterable[str]) -> re.Pattern[str]:
    return re.compile(f"[{re.escape(''.join(sorted(set(chars))))}]")


# What a line must hold to be read in each encoding: TCVN3 bytes that are neither Vietnamese
# letters nor VNI bytes (­ µ ¸ « ®: every TCVN3 line has some), a VNI vowel + mark pair (aø, eä;
# not oà, oá, uá, which Unicode Vietnamese spells hoà, hoá, quá), or a VIQR hat.
_CODECS = (
    _Codec("tcvn3", _read_tcvn3, _one_of(set(_TCVN3_DECODE) - set(_SPLIT) - _VNI_BYTES)),
    _Codec(
        "vni",
        _read_vni,
        re.compile(
            "[aeouyôöAEOUYÔÖ][ùøûõïÙØÛÕÏ]|[aeoAEO][âäåÂÄÅ]|[aeAE][áàãÁÀÃ]|[aA][êéèúüëÊÉÈÚÜË]"
        ),
    ),
    _Codec("viqr", _read_viqr, re.compile(r"[aeoAEO]\^|[ouOU]\+")),
)
# The first pass over a document looks for characters that ordinary text almost never holds and
# any of the above needs (TCVN3 bytes, VNI mark bytes that are not Vietnamese letters, ^ and +):
# the standard-library re finds one character class several times faster than any alternation.
_HINT = _one_of((set(_TCVN3_DECODE) | _VNI_BYTES) - set(_SPLIT) | {"^", "+"})
_HAT_BASES = {"^": "aeoAEO", "+": "ouOU"}
# A letter that is neither Latin-1 (so possibly a legacy byte), nor Windows-1252, nor Vietnamese.
_FOREIGN_LETTER = regex.compile(rf"(?![\x00-\xff{''.join(_SPLIT)}đĐŠšŽžŒœŸƒ])\p{{L}}")
_WINDOW = 4000  # characters either side of a hint that are read, within its line
# A run is legacy text when most of its words read as Vietnamese and nearly all of its words with
# legacy characters decode (in French or German text most such words do not).
_VIETNAMESE_SHARE = 0.6
_DECODABLE_SHARE = 0.8
_MANY_STRONG = 4  # this many different strong words outweigh a run's foreign words


def _regions(text: str) -> list[tuple[int, int, bool]]:
    """Spans of ``text`` worth reading: the line around each hint, at most a window wide.

    Each span comes with whether it holds letters that no legacy text can (``ș``, ``ł``).
    """
    regions: list[tuple[int, int, bool]] = []
    cursor = 0
    while (hint := _HINT.search(text, cursor)) is not None:
        pos = hint.start()
        if text[pos] in _HAT_BASES and text[pos - 1 : pos] not in _HAT_BASES[text[pos]]:
            cursor = pos + 1  # 1+1, x^2: not a VIQR hat
            continue
        line_start = text.rfind("\n", 0, pos) + 1
        line_end = text.find("\n", pos)
        line_end = len(text) if line_end < 0 else line_end
        start = max(line_start, cursor, pos - _WINDOW)
        end = min(line_end, pos + _WINDOW)
        while start > max(line_start, cursor) and not text[start - 1].isspace():
            start -= 1
        while end < line_end and not text[end].isspace():
            end += 1
        regions.append((start, end, _FOREIGN_LETTER.search(text, start, end) is not None))
        cursor = max(end, pos + 1)
    return regions


def _runs(readings: list[_Reading]) -> list[list[_Reading]]:
    """The readings of one line cut at alien words: Unicode ``Việt`` ends a TCVN3 run."""
    runs: list[list[_Reading]] = [[]]
    for reading in readings:
        if reading.evidence is _Evidence.ALIEN:
            runs.append([])
        else:
            runs[-1].append(reading)
    return [run for run in runs if run]


class _Run(NamedTuple):
    readings: list[_Reading]
    strong: frozenset[str]  # the different strong words, decoded and lower-cased
    certain: bool
    vietnamese: float  # share of its words that read as Vietnamese
    decodable: float  # share of its words with legacy characters that decode
    foreign: bool  # its line has letters no legacy encoding or Vietnamese has (ș, ł, ř)


def _assess(readings: list[_Reading], foreign: bool) -> _Run:
    strong = frozenset(
        r.replacement.lower()
        for r in readings
        if r.evidence >= _Evidence.STRONG and r.replacement is not None
    )
    certain = any(r.evidence is _Evidence.CERTAIN for r in readings)
    vietnamese = sum(r.evidence >= _Evidence.ACRONYM for r in readings)
    decoded = sum(r.replacement is not None for r in readings)
    undecodable = sum(r.evidence is _Evidence.UNDECODABLE for r in readings)
    return _Run(
        readings,
        strong,
        certain,
        vietnamese / len(readings),
        decoded / (decoded + undecodable) if decoded else 0.0,
        foreign,
    )


def _accepted(run: _Run, single_word_ok: bool) -> bool:
    """A run that is legacy text on its own evidence."""
    if run.decodable < _DECODABLE_SHARE:
        return False
    if len(run.strong) >= _MANY_STRONG:
        return True  # a legacy paragraph full of foreign names
    if run.foreign:
        return False  # Romanian în, îi read as TCVN3 ợn, ợi
    enough = len(run.strong) >= 2 or (single_word_ok and run.certain)
    return enough and run.vietnamese >= _VIETNAMESE_SHARE


def _decide(runs: list[_Run], codec: _Codec) -> list[tuple[int, Edit]]:
    """The edits of the runs accepted as ``codec``, each with the size of its run's evidence."""
    single_word_ok = codec.kind != "viqr"  # VIQR always needs several marked words
    accepted = [_accepted(run, single_word_ok) for run in runs]
    if any(accepted):  # the document has legacy text: one strong word is enough for a run
        accepted = [
            ok or (bool(run.strong) and run.decodable >= _DECODABLE_SHARE and not run.foreign)
            for ok, run in zip(accepted, runs, strict=True)
        ]
    edits = []
    for ok, run in zip(accepted, runs, strict=True):
        if not ok:
            continue
        for reading in run.readings:
            if reading.replacement is not None:
                edit = Edit(reading.start, reading.end, reading.replacement, codec.kind)
                edits.append((len(run.strong), edit))
    return edits


def _without_overlaps(candidates: list[tuple[int, Edit]]) -> list[Edit]:
    """Keep the best-supported edit where two encodings claim the same characters."""
    kept: list[tuple[int, Edit]] = []
    for score, edit in sorted(candidates, key=lambda c: (c[1].start, -c[0])):
        if kept and kept[-1][1].end > edit.start:
            if score <= kept[-1][0]:
                continue
            kept.pop()  # what is left ends before the dropped edit started
        kept.append((score, edit))
    return [edit for _, edit in kept]


def legacy_edits(text: str) -> list[Edit]:
    """Edits that decode the TCVN3, VNI and VIQR words of ``text``, one per word.

    Sorted, non-overlapping, in ``text``'s code-point offsets; ``kind`` is ``"tcvn3"``,
    ``"vni"`` or ``"viqr"`` and ``replacement`` is NFC Vietnamese.
    """
    regions = _regions(text)
    if not regions:
        return []
    runs: dict[str, list[_Run]] = {codec.kind: [] for codec in _CODECS}
    for start, end, foreign in regions:
        words = _words(text, start, end)
        if not words:
            continue
        for codec in _CODECS:
            if codec.hint.search(text, start, end):
                for run in _runs(codec.read(text, start, end, words)):
                    runs[codec.kind].append(_assess(run, foreign))
    candidates: list[tuple[int, Edit]] = []
    for codec in _CODECS:
        candidates.extend(_decide(runs[codec.kind], codec))
    return _without_overlaps(candidates)
