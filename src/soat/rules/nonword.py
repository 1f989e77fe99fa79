"""Token rules for syllables that are not Vietnamese: non-words, misplaced tone marks and Telex
or VNI typing residue.

Each word token is looked up once: a known syllable passes; a syllable whose letters are right
but whose tone mark sits on the wrong vowel is :class:`MisplacedTone`; keys left by an input
method are :class:`TypingResidue`; anything else that should be Vietnamese is :class:`NonWord`,
with fixes from :mod:`soat.syllable.candidates`, and so is a rare spelling of a loanword with
other marks than its usual one (``kílômét`` for ``kilômét``). Words run together are
:class:`MissingSpace`: two syllables (``lậptức``) or a syllable and a name (``gọiQueensland``,
``Floridađã``). Names (capitalized words inside a sentence), acronyms, codes and loanwords are
left alone; misspelt foreign words are the foreign rule's job.
When the language model is loaded, the context rule re-ranks these fixes in context, and a rare
word let pass as foreign or bare (``bênh vbà bảo vệ``, ``trong lich sử``, ``lấy yws tưởng``) is
still a non-word when the model shows a common syllable fits there far better; so is a
capitalized word that is no syllable beside a capitalized one when, with its marks, the pair is
a frequent name the model knows and as written one it never saw (``Hy Lap`` for ``Hy Lạp``;
``Context.rescued``).
"""

from __future__ import annotations

from collections.abc import Iterator

from soat.document import Document
from soat.issue import Issue
from soat.rules import register
from soat.rules.analysis import (
    classified,
    context,
    fixes_for,
    language_model,
    split_words,
)
from soat.rules.base import Rule
from soat.syllable.grammar import canonical, match_case
from soat.text.tokenize import Token


class _TokenRule(Rule):
    """A rule for the kinds of word token :func:`classified` flags (``kinds``)."""

    kinds: tuple[str, ...] = ()

    def check(self, doc: Document) -> Iterator[Issue]:
        for index, kind in classified(doc).items():
            if kind not in self.kinds:
                continue
            issue = self.make(doc, doc.tokens[index], index)
            if issue is not None:
                yield issue

    def make(self, doc: Document, token: Token, index: int) -> Issue | None:
        raise NotImplementedError


def _fixes(doc: Document, token: Token, index: int, kind: str | None = None) -> list[str]:
    """The token's fixes, ranked in context, in its case; only those of ``kind`` if any is."""
    candidates = fixes_for(doc, index)
    if kind is not None:
        candidates = tuple(c for c in candidates if c.kind == kind) or candidates
    return [match_case(c.word, token.text) for c in candidates]


@register
class NonWord(_TokenRule):
    """A syllable that is not Vietnamese: ``thich hợp`` → ``thích hợp``; also a rare spelling
    of a loanword with other tone or vowel marks than its usual one (``kílômét`` →
    ``kilômét``, :func:`~soat.rules.analysis.loanword_spelling`). Two unknown syllables side by
    side that share their onset or their rhyme are a reduplicative word of their own
    (``rổn rảng``, ``lạu bạu``)."""

    id = "VI_NON_WORD"
    category = "typos"
    severity = "error"
    description = "Âm tiết không có trong tiếng Việt (sai chính tả)."
    description_en = "A syllable that does not exist in Vietnamese (misspelling)."
    fires = (
        ("Món này rất thich hợp với trẻ em.", "Món này rất thích hợp với trẻ em."),
        ("Nhiều nguời đã đến.", "Nhiều người đã đến."),
        ("Đoàn quân đi thêm 200 kílômét nữa.", "Đoàn quân đi thêm 200 kilômét nữa."),
    )
    silent = (
        "Món này rất thích hợp với trẻ em.",
        "Đoàn quân đi thêm 200 kilômét nữa, qua Mátxcơva, gặp Têrêsa và Phêrô.",
        "Ông Donald Trump gặp Messi tại New York.",
        "Xem video trên YouTube, chat qua Facebook và tải app iPhone.",
        "Đội U23 thắng 3-0 lúc 19h30 ngày 6/2/2017, xem https://vnexpress.net/abc.",
        "Hai nhà lãnh đạo Ai Cập và Cô-oét nhất trí hợp tác.",
        "Tiếng nói rổn rảng, gã lạu bạu vì đói.",
    )
    kinds = ("nonword", "loanword")

    def check(self, doc: Document) -> Iterator[Issue]:
        yield from super().check(doc)
        for index in sorted(context(doc).rescued):  # rare words the model shows to be slips
            yield self.make(doc, doc.tokens[index], index)

    def make(self, doc: Document, token: Token, index: int) -> Issue:
        replacements = _fixes(doc, token, index)
        if replacements and classified(doc).get(index) == "loanword":
            best = replacements[0]
            message = f"“{token.text}” là cách viết hiếm gặp; thường viết “{best}”."
            message_en = f"“{token.text}” is a rare spelling; it is usually written “{best}”."
        elif replacements:
            best = replacements[0]
            message = f"“{token.text}” không phải âm tiết tiếng Việt; có lẽ là “{best}”."
            message_en = f"“{token.text}” is not a Vietnamese syllable; perhaps “{best}”."
        else:
            message = f"“{token.text}” không phải âm tiết tiếng Việt."
            message_en = f"“{token.text}” is not a Vietnamese syllable."
        return doc.issue(self, token.start, token.end, message, message_en, replacements, 0.9)


@register
class MisplacedTone(_TokenRule):
    """The tone mark sits on the wrong vowel: ``taị`` → ``tại``, ``vựơt`` → ``vượt``."""

    id = "VI_TONE_PLACEMENT"
    category = "typos"
    severity = "error"
    description = "Dấu thanh đặt sai vị trí trên nguyên âm."
    description_en = "The tone mark is placed on the wrong vowel."
    fires = (
        ("Trận đánh taị Tapae.", "Trận đánh tại Tapae."),
        ("Đội bóng vựơt qua vòng loại.", "Đội bóng vượt qua vòng loại."),
    )
    silent = ("Trận đánh tại Tapae.", "Nước sông hoà vào biển, thuỷ triều lên.")
    kinds = ("placement",)

    def make(self, doc: Document, token: Token, index: int) -> Issue:
        fix = match_case(canonical(token.text.lower()), token.text)
        message = f"Dấu thanh đặt sai chỗ: viết “{fix}”."
        message_en = f"Tone mark on the wrong vowel: write “{fix}”."
        return doc.issue(self, token.start, token.end, message, message_en, [fix], 0.97)


@register
class TypingResidue(_TokenRule):
    """Keys of the Telex or VNI input method left in the text: ``vieejt`` → ``việt``, also with
    one key out of place (``ngfay`` → ``ngày``, ``motọ`` → ``một``, ``na9m`` → ``năm``)."""

    id = "VI_TYPING_RESIDUE"
    category = "typos"
    severity = "error"
    description = "Gõ sót phím Telex/VNI (bộ gõ chưa bật)."
    description_en = "Telex/VNI input-method keys left in the text."
    fires = (
        ("Chúng tôi yêu vieejt nam.", "Chúng tôi yêu việt nam."),
        ("Tôi là nguwowif Hà Nội.", "Tôi là người Hà Nội."),
        ("Sản phẩm của vie65t nam.", "Sản phẩm của việt nam."),
        (
            "Trời mưa. Ngfay 21 tháng 5 quân ta tấn công.",
            "Trời mưa. Ngày 21 tháng 5 quân ta tấn công.",
        ),
        ("Ông là motọ quan chức cấp cao.", "Ông là một quan chức cấp cao."),
        ("Từ na9m 1926 tới 1928.", "Từ năm 1926 tới 1928."),
    )
    silent = (
        "Tôi yêu Việt Nam, xem phim trên Netflix và mix đồ cho buổi chiều.",
        "Virus h5n1, tệp mp3, máy bay a380, đội u23, mạng 4g, dịch covid19 và máy bay b52.",
    )
    kinds = ("typing",)

    def make(self, doc: Document, token: Token, index: int) -> Issue:
        replacements = _fixes(doc, token, index, kind="typing")
        fix = replacements[0]
        message = f"“{token.text}” là phím gõ Telex/VNI còn sót: viết “{fix}”."
        message_en = f"“{token.text}” is Telex/VNI residue: write “{fix}”."
        return doc.issue(self, token.start, token.end, message, message_en, replacements, 0.95)


@register
class MissingSpace(_TokenRule):
    """Two syllables run together: ``lậptức`` → ``lập tức``, ``trướcCộng`` → ``trước Cộng``;
    or a syllable and a name: ``gọiQueensland`` → ``gọi Queensland``, ``Floridađã`` →
    ``Florida đã`` (see :func:`~soat.rules.analysis.split_words`)."""

    id = "VI_MISSING_SPACE"
    category = "typos"
    severity = "error"
    description = "Thiếu dấu cách giữa hai âm tiết."
    description_en = "A space is missing between two syllables."
    fires = (
        ("Anh ấy đến ngay lậptức.", "Anh ấy đến ngay lập tức."),
        ("Ông làm việc ở đó trướcCộng hòa.", "Ông làm việc ở đó trước Cộng hòa."),
        ("Hãng có tên gọiQueensland Aerial.", "Hãng có tên gọi Queensland Aerial."),
        ("Bang Floridađã thông qua luật.", "Bang Florida đã thông qua luật."),
        ("Theo sách của Vũ Thế Dinhvà Biên niên sử.", "Theo sách của Vũ Thế Dinh và Biên niên sử."),
    )
    silent = (
        "Anh ấy đến ngay lập tức.",
        "Phêrô và Giơnevơ, iPhone, YouTube, DiCaprio.",
        "Tải app trên eBay, mySAP, iOS, McDonald, PlayStation, TP.HCM, #gọiEm, toString.",
        "Gaspar de Portolà đến Jacó, rồi tới Chocó và Krông Pắc.",
    )

    kinds = ("split",)

    def make(self, doc: Document, token: Token, index: int) -> Issue | None:
        fix = split_words(token.text, language_model(doc))
        if fix is None:
            return None
        message = f"Thiếu dấu cách: viết “{fix}”."
        message_en = f"Missing space: write “{fix}”."
        return doc.issue(self, token.start, token.end, message, message_en, [fix], 0.9)
