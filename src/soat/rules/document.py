"""Document rules: what only shows when the whole text is read — names and repeated words.

A *name run* is a stretch of capitalized words (``Son Heung-min``, ``Lionel Messi``); the first
word of a sentence joins it only when it is not an ordinary word, and titles (``anh``, ``ông``)
never do. :func:`name_runs` finds them once per document. :class:`NameVariant` compares the
runs: a form written once or twice beside a near-identical form written more often is a slip
(``Mesi`` beside ``Messi``). :class:`DuplicateCoordination` finds the same name on both sides of
``và``/``với``/``cùng``/``hay``/``,``. :class:`RepeatedWord` flags ``của của`` but not the
doubling Vietnamese uses on purpose, which :mod:`soat.lm.doubles` learnt from the corpora.
Start at :func:`name_runs`.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache
from itertools import compress
from operator import eq
from typing import NamedTuple

from soat.document import Document
from soat.issue import Issue
from soat.lm.doubles import doubles
from soat.lm.segments import model_word
from soat.rules import register
from soat.rules.base import Rule
from soat.rules.foreign import LATIN_ENDINGS, loanwords, osa_distance, skeleton
from soat.syllable.grammar import WELL_FORMED, canonical
from soat.syllable.lexicon import lexicon
from soat.text.tokenize import Token

# Words that open a name phrase without being part of the name (``Anh Heung Min``). Titles of
# two words (``Tổng thống``) need no entry: their lower-case second word ends the run.
TITLES = frozenset(
    "anh chị em ông bà cô chú bác cậu mợ dì thím cháu cụ thầy ngài bé chàng nàng hlv".split()
)
ORDINARY_COUNT = 500  # a sentence-initial syllable this frequent is an ordinary word
KNOWN_NAME = 20  # a spelling the corpora use this often is a name in its own right
CONNECTORS = frozenset({"và", "với", "cùng", "hay", ","})
# Words announcing two: "bộ đôi A và B", "cặp A và B", "giữa A và B", "cả A và B".
PAIR_CUES = frozenset({"đôi", "cặp", "giữa", "cả", "hai", "song"})


class NameRun(NamedTuple):
    """Consecutive capitalized words: the name as written and its comparison key."""

    words: tuple[Token, ...]
    start: int
    end: int
    text: str

    @property
    def key(self) -> str:
        """Lower case without spaces or hyphens: ``Son Heung-min`` → ``sonheungmin``."""
        return "".join(filter(str.isalnum, self.text.lower()))

    @property
    def vietnamese(self) -> bool:
        return all(word.text.lower() in WELL_FORMED for word in self.words)


@lru_cache(maxsize=1 << 16)  # most spellings come back in every document
def _is_name_spelling(text: str) -> bool:
    """A capitalized word's spelling; not an acronym (``HCM``) nor a code (``Km62``)."""
    if not text[:1].isupper() or (len(text) > 1 and text.isupper()):
        return False
    return text.isalpha() or not any(ch.isdigit() for ch in text)


def _name_words(doc: Document) -> list[int]:
    """Indexes of the capitalized words that can be part of a name, ascending."""
    # Each spelling is judged once, then the word tokens spelt so are taken.
    names = set(filter(_is_name_spelling, doc.vocabulary))
    return [i for i in doc.spelt(names) if doc.tokens[i].kind == "word"]


def _ordinary_start(token: Token, capitalized_inside: set[str]) -> bool:
    """A sentence-initial word that is an ordinary word (``Hôm``, ``Theo``), not a name."""
    lower = token.text.lower()
    if lower in TITLES:
        return True
    if token.text in capitalized_inside:
        return False
    return lower in WELL_FORMED and lexicon().count(lower) >= ORDINARY_COUNT


def name_runs(doc: Document) -> list[NameRun]:
    """Every name run of the document, in order (computed once, kept in ``doc.notes``)."""
    if "name_runs" in doc.notes:
        return doc.notes["name_runs"]
    text, tokens = doc.text, doc.tokens
    starts = _name_words(doc)
    is_name = set(starts)
    capitalized_inside = {tokens[i].text for i in starts if not tokens[i].sentence_start}
    runs: list[NameRun] = []
    j = 0  # the first token not yet part of a run
    for i in starts:
        if i < j:
            continue
        words = [tokens[i]]
        j = i + 1
        while j < len(tokens):
            if j in is_name and doc.one_space(tokens[j - 1], tokens[j]):
                words.append(tokens[j])
                j += 1
            elif (  # Heung-min: a hyphen joins a part that may be lower case
                tokens[j].text == "-"
                and j + 1 < len(tokens)
                and tokens[j + 1].kind == "word"
                and text[words[-1].end : tokens[j + 1].start] == "-"
            ):
                words.append(tokens[j + 1])
                j += 2
            else:
                break
        while words and (
            words[0].text.lower() in TITLES
            or (words[0].sentence_start and _ordinary_start(words[0], capitalized_inside))
        ):
            words.pop(0)
        if words:
            runs.append(
                NameRun(
                    tuple(words),
                    words[0].start,
                    words[-1].end,
                    text[words[0].start : words[-1].end],
                )
            )
    doc.notes["name_runs"] = runs
    return runs


def line_of(doc: Document, position: int) -> int:
    return doc.text.count("\n", 0, position) + 1


# Marks only a Vietnamese keyboard puts on a vowel: the dot below, the hook above and the horn.
# On a foreign name they are a slip (Abịnskaya), where an acute or a macron is its own (Málaga).
_VIETNAMESE_ONLY_MARKS = frozenset("\u0323\u0309\u031b")


def _keyboard_marks(run: NameRun) -> bool:
    return any(ch in _VIETNAMESE_ONLY_MARKS for ch in unicodedata.normalize("NFD", run.text))


def similar_names(common: NameRun, rare: NameRun) -> bool:
    """Is ``rare`` a slip for ``common`` (``Mesi``/``Messi``, ``Son Heung Mi``/``Son Heung-min``)?

    The same letters spaced, hyphenated or capitalized differently always are, unless the rare
    spelling is a brand's own (``YouTube``) or the common one is a brand miscapitalized (left
    to ``VI_BRAND_CASE``); a foreign name's marks (``Málaga``) are not a slip, unless only a
    Vietnamese keyboard types them (``Abịnskaya``), nor is a Latin case ending (``Romae``).
    Otherwise the two must have as many words, differ by one edit (not in the first letter, not in a
    one-letter word), and the rare spelling must be a truncation or one the corpora hardly know
    (``Iran`` beside ``Iraq`` is not a slip); two Vietnamese names one mark apart (``Nguyễn Văn
    An``/``Ân``) may both be right.
    """
    if common.text == rare.text or abs(len(common.words) - len(rare.words)) > 1:
        return False
    brands = loanwords().brands
    if rare.text in brands.values() or brands.get(common.text.lower(), common.text) != common.text:
        return False  # YouTube beside Youtube: the brand's spelling (VI_BRAND_CASE has the rest)
    if not rare.vietnamese and skeleton(rare.text) == common.text and not _keyboard_marks(rare):
        return False  # Málaga beside Malaga: the marks are the name's own, not a slip
    if rare.key.endswith(LATIN_ENDINGS) and not common.key.endswith(LATIN_ENDINGS):
        return False  # M. Romae beside Rome: a Latin case ending, not a slip
    if common.key == rare.key:
        return True  # Son Heung Min / Son Heung-min: spacing, hyphen or case
    if len(common.words) != len(rare.words) or osa_distance(common.key, rare.key) > 1:
        return False
    if common.key[0] != rare.key[0]:
        return False  # Mbps/Gbps: slips rarely hit the first letter
    if common.key + "s" == rare.key or rare.key + "s" == common.key:
        return False  # Valentine/Valentines: a plural, not a slip
    if common.vietnamese and rare.vietnamese:
        return False  # Lan/Lân, Hùng/Hưng, Nguyễn Văn An/Ân: different people
    for ours, theirs in zip(rare.words, common.words, strict=True):
        ours_lower, theirs_lower = ours.text.lower(), theirs.text.lower()
        if ours_lower == theirs_lower:
            continue
        if min(len(ours_lower), len(theirs_lower)) < 2 or len(rare.key) < 4:
            return False  # Bảng A/Bảng C
        # Mi for Min in a longer name: a dropped last letter (alone, Roma/Romae are two words)
        truncated = len(rare.words) > 1 and theirs_lower.startswith(ours_lower)
        if not truncated and lexicon().count(ours_lower) >= KNOWN_NAME:
            return False  # Iran/Iraq: both real
    return True


@register
class NameVariant(Rule):
    """The same name spelt two ways: ``Messi`` … ``Mesi`` → ``Messi``."""

    id = "VI_NAME_VARIANT"
    category = "names"
    severity = "warning"
    description = "Một tên riêng được viết theo hai cách trong cùng văn bản."
    description_en = "The same name is spelt two ways in one document."
    fires = (
        ("Messi ghi bàn. Sau đó Messi chuyền cho Mesi? Không, Messi sút.", None),
        (
            "Son Heung Min ghi bàn. Anh Heung Min vui. Son Heung Min cảm ơn. Son Heung-min nói.",
            "Son Heung Min ghi bàn. Anh Heung Min vui. Son Heung Min cảm ơn. Son Heung Min nói.",
        ),
        ("Đội có Son Heung Min, Son Heung Min và Son Heung Mi.", None),
    )
    silent = (
        "Nguyễn Văn An gặp Nguyễn Văn An rồi Nguyễn Văn Ân. Lan và Lân, Lan nữa.",
        "Son Heung Min ghi bàn, Son Heung Min vui; Son cười và anh Heung Min nói.",
        "Kim Jong-un gặp Kim Jong-un. Hà Nội, Hà Nội và Hà Nam.",
    )

    def check(self, doc: Document) -> Iterator[Issue]:
        runs = name_runs(doc)
        counts = Counter(run.text for run in runs)
        first: dict[str, NameRun] = {}
        for run in runs:
            first.setdefault(run.text, run)
        # Common forms by first letter, most frequent first: a slip keeps its first letter.
        common: dict[str, list[NameRun]] = {}
        for text, seen in counts.most_common():
            if seen >= 2:
                common.setdefault(first[text].key[:1], []).append(first[text])
        matches: dict[str, NameRun | None] = {}
        for run in runs:
            if counts[run.text] > 2 or run.text in doc.options.user_words:
                continue
            if run.text.endswith("s") and run.text[:-1] in counts:
                continue  # hai Valentines beside Valentine: a plural of a name the text uses
            if run.text not in matches:
                matches[run.text] = self._dominant(run, common, counts)
            match = matches[run.text]
            if match is not None:
                yield self._issue(doc, run, match, counts[match.text])

    @staticmethod
    def _dominant(run: NameRun, common: dict[str, list[NameRun]], counts: Counter):
        for candidate in common.get(run.key[:1], ()):
            if counts[candidate.text] <= counts[run.text]:
                break
            if abs(len(candidate.key) - len(run.key)) <= 1 and similar_names(candidate, run):
                return candidate
        return None

    def _issue(self, doc: Document, run: NameRun, match: NameRun, seen: int) -> Issue:
        line = line_of(doc, match.start)
        return doc.issue(
            self,
            run.start,
            run.end,
            f"Tên “{run.text}” được viết là “{match.text}” ở chỗ khác ({seen} lần, "
            f"lần đầu ở dòng {line}).",
            f"The name “{run.text}” is written “{match.text}” elsewhere ({seen} times, "
            f"first on line {line}).",
            [match.text],
            0.7,
        )


class Coordination(NamedTuple):
    """Two phrases joined by a connector: ``Son Heung Min và Harry Kane``."""

    left: NameRun
    right: NameRun
    connector: str


def coordinations(doc: Document) -> list[Coordination]:
    """Neighbouring name runs joined by ``và``, ``với``, ``cùng``, ``hay`` or a comma."""
    runs = name_runs(doc)
    found = []
    for left, right in zip(runs, runs[1:], strict=False):
        between = doc.text[left.end : right.start]
        connector = between.strip()
        if connector in CONNECTORS and "\n" not in between and between.count(" ") <= 2:
            found.append(Coordination(left, right, connector))
    return found


def _word_before(doc: Document, start: int) -> str:
    """The word just before position ``start``, lower-cased ("" when none)."""
    index = bisect_left(doc.starts, start) - 1
    if index < 0 or doc.tokens[index].kind != "word":
        return ""
    return doc.tokens[index].text.lower()


def pair_meant(doc: Document, pair: Coordination) -> bool:
    """Does the text announce two (``bộ đôi``, ``cặp``, ``giữa``, ``cả``... before the pair)?"""
    return _word_before(doc, pair.left.start) in PAIR_CUES


def repeated_phrases(doc: Document) -> Iterator[Coordination]:
    """Lower-case phrases repeated around ``và`` after a pair word: ``giữa A B và A B``."""
    tokens = doc.tokens
    for index in doc.spelt({"và"}):
        token = tokens[index]
        for size in (3, 2):
            left = tokens[max(0, index - size) : index]
            right = tokens[index + 1 : index + 1 + size]
            phrase = left + right
            if len(left) < size or len(right) < size or any(t.kind != "word" for t in phrase):
                continue
            left_run, right_run = _phrase(doc, left), _phrase(doc, right)
            if left_run.key != right_run.key or not left_run.text.islower():
                continue
            pair = Coordination(left_run, right_run, token.text)
            if pair_meant(doc, pair):
                yield pair
                break


def _phrase(doc: Document, words: list[Token]) -> NameRun:
    return NameRun(
        tuple(words), words[0].start, words[-1].end, doc.text[words[0].start : words[-1].end]
    )


@register
class DuplicateCoordination(Rule):
    """The same name on both sides of ``và``: ``bộ đôi Son Heung Min và Son Heung Min``."""

    id = "VI_DUPLICATE_COORDINATION"
    category = "names"
    severity = "warning"
    description = "Cùng một tên ở hai vế của “và/với/cùng/hay”, trong khi ý nói hai người."
    description_en = "The same name on both sides of “and/with/or” where two were meant."
    fires = (
        ("Bộ đôi Son Heung Min và Son Heung Min tỏa sáng.", None),
        (
            "Son Heung Min và Harry Kane ghi bàn. Bộ đôi Son Heung Min và Son Heung Min tỏa sáng.",
            "Son Heung Min và Harry Kane ghi bàn. Bộ đôi Son Heung Min và Harry Kane tỏa sáng.",
        ),
        ("Trận đấu giữa đội chủ nhà và đội chủ nhà rất hay.", None),
    )
    silent = (
        "Bộ đôi Son Heung Min và Harry Kane tỏa sáng.",
        "Quan hệ với Việt Nam và Việt Nam cũng muốn thế; lâu đài Prague, Prague, Séc.",
        "Tình cảm giữa con người với con người; học và học mãi; từng bước, từng bước.",
    )

    def check(self, doc: Document) -> Iterator[Issue]:
        pairs = coordinations(doc)
        for pair in pairs + list(repeated_phrases(doc)):
            if pair.left.key != pair.right.key or not pair_meant(doc, pair):
                continue
            partner = self._partner(pairs, pair)
            if partner is None:
                yield self._issue(doc, pair.right, pair.left.text, None)
            else:
                flagged = pair.right if partner[1] == "right" else pair.left
                yield self._issue(doc, flagged, pair.left.text, partner[0])

    @staticmethod
    def _partner(pairs: list[Coordination], pair: Coordination) -> tuple[str, str] | None:
        """The name coordinated with this one elsewhere, and the side it stands on."""
        for other in pairs:
            if other.left.key == other.right.key or other.connector != pair.connector:
                continue
            if other.left.key == pair.left.key:
                return other.right.text, "right"
            if other.right.key == pair.left.key:
                return other.left.text, "left"
        return None

    def _issue(self, doc: Document, run: NameRun, name: str, partner: str | None) -> Issue:
        if partner:
            message = f"“{name}” xuất hiện ở cả hai vế; có lẽ là “{partner}”."
            message_en = f"“{name}” stands on both sides; perhaps “{partner}” was meant."
        else:
            message = f"“{name}” xuất hiện ở cả hai vế của phép liên kết."
            message_en = f"“{name}” stands on both sides of the coordination."
        return doc.issue(
            self, run.start, run.end, message, message_en, [partner] if partner else [], 0.7
        )


def _same_length_neighbours(doc: Document) -> Iterator[int]:
    """Indexes ``i`` of the tokens as long as token ``i - 1``, found at C speed.

    A doubled word is two words with one canonical form; :func:`canonical` only moves a tone
    mark, so the two lower-case words are as long, and so are the words as written, unless one
    holds ``İ``, the one letter whose lower case is longer (then every pair is returned).
    """
    if "İ" in doc.text:
        return iter(range(1, len(doc.tokens)))
    lengths = list(map(len, doc.texts))
    return compress(range(1, len(lengths)), map(eq, lengths, lengths[1:]))


MIN_SINGLE = 20_000  # only words common enough for the table to say how they double
MAX_RATIO = 3.5e-4  # typing slips double a word about 2 times in 10,000
# Doubled, these mean "every" (sáng sáng, đêm đêm) or "tiny" (con con): grammar, not slips,
# though too rare in the corpora for the ratio to show it.
REDUPLICATED = frozenset("sáng trưa chiều tối đêm ngày tuần tháng năm mùa con".split())


# Two compounds meet on a shared syllable (thế giới + giới thiệu) when the word is bound to
# both neighbours: log10 P(word | before) / P(word) and log10 P(after | word) / P(after) both at
# least this (a typed double such as "của của thị" scores below 1 on one side or the other).
COMPOUND_PMI = 1.0


def _compounds_meet(before: str, word: str, after: str) -> bool:
    """``thế giới giới thiệu``, ``đại biểu biểu quyết``: both halves are words (with the model)."""
    if not before or not after:
        return False
    from soat.lm.model import model

    score = model().model.score

    def pmi(first: str, second: str) -> float:
        return (
            score(f"{first} {second}", bos=False, eos=False)
            - score(first, bos=False, eos=False)
            - score(second, bos=False, eos=False)
        )

    return min(pmi(before, word), pmi(word, after)) >= COMPOUND_PMI


def doubled_by_mistake(word: str, before: str, after: str) -> bool:
    """Is "word word" (between ``before`` and ``after``) a slip rather than Vietnamese?"""
    if word in REDUPLICATED:
        return False
    found = doubles().get(word)
    single = found.single if found else lexicon().count(word)
    if single < MIN_SINGLE:
        return False  # too rare to know: xanh xanh, vui vui
    if found is None:
        return True
    if before in found.left or after in found.right:
        return False  # tồn tại tại, trở thành thành viên
    return found.ratio <= MAX_RATIO


@register
class RepeatedWord(Rule):
    """A word typed twice: ``của của`` → ``của`` (not ``ngày ngày``, ``từ từ``)."""

    id = "VI_REPEATED_WORD"
    category = "typos"
    severity = "error"
    description = "Một từ bị lặp lại do gõ nhầm (của của, đã đã)."
    description_en = "A word typed twice by mistake (của của, đã đã)."
    fires = (
        ("Đây là quyển sách của của tôi.", "Đây là quyển sách của tôi."),
        ("Anh ấy đã đã về nhà.", "Anh ấy đã về nhà."),
    )
    silent = (
        "Ngày ngày người người đi đi lại lại, từ từ xanh xanh.",
        "Vấn đề tồn tại tại các dự án; anh trở thành thành viên; học sinh sinh viên.",
        "Sáng sáng chạy bộ, nhà đầu tư tư nhân, con mèo con con.",
        "Hãng hàng không đầu tiên trên thế giới giới thiệu dịch vụ này.",
    )

    def check(self, doc: Document) -> Iterator[Issue]:
        tokens, texts = doc.tokens, doc.texts
        for i in _same_length_neighbours(doc):
            word = model_word(texts[i])  # canonical(lower case), computed once per spelling
            if model_word(texts[i - 1]) != word:
                continue  # the usual case, so tested first
            first, second = tokens[i - 1], tokens[i]
            if first.kind != "word" or second.kind != "word" or second.is_capitalized:
                continue
            if not doc.one_space(first, second):
                continue
            before = tokens[i - 2].text.lower() if i >= 2 else ""
            after = tokens[i + 1].text.lower() if i + 1 < len(tokens) else ""
            if not doubled_by_mistake(word, canonical(before), canonical(after)):
                continue
            if doc.options.use_model and _compounds_meet(canonical(before), word, canonical(after)):
                continue
            yield doc.issue(
                self,
                first.end,
                second.end,
                f"Từ “{second.text}” bị lặp.",
                f"The word “{second.text}” is repeated.",
                [""],
                0.85,
            )
