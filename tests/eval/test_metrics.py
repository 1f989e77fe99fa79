"""The scoring arithmetic on hand-made examples (no checker, no corpus)."""

from __future__ import annotations

import pytest

from soat.eval.metrics import (
    Flag,
    Mistake,
    same_correction,
    score_document,
    score_restoration,
)

TEXT = "Tôi thich ăn cơm tai nhà bạn."


def _at(word: str) -> int:
    return TEXT.index(word)


MISTAKES = [
    Mistake(_at("thich"), "thich", ("thích",), "tone_dropped"),
    Mistake(_at("tai"), "tai", ("tại",), "tone_dropped"),
]


def test_precision_recall_f1_for_detection_and_correction():
    flags = [
        Flag(_at("thich"), _at("thich") + 5, "VI_NON_WORD", "thích"),  # found, fixed right
        Flag(_at("tai"), _at("tai") + 3, "VI_CONTEXT", "tái"),  # found, wrong fix
        Flag(_at("bạn"), _at("bạn") + 3, "VI_CONTEXT", "bàn"),  # a false alarm
    ]
    result = score_document(TEXT, MISTAKES, flags)
    score = result.score
    assert (score.flags, score.flags_detecting, score.flags_correcting) == (3, 2, 1)
    assert (score.mistakes, score.mistakes_detected, score.mistakes_corrected) == (2, 2, 1)
    assert score.detection_precision == pytest.approx(2 / 3)
    assert score.detection_recall == 1.0
    assert score.detection_f1 == pytest.approx(0.8)
    assert score.correction_precision == pytest.approx(1 / 3)
    assert score.correction_recall == pytest.approx(0.5)
    assert score.correction_f1 == pytest.approx(0.4)
    assert [f.rule for f in result.false_flags] == ["VI_CONTEXT"]
    assert result.per_rule["VI_CONTEXT"].flags == 2
    assert result.per_rule["VI_CONTEXT"].flags_detecting == 1
    assert result.per_kind["tone_dropped"].mistakes_detected == 2


def test_no_flags_scores_zero_without_dividing_by_zero():
    score = score_document(TEXT, MISTAKES, []).score
    assert score.detection_precision == score.detection_f1 == score.correction_f1 == 0.0
    assert len(score_document(TEXT, MISTAKES, []).missed) == 2


def test_correction_ignores_case_and_tone_mark_placement():
    text = "Hoa binh"
    mistake = Mistake(0, "Hoa", ("hòa",))
    assert same_correction(text, Flag(0, 3, "R", "Hoà"), mistake)
    assert not same_correction(text, Flag(0, 3, "R", "Hóa"), mistake)
    assert not same_correction(text, Flag(0, 3, "R", None), mistake)


def test_a_wider_flag_corrects_when_its_fix_reads_the_same():
    flag = Flag(_at("thich"), _at("thich") + len("thich ăn"), "R", "thích ăn")
    assert same_correction(TEXT, flag, MISTAKES[0])
    score = score_document(TEXT, MISTAKES, [flag]).score
    assert (score.mistakes_detected, score.mistakes_corrected) == (1, 1)


def test_a_lost_space_is_fixed_by_inserting_it():
    text = "ngay lậptức đi"
    mistake = Mistake(5, "lậptức", ("lập tức",), "spacing")
    flag = Flag(5, 11, "R", "lập tức")
    assert score_document(text, [mistake], [flag]).score.mistakes_corrected == 1


def test_zero_length_flag_detects_the_mistake_it_touches():
    mistake = Mistake(4, "thich", ("thích",))
    assert score_document(TEXT, [mistake], [Flag(9, 9, "R")]).score.mistakes_detected == 1
    assert score_document(TEXT, [mistake], [Flag(12, 12, "R")]).score.mistakes_detected == 0


def test_restoration_accuracy_over_all_and_marked_syllables():
    reference = "Tôi đi học ở Hà Nội cho vui."
    restored = "Tôi đi hóc ở Hà Nội chờ vui."
    score = score_restoration(reference, restored)
    assert (score.syllables, score.right) == (8, 6)
    assert (score.marked, score.marked_right) == (6, 5)
    assert score.accuracy == pytest.approx(0.75)


def test_restoration_alignment_survives_changed_spacing_and_case():
    reference = "Tôi đi học , ở Hà Nội."
    restored = "tôi đi học, ở hà nội ."  # a restorer that re-spaces and lower-cases
    score = score_restoration(reference, restored)
    assert (score.syllables, score.right) == (6, 6)


def test_restoration_counts_a_lost_syllable_as_wrong():
    score = score_restoration("Tôi đi học.", "Tôi học.")
    assert (score.syllables, score.right) == (3, 2)
