"""Diacritic restoration: marks come back, nothing else changes."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import soat
from soat.syllable.typing import strip_marks


def test_restores_a_plain_sentence():
    assert soat.restore_diacritics("toi di hoc o truong") == "tôi đi học ở trường"


def test_keeps_case_spacing_and_punctuation():
    text = "Hom nay,  troi  DEP qua!\r\nToi o Ha Noi."
    restored = soat.restore_diacritics(text)
    assert len(restored) == len(text)
    assert strip_marks(restored) == strip_marks(text)
    assert restored.startswith("Hôm nay,  trời  ĐẸP quá!\r\n")


def test_already_marked_syllables_are_kept_unless_all():
    text = "Tôi đi hoc"
    assert soat.restore_diacritics(text).startswith("Tôi đi ")
    assert soat.restore_diacritics("toi thích hoc").split()[1] == "thích"


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet="abcdeghiklmnopqrstuvxy đĐ,.!?\n0123456789ABC", max_size=60))
def test_only_letters_marks_ever_change(text):
    restored = soat.restore_diacritics(text)
    assert len(restored) == len(text)
    assert strip_marks(restored).lower() == strip_marks(text).lower()


@pytest.mark.parametrize("text", ["", "   ", "123, 456", "😀 emoji", "https://a.vn/toi"])
def test_odd_inputs(text):
    assert soat.restore_diacritics(text) == text
