"""Decoding Telex and VNI typing residue: ``vieejt`` and ``vie65t`` are ``việt`` typed with the
input method off (or half on). :func:`decode_telex` and :func:`decode_vni` return the syllable the
keys spell, or None; the candidate generator keeps only results that are known syllables."""

from __future__ import annotations

import unicodedata

from soat.syllable.grammar import compose

_HAT = {"a": "â", "e": "ê", "o": "ô"}
_HORN = {"o": "ơ", "u": "ư"}
_BREVE = {"a": "ă"}
_TELEX_TONES = {"s": 2, "f": 1, "r": 3, "x": 4, "j": 5}
_VNI_TONES = {"1": 2, "2": 1, "3": 3, "4": 4, "5": 5}
_VOWELS = set("aăâeêioôơuưy")


def _finish(letters: list[str], tone: int) -> str | None:
    return compose("".join(letters), tone)


def _modify_last(letters: list[str], table: dict[str, str]) -> bool:
    """Apply a hat/horn/breve to the nearest vowel that can take it, scanning back."""
    for i in range(len(letters) - 1, -1, -1):
        if letters[i] in table:
            letters[i] = table[letters[i]]
            # "uo" + horn is "ươ": the u takes the horn too.
            if table is _HORN and letters[i] == "ơ" and i > 0 and letters[i - 1] == "u":
                letters[i - 1] = "ư"
            return True
        if letters[i] not in _VOWELS and i < len(letters) - 1:
            break
    return False


# Every lower-case vowel letter, with any tone mark.
VOWEL_LETTERS = "aăâeêioôơuưyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
# The longest word that can still be one syllable: the longest has seven letters (nghiêng), a
# slip adds one or two, and typed with an input method ``nghieeengx`` (nghiễng) has ten keys.
# The scans for syllables in a word (Telex decoding, candidates, splits) are quadratic or worse
# in its length, so longer words are not scanned at all.
MAX_WORD_LETTERS = 16


def decode_telex(word: str) -> str | None:
    """``vieejt`` → ``việt``, ``dduwowngf`` → ``đường``; None when no Telex key was used (or
    the word is longer than any syllable typed in Telex: the scan is quadratic)."""
    if len(word) > MAX_WORD_LETTERS or not word.isascii() or not word.isalpha():
        return None
    letters: list[str] = []
    tone = 0
    used = False
    for ch in word:
        last = letters[-1] if letters else ""
        has_vowel = any(c in _VOWELS for c in letters)
        if ch in _TELEX_TONES and has_vowel and not tone:
            tone = _TELEX_TONES[ch]
            used = True
        elif ch == "d" and last == "d":
            letters[-1] = "đ"
            used = True
        elif ch in _HAT and last == ch:
            letters[-1] = _HAT[ch]
            used = True
        elif ch in "aeo" and ch in letters[-3:] and any(c not in _VOWELS for c in letters[-1:]):
            # "vieejt" is the usual order, but "vietej" puts the hat key after the coda
            idx = len(letters) - 1 - letters[::-1].index(ch)
            letters[idx] = _HAT[ch]
            used = True
        elif ch == "w":
            if not _modify_last(letters, _HORN) and not _modify_last(letters, _BREVE):
                letters.append("ư")
            used = True
        else:
            letters.append(ch)
    if not used:
        return None
    return _finish(letters, tone)


def decode_vni(word: str) -> str | None:
    """``vie65t`` → ``việt``, ``d9u7o7ng2`` → ``đường``; None when the word has no VNI digit."""
    if not any(ch.isdigit() for ch in word) or not word.isascii():
        return None
    letters: list[str] = []
    tone = 0
    for ch in word.lower():
        if ch in _VNI_TONES:
            if tone:
                return None
            tone = _VNI_TONES[ch]
        elif ch == "6":
            if not _modify_last(letters, _HAT):
                return None
        elif ch == "7":
            if not _modify_last(letters, _HORN):
                return None
        elif ch == "8":
            if not _modify_last(letters, _BREVE):
                return None
        elif ch == "9":
            if "d" not in letters:
                return None
            letters[letters.index("d")] = "đ"
        elif ch.isalpha():
            letters.append(ch)
        else:
            return None
    return _finish(letters, tone)


class _Unmarked(dict):
    """``str.translate`` table: each character without its marks, worked out at first sight
    (NFD, then the combining marks dropped; ``đ`` → ``d``)."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        if ch in "đĐ":
            plain = "d" if ch == "đ" else "D"
        else:
            decomposed = unicodedata.normalize("NFD", ch)
            plain = "".join(c for c in decomposed if not unicodedata.combining(c))
        self[code] = plain
        return plain


_UNMARKED = _Unmarked()


def strip_marks(word: str) -> str:
    """``Việt`` → ``Viet``: every diacritic removed, ``đ`` → ``d``."""
    return word.translate(_UNMARKED)
