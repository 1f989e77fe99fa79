"""The context rule and the non-word re-ranking, with the shipped language model."""

import soat


def fixes(text, **options):
    return [(i.text, i.rule, i.replacements[0]) for i in soat.check(text, **options)]


def test_real_word_slip_is_found_in_context():
    assert ("hợp", "VI_CONTEXT", "họp") in fixes("Buổi hợp báo diễn ra sáng nay tại Hà Nội.")


def test_tone_slip_is_found_in_context():
    assert ("tỉnh", "VI_CONTEXT", "tĩnh") in fixes("Anh ấy luôn giữ bình tỉnh khi thi đấu.")


def test_correct_text_raises_nothing():
    text = ("Thủ tướng Chính phủ đã chủ trì cuộc họp với các bộ, ngành để bàn về tình hình "
            "kinh tế - xã hội trong quý đầu năm.")
    assert soat.check(text) == []


def test_names_are_not_rewritten():
    assert fixes("Ông Lê Văn Tỉnh đã đến dự.") == []


def test_non_word_fix_is_reranked_in_context():
    (issue,) = soat.check("Món này rất thich hợp với trẻ em.")
    assert issue.replacements[0] == "thích"


def test_picky_level_reports_at_least_as_much():
    text = "Buổi hợp báo diễn ra sáng nay, mọi người điều vui."
    assert len(soat.check(text, level="picky")) >= len(soat.check(text))


def test_confidence_is_a_probability():
    for issue in soat.check("Buổi hợp báo diễn ra sáng nay tại Hà Nội."):
        assert 0.0 < issue.confidence <= 1.0
