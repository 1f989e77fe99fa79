"""Synthetic spelling mistakes: realistic slips injected into clean text, with their labels.

Tuning a checker needs many more labelled mistakes than the 586 of the Viwiki development set, so
this module makes them: it walks the syllables of a clean document (the ``tune`` split, kept out
of the model) and, about once in every ``1 / rate`` lower-case well-formed syllables, draws a
kind of *slip* a Vietnamese typist makes and writes the next syllable it fits with it:

========================  ==============================================================
kind                      example (meant → written)
========================  ==============================================================
``tone_dropped``          thích → thich (the tone key not pressed)
``tone_changed``          họp → hợp, cùng → cũng (another tone)
``hoi_nga``               tĩnh → tỉnh (the hỏi/ngã confusion of northern and southern speech)
``mark``                  thương → thuong, đã → dã (a hat, horn, breve or the bar of đ lost)
``placement``             tại → taị, vượt → vựơt (the tone mark on the wrong vowel)
``telex``, ``vni``        việt → vieejt, vie65t (the input method off or half on)
``s/x`` ``ch/tr``         xưng → sưng, trình → chình (regional and phonetic confusions)
``d/gi/r`` ``l/n``        giữa → dữa, năm → lăm
``n/ng`` ``c/t`` ``i/y``  bàn → bàng, mặc → mặt, kỹ → kĩ
``keyboard``              là → kà (a neighbouring key)
``edit``                  vào → nào, một → mộtt (a letter replaced, doubled, dropped, swapped)
``spacing``               lập tức → lậptức (a space lost)
========================  ==============================================================

The mix (:data:`SLIP_WEIGHTS`) follows the kinds of the Viwiki development set's mistakes as
classified by :func:`slip_kind`, rounded and smoothed so that no kind is left out. The labels
use the Viwiki format (``text``, ``mistakes`` with ``start_offset`` as a string and ``suggest``,
plus the slip ``kind``), so ``soat eval spelling`` scores a synthetic set like the real one.
Everything is seeded per document: the same seed gives the same set, whatever the order.
Start at :func:`inject`; :func:`make_slip` applies one kind to one syllable.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import regex

from soat.eval.metrics import Mistake
from soat.syllable.candidates import KEYBOARD
from soat.syllable.grammar import WELL_FORMED, Syllable, canonical, compose, parse, strip_tone
from soat.syllable.typing import decode_telex, decode_vni, strip_marks

# Relative frequency of each kind of slip (after the Viwiki development set's mix).
SLIP_WEIGHTS = {
    "tone_dropped": 10,
    "tone_changed": 17,
    "hoi_nga": 6,
    "mark": 18,
    "placement": 3,
    "telex": 1,
    "vni": 1,
    "s/x": 2,
    "ch/tr": 2,
    "d/gi/r": 3,
    "l/n": 1,
    "n/ng": 2,
    "c/t": 2,
    "i/y": 1,
    "keyboard": 4,
    "edit": 18,
    "spacing": 2,
}
DEFAULT_RATE = 0.005  # slips per eligible syllable; about the development set's 3.4 per 1,000

_WORDS = regex.compile(r"[\p{L}\p{M}]+")
_TONE_MARKS = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
_VOWELS = "aăâeêioôơuưy"
_CONSONANTS = "bcdđghklmnpqrstvx"
_HAT_MARKS = ("\u0302", "\u031b", "\u0306")  # circumflex, horn, breve
_TELEX_LETTERS = {"â": "aa", "ê": "ee", "ô": "oo", "ă": "aw", "ơ": "ow", "ư": "uw", "đ": "dd"}
_VNI_LETTERS = {"â": "a6", "ê": "e6", "ô": "o6", "ă": "a8", "ơ": "o7", "ư": "u7", "đ": "d9"}
_TELEX_TONES = ("", "f", "s", "r", "x", "j")
_VNI_TONES = ("", "2", "1", "3", "4", "5")
_REGIONAL_ONSETS = {
    "s/x": {"s": ("x",), "x": ("s",)},
    "ch/tr": {"ch": ("tr",), "tr": ("ch",)},
    "d/gi/r": {"d": ("gi", "r"), "gi": ("d", "r"), "r": ("d", "gi")},
    "l/n": {"l": ("n",), "n": ("l",)},
}
_REGIONAL_CODAS = {"n/ng": {"n": "ng", "ng": "n"}, "c/t": {"c": "t", "t": "c"}}


@dataclass(frozen=True)
class SyntheticDocument:
    """A document with slips injected and the labels that undo them."""

    id: str
    text: str
    mistakes: tuple[Mistake, ...]

    def to_json(self) -> dict:
        """The Viwiki-format record (``start_offset`` is a string, as in the shared data)."""
        return {
            "_id": self.id,
            "text": self.text,
            "mistakes": [
                {
                    "text": m.text,
                    "start_offset": str(m.start),
                    "suggest": list(m.suggest),
                    "kind": m.kind,
                }
                for m in self.mistakes
            ],
        }


# --- classifying a slip -----------------------------------------------------------------------


def _toneless(word: str) -> tuple[str, int] | None:
    return strip_tone(unicodedata.normalize("NFC", word))


def _regional_kind(written: Syllable, meant: Syllable, w: str, m: str) -> str | None:
    if written.tone != meant.tone:
        return None
    for kind, table in _REGIONAL_ONSETS.items():
        if (
            written.onset in table.get(meant.onset, ())
            and w[len(written.onset) :] == m[len(meant.onset) :]
        ):
            return kind
    for kind, table in _REGIONAL_CODAS.items():
        if table.get(meant.coda) == written.coda and (
            w[: len(w) - len(written.coda)] == m[: len(m) - len(meant.coda)]
        ):
            return kind
    if w[:-1] == m[:-1] and {w[-1:], m[-1:]} == {"i", "y"}:
        return "i/y"
    return None


def _edit_kind(w: str, m: str) -> str:
    if len(w) == len(m):
        diff = [(a, b) for a, b in zip(w, m, strict=True) if a != b]
        if len(diff) == 1:
            a, b = (strip_marks(x) for x in diff[0])
            return "keyboard" if a in KEYBOARD.get(b, ()) else "edit"
        if len(diff) == 2 and sorted(w) == sorted(m):
            return "edit"
        return "other"
    if abs(len(w) - len(m)) == 1:
        longer, shorter = (w, m) if len(w) > len(m) else (m, w)
        if any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer))):
            return "edit"
    return "other"


def slip_kind(written: str, meant: str) -> str:
    """Which kind of slip turns ``meant`` into ``written`` (``other`` when none explains it)."""
    w = unicodedata.normalize("NFC", written).strip().lower()
    m = unicodedata.normalize("NFC", meant).strip().lower()
    if " " in m and w == m.replace(" ", ""):
        return "spacing"
    if decode_telex(w) == canonical(m):
        return "telex"
    if decode_vni(w) == canonical(m):
        return "vni"
    w_tone, m_tone = _toneless(w), _toneless(m)
    if w_tone and m_tone and w_tone[0] == m_tone[0]:
        if w_tone[1] == m_tone[1]:
            return "placement"
        if {w_tone[1], m_tone[1]} == {3, 4}:
            return "hoi_nga"
        return "tone_dropped" if w_tone[1] == 0 else "tone_changed"
    if strip_marks(w) == strip_marks(m):
        return "mark"
    pw, pm = parse(w), parse(m)
    if pw and pm:
        kind = _regional_kind(pw, pm, w_tone[0], m_tone[0])
        if kind:
            return kind
    return _edit_kind(w, m)


# --- making a slip ----------------------------------------------------------------------------


def _retone(syllable: Syllable, tone: int) -> str:
    return syllable._replace(tone=tone).spell("old")


def _drop_hat(word: str, rng: random.Random) -> str | None:
    letters = list(unicodedata.normalize("NFD", word))
    spots = [i for i, ch in enumerate(letters) if ch in _HAT_MARKS]
    spots += [i for i, ch in enumerate(letters) if ch == "đ"]
    if not spots:
        return None
    spot = rng.choice(spots)
    if letters[spot] == "đ":
        letters[spot] = "d"
    else:
        del letters[spot]
        # "ươ" loses both horns together more often than one.
        if "\u031b" in letters and rng.random() < 0.5:
            letters = [ch for ch in letters if ch != "\u031b"]
    return unicodedata.normalize("NFC", "".join(letters))


def _misplace_tone(word: str, rng: random.Random) -> str | None:
    toneless, tone = strip_tone(word) or ("", 0)
    if not tone:
        return None
    vowels = [i for i, ch in enumerate(toneless) if ch in _VOWELS]
    options = []
    for i in vowels:
        marked = toneless[:i] + toneless[i] + _TONE_MARKS[tone] + toneless[i + 1 :]
        marked = unicodedata.normalize("NFC", marked)
        if marked not in WELL_FORMED:  # the other tone style is not a mistake
            options.append(marked)
    return rng.choice(options) if options else None


def _typed(word: str, letters: dict[str, str], tones: tuple[str, ...], rng: random.Random) -> str:
    toneless, tone = strip_tone(word) or (word, 0)
    keys = "".join(letters.get(ch, ch) for ch in toneless)
    if not tone:
        return keys
    if rng.random() < 0.7:  # the tone key usually comes last
        return keys + tones[tone]
    vowel_end = max(i for i, ch in enumerate(keys) if ch in "aeiouy") + 1
    return keys[:vowel_end] + tones[tone] + keys[vowel_end:]


def _regional(syllable: Syllable, word: str, kind: str, rng: random.Random) -> str | None:
    toneless = strip_tone(word)[0]
    options = []
    if kind in _REGIONAL_ONSETS:
        for other in _REGIONAL_ONSETS[kind].get(syllable.onset, ()):
            options.append(compose(other + toneless[len(syllable.onset) :], syllable.tone))
    elif kind in _REGIONAL_CODAS:
        coda = syllable.coda
        other = _REGIONAL_CODAS[kind].get(coda)
        if other:
            options.append(compose(toneless[: len(toneless) - len(coda)] + other, syllable.tone))
    elif kind == "i/y" and syllable.onset and toneless[-1:] in ("i", "y"):
        swapped = toneless[:-1] + ("y" if toneless[-1] == "i" else "i")
        options.append(compose(swapped, syllable.tone))
    options = [o for o in options if o]
    return rng.choice(options) if options else None


def _keyboard(word: str, rng: random.Random) -> str | None:
    spots = [i for i, ch in enumerate(word) if ch in KEYBOARD]
    if not spots:
        return None
    spot = rng.choice(spots)
    return word[:spot] + rng.choice(sorted(KEYBOARD[word[spot]])) + word[spot + 1 :]


def _edit(word: str, rng: random.Random) -> str | None:
    """One letter doubled, dropped, swapped with the next, or replaced; a replacement that
    gives another real syllable is preferred (``tiến`` → ``tiếu``, ``vào`` → ``nào``), since
    those are the slips that survive a writer's own reading."""
    spot = rng.randrange(len(word))
    how = rng.choice(("double", "drop", "swap", "replace", "replace", "replace"))
    if how == "double":
        return word[: spot + 1] + word[spot:]
    if how == "drop" and len(word) > 1:
        return word[:spot] + word[spot + 1 :]
    if how == "swap" and len(word) > 1:
        spot = min(spot, len(word) - 2)
        return word[:spot] + word[spot + 1] + word[spot] + word[spot + 2 :]
    if how == "replace":
        options = [
            word[:i] + letter + word[i + 1 :]
            for i in range(len(word))
            for letter in _CONSONANTS
            if letter != word[i] and word[i] in _CONSONANTS
        ]
        real = [o for o in options if o in WELL_FORMED]
        if real or options:
            return rng.choice(real or options)
    return None


def make_slip(word: str, kind: str, rng: random.Random) -> str | None:
    """``word`` (a lower-case well-formed syllable) written with a slip of ``kind``, or None
    when that kind cannot apply to it. ``spacing`` joins two words and is made by :func:`inject`.
    """
    syllable = parse(word)
    if syllable is None:
        return None
    tone = syllable.tone
    if kind == "tone_dropped":
        written = _retone(syllable, 0) if tone else None
    elif kind == "tone_changed":
        others = [t for t in range(1, 6) if t != tone and {t, tone} != {3, 4}]
        real = [t for t in others if _retone(syllable, t) in WELL_FORMED]
        # Mostly another real syllable (họp → hợp); sometimes an impossible one (thích → thỉch).
        written = _retone(syllable, rng.choice(real if real and rng.random() < 0.9 else others))
    elif kind == "hoi_nga":
        written = _retone(syllable, 7 - tone) if tone in (3, 4) else None
    elif kind == "mark":
        written = _drop_hat(word, rng)
    elif kind == "placement":
        written = _misplace_tone(word, rng)
    elif kind in ("telex", "vni"):
        letters, tones = (
            (_TELEX_LETTERS, _TELEX_TONES) if kind == "telex" else (_VNI_LETTERS, _VNI_TONES)
        )
        written = _typed(word, letters, tones, rng) if strip_marks(word) != word else None
    elif kind == "keyboard":
        written = _keyboard(word, rng)
    elif kind == "edit":
        written = _edit(word, rng)
    else:
        written = _regional(syllable, word, kind, rng)
    if written is None or written == word:
        return None
    # A misplaced mark reads as the same syllable once placed right; any other slip must not.
    if kind != "placement" and canonical(written) == canonical(word):
        return None
    return written


# --- injecting slips into a document ----------------------------------------------------------


def _eligible(word: str) -> bool:
    return word.islower() and parse(word) is not None


def _choose_kind(rng: random.Random, weights: dict[str, float]) -> str:
    kinds = list(weights)
    return rng.choices(kinds, weights=[weights[k] for k in kinds])[0]


def inject(
    text: str,
    rng: random.Random,
    rate: float = DEFAULT_RATE,
    weights: dict[str, float] | None = None,
) -> tuple[str, list[Mistake]]:
    """``text`` with slips injected into about ``rate`` of its lower-case syllables, and the
    labelled mistakes (offsets into the returned text).

    At each chosen syllable a kind is drawn from ``weights`` first, and the slip goes into the
    first syllable from there on that the kind applies to (``hoi_nga`` needs a hỏi or ngã):
    drawing the syllable first would favour the kinds that apply everywhere.
    """
    weights = weights or SLIP_WEIGHTS
    words = list(_WORDS.finditer(text))
    pieces: list[str] = []
    mistakes: list[Mistake] = []
    cursor = written_length = 0
    i = 0
    while i < len(words):
        if not _eligible(words[i].group()) or rng.random() >= rate:
            i += 1
            continue
        slip = _next_slip(text, words, i, _choose_kind(rng, weights), rng)
        if slip is None:
            i += 1
            continue
        at, written, end, used, kind = slip
        start = words[at].start()
        before = text[cursor:start]
        pieces.append(before)
        written_length += len(before)
        mistakes.append(Mistake(written_length, written, (text[start:end],), kind))
        pieces.append(written)
        written_length += len(written)
        cursor = end
        i = at + used
    pieces.append(text[cursor:])
    return "".join(pieces), mistakes


_LOOK_AHEAD = 40  # syllables searched for one the drawn kind applies to


def _next_slip(
    text: str, words: list, i: int, kind: str, rng: random.Random
) -> tuple[int, str, int, int, str] | None:
    """``(word index, written, end of the span replaced, words used, kind)`` for the first word
    from ``i`` on that a slip of ``kind`` applies to."""
    for at in range(i, min(len(words), i + _LOOK_AHEAD)):
        word = words[at].group()
        if not _eligible(word):
            continue
        if kind == "spacing":
            if at + 1 < len(words):
                after = words[at + 1]
                if text[words[at].end() : after.start()] == " " and _eligible(after.group()):
                    return at, word + after.group(), after.end(), 2, kind
            continue
        written = make_slip(word, kind, rng)
        if written is not None:
            return at, written, words[at].end(), 1, kind
    return None


def synthesize(
    documents: Iterable[tuple[str, str]],
    seed: int = 0,
    rate: float = DEFAULT_RATE,
    weights: dict[str, float] | None = None,
) -> Iterator[SyntheticDocument]:
    """For each ``(id, clean text)``, the text with slips and its labels; seeded per document,
    so a document's slips do not depend on which others are in the set."""
    for doc_id, text in documents:
        rng = random.Random(f"{seed}/{doc_id}")
        written, mistakes = inject(text, rng, rate, weights)
        yield SyntheticDocument(doc_id, written, tuple(mistakes))
