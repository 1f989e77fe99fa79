"""The language model's tokens and the fixed train/tune/heldout split, on small inline texts."""

from __future__ import annotations

import io
import json
import lzma
from collections import Counter

import pytest

from soat.lm import corpus
from soat.lm.corpus import lm_sentences, read_documents, split_of

needs_grammar = pytest.mark.skipif(
    corpus.CANONICAL_NAME.startswith("identity"), reason="soat.syllable.grammar missing"
)


def sentences(text: str) -> list[list[str]]:
    return list(lm_sentences(text))


def test_words_are_lower_cased_and_numbers_become_num() -> None:
    assert sentences("Năm 2017 Việt Nam xuất khẩu 12.000 tấn") == [
        ["năm", "<num>", "việt", "nam", "xuất", "khẩu", "<num>", "tấn"]
    ]


@needs_grammar
def test_tone_marks_move_to_the_canonical_place() -> None:
    assert sentences("HOÀ BÌNH và Thuý Kiều") == [["hòa", "bình", "và", "thúy", "kiều"]]


def test_decomposed_text_is_composed_first() -> None:
    assert sentences("Tie\u0302\u0301ng Vie\u0323\u0302t") == [["tiếng", "việt"]]


def test_commas_are_kept_but_not_at_the_ends_or_twice() -> None:
    assert sentences(", tốt , , nhưng đắt ,") == [["tốt", ",", "nhưng", "đắt"]]


def test_decimal_comma_stays_inside_the_number() -> None:
    assert sentences("lãi suất 3,5 phần trăm") == [["lãi", "suất", "<num>", "phần", "trăm"]]


def test_sentence_ends_newlines_brackets_and_quotes_break() -> None:
    text = 'Anh ấy đi. Chị ấy về! Ai đó? Một; hai: ba…\nbốn năm (sáu bảy) "tám chín"'
    assert sentences(text) == [
        ["anh", "ấy", "đi"],
        ["chị", "ấy", "về"],
        ["ai", "đó"],
        ["bốn", "năm"],
        ["sáu", "bảy"],
        ["tám", "chín"],
    ]


def test_other_punctuation_breaks_too() -> None:
    assert sentences("giá tăng 50% so với năm trước – theo Bộ") == [
        ["giá", "tăng", "<num>"],
        ["so", "với", "năm", "trước"],
        ["theo", "bộ"],
    ]


def test_hyphen_and_apostrophe_join_words() -> None:
    assert sentences("tỉnh Bà Rịa-Vũng Tàu nghe rock'n'roll") == [
        ["tỉnh", "bà", "rịa-vũng", "tàu", "nghe", "rock'n'roll"]
    ]


def test_zero_width_characters_do_not_split_words() -> None:
    assert sentences("thư\u200bviện sách") == [["thưviện", "sách"]]


def test_one_token_sentences_are_dropped() -> None:
    assert sentences("Vâng. Được thôi. !!! 2017.") == [["được", "thôi"]]


def test_split_is_stable_and_depends_on_corpus_and_id() -> None:
    assert split_of("baomoi", "21395276") == split_of("baomoi", "21395276")
    assert split_of("baomoi", "21395276") in corpus.SPLITS
    ids = [str(n) for n in range(20_000)]
    assert [split_of("baomoi", i) for i in ids] != [split_of("viwiki", i) for i in ids]


def test_split_sets_aside_about_two_percent_each() -> None:
    shares = Counter(split_of("baomoi", str(n)) for n in range(50_000))
    assert 0.015 < shares["heldout"] / 50_000 < 0.025
    assert 0.015 < shares["tune"] / 50_000 < 0.025


def test_wikipedia_headings_and_crlf_are_cleaned() -> None:
    line = json.dumps({"id": "Hà Nội", "text": "Hà Nội là thủ đô.\r\n\r\n== Lịch sử ==\r\nCổ."})
    raw = io.BytesIO(lzma.compress((line + "\n").encode()))
    [document] = read_documents("viwiki", raw)
    assert document == ("viwiki", "Hà Nội", "Hà Nội là thủ đô.\n\nCổ.")


def test_read_documents_keeps_only_the_asked_split() -> None:
    lines = [json.dumps({"id": str(n), "text": "x"}) for n in range(300)]
    raw = io.BytesIO(lzma.compress("\n".join(lines).encode()))
    kept = [d.id for d in read_documents("baomoi", raw, "heldout")]
    assert kept and all(split_of("baomoi", i) == "heldout" for i in kept)
