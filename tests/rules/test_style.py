"""Style: one tone-mark placement and one i/y spelling per document, encoding repairs, and the
informal rule in the edited and informal modes."""

from __future__ import annotations

import pytest

import soat
from soat.options import Options
from soat.rules.style import iy_variant, respell


def flags(text: str, rule: str, options: Options | None = None, **kwargs) -> list:
    found = soat.check(text, options, enabled=[rule], enabled_only=True, use_model=False, **kwargs)
    return [issue for issue in found if issue.rule == rule]


def fix(text: str, rule: str, options: Options | None = None, **kwargs) -> str:
    return soat.fix(text, options, enabled=[rule], enabled_only=True, use_model=False, **kwargs)


# Tone-mark placement


def test_minority_tone_placement_is_flagged_with_the_majority_spelling():
    text = "Hòa bình, hòa hợp và hoà giải, thủy triều."
    assert [i.text for i in flags(text, "VI_TONE_STYLE_MIXED")] == ["hoà"]
    assert fix(text, "VI_TONE_STYLE_MIXED") == "Hòa bình, hòa hợp và hòa giải, thủy triều."


def test_on_a_tie_the_placement_that_comes_second_is_flagged():
    assert [i.text for i in flags("Hoà bình và khỏe mạnh.", "VI_TONE_STYLE_MIXED")] == ["khỏe"]


def test_one_consistent_placement_is_accepted_either_way():
    assert not flags("Thuỷ triều, hoà bình, khoẻ mạnh.", "VI_TONE_STYLE_MIXED")
    assert not flags("Thủy triều, hòa bình, khỏe mạnh.", "VI_TONE_STYLE_MIXED")


def test_requested_tone_style_flags_every_word_in_the_other_style():
    options = Options(tone_style="new")
    text = "Hòa bình, hòa hợp và hoà giải."
    assert fix(text, "VI_TONE_STYLE_MIXED", options) == "Hoà bình, hoà hợp và hoà giải."


def test_respell_keeps_the_case():
    assert respell("Hoà", "old") == "Hòa" and respell("THỦY", "new") == "THUỶ"


# i / y


@pytest.mark.parametrize(
    ("word", "other"),
    [
        ("lý", "lí"),
        ("kĩ", "kỹ"),
        ("sỹ", "sĩ"),
        ("quý", "quí"),
        ("ý", None),
        ("tuy", None),
        ("gì", None),
        ("ly", None),
    ],
)
def test_iy_variant_pairs_only_syllables_spelt_both_ways(word, other):
    assert iy_variant(word) == other


def test_rarer_iy_spelling_of_a_syllable_is_flagged():
    text = "Lý do quản lý kém là lí do chính, bác sĩ và kĩ sư nói."
    assert [i.text for i in flags(text, "VI_IY_MIXED")] == ["lí"]
    assert "lý do chính" in fix(text, "VI_IY_MIXED")


def test_different_syllables_in_different_spellings_are_accepted():
    assert not flags("Lý do, kĩ thuật, bác sĩ, tỷ lệ, Mỹ.", "VI_IY_MIXED")


def test_names_keep_their_own_i_y_spelling():
    assert not flags("Lí do là ông Lý và cô Thy đến Mỹ, mĩ thuật.", "VI_IY_MIXED")


def test_words_with_one_spelling_are_not_mixed_conventions():
    text = "Giá 5 tỷ đồng, làm rất tỉ mỉ; ông nói lí nhí về lý do, lí do khác, lý thuyết."
    assert [i.text for i in flags(text, "VI_IY_MIXED")] == ["lí"]
    assert flags(text, "VI_IY_MIXED")[0].offset == text.index("lí do")


# Encoding


def test_decomposed_letters_are_reported_with_the_composed_fix():
    text = "Tie\u0302\u0301ng Vie\u0323\u0302t"
    assert len(flags(text, "VI_ENCODING")) == 2
    assert fix(text, "VI_ENCODING") == "Tiếng Việt"


def test_invisible_characters_are_pointed_at_and_deleted():
    text = "Xin chào\u00ad các\u200b\u200b bạn."
    found = flags(text, "VI_ENCODING")
    assert [(i.offset, i.text, i.replacements) for i in found] == [
        (8, "\u00ad", ("",)),
        (13, "\u200b\u200b", ("",)),
    ]
    assert fix(text, "VI_ENCODING") == "Xin chào các bạn."


def test_legacy_encoded_line_is_one_issue_with_the_repaired_text():
    text = "Mở đầu.\nT«i yªu ViÖt Nam vµ tiÕng ViÖt."
    (issue,) = flags(text, "VI_ENCODING")
    assert issue.replacements == ("Tôi yêu Việt Nam và tiếng Việt",)
    assert fix(text, "VI_ENCODING") == "Mở đầu.\nTôi yêu Việt Nam và tiếng Việt."


def test_non_breaking_spaces_and_crlf_are_not_reported():
    assert not flags("Tiếng Việt\u00a0và\r\ntiếng Anh.", "VI_ENCODING")


# Informal writing and modes


def test_teencode_is_style_with_the_formal_word_in_edited_mode():
    found = flags("Tôi ko biết anh ấy có đi dc không.", "VI_INFORMAL")
    assert [(i.text, i.replacements[0], i.severity) for i in found] == [
        ("ko", "không", "style"),
        ("dc", "được", "style"),
    ]


def test_informal_mode_accepts_teencode():
    assert not flags("Tôi ko biết, đẹp thiệt luôn.", "VI_INFORMAL", mode="informal")


def test_informal_mode_expands_teencode_when_asked():
    options = Options(mode="informal", expand_informal=True)
    assert fix("Em k biết làm j, hông có tiền.", "VI_INFORMAL", options) == (
        "Em không biết làm gì, không có tiền."
    )


@pytest.mark.parametrize(
    "text",
    [
        "Thiệt hại lớn; nông dân chịu thiệt. So đo thiệt hơn.",
        "Anh bị đau hông, bên hông xe có vết xước.",
        "Giá 10 k; vitamin k; điểm j của hàm; Ông Ko Un; AC/DC.",
    ],
)
def test_words_that_only_look_like_teencode_are_accepted(text):
    assert not flags(text, "VI_INFORMAL")


def test_after_s_the_i_spelling_is_kept_however_many_y_spellings():
    text = "Ca sĩ Lệ Quyên hát. Nam ca sỹ nói. Nhiều ca sỹ chia sẻ. Nghệ sỹ nào cũng vậy."
    assert [(i.text, i.replacements[0]) for i in flags(text, "VI_IY_MIXED")] == [("sỹ", "sĩ")] * 3


def test_an_english_word_among_english_words_is_no_y_spelling():
    text = "Lòng từ bi của Phật được nhắc nhiều lần. Xem: Gandhi, a Life by Yogesh Chadha."
    assert not flags(text, "VI_IY_MIXED")


def test_qui_beside_quy_is_flagged_however_many():
    text = "Luật này qui định rõ. Nghị định kia qui định khác. Quy định mới có hiệu lực."
    found = [(i.text, i.replacements[0]) for i in flags(text, "VI_IY_MIXED")]
    assert found == [("qui", "quy")] * 2
