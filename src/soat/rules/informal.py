"""Informal writing: chat abbreviations (teencode) and colloquial words in edited text.

``ko``, ``dc``, ``k``, ``j``, ``hông``, ``thiệt`` belong to comments and chat, not to published
text. In the default ``edited`` mode :class:`Informal` reports each as style, with the formal
word as the fix (``ko`` → ``không``); in ``informal`` mode they are accepted, and reported (so
that ``fix`` expands them) only when ``options.expand_informal`` is set. Short or ambiguous
forms count only in a context that makes them teencode: ``k`` and ``j`` only beside the words
chat pairs them with (``k biết``, ``làm j``), ``hông`` (also "hip") and ``khum`` (also
"curved") only beside ``có``, ``biết``, ``được``..., ``thiệt`` (also "loss", as in ``thiệt
hại``) only as an adverb, ``thui`` (also a word: ``đen thui``, ``thui chột``) only at the end
of a clause or before a particle.
Start at :func:`expansion`.
"""

from __future__ import annotations

from collections.abc import Iterator

from soat.document import Document
from soat.issue import Issue
from soat.rules import register
from soat.rules.base import Rule
from soat.syllable.grammar import WELL_FORMED
from soat.text.tokenize import Token

# Teencode that means one thing whenever it stands beside a Vietnamese word.
TEENCODE = {
    "ko": "không",
    "hok": "không",
    "kh": "không",
    "dc": "được",
    "đc": "được",
    "mk": "mình",
    "mik": "mình",
    "cx": "cũng",
    "cg": "cũng",
    "trc": "trước",
    "nhìu": "nhiều",
    "wá": "quá",
    "iu": "yêu",
    "thik": "thích",
    "ntn": "như thế nào",
    "lun": "luôn",
    "zậy": "vậy",
    "zui": "vui",
    "ck": "chồng",
    "vk": "vợ",
}
# Single letters: teencode only beside the words chat pairs them with ("k biết", "làm j").
K_NEXT = frozenset("biết có được phải sao thể cần muốn thích hiểu ai đi ăn nói thấy chịu".split())
K_BEFORE = frozenset("có được phải biết hay đi".split())
J_BEFORE = frozenset("làm cái có là nói chuyện vì thấy biết muốn ăn được sao".split())
# "hông" is also the hip (đau hông, bên hông), and "khum" a word (khum khum, khum lưng):
# colloquial "không" only beside these words.
HONG_NEXT = frozenset("biết có được phải thấy muốn cần hiểu chịu thích ai sao nói ăn đi".split())
HONG_BEFORE = frozenset("có được phải đúng biết thích muốn đi vậy rồi".split())
HONG_BODY = frozenset("bên đau xương vùng eo sườn mông hai ngang thắt".split())
# "thiệt" is also "loss" (thiệt hại, thiệt thòi): colloquial "thật" only before these, or last.
THIET_NEXT = frozenset("luôn là sự hả nha nè không vậy hông đó".split())
THIET_LOSS = frozenset("chịu bị thua lỗ hơn".split())
# "thui" is also a word (đen thui, thui chột, thui rơm): chat "thôi" only last in its clause
# or before these, and never after "đen".
THUI_NEXT = frozenset("nha nhé mà đi nào luôn hen".split())
# Every word :func:`expansion` may expand; the rule looks at these tokens only.
TRIGGERS = frozenset(TEENCODE) | {"k", "j", "hông", "thiệt", "thui", "khum"}


def _vietnamese(token: Token | None) -> bool:
    """A Vietnamese word, or chat shorthand for one (``ko`` in ``ko dc``)."""
    if token is None or token.kind != "word":
        return False
    lower = token.text.lower()
    return lower in WELL_FORMED or lower in TEENCODE


def _last_in_clause(token: Token | None) -> bool:
    return token is None or token.kind in ("punct", "ellipsis", "emoji")


def expansion(tokens: list[Token], index: int) -> str | None:
    """The formal word for ``tokens[index]`` when it is slang or teencode here, else None."""
    word = tokens[index].text
    if not word.islower():
        return None
    before = tokens[index - 1] if index else None
    after = tokens[index + 1] if index + 1 < len(tokens) else None
    if word in TEENCODE:
        return TEENCODE[word] if _vietnamese(before) or _vietnamese(after) else None
    previous = before.text.lower() if before is not None and before.kind == "word" else ""
    following = after.text.lower() if after is not None and after.kind == "word" else ""
    if word == "k":
        if following in K_NEXT or (previous in K_BEFORE and _last_in_clause(after)):
            return "không"
    if word == "j" and previous in J_BEFORE and (_vietnamese(after) or _last_in_clause(after)):
        return "gì"
    if word in ("hông", "khum"):
        if before is not None and before.text.lower() in HONG_BODY:
            return None
        if following in HONG_NEXT or (previous in HONG_BEFORE and _last_in_clause(after)):
            return "không"
    if word == "thui" and _vietnamese(before) and previous != "đen":
        if _last_in_clause(after) or following in THUI_NEXT:
            return "thôi"
    if word == "thiệt" and _vietnamese(before) and previous not in THIET_LOSS:
        if _last_in_clause(after) or following in THIET_NEXT:
            return "thật"
    return None


@register
class Informal(Rule):
    """Chat abbreviations and colloquial words: ``ko`` → ``không``, ``dc`` → ``được``."""

    id = "VI_INFORMAL"
    category = "informal"
    severity = "style"
    description = "Từ viết tắt kiểu chat hoặc khẩu ngữ trong văn bản biên tập (ko, dc, hông)."
    description_en = "Chat abbreviations or colloquial words in edited text (ko, dc, hông)."
    fires = (
        ("Tôi ko biết anh ấy có đi dc không.", "Tôi không biết anh ấy có đi được không."),
        ("Mình hông biết, đẹp thiệt luôn. Vui thiệt!", "Mình không biết, đẹp thật luôn. Vui thật!"),
        ("Em k biết làm j, ko dc.", "Em không biết làm gì, không được."),
        ("Em khum biết, vậy thui nha.", "Em không biết, vậy thôi nha."),
    )
    silent = (
        "Tôi không biết anh ấy có đi được không.",
        "Thiệt hại lớn, anh bị đau hông; bên hông có vết xước; giá 10 k; vitamin k.",
        "Nông dân chịu thiệt. Thuế “thiệt” nhiều hơn; so đo thiệt hơn.",
        "Ông Ko Un và đài KBS; AC/DC biểu diễn; điểm j của hàm.",
        "Da đen thui, làm thui chột ý chí; mái nhà khum khum hình mai rùa.",
    )

    def check(self, doc: Document) -> Iterator[Issue]:
        if doc.options.mode == "informal" and not doc.options.expand_informal:
            return
        tokens = doc.tokens
        for index in doc.spelt(TRIGGERS):
            token = tokens[index]
            if token.kind != "word":
                continue
            formal = expansion(tokens, index)
            if formal is None:
                continue
            yield doc.issue(
                self,
                token.start,
                token.end,
                f"“{token.text}” là cách viết khẩu ngữ/viết tắt: viết “{formal}”.",
                f"“{token.text}” is informal or chat shorthand: write “{formal}”.",
                [formal],
                0.8,
            )
