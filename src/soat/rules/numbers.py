"""Number style: the decimal separator and thousands grouping, consistent within a document.

Vietnamese writes ``3,5`` and ``12.000``; the international style writes ``3.5`` and ``12,000``.
A lone ``3.5`` is ambiguous (a version, a date ``6.2``, a section number), so the rule needs
evidence: it flags international-style numbers only when the same document also uses an
unmistakably Vietnamese one (``12.000``, ``1.000.000``, ``20,4``), and the reverse when
``options.number_style == "intl"``. Dates, times, versions (``iOS 10.3.1``, ``4.0``), scores and
IP addresses are left alone, and a document that mostly uses the other style is left to it.
Start at :func:`shape`, which names the style of one number.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from soat.document import Document
from soat.issue import Issue
from soat.rules import register
from soat.rules.base import Rule
from soat.syllable.grammar import WELL_FORMED
from soat.text.tokenize import Token

_NUMBER = regex.compile(r"\d+(?:[.,]\d+)*")
# Shapes that show the Vietnamese style for sure, and those of the international style.
VI_SHAPES = frozenset({"dot_groups", "dot_group", "comma_decimal", "vi_mixed"})
INTL_SHAPES = frozenset({"comma_groups", "comma_group", "dot_decimal", "intl_mixed"})
# Shapes worth a flag: one reading only, given the document's style.
FLAGGED = {
    "vi": frozenset({"dot_decimal", "comma_groups", "intl_mixed"}),
    "intl": frozenset({"comma_decimal", "dot_groups", "vi_mixed"}),
}
# Words before a number that make ``6.2`` a date, a time, a section or a version.
NOT_A_QUANTITY = frozenset(
    "ngày sáng chiều tối đêm trưa hôm tháng năm từ đến tới lúc điều mục khoản phần chương bước "
    "hình bảng biểu phụ lục bản phiên version v số hiệu mẫu đời thế hệ gen vàng".split()
)
NOT_A_QUANTITY_AFTER = frozenset("giờ h phút".split())
NAMED_NUMBERS = frozenset({"999.9", "99.99"})  # gold purity grades, written so by convention
# After these, a day.month-shaped number (``1.5``) is a quantity, not a date.
MEASURES = frozenset(
    "lần triệu tỷ tỉ nghìn ngàn điểm km m cm mm kg g tấn lít ha giây usd đồng euro "
    "inch độ mét".split()
)


def shape(number: str) -> str:
    """The style of ``number``: ``dot_groups`` (``1.000.000``), ``dot_group`` (``12.000``),
    ``comma_decimal`` (``3,5``), ``dot_decimal`` (``3.5``), ``comma_group(s)``, the mixed
    ``vi_mixed`` (``1.234,5``) / ``intl_mixed`` (``1,234.5``), ``plain`` or ``other``."""
    groups = number.replace(",", ".").split(".")
    seps = [ch for ch in number if ch in ".,"]
    if not seps:
        return "plain"
    lead_ok = 1 <= len(groups[0]) <= 3 and not (groups[0].startswith("0"))
    grouped = lead_ok and all(len(g) == 3 for g in groups[1:])
    if len(set(seps)) == 1:
        sep = seps[0]
        if grouped:
            kind = "dot_group" if sep == "." else "comma_group"
            return kind + ("s" if len(seps) > 1 else "")
        if len(seps) == 1:
            return "dot_decimal" if sep == "." else "comma_decimal"
        return "other"  # 10.3.1, 192.168.1.1, 06.02.2017
    if seps[-1] != seps[0] and len(set(seps[:-1])) == 1 and lead_ok:
        if all(len(g) == 3 for g in groups[1:-1]):
            return "vi_mixed" if seps[-1] == "," else "intl_mixed"
    return "other"


def swap_separators(number: str) -> str:
    """``3.5`` → ``3,5``, ``1,234.5`` → ``1.234,5``."""
    return number.translate(str.maketrans(".,", ",."))


def _numbers(doc: Document) -> list[tuple[int, Token, str]]:
    """``(index, token, shape)`` of every number and percentage."""
    found = []
    for index in sorted(doc.indexes("number") + doc.indexes("percent")):
        token = doc.tokens[index]
        found.append((index, token, shape(_NUMBER.match(token.text).group())))
    return found


def _looks_like_label(doc: Document, index: int, token: Token) -> bool:
    """A date ``6.2``, a time ``19.30``, a version ``Android 7.1``, a section ``Điều 2.1``."""
    tokens, text = doc.tokens, doc.text
    digits = _NUMBER.match(token.text).group()
    if token.kind == "number" and (digits.endswith(".0") or digits in NAMED_NUMBERS):
        return True  # 4.0, 2.0: versions far more often than quantities; gold 999.9
    if token.start and text[token.start - 1] in "/-.:v":
        return True  # f/1.8, v2.1
    previous = tokens[index - 1] if index else None
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    if previous is not None and previous.kind == "word":
        lower = previous.text.lower()
        if lower in NOT_A_QUANTITY:
            return True  # a date, a time, a section, a version
        if lower not in WELL_FORMED and previous.text != lower:
            return True  # a product name: iOS 10.3, Android 7.1, Euro 2.0
    if following is not None and following.kind == "word" and token.kind == "number":
        if following.text.lower() in NOT_A_QUANTITY_AFTER:
            return True
        if following.start == token.end:
            return True  # 2.5D, 1.5x
    if token.kind == "number" and _date_shaped(digits):
        # 23.6 may be the 23rd of June: only a unit after it makes it a quantity.
        return following is None or following.text.lower() not in MEASURES
    return False


def _date_shaped(digits: str) -> bool:
    """``23.6`` (day.month) or ``7.2012`` (month.year)."""
    first, _, second = digits.partition(".")
    if not (first.isdigit() and second.isdigit()) or len(first) > 2:
        return False
    if len(second) == 4 and second[:2] in ("19", "20"):
        return 1 <= int(first) <= 12
    return len(second) <= 2 and 1 <= int(first) <= 31 and 1 <= int(second) <= 12


@register
class NumberFormat(Rule):
    """``3.5%`` in a document that writes ``12.000``: the Vietnamese style is ``3,5%``."""

    id = "VI_NUMBER_FORMAT"
    category = "style"
    severity = "style"
    description = "Dấu thập phân hoặc dấu phân cách hàng nghìn không nhất quán với văn bản."
    description_en = "A decimal or thousands separator inconsistent with the rest of the document."
    fires = (
        (
            "Lãi suất tăng 3.5% trên khoản vay 12.000 tỷ đồng.",
            "Lãi suất tăng 3,5% trên khoản vay 12.000 tỷ đồng.",
        ),
        (
            "Dân số 1.250.000 người, tăng 1.5 lần, thu 2,5 tỷ.",
            "Dân số 1.250.000 người, tăng 1,5 lần, thu 2,5 tỷ.",
        ),
    )
    silent = (
        "Lãi suất tăng 3,5% trên khoản vay 12.000 tỷ đồng.",
        "Lãi suất tăng 3.5% trong năm.",
        "Bản iOS 10.3.1 ra ngày 6.2, giá 12.000 đồng, tỷ số 3-0, máy chủ 192.168.1.1.",
        "Cách mạng công nghiệp 4.0 với 12.000 doanh nghiệp, lúc 19.30 tối, Android 7.1.",
    )

    def check(self, doc: Document) -> Iterator[Issue]:
        style = "intl" if doc.options.number_style == "intl" else "vi"
        evidence = VI_SHAPES if style == "vi" else INTL_SHAPES
        numbers = _numbers(doc)
        wanted = sum(1 for _, _, found in numbers if found in evidence)
        suspects = [
            token
            for index, token, found in numbers
            if found in FLAGGED[style] and not _looks_like_label(doc, index, token)
        ]
        if wanted < max(1, len(suspects)):
            return  # no evidence, or the document mostly writes the other style
        for token in suspects:
            yield self._issue(doc, token, style)

    def _issue(self, doc: Document, token: Token, style: str) -> Issue:
        digits = _NUMBER.match(token.text).group()
        fix = swap_separators(digits)
        if style == "vi":
            message = f"Văn bản dùng kiểu số Việt Nam (“12.000”, “3,5”): viết “{fix}”."
            message_en = f"The document uses the Vietnamese style (12.000, 3,5): write “{fix}”."
        else:
            message = f"Văn bản dùng kiểu số quốc tế (“12,000”, “3.5”): viết “{fix}”."
            message_en = f"The document uses the international style (12,000, 3.5): write “{fix}”."
        end = token.start + len(digits)
        return doc.issue(self, token.start, end, message, message_en, [fix], 0.7)
