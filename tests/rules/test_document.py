"""Document rules: name variants, duplicated coordination, repeated words, the doubles table."""

from __future__ import annotations

from collections import Counter

import pytest

import soat
from soat.document import Document
from soat.lm.doubles import Counts, count_doubles, doubles, write_table
from soat.options import Options
from soat.rules.document import name_runs


def flags(text: str, rule: str, options: Options | None = None) -> list:
    found = soat.check(text, options, enabled=[rule], enabled_only=True, use_model=False)
    return [issue for issue in found if issue.rule == rule]


def runs(text: str) -> list[str]:
    return [run.text for run in name_runs(Document.from_text(text, Options()))]


# Name runs


def test_name_runs_join_capitalized_words_and_hyphenated_parts():
    assert runs("Hôm qua Son Heung-min gặp Lionel Messi.") == ["Son Heung-min", "Lionel Messi"]


def test_sentence_initial_ordinary_word_does_not_start_a_name():
    assert runs("Theo Messi, trận đấu khó.") == ["Messi"]


def test_titles_are_not_part_of_a_name():
    assert runs("Hôm qua Anh Heung Min và Ông Park gặp nhau.") == ["Heung Min", "Park"]


def test_acronyms_and_codes_break_name_runs():
    assert runs("Ông Nam đến Km62 của QL1A với HLV Park.") == ["Nam", "Park"]


# Name variants


def test_rarer_spelling_of_a_name_gets_the_dominant_one():
    text = "Messi ghi bàn.\nSau đó Messi chuyền.\nCuối cùng Mesi sút."
    (issue,) = flags(text, "VI_NAME_VARIANT")
    assert issue.text == "Mesi"
    assert issue.replacements == ("Messi",)
    assert "dòng 1" in issue.message and "line 1" in issue.message_en


def test_hyphen_spacing_and_truncated_variants_of_a_name_are_flagged():
    text = (
        "Son Heung Min ghi bàn. Son Heung Min vui. Son Heung Min cười. "
        "Son Heung-min nói. Đồng đội khen Son Heung Mi."
    )
    found = flags(text, "VI_NAME_VARIANT")
    assert [issue.text for issue in found] == ["Son Heung-min", "Son Heung Mi"]
    assert all(issue.replacements == ("Son Heung Min",) for issue in found)


def test_short_and_title_forms_of_a_name_are_not_variants():
    text = "Son Heung Min ghi bàn. Son Heung Min vui. Son cười, anh Heung Min nói."
    assert not flags(text, "VI_NAME_VARIANT")


def test_vietnamese_names_one_mark_apart_are_both_accepted():
    text = (
        "Nguyễn Văn An gặp Nguyễn Văn An rồi Nguyễn Văn Ân. Lan và Lân, Lan nữa, Hùng, Hưng, Hùng."
    )
    assert not flags(text, "VI_NAME_VARIANT")


def test_two_frequent_spellings_are_both_accepted():
    text = "Messi, Messi, Messi và Mesi, Mesi, Mesi."
    assert not flags(text, "VI_NAME_VARIANT")


def test_a_spelling_seen_once_beside_another_seen_once_is_not_judged():
    assert not flags("Messi ghi bàn, Mesi sút.", "VI_NAME_VARIANT")


def test_names_the_corpora_know_one_letter_apart_are_both_accepted():
    text = "Mỹ tấn công Iraq. Quân đội Iraq rút. Iran phản đối."
    assert not flags(text, "VI_NAME_VARIANT")


def test_plural_and_first_letter_changes_are_not_variants():
    text = "Valentine, Valentine và hai Valentines; 1 Gbps, Mbps, Mbps."
    assert not flags(text, "VI_NAME_VARIANT")
    # The plural of a name the text uses, beside another spelling one letter away.
    text = "Tên là Valentine. Valentinus, Valentinus và Valentinus. Hai Valentines tử vì đạo."
    assert not flags(text, "VI_NAME_VARIANT")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Xem Youtube, lên Youtube, video Youtube, rồi YouTube. "
            "Malaga thắng, Malaga vui, Malaga dẫn đầu; Málaga (4-5-1).",
            id="a brand's own spelling and a foreign name's marks",
        ),
        pytest.param(
            "Rome, Rome và Rome. Valentine thành Roma (Valentinus presb. M. Romae) rất nổi tiếng.",
            id="a Latin case ending",
        ),
    ],
)
def test_spellings_that_are_not_variants(text):
    assert not flags(text, "VI_NAME_VARIANT")


def test_a_vietnamese_mark_on_a_foreign_name_is_a_variant():
    text = "Quân Đức giữ Abinskaya. Mất Abinskaya. Tiến vào Abịnskaya."
    assert [i.replacements[0] for i in flags(text, "VI_NAME_VARIANT")] == ["Abinskaya"]


def test_user_dictionary_accepts_a_spelling():
    text = "Messi ghi bàn. Messi chuyền. Mesi sút."
    assert not flags(text, "VI_NAME_VARIANT", Options(user_words=frozenset({"Mesi"})))


# Duplicated coordination


def test_same_name_on_both_sides_of_a_pair_is_flagged_without_a_fix():
    (issue,) = flags("Bộ đôi Son Heung Min và Son Heung Min tỏa sáng.", "VI_DUPLICATE_COORDINATION")
    assert issue.offset == len("Bộ đôi Son Heung Min và ")
    assert issue.replacements == ()


def test_partner_named_elsewhere_is_suggested():
    text = "Harry Kane và Son Heung Min ghi bàn. Cặp Harry Kane và Harry Kane tỏa sáng."
    (issue,) = flags(text, "VI_DUPLICATE_COORDINATION")
    assert issue.replacements == ("Son Heung Min",)
    assert soat.fix(text, enabled=["VI_DUPLICATE_COORDINATION"], enabled_only=True).endswith(
        "Cặp Harry Kane và Son Heung Min tỏa sáng."
    )


def test_partner_on_the_left_replaces_the_first_of_the_pair():
    text = "Harry Kane và Son Heung Min ghi bàn. Bộ đôi Son Heung Min và Son Heung Min vui."
    (issue,) = flags(text, "VI_DUPLICATE_COORDINATION")
    assert issue.offset == text.index("Son Heung Min và Son") and issue.replacements == (
        "Harry Kane",
    )


def test_repeated_noun_phrase_after_giua_is_flagged():
    assert flags("Trận đấu giữa đội chủ nhà và đội chủ nhà rất hay.", "VI_DUPLICATE_COORDINATION")


def test_repetition_without_a_pair_word_is_left_alone():
    text = (
        "Quan hệ với Việt Nam và Việt Nam cũng muốn thế. Lâu đài Prague, Prague. "
        "Giữa con người với con người; học và học mãi."
    )
    assert not flags(text, "VI_DUPLICATE_COORDINATION")


# Repeated words


def test_doubled_function_word_is_flagged_and_fix_removes_it():
    text = "Đây là quyển sách của của tôi, anh ấy đã đã về."
    assert [issue.text for issue in flags(text, "VI_REPEATED_WORD")] == [" của", " đã"]
    fixed = soat.fix(text, enabled=["VI_REPEATED_WORD"], enabled_only=True)
    assert fixed == "Đây là quyển sách của tôi, anh ấy đã về."


def test_reduplication_vietnamese_uses_on_purpose_is_accepted():
    text = "Ngày ngày người người đi đi lại lại, từ từ, xanh xanh, dần dần, sáng sáng."
    assert not flags(text, "VI_REPEATED_WORD")


def test_compounds_that_share_a_syllable_are_accepted():
    text = "Tồn tại tại các dự án; trở thành thành viên; học sinh sinh viên; nhà đầu tư tư nhân."
    assert not flags(text, "VI_REPEATED_WORD")


def test_with_the_model_compounds_the_table_never_saw_are_accepted():
    text = "Hãng đầu tiên trên thế giới giới thiệu dịch vụ; đại biểu biểu quyết tại Quốc hội."
    assert flags(text, "VI_REPEATED_WORD")  # the table alone does not know these two
    with_model = soat.check(text, enabled=["VI_REPEATED_WORD"], enabled_only=True)
    assert not with_model
    slip = soat.check(
        "Do đòi hỏi của của thị trường.", enabled=["VI_REPEATED_WORD"], enabled_only=True
    )
    assert [issue.text for issue in slip] == [" của"]


def test_doubles_across_punctuation_or_capitalized_are_not_repeats():
    assert not flags("Của, của ai? Ông Lý Lý đến.", "VI_REPEATED_WORD")


def test_shipped_doubles_table_separates_slips_from_reduplication():
    table = doubles()
    assert table["của"].ratio < 4e-4 < table["từ"].ratio
    assert "tồn" in table["tại"].left


def test_count_doubles_counts_pairs_singles_and_neighbours():
    counts = count_doubles(["tồn tại tại các nơi", "Tại tại đây, tại tại. tại tại"])
    assert counts.doubles["tại"] == 4
    assert counts.singles["tại"] == 8
    assert counts.left["tại", "tồn"] == 1
    assert counts.right["tại", "các"] == 1 and counts.right["tại", "đây"] == 1


def test_write_table_keeps_doubles_seen_often_enough(tmp_path):
    counts = Counts(
        Counter({"từ": 5, "của": 1}),
        Counter({"từ": 50, "của": 80}),
        Counter(),
        Counter(),
        Counter(),
    )
    path = tmp_path / "doubles.tsv"
    assert write_table(path, counts) == 1
    (line,) = [row for row in path.read_text(encoding="utf-8").splitlines() if row[0] != "#"]
    assert line.split("\t")[:3] == ["từ từ", "5", "50"]
