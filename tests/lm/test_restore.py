"""Diacritic restoration: marks come back, nothing else changes."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import soat
from soat.syllable.typing import strip_marks


def test_restores_a_plain_sentence():
    assert soat.restore_diacritics("toi di hoc o truong") == "tôi đi học ở trường"


def test_keeps_case_spacing_and_punctuation():
    text = "Hom nay,  troi  DEP qua!\r\nToi o Ha Noi."
    restored = soat.restore_diacritics(text)
    assert len(restored) == len(text)
    assert strip_marks(restored) == strip_marks(text)
    assert restored.startswith("Hôm nay,  trời  ĐẸP quá!\r\n")


def test_words_that_are_no_syllable_get_the_marks_the_corpora_give_them():
    text = "Doi tuyen DT Viet Nam, HDND tinh Dak Lak, vung DBSCL, xet nghiem DNA va DN nho"
    assert soat.restore_diacritics(text) == (
        "Đội tuyển ĐT Việt Nam, HĐND tỉnh Đắk Lắk, vùng ĐBSCL, xét nghiệm DNA và DN nhỏ"
    )


def test_loanwords_no_syllable_spells_can_stay_as_written():
    text = "Doi tuyen Viet Nam tai AFF Cup, top 10 bai hat hot nhat"
    right = "Đội tuyển Việt Nam tại AFF Cup, top 10 bài hát hot nhất"
    assert soat.restore_diacritics(text) == right


def test_already_marked_syllables_are_kept_unless_all():
    text = "Tôi đi hoc"
    assert soat.restore_diacritics(text).startswith("Tôi đi ")
    assert soat.restore_diacritics("toi thích hoc").split()[1] == "thích"


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet="abcdeghiklmnopqrstuvxy đĐ,.!?\n0123456789ABC", max_size=60))
def test_only_letters_marks_ever_change(text):
    restored = soat.restore_diacritics(text)
    assert len(restored) == len(text)
    assert strip_marks(restored).lower() == strip_marks(text).lower()


@pytest.mark.parametrize("text", ["", "   ", "123, 456", "😀 emoji", "https://a.vn/toi"])
def test_odd_inputs(text):
    assert soat.restore_diacritics(text) == text


def _lattices():
    """Lattices of restoration, as restore() builds them, from news typed without marks."""
    from soat.lm import restore as restoration
    from soat.lm.segments import segments
    from soat.text.tokenize import tokenize

    text = strip_marks(
        "Sáng nay, Ủy ban nhân dân thành phố đã tổ chức buổi họp báo công bố kế hoạch cải tạo "
        "hệ thống thoát nước tại các quận trung tâm. Theo đại diện Sở Xây dựng, công trình dự "
        "kiến khởi công vào tháng 9 và hoàn thành trong hai năm, với tổng vốn đầu tư khoảng "
        "1.200 tỷ đồng. Đội tuyển bóng đá quốc gia sẽ hội quân vào cuối tuần này để chuẩn bị "
        "cho hai trận giao hữu quốc tế; ông muốn thử nghiệm một số cầu thủ trẻ, Messi và xyz."
    )
    tokens = tokenize(text)
    for segment in segments(tokens, min_words=1):
        yield [
            [word]
            if index is None or tokens[index].kind != "word"
            else restoration._variants(tokens[index].text, True)
            for word, index in zip(segment.words, segment.tokens, strict=True)
        ]


@pytest.mark.parametrize("width", [1, 3, 8, 30])
def test_native_beam_search_equals_the_python_one(width):
    from soat.lm.model import model
    from soat.lm.restore import python_best_path

    lm = model()
    if lm.native is None:
        pytest.skip("soat.lm._native is not built (scripts/build_native.sh)")
    lattices = list(_lattices())
    # Repeated spellings in a column and an unknown word must be merged as Python merges them.
    lattices.append([["toi", "tôi", "tôi"], ["zzqx", "đi"], ["học", "hoc", "hóc"]])
    for lattice in lattices:
        chosen = lm.best_path(lattice, width)
        assert [column[i] for column, i in zip(lattice, chosen, strict=True)] == python_best_path(
            lm, lattice, width
        )
    assert lm.best_path([], width) == []


def test_native_beam_search_rejects_bad_lattices():
    from soat.lm.model import model

    lm = model()
    if lm.native is None:
        pytest.skip("soat.lm._native is not built (scripts/build_native.sh)")
    for lattice in ([[]], [["tôi", 3]], ["tôi"]):
        with pytest.raises(TypeError):
            lm.best_path(lattice, 8)
    with pytest.raises(ValueError):
        lm.best_path([["tôi"]], 0)
