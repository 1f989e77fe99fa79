"""Typography rules: spaces around punctuation, doubled spaces, brackets, quotes, sentence starts.

Vietnamese follows the French-free convention: no space before ``, . ; : ! ?``, one space after,
no space inside brackets and quotes. Each rule scans the normalized text (``doc.text``, where a
non-breaking space is already a plain space) with the tokens at hand to stay out of numbers
(``3,5``), URLs, times and abbreviations (``TP.HCM``, ``v.v.``), and reports through
:meth:`~soat.document.Document.issue`, which maps spans back to the caller's text.

Start at :class:`SpaceBeforePunct`; :class:`Unbalanced` pairs brackets and quotes line by line.

The rules run on every document, so each looks only where it can fire: at the punctuation tokens
(:meth:`~soat.document.Document.indexes`), or with an expression that opens with the character
it needs (a space, a bracket), so the scan skips everything else quickly; look-behinds come after
that character for the same reason.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from typing import NamedTuple

import regex

from soat.document import Document
from soat.issue import Issue
from soat.rules import register
from soat.rules.base import Rule
from soat.text.tokenize import Token

CLOSING_PUNCT = ",.;:!?"
CLOSERS = {")": "(", "]": "[", "}": "{"}
# Short forms written with a dot and no space in Vietnamese news: TP.HCM, Q.1, v.v., PGS.TS.
ABBREVIATIONS = frozenset(
    "tp q p h tx tt ths ts pgs gs bs ks ck st mr mrs ms dr co ltd inc jr sr no vs v.v v "
    "th nxb ubnd hđnd đh cđ thpt thcs lđ tr cg var subsp ssp sp cf ed vol op cit".split()
)
# Characters that make ``:`` or ``;`` an emoticon rather than punctuation: ``:)``, ``:D``, ``:v``.
_EMOTICON_TAIL = ")(DPpOov3/|*]["
_SPACES_BEFORE = regex.compile(r"([ \t](?<=[\p{L}\p{N}\p{M}”’)\]%][ \t])[ \t]*)([,.;:!?])")
# Between words, before a lower-case letter: before a capital, two spaces mostly stand for a
# lost line break (a caption or heading run into the next paragraph).
# What _SPACES_BEFORE needs; most texts have none, and the standard re finds this quickly.
_SPACE_THEN_MARK = re.compile(r"[ \t][,.;:!?]")
_DOUBLE_SPACE = regex.compile(r"( (?<=[\p{L}\p{M}\p{N},;] ) +)(?=\p{Ll})")
_INSIDE_OPEN = regex.compile(r"([(\[“])(?<![:;=][(\[“])([ \t]+)(?=\S)")
_INSIDE_CLOSE = regex.compile(r"([ \t](?<=\S[ \t])[ \t]*)([)\]”])")
# What the two expressions above need: most texts hold neither, and a substring test is quick.
_OPEN_SPACED = tuple(b + s for b in "([“" for s in " \t")
_SPACED_CLOSE = tuple(s + b for b in ")]”" for s in " \t")


def punct_positions(doc: Document) -> set[int]:
    """Start offsets of the punctuation tokens (so punctuation inside URLs etc. is skipped)."""
    starts = doc.starts
    return {starts[i] for i in doc.indexes("punct")}


@register
class SpaceBeforePunct(Rule):
    """A space before ``, . ; : ! ?``: ``tốt ,nhưng`` → ``tốt, nhưng``."""

    id = "VI_SPACE_BEFORE_PUNCT"
    category = "typography"
    severity = "style"
    description = "Có khoảng trắng trước dấu câu (, . ; : ! ?)."
    description_en = "A space before a punctuation mark (, . ; : ! ?)."
    fires = (
        ("Món này tốt ,nhưng đắt.", "Món này tốt, nhưng đắt."),
        ("Anh có đến không ?", "Anh có đến không?"),
        ("Giá tăng , rồi giảm.", "Giá tăng, rồi giảm."),
        ("Anh có đến thật không ?!", "Anh có đến thật không?!"),
        ("Tuyệt vời quá !!!", "Tuyệt vời quá!!!"),
    )
    silent = (
        "Món này tốt, nhưng đắt; anh có đến không?",
        "Dự án viết bằng .NET và chạy tốt.",
        "Vui quá :) hẹn gặp lại.",
    )

    def check(self, doc: Document) -> Iterator[Issue]:
        text = doc.text
        if not _SPACE_THEN_MARK.search(text):
            return
        puncts = punct_positions(doc)
        for match in _SPACES_BEFORE.finditer(text):
            mark, at = match.group(2), match.start(2)
            after = text[at + 1 : at + 2]
            if at not in puncts or self._not_punctuation(mark, after, text, at):
                continue
            # A word glued to the mark gets the space after it; more punctuation or a closing
            # quote keeps its place (``sao ?!`` → ``sao?!``, ``đó ."`` → ``đó."``).
            fix = mark + " " if after.isalnum() else mark
            yield doc.issue(
                self,
                match.start(),
                at + 1,
                f"Bỏ khoảng trắng trước “{mark}”.",
                f"Remove the space before “{mark}”.",
                [fix],
                0.9,
            )

    @staticmethod
    def _not_punctuation(mark: str, after: str, text: str, at: int) -> bool:
        if mark == "." and (after.isalnum() or text.startswith("...", at)):
            return True  # .NET, .5, an ellipsis
        if mark in ":;" and after and after in _EMOTICON_TAIL:
            return True
        return mark == "," and after.isdigit()  # a list of numbers written "1 ,2"


def _word_before(tokens: list[Token], index: int) -> Token | None:
    if index > 0 and tokens[index - 1].end == tokens[index].start:
        return tokens[index - 1]
    return None


def _abbreviation_dot(before: Token | None, after: Token) -> bool:
    """``TP.HCM``, ``Q.1``, ``v.v.``, ``vnexpress.net``, ``Th.S``: a dot that takes no space."""
    if before is None or before.kind != "word":
        return True
    word = before.text
    if word.lower() in ABBREVIATIONS or word.isupper():
        return True
    if len(word) <= 3 and word[0].isupper():
        return True  # Tp.HCM, Th.S, Q.Tân Bình
    if word.isascii() and after.text.isascii():
        return True  # a domain name or a file name
    return any(ch.isupper() for ch in word[1:])  # CamelCase product names: ASP.Net


def _symbols(before: Token, after: Token) -> bool:
    return all(len(t.text) <= 2 and t.text[:1].isupper() for t in (before, after))


@register
class MissingSpaceAfterPunct(Rule):
    """No space after ``, ; : ! ? .`` before a word: ``tốt,nhưng`` → ``tốt, nhưng``."""

    id = "VI_MISSING_SPACE_AFTER_PUNCT"
    category = "typography"
    severity = "style"
    description = "Thiếu khoảng trắng sau dấu câu."
    description_en = "A missing space after a punctuation mark."
    fires = (
        ("Món này tốt,nhưng đắt.", "Món này tốt, nhưng đắt."),
        ("Trời mưa to.Đường ngập nặng.", "Trời mưa to. Đường ngập nặng."),
        ("Anh đến chưa?Tôi chờ mãi.", "Anh đến chưa? Tôi chờ mãi."),
    )
    silent = (
        "Tại TP.HCM, giá tăng 3,5% so với 1.000 đồng v.v. và còn nữa.",
        "Đọc tin trên vnexpress.net hoặc https://tuoitre.vn/a,b.html nhé.",
        "Anh ấy ở Q.1, gần trụ sở PGS.TS Nguyễn Văn A. Vui quá :v",
    )

    def check(self, doc: Document) -> Iterator[Issue]:
        tokens = doc.tokens
        for index in doc.indexes("punct"):
            if index + 1 >= len(tokens):
                break
            token, after = tokens[index], tokens[index + 1]
            mark = token.text
            if token.kind != "punct" or mark not in CLOSING_PUNCT or after.start != token.end:
                continue
            if after.kind != "word" or (mark in ":;" and len(after.text) == 1):
                continue
            before = _word_before(tokens, index)
            if before is None and mark != ",":
                continue  # "tốt ,nhưng" is the space-before rule's; ".NET" is a name
            if mark == "," and before is not None and _symbols(before, after):
                continue  # (Y,Ca,Er): element symbols in a formula
            if mark == "." and _abbreviation_dot(before, after):
                continue
            yield doc.issue(
                self,
                token.start,
                token.end,
                f"Thiếu khoảng trắng sau “{mark}”.",
                f"Missing space after “{mark}”.",
                [mark + " "],
                0.85,
            )


@register
class DoubleSpace(Rule):
    """Two or more spaces between words: ``là  xe`` → ``là xe``."""

    id = "VI_DOUBLE_SPACE"
    category = "typography"
    severity = "style"
    description = "Thừa khoảng trắng giữa hai từ."
    description_en = "More than one space between words."
    fires = (("Đây là  xe tải quân sự.", "Đây là xe tải quân sự."),)
    silent = (
        "Đây là xe tải quân sự.",
        "  Đoạn văn thụt lề.\nHết câu.  Câu sau cách hai dấu cách theo lối máy chữ.",
    )

    def check(self, doc: Document) -> Iterator[Issue]:
        if "  " not in doc.text:
            return
        for match in _DOUBLE_SPACE.finditer(doc.text):
            yield doc.issue(
                self,
                match.start(),
                match.end(),
                "Thừa khoảng trắng: chỉ cần một dấu cách.",
                "Extra spaces: one is enough.",
                [" "],
                0.8,
            )


@register
class SpaceInsideBrackets(Rule):
    """A space just inside brackets or quotes: ``( a )`` → ``(a)``."""

    id = "VI_SPACE_INSIDE_BRACKETS"
    category = "typography"
    severity = "style"
    description = "Có khoảng trắng ngay bên trong dấu ngoặc hoặc ngoặc kép."
    description_en = "A space just inside brackets or quotation marks."
    fires = (
        ("Giá vàng ( SJC ) tăng.", "Giá vàng (SJC) tăng."),
        ("Anh nói “ tôi đi ” rồi về.", "Anh nói “tôi đi” rồi về."),
    )
    silent = ("Giá vàng (SJC) tăng, anh nói “tôi đi” [1].", "Buồn quá :( mai gặp.")

    def check(self, doc: Document) -> Iterator[Issue]:
        text = doc.text
        opened = any(pair in text for pair in _OPEN_SPACED)
        for match in _INSIDE_OPEN.finditer(text) if opened else ():
            if text[match.end()] in ")]”":
                continue  # "( )" is an empty pair, not a spacing slip
            marks = quote_marks(doc) if match.group(1) == "“" else None
            if marks and (match.start() in marks.turned or match.start() in marks.unclear):
                continue  # nhí“ trên: a closing mark turned round, the space is outside
            yield self._issue(doc, match.start(2), match.end(2), match.group(1))
        closed = any(pair in text for pair in _SPACED_CLOSE)
        for match in _INSIDE_CLOSE.finditer(text) if closed else ():
            if text[match.start() - 1] in "([“":
                continue
            if match.group(2) == "”" and match.start(2) in quote_marks(doc).turned:
                continue  # là ”Kẻ: an opening mark turned round
            yield self._issue(doc, match.start(1), match.end(1), match.group(2))

    def _issue(self, doc: Document, start: int, end: int, bracket: str) -> Issue:
        return doc.issue(
            self,
            start,
            end,
            f"Bỏ khoảng trắng bên trong “{bracket}”.",
            f"Remove the space inside “{bracket}”.",
            [""],
            0.85,
        )


def _is_label(tokens: list[Token], index: int) -> bool:
    """``a)``, ``2)``, ``iv)``: an enumeration label, not an unopened bracket."""
    if index == 0 or tokens[index - 1].kind not in ("word", "number"):
        return False
    label = tokens[index - 1]
    if len(label.text) > 3 or label.end != tokens[index].start:
        return False
    if index == 1 or label.sentence_start or tokens[index - 2].text in ";:,.(":
        return True
    return len(label.text) == 1 or label.text.isdigit()  # "giảm trừ e) Người..."


# The longest run of brackets a face is drawn with (``=))))))``).
_LONGEST_FACE = 30


def _is_emoticon(text: str, at: int) -> bool:
    """``:)``, ``:-(``, ``=))``: a bracket drawn as a face."""
    start, farthest = at, max(0, at - _LONGEST_FACE)
    while start > farthest and text[start - 1] == text[at]:
        start -= 1  # the run of brackets in "=)))" (not looked at further: it is quadratic)
    if start > 0 and text[start - 1] == "-":
        start -= 1
    return start > 0 and text[start - 1] in ":;=^"


class QuoteScan(NamedTuple):
    """The quotation marks of one line, paired: the ones turned the wrong way (with the right
    mark), the closing marks with nothing to close, the opening marks never closed, and the
    opening marks met inside a quotation with spaces on both sides, which may open a quotation
    inside it or close it turned round (``“ giải cứu giáo viên “ thực``): which, none can tell."""

    turned: list[tuple[Token, str]]
    unopened: list[Token]
    unclosed: list[Token]
    unclear: list[Token]
    marks: list[Token]  # every quotation mark of the line, in order
    quoted: list[tuple[int, int]]  # the text between each pair of marks: (start, end)


def _scan_quotes(doc: Document, line: list[int]) -> QuoteScan:
    """Pair the quotation marks of ``line`` (token indexes): leniently, since a straight ``"``
    may open or close a curly one; a curly mark turned the wrong way where it plainly opens or
    closes counts as the mark it should be."""
    tokens, text = doc.tokens, doc.text
    scan = QuoteScan([], [], [], [], [], [])
    open_quotes: list[Token] = []
    for index, token in _quotation_marks(tokens, line):
        scan.marks.append(token)
        before = tokens[index - 1] if index else None
        inches = before and before.kind in ("number", "percent") and before.end == token.start
        straight = token.text in _STRAIGHT
        if straight and inches and not open_quotes:
            continue  # 5" is five inches (but 12 "nhánh" opens a quotation)
        if token.text == "“" and open_quotes and _closes_here(text, token):
            scan.quoted.append((open_quotes.pop().end, token.start))
            scan.turned.append((token, "”"))
        elif token.text == "”" and not open_quotes and _opens_here(text, token):
            open_quotes.append(token)
            scan.turned.append((token, "“"))
        elif token.text == "“" or (straight and not open_quotes):
            if token.text == "“" and open_quotes and _around(text, token) == (" ", " "):
                scan.unclear.append(token)
            open_quotes.append(token)
        elif open_quotes:
            scan.quoted.append((open_quotes.pop().end, token.start))
        else:
            scan.unopened.append(token)
    turned = {token.start for token, _ in scan.turned}
    scan.unclosed.extend(token for token in open_quotes if token.start not in turned)
    return scan


# A straight double quotation mark, or two apostrophes typed for one (''tâm bão'').
_STRAIGHT = ('"', "''")


def _quotation_marks(tokens: list[Token], line: list[int]) -> Iterator[tuple[int, Token]]:
    """The quotation marks among the punctuation tokens ``line``: curly and straight double
    marks, and two apostrophes side by side as one straight mark."""
    skip = -1
    for at, index in enumerate(line):
        token = tokens[index]
        if index == skip or token.kind != "punct":
            continue
        if token.text in '“”"':
            yield index, token
        elif token.text == "'" and at + 1 < len(line) and line[at + 1] == index + 1:
            second = tokens[index + 1]
            if second.text == "'" and second.start == token.end:
                skip = index + 1
                yield index, token._replace(text="''", end=second.end)


class QuoteMarks(NamedTuple):
    """Where a document's quotation marks turned the wrong way start (with the right mark), and
    where the ones that may open or close start (see :class:`QuoteScan`)."""

    turned: dict[int, str]
    unclear: frozenset[int]


def _punct_lines(doc: Document) -> list[list[int]]:
    """The indexes of the document's punctuation tokens, line by line (computed once)."""
    found = doc.notes.get("punct_lines")
    if found is None:
        found = doc.notes["punct_lines"] = list(_lines(doc, doc.indexes("punct")))
    return found


def _quote_scans(doc: Document) -> list[QuoteScan]:
    """The :class:`QuoteScan` of every line of :func:`_punct_lines` (computed once)."""
    found = doc.notes.get("quote_scans")
    if found is None:
        found = doc.notes["quote_scans"] = [_scan_quotes(doc, line) for line in _punct_lines(doc)]
    return found


def quote_marks(doc: Document) -> QuoteMarks:
    """The document's :class:`QuoteMarks` (computed once)."""
    found = doc.notes.get("quote_marks")
    if found is None:
        scans = _quote_scans(doc)
        found = doc.notes["quote_marks"] = QuoteMarks(
            {token.start: right for scan in scans for token, right in scan.turned},
            frozenset(token.start for scan in scans for token in scan.unclear),
        )
    return found


def quoted_words(doc: Document) -> frozenset[int]:
    """The indexes of the word tokens between paired quotation marks (on one line, or at the
    two ends of a quotation that runs over a few paragraphs)."""
    scans = _quote_scans(doc)
    spans = [span for scan in scans for span in scan.quoted]
    spans += [(opening.end, closing.start) for opening, closing in _quoted_across(doc)]
    merged: list[list[int]] = []  # pairs nest, so the outer spans hold all: merge them
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    if not merged:
        return frozenset()
    starts, inside = [start for start, _ in merged], set()
    for index in doc.indexes("word"):
        token = doc.tokens[index]
        at = bisect_right(starts, token.start) - 1
        if at >= 0 and token.end <= merged[at][1]:
            inside.add(index)
    return frozenset(inside)


def _around(text: str, token: Token) -> tuple[str, str]:
    """The characters just before and just after ``token`` (a space past either end)."""
    before = text[token.start - 1] if token.start else " "
    after = text[token.end] if token.end < len(text) else " "
    return before, after


def _closes_here(text: str, token: Token) -> bool:
    """Does the mark at ``token`` sit where a closing mark does: right after a word, before a
    space, a punctuation mark or the end (``nhí“ trên``); or after a space, before a mark
    that ends a clause or before the end of the line (``trên Trái Đất này “!``)?"""
    before, after = _around(text, token)
    if before.isspace():
        return after in "!?,;:\n" or token.end == len(text)
    return after.isspace() or after in _AFTER_CLOSING


def _opens_here(text: str, token: Token) -> bool:
    """Does the mark at ``token`` sit where an opening mark does: after a space or the start,
    right before a letter or digit (``là ”Kẻ``)?"""
    before, after = _around(text, token)
    return (before.isspace() or before in "([") and after.isalnum()


_AFTER_CLOSING = ".,;:!?)]…"


def _lines(doc: Document, indexes: list[int]) -> Iterator[list[int]]:
    """``indexes`` (of tokens, ascending) cut by the line each token starts on."""
    text, line, line_end = doc.text, [], -1
    for index in indexes:
        token = doc.tokens[index]
        if token.start > line_end:
            if line:
                yield line
            line = []
            found = text.find("\n", token.start)
            line_end = len(text) if found < 0 else found
        line.append(index)
    if line:
        yield line


# A quotation may run over this many paragraphs without marks between its two ends.
QUOTED_PARAGRAPHS = 3
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*(?:\n[^\S\n]*)*")


def _quoted_across(doc: Document) -> list[tuple[Token, Token]]:
    """The two marks of each quotation that runs over several paragraphs: an opening mark
    left open as its paragraph ends, closed by the first mark of a later paragraph, with no
    quotation mark between (``“Gãy … cong vẹo…`` / ``Ngoài ra, … vợ chồng”, BS Liên``;
    computed once)."""
    found = doc.notes.get("quoted_across")
    if found is None:
        found = doc.notes["quoted_across"] = _pair_across(doc.text, _quote_scans(doc))
    return found


def _pair_across(text: str, scans: list[QuoteScan]) -> list[tuple[Token, Token]]:
    """:func:`_quoted_across` over the :class:`QuoteScan` of each line."""
    paired: list[tuple[Token, Token]] = []
    left_open: Token | None = None  # the open mark that ended the last line with marks
    for scan in scans:
        marks = scan.marks
        if not marks:
            continue
        first = marks[0]
        if (
            left_open is not None
            and scan.unopened[:1] == [first]
            and len(_PARAGRAPH_BREAK.findall(text, left_open.end, first.start)) <= QUOTED_PARAGRAPHS
        ):
            paired.append((left_open, first))
        left_open = marks[-1] if scan.unclosed[-1:] == [marks[-1]] else None
    return paired


@register
class Unbalanced(Rule):
    """A bracket or quotation mark without its partner on the same line: ``(ảnh`` …

    Brackets must pair exactly; quotation marks are paired leniently (a straight ``"`` may
    open or close a curly one, and two apostrophes ``''`` count as a straight one), since mixed
    quote styles are common and harmless. A quotation may run over a few paragraphs, opened in
    the first and closed in the last. A curly mark turned the wrong way where it plainly opens
    or closes (``“Tuấn Anh nhí“ trên``, ``là ”Kẻ giết người”``) is one slip, reported once
    with the right mark, not two unpaired ones.
    """

    id = "VI_UNBALANCED"
    category = "typography"
    severity = "warning"
    description = "Dấu ngoặc hoặc ngoặc kép không có dấu đóng/mở tương ứng."
    description_en = "A bracket or quotation mark without its partner."
    fires = (
        ("Giá vàng (SJC tăng mạnh.", None),
        (
            "Lò đào tạo săn “Tuấn Anh nhí“ trên toàn quốc.",
            "Lò đào tạo săn “Tuấn Anh nhí” trên toàn quốc.",
        ),
        ("Anh nói “tôi đi rồi về.", None),
        ('Anh nói "tôi đi rồi về.', None),
        ("Giá vàng SJC) tăng mạnh.", None),
    )
    silent = (
        'Giá vàng (SJC) tăng, anh nói “tôi đi” và "về" [1], “hố tử thần".',
        'Gồm: a) nhà; b) xe; 1) tiền. Vui quá :) màn hình 5" đẹp.',
        'Chia thành 12 "nhánh" và 7 "chân rết".',
    )

    def check(self, doc: Document) -> Iterator[Issue]:
        # Only punctuation can be a bracket or a quotation mark.
        for line in _punct_lines(doc):
            yield from self._brackets(doc, line)
        scans = _quote_scans(doc)
        across = {mark.start for pair in _quoted_across(doc) for mark in pair}
        for scan in scans:
            yield from self._quotes(doc, scan, across)

    def _brackets(self, doc: Document, line: list[int]) -> Iterator[Issue]:
        tokens, text = doc.tokens, doc.text
        stack: list[Token] = []
        for index in line:
            token = tokens[index]
            if token.kind != "punct" or _is_emoticon(text, token.start):
                continue
            if token.text in "([{":
                stack.append(token)
            elif token.text in ")]}":
                opener = CLOSERS[token.text]
                if stack and stack[-1].text == opener:
                    stack.pop()
                elif not _is_label(tokens, index) and all(t.text != opener for t in stack):
                    yield self._issue(doc, token, "mở", "opening")
        for token in stack:
            yield self._issue(doc, token, "đóng", "closing")

    def _quotes(self, doc: Document, scan: QuoteScan, across: set[int]) -> Iterator[Issue]:
        for token, right in scan.turned:
            yield self._turned(doc, token, right)
        for token in scan.unopened:
            if token.start not in across:
                yield self._issue(doc, token, "mở", "opening")
        for token in scan.unclosed:
            if token.start not in across:
                yield self._issue(doc, token, "đóng", "closing")

    def _turned(self, doc: Document, token: Token, right: str) -> Issue:
        # A closing mark turned round after a space (ai “!) takes the space with it: one slip,
        # one fix (ai”!), since a closing mark stands against the word it closes.
        text, start = doc.text, token.start
        while right == "”" and start > 0 and text[start - 1] in " \t":
            start -= 1
        if start == 0 or text[start - 1] == "\n":
            start = token.start  # spaces that open a line are its indent
        side, side_en = ("đóng", "closing") if right == "”" else ("mở", "opening")
        spaced, spaced_en = (
            (" (bỏ khoảng trắng trước nó)", ", without the space")
            if start < token.start
            else ("", "")
        )
        return doc.issue(
            self,
            start,
            token.end,
            f"Dấu ngoặc kép {token.text} bị ngược: dấu {side} ngoặc kép là {right}{spaced}.",
            f"The quotation mark {token.text} is turned the wrong way: the {side_en} mark is"
            f" {right}{spaced_en}.",
            [right],
            0.8,
        )

    def _issue(self, doc: Document, token: Token, side: str, side_en: str) -> Issue:
        return doc.issue(
            self,
            token.start,
            token.end,
            f"“{token.text}” thiếu dấu {side} tương ứng.",
            f"“{token.text}” has no {side_en} partner.",
            [],
            0.6,
        )


@register
class LowercaseSentenceStart(Rule):
    """A sentence that starts with a lower-case letter after ``. ! ?``: ``xong. sau đó`` …"""

    id = "VI_LOWERCASE_SENTENCE_START"
    category = "typography"
    severity = "warning"
    description = "Câu mới bắt đầu bằng chữ thường."
    description_en = "A sentence starts with a lower-case letter."
    fires = (
        (
            "Trận đấu kết thúc. sau đó hai đội chia tay.",
            "Trận đấu kết thúc. Sau đó hai đội chia tay.",
        ),
    )
    silent = (
        "Trận đấu kết thúc. Sau đó hai đội chia tay.",
        "Hàng hoá, máy móc v.v. đều tăng giá; TP. Hồ Chí Minh và Q. 1 cũng vậy.",
        "Anh hỏi: “Sao vậy?” rồi cười. Chờ đã... rồi đi. Mua iPhone. iPad thì chưa.",
        "Khổ hạnh (sa. tapas) và bất hại (x. chương 2) là hai giới luật.",
    )

    def check(self, doc: Document) -> Iterator[Issue]:
        tokens = doc.tokens
        # Only a word after a full stop, ! or ? can open a sentence in lower case.
        stops = [i for i in doc.indexes("punct") if tokens[i].text in ".!?"]
        for index in [i + 1 for i in stops if i + 1 < len(tokens)]:
            token = tokens[index]
            if token.kind != "word" or not token.text[:1].islower() or index < 2:
                continue
            if any(ch.isupper() for ch in token.text):
                continue  # iPhone, eBay
            mark, before = tokens[index - 1], tokens[index - 2]
            if mark.kind != "punct" or mark.text not in ".!?":
                continue
            if not doc.one_space(mark, token):
                continue
            if before.end != mark.start or before.kind != "word" or len(before.text) < 2:
                continue
            if before.text.lower() in ABBREVIATIONS or before.text.isupper():
                continue
            if before.is_capitalized and len(before.text) <= 3:
                continue  # "ông Ch. ra viện": an initial
            opener = tokens[index - 3] if index >= 3 else None
            if opener is not None and opener.text in "([" and opener.end == before.start:
                continue  # "(sa. tapas)", "(x. trang 4)": a one-word sentence is an abbreviation
            following = tokens[index + 1] if index + 1 < len(tokens) else None
            if following is not None and following.text == "." and len(token.text) <= 3:
                continue  # "tr. 158", "cg. đồng": an abbreviation of its own
            fix = token.text[0].upper() + token.text[1:]
            yield doc.issue(
                self,
                token.start,
                token.end,
                f"Đầu câu cần viết hoa: “{fix}”.",
                f"A sentence starts with a capital: “{fix}”.",
                [fix],
                0.75,
            )


@register
class Ellipsis(Rule):
    """Three dots where the ellipsis character is wanted: ``...`` → ``…`` (off by default)."""

    id = "VI_ELLIPSIS"
    category = "typography"
    severity = "style"
    default_on = False
    description = "Dùng ba dấu chấm “...” thay cho dấu chấm lửng “…”."
    description_en = "Three full stops “...” instead of the ellipsis character “…”."
    fires = (("Chờ đã... rồi đi.", "Chờ đã… rồi đi."),)
    silent = ("Chờ đã… rồi đi.", "Xem https://a.vn/x...y nhé.")

    def check(self, doc: Document) -> Iterator[Issue]:
        for index in doc.indexes("ellipsis"):
            token = doc.tokens[index]
            if token.text == "...":
                yield doc.issue(
                    self,
                    token.start,
                    token.end,
                    "Nên dùng dấu chấm lửng “…”.",
                    "Prefer the ellipsis character “…”.",
                    ["…"],
                    0.9,
                )
