import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from soat.text.legacy import encode_tcvn3, encode_viqr, encode_vni, legacy_edits
from soat.text.normalize import normalize
from soat.text.offsets import apply_edits

SENTENCES = [
    "Tôi là người Việt Nam.",
    "Hà Nội là thủ đô của nước Cộng hòa Xã hội Chủ nghĩa Việt Nam.",
    "Những đứa trẻ đang chơi đùa ngoài sân trường.",
    "Mùa thu năm ấy, lá vàng rơi đầy trên những lối đi nhỏ.",
    "Đà Nẵng và Huế đều nằm ở miền Trung.",
    "Chúng tôi đã gặp nhau ở thành phố Hồ Chí Minh vào tháng trước.",
    "Anh ấy hỏi: “Bạn có khỏe không?”",
    "Bộ Giáo dục và Đào tạo vừa công bố kết quả kỳ thi tốt nghiệp.",
    "Nguyễn Du viết Truyện Kiều bằng chữ Nôm.",
    "Giá xăng dầu tăng mạnh trong quý này, người tiêu dùng lo lắng.",
    "Mưa rào kéo dài suốt đêm khiến nhiều tuyến phố ngập sâu.",
    "Bà ngoại kể chuyện cổ tích cho các cháu nghe mỗi tối.",
    "Đội tuyển bóng đá Việt Nam giành chiến thắng thuyết phục.",
    "Khuya rồi, hãy tắt đèn đi ngủ sớm để giữ gìn sức khỏe!",
    "Ông bà ta thường nói: ăn quả nhớ kẻ trồng cây.",
    "Thuở ấy, quyển sách được gói cẩn thận trong giấy báo cũ.",
    "ĐẠI HỘI ĐẠI BIỂU TOÀN QUỐC LẦN THỨ XIII",
]

ENCODERS = {"tcvn3": encode_tcvn3, "vni": encode_vni, "viqr": encode_viqr}


def decode(text: str) -> str:
    return apply_edits(text, legacy_edits(text))


@pytest.mark.parametrize("kind", ENCODERS)
@pytest.mark.parametrize("sentence", SENTENCES)
def test_legacy_sentence_decodes_back_to_unicode(kind, sentence):
    legacy = ENCODERS[kind](sentence)
    assert legacy != sentence
    edits = legacy_edits(legacy)
    assert apply_edits(legacy, edits) == unicodedata.normalize("NFC", sentence)
    assert {edit.kind for edit in edits} == {kind}


@pytest.mark.parametrize("kind", ENCODERS)
def test_legacy_paragraph_decodes_back_to_unicode(kind):
    paragraph = " ".join(SENTENCES[:-1])
    assert decode(ENCODERS[kind](paragraph)) == paragraph


def test_encoders_write_the_known_legacy_forms():
    assert encode_tcvn3("Việt Nam, tiếng, người") == "ViÖt Nam, tiÕng, ng\u00adêi"
    assert encode_vni("Việt Nam, tiếng, người, Đà") == "Vieät Nam, tieáng, ngöôøi, Ñaø"
    assert encode_viqr("Việt Nam, tiếng, đường") == "Vie^.t Nam, tie^'ng, ddu+o+`ng"


def test_mixed_document_decodes_only_the_legacy_paragraph_with_exact_offsets():
    unicode_part = "Hôm nay trời đẹp. Tôi có cá, Peña ở Köln.\n\n"
    tcvn3_part = "T«i yªu ViÖt Nam vµ tiÕng ViÖt.\n\n"
    vni_part = "Nöôùc Vieät Nam coù nhieàu soâng.\n"
    viqr_part = "To^i ddi ho.c o+? tru+o+`ng."
    document = unicode_part + tcvn3_part + vni_part + viqr_part

    edits = legacy_edits(document)

    assert apply_edits(document, edits) == (
        unicode_part
        + "Tôi yêu Việt Nam và tiếng Việt.\n\n"
        + "Nước Việt Nam có nhiều sông.\n"
        + "Tôi đi học ở trường."
    )
    assert all(edit.start >= len(unicode_part) for edit in edits)
    viet = document.index("ViÖt")
    assert (viet, viet + 4, "Việt", "tcvn3") in edits
    nuoc = document.index("Nöôùc")
    assert (nuoc, nuoc + 5, "Nước", "vni") in edits
    truong = document.index("tru+o+`ng")
    assert (truong, truong + 9, "trường", "viqr") in edits
    assert not any(" " in document[edit.start : edit.end] for edit in edits)


def test_legacy_run_inside_a_unicode_line_is_decoded():
    text = "Bản gốc ghi: Hµ Néi lµ thñ ®« cña ViÖt Nam."
    assert decode(text) == "Bản gốc ghi: Hà Nội là thủ đô của Việt Nam."


@pytest.mark.parametrize(
    "text",
    [
        "Tiếng Việt có sáu thanh: ngang, huyền, sắc, hỏi, ngã, nặng. Người ấy đã đến.",
        "Nguyễn Văn A sinh ở Hà Nội; hoà bình, khoá học, quá đẹp, tôi có cá.",
        unicodedata.normalize("NFD", "Việt Nam, người Huế, những chuyện xưa."),
        "HÒA BÌNH VÀ HẠNH PHÚC CHO TẤT CẢ MỌI NGƯỜI.",
        "Is it ok? I'm fine. It's the end. Don't go, we'll see. o'clock, ma'am, y'all.",
        "See https://example.com/a?b=c&d=e.f and www.vnexpress.net/tin-tuc.html, mail a.b@c.vn.",
        "x^2 + y^2 = z^2; C++ and a+b; print(f(a), type(x)); e.g. i.e. a.m. p.m. U.S.",
        "**bold** and `code` and _under_: Go? So. Me? He. No. Do? To.",
        "Sergio Peña, señor Muñoz, mañana en España; año, niño, aún no ha llegado.",
        "Où est le café? L'été à Paris, très cher; naïve Noël, Zoë, Citroën, fête.",
        "Müller aus Köln, Bär, Straße, daß das Maß voll ist; Göteborg, Malmö, Søren.",
        "În România îi place să înoate în mare; Ângela și Ștefan.",
        "Cells of 5 µm and 3 µm; 3 × 4 = 12; a · b; 25 °C; © 2024 ACME®; «Bonjour» dit-il.",
        "Tôi yêu ViÖt Nam.",
        "Hôm ấy Vie^.t Nam thắng.",
    ],
)
def test_ordinary_text_is_never_decoded(text):
    assert legacy_edits(text) == []


def test_tcvn3_words_in_capitals_decode_in_capitals():
    assert decode("§¹I HéI vµ VIÖT NAM") == "ĐẠI HỘI và VIỆT NAM"


def test_tcvn3_capital_toned_vowels_come_back_only_where_a_sentence_starts():
    # TCVN3 writes "Ấn" with the code of "ấ": only a sentence start says it was a capital.
    assert decode(encode_tcvn3("Ấn Độ rất đẹp. Tôi đến Ấn Độ.")) == "Ấn Độ rất đẹp. Tôi đến ấn Độ."


def test_acronyms_inside_legacy_text_are_decoded():
    assert decode("Bé GD&§T vµ c¸c tr\u00adêng §H") == "Bộ GD&ĐT và các trường ĐH"
    assert decode("Boä GD&ÑT vaø caùc tröôøng ÑH") == "Bộ GD&ĐT và các trường ĐH"


def test_one_unmistakable_legacy_word_is_enough():
    assert decode("Tôi yêu đất n\u00adíc này") == "Tôi yêu đất nước này"


def test_viqr_question_mark_ending_a_sentence_is_punctuation():
    assert decode("Anh ddi dda^u? To^i o+? nha`.") == "Anh đi đâu? Tôi ở nhà."


def test_viqr_escaped_marks_are_literal_and_bare_ones_are_tones():
    text = "Anh ddi dda^u\\? To^i o+? Ha` No^.i\\."
    assert decode(text) == "Anh đi đâu? Tôi ở Hà Nội."


def test_viqr_needs_several_marked_words():
    assert legacy_edits("He wrote Vie^.t once.") == []
    assert decode("He wrote Vie^.t Nam, ngu+o+`i Vie^.t.") == "He wrote Việt Nam, người Việt."


def test_normalize_decodes_legacy_text_and_maps_offsets_back():
    original = "Xin chào. ViÖt Nam lµ n\u00adíc ta."
    norm = normalize(original)
    assert norm.text == "Xin chào. Việt Nam là nước ta."
    start = norm.text.index("nước")
    assert original[slice(*norm.span(start, start + 4))] == "n\u00adíc"


LEGACY_PIECES = st.sampled_from(
    ["ViÖt", "n\u00adíc", "Vieät", "ngöôøi", "Vie^.t", "ngu+o+`i", "dda^u", "\\?", "?", ".",
     "'", " ", "\n", "µ", "×", "Peña", "Köln", "Việt", "e\u0301", "ñ", "a^", "o+", "dd", "http://a/b?c"]
)  # fmt: skip


@given(st.one_of(st.text(), st.lists(st.one_of(LEGACY_PIECES, st.text(max_size=3))).map("".join)))
def test_edits_are_sorted_disjoint_and_inside_the_text(text):
    edits = legacy_edits(text)
    cursor = 0
    for edit in edits:
        assert cursor <= edit.start < edit.end <= len(text)
        assert edit.kind in ("tcvn3", "vni", "viqr")
        assert unicodedata.is_normalized("NFC", edit.replacement)
        cursor = edit.end
    apply_edits(text, edits)
