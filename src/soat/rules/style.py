"""Style rules: one spelling convention per document, and text that arrived badly encoded.

Vietnamese has two accepted places for the tone mark in ``oa``, ``oe``, ``uy`` (old ``hòa``,
new ``hoà``) and two spellings of many ``i``/``y`` syllables (``lý``/``lí``, ``kỹ``/``kĩ``).
Either is right; both in one document is not. :class:`ToneStyleMixed` and :class:`IYMixed`
count each convention and flag the minority (or, for tone marks, everything not in the style
the options ask for). :class:`Encoding` reports what the normalizer repaired — decomposed
Unicode, invisible characters, legacy TCVN3/VNI/VIQR text — with the repair as the fix.
Start at :class:`ToneStyleMixed`.

Both convention rules look closely only at the spellings that can carry a convention (by their
last letters: :data:`_STYLED_ENDINGS`, :data:`_IY_LAST`), each spelling once per document.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache
from itertools import compress
from operator import itemgetter

from soat.document import Document
from soat.issue import Issue
from soat.rules import register
from soat.rules.analysis import hyphen_joined
from soat.rules.base import Rule
from soat.rules.foreign import english_words
from soat.syllable.grammar import WELL_FORMED, match_case, parse, tone_style
from soat.text.offsets import Edit
from soat.text.tokenize import Token

STYLE_NAMES = {"old": ("kiểu cũ", "old style"), "new": ("kiểu mới", "new style")}


# Words repeat: parse each spelling once.
_tone_style = lru_cache(maxsize=65536)(tone_style)


def _any_case_any_tone(vowel: str) -> set[str]:
    toned = {unicodedata.normalize("NFC", vowel + mark) for mark in ("", *_TONE_MARKS)}
    return toned | {letter.upper() for letter in toned}


_TONE_MARKS = ("\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
# The two placements differ only in an open oa, oe or uy rhyme (hòa/hoà, thủy/thuỷ), so a word
# with a tone style ends in one of these pairs, in any case and with the mark on either vowel.
_STYLED_ENDINGS = frozenset(
    first + second
    for pair in ("oa", "oe", "uy")
    for first in _any_case_any_tone(pair[0])
    for second in _any_case_any_tone(pair[1])
)
# The last two letters and the last letter of a spelling, picked out at C speed.
_LAST_TWO, _LAST = itemgetter(slice(-2, None)), itemgetter(-1)


def respell(word: str, style: str) -> str:
    """``word`` with its tone mark placed in ``style`` (``hoà``, "old" → ``hòa``)."""
    parsed = parse(word.lower())
    return word if parsed is None else match_case(parsed.spell(style), word)


def _minority(counts: Counter, order: list[str]) -> str | None:
    """The convention to flag: the rarer one; on a tie, the one that appears later."""
    if len(counts) < 2:
        return None
    first, second = counts.most_common(2)
    if first[1] == second[1]:
        return order[-1]
    return second[0]


@register
class ToneStyleMixed(Rule):
    """``hoà`` and ``hòa`` in one document: flag the rarer placement (or the one not asked for)."""

    id = "VI_TONE_STYLE_MIXED"
    category = "style"
    severity = "style"
    description = "Văn bản dùng lẫn hai kiểu đặt dấu thanh (hòa/hoà, thủy/thuỷ)."
    description_en = "The document mixes the two tone-mark placements (hòa/hoà, thủy/thuỷ)."
    fires = (
        ("Hòa bình, hòa hợp và hoà giải.", "Hòa bình, hòa hợp và hòa giải."),
        ("Thuỷ triều lên, thuỷ thủ ra khơi, nước sông hòa vào biển.", None),
    )
    silent = ("Hòa bình, hòa hợp và hòa giải.", "Thuỷ triều lên, sông hoà vào biển.")

    def check(self, doc: Document) -> Iterator[Issue]:
        found: list[tuple[Token, str]] = []
        vocabulary = doc.vocabulary
        endings = map(_STYLED_ENDINGS.__contains__, map(_LAST_TWO, vocabulary))
        styled = {text for text in compress(vocabulary, endings) if _tone_style(text) is not None}
        for index in doc.spelt(styled):
            token = doc.tokens[index]
            if token.kind == "word":
                style = _tone_style(token.text)
                if style is not None:
                    found.append((token, style))
        wanted = doc.options.tone_style
        if wanted in STYLE_NAMES:
            flagged = "new" if wanted == "old" else "old"
        else:
            counts = Counter(style for _, style in found)
            order = list(dict.fromkeys(style for _, style in found))
            flagged = _minority(counts, order)
        if flagged is None:
            return
        keep = "old" if flagged == "new" else "new"
        name, name_en = STYLE_NAMES[keep]
        for token, style in found:
            if style != flagged:
                continue
            fix = respell(token.text, keep)
            yield doc.issue(
                self,
                token.start,
                token.end,
                f"Văn bản đặt dấu thanh {name}: viết “{fix}”.",
                f"The document places tone marks in the {name_en}: write “{fix}”.",
                [fix],
                0.8,
            )


# Pairs where the i and y spellings are different words: ly (a glass) and li (chi li, 1 li).
DIFFERENT_WORDS = frozenset({"li", "ly"})
_I_TO_Y = str.maketrans("iìíỉĩị", "yỳýỷỹỵ")
_Y_TO_I = str.maketrans("yỳýỷỹỵ", "iìíỉĩị")
# Every character whose lower case is an i or a y with any tone (checked against all of
# Unicode): a word with an i/y variant ends in one of them, so iy_variant need not parse others.
_IY_LAST = frozenset("iìíỉĩịyỳýỷỹỵIÌÍỈĨỊYỲÝỶỸỴ")
# Words whose i is their own, not one of two conventions: native words and a loanword that
# nobody writes with y (the training news has 149 "tỉ mỉ" and 6 "tỷ mỉ", 12 "lí nhí" and no
# "lý nhí"). Beside "tỷ đồng", "tỉ mỉ" is no mixed spelling.
ONE_SPELLING = frozenset(
    {"tỉ mỉ", "tỉ mẩn", "tỉ tê", "ti tỉ", "bí tỉ", "lí nhí", "lí lắc", "tí xíu", "tí hon"}
    | {"tí tẹo", "ti vi", "ti hí"}
)
_IN_ONE_SPELLING = frozenset(syllable for word in ONE_SPELLING for syllable in word.split())


@lru_cache(maxsize=65536)
def iy_variant(word: str) -> str | None:
    """The other spelling of an ``i``/``y`` syllable (``lý`` → ``lí``, ``kĩ`` → ``kỹ``), or None.

    Only a consonant onset followed by a bare ``i``/``y`` rhyme alternates (``lý``, ``kỹ``,
    ``sĩ``, ``quý``); ``ý``, ``yêu``, ``tuy`` and ``gì`` have one spelling. Which of the two
    :class:`IYMixed` prefers is :func:`_standard_letter`'s business.
    """
    parsed = parse(word)
    if parsed is None or parsed.onset in ("", "gi") or parsed.rhyme not in ("i", "y"):
        return None
    body = word[len(parsed.onset) :]
    other = word[: len(parsed.onset)] + body.translate(_I_TO_Y if parsed.rhyme == "i" else _Y_TO_I)
    if other not in WELL_FORMED or {word, other} & DIFFERENT_WORDS:
        return None
    return other


# The onsets after which both conventions are in use (lí/lý, kĩ/kỹ, mĩ/mỹ, hi/hy, tỉ/tỷ); after
# any other both write i (sĩ, vĩ, ni, xi; y is the older, rarer spelling), except after qu,
# where both write y (quy, quý; qui is a slip, see soat.syllable.candidates.iy_variants).
_BOTH_CONVENTIONS = frozenset("hklmt")
_Y_FORMS = frozenset("yỳýỷỹỵ")


def _beside_english(doc: Document, index: int) -> bool:
    """Is a word token next to an English word that is no Vietnamese syllable?"""
    for j in (index - 1, index + 1):
        if 0 <= j < len(doc.tokens) and doc.tokens[j].kind == "word":
            lower = doc.tokens[j].text.lower()
            if lower.isascii() and lower not in WELL_FORMED and lower in english_words():
                return True
    return False


def _in_one_spelling_word(doc: Document, index: int) -> bool:
    """Is the word token at ``index`` part of one of the :data:`ONE_SPELLING` words?"""
    tokens = doc.tokens
    for first, second in ((index - 1, index), (index, index + 1)):
        if first < 0 or second >= len(tokens) or not doc.one_space(tokens[first], tokens[second]):
            continue
        if f"{tokens[first].text} {tokens[second].text}".lower() in ONE_SPELLING:
            return True
    return False


def _standard_letter(lower: str) -> str | None:
    """The letter both conventions write in an i/y syllable: ``i`` after s, n, v, x (``sĩ``),
    ``y`` after qu (``quý``); None after h, k, l, m, t, where each has its own."""
    parsed = parse(lower)
    if parsed is None or parsed.onset in _BOTH_CONVENTIONS:
        return None
    return "y" if parsed.onset == "qu" else "i"


@register
class IYMixed(Rule):
    """``lý`` and ``lí`` (``kỹ``/``kĩ``) in one document: flag the rarer spelling; ``sỹ`` beside
    ``sĩ``: flag ``sỹ``, and ``qui`` beside ``quy``: flag ``qui``, the spellings both
    conventions agree on."""

    id = "VI_IY_MIXED"
    category = "style"
    severity = "style"
    description = "Một âm tiết được viết lẫn cả i và y trong cùng văn bản (lý/lí, kỹ/kĩ)."
    description_en = "The same syllable spelt with both i and y in one document (lý/lí, kỹ/kĩ)."
    fires = (
        (
            "Lý do quản lý kém là lí do chính, lý thuyết cũng vậy.",
            "Lý do quản lý kém là lý do chính, lý thuyết cũng vậy.",
        ),
    )
    silent = (
        "Lý do quản lý kém, kỹ thuật và bác sĩ.",
        "Lí do quản lí kém, kĩ thuật và bác sĩ ở Mỹ.",
        "Giá 5 tỷ đồng, làm rất tỉ mỉ; công ty bán ti vi, quản lý nói lí nhí.",
        "Động cơ 4 xy-lanh, đèn xi-nhan LED và xi măng.",
    )

    def check(self, doc: Document) -> Iterator[Issue]:
        spellings: dict[str, list[Token]] = {}
        vocabulary = doc.vocabulary
        endings = map(_IY_LAST.__contains__, map(_LAST, vocabulary))
        variable = {
            text for text in compress(vocabulary, endings) if iy_variant(text.lower()) is not None
        }
        for index in doc.spelt(variable):
            token = doc.tokens[index]
            if token.kind != "word" or (token.is_capitalized and not token.sentence_start):
                continue  # names keep their own spelling (Lý, Mỹ, Thy)
            lower = token.text.lower()
            if lower.isascii() and lower in english_words() and _beside_english(doc, index):
                continue  # "A Life by Yogesh Chadha": English, not bi spelt with y
            if lower in _IN_ONE_SPELLING and _in_one_spelling_word(doc, index):
                continue  # tỉ mỉ, lí nhí: a word with one spelling
            if index in hyphen_joined(doc):
                continue  # xy-lanh beside xi-nhan: loanwords, each with its own spelling
            if iy_variant(lower) is not None:
                spellings.setdefault(lower, []).append(token)
        for lower, tokens in spellings.items():
            other = iy_variant(lower)
            rivals = spellings.get(other, [])
            if not rivals:
                continue
            standard = _standard_letter(lower)
            if standard is not None:  # sỹ beside sĩ: sĩ, however many sỹ; qui beside quy: quy
                flagged = (lower[-1:] in _Y_FORMS) != (standard == "y")
            else:
                more, ties = len(rivals) > len(tokens), len(rivals) == len(tokens)
                flagged = more or (ties and other < lower)
            if flagged:
                for token in tokens:
                    yield self._issue(doc, token, match_case(other, token.text))

    def _issue(self, doc: Document, token: Token, fix: str) -> Issue:
        return doc.issue(
            self,
            token.start,
            token.end,
            f"Văn bản viết “{fix.lower()}” ở chỗ khác: viết thống nhất “{fix}”.",
            f"The document writes “{fix.lower()}” elsewhere: write “{fix}” throughout.",
            [fix],
            0.75,
        )


# Edits the normalizer makes that are worth reporting, with their messages.
ENCODING_KINDS = {
    "nfd": ("Chữ ở dạng Unicode tổ hợp (NFD)", "Decomposed Unicode (NFD) text"),
    "invisible": ("Ký tự vô hình (zero-width, soft hyphen)", "An invisible character"),
    "stray": ("Dấu đứng lẻ, không gắn vào chữ nào", "A stray accent attached to no letter"),
    "pair": ("Ký tự viết thành hai nửa UTF-16", "A character written as two UTF-16 halves"),
    "surrogate": ("Ký tự hỏng (nửa cặp UTF-16)", "A broken character (half a UTF-16 pair)"),
    "lookalike": ("Chữ Ð/ð (eth) trông giống Đ/đ nhưng khác mã", "Ð/ð (eth), a look-alike of Đ/đ"),
    "tcvn3": ("Văn bản mã TCVN3 (ABC) cũ", "Text in the legacy TCVN3 (ABC) encoding"),
    "vni": ("Văn bản mã VNI-Windows cũ", "Text in the legacy VNI-Windows encoding"),
    "viqr": ("Văn bản gõ kiểu VIQR", "Text typed in VIQR"),
}
LINE_RUNS = frozenset({"tcvn3", "vni", "viqr"})


def _joins(kind: str, gap: str) -> bool:
    """Do two edits of ``kind`` separated by ``gap`` belong to one run?"""
    if kind in LINE_RUNS:
        return "\n" not in gap  # a legacy-encoded stretch of a line
    return not any(ch.isspace() for ch in gap)  # one word


def encoding_runs(doc: Document) -> Iterator[tuple[list[Edit], int, int]]:
    """Runs of same-kind reported edits: ``(edits, normalized start, end)``.

    Decomposed and invisible characters are reported word by word; legacy-encoded text as one
    run per line, so its fix is the whole repaired stretch.
    """
    original = doc.norm.original
    shift = 0  # normalized position minus original position, before the current edit
    run: list[Edit] = []
    run_start = run_end = 0
    for edit in doc.norm.edits:
        norm_start = edit.start + shift
        shift += len(edit.replacement) - (edit.end - edit.start)
        if edit.kind not in ENCODING_KINDS:
            continue
        same_run = run and run[-1].kind == edit.kind
        if not (same_run and _joins(edit.kind, original[run[-1].end : edit.start])):
            if run:
                yield run, run_start, run_end
            run, run_start = [], norm_start
        run.append(edit)
        run_end = norm_start + len(edit.replacement)
    if run:
        yield run, run_start, run_end


@register
class Encoding(Rule):
    """Decomposed Unicode, invisible characters, stray accents, an eth for đ (``Ðúng``) or legacy
    TCVN3/VNI text: the repair as the fix."""

    id = "VI_ENCODING"
    category = "encoding"
    severity = "warning"
    description = "Văn bản sai bảng mã: Unicode tổ hợp, ký tự vô hình, mã TCVN3/VNI cũ."
    description_en = "Badly encoded text: decomposed Unicode, invisible characters, TCVN3/VNI."
    fires = (
        ("Tie\u0302\u0301ng Vie\u0323\u0302t", "Tiếng Việt"),
        ("Việt\u200bNam", "ViệtNam"),
        ("Xin chào\u00ad các bạn.", "Xin chào các bạn."),
        ("Ông về công tác,\u0300 sinh sống ở đây.", "Ông về công tác, sinh sống ở đây."),
        ("Ðúng vào lúc đó, Ðài phát thanh đưa tin.", "Đúng vào lúc đó, Đài phát thanh đưa tin."),
        ("T«i yªu ViÖt Nam vµ tiÕng ViÖt.", "Tôi yêu Việt Nam và tiếng Việt."),
    )
    silent = (
        "Tiếng Việt\u00a0và\r\ntiếng Anh.",
        "Tim \u2764\ufe0f và số 1\ufe0f\u20e3.",
        "Ca sĩ Guðrún Eva Mínervudóttir và nhà thơ Þórarinn Eldjárn.",
    )

    def check(self, doc: Document) -> Iterator[Issue]:
        original = doc.norm.original
        for run, start, end in encoding_runs(doc):
            what, what_en = ENCODING_KINDS[run[0].kind]
            fixed = doc.text[start:end]
            issue = doc.issue(
                self,
                start,
                end,
                f"{what}: sửa thành “{fixed}”." if fixed else f"{what}: nên xoá.",
                f"{what_en}: repair as “{fixed}”." if fixed else f"{what_en}: delete it.",
                [fixed],
                0.95,
            )
            # A deleted character has no normalized span to map: point at it directly.
            span_start, span_end = run[0].start, run[-1].end
            yield replace(
                issue,
                offset=doc.base + span_start,
                length=span_end - span_start,
                text=original[span_start:span_end],
            )
