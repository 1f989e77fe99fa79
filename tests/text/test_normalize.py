import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from soat.text.normalize import normalize
from soat.text.tokenize import tokenize

VIETNAMESE = "Tiếng Việt có sáu thanh: ngang, huyền, sắc, hỏi, ngã, nặng. Người ấy đã đến."


def test_nfd_input_is_composed_and_mapped_back():
    original = unicodedata.normalize("NFD", "Việt Nam")
    norm = normalize(original)
    assert norm.text == "Việt Nam"
    start, end = norm.span(0, 4)
    assert original[start:end] == unicodedata.normalize("NFD", "Việt")
    assert norm.span(5, 8) == (len(original) - 3, len(original))


def test_invisible_characters_are_removed_inside_words():
    original = "Vi\u200bệt Nam\u00ad"
    norm = normalize(original)
    assert norm.text == "Việt Nam"
    assert original[slice(*norm.span(0, 4))] == "Vi\u200bệt"
    assert [edit.kind for edit in norm.edits] == ["invisible", "invisible"]


def test_a_stray_vietnamese_accent_is_removed_but_other_marks_stay():
    original = "công tác,\u0300 sinh sống \u2764\ufe0f"
    norm = normalize(original)
    assert norm.text == "công tác, sinh sống \u2764\ufe0f"  # the emoji's selector stays
    assert [(edit.kind, edit.start) for edit in norm.edits] == [("stray", 9)]
    assert original[slice(*norm.span(10, 14))] == "sinh"


def test_crlf_and_nbsp_become_plain_but_offsets_stay():
    original = "Hà\u00a0Nội\r\nHuế"
    norm = normalize(original)
    assert norm.text == "Hà Nội\nHuế"
    assert original[slice(*norm.span(7, 10))] == "Huế"


def test_clean_text_is_untouched():
    norm = normalize(VIETNAMESE)
    assert norm.text == VIETNAMESE
    assert norm.edits == ()


def _spans_point_at_original(original: str) -> None:
    norm = normalize(original, legacy=False)
    previous_end = 0
    for token in tokenize(norm.text):
        start, end = norm.span(token.start, token.end)
        assert previous_end <= start <= end <= len(original)
        previous_end = end
        if start and original[start - 1] in "/[":  # the eth repair looks one character back
            assert normalize(original[start - 1 : end], legacy=False).text[1:] == token.text
        else:
            assert normalize(original[start:end], legacy=False).text == token.text


PIECES = st.sampled_from(
    [
        "Việt",
        unicodedata.normalize("NFD", "Nguyễn"),
        "\u200b",
        "\u00a0",
        "\r\n",
        "\n",
        " ",
        "😀",
        "👍🏽",
        "e\u0301",
        "\u0301",
        "ph\u1edf",
        "3,5%",
        "https://a.vn/x",
        ".",
        "\ufeff",
        "Ðúng",
        "ðó",
        "/ði/",
        "\ud83d\ude00",
        "\udc00",
        "\ud800",
    ]
)


@given(st.lists(st.one_of(PIECES, st.text(max_size=5)), max_size=30).map("".join))
def test_token_spans_point_at_the_original_characters(original):
    _spans_point_at_original(original)


@given(st.text())
def test_spans_on_random_unicode(original):
    _spans_point_at_original(original)


LEGACY_SENTENCES = [
    "Người Việt Nam yêu hòa bình.",
    "Tiếng Việt có dấu thanh: huyền, sắc, hỏi, ngã, nặng.",
    "Đường phố Hà Nội rất đông đúc vào giờ tan tầm.",
]


@given(
    st.lists(
        st.tuples(st.sampled_from(LEGACY_SENTENCES), st.sampled_from(["tcvn3", "vni", "plain"])),
        min_size=1,
        max_size=4,
    ),
    st.sampled_from(["\n", "\r\n", "\r", " "]),
)
def test_spans_point_at_the_original_on_legacy_encoded_text(parts, separator):
    from soat.text.legacy import encode_tcvn3, encode_vni
    from soat.text.offsets import apply_edits

    encoders = {"tcvn3": encode_tcvn3, "vni": encode_vni, "plain": lambda s: s}
    original = separator.join(encoders[kind](sentence) for sentence, kind in parts)
    norm = normalize(original)
    for token in tokenize(norm.text):
        start, end = norm.span(token.start, token.end)
        inside = [
            edit._replace(start=edit.start - start, end=edit.end - start)
            for edit in norm.edits
            if start <= edit.start and edit.end <= end
        ]
        assert apply_edits(original[start:end], inside) == token.text


def test_an_eth_for_d_becomes_d_at_the_start_of_a_word_only():
    text = "Ðúng lúc ðó, Guðrún đến Ðà Nẵng."
    found = normalize(text)
    assert found.text == "Đúng lúc đó, Guðrún đến Đà Nẵng."
    assert [(e.start, e.kind) for e in found.edits] == [
        (0, "lookalike"),
        (9, "lookalike"),
        (24, "lookalike"),
    ]
    assert normalize("ð, Ð.").text == "ð, Ð."  # no vowel after it: not a word of Vietnamese
    # Phonetic transcriptions and other African letters stay as written.
    assert normalize("this /ðis/, the [ðə], Ewe ɖe, Ɖa").edits == ()


def test_broken_utf16_is_repaired_with_offsets_into_the_original():
    text = "a\udc00b \ud83d\ude00 c"
    found = normalize(text)
    assert found.text == "a\ufffdb 😀 c"
    assert [(e.start, e.end, e.kind) for e in found.edits] == [(1, 2, "surrogate"), (4, 6, "pair")]
    assert found.span(6, 7) == (7, 8)  # "c", after the pair: back to the original offsets
