import pytest

from soat.syllable.candidates import generator, iy_variants
from soat.syllable.typing import decode_telex, decode_vni


@pytest.mark.parametrize(
    "written, meant",
    [
        ("thich", "thích"),
        ("taị", "tại"),
        ("vựơt", "vượt"),
        ("vieejt", "việt"),
        ("vie65t", "việt"),
        ("nguời", "người"),
        ("cuả", "của"),
        ("xêp", "xếp"),
        ("lọai", "loại"),
    ],
)
def test_best_candidate_is_the_meant_syllable(written, meant):
    assert generator().generate(written)[0].word == meant


@pytest.mark.parametrize(
    "written, meant",
    [("kà", "là"), ("dể", "để"), ("ngưởng", "ngưỡng"), ("khoảng", "khoản"), ("sưng", "xưng")],
)
def test_confusions_are_among_the_candidates(written, meant):
    assert meant in [c.word for c in generator().generate(written)]


def test_telex_and_vni_decoding():
    assert decode_telex("dduwowngf") == "đường"
    assert decode_telex("toi") is None
    assert decode_vni("d9u7o7ng2") == "đường"
    assert decode_vni("U23") is None


def test_candidates_are_known_vietnamese_syllables():
    lex = generator().lex
    assert all(c.word in lex.vietnamese for c in generator().generate("thuong"))


@pytest.mark.parametrize(
    ("a", "b", "variants"),
    [
        ("lí", "lý", True),
        ("kì", "kỳ", True),
        ("qui", "quy", False),  # quy in every orthography: qui is a slip
        ("sĩ", "sỹ", True),
        ("tai", "tay", False),
        ("lí", "lỳ", False),
        ("ai", "ay", False),
    ],
)
def test_iy_variants_are_two_spellings_of_one_syllable(a, b, variants):
    assert iy_variants(a, b) is variants


def test_context_confusions_leave_iy_variants_to_the_style_rule():
    words = {c.word for c in generator().confusions("lí")}
    assert "lý" not in words
    assert "quy" in {c.word for c in generator().confusions("qui")}
    assert "qui" not in {c.word for c in generator().confusions("quy")}
    assert "tay" in {c.word for c in generator().confusions("tai")}  # a real slip stays


@pytest.mark.parametrize(
    "written, meant", [("tọa", "tạo"), ("thảo", "thỏa"), ("mùa", "màu"), ("múa", "máu")]
)
def test_two_vowels_typed_in_the_wrong_order_keep_the_tone(written, meant):
    assert meant in [c.word for c in generator().confusions(written)]


def test_no_vowel_swap_without_a_second_vowel_or_a_known_result():
    assert generator()._swapped_vowels("kia") == set()  # kai is no syllable
    assert generator()._swapped_vowels("tân") == set()
