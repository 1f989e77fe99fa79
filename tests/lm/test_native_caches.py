"""The C++ screening keeps the vocabulary ids of words and of candidate tuples between calls:
its answers must not depend on what it has seen before."""

import pytest

from soat.lm import context
from soat.lm.model import _native, model
from soat.lm.segments import Segment, lm_word, segments
from soat.syllable.candidates import generator
from soat.syllable.lexicon import data_dir
from soat.text.tokenize import tokenize

SENTENCES = (
    "Buổi hợp báo diễn ra sáng nay tại thành phố.",
    "Anh ấy luôn giữ bình tỉnh trong mọi tình huống khó khăn.",
    "Giá vàng hôm nay tăng mạnh so với tuần trước.",
)


def screened(lm, handle, words, as_lists=False):
    candidates = generator()
    positions = list(range(len(words)))
    options = [context._cheapest_first(candidates, word, context.MAX_CANDIDATES) for word in words]
    if as_lists:  # not cached: parsed on every call
        options = [list(option) for option in options]
    return _native.screen(handle, words, positions, options, 1.0, context.CHEAPEST_SLIP)


def test_cached_ids_give_the_answers_of_a_fresh_model():
    lm = model()
    if lm.native is None:
        pytest.skip("soat.lm._native is not built (scripts/build_native.sh)")
    for sentence in SENTENCES:
        (segment,) = segments(tokenize(sentence))
        first = screened(lm, lm.native, segment.words)
        again = screened(lm, lm.native, segment.words)  # every id from the caches
        uncached = screened(lm, lm.native, segment.words, as_lists=True)
        fresh = screened(lm, _native.load(str(data_dir() / "lm.binary")), segment.words)
        assert first == again == uncached == fresh


def reference_segments(tokens, min_words=2):
    """segments() written plainly, one lm_word per token: clauses cut at every other mark and
    at a sentence start, commas kept as the training text keeps them."""
    found, words, indexes = [], [], []

    def keep():
        while words and words[-1] == ",":
            words.pop()
            indexes.pop()
        if len(words) >= min_words:
            found.append(Segment(list(words), list(indexes)))

    for i, token in enumerate(tokens):
        word = lm_word(token)
        if word is None or (token.sentence_start and words):
            keep()
            words, indexes = [], []
        if word == "," and (not words or words[-1] == ","):
            continue
        if word is not None:
            words.append(word)
            indexes.append(i if word != "," else None)
    keep()
    return found


@pytest.mark.parametrize(
    "text",
    [
        "Hoà bình, HOÀ hợp: 5 % dân số\n, năm 2024 tăng 12/3 lúc 8h30. Xin chào",
        "Một. Hai ba, bốn (năm) sáu\n\nbảy tám, chín… mười, www.x.vn một hai",
        ", , một hai\n, ba bốn",
        "",
    ],
)
def test_segments_cut_as_the_token_by_token_reference(text):
    tokens = tokenize(text)
    assert segments(tokens) == reference_segments(tokens)
    assert segments(tokens, 1) == reference_segments(tokens, 1)


@pytest.mark.parametrize(
    "text",
    [
        "Quận Tân Bình (TP.HCM), dòng phương tiện nối dài, , hàng km, ",
        "Ông nói: , thì thôi ,, được không, ",
        "Hoà bình, HOÀ hợp dân số\n, năm 2024 tăng lúc 8 giờ. Xin chào",
    ],
)
def test_segments_keep_commas_as_the_model_was_trained(text):
    from soat.lm.corpus import lm_sentences

    assert [s.words for s in segments(tokenize(text))] == list(lm_sentences(text))
