"""The arithmetic of scoring: spans, counts, precision, recall, F1 and accuracy.

Everything here is pure: it takes labelled mistakes and the flags a checker raised (or a
reference text and a restored one) and counts. No file, model or checker is touched, so the
definitions can be read, and tested, on their own.

Spelling (:func:`score_document`), at the token level:

* a flag *detects* a mistake when their spans overlap (a zero-length flag, an insertion point,
  overlaps a mistake it touches);
* detection precision = flags that overlap some mistake / all flags; detection recall =
  mistakes overlapped by some flag / all mistakes;
* a flag *corrects* a mistake when applying its first replacement alone gives, over the union of
  the two spans, the same text as applying one of the mistake's suggestions — compared
  case-insensitively after NFC and canonical tone placement (:func:`same_correction`);
* correction precision = flags that correct a mistake / all flags (a flag without a fix, or with
  a wrong one, is not a correction); correction recall = mistakes some flag corrects / mistakes.

Restoration (:func:`score_restoration`): syllables are the runs of letters of the reference,
aligned with the restored text's on their bare letters; a restored syllable is right when it
equals the reference one case-insensitively after canonical tone placement (a restorer may
lower-case or re-space, it is judged on marks only). Start reading at :class:`SpellingScore`.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import regex

from soat.syllable.grammar import canonical
from soat.syllable.typing import strip_marks

_LETTERS = regex.compile(r"[\p{L}\p{M}]+")


@dataclass(frozen=True)
class Mistake:
    """A labelled mistake: ``text`` at ``start`` should read as one of ``suggest``."""

    start: int
    text: str
    suggest: tuple[str, ...]
    kind: str = ""

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True)
class Flag:
    """What a checker reported: a span, the rule that raised it, its first fix (or None)."""

    start: int
    end: int
    rule: str
    replacement: str | None = None


def ratio(part: float, whole: float) -> float:
    """``part / whole``, 0 when ``whole`` is 0."""
    return part / whole if whole else 0.0


def f1(precision: float, recall: float) -> float:
    """The harmonic mean of ``precision`` and ``recall`` (0 when both are 0)."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass
class SpellingScore:
    """Counts for detection and correction; add scores of several documents with ``+=``."""

    flags: int = 0
    flags_detecting: int = 0
    flags_correcting: int = 0
    mistakes: int = 0
    mistakes_detected: int = 0
    mistakes_corrected: int = 0

    def __iadd__(self, other: SpellingScore) -> SpellingScore:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self

    @property
    def detection_precision(self) -> float:
        return ratio(self.flags_detecting, self.flags)

    @property
    def detection_recall(self) -> float:
        return ratio(self.mistakes_detected, self.mistakes)

    @property
    def detection_f1(self) -> float:
        return f1(self.detection_precision, self.detection_recall)

    @property
    def correction_precision(self) -> float:
        return ratio(self.flags_correcting, self.flags)

    @property
    def correction_recall(self) -> float:
        return ratio(self.mistakes_corrected, self.mistakes)

    @property
    def correction_f1(self) -> float:
        return f1(self.correction_precision, self.correction_recall)

    def to_dict(self) -> dict:
        counts = {name: getattr(self, name) for name in self.__dataclass_fields__}
        figures = {
            f"{task}_{measure}": round(getattr(self, f"{task}_{measure}"), 4)
            for task in ("detection", "correction")
            for measure in ("precision", "recall", "f1")
        }
        return {**counts, **figures}


@dataclass
class DocumentResult:
    """The score of one document and, for reading by hand, what was matched and missed."""

    score: SpellingScore
    per_rule: dict[str, SpellingScore] = field(default_factory=dict)
    per_kind: dict[str, SpellingScore] = field(default_factory=dict)
    false_flags: list[Flag] = field(default_factory=list)
    missed: list[Mistake] = field(default_factory=list)
    miscorrected: list[tuple[Mistake, Flag]] = field(default_factory=list)


def overlaps(flag: Flag, mistake: Mistake) -> bool:
    """Do the two spans share a character (or does a zero-length flag touch the mistake)?"""
    if flag.start == flag.end:
        return mistake.start <= flag.start <= mistake.end
    return flag.start < mistake.end and mistake.start < flag.end


def comparable(text: str) -> str:
    """``text`` as corrections are compared: NFC, lower case, canonical tone placement,
    single spaces."""
    words = unicodedata.normalize("NFC", text).lower().split()
    return " ".join(canonical(word) for word in words)


def same_correction(text: str, flag: Flag, mistake: Mistake) -> bool:
    """Does ``flag``'s first replacement fix ``mistake`` the way its label says?"""
    if flag.replacement is None:
        return False
    start, end = min(flag.start, mistake.start), max(flag.end, mistake.end)
    fixed_by_flag = text[start : flag.start] + flag.replacement + text[flag.end : end]
    ours = comparable(fixed_by_flag)
    for suggestion in mistake.suggest:
        labelled = text[start : mistake.start] + suggestion + text[mistake.end : end]
        if comparable(labelled) == ours:
            return True
    return False


def score_document(text: str, mistakes: Sequence[Mistake], flags: Sequence[Flag]) -> DocumentResult:
    """Score the ``flags`` raised on ``text`` against its labelled ``mistakes``."""
    result = DocumentResult(SpellingScore(mistakes=len(mistakes), flags=len(flags)))
    detected: set[int] = set()
    corrected: set[int] = set()
    for flag in flags:
        rule = result.per_rule.setdefault(flag.rule, SpellingScore())
        rule.flags += 1
        hits = [i for i, mistake in enumerate(mistakes) if overlaps(flag, mistake)]
        if not hits:
            result.false_flags.append(flag)
            continue
        rule.flags_detecting += 1
        result.score.flags_detecting += 1
        detected.update(hits)
        fixes = [i for i in hits if same_correction(text, flag, mistakes[i])]
        if fixes:
            rule.flags_correcting += 1
            result.score.flags_correcting += 1
            corrected.update(fixes)
        else:
            result.miscorrected.extend((mistakes[i], flag) for i in hits)
    result.score.mistakes_detected = len(detected)
    result.score.mistakes_corrected = len(corrected)
    for i, mistake in enumerate(mistakes):
        kind = result.per_kind.setdefault(mistake.kind or "unknown", SpellingScore())
        kind.mistakes += 1
        kind.mistakes_detected += i in detected
        kind.mistakes_corrected += i in corrected
        if i not in detected:
            result.missed.append(mistake)
    _credit_rules(mistakes, flags, detected, corrected, result.per_rule)
    return result


def _credit_rules(
    mistakes: Sequence[Mistake],
    flags: Sequence[Flag],
    detected: set[int],
    corrected: set[int],
    per_rule: dict[str, SpellingScore],
) -> None:
    """Count, per rule, the mistakes it detected and corrected (a mistake may credit several)."""
    for i, mistake in enumerate(mistakes):
        if i not in detected:
            continue
        rules_detecting = {f.rule for f in flags if overlaps(f, mistake)}
        for rule in rules_detecting:
            per_rule[rule].mistakes_detected += 1
        if i in corrected:
            for rule in rules_detecting:
                per_rule[rule].mistakes_corrected += 1


def merge(into: dict[str, SpellingScore], more: dict[str, SpellingScore]) -> None:
    """Add per-key scores of ``more`` into ``into``."""
    for key, score in more.items():
        into.setdefault(key, SpellingScore())
        into[key] += score


# --- diacritic restoration -------------------------------------------------------------------


@dataclass
class RestoreScore:
    """Syllables right over all syllables and over those that carry marks in the reference."""

    syllables: int = 0
    right: int = 0
    marked: int = 0
    marked_right: int = 0

    def __iadd__(self, other: RestoreScore) -> RestoreScore:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self

    @property
    def accuracy(self) -> float:
        return ratio(self.right, self.syllables)

    @property
    def marked_accuracy(self) -> float:
        return ratio(self.marked_right, self.marked)

    def to_dict(self) -> dict:
        counts = {name: getattr(self, name) for name in self.__dataclass_fields__}
        return {
            **counts,
            "accuracy": round(self.accuracy, 5),
            "marked_accuracy": round(self.marked_accuracy, 5),
        }


def syllables_of(text: str) -> list[str]:
    """The runs of letters of ``text`` (syllables, foreign words, names)."""
    return _LETTERS.findall(text)


def _same_syllable(restored: str, reference: str) -> bool:
    return canonical(restored.lower()) == canonical(reference.lower())


def align_syllables(reference: Sequence[str], restored: Sequence[str]) -> list[str | None]:
    """For each reference syllable, the restored syllable it corresponds to (None if lost).

    Syllables are matched on their bare letters (marks and case removed): position by position
    when the two sequences agree, else with :class:`difflib.SequenceMatcher`. This survives a
    restorer that changes spacing, punctuation or case.
    """
    keys_ref = [strip_marks(s).lower() for s in reference]
    keys_got = [strip_marks(s).lower() for s in restored]
    if keys_ref == keys_got:
        return list(restored)
    matcher = difflib.SequenceMatcher(a=keys_ref, b=keys_got, autojunk=False)
    aligned: list[str | None] = [None] * len(reference)
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            aligned[block.a + k] = restored[block.b + k]
    return aligned


def score_restoration(reference: str, restored: str) -> RestoreScore:
    """Syllable accuracy of ``restored`` against ``reference``."""
    score = RestoreScore()
    syllables = syllables_of(reference)
    for syllable, got in zip(
        syllables, align_syllables(syllables, syllables_of(restored)), strict=True
    ):
        is_marked = strip_marks(syllable) != syllable
        right = got is not None and _same_syllable(got, syllable)
        score.syllables += 1
        score.right += right
        score.marked += is_marked
        score.marked_right += is_marked and right
    return score


def total(scores: Iterable[RestoreScore]) -> RestoreScore:
    """The sum of restoration scores."""
    summed = RestoreScore()
    for score in scores:
        summed += score
    return summed
