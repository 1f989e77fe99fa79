import pytest

from soat.syllable.candidates import generator
from soat.syllable.typing import decode_telex, decode_vni


@pytest.mark.parametrize(
    "written, meant",
    [("thich", "thích"), ("taị", "tại"), ("vựơt", "vượt"), ("vieejt", "việt"),
     ("vie65t", "việt"), ("nguời", "người"), ("cuả", "của"), ("xêp", "xếp"), ("lọai", "loại")],
)
def test_best_candidate_is_the_meant_syllable(written, meant):
    assert generator().generate(written)[0].word == meant


@pytest.mark.parametrize("written, meant", [("kà", "là"), ("dể", "để"), ("ngưởng", "ngưỡng"),
                                            ("khoảng", "khoản"), ("sưng", "xưng")])
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
