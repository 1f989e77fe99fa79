"""Real-word correction in context: the noisy channel over candidate syllables.

For each clause the language model scores the words as written (one forward pass, keeping the
model state after every word). A candidate ``c`` for the word at ``i`` changes only the
probabilities of words ``i`` to ``i+n-1`` (for a model of order ``n``), so its *gain* is

    gain(c) = [log P(text with c) − log P(text as written)]  −  cost(slip that turns c into w)

with the slip costs of :mod:`soat.syllable.candidates` as the error model. A change is reported
when its gain passes the threshold of the chosen level, moved by what the position asks for (a
name, a clause's first word), the passage's topic (:func:`topic_lean`) and the document's own
usage of the change's word (:func:`usage_lean`); the best change is applied first and its
neighbours are judged again with it in place, so two slips side by side are both found. Start at
:func:`corrections`.

Most of the time goes to the first screening of a clause: for every position, could any
candidate pass? When ``soat.lm._native`` is built (``scripts/build_native.sh``) that pass runs
in C++ over KenLM's own code, with the same arithmetic; :meth:`Scorer.could_pass` is the
reference it answers exactly as, and what runs without it.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple

import kenlm

from soat.lm.model import LanguageModel
from soat.lm.segments import Segment
from soat.lm.topic import TopicModel, passage_around
from soat.syllable.candidates import SLIP_COST, Candidate, CandidateGenerator
from soat.syllable.lexicon import Lexicon

# Thresholds on the gain (log10), tuned for precision on development data. default: dev
# detection F1 is highest (0.6845, P 0.922) from 1.82 to 1.83; of those, the higher flags less
# (the tune split's news: 171 context flags, 179 at 1.8). strict keeps the surest changes.
THRESHOLDS = {"default": 1.83, "picky": 0.8, "strict": 2.6}
MAX_CANDIDATES = 20
# The cheapest slip a real word can be: no candidate's gain can pass the threshold where the
# written words are already likelier than 10^-(threshold + this) (every log10 P is <= 0).
CHEAPEST_SLIP = min(SLIP_COST[kind] for kind in ("tone", "mark", "regional", "edit"))
# A change to a syllable the corpora rarely use needs more evidence than its count alone gives.
RARE_COUNT = 50
# The passage around a word (soat.lm.topic) moves the bar: a change needs TOPIC_OFFSET more
# evidence (log10), plus TOPIC_WEIGHT per unit of the passage's lean towards the word as
# written, and never less than the threshold. ``chọn đò đi suối Yến`` is about a boat, not
# ``đồ``; a passage that does not go with the written word lowers the bar to the threshold
# (so the default threshold is reached only there). Tuned on the dev set and the tune split's news:
# dev detection F1 0.681 → 0.682, and on 654 tune articles 185 context flags instead of 222,
# about half of the false ones gone (read by hand).
TOPIC_OFFSET = 0.4
TOPIC_WEIGHT = 0.2
# The document's own usage lowers the bar by USAGE_BONUS (log10), even below the threshold,
# where it writes the change's word beside the same neighbour at least USAGE_MIN_PAIRS times
# elsewhere and never writes the word as written there elsewhere: ``các cơn bảo`` in an article
# that writes ``cơn bão`` twice, ``có thế đánh`` beside ``có thể`` (a slip is a one-off; the
# meant phrase recurs). On the dev set: 11 more true flags and 5 false ones, two of them real
# slips the labels miss (detection F1 0.6746 → 0.6866, P 0.926 → 0.915); on the tune split's
# 654 news articles 6 more flags, 5 of them real slips (Nhiều hoạt đồng, công an huyên huyện).
# A bonus of 0.5 finds a third as many on dev (F1 0.680); 1.5 adds 13 more flags on dev (F1
# 0.690, P 0.899) and 8 on the tune split. One use elsewhere (instead of two) gives dev F1
# 0.690 with 10 more flags there and 13 more on the tune split.
USAGE_BONUS = 1.0
USAGE_MIN_PAIRS = 2

# The extra evidence a change of the word at a position to a candidate word needs.
Lean = Callable[[int, str], float]


class Correction(NamedTuple):
    """Replace the word at ``position`` of a segment with ``candidate`` (``gain`` in log10,
    less the ``extra`` its position asked for: the confidence is computed from it)."""

    position: int
    candidate: Candidate
    gain: float
    alternatives: tuple[str, ...]


def confidence(gain: float, threshold: float) -> float:
    """A 0.5–1 confidence from how far the gain passes the threshold."""
    return round(1 / (1 + math.exp(-(gain - threshold + 1.0))), 3)


class Scorer:
    """Forward scores and states of one segment, rescored as changes are applied."""

    def __init__(self, lm: LanguageModel, words: list[str]) -> None:
        self.lm = lm
        self.words = list(words)
        self._first, self._second = lm.begin(), lm.begin()
        self._forward()

    def _forward(self) -> None:
        score, new_state = self.lm.model.BaseScore, kenlm.State
        state = self.lm.begin()
        self.states = [state]
        self.scores: list[float] = []
        for word in self.words:
            after = new_state()
            self.scores.append(score(state, word, after))
            self.states.append(after)
            state = after
        self.scores.append(self.lm.end(state))

    def _following(self, position: int) -> list[str]:
        """The words the word at ``position`` conditions, ``</s>`` included when in reach."""
        reach = self.lm.order - 1
        following = self.words[position + 1 : position + 1 + reach]
        if len(following) < reach:
            following.append("</s>")
        return following

    def window(self, position: int, word: str) -> float:
        """log10 P of the words the word at ``position`` conditions (``word`` in its place).

        The hot path of context checking: KenLM is called directly, and the two scratch
        states are reused, since only the scores are kept."""
        score, first, second = self.lm.model.BaseScore, self._first, self._second
        total = score(self.states[position], word, first)
        for after in self._following(position):
            total += score(first, after, second)
            first, second = second, first
        return total

    def could_pass(
        self, position: int, candidates: tuple[tuple[float, str], ...], threshold: float
    ) -> bool:
        """Is some ``(cost, word)`` candidate's gain above ``threshold``? ``candidates`` come
        cheapest slip first.

        Exactly what :func:`_best` would say, at a fraction of the model calls: every log10 P
        is <= 0, so the words of the window scored so far bound the gain from above, and most
        candidates are ruled out before the model has scored all the words they condition
        (most after the first one; the dearest slips before any)."""
        score, first, second = self.lm.model.BaseScore, self._first, self._second
        state, following = self.states[position], self._following(position)
        base = self.original(position)
        for cost, word in candidates:
            if -base - cost <= threshold:
                return False  # the same bound holds for every dearer slip
            total = score(state, word, first)
            if total - base - cost <= threshold:
                continue
            current, scratch = first, second
            for after in following:
                total += score(current, after, scratch)
                if total - base - cost <= threshold:
                    break
                current, scratch = scratch, current
            else:
                return True
        return False

    def original(self, position: int) -> float:
        return sum(self.scores[position : position + self.lm.order])

    def replace(self, position: int, word: str) -> None:
        """Put ``word`` at ``position``: only the scores of the words it conditions change, and
        the states after them (a state holds the last ``order - 1`` words)."""
        self.words[position] = word
        step, states, scores = self.lm.step, self.states, self.scores
        last = min(position + self.lm.order, len(self.words))
        for j in range(position, last):
            scores[j], states[j + 1] = step(states[j], self.words[j])
        if last == len(self.words):
            scores[last] = self.lm.end(states[last])


def _best(
    scorer: Scorer, position: int, candidates: tuple[Candidate, ...]
) -> tuple[Candidate, float, list[tuple[float, str]]] | None:
    base = scorer.original(position)
    ranked = []
    for candidate in candidates[:MAX_CANDIDATES]:
        gain = scorer.window(position, candidate.word) - base - candidate.cost
        ranked.append((gain, candidate))
    if not ranked:
        return None
    ranked.sort(key=lambda pair: -pair[0])
    gain, best = ranked[0]
    return best, gain, [(g, c.word) for g, c in ranked]


@lru_cache(maxsize=50_000)
def _cheapest_first(
    generator: CandidateGenerator, word: str, limit: int
) -> tuple[tuple[float, str], ...]:
    """The first ``limit`` confusions of ``word`` as ``(cost, word)``, cheapest slip first."""
    return tuple(sorted((c.cost, c.word) for c in generator.confusions(word)[:limit]))


# A position none of whose candidates passes the threshold: it is never chosen, but it is
# judged again when a neighbour changes, as any position in ``best_at`` is.
_NONE_PASSES = (None, -math.inf, [])


def corrections(
    lm: LanguageModel,
    generator: CandidateGenerator,
    segment: Segment,
    eligible: list[bool],
    threshold: float,
    extra: list[float] | None = None,
    lean: Lean | None = None,
) -> list[Correction]:
    """The changes to ``segment`` whose gain passes ``threshold`` (plus ``extra[i]`` at
    position ``i``, where some words need more evidence, and ``lean(i, candidate)`` where the
    passage is about the word as written, or less where the document uses the change's word
    beside the same neighbour), best first: the change that passes its own bar by the most is
    applied first.

    Only a position with a candidate above the lowest bar can be chosen, so the others are
    settled by :func:`_verdicts`; the full ranking is computed where one passes. Most clauses
    have none, and then no Python scorer is built at all (with ``soat.lm._native``)."""
    lex = generator.lex
    extra = extra or [0.0] * len(eligible)
    leaning: dict[tuple[int, str], float] = {}

    def more(position: int, candidate: Candidate) -> float:
        """The evidence a change asks for beyond the threshold, but for rarity."""
        key = (position, candidate.word)
        if lean is not None and key not in leaning:
            leaning[key] = lean(position, candidate.word)
        return extra[position] + leaning.get(key, 0.0)

    def surplus(item: tuple[int, tuple]) -> float:
        """How far the best change at a position passes that position's bar."""
        position, (candidate, gain, _) = item
        if candidate is None:
            return -math.inf
        return gain - _needed(lex, candidate, threshold, more(position, candidate))

    pending = {i for i, ok in enumerate(eligible) if ok}
    # The screening must let through every change a bar could accept: a lean may lower the
    # bar below the threshold by up to USAGE_BONUS (usage_lean), never below zero (_needed).
    lowest = max(0.0, threshold - (USAGE_BONUS if lean is not None else 0.0))
    found: list[Correction] = []
    best_at: dict[int, tuple] = {}
    # With the C++ screening, the Python scorer waits until some position passes.
    scorer = None if lm.native is not None else Scorer(lm, segment.words)
    while pending or best_at:
        judged = _verdicts(lm, generator, scorer, segment.words, pending, lowest)
        if scorer is None:
            if PASSES not in judged.values():
                break  # what the loop below would conclude, with no entry above the lowest bar
            scorer = Scorer(lm, segment.words)
        for position, verdict in judged.items():
            if verdict == PASSES:
                word = segment.words[position]
                best_at[position] = _best(scorer, position, generator.confusions(word))
            elif verdict == NO_PASS:
                best_at[position] = _NONE_PASSES
            else:
                best_at.pop(position, None)
        pending = set()
        if not best_at:
            break
        best = max(best_at.items(), key=surplus)
        if surplus(best) <= 0:
            break
        position, (candidate, gain, ranked) = best
        alternatives = tuple(word for g, word in ranked if g > 0)[:5]
        found.append(
            Correction(position, candidate, gain - more(position, candidate), alternatives)
        )
        scorer.replace(position, candidate.word)
        del best_at[position]
        eligible[position] = False
        pending = {j for j in range(position - 2, position + 3) if j in best_at}
    return found


def topic_lean(topic: TopicModel | None, words: Sequence[str], start: int) -> Lean:
    """The :data:`Lean` of a clause whose first word is ``words[start]`` (``words``: the whole
    document's model words): :data:`TOPIC_OFFSET`, plus :data:`TOPIC_WEIGHT` times how much the
    passage around a word goes with it rather than with the candidate, never below zero.
    Without the topic tables (an old build) only the offset."""

    passages: dict[int, list[float]] = {}  # by position: one passage for all its candidates

    def lean(position: int, candidate: str) -> float:
        if topic is None:
            return TOPIC_OFFSET
        where = start + position
        if where not in passages:
            passages[where] = topic.passage(passage_around(words, where))
        leaning = topic.lean(words[where], candidate, passages[where])
        return max(0.0, TOPIC_OFFSET + TOPIC_WEIGHT * leaning)

    return lean


def usage_lean(lean: Lean, pairs: Counter[tuple[str, str]], clause: Sequence[str]) -> Lean:
    """``lean`` less :data:`USAGE_BONUS` where the document's ``pairs`` (:func:`word_pairs`)
    show a change's word in use beside its neighbour in the ``clause`` (its model words)."""

    def lowered(position: int, candidate: str) -> float:
        usage = USAGE_BONUS if _in_use(pairs, clause, position, candidate) else 0.0
        return lean(position, candidate) - usage

    return lowered


def word_pairs(clauses: Iterable[Sequence[str]]) -> Counter[tuple[str, str]]:
    """How often a document writes each pair of neighbouring words, clause by clause."""
    return Counter(pair for words in clauses for pair in pairwise(words))


def _in_use(pairs: Counter[tuple[str, str]], words: Sequence[str], where: int, meant: str) -> bool:
    """Does the document write ``meant`` beside a neighbour of ``words[where]`` (the words of
    one clause) at least :data:`USAGE_MIN_PAIRS` times, and the word as written beside it
    nowhere else?"""
    written = words[where]
    found = False
    if where > 0:
        before = words[where - 1]
        if pairs[(before, written)] > 1:
            return False
        found = pairs[(before, meant)] >= USAGE_MIN_PAIRS
    if where + 1 < len(words):
        after = words[where + 1]
        if pairs[(written, after)] > 1:
            return False
        found = found or pairs[(meant, after)] >= USAGE_MIN_PAIRS
    return found


def _needed(lex: Lexicon, candidate: Candidate, threshold: float, extra: float) -> float:
    """The gain a change to ``candidate`` must pass: more for a rare syllable, and ``extra``
    more where the position asks for it (less where the document uses the candidate), never
    below zero: a change the model does not prefer, slip included, is never made."""
    rare = 1.0 if lex.count(candidate.word) < RARE_COUNT else 0.0
    return max(0.0, threshold + extra + rare)


# A position's verdict: ruled out by the bound on its window or for want of candidates (it
# leaves the running), no candidate passes (judged again when a neighbour changes), or one may.
PRUNED, NO_PASS, PASSES = 0, 1, 2


def _verdicts(
    lm: LanguageModel,
    generator: CandidateGenerator,
    scorer: Scorer | None,
    words: list[str],
    pending: set[int],
    threshold: float,
) -> dict[int, int]:
    """The verdict on every position of ``pending``, in its order: in C++ on the first pass
    when the module is built (``scorer`` is None), else with ``scorer``."""
    screened = [_cheapest_first(generator, words[p], MAX_CANDIDATES) for p in pending]
    if lm.native is not None and scorer is None:
        # The first pass only: the C++ pass scores the whole clause, while judging again the
        # few neighbours of a change is cheaper in the Python scorer, which rescores locally
        # (a long clause with many changes would otherwise be quadratic).
        verdicts = lm.screen(words, list(pending), screened, threshold, CHEAPEST_SLIP)
        return dict(zip(pending, verdicts, strict=True))
    assert scorer is not None
    judged = {}
    for position, candidates in zip(pending, screened, strict=True):
        if scorer.original(position) > -(threshold + CHEAPEST_SLIP) or not candidates:
            judged[position] = PRUNED
        elif scorer.could_pass(position, candidates, threshold):
            judged[position] = PASSES
        else:
            judged[position] = NO_PASS
    return judged


def rerank(scorer: Scorer, position: int, candidates: tuple[Candidate, ...]) -> list[Candidate]:
    """``candidates`` for a non-word at ``position`` of ``scorer``'s words, best first in
    context. One scorer serves a whole clause: after each non-word, put its fix in place with
    :meth:`Scorer.replace` (a fresh scorer per non-word made a long clause quadratic)."""
    return [c for _, c in ranked_gains(scorer, position, candidates)]


def ranked_gains(
    scorer: Scorer, position: int, candidates: tuple[Candidate, ...]
) -> list[tuple[float, Candidate]]:
    """``(gain, candidate)`` for the word at ``position`` of ``scorer``'s words, best first:
    log10 P with the candidate in place, minus as written, minus the slip's cost."""
    base = scorer.original(position)
    scored = [
        (scorer.window(position, c.word) - base - c.cost, c)
        for c in candidates[: MAX_CANDIDATES * 2]
    ]
    scored.sort(key=lambda pair: -pair[0])
    return scored
