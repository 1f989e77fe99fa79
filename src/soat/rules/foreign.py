"""Foreign words inside Vietnamese: misspelt English words and the capitalization of brands.

Vietnamese news borrows English freely (``clip``, ``fan``, ``online``, ``màn performance``). A
lower-case ASCII word that is neither a Vietnamese syllable (with or without its marks) nor a
word English, another common European language or the corpora know, and that does not follow a
foreign name (``Juniperus virginiana``), is probably a misspelt English word;
:class:`EnglishSpeller` proposes the common English word within edit distance 2 (SymSpell
style: the deletes of every word are indexed once, lazily, so a lookup is a few dictionary
hits). The English list is wordfreq's; ``data/loanwords.txt`` adds loanwords and brands, whose
capitalization :class:`BrandCase` checks (``Iphone`` → ``iPhone``). Start at
:func:`misspelt_english`.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import NamedTuple

import regex
import wordfreq

from soat.document import Document
from soat.issue import Issue
from soat.rules import register
from soat.rules.base import Rule
from soat.syllable.grammar import WELL_FORMED
from soat.syllable.lexicon import lexicon
from soat.syllable.typing import decode_telex
from soat.text.tokenize import Token

KNOWN_ZIPF = 2.0  # an English word at least this frequent (about 1 in 10 million) is right
SUGGESTION_ZIPF = 3.0  # a suggestion must be a common word (1 in a million): about 28,000
MARGIN_ZIPF = 2.0  # ... and a hundred times more frequent than the word it replaces
CORPUS_KNOWN = 3  # seen this often in the Vietnamese corpora: a loanword or a term, not a slip
# A common word of another language wordfreq knows is that language's, not misspelt English.
OTHER_LANGUAGES = ("fr", "es", "de", "it", "pt", "nl")
LATIN_ENDINGS = ("ae", "ii", "arum", "orum", "ibus")
_ASCII_WORD = regex.compile(r"[a-z]+")


class Loanwords(NamedTuple):
    """Accepted loanwords (lower case) and brands (lower case → canonical spelling)."""

    words: frozenset[str]
    brands: dict[str, str]


@cache
def loanwords() -> Loanwords:
    text = (resources.files("soat") / "data" / "loanwords.txt").read_text(encoding="utf-8")
    entries = [line.strip() for line in text.splitlines()]
    entries = [entry for entry in entries if entry and not entry.startswith("#")]
    brands = {entry.lower(): entry for entry in entries if entry != entry.lower()}
    return Loanwords(frozenset(entry.lower() for entry in entries), brands)


def skeleton(word: str) -> str:
    """``word`` without marks: ``thích`` → ``thich``, ``đường`` → ``duong``."""
    stripped = unicodedata.normalize("NFD", word.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in stripped if not unicodedata.combining(ch))


@cache
def vietnamese_skeletons() -> frozenset[str]:
    """Every Vietnamese syllable typed without its marks (``thich``, ``nguoi``)."""
    return frozenset(skeleton(word) for word in WELL_FORMED)


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


def max_distance(word: str) -> int:
    """One edit for words under eight letters, two for longer ones."""
    return 1 if len(word) < 8 else 2


class EnglishSpeller:
    """Suggestions from wordfreq's common English words, found through precomputed deletes.

    The index maps each word and each of its one-letter deletes to the words it came from;
    a query looks up itself and its deletes up to two letters, which finds every word at one
    substitution, swap or insertion and most at two.
    """

    def __init__(self, zipf: dict[str, float]) -> None:
        self.zipf = zipf
        self.index: dict[str, str] = {}
        for word in zipf:
            for key in _deletes(word) | {word}:
                found = self.index.get(key)
                self.index[key] = word if found is None else f"{found} {word}"

    def suggest(self, word: str) -> list[str]:
        """Common English words within :func:`max_distance` of ``word``, best first."""
        keys = {word} | _deletes(word)
        if max_distance(word) > 1:
            keys |= {key for first in _deletes(word) for key in _deletes(first)}
        candidates = set()
        for key in keys:
            found = self.index.get(key)
            if found:
                candidates.update(found.split(" "))
        scored = []
        for candidate in candidates:
            distance = osa_distance(word, candidate)
            if 0 < distance <= max_distance(word):
                scored.append((distance, -self.zipf[candidate], candidate))
        return [candidate for _, _, candidate in sorted(scored)]


@cache
def speller() -> EnglishSpeller:
    """The shared speller over English words common enough to suggest (about a second)."""
    frequencies = wordfreq.get_frequency_dict("en")
    least = 10 ** (SUGGESTION_ZIPF - 9)
    zipf = {
        word: math.log10(frequency) + 9
        for word, frequency in frequencies.items()
        if frequency >= least and len(word) >= 3 and _ASCII_WORD.fullmatch(word)
    }
    for word in sorted(loanwords().words):
        if _ASCII_WORD.fullmatch(word):
            zipf.setdefault(word, SUGGESTION_ZIPF)
    return EnglishSpeller(zipf)


def _in_address(doc: Document, token: Token) -> bool:
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
        and doc.text[before.end : token.start] == " "
    )


def is_known(lower: str, doc: Document) -> bool:
    """A Vietnamese syllable (marked or not), a loanword, an English or corpus word."""
    if lower in WELL_FORMED or lower in vietnamese_skeletons() or lower in loanwords().words:
        return True
    if lower in doc.options.user_words or lexicon().count(lower) >= CORPUS_KNOWN:
        return True
    if decode_telex(lower) in WELL_FORMED or _unmarked_syllables(lower):
        return True  # Telex residue, or Vietnamese run together without marks (phale)
    return wordfreq.zipf_frequency(lower, "en") >= KNOWN_ZIPF


def in_other_language(lower: str) -> bool:
    """Common in French, Spanish, German, Italian, Portuguese or Dutch (``civile``, ``balas``).

    wordfreq's small lists (the commonest words, quick to load) are enough for this."""
    return any(
        wordfreq.zipf_frequency(lower, language, wordlist="small") > 0
        for language in OTHER_LANGUAGES
    )


def _unmarked_syllables(word: str) -> bool:
    """Is ``word`` two unmarked Vietnamese syllables run together (``phale`` = ``pha lê``)?"""
    skeletons = vietnamese_skeletons()
    return any(word[:cut] in skeletons and word[cut:] in skeletons for cut in range(1, len(word)))


def misspelt_english(doc: Document, index: int) -> str | None:
    """The English word that the lower-case ASCII token ``doc.tokens[index]`` misspells, or None."""
    token = doc.tokens[index]
    lower = token.text
    if len(lower) < 4 or not _ASCII_WORD.fullmatch(lower) or is_known(lower, doc):
        return None
    if _in_address(doc, token) or _after_foreign_name(doc, index):
        return None
    if lower.endswith(LATIN_ENDINGS):
        return None  # reipublicae, planetarum, sargentii: Latin, not English
    own = wordfreq.zipf_frequency(lower, "en")
    for candidate in speller().suggest(lower):
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
    )
    silent = (
        "Màn performance của cô rất ấn tượng, xem behind the scenes trên YouTube.",
        "Tải clip, làm fan, bán online trên vnexpress.net và hoc sinh thich lắm.",
    )

    def check(self, doc: Document) -> Iterator[Issue]:
        for index, token in enumerate(doc.tokens):
            if token.kind != "word" or not token.text.islower():
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
    """A brand written in the wrong case: ``facebook``, ``Iphone`` → ``Facebook``, ``iPhone``."""

    id = "VI_BRAND_CASE"
    category = "style"
    severity = "style"
    description = "Tên thương hiệu viết sai chữ hoa/thường (Facebook, iPhone, YouTube)."
    description_en = "A brand name in the wrong case (Facebook, iPhone, YouTube)."
    fires = (
        ("Tôi xem clip trên youtube và facebook.", "Tôi xem clip trên YouTube và Facebook."),
        ("Chiếc Iphone mới ra mắt.", "Chiếc iPhone mới ra mắt."),
    )
    silent = (
        "Tôi xem clip trên YouTube, Facebook và TikTok bằng iPhone.",
        "Trang facebook.com và #facebook; tiêu đề IPHONE MỚI.",
    )

    def check(self, doc: Document) -> Iterator[Issue]:
        brands = loanwords().brands
        for token in doc.tokens:
            if token.kind != "word":
                continue
            brand = brands.get(token.text.lower())
            if brand is None or token.text == brand or token.text.isupper():
                continue
            if _in_address(doc, token) or token.text in doc.options.user_words:
                continue
            yield doc.issue(
                self,
                token.start,
                token.end,
                f"Tên thương hiệu viết là “{brand}”.",
                f"The brand is written “{brand}”.",
                [brand],
                0.85,
            )
