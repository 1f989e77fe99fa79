"""Decoding Telex and VNI typing residue: ``vieejt`` and ``vie65t`` are ``việt`` typed with the
input method off (or half on). :func:`decode_telex` and :func:`decode_vni` return the syllable the
keys spell, or None; the candidate generator keeps only results that are known syllables.

A key can also land in the wrong place, and the input method then renders it as it can: a tone
key before the vowel stays a letter (``ngfay``), a hat key after the coda takes the tone
(``motọ``), a VNI digit is its neighbour (``na9m``). :func:`misplaced_telex` and
:func:`misplaced_vni` read such words back (:func:`telex_keys` gives the keys of a marked word);
:func:`miskeyed_telex` reads a key too many or too few (``yws``, ``đx``), which foreign words
often match, so the rules let the language model judge those."""

from __future__ import annotations

import unicodedata

from soat.syllable.grammar import compose, strip_tone

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


# The keys of a marked letter, and of each tone (none for ngang).
_KEYS_OF = {"â": "aa", "ê": "ee", "ô": "oo", "ă": "aw", "ơ": "ow", "ư": "uw", "đ": "dd"}
_TONE_KEY = ("", *sorted(_TELEX_TONES, key=_TELEX_TONES.__getitem__))
# The onsets a tone key's letter can continue (``tr``): there it is a letter, not a key.
_ONSET_WITH_KEY = frozenset({"tr"})
# Keys that leave a letter when the input method has nothing to put their mark on.
_STRAY_KEYS = frozenset(_TELEX_TONES) | {"w"}


def telex_keys(word: str) -> str | None:
    """The Telex keys that spell lower-case ``word``: each letter, its mark keys after it, the
    tone key last (``motọ`` → ``motoj``, ``được`` → ``dduwowcj``); None for a letter Telex has
    no key for, or two tones."""
    found = strip_tone(word)
    if found is None:
        return None
    toneless, tone = found
    keys = "".join(_KEYS_OF.get(ch, ch) for ch in toneless)
    if not keys.isascii() or not keys.isalpha():
        return None
    return keys + _TONE_KEY[tone]


def misplaced_telex(word: str) -> set[str]:
    """The syllables that lower-case ``word`` spells as Telex keys, every key right but one
    out of place, as an input method renders such keys:

    - the marks put on the wrong letter: ``motọ`` is the keys ``motoj`` (``một`` with the hat
      key typed after the coda, and the input method put the tone on that key);
    - a tone key typed before the vowel, left as a letter: ``ngfay`` → ``ngày``.

    Only well-formed readings other than ``word`` are returned (whether a reading is a known
    syllable is the caller's business)."""
    if len(word) > MAX_WORD_LETTERS:  # the scan is quadratic
        return set()
    typed = {word}
    vowel_at = _first_vowel(word)
    for i, ch in enumerate(word):
        if 0 < i < vowel_at < len(word) and _is_tone_key(word, i):
            typed.add(word[:i] + word[i + 1 :] + ch)
    return _readings(typed, word)


def miskeyed_telex(word: str) -> set[str]:
    """The syllables that lower-case ``word`` spells as Telex keys with one key too many or
    too few: a stray mark or tone key left as a letter (``yws`` → ``ý``), or the vowel left out
    before a tone key, which then stays a letter (``đx`` → ``đã``). Looser than
    :func:`misplaced_telex`: many foreign words read so (``haris``, ``tarif``)."""
    if len(word) > MAX_WORD_LETTERS:
        return set()
    typed = set()
    vowel_at = _first_vowel(word)
    for i, ch in enumerate(word):
        if i and ch in _STRAY_KEYS and word[: i + 1] not in _ONSET_WITH_KEY:
            typed.add(word[:i] + word[i + 1 :])
    if vowel_at == len(word) > 1 and _is_tone_key(word, len(word) - 1):
        typed.update(word[:-1] + vowel + word[-1] for vowel in "aeiouy")
    return _readings(typed, word)


def _first_vowel(word: str) -> int:
    return next((i for i, ch in enumerate(word) if strip_marks(ch) in _VOWELS), len(word))


def _is_tone_key(word: str, i: int) -> bool:
    """Is ``word[i]`` a tone key rather than a letter of the onset (the ``r`` of ``tr``)?"""
    return word[i] in _TELEX_TONES and word[: i + 1] not in _ONSET_WITH_KEY


def _readings(typed: set[str], word: str) -> set[str]:
    """The syllables the keys of the ``typed`` words spell, other than ``word``."""
    readings = set()
    for variant in typed:
        keys = telex_keys(variant)
        reading = decode_telex(keys) if keys else None
        if reading and reading != word:
            readings.add(reading)
    return readings


# VNI digits a finger may hit for one another: neighbours on the number row.
_VNI_NEIGHBOURS = {str(d): {str(d - 1), str(d + 1)} - {"0"} for d in range(1, 10)}


def misplaced_vni(word: str) -> set[str]:
    """The syllables that lower-case ``word``, with one VNI digit inside it, spells with one key
    wrong: the neighbouring digit (``na9m`` → ``năm``) or one letter too many (``ta5ic`` →
    ``tại``). A word with a digit at either end, or with two digits, is a code or a unit
    (``mp3``, ``4g``, ``h5n1``) and has none."""
    if len(word) > MAX_WORD_LETTERS or not word.isascii():
        return set()
    digits = [i for i, ch in enumerate(word) if ch.isdigit()]
    if len(digits) != 1 or not 0 < digits[0] < len(word) - 1:
        return set()
    at = digits[0]
    neighbours = _VNI_NEIGHBOURS.get(word[at], ())
    variants = {word[:at] + other + word[at + 1 :] for other in neighbours}
    variants.update(word[:i] + word[i + 1 :] for i in range(len(word)) if i != at)
    readings = {decode_vni(variant) for variant in variants}
    return {reading for reading in readings if reading}


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
