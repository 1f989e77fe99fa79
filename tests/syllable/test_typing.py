"""Telex and VNI keys read back, also with one key out of place."""

import pytest

from soat.syllable.typing import miskeyed_telex, misplaced_telex, misplaced_vni, telex_keys


def test_telex_keys_put_mark_keys_after_their_letter_and_the_tone_key_last():
    assert telex_keys("motọ") == "motoj"
    assert telex_keys("được") == "dduwowcj"
    assert telex_keys("ngày") == "ngayf"


def test_a_tone_key_typed_before_the_vowel_is_read_after_it():
    assert "ngày" in misplaced_telex("ngfay")
    assert misplaced_telex("tranh") == set()  # the r of tr is a letter, not the hỏi key


def test_a_hat_key_after_the_coda_that_took_the_tone_is_read_as_typed():
    assert misplaced_telex("motọ") == {"một"}


def test_a_syllable_typed_right_has_no_other_reading():
    assert misplaced_telex("ngày") == set()
    assert misplaced_telex("người") == set()


def test_a_stray_key_or_a_left_out_vowel_is_only_a_loose_reading():
    assert "ý" in miskeyed_telex("yws")
    assert "đã" in miskeyed_telex("đx")
    assert misplaced_telex("yws") == set() and misplaced_telex("đx") == set()
    assert "tiếp" not in miskeyed_telex("triếp")  # the r of tr is no stray key


@pytest.mark.parametrize(("written", "meant"), [("na9m", "năm"), ("ta5ic", "tại")])
def test_a_vni_digit_next_to_the_right_one_or_a_letter_too_many_is_read(written, meant):
    assert meant in misplaced_vni(written)


@pytest.mark.parametrize(
    "code", ["h5n1", "mp3", "a380", "u23", "4g", "covid19", "b52", "a0b", "x²y"]
)
def test_codes_and_units_have_no_vni_reading(code):
    assert misplaced_vni(code) == set()
