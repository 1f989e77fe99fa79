"""Foreign words inside Vietnamese: misspelt English words and the capitalization of brands.

Vietnamese news borrows English freely (``clip``, ``fan``, ``online``, ``màn performance``). A
lower-case ASCII word that is neither a Vietnamese syllable (with or without its marks) nor a
word English, another common European language or the corpora know, and that does not follow a
foreign name (``Juniperus virginiana``), is probably a misspelt English word;
:class:`EnglishSpeller` proposes the common English word within edit distance 2 (a query's
deletes, and every one-letter insertion into them, are dictionary hits: the SymSpell index
without the time to build it). The English list and those of the other languages are
wordfreq's, shipped as small tables built by ``soat-build tables`` (``data/english.txt.gz``,
``data/other-languages.txt.gz``) and read on first use, so a check never imports wordfreq;
``data/loanwords.txt`` adds loanwords and brands, whose capitalization :class:`BrandCase` checks
(``Iphone`` → ``iPhone``). Start at :func:`misspelt_english`.
"""

from __future__ import annotations

import gzip
import math
import os
import re
import unicodedata
import zlib
from collections.abc import Callable, Iterator
from functools import cache, lru_cache
from importlib import resources
from itertools import compress
from pathlib import Path
from typing import NamedTuple

import regex

from soat.document import Document
from soat.errors import ModelError
from soat.issue import Issue
from soat.rules import register
from soat.rules.base import Rule
from soat.syllable.grammar import WELL_FORMED
from soat.syllable.lexicon import lexicon
from soat.syllable.typing import MAX_WORD_LETTERS, decode_telex
from soat.text.tokenize import Token

KNOWN_ZIPF = 2.0  # an English word at least this frequent (about 1 in 10 million) is right
SUGGESTION_ZIPF = 3.0  # a suggestion must be a common word (1 in a million): about 28,000
MARGIN_ZIPF = 2.0  # ... and a hundred times more frequent than the word it replaces
CORPUS_KNOWN = 3  # seen this often in the Vietnamese corpora: a loanword or a term, not a slip
# A common word of another language wordfreq knows is that language's, not misspelt English.
OTHER_LANGUAGES = ("fr", "es", "de", "it", "pt", "nl")
LATIN_ENDINGS = ("ae", "ii", "arum", "orum", "ibus", "ior")
# Vietnamese spellings of chemical and mineral names: -it for -ite (pyrit, canxit, albit) and
# -ua for -ide (clorua, photphua, silicua). They sit close to English words but are not English.
TRANSLITERATED_ENDINGS = ("it", "ua")
ASCII_WORD = regex.compile(r"[a-z]+")  # the only words the rule looks up
ENGLISH_TABLE, OTHER_TABLE = "english.txt.gz", "other-languages.txt.gz"
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


class Loanwords(NamedTuple):
    """Accepted loanwords (lower case), brands (lower case → canonical spelling), and the house
    spellings of brands that edited news writes often (``facebook``, ``Youtube``)."""

    words: frozenset[str]
    brands: dict[str, str]
    house: frozenset[str]


def _table_path(name: str) -> Path:
    """A shipped table: from ``SOAT_MODEL_DIR`` when it has one, else from the package."""
    override = os.environ.get("SOAT_MODEL_DIR")
    path = Path(override) / name if override else None
    if path is None or not path.exists():
        path = Path(str(resources.files("soat") / "data" / name))
    if not path.exists():
        raise ModelError(
            f"Thiếu tệp dữ liệu {path}; hãy chạy `soat-build tables`.",
            f"Missing data file {path}; run `soat-build tables`.",
        )
    return path


class WordTable:
    """A shipped word list kept as one string, one word a line, ``@n`` lines opening bucket
    ``n`` (a word of bucket ``n`` has wordfreq's frequency ``10 ** (-n / 100)``).

    Reading it makes no object per word; a lookup is one search of the string (a millisecond
    or two), and only a few dozen words a megabyte of news get that far. Start at
    :meth:`bucket`.
    """

    def __init__(self, text: str) -> None:
        self.text = "\n" + text  # so that every word has a line end on both sides

    @classmethod
    def load(cls, name: str) -> WordTable:
        """The shipped table ``name`` (see :func:`_table_path`)."""
        return cls(gzip.decompress(_table_path(name).read_bytes()).decode("utf-8"))

    def _find(self, word: str) -> int:
        return self.text.find(f"\n{word}\n")

    def __contains__(self, word: str) -> bool:
        return self._find(word) >= 0

    def bucket(self, word: str) -> int | None:
        """The bucket ``word`` is listed in, or None."""
        at = self._find(word)
        if at < 0:
            return None
        mark = self.text.rfind("\n@", 0, at + 1) + 2
        return int(self.text[mark : self.text.index("\n", mark)])

    def buckets(
        self, wanted: Callable[[int], bool] | None = None
    ) -> Iterator[tuple[int, list[str]]]:
        """``(bucket, words)`` in the table's order, for the buckets ``wanted`` accepts (all)."""
        for chunk in self.text.split("\n@")[1:]:
            bucket, _, words = chunk.partition("\n")
            if wanted is None or wanted(int(bucket)):
                yield int(bucket), words.split()


@cache
def english() -> WordTable:
    """wordfreq's English list (``data/english.txt.gz``): every word spelt ``[a-z]+``, and
    first, in order, the commonest words in any spelling (see :func:`english_words`)."""
    return WordTable.load(ENGLISH_TABLE)


@cache
def english_words() -> frozenset[str]:
    """Frequent English words in any spelling: ``wordfreq.top_n_list("en", n)``, with the ``n``
    the table was built for (its ``# top<TAB>n`` line; 30,000).

    They open the English table, so only its head is read (a tenth of the whole).
    """
    head = ""
    for head in _gzip_heads(_table_path(ENGLISH_TABLE)):
        found = _TOP_SIZE.search(head)
        size = int(found[1]) if found else 0
        words = _WORD_LINES.findall(head)
        if len(words) >= size:
            return frozenset(words[:size])
    return frozenset(_WORD_LINES.findall(head))


# In a shipped word table, a header line opens with ``#``, a bucket line with ``@``.
_TOP_SIZE = re.compile(r"^# top\t(\d+)$", re.MULTILINE)
_WORD_LINES = re.compile(r"^[^#@\n].*", re.MULTILINE)


def _gzip_heads(path: Path, chunk: int = 1 << 18) -> Iterator[str]:
    """Longer and longer beginnings of a gzip text file, each made of whole lines and the last
    the whole text, decompressed a chunk at a time (a reader that stops early leaves the rest
    compressed)."""
    inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)  # 16: the gzip container
    compressed, head = path.read_bytes(), b""
    while not inflate.eof:
        out = inflate.decompress(compressed, chunk)
        compressed = inflate.unconsumed_tail
        if not out and not compressed:
            break  # a truncated file: what was read is all there is
        head += out
        yield head[: head.rfind(b"\n") + 1].decode("utf-8")
    yield head.decode("utf-8")


def english_zipf(bucket: int | None) -> float:
    """``wordfreq.zipf_frequency(word, "en")`` of a word in ``bucket`` (None: not listed).

    The same arithmetic as wordfreq's, roundings included (``soat-build tables`` checks that
    the two agree on every word of the table).
    """
    minimum = 10**0 / 1e9  # wordfreq's floor for zipf_frequency's default minimum of 0
    if bucket is None:
        frequency = minimum
    else:
        frequency = max(1.0 / (1.0 / 10 ** (-bucket / 100)), minimum)
        frequency = round(frequency, math.floor(-math.log(frequency, 10)) + 3)
    return round(math.log(frequency, 10) + 9, 2)


@lru_cache(maxsize=4096)
def zipf_frequency(lower: str) -> float:
    """The Zipf frequency of a lower-case ``[a-z]+`` word in English (0 when unlisted)."""
    return english_zipf(english().bucket(lower))


@cache
def other_languages() -> WordTable:
    """The ``[a-z]+`` words of wordfreq's small French, Spanish, German, Italian, Portuguese and
    Dutch lists (``data/other-languages.txt.gz``)."""
    return WordTable.load(OTHER_TABLE)


@cache
def loanwords() -> Loanwords:
    text = (resources.files("soat") / "data" / "loanwords.txt").read_text(encoding="utf-8")
    lines = [line.split() for line in text.splitlines() if not line.startswith("#")]
    entries = [spellings[0] for spellings in lines if spellings]
    brands = {entry.lower(): entry for entry in entries if entry != entry.lower()}
    house = frozenset(spelling for spellings in lines for spelling in spellings[1:])
    return Loanwords(frozenset(entry.lower() for entry in entries), brands, house)


def skeleton(word: str) -> str:
    """``word`` without marks: ``thích`` → ``thich``, ``đường`` → ``duong``."""
    stripped = unicodedata.normalize("NFD", word.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in stripped if not unicodedata.combining(ch))


@cache
def vietnamese_skeletons() -> frozenset[str]:
    """Every Vietnamese syllable typed without its marks (``thich``, ``nguoi``)."""
    # Marks come off letter by letter, so one translation table does it for every syllable.
    table = str.maketrans({letter: skeleton(letter) for letter in set("".join(WELL_FORMED))})
    return frozenset(word.translate(table) for word in WELL_FORMED)


def osa_distance(a: str, b: str) -> int:
    """Edit distance counting a swap of two neighbouring letters as one edit."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


# The longest word suggestions are looked for: the search is cubic in the length (deletes of
# deletes, each with every insertion), and a 200-letter run of letters took half a minute. No
# common English word is this long.
MAX_SUGGEST_LENGTH = 24


def max_distance(word: str) -> int:
    """One edit for words under eight letters, two for longer ones."""
    return 1 if len(word) < 8 else 2


class EnglishSpeller:
    """Suggestions from wordfreq's common English words.

    A word within reach of a query is the query itself or one of its deletes (up to two
    letters for a long query), or one of those with a letter inserted: so each is looked up,
    along with its insertions of every letter a listed word can hold (``a``–``z``). That finds
    every word at one substitution, swap or insertion and most at two, exactly the words an
    index of every word's one-letter deletes (SymSpell) would, without building the index.
    """

    def __init__(self, zipf: dict[str, float]) -> None:
        self.zipf = zipf
        self._suggested: dict[str, list[str]] = {}  # a few dozen words a megabyte of news

    def _within_reach(self, word: str) -> set[str]:
        keys = {word} | _deletes(word)
        if max_distance(word) > 1:
            keys |= {key for first in _deletes(word) for key in _deletes(first)}
        zipf = self.zipf
        found = {key for key in keys if key in zipf}
        for key in keys:
            for cut in range(len(key) + 1):
                head, tail = key[:cut], key[cut:]
                found.update(
                    longer
                    for longer in [head + letter + tail for letter in _LETTERS]
                    if longer in zipf
                )
        return found

    def suggest(self, word: str) -> list[str]:
        """Common English words within :func:`max_distance` of ``word``, best first (none for
        a word longer than :data:`MAX_SUGGEST_LENGTH`)."""
        if len(word) > MAX_SUGGEST_LENGTH:
            return []
        found = self._suggested.get(word)
        if found is None:
            scored = []
            for candidate in self._within_reach(word):
                distance = osa_distance(word, candidate)
                if 0 < distance <= max_distance(word):
                    scored.append((distance, -self.zipf[candidate], candidate))
            found = [candidate for _, _, candidate in sorted(scored)]
            if len(self._suggested) >= 65_536:
                self._suggested.clear()
            self._suggested[word] = found
        return list(found)


@cache
def speller() -> EnglishSpeller:
    """The shared speller over English words common enough to suggest."""
    least = 10 ** (SUGGESTION_ZIPF - 9)
    zipf = {}
    for bucket, words in english().buckets(lambda bucket: 10 ** (-bucket / 100) >= least):
        frequency = 10 ** (-bucket / 100)  # as wordfreq computes it
        for word in words:
            if len(word) >= 3 and ASCII_WORD.fullmatch(word):
                zipf[word] = math.log10(frequency) + 9
    for word in sorted(loanwords().words):
        if ASCII_WORD.fullmatch(word):
            zipf.setdefault(word, SUGGESTION_ZIPF)
    return EnglishSpeller(zipf)


def in_address(doc: Document, token: Token) -> bool:
    """``vnexpress.net``, ``abc_def``, ``x@y``: part of an address or a code, not prose."""
    text = doc.text
    before = text[token.start - 1] if token.start else " "
    after = text[token.end] if token.end < len(text) else " "
    if before in "./@_-\\:#" or after in "/@_\\":
        return True
    return after == "." and text[token.end + 1 : token.end + 2].isalnum()


def _after_foreign_name(doc: Document, index: int) -> bool:
    """``Juniperus virginiana``, ``École nationale``: the second word of a foreign name."""
    if index == 0:
        return False
    token, before = doc.tokens[index], doc.tokens[index - 1]
    return (
        before.kind == "word"
        and before.is_capitalized
        and before.text.lower() not in WELL_FORMED
        and doc.one_space(before, token)
    )


_GLOSS = regex.compile(r" ?[(\"“]")


def _cited(doc: Document, token: Token) -> bool:
    """A word quoted or followed by its gloss is cited as written, not misspelt: ``albh
    (trắng)``, ``mouna "tịnh khẩu"``, ``plastron (yếm rùa)``, ``“impeachmint”``."""
    text = doc.text
    before = text[token.start - 1] if token.start else ""
    after = text[token.end] if token.end < len(text) else ""
    if before and before in "\"“'‘" and after and after in "\"”'’":
        return True
    return _GLOSS.match(text, token.end) is not None


def is_known(lower: str, doc: Document) -> bool:
    """A Vietnamese syllable (marked or not), a loanword, an English or corpus word."""
    if lower in WELL_FORMED or lower in vietnamese_skeletons() or lower in loanwords().words:
        return True
    if lower in doc.options.user_words or lexicon().count(lower) >= CORPUS_KNOWN:
        return True
    if decode_telex(lower) in WELL_FORMED or _unmarked_syllables(lower):
        return True  # Telex residue, or Vietnamese run together without marks (phale)
    return zipf_frequency(lower) >= KNOWN_ZIPF


def in_other_language(lower: str) -> bool:
    """Common in French, Spanish, German, Italian, Portuguese or Dutch (``civile``, ``balas``).

    wordfreq's small lists (the commonest words) are enough for this."""
    return lower in other_languages()


def _unmarked_syllables(word: str) -> bool:
    """Is ``word`` two unmarked Vietnamese syllables run together (``phale`` = ``pha lê``)?"""
    if len(word) > MAX_WORD_LETTERS:  # longer than two bare syllables can be (and quadratic)
        return False
    skeletons = vietnamese_skeletons()
    return any(word[:cut] in skeletons and word[cut:] in skeletons for cut in range(1, len(word)))


# A suggestion the Vietnamese corpora use this often goes before English words as close to
# the slip that they use less: Vietnamese text means buffet, not buffer, by ``buffee``.
CORPUS_USED = 20


def _in_vietnamese_use(word: str, suggestions: list[str]) -> list[str]:
    """``suggestions`` (best first in English) with those at the fewest edits from ``word``
    ordered by how often the Vietnamese corpora use them, when one is used at least
    ``CORPUS_USED`` times."""
    if len(suggestions) < 2:
        return suggestions
    nearest = osa_distance(word, suggestions[0])
    tied = [s for s in suggestions if osa_distance(word, s) == nearest]
    counts = {s: lexicon().count(s) for s in tied}
    if max(counts.values()) < CORPUS_USED:
        return suggestions
    tied.sort(key=lambda s: -counts[s])  # stable: English frequency breaks ties
    return tied + suggestions[len(tied) :]


def misspelt_english(doc: Document, index: int) -> str | None:
    """The English word that the lower-case ASCII token ``doc.tokens[index]`` misspells, or None."""
    token = doc.tokens[index]
    lower = token.text
    if len(lower) < 4 or not ASCII_WORD.fullmatch(lower) or is_known(lower, doc):
        return None
    if in_address(doc, token) or _after_foreign_name(doc, index) or _cited(doc, token):
        return None
    if lower.endswith(LATIN_ENDINGS):
        return None  # reipublicae, planetarum, sargentii, felicior: Latin, not English
    if lower.endswith(TRANSLITERATED_ENDINGS):
        return None  # albit, silicua: a Vietnamese scientific term
    own = zipf_frequency(lower)
    for candidate in _in_vietnamese_use(lower, speller().suggest(lower)):
        if candidate[0] != lower[0]:
            continue  # slips rarely hit the first letter; rhymes (cule/rule) often do
        if speller().zipf[candidate] - own >= MARGIN_ZIPF or candidate in loanwords().words:
            # Checked last, for the few words that get this far.
            return None if in_other_language(lower) else candidate
    return None


@register
class ForeignSpelling(Rule):
    """A misspelt English word inside Vietnamese: ``màn performace`` → ``performance``."""

    id = "VI_FOREIGN_SPELLING"
    category = "foreign"
    severity = "error"
    description = "Từ tiếng Anh (từ mượn) viết sai chính tả."
    description_en = "A misspelt English (borrowed) word."
    fires = (
        ("Màn performace của cô rất ấn tượng.", "Màn performance của cô rất ấn tượng."),
        ("Hậu trường (behind the secnes) của phim.", "Hậu trường (behind the scenes) của phim."),
        ("Nhà hàng buffee lớn nhất.", "Nhà hàng buffet lớn nhất."),
    )
    silent = (
        "Màn performance của cô rất ấn tượng, xem behind the scenes trên YouTube.",
        "Tải clip, làm fan, bán online trên vnexpress.net và hoc sinh thich lắm.",
        "Khoáng vật albit, sylvit và các hợp chất silicua, photphua.",
        'Từ albh (trắng), mouna "tịnh khẩu" và món cocktail “impeachmint” của quán.',
    )

    def check(self, doc: Document) -> Iterator[Issue]:
        # Only a lower-case ASCII word of four letters or more that is no Vietnamese syllable
        # can be misspelt English: pick out those spellings, then the tokens spelt so.
        ascii_lower = filter(str.islower, filter(str.isascii, doc.vocabulary - WELL_FORMED))
        suspects = {text for text in ascii_lower if len(text) >= 4}
        for index in doc.spelt(suspects):
            token = doc.tokens[index]
            if token.kind != "word":
                continue
            fix = misspelt_english(doc, index)
            if fix is None:
                continue
            yield doc.issue(
                self,
                token.start,
                token.end,
                f"Từ tiếng Anh viết sai: “{fix}”.",
                f"Misspelt English word: “{fix}”.",
                [fix],
                0.8,
            )


@register
class BrandCase(Rule):
    """A brand written in the wrong case: ``Iphone``, ``Tiktok`` → ``iPhone``, ``TikTok``.

    A house spelling that edited news writes for a good share of a brand's uses (``facebook``,
    ``Youtube``: ``data/loanwords.txt`` lists them with their counts) is a newsroom's choice, not
    a slip: it is reported only where the same text also writes the brand's own spelling
    (``Facebook`` … ``facebook``), as an inconsistency.
    """

    id = "VI_BRAND_CASE"
    category = "style"
    severity = "style"
    description = "Tên thương hiệu viết sai chữ hoa/thường (Facebook, iPhone, YouTube)."
    description_en = "A brand name in the wrong case (Facebook, iPhone, YouTube)."
    fires = (
        ("Tôi xem clip trên youtube bằng Iphone.", "Tôi xem clip trên YouTube bằng iPhone."),
        (
            "Trang Facebook của anh… bạn bè trên facebook.",
            "Trang Facebook của anh… bạn bè trên Facebook.",
        ),
    )
    silent = (
        "Tôi xem clip trên YouTube, Facebook và TikTok bằng iPhone.",
        "Trang facebook.com và #facebook; tiêu đề IPHONE MỚI.",
        "Bạn bè trên facebook chia sẻ clip Youtube.",
    )

    def check(self, doc: Document) -> Iterator[Issue]:
        brands, house = loanwords().brands, loanwords().house
        vocabulary = doc.vocabulary
        named = compress(vocabulary, map(brands.__contains__, map(str.lower, vocabulary)))
        for index in doc.spelt(set(named)):
            token = doc.tokens[index]
            if token.kind != "word":
                continue
            brand = brands.get(token.text.lower())
            if brand is None or token.text == brand or token.text.isupper():
                continue
            if in_address(doc, token) or token.text in doc.options.user_words:
                continue
            if token.text not in house:
                message = f"Tên thương hiệu viết là “{brand}”.", f"The brand is written “{brand}”."
            elif brand in vocabulary:
                message = (
                    f"Văn bản này cũng viết “{brand}”: nên viết thống nhất.",
                    f"This text also writes “{brand}”: spell the brand one way.",
                )
            else:
                continue  # the newsroom's spelling, used alone: a choice, not a slip
            yield doc.issue(self, token.start, token.end, *message, [brand], 0.85)
