"""Non-words and typing residue: keys out of place, and names missing their marks."""

import pytest

import soat
from soat.options import Options


def found(text, **kwargs):
    return [(i.text, i.rule, i.replacements[0]) for i in soat.check(text, **kwargs)]


def of_rule(text, rule, **kwargs):
    return [i for i in soat.check(text, **kwargs) if i.rule == rule]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Quân ta dừng lại. Ngfay 21 tháng 5 năm 1943, quân ta tấn công.", ("Ngfay", "Ngày")),
        ("Alex Gilady, motọ quan chức IOC, đã nói.", ("motọ", "một")),
        ("Từ na9m 1926 tới 1928, hãng mua thêm 7 máy bay.", ("na9m", "năm")),
        ("Hãng đặt ta5ic ác sân bay một phòng chờ.", ("ta5ic", "tại")),
    ],
)
def test_keys_out_of_place_are_typing_residue(text, expected):
    written, meant = expected
    assert (written, "VI_TYPING_RESIDUE", meant) in found(text)
    assert (written, "VI_TYPING_RESIDUE", meant) in found(text, use_model=False)


def test_names_codes_and_rare_words_are_not_keys_out_of_place():
    text = (
        "Phim Man Trouble (1992).\nHoffa (1992)\nMoxon, Terry. Agate.\n"
        "Ông A Jáp làm cửa sổ choòng, virus h5n1, tệp mp3, đội u23, mạng 4g, dịch covid19."
    )
    assert of_rule(text, "VI_TYPING_RESIDUE") == []


def test_telex_keys_of_a_common_syllable_are_residue_but_those_of_a_rare_one_are_not():
    assert ("vieejt", "VI_TYPING_RESIDUE", "việt") in found("Chúng tôi yêu vieejt nam.")
    text = (
        "Phanh đĩa với heo Nissin 2 pis ở bánh trước, màn hình sáng 600 nits. "
        "Đuôi của loại tập tin này là.tif, còn tập tin hoso.txt soạn bằng lệnh edit."
    )
    for kwargs in ({}, {"use_model": False}):
        assert of_rule(text, "VI_TYPING_RESIDUE", **kwargs) == []
        assert of_rule(text, "VI_NON_WORD", **kwargs) == []


def test_a_stray_key_or_a_left_out_vowel_is_a_non_word_in_context():
    text = "Tên được lấy yws tưởng từ tiếng Đức. Đó là điều mà Tröger đx quan sát thấy."
    assert ("yws", "VI_NON_WORD", "ý") in found(text)
    assert ("đx", "VI_NON_WORD", "đã") in found(text)
    assert found(text, use_model=False) == []


def test_a_name_missing_its_marks_beside_a_marked_part_is_a_non_word():
    text = "Quân đội Lien Xô tiến về phía tây. Tên của các vị thần Hy Lap được dùng."
    assert ("Lien", "VI_NON_WORD", "Liên") in found(text)
    assert ("Lap", "VI_NON_WORD", "Lạp") in found(text)
    assert found(text, use_model=False) == []
    assert found(text, options=Options(user_words=frozenset({"Lien", "Lap"}))) == []


def test_minority_names_in_vietnamese_letters_are_not_slips_but_a_names_slip_is():
    text = (
        "Công an khởi tố Ksơr San. Các hộ tại xã Êa Tu trồng cà phê; nhóm ở Plây-cu thì không. "
        'Quận Los Angeles (phát âm như "Lốtx An-giơ-létx") rất rộng.'
    )
    assert of_rule(text, "VI_NON_WORD") == []
    text = "Hiệp ước Hòa bình Nhât Bản - Trung Quốc được ký. Tuy nhiên, Tổgn thống phản đối."
    assert [(t, f) for t, _, f in found(text)] == [("Nhât", "Nhật"), ("Tổgn", "Tổng")]


def test_a_syllable_run_onto_a_name_is_a_missing_space():
    text = (
        "Hãng ra đời dưới tên gọiQueensland and Northern Territory. Bang Floridađã thông qua "
        "luật. Theo sách của Vũ Thế Dinhvà Biên niên sử, ông Flynnvới tư cách cố vấn đã đến."
    )
    expected = [
        ("gọiQueensland", "VI_MISSING_SPACE", "gọi Queensland"),
        ("Floridađã", "VI_MISSING_SPACE", "Florida đã"),
        ("Dinhvà", "VI_MISSING_SPACE", "Dinh và"),
        ("Flynnvới", "VI_MISSING_SPACE", "Flynn với"),
    ]
    assert found(text) == expected
    assert found(text, use_model=False) == expected


def test_brands_codes_and_foreign_names_are_not_taken_apart():
    text = (
        "Mua iPhone trên eBay, dùng mySAP và iOS, ăn McDonald, chơi PlayStation ở TP.HCM, "
        "gắn #gọiEm, gọi toString và getElementById; vớI một chữ hoa sai. Gaspar de Portolà "
        "đến Jacó, Chocó và Nejedlý; người Hmông ở Krông Pắc bên sông Mêkông."
    )
    assert of_rule(text, "VI_MISSING_SPACE") == []
    assert of_rule(text, "VI_MISSING_SPACE", use_model=False) == []


def test_a_rare_spelling_of_a_loanword_is_a_non_word():
    text = "Quân Nga tạo một vòng đai dài gần 200 kílômét, cách thành Poltava 6 kílômét."
    issues = of_rule(text, "VI_NON_WORD")
    assert [(i.text, i.replacements[0]) for i in issues] == [("kílômét", "kilômét")] * 2
    assert "kilômét" in issues[0].message
    assert found(text, use_model=False) == [("kílômét", "VI_NON_WORD", "kilômét")] * 2
    assert found(text, options=Options(user_words=frozenset({"kílômét"}))) == []


def test_loanwords_and_names_whose_marks_vary_are_left_alone():
    text = (
        "Đường dài 200 kilômét, hay 200 kilomet, từ Mátxcơva hay Matxcơva. Thánh Phêrô và "
        "Têrêsa, chất oxít, ôxit và oxit."
    )
    assert of_rule(text, "VI_NON_WORD") == []


def test_pinyin_beside_a_word_marks_it_as_chinese():
    text = "Châu Huệ Mẫn (bính âm: Zhōu Huì Mǐn) là ca sĩ."
    assert of_rule(text, "VI_TONE_PLACEMENT") == []
    assert [i.rule for i in soat.check("Ông Müller đến taị Hà Nội.")] == ["VI_TONE_PLACEMENT"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Anh ấy môtj mình đi học.", ("môtj", "một")),
        ("Họ đã đươcj khen thưởng.", ("đươcj", "được")),
        ("Anh đax đến rồi.", ("đax", "đã")),
    ],
)
def test_a_non_word_with_half_typed_marks_gets_its_telex_reading(text, expected):
    for use_model in (True, False):
        issues = of_rule(text, "VI_NON_WORD", use_model=use_model)
        assert [(i.text, i.replacements[0]) for i in issues] == [expected]


# Words that are no misspelt syllable, and whether to check them without the model too.
NOT_NON_WORDS = [
    pytest.param(
        "Cuộc chuyển đổi Ming-Thanh, nhà văn Gregory Keyes, các dân tộc Lur và Yezidi, "
        "công ty Honda Viet Nam và ông Nguyen Van Lien đều được nhắc tới.",
        (True,),
        id="foreign names and names written bare",
    ),
    pytest.param(
        "Tên miền quốc tế, ví dụ idn.vn, đã có. Xem arXiv:hep-ex/9807003. "
        "Nhà máy nước công suất 28.500 m3/ngđ phục vụ thành phố.",
        (True, False),
        id="addresses, codes and units",
    ),
    pytest.param(
        'Hai tỉnh được gọi chung là "Lưỡng Quảng" (兩廣 liăng guăng). Ví dụ: キー ("kii").',
        (True,),
        id="readings beside Chinese or Japanese characters",
    ),
    pytest.param(
        "Tiếng nói rổn rảng rổn, gã lạu bạu vì đói.",
        (True, False),
        id="a reduplicative word the corpora do not know",
    ),
]


def test_two_slips_side_by_side_are_still_two_non_words():
    assert len(of_rule("Món này rất thich hơp với trẻ.", "VI_NON_WORD", use_model=False)) == 2
    assert len(of_rule("Họ mơn mởm cười.", "VI_NON_WORD", use_model=False)) == 1  # mơn is a word


@pytest.mark.parametrize(("text", "models"), NOT_NON_WORDS)
def test_words_of_their_own_are_not_non_words(text, models):
    for use_model in models:
        assert of_rule(text, "VI_NON_WORD", use_model=use_model) == []
