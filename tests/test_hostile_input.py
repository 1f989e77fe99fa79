"""Inputs built to be slow or to break things: each is checked and restored in well under a
second now (quadratic scans made some take minutes), and every issue points at the text."""

import pytest

import soat

HOSTILE = {
    "a run of quotes": '"' * 20_000,
    "a run of brackets after a face": ":" + ")" * 20_000,
    "a very long word": "x" * 50_000,
    "a long run of syllable pieces": "ng" * 1_000 + " tôi",
    "a long Latin word among Vietnamese": "Hôm nay tôi đọc " + "supercalifragilistic" * 10 + ".",
    "words joined by hyphens": "-".join(["ab"] * 5_000),
    "lone and paired UTF-16 halves": "12\ntôi tôi\n\ud800. a\udc00b \ud83d\ude00 thich",
    "an eth for đ": "Ðúng vào lúc ðó, /ði/ Guðrún.",
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_input_is_checked_and_restored(name):
    text = HOSTILE[name]
    for issue in soat.check(text):
        assert text[issue.offset : issue.offset + issue.length] == issue.text
    restored = soat.restore_diacritics(text)
    assert len(restored) == len(text)


def test_broken_utf16_is_reported_and_repaired():
    found = {(i.text, i.replacements[0]) for i in soat.check("a\udc00b \ud83d\ude00 c")}
    assert found == {("\udc00", "\ufffd"), ("\ud83d\ude00", "😀")}
