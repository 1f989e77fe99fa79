"""Non-words and typing residue: keys out of place, and names missing their marks."""

import pytest

import soat
from soat.options import Options


def found(text, **kwargs):
    return [(i.text, i.rule, i.replacements[0]) for i in soat.check(text, **kwargs)]


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
    assert [i for i in soat.check(text) if i.rule == "VI_TYPING_RESIDUE"] == []


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


def test_foreign_names_and_names_written_bare_are_left_alone():
    text = (
        "Cuộc chuyển đổi Ming-Thanh, nhà văn Gregory Keyes, các dân tộc Lur và Yezidi, "
        "công ty Honda Viet Nam và ông Nguyen Van Lien đều được nhắc tới."
    )
    assert [i for i in soat.check(text) if i.rule == "VI_NON_WORD"] == []
