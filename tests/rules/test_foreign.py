"""Foreign words: misspelt English inside Vietnamese, and brand capitalization."""

from __future__ import annotations

import pytest

import soat
from soat.options import Options
from soat.rules.foreign import loanwords, osa_distance, skeleton, speller


def flags(text: str, rule: str, options: Options | None = None) -> list:
    found = soat.check(text, options, enabled=[rule], enabled_only=True, use_model=False)
    return [issue for issue in found if issue.rule == rule]


def fixes(text: str) -> list[tuple[str, str]]:
    return [(i.text, i.replacements[0]) for i in flags(text, "VI_FOREIGN_SPELLING")]


def test_misspelt_english_words_get_the_english_spelling():
    text = "Màn performace của cô rất ấn tượng, hậu trường (behind the secnes) cũng vậy."
    assert fixes(text) == [("performace", "performance"), ("secnes", "scenes")]


def test_fix_writes_the_english_word_in_place():
    fixed = soat.fix("Màn performace ấn tượng.", enabled=["VI_FOREIGN_SPELLING"], enabled_only=True)
    assert fixed == "Màn performance ấn tượng."


def test_correct_english_is_never_flagged():
    text = (
        "Màn performance ấn tượng trong showcase, xem behind the scenes, fashion week, "
        "comeback, outfit, makeup, skincare, deadline, feedback, workshop và teamwork."
    )
    assert not fixes(text)


def test_loanwords_from_the_shipped_list_are_accepted():
    assert {"clip", "fan", "online", "livestream"} <= loanwords().words
    assert not fixes("Tải clip, làm fan, bán online và livestream mỗi tối.")


def test_vietnamese_typed_without_marks_is_left_to_the_syllable_rules():
    assert not fixes("Toi thich hoc tieng anh, nguoi ta noi vay, cafe phale.")


def test_telex_residue_is_left_to_the_typing_rule():
    assert not fixes("Chúng tôi yêu vieejt nam.")


def test_names_addresses_and_codes_are_not_foreign_misspellings():
    text = "Ông Secnes đến; xem vnexpress.net, abc@secnes.com, #performace và file_secnes."
    assert not fixes(text)


def test_words_of_other_languages_are_not_taken_for_english():
    assert not fixes("Trường École nationale, lenguas nacionales, bánh croissant civile.")


def test_latin_after_a_genus_is_not_taken_for_english():
    assert not fixes("Loài Juniperus virginiana và Lasioglossum figueresi.")


def test_user_dictionary_accepts_a_word():
    options = Options(user_words=frozenset({"performace"}))
    assert not flags("Màn performace ấn tượng.", "VI_FOREIGN_SPELLING", options)


def test_osa_distance_counts_a_swap_as_one_edit():
    assert osa_distance("secnes", "scenes") == 1
    assert osa_distance("performace", "performance") == 1
    assert osa_distance("kitten", "sitting") == 3


def test_speller_finds_one_edit_and_two_extra_letters():
    assert speller().suggest("secnes")[0] == "scenes"
    assert speller().suggest("perrformancce")[0] == "performance"


def test_speller_keeps_short_words_to_one_edit():
    assert "scenes" not in speller().suggest("scnx")


def test_skeleton_strips_vietnamese_marks():
    assert skeleton("Đường thích") == "Duong thich"


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("Xem trên youtube.", "Xem trên YouTube."),
        (
            "Trang Facebook của anh… đăng lên facebook.",
            "Trang Facebook của anh… đăng lên Facebook.",
        ),
        ("Chiếc Iphone mới.", "Chiếc iPhone mới."),
        ("Video Tiktok hot.", "Video TikTok hot."),
    ],
)
def test_brand_in_the_wrong_case_gets_its_canonical_spelling(text, fixed):
    assert soat.fix(text, enabled=["VI_BRAND_CASE"], enabled_only=True) == fixed


def test_a_house_spelling_used_alone_is_accepted_and_beside_the_brand_is_inconsistent():
    # Edited news writes facebook for a quarter of its uses and Youtube for over a third.
    assert not flags("Bạn bè trên facebook chia sẻ clip Youtube mới.", "VI_BRAND_CASE")
    issues = flags("Clip trên YouTube được chia sẻ lại trên Youtube.", "VI_BRAND_CASE")
    assert [(issue.offset, issue.replacements) for issue in issues] == [(40, ("YouTube",))]
    assert "cũng viết" in issues[0].message
    # Iphone is rare in the news (34 of 1,749): a slip wherever it stands.
    assert [issue.replacements for issue in flags("Chiếc Iphone mới.", "VI_BRAND_CASE")] == [
        ("iPhone",)
    ]


def test_brands_in_their_own_case_headlines_and_addresses_are_accepted():
    text = "YouTube, Facebook, iPhone. IPHONE MỚI RA MẮT. Vào facebook.com, #facebook, @youtube."
    assert not flags(text, "VI_BRAND_CASE")
