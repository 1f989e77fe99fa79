"""The Vietnamese syllable: onset, medial glide, nucleus, coda and tone.

A written syllable is an onset (``ngh``, ``qu``, ``gi``...), a rhyme (``oang``, ``ươi``...) and
one tone mark placed on a vowel. This module knows which onsets and rhymes exist, the spelling
rules that join them (``k`` before i/e/ê/y, ``gh``/``ngh`` before i/e/ê, ``qu``, ``gi``, stop
codas c/ch/p/t only with sắc or nặng) and where the tone mark goes in the old (``hòa``) and new
(``hoà``) styles. Everything is precomputed: :data:`WELL_FORMED` holds every spelling of every
well-formed syllable, so :func:`is_well_formed` is one set lookup.

Enumerating them all takes a tenth of a second, which every start of ``soat`` would pay, so
``soat-build`` also writes the result to ``data/syllables.txt.gz``, stamped with a hash of this
file's source (:func:`source_key`); the table is used only when the stamp matches, so an edit to
the grammar can never be hidden by a stale table (until the table is rebuilt, the enumeration
simply runs at import, as before).

Start reading at :func:`parse`; :func:`strip_tone` and :func:`place_tone` are the two halves of
a syllable's spelling; :func:`canonical` gives the one spelling used for lookups.
"""

from __future__ import annotations

import gzip
import hashlib
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

TONES = ("ngang", "huyen", "sac", "hoi", "nga", "nang")
# Combining marks for tones 1..5 (ngang has none).
_TONE_MARKS = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
STOP_CODAS = ("c", "ch", "p", "t")

ONSETS = (
    "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh",
    "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x",
)  # fmt: skip

# Rhymes as written after an ordinary onset (glide included), without tone.
RHYMES = frozenset(
    """
    a ac ach ai am an ang anh ao ap at au ay
    ăc ăm ăn ăng ăp ăt
    âc âm ân âng âp ât âu ây
    e ec em en eng eo ep et
    ê êch êm ên ênh êp êt êu
    i ia ich im in inh ip it iu iêc iêm iên iêng iêp iêt iêu
    o oc oi om on ong op ot oong ooc
    ô ôc ôi ôm ôn ông ôp ôt
    ơ ơi ơm ơn ơp ơt
    u ua uc ui um un ung up ut uôc uôi uôm uôn uông uôt
    ư ưa ưc ưi ưm ưn ưng ưt ưu ươc ươi ươm ươn ương ươp ươt ươu
    y yên yêng yêt yêu yêm
    oa oac oach oai oam oan oang oanh oao oap oat oay
    oăc oăm oăn oăng oăt
    oe oem oen oeo oet
    uân uâng uât uây
    uê uên uêch uênh uêt
    uy uya uych uyn uynh uyp uyt uyu uyên uyêt
    uơ
    """.split()
)

# After "qu" the glide is already written: quan = qu + an, quyết = qu + yêt.
_QU_RHYMES = frozenset(r[1:] for r in RHYMES if r[0] in "ou" and len(r) > 1 and r[1] != "ô")
_QU_RHYMES = _QU_RHYMES | {"a", "ơ", "i", "ôc"}
# After "gi" an i is not written again: gìn = gi + in, giết = gi + iêt.
_GI_RHYMES = RHYMES | {""} | {r[1:] for r in RHYMES if r.startswith("i") and len(r) > 1}

_FRONT = "ieêy"  # vowels that take k, gh, ngh
_HATS = "ăâêôơư"
_VOWELS = "aăâeêioôơuưy"

# Every Vietnamese letter (lower case) -> (letter without tone, tone index).
_LETTER_TONE: dict[str, tuple[str, int]] = {}
for _base in _VOWELS:
    for _t, _mark in enumerate(_TONE_MARKS):
        _LETTER_TONE[unicodedata.normalize("NFC", _base + _mark)] = (_base, _t)


class Syllable(NamedTuple):
    """A parsed syllable, lower case: ``onset + rhyme`` with ``tone`` in 0..5 (ngang..nặng)."""

    onset: str
    rhyme: str
    tone: int

    @property
    def coda(self) -> str:
        """The final consonant(s) of the rhyme (``ng`` in ``oang``), or ``""``."""
        stripped = self.rhyme.rstrip("cghmnpt")
        return self.rhyme[len(stripped) :]

    @property
    def glide(self) -> str:
        """The medial glide (``o`` in ``oan``, ``u`` in ``uân`` or after ``qu``), or ``""``."""
        if self.onset == "qu":
            return "u"
        if _has_glide(self.rhyme):
            return self.rhyme[0]
        return ""

    @property
    def nucleus(self) -> str:
        """The vowel(s) between glide and coda."""
        rest = self.rhyme[len(self.glide) :] if self.onset != "qu" else self.rhyme
        return rest[: len(rest) - len(self.coda)]

    def spell(self, style: str = "old") -> str:
        return place_tone(self.onset, self.rhyme, self.tone, style)


def _has_glide(rhyme: str) -> bool:
    """Does the rhyme open with a medial glide: o before a/ă/e, u before â/ê/y/ơ?"""
    return len(rhyme) > 1 and (
        (rhyme[0] == "o" and rhyme[1] in "aăe") or (rhyme[0] == "u" and rhyme[1] in "âêyơ")
    )


def strip_tone(word: str) -> tuple[str, int] | None:
    """``("hoa", 1)`` for ``hòa`` or ``hoà``; None when a word has two tone marks."""
    letters = []
    tone = 0
    for ch in word:
        found = _LETTER_TONE.get(ch)
        if found is None:
            letters.append(ch)
            continue
        base, t = found
        if t:
            if tone:
                return None
            tone = t
        letters.append(base)
    return "".join(letters), tone


def _split_onset(toneless: str) -> tuple[str, str]:
    """Longest onset that the word starts with; ``gi`` and ``qu`` only before a vowel."""
    for size in (3, 2, 1):
        head = toneless[:size]
        if head in ONSETS and (head not in ("gi", "qu") or len(toneless) > 2 or head == "gi"):
            return head, toneless[size:]
    return "", toneless


def _rhyme_ok(onset: str, rhyme: str) -> bool:
    if onset == "qu":
        return rhyme in _QU_RHYMES
    if onset == "gi":
        return rhyme in _GI_RHYMES
    if rhyme not in RHYMES:
        return False
    first = rhyme[0]
    glided = _has_glide(rhyme)
    if onset in ("c", "g", "ng") and first in _FRONT:
        return False
    if onset in ("k", "gh", "ngh") and first not in _FRONT:
        return False
    if onset in ("c", "k", "gh", "ngh") and glided:
        return False
    if rhyme.startswith("y") and onset and len(rhyme) > 1:
        return False  # yê after a consonant is written iê
    if rhyme.startswith("iê") and not onset:
        return False  # and iê with no onset is written yê
    if onset == "" and rhyme == "ia":
        return True
    return True


def parse(word: str) -> Syllable | None:
    """Parse a lower-case word as one Vietnamese syllable; None when it is not well formed."""
    stripped = strip_tone(word)
    if stripped is None:
        return None
    toneless, tone = stripped
    onset, rhyme = _split_onset(toneless)
    if onset == "gi" and rhyme and rhyme[0] == "i":
        return None
    if not _rhyme_ok(onset, rhyme):
        if onset == "gi" and _rhyme_ok("g", "i" + rhyme):
            onset, rhyme = "g", "i" + rhyme
        else:
            return None
    if onset == "gi" and rhyme == "":
        rhyme_for_coda = "i"
    else:
        rhyme_for_coda = rhyme
    if rhyme_for_coda.endswith(STOP_CODAS) and tone not in (2, 5):
        return None
    return Syllable(onset, rhyme, tone)


def _tone_position(onset: str, rhyme: str, style: str) -> int:
    """Index within ``rhyme`` of the vowel that carries the tone mark."""
    if onset == "gi" and rhyme == "":
        return -1  # "gì": the mark sits on the i of the onset
    vowels = [i for i, ch in enumerate(rhyme) if ch in _VOWELS]
    if not vowels:
        return -1
    hats = [i for i in vowels if rhyme[i] in _HATS]
    if hats:
        return hats[-1]
    if len(vowels) == 1:
        return vowels[0]
    closed = vowels[-1] < len(rhyme) - 1
    if closed:
        return vowels[-1]
    if len(vowels) == 3:
        return vowels[1]
    pair = rhyme[vowels[0]] + rhyme[vowels[1]]
    if pair in ("oa", "oe", "uy") and onset != "qu":
        return vowels[0] if style == "old" else vowels[1]
    return vowels[0]


def place_tone(onset: str, rhyme: str, tone: int, style: str = "old") -> str:
    """Spell ``onset + rhyme`` with ``tone`` marked in the ``old`` or ``new`` style."""
    if tone == 0:
        return onset + rhyme
    mark = _TONE_MARKS[tone]
    pos = _tone_position(onset, rhyme, style)
    if pos < 0:  # gì: the i of gi carries the mark
        return unicodedata.normalize("NFC", onset + mark + rhyme)
    marked = unicodedata.normalize("NFC", rhyme[pos] + mark)
    return onset + rhyme[:pos] + marked + rhyme[pos + 1 :]


# A vowel with a tone mark, precomputed: spelling every syllable is then string slicing.
_MARKED = {
    (vowel, tone): unicodedata.normalize("NFC", vowel + mark)
    for vowel in _VOWELS
    for tone, mark in enumerate(_TONE_MARKS)
}


def _spellings(onset: str, rhyme: str, tones: tuple[int, ...] | range) -> Iterator[tuple[str, str]]:
    """``(old, new)`` spellings of ``onset + rhyme`` in each of ``tones``: :func:`place_tone`
    with the mark's place found once per rhyme rather than once per tone and style."""
    places = [_tone_position(onset, rhyme, style) for style in ("old", "new")]
    for tone in tones:
        if tone == 0:
            yield onset + rhyme, onset + rhyme
        elif min(places) < 0:  # gì, gìn: the i of gi carries the mark
            yield place_tone(onset, rhyme, tone, "old"), place_tone(onset, rhyme, tone, "new")
        else:
            old, new = (
                onset + rhyme[:pos] + _MARKED[(rhyme[pos], tone)] + rhyme[pos + 1 :]
                for pos in places
            )
            yield old, new


def _enumerate() -> tuple[frozenset[str], dict[str, str]]:
    """Every spelling of every well-formed syllable, and each one's old-style spelling."""
    spellings: set[str] = set()
    to_canonical: dict[str, str] = {}
    for onset in ONSETS:
        rhymes = _QU_RHYMES if onset == "qu" else _GI_RHYMES if onset == "gi" else RHYMES
        for rhyme in rhymes:
            if onset == "gi" and rhyme.startswith("i"):
                continue
            if not _rhyme_ok(onset, rhyme):
                continue
            coda_rhyme = "i" if (onset == "gi" and rhyme == "") else rhyme
            tones = (2, 5) if coda_rhyme.endswith(STOP_CODAS) else range(6)
            for old, new in _spellings(onset, rhyme, tones):
                spellings.update((old, new))
                to_canonical[old] = old
                to_canonical[new] = old
    return frozenset(spellings), to_canonical


SYLLABLE_TABLE = Path(__file__).resolve().parents[1] / "data" / "syllables.txt.gz"


def source_key() -> str:
    """What the enumeration depends on: this module's source and Python's Unicode version."""
    digest = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
    return f"soat.syllable.grammar {digest} unicode {unicodedata.unidata_version}"


def syllable_table() -> str:
    """The text of ``data/syllables.txt.gz`` (written by ``soat-build``): a ``# <source key>``
    line; every spelling that is its own old-style spelling, one a line; an empty line; then
    ``spelling<TAB>old-style spelling`` for the others. All sorted."""
    spellings, to_canonical = _enumerate()
    own = sorted(word for word in spellings if to_canonical[word] == word)
    moved = sorted(word for word in spellings if to_canonical[word] != word)
    return "".join(
        [f"# {source_key()}\n", *(f"{word}\n" for word in own), "\n"]
        + [f"{word}\t{to_canonical[word]}\n" for word in moved]
    )


def _read_table(text: str) -> tuple[frozenset[str], dict[str, str]]:
    own, _, moved = text.partition("\n\n")
    own_words = own.split()
    pairs = moved.split()  # spelling, old-style spelling, spelling, ...
    to_canonical = dict(zip(own_words, own_words, strict=True))
    to_canonical.update(zip(pairs[0::2], pairs[1::2], strict=True))
    return frozenset(to_canonical), to_canonical


def _load() -> tuple[frozenset[str], dict[str, str]]:
    """The shipped enumeration when it was made from this very source, else a fresh one."""
    try:
        text = gzip.decompress(SYLLABLE_TABLE.read_bytes()).decode("utf-8")
        key = source_key()
    except OSError:
        return _enumerate()
    header, _, body = text.partition("\n")
    if header != f"# {key}":
        return _enumerate()
    return _read_table(body)


WELL_FORMED, _CANONICAL = _load()


def is_well_formed(word: str) -> bool:
    """True when lower-case ``word`` is a well-formed Vietnamese syllable in either tone style."""
    return word in WELL_FORMED


@lru_cache(maxsize=65536)
def canonical(word: str) -> str:
    """The old-style spelling of a syllable (``hoà`` → ``hòa``); other words unchanged.

    Works on any case: ``Hoà`` → ``Hòa``. Misplaced marks that still parse (``hóa`` written
    ``hoá``) are moved; words that are not syllables are returned as given.
    """
    lower = word.lower()
    found = _CANONICAL.get(lower)
    if found is None:
        parsed = parse(lower) if len(lower) <= 7 else None
        if parsed is None:
            return word
        found = parsed.spell("old")
    if found == lower:
        return word
    return match_case(found, word)


def tone_style(word: str) -> str | None:
    """``"old"`` or ``"new"`` when ``word`` is spelt in only that style (``hòa``/``hoà``)."""
    lower = word.lower()
    parsed = parse(lower)
    if parsed is None:
        return None
    old, new = parsed.spell("old"), parsed.spell("new")
    if old == new:
        return None
    return "old" if lower == old else "new" if lower == new else None


def match_case(lower: str, model: str) -> str:
    """``lower`` in the case pattern of ``model`` (``Thich`` → ``Thích``, ``THICH`` → ``THÍCH``)."""
    if model.isupper() and len(model) > 1:
        return lower.upper()
    if model[:1].isupper():
        return lower[:1].upper() + lower[1:]
    return lower


def compose(toneless: str, tone: int, style: str = "old") -> str | None:
    """Spell a toneless lower-case syllable with ``tone``; None when that is not well formed.

    ``compose("viêt", 5)`` → ``việt``; ``compose("viêt", 0)`` → None (a stop coda needs sắc
    or nặng).
    """
    onset, rhyme = _split_onset(toneless)
    spelled = place_tone(onset, rhyme, tone, style)
    return spelled if parse(spelled) is not None else None
