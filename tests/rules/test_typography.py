"""Typography: spaces around punctuation, doubled spaces, brackets and quotes, sentence starts."""

from __future__ import annotations

import pytest

import soat


def flags(text: str, rule: str) -> list:
    found = soat.check(text, enabled=[rule], enabled_only=True, use_model=False)
    return [issue for issue in found if issue.rule == rule]


def fix(text: str, rule: str) -> str:
    return soat.fix(text, enabled=[rule], enabled_only=True, use_model=False)


# Space before punctuation


def test_space_before_comma_moves_after_it():
    assert fix("Món này tốt ,nhưng đắt.", "VI_SPACE_BEFORE_PUNCT") == "Món này tốt, nhưng đắt."


def test_space_before_question_mark_is_removed():
    assert fix("Anh có đến không ?", "VI_SPACE_BEFORE_PUNCT") == "Anh có đến không?"


@pytest.mark.parametrize(
    "text", ["Dùng .NET nhé.", "Vui quá :) nhé.", "Chờ ... mãi.", "Số 1 ,2 và 3."]
)
def test_leading_dots_emoticons_and_ellipses_are_not_punctuation_after_a_space(text):
    assert not flags(text, "VI_SPACE_BEFORE_PUNCT")


# Missing space after punctuation


def test_missing_space_after_comma_and_full_stop_is_inserted():
    text = "Món này tốt,nhưng đắt.Mai mua."
    assert fix(text, "VI_MISSING_SPACE_AFTER_PUNCT") == "Món này tốt, nhưng đắt. Mai mua."


@pytest.mark.parametrize(
    "text",
    [
        "Tại TP.HCM, Q.1 và Tp.Thủ Đức, PGS.TS Nguyễn Văn A v.v. đều đến.",
        "Giá 3,5% và 1.000 đồng, lúc 19:30.",
        "Xem vnexpress.net, https://a.vn/x,y.html hoặc mail a.b@c.vn.",
        "Vui quá :v mai gặp; monazit (Ce,La,Th) hiếm.",
    ],
)
def test_abbreviations_numbers_addresses_and_formulas_keep_their_dots_and_commas(text):
    assert not flags(text, "VI_MISSING_SPACE_AFTER_PUNCT")


# Doubled spaces


def test_double_space_between_words_becomes_one():
    assert fix("Đây là  xe tải.", "VI_DOUBLE_SPACE") == "Đây là xe tải."


def test_double_space_made_of_a_non_breaking_space_is_mapped_to_the_original():
    text = "Đây là \u00a0xe tải."
    (issue,) = flags(text, "VI_DOUBLE_SPACE")
    assert issue.text == " \u00a0"
    assert fix(text, "VI_DOUBLE_SPACE") == "Đây là xe tải."


def test_indentation_typewriter_spacing_and_lost_line_breaks_are_accepted():
    text = "  Thụt lề.\nHết câu.  Câu sau. Ảnh: TTXVN  Theo báo cáo, giá tăng."
    assert not flags(text, "VI_DOUBLE_SPACE")


# Spaces inside brackets


def test_spaces_inside_brackets_and_quotes_are_removed():
    assert fix("Giá vàng ( SJC ) tăng, “ tôi đi ”.", "VI_SPACE_INSIDE_BRACKETS") == (
        "Giá vàng (SJC) tăng, “tôi đi”."
    )


def test_emoticons_and_empty_brackets_are_not_spacing_slips():
    assert not flags("Buồn quá :( mai gặp ( ).", "VI_SPACE_INSIDE_BRACKETS")


# Unbalanced brackets and quotes


@pytest.mark.parametrize(
    ("text", "mark"),
    [
        ("Giá vàng (SJC tăng mạnh.", "("),
        ("Giá vàng SJC) tăng mạnh.", ")"),
        ("Anh nói “tôi đi rồi về.", "“"),
        ('Anh nói "tôi đi rồi về.', '"'),
        ("Anh nói tôi đi” rồi về.", "”"),
    ],
)
def test_bracket_or_quote_without_its_partner_is_flagged(text, mark):
    (issue,) = flags(text, "VI_UNBALANCED")
    assert issue.text == mark and issue.replacements == ()


@pytest.mark.parametrize(
    ("text", "right"),
    [
        (
            "Lò đào tạo săn “Tuấn Anh nhí“ trên toàn quốc.",
            "Lò đào tạo săn “Tuấn Anh nhí” trên toàn quốc.",
        ),
        (
            "Bệnh này được gọi là ”kẻ giết người thầm lặng”.",
            "Bệnh này được gọi là “kẻ giết người thầm lặng”.",
        ),
    ],
)
def test_a_quotation_mark_turned_the_wrong_way_is_one_slip_with_its_fix(text, right):
    (issue,) = flags(text, "VI_UNBALANCED")
    assert fix(text, "VI_UNBALANCED") == right


def test_fixing_everything_around_a_turned_mark_keeps_the_spaces_outside_it():
    # The space after nhí“ is outside the quotation, not inside one: no rule removes it.
    text = "Săn “Tuấn Anh nhí“ trên toàn quốc. Bệnh này gọi là ”kẻ giết người”. Nói “ đi ” nhé."
    right = "Săn “Tuấn Anh nhí” trên toàn quốc. Bệnh này gọi là “kẻ giết người”. Nói “đi” nhé."
    assert soat.fix(text) == right


def test_a_turned_mark_is_not_guessed_where_its_side_is_unclear():
    # Spaces on both sides: which mark is wrong cannot be told, so both stay unpaired.
    assert len(flags("Câu chuyện “ giải cứu giáo viên “ thực chất là gì.", "VI_UNBALANCED")) == 2


def test_a_turned_mark_that_ends_a_quotation_after_a_space_is_one_slip_with_its_fix():
    text = "Cô nói: “đừng gán tên tôi với ai “!"
    (issue,) = flags(text, "VI_UNBALANCED")
    assert (text[issue.offset : issue.offset + issue.length], issue.replacements) == (" “", ("”",))
    assert not flags(text, "VI_SPACE_INSIDE_BRACKETS")  # the space is part of the one slip
    assert soat.fix(text) == "Cô nói: “đừng gán tên tôi với ai”!"


def test_spaces_beside_a_mark_whose_side_is_unclear_are_left_alone():
    text = "Câu chuyện “ giải cứu giáo viên “ thực chất là gì."
    assert [i.offset for i in flags(text, "VI_SPACE_INSIDE_BRACKETS")] == [text.index(" giải")]
    assert "“thực" not in soat.fix(text)


def test_each_line_is_balanced_on_its_own():
    assert len(flags("Mở (ngoặc\nđóng) ngoặc.", "VI_UNBALANCED")) == 2


def test_a_quotation_may_run_over_a_few_paragraphs():
    text = "BS nói: “Gãy xương rất đau…\nNgoài ra, còn xấu hổ”, BS Liên chia sẻ.\nHết."
    assert not flags(text, "VI_UNBALANCED")
    assert not flags("Ông nói: “Một.\n\nHai.\n\nBa”, rồi đi.", "VI_UNBALANCED")


def test_marks_many_paragraphs_apart_or_with_marks_between_are_not_paired():
    assert len(flags("A nói “một\nB\nC\nD\nE hai” F.", "VI_UNBALANCED")) == 2
    assert len(flags("A nói “một.\nB nói “hai” rồi đi.\nC ba” F.", "VI_UNBALANCED")) == 2


@pytest.mark.parametrize(
    "text",
    [
        'Giá (SJC) tăng, “tôi đi” và "về" [1] {x}.',
        "Gồm: a) nhà; b) xe; 1) tiền; giảm trừ e) người tàn tật.",
        "Vui quá :) buồn :( cười =)) nhé.",
        'Màn hình 5" đẹp, “hố tử thần" và "vệ tinh Kwangmyongsong-4" bay.',
    ],
)
def test_labels_emoticons_inches_and_mixed_quote_styles_are_balanced(text):
    assert not flags(text, "VI_UNBALANCED")


# Sentence starts


def test_lower_case_sentence_start_is_capitalized():
    text = "Trận đấu kết thúc. sau đó hai đội chia tay."
    assert fix(text, "VI_LOWERCASE_SENTENCE_START") == "Trận đấu kết thúc. Sau đó hai đội chia tay."


@pytest.mark.parametrize(
    "text",
    [
        "Hàng hóa v.v. đều tăng; TP. Hồ Chí Minh và Q. 1 cũng vậy.",
        "Anh hỏi: “Sao vậy?” rồi cười. Chờ đã... rồi đi.",
        "Mua iPhone. iPad thì chưa. Ông Ch. ra viện.",
        "Oxford University Press. tr. 158.",
        "dòng đầu viết thường\ndòng sau cũng vậy",
    ],
)
def test_abbreviations_quotes_brands_initials_and_line_starts_are_accepted(text):
    assert not flags(text, "VI_LOWERCASE_SENTENCE_START")


# Ellipsis


def test_ellipsis_rule_is_off_by_default_and_fixes_when_asked():
    assert not [
        i for i in soat.check("Chờ đã... rồi đi.", use_model=False) if i.rule == "VI_ELLIPSIS"
    ]
    assert fix("Chờ đã... rồi đi.", "VI_ELLIPSIS") == "Chờ đã… rồi đi."


def test_quoted_words_are_those_between_a_lines_paired_marks():
    from soat.document import Document
    from soat.options import Options
    from soat.rules.typography import quoted_words

    text = 'Ông nói: “Tôi “rất” vui”, rồi "đi" ngay. Mở “chưa đóng\nvà “xong”.'
    doc = Document.from_text(text, Options())
    words = sorted(doc.tokens[i].text for i in quoted_words(doc))
    assert words == ["Tôi", "rất", "vui", "xong", "đi"]
    across = Document.from_text("BS nói: “Gãy xương\nrất đau”, BS kể.\nHết.", Options())
    assert sorted(across.tokens[i].text for i in quoted_words(across)) == sorted(
        ["Gãy", "xương", "rất", "đau"]
    )


def test_two_apostrophes_stand_for_a_straight_quotation_mark():
    # The news types '' for " (234 times in the training articles): it opens and closes.
    for text in (
        "Gọi học sinh là \"mày'' và dùng roi.",
        "Kéo vào ''tâm bão'' sau đó.",
        "Nói: ''Đi\".",
    ):
        assert not flags(text, "VI_UNBALANCED"), text
    (issue,) = flags("Anh nói ''đi thôi. Rồi về.", "VI_UNBALANCED")
    assert (issue.offset, issue.length) == (8, 2)
    assert not flags("Màn hình 5'' và nhạc rock'n'roll, 'a'.", "VI_UNBALANCED")
