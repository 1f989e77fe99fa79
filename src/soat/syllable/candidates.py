"""The candidate generator: the syllables a writer probably meant.

Vietnamese is mistyped in a few characteristic ways, each a *slip kind* with its own cost
(−log10 of how likely the slip is; the noisy channel's error model):

- ``placement``: the right letters, the tone mark on the wrong vowel (``taị`` → ``tại``);
- ``typing``: Telex or VNI residue (``vieejt``, ``vie65t`` → ``việt``);
- ``tone`` and ``mark``: a tone or a hat/horn/breve/đ missing or wrong (``thich`` → ``thích``);
- ``regional``: s/x, ch/tr, d/gi/r/v, l/n, -n/-ng, -c/-t, i/y (``xắp`` → ``sắp``);
- ``edit``: one letter inserted, deleted, replaced or two swapped (``kà`` → ``là``).

Everything is precomputed from the lexicon when the generator is built (the SymSpell idea): a
map from a syllable's bare letters to the syllables that share them, and a map from
one-letter deletions to the syllables they come from, so a lookup is a few dictionary hits.
Start at :meth:`CandidateGenerator.generate`.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache, cached_property, lru_cache
from typing import NamedTuple

from soat.syllable.grammar import canonical, compose, parse, strip_tone
from soat.syllable.lexicon import Lexicon, lexicon
from soat.syllable.typing import MAX_WORD_LETTERS, decode_telex, decode_vni, strip_marks

# −log10 P(slip): how unlikely each kind of slip is (tuned on training/tune data only).
SLIP_COST = {
    "same": 0.0,
    "placement": 0.2,
    "typing": 0.5,
    "tone": 1.0,
    "mark": 1.5,
    "regional": 1.0,
    "edit": 3.0,  # the dearest slip: the generator relies on it
}
# In context, a one-letter slip is only considered towards a syllable at least this common.
CONTEXT_EDIT_MIN_COUNT = 2000

_ONSET_CONFUSIONS = {
    "s": ("x",), "x": ("s",), "ch": ("tr",), "tr": ("ch",),
    "d": ("gi", "r", "v", "đ"), "gi": ("d", "r"), "r": ("d", "gi"), "v": ("d", "b"),
    "l": ("n",), "n": ("l",), "b": ("v",), "k": ("c",), "c": ("k", "q"),
    "ng": ("ngh",), "ngh": ("ng",), "g": ("gh",), "gh": ("g",),
}  # fmt: skip
_CODA_CONFUSIONS = {"n": "ng", "ng": "n", "c": "t", "t": "c", "nh": "n", "ch": "t"}

_KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


def _keyboard_neighbours() -> dict[str, set[str]]:
    near: dict[str, set[str]] = defaultdict(set)
    for r, row in enumerate(_KEYBOARD_ROWS):
        for c, key in enumerate(row):
            for dr, dc in ((0, -1), (0, 1), (-1, 0), (-1, 1), (1, 0), (1, -1)):
                rr, cc = r + dr, c + dc
                if 0 <= rr < 3 and 0 <= cc < len(_KEYBOARD_ROWS[rr]):
                    near[key].add(_KEYBOARD_ROWS[rr][cc])
    return near


KEYBOARD = _keyboard_neighbours()


class Candidate(NamedTuple):
    """A syllable the writer may have meant, the slip that would explain it, and its cost."""

    word: str
    kind: str
    cost: float


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


_VOWELS = frozenset("aăâeêioôơuưy")


def iy_variants(a: str, b: str) -> bool:
    """Are ``a`` and ``b`` two accepted spellings of one syllable, final ``i`` or ``y`` after
    a consonant (``lí``/``lý``, ``kì``/``kỳ``)? Neither is a slip of the other; a document
    that mixes them is a style matter (``VI_IY_MIXED``). Not after ``qu``: the school
    orthography and common usage both write ``quy``, ``quý`` (78 and 96 times as often as
    ``qui``, ``quí`` in the corpora), so ``qui`` is a slip."""
    ta, tb = strip_tone(a), strip_tone(b)
    if ta is None or tb is None or ta[1] != tb[1]:
        return False
    (la, _), (lb, _) = ta, tb
    onset = la[:-1]
    return (
        bool(onset)
        and onset == lb[:-1]
        and {la[-1:], lb[-1:]} == {"i", "y"}
        and not _VOWELS & set(onset)
    )


def _diacritic_kind(written: str, meant: str) -> str:
    """``tone`` when only the tone differs, else ``mark``."""
    a, b = strip_tone(written), strip_tone(meant)
    if a and b and a[0] == b[0]:
        return "tone"
    return "mark"


class CandidateGenerator:
    """Precomputed tables over the lexicon's Vietnamese syllables, each built at first use."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex

    @cached_property
    def _ranked(self) -> list[str]:
        """The lexicon's Vietnamese syllables, commonest first."""
        return sorted(self.lex.vietnamese, key=lambda w: (-self.lex.count(w), w))

    @cached_property
    def by_bare(self) -> dict[str, list[str]]:
        """Bare letters (``thich``) → the syllables spelt with them, commonest first."""
        table: dict[str, list[str]] = defaultdict(list)
        for word in self._ranked:
            table[strip_marks(word)].append(word)
        return table

    @cached_property
    def by_delete(self) -> dict[str, set[str]]:
        """One-letter deletions → the syllables they come from (built at the first edit)."""
        table: dict[str, set[str]] = defaultdict(set)
        for word in self._ranked:
            table[word].add(word)
            for deleted in _deletes(word):
                table[deleted].add(word)
        return table

    @staticmethod
    def _edit_cost(written: str, bare: str, meant: str) -> float:
        """The cost of a one-letter slip (``bare`` is ``written`` without marks): a slip to a
        neighbouring key is likelier than any other substitution."""
        cost = SLIP_COST["edit"]
        # A stray combining mark (``,̀``) has no letter of its own: ``bare`` is then shorter.
        if len(written) == len(meant) == len(bare):
            diff = [i for i, (a, b) in enumerate(zip(written, meant, strict=True)) if a != b]
            if len(diff) == 1 and strip_marks(meant[diff[0]]) in KEYBOARD.get(bare[diff[0]], ()):
                cost -= 0.6
        return cost

    @lru_cache(maxsize=50_000)  # noqa: B019 - one generator lives for the whole process
    def _close(self, word: str) -> dict[str, Candidate]:
        """The candidates of ``word`` other than one-letter slips, in the order found."""
        found: dict[str, Candidate] = {}

        def add(meant: str | None, kind: str) -> None:
            if not meant or meant not in self.lex.vietnamese or meant == word:
                return
            cost = SLIP_COST[kind]
            if meant not in found or found[meant].cost > cost:
                found[meant] = Candidate(meant, kind, cost)

        placed = canonical(word)
        if placed != word:
            add(placed, "placement")
        add(decode_telex(word), "typing")
        add(decode_vni(word), "typing")
        for meant in self.by_bare.get(strip_marks(word), ()):
            add(meant, _diacritic_kind(word, meant))
        for meant in self._regional(word):
            add(meant, "regional")
        return found

    @lru_cache(maxsize=50_000)  # noqa: B019 - one generator lives for the whole process
    def generate(self, word: str, edits: bool = True) -> tuple[Candidate, ...]:
        """Candidates for lower-case ``word``, best (cheapest slip, most frequent) first; none
        for a word longer than :data:`MAX_WORD_LETTERS` (no syllable is a slip of it)."""
        if len(word) > MAX_WORD_LETTERS:
            return ()
        found = self._close(word)
        if edits:
            found = dict(found)
            bare = strip_marks(word)
            for meant in sorted(self._edits(word)):  # sorted: ties keep one order in every run
                if meant != word and meant not in found:  # any other slip is cheaper than an edit
                    found[meant] = Candidate(meant, "edit", self._edit_cost(word, bare, meant))
        return tuple(
            sorted(found.values(), key=lambda c: c.cost - self.lex.log_frequency(c.word) * 0.5)
        )

    @lru_cache(maxsize=50_000)  # noqa: B019 - one generator lives for the whole process
    def confusions(self, word: str) -> tuple[Candidate, ...]:
        """The confusion set of a real syllable for the context lattice: its diacritic,
        regional and placement variants, and one-letter slips towards common syllables."""
        close = tuple(c for c in self.generate(word, edits=False) if not iy_variants(word, c.word))
        seen = {c.word for c in close}
        frequent_edits = tuple(
            c
            for c in self.generate(word)
            if c.kind == "edit"
            and c.word not in seen
            and self.lex.count(c.word) >= CONTEXT_EDIT_MIN_COUNT
            and not iy_variants(word, c.word)
        )
        return close + frequent_edits

    def _regional(self, word: str) -> list[str]:
        parsed = parse(word)
        if parsed is None:
            return []
        toneless = strip_tone(word)[0]
        onset, rhyme = parsed.onset, toneless[len(parsed.onset) :]
        variants = []
        for other in _ONSET_CONFUSIONS.get(onset, ()):
            variants.append(compose(other + rhyme, parsed.tone))
        coda = parsed.coda
        if coda in _CODA_CONFUSIONS:
            variants.append(compose(toneless[: -len(coda)] + _CODA_CONFUSIONS[coda], parsed.tone))
        if toneless.endswith("i") and onset:
            variants.append(compose(toneless[:-1] + "y", parsed.tone))
        elif toneless.endswith("y") and onset and onset != "qu":  # qui is a slip of quy
            variants.append(compose(toneless[:-1] + "i", parsed.tone))
        if parsed.tone in (3, 4):
            variants.append(compose(toneless, 7 - parsed.tone))
        return [v for v in variants if v]

    def _edits(self, word: str) -> set[str]:
        found = set(self.by_delete.get(word, ()))
        for deleted in _deletes(word):
            found |= self.by_delete.get(deleted, set())
        # Two swapped letters are one edit for a writer, two for the delete tables.
        for i in range(len(word) - 1):
            swapped = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
            if swapped in self.lex.vietnamese:
                found.add(swapped)
        found.update(self._swapped_vowels(word))
        return found

    def _swapped_vowels(self, word: str) -> set[str]:
        """Two vowel letters typed in the wrong order, the tone kept (``tọa`` for ``tạo``,
        ``thảo`` for ``thỏa``): the tone key comes last in Telex, so it lands on the syllable,
        not on a letter."""
        parts = strip_tone(word)
        if parts is None:
            return set()
        toneless, tone = parts
        found = set()
        for i in range(len(toneless) - 1):
            a, b = toneless[i], toneless[i + 1]
            if a != b and a in _VOWELS and b in _VOWELS:
                meant = compose(toneless[:i] + b + a + toneless[i + 2 :], tone)
                if meant and meant != word and meant in self.lex.vietnamese:
                    found.add(meant)
        return found


@cache
def generator() -> CandidateGenerator:
    """The shared candidate generator, built once from the shipped lexicon."""
    return CandidateGenerator(lexicon())
