"""What the token and context rules share: how a word token is judged, and its fixes in context.

:func:`classify` says what is wrong with a word token (``placement``, ``typing``, ``nonword``
or nothing). :func:`context` prepares a document for the language model once: its clauses,
with every non-word replaced by its best fix so that it does not spoil its neighbours' context,
and the fixes of each non-word re-ranked in context. Both are cached on the document.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import NamedTuple

import regex

from soat.document import Document
from soat.lm.corpus import COMMA_TOKEN
from soat.lm.segments import Segment, segments
from soat.rules.typography import quoted_words
from soat.syllable.candidates import CONTEXT_EDIT_MIN_COUNT, SLIP_COST, Candidate, generator
from soat.syllable.grammar import WELL_FORMED, canonical, parse
from soat.syllable.lexicon import MIN_FREQUENT
from soat.syllable.typing import (
    MAX_WORD_LETTERS,
    VOWEL_LETTERS,
    decode_telex,
    decode_vni,
    miskeyed_telex,
    misplaced_telex,
    misplaced_vni,
    strip_marks,
)
from soat.text.tokenize import Token

# Letters only Vietnamese uses: a capitalized word with one of these is not a foreign name.
VIETNAMESE_ONLY = frozenset("ăâđêôơưạảãắằẳẵặấầẩẫậẹẻẽếềểễệỉĩịọỏốồổỗộớờởỡợụủũứừửữựỳỷỹỵ")
# Diacritic-only slips: what an ASCII word needs to be taken for Vietnamese typed bare.
_DIACRITIC_KINDS = frozenset({"tone", "mark", "placement", "typing"})
MAX_FIXES = 5
# A non-syllable seen this often in the corpora is a loanword or a name...
LOANWORD_COUNT = 10
# ...unless the syllable it would be a typo of is this many times more frequent.
TYPO_RATIO = 2000


def is_vietnamese_looking(word: str) -> bool:
    return any(ch in VIETNAMESE_ONLY for ch in word.lower())


def classify(token: Token, doc: Document) -> str | None:
    """What is wrong with a word token (computed once per token and document)."""
    memo = doc.notes.setdefault("classify", {})
    found = memo.get(token.start, memo)
    if found is memo:
        found = memo[token.start] = _classify(token, doc)
    return found


def classified(doc: Document) -> dict[int, str]:
    """``{token index: what is wrong}`` for the word tokens :func:`classify` flags, once per
    document; a spelling that is a known syllable is set aside once, not once per token."""
    found = doc.notes.get("classified")
    if found is None:
        known = generator().lex.known_syllables
        suspects = {
            text
            for text in doc.vocabulary
            if not ((lower := text.lower()) in WELL_FORMED and canonical(lower) in known)
        }
        found = {}
        for index in doc.spelt(suspects):
            token = doc.tokens[index]
            if token.kind == "word" and (kind := classify(token, doc)) is not None:
                found[index] = kind
        for index in _rare_reduplicatives(doc, found):
            del found[index]
        doc.notes["classified"] = found
    return found


def _rare_reduplicatives(doc: Document, found: dict[int, str]) -> set[int]:
    """Neighbouring non-words that are well-formed syllables sharing their onset or their rhyme:
    a reduplicative word the corpora do not know (``rổn rảng``, ``lạu bạu``), not two slips in
    a row."""
    pairs: set[int] = set()
    for index, kind in found.items():
        after = index + 1
        if kind != "nonword" or found.get(after) != "nonword":
            continue
        first, second = doc.tokens[index], doc.tokens[after]
        if not doc.one_space(first, second):
            continue
        a, b = parse(first.text.lower()), parse(second.text.lower())
        if a and b and ((a.onset and a.onset == b.onset) or a.rhyme == b.rhyme):
            pairs.update((index, after))
    return pairs


def _users_word(word: str, doc: Document) -> bool:
    """Has the user listed ``word``, as written or in lower case?"""
    return word in doc.options.user_words or word.lower() in doc.options.user_words


def _classify(token: Token, doc: Document) -> str | None:
    """What is wrong with a word token: ``placement``, ``typing``, ``nonword``, ``split``,
    ``loanword`` or None."""
    word = token.text
    lower = word.lower()
    if lower in WELL_FORMED and canonical(lower) in generator().lex.known_syllables:
        return None  # most words: a known syllable (every test before this one returns None too)
    if _users_word(word, doc):
        return None
    if (len(word) > 1 and word.isupper()) or not _LATIN.fullmatch(word) or _APOSTROPHES & set(word):
        return None  # an acronym, a word of another script, a name such as H'Hen
    if _NAME_PART.search(doc.text, max(0, token.start - 40), token.start):
        return None  # a later part of a hyphenated transliterated name (Cô-oét, Oa-sinh-tơn)
    if _ROMAN_CUE.search(doc.text, max(0, token.start - ROMAN_REACH), token.end + ROMAN_REACH):
        return None  # pinyin or Chinese beside it (Zhōu Huì Mǐn): romanized, not Vietnamese
    if _address(doc, token):
        return None  # idn.vn, arXiv:hep-ex, m³/ngđ: part of an address, a code or a unit
    lex = generator().lex
    if lower in WELL_FORMED and (
        canonical(lower) in lex.known_syllables
        or (token.is_capitalized and not token.sentence_start)
    ):
        return None  # a known syllable, or an unusual name (Yêng) that is still well formed
    count = lex.count(lower)
    if any(ch.isdigit() for ch in word):
        return "typing" if _vni_residue(token, lower, count) else None
    placed = canonical(lower)
    if placed != lower and placed in lex.vietnamese:
        return None if token.is_capitalized and count >= 2 else "placement"
    camel = any(ch.isupper() for ch in word[1:])
    # A capitalized word is only taken apart when it has a Vietnamese look (a capital inside,
    # Vietnamese letters, or one of the commonest words at its end: Dinhvà); else it is a name.
    if (
        count == 0
        and (
            camel
            or not token.is_capitalized
            or is_vietnamese_looking(word)
            or _name_before_common_word(lower)
        )
        and split_words(word, language_model(doc)) is not None
    ):
        return "split"
    english = not is_vietnamese_looking(word) and lower in english_words()
    if token.is_capitalized and not is_vietnamese_looking(word):
        # A foreign name, or a foreign word opening a sentence; but a sentence may also open
        # with a slip of a common word (Tromg for Trong).
        if english or count or not _opens_sentence(token, doc):
            return None
        if not _slip_of_common_word(lower):
            return "typing" if _typing_slips(lower, count) else None  # Ngfay for Ngày
    if english:
        return None
    if _telex_residue(lower, count):
        return "typing"
    if _is_nonword(token, doc, lower, count):
        return "nonword"
    if _typing_slips(lower, count):
        return "typing"  # motọ for một
    return "loanword" if word.islower() and loanword_spelling(lower, count) else None


def _is_nonword(token: Token, doc: Document, lower: str, count: int) -> bool:
    """Is a word token that is neither a name, an English word nor typing residue a misspelt
    syllable (rather than a loanword or a transliteration)?"""
    word = token.text
    lex = generator().lex
    if len(_VOWEL_GROUPS.findall(lower)) > 1:
        return False  # several syllables in one word: a transliteration (kílômét, Phêrô)
    if token.is_capitalized and not token.sentence_start and not _name_slip(lower):
        return False  # a minority or foreign name in Vietnamese letters: Ksơr, Êa Tu, Plây-cu
    if _seen_beside(token, doc, lower):
        return False  # lôm côm, Pà Thẻn, chó béc giê: a rare word, not a slip
    fixes = generator().generate(lower, edits=False)
    if _slip_of_common_word(lower) and (_undoubled(lower) or _opens_sentence(token, doc)):
        return True  # tronng, Tromg: one slip away from a very common syllable
    if not is_vietnamese_looking(word) and parse(lower) is None:
        # A bare ASCII word: Vietnamese typed without marks only if marks alone fix it (and
        # Telex keys only if they spell a common syllable, as in _telex_residue).
        fixes = tuple(
            c
            for c in fixes
            if c.kind in _DIACRITIC_KINDS
            and (c.kind != "typing" or lex.count(c.word) >= RESIDUE_MIN_COUNT)
        )
        if not fixes:
            return False
    if count >= LOANWORD_COUNT:
        # Attested often enough to be a loanword (crôm, ôxit), unless it is a known typo of a
        # far more frequent syllable (nguời for người).
        if not fixes or lex.count(fixes[0].word) < TYPO_RATIO * count:
            return False
    return True


# A word run together from two syllables is reported when both are at least this common and,
# with the model, the second follows the first often enough (log10 P(second | first)).
SPLIT_MIN_COUNT, SPLIT_MIN_BIGRAM = 1000, -2.5
# A non-word one letter away from a syllable this common is a slip of it.
COMMON_SYLLABLE = 50_000
# A name run onto a Vietnamese word (Floridađã) ends in one of the commonest words with a mark
# (và, của, được, đã: the 23 seen at least this often in the corpora), and is reported when the
# name before it is one the corpora know (seen at least this often).
RUN_ON_MIN_COUNT = 100_000
KNOWN_NAME_COUNT = 20


def split_words(word: str, lm) -> str | None:
    """``lậptức`` → ``lập tức``, ``trướcCộng`` → ``trước Cộng``: two syllables run together
    (:func:`_two_syllables`); ``gọiQueensland`` → ``gọi Queensland``, ``Floridađã`` →
    ``Florida đã``: a syllable run onto a name or a foreign word (:func:`_run_onto_name`)."""
    return _two_syllables(word, lm) or _run_onto_name(word)


def _two_syllables(word: str, lm) -> str | None:
    """Two common syllables run together, the likelier pair with the model (never in a word
    longer than two syllables can be: the search is quadratic)."""
    if len(word) < 4 or len(word) > 2 * MAX_WORD_LETTERS:
        return None
    lex = generator().lex
    best: tuple[float, str] | None = None
    for cut in range(1, len(word)):
        first, second = word[:cut], word[cut:]
        a, b = canonical(first.lower()), canonical(second.lower())
        if a not in lex.vietnamese or b not in lex.vietnamese:
            continue
        common = min(lex.count(a), lex.count(b))
        if common < SPLIT_MIN_COUNT:
            continue
        if lm is not None:
            bigram = lm.model.score(f"{a} {b}", bos=False, eos=False) - lm.model.score(
                a, bos=False, eos=False
            )
            # Letters only Vietnamese uses vouch for a word run together from Vietnamese ones.
            least = SPLIT_MIN_BIGRAM - (1.0 if is_vietnamese_looking(word) else 0.0)
            if bigram < least and not second[:1].isupper():
                continue
            common = bigram
        if best is None or common > best[0]:
            best = (common, f"{first} {second}")
    return best[1] if best else None


def _run_onto_name(word: str) -> str | None:
    """A Vietnamese word run onto a name or a foreign word, where the join is the evidence:
    a common syllable with its marks, in lower case, before a capital (``gọiQueensland``;
    ``iPhone``, ``eBay``, ``mySAP`` have no marks, ``vớI`` is a capital slip), or a name the
    corpora know before one of the commonest words, written with a letter only Vietnamese
    uses (``Floridađã``; ``Portolà`` and ``Jacó`` end in letters Catalan and Spanish use too,
    so a name before ``và``, ``là`` or ``có`` is only split when it is a Vietnamese syllable,
    by :func:`_two_syllables`)."""
    lex = generator().lex
    if word[:1].islower():
        cut = next((i for i, ch in enumerate(word) if ch.isupper()), len(word))
        head, tail = word[:cut], word[cut:]
        syllable = canonical(head)
        if (
            len(tail) > 1
            and not head.isascii()
            and syllable in lex.vietnamese
            and lex.count(syllable) >= SPLIT_MIN_COUNT
        ):
            return f"{head} {tail}"
        return None
    if not word[1:].islower():
        return None
    ending = _common_ending(word.lower())
    if ending is None or not is_vietnamese_looking(ending):
        return None
    head = word[: -len(ending)]
    name = head.lower()
    if canonical(name) in lex.vietnamese or lex.count(name) < KNOWN_NAME_COUNT:
        return None  # a Vietnamese syllable is judged as one (Dinhvà); an unknown name is not
    return f"{head} {word[-len(ending) :]}"


def _name_before_common_word(lower: str) -> bool:
    """Does ``lower`` end in one of the commonest words after three letters or more
    (``dinhvà``)? Two-letter heads are left alone: they are foreign names as often as slips
    (Gavà, Vilà, Macó)."""
    ending = _common_ending(lower)
    return ending is not None and len(lower) - len(ending) >= 3


def _common_ending(lower: str) -> str | None:
    """The longest of the commonest Vietnamese words with a mark (:func:`_commonest_words`)
    that ends ``lower`` after two letters or more: ``và`` for ``dinhvà``."""
    common = _commonest_words()
    longest = max(map(len, common), default=0)
    for length in range(min(longest, len(lower) - 2), 1, -1):
        if lower[-length:] in common:
            return lower[-length:]
    return None


@cache
def _commonest_words() -> frozenset[str]:
    """The Vietnamese words with a mark seen at least :data:`RUN_ON_MIN_COUNT` times, two
    letters or more (và, của, được, đã, ...)."""
    lex = generator().lex
    return frozenset(
        word
        for word in lex.vietnamese
        if len(word) > 1 and not word.isascii() and lex.count(word) >= RUN_ON_MIN_COUNT
    )


# A word of several syllables with marks (a transliteration: kílômét) that is rarer than
# LOANWORD_COUNT is a slip of the spelling with the same letters and other marks (kilômét)
# when that spelling is at least MIN_FREQUENT and this many times more frequent...
LOANWORD_SPELLING_RATIO = 20
# ...and the usual one: this many times more frequent than any other spelling of the letters,
# with marks or without (kilômét 273, kilomet 28; but ôxít 325, oxit 84: marks vary freely).
USUAL_SPELLING_RATIO = 5


def loanword_spelling(lower: str, count: int) -> str | None:
    """The usual spelling of a rare transliteration written with other tone or vowel marks:
    ``kílômét`` → ``kilômét``; None when there is none. Only for lower-case words: names
    are written in many ways (Phêrô, Têrêsa, Matxcơva)."""
    if count >= LOANWORD_COUNT or len(_VOWEL_GROUPS.findall(lower)) < 2 or lower.isascii():
        return None
    letters = _without_vowel_marks(lower)
    found = _marked_spellings().get(letters)
    if found is None or found.word == lower:
        return None
    if found.count < max(MIN_FREQUENT, LOANWORD_SPELLING_RATIO * (count + 1)):
        return None
    rival = max(found.runner_up, generator().lex.count(letters))
    return found.word if found.count >= USUAL_SPELLING_RATIO * rival else None


def _without_vowel_marks(lower: str) -> str:
    """``kílômét`` → ``kilomet``: tone and vowel marks removed, ``đ`` kept (not a mark)."""
    return "đ".join(strip_marks(part) for part in lower.split("đ"))


class _Spelling(NamedTuple):
    """The commonest marked spelling of some letters, its count and the next one's."""

    word: str
    count: int
    runner_up: int = 0


@cache
def _marked_spellings() -> dict[str, _Spelling]:
    """Letters without their tone and vowel marks → their commonest spelling with marks in
    the lexicon (``kilomet`` → ``kilômét``, 273 times, then ``kílômét``, 2)."""
    table: dict[str, _Spelling] = {}
    for word, seen in generator().lex.counts.items():  # commonest first
        if word.isascii():
            continue
        letters = _without_vowel_marks(word)
        found = table.get(letters)
        if found is None:
            table[letters] = _Spelling(word, seen)
        elif not found.runner_up:
            table[letters] = found._replace(runner_up=seen)
    return table


def _opens_sentence(token: Token, doc: Document) -> bool:
    """Does a word of three letters or more open a sentence after a space (not ``zing.vn``)?"""
    before = doc.text[token.start - 1 : token.start]
    return token.sentence_start and len(token.text) > 2 and (not before or before.isspace())


def _seen_beside(token: Token, doc: Document, lower: str) -> bool:
    """Is a well-formed syllable the corpora hardly know one the model has seen beside the
    very word it stands beside here, with no fix making a likelier pair? Then it is a rare
    word of its own: half of a reduplicative word (``lôm côm``, ``hềnh hệch``, ``rề rà``), a
    name (``Pà Thẻn``), a loanword (``chó béc giê``); but ``trau truốt`` is a slip, since
    ``trau chuốt`` is far likelier. Needs the model."""
    lm = language_model(doc)
    if lm is None or parse(canonical(lower)) is None:
        return False
    index = bisect_left(doc.starts, token.start)
    for side in (-1, 1):
        j = index + side
        if not 0 <= j < len(doc.tokens) or doc.tokens[j].kind != "word":
            continue
        other = doc.tokens[j]
        if not doc.one_space(*((other, token) if side < 0 else (token, other))):
            continue
        neighbour = canonical(other.text.lower())
        written = _seen_pair(lm, canonical(lower), neighbour, side)
        if written is None:
            continue
        fixes = generator().generate(lower)
        return all((_seen_pair(lm, c.word, neighbour, side) or written) <= written for c in fixes)
    return False


def _name_slip(lower: str) -> bool:
    """Could a capitalized word inside a sentence be a slip of a known syllable? Only if it
    keeps that syllable's letters: its marks are wrong (``Lien Xô``, ``Nhât Bản``), two
    neighbouring letters are swapped (``Chuâ``, ``Tổgn``) or a letter is doubled. Anything
    further off is a name of its own (``Ksơr``, ``Êa Tu``, ``Plây-cu``)."""
    bare = _without_vowel_marks(lower)
    for candidate in generator().generate(lower):
        word = candidate.word
        if len(word) == len(lower) and _without_vowel_marks(word) == bare:
            return True  # the same letters, other marks
        if _swapped(word, lower):
            return True  # two neighbouring letters swapped
    return _undoubled(lower)


def _swapped(a: str, b: str) -> bool:
    """Is ``b`` ``a`` with two neighbouring letters swapped?"""
    if len(a) != len(b):
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    return (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and a[diff[0]] == b[diff[1]]
        and a[diff[1]] == b[diff[0]]
    )


def _undoubled(lower: str) -> bool:
    """Is there a doubled letter whose removal gives a known syllable (``tronng``)?"""
    lex = generator().lex
    return any(
        lower[i] == lower[i + 1] and lower[:i] + lower[i + 1 :] in lex.vietnamese
        for i in range(len(lower) - 1)
    )


def _slip_of_common_word(lower: str) -> bool:
    """Is ``lower`` one letter away from a very common syllable?"""
    lex = generator().lex
    return any(
        c.kind == "edit" and lex.count(c.word) >= COMMON_SYLLABLE
        for c in generator().generate(lower)
    )


def _vni_residue(token: Token, lower: str, count: int) -> bool:
    """``vie65t`` is VNI residue, and so are ``na9m`` and ``ta5ic`` (one key wrong, see
    :func:`_typing_slips`); ``mi2``, ``CO3``, ``U23``, ``h5n1`` are units and codes."""
    word = token.text
    if count >= SLIP_MAX_COUNT:
        return False
    opening = token.sentence_start and word[:1].isupper() and word[1:].islower()
    if not (word.islower() or opening):
        return False
    if (
        not (word[-1].isdigit() and len(word) < 5)
        and decode_vni(lower) in generator().lex.vietnamese
    ):
        return True
    return bool(_typing_slips(lower, count))


# A word typed with one Telex or VNI key out of place is reported when it is unattested (seen
# fewer than this many times) and the syllable its keys spell then is at least this common.
SLIP_MAX_COUNT = 3
SLIP_MIN_COUNT = 10_000
# Keys typed in order (no key out of place) are stronger evidence: the syllable they spell need
# only be this common (about one syllable in 30,000 of the corpora).
RESIDUE_MIN_COUNT = 1_000
# What such a slip costs in context: as much as a wrong mark.
SLIP_COST_MISPLACED = SLIP_COST["mark"]


def _telex_residue(lower: str, count: int) -> bool:
    """Is an unattested word the Telex keys of a common syllable (``vieejt`` for ``việt``)?
    A rare syllable is no evidence: ``pis``, ``tif`` and ``tapas`` spell ``pí``, ``tì`` and
    ``tấp``, but are an abbreviation, a file extension and a Sanskrit word."""
    decoded = decode_telex(lower)
    lex = generator().lex
    if count >= SLIP_MAX_COUNT or decoded not in lex.vietnamese:
        return False
    return lex.count(decoded) >= RESIDUE_MIN_COUNT


def _typing_slips(lower: str, count: int) -> tuple[Candidate, ...]:
    """The common syllables that an unattested word, no syllable as written, spells with one
    input-method key out of place (:func:`~soat.syllable.typing.misplaced_telex`,
    :func:`~soat.syllable.typing.misplaced_vni`), commonest first."""
    if count >= SLIP_MAX_COUNT or lower in WELL_FORMED:
        return ()  # choòng is a rare word, not the keys of chồng
    return _misplaced(lower, SLIP_MIN_COUNT)


@lru_cache(maxsize=50_000)
def _misplaced(lower: str, least: int, loose: bool = False) -> tuple[Candidate, ...]:
    """The known syllables at least ``least`` common that ``lower`` spells with one key out of
    place (or, ``loose``, one key too many or too few), as ``typing`` candidates, commonest
    first."""
    lex = generator().lex
    if any(ch.isdigit() for ch in lower):
        readings = misplaced_vni(lower)
    else:
        readings = misplaced_telex(lower) | (miskeyed_telex(lower) if loose else set())
    found = sorted(
        (w for w in readings if w in lex.vietnamese and lex.count(w) >= least),
        key=lex.count,
        reverse=True,
    )
    return tuple(Candidate(w, "typing", SLIP_COST_MISPLACED) for w in found)


def candidates(lower: str, kind: str | None = None) -> tuple[Candidate, ...]:
    """The fixes of a word :func:`classify` flags as ``kind``, best first before context: the
    generator's, and for typing residue it cannot decode, the keys' readings with one key out
    of place (``ngfay`` → ``ngày``), as for a non-word with half-typed marks (``môtj`` →
    ``một``, ``đax`` → ``đã``); for a rare spelling of a loanword, its usual spelling."""
    if kind == "loanword":
        spelling = loanword_spelling(lower, generator().lex.count(lower))
        return (Candidate(spelling, "mark", SLIP_COST["mark"]),) if spelling else ()
    found = generator().generate(lower)
    if kind == "typing" and not any(c.kind == "typing" for c in found):
        return _with_slips(_misplaced(lower, SLIP_MIN_COUNT), found)
    if kind == "nonword":  # môtj, đươcj, đax: half-typed marks the generator cannot read
        slips = _misplaced(lower, CONTEXT_EDIT_MIN_COUNT, loose=True)
        return _with_slips(slips, found) if slips else found
    return found


def _with_slips(
    slips: tuple[Candidate, ...], found: tuple[Candidate, ...]
) -> tuple[Candidate, ...]:
    """``slips`` first, then the other candidates of ``found``; a word in both keeps the
    cheaper slip (``coo`` is ``cô`` typed in Telex, not a key out of place)."""
    generated = {c.word: c for c in found}
    first = tuple(min(c, generated.get(c.word, c), key=lambda x: x.cost) for c in slips)
    words = {c.word for c in slips}
    return first + tuple(c for c in found if c.word not in words)


_APOSTROPHES = frozenset("'’")
# Letters of pinyin's tones that Vietnamese never writes (the macron, the caron; other
# romanizations use them too: Tōkyō, Mahābhārata), and Chinese or Japanese characters, whose
# readings stand beside them (兩廣 liăng guăng, キー "kii"); a word this close to one is taken
# for a romanized foreign word.
_ROMAN_CUE = regex.compile(r"[āǎēěīǐōǒūǔǖǘǚǜĀǍĒĚĪǏŌǑŪǓǕǗǙǛ\p{Han}\p{Hiragana}\p{Katakana}]")
ROMAN_REACH = 12
# A transliterated name's first part and any later ones, hyphen-joined up to a word
# (Cô-oét, Oa-sinh-tơn, Xê-ma-scô).
_NAME_PART = regex.compile(r"(?<![\p{L}\p{M}])\p{Lu}[\p{L}\p{M}]*(?:-[\p{L}\p{M}]+)*-$")
_LATIN = regex.compile(r"[\p{Latin}\p{M}\d'’]+")
_LETTERS = regex.compile(r"[\p{Latin}\p{M}]+")
_VOWEL_GROUPS = regex.compile(f"[{VOWEL_LETTERS}]+")


def english_words() -> frozenset[str]:
    from soat.rules.foreign import english_words as shipped

    return shipped()


def _address(doc: Document, token: Token) -> bool:
    from soat.rules.foreign import in_address

    return in_address(doc, token)


@dataclass
class Context:
    """A document's clauses as the model sees them, and its non-words' ranked fixes.

    ``rescued`` holds the word tokens :func:`classify` let pass (rare loanwords, foreign or
    bare-letter words) that the model shows to be slips of a common syllable in context
    (``bênh vbà bảo vệ``, ``trong lich sử``, ``lấy yws tưởng``), and capitalized words that
    are a frequent name with their marks (``Hy Lap``, see :func:`_marked_name`); they are
    reported as non-words too."""

    segments: list[Segment]
    eligible: list[list[bool]]
    fixes: dict[int, list[Candidate]]
    rescued: set[int] = field(default_factory=set)
    # Per clause and position, the gain a change needs beyond the level's threshold: 0 for
    # most words, NAME_EXTRA for a capitalized word inside a sentence (part of a name), and
    # CLAUSE_START_EXTRA more for a word opening a clause.
    extra: list[list[float]] = field(default_factory=list)
    # Per clause and position, is the word part of a name (judged on NAME_EXTRA)?
    named: list[list[bool]] = field(default_factory=list)
    # Per clause and position, is the word inside a quotation that ``keep_quotes`` leaves as
    # written? Only VI_CONTEXT keeps off it: a non-word or a well-known misspelling
    # (``từ giả``) is reported in a quotation too.
    kept: list[list[bool]] = field(default_factory=list)


def language_model(doc: Document):
    if not doc.options.use_model:
        return None
    from soat.lm.model import model

    return model()


def _eligible(token: Token, doc: Document) -> bool:
    """May the context rule change this word? Known lower-case Vietnamese syllables only."""
    if token.is_capitalized and (not token.sentence_start or token.text.isupper()):
        return False
    lower = token.text.lower()
    if lower in doc.options.user_words:
        return False
    return canonical(lower) in generator().lex.vietnamese


# A capitalized word inside a sentence is part of a name, which the context rule changes only
# on this much more evidence (log10) than other words need: Thái Binh Dương, Quốc Từ Giám,
# chúa Nguyền Hoàng; names are often rare (Thanh Bính, ông Chủng), so a spelling the
# document repeats is taken as meant.
NAME_EXTRA = 2.0


# A word opening a clause (the first of its segment, or after a comma) has context on one
# side only, so a change there needs this much more gain (log10). The dev set hardly moves
# (detection F1 0.6807 without it, 0.6814 at 0.5, 0.676 at 0.75); on 1,479 held-out and tune
# texts, 27 of the 35 flags it drops are false (Ví phải được giữ, cái kết... quá đắng).
CLAUSE_START_EXTRA = 0.5


_JOINING_HYPHEN = regex.compile(r"(?<=\p{L}\p{M}*)-(?=\p{L})")


def hyphen_joined(doc: Document) -> frozenset[int]:
    """The indexes of the word tokens joined to a word by a hyphen, as the syllables of a
    transliteration or a loanword are (``ra-đa``, ``Mát-xcơ-va``, ``xy-lanh``; computed once)."""
    found = doc.notes.get("hyphen_joined")
    if found is None:
        joined = set()
        for hyphen in _JOINING_HYPHEN.finditer(doc.text):
            after = bisect_left(doc.starts, hyphen.start() + 1)  # the token just after it
            joined.update(i for i in (after - 2, after) if 0 <= i < len(doc.tokens))
        found = doc.notes["hyphen_joined"] = frozenset(
            i for i in joined if doc.tokens[i].kind == "word"
        )
    return found


def _name_part(token: Token, doc: Document) -> bool:
    """May the context rule change a capitalized word inside a sentence (``NAME_EXTRA``)?
    Only a well-formed syllable (known, or an unknown one such as ``Khứng`` in ``Sở Giao
    dịch Khứng khoán``), not an acronym or a word of the user's, written so once in the
    document."""
    word = token.text
    if not token.is_capitalized or token.sentence_start or len(word) < 2 or word.isupper():
        return False
    lower = word.lower()
    if _users_word(word, doc):
        return False
    if lower not in WELL_FORMED and canonical(lower) not in generator().lex.vietnamese:
        return False
    counts = doc.notes.get("word_counts")
    if counts is None:
        counts = doc.notes["word_counts"] = Counter(map(doc.texts.__getitem__, doc.indexes("word")))
    return counts[word] == 1


# A word token classify lets pass is a slip in context (Context.rescued) when it is rarer than
# this in the corpora, and its best fix gains this much (log10, slip cost included) over it as
# written. Tuned on the dev set and on tune documents, where every such flag was a real slip.
RESCUE_MAX_COUNT = 100
RESCUE_GAIN = 2.5


def _rescuable(token: Token, doc: Document) -> bool:
    """Might a word token that :func:`classify` let pass still be a slip? Only a rare word of
    Latin letters, written in lower case (or opening a sentence), neither a known Vietnamese
    syllable nor an acronym, a code or a word of the user's."""
    word = token.text
    lower = word.lower()
    if word[:1].isupper() and not token.sentence_start or (len(word) > 1 and word.isupper()):
        return False
    if _users_word(word, doc):
        return False
    if not _LETTERS.fullmatch(word) or canonical(lower) in generator().lex.vietnamese:
        return False
    return generator().lex.count(lower) < RESCUE_MAX_COUNT


def _rescue(scorer, segment: Segment, position: int, lower: str) -> list[Candidate] | None:
    """The fixes of a :func:`_rescuable` word, best first, when the best one passes
    ``RESCUE_GAIN`` beside a Vietnamese syllable; else None."""
    from soat.lm.context import ranked_gains

    lex = generator().lex
    generated = tuple(
        c
        for c in generator().generate(lower)
        if c.kind != "edit" or lex.count(c.word) >= CONTEXT_EDIT_MIN_COUNT
    )
    # yws, đx: a Telex key too many or too few, which the generator does not read
    found = _with_slips(_misplaced(lower, CONTEXT_EDIT_MIN_COUNT, loose=True), generated)
    if not found:
        return None
    words = segment.words
    neighbours = words[max(0, position - 1) : position] + words[position + 1 : position + 2]
    if not any(w in lex.vietnamese for w in neighbours):
        return None
    ranked = ranked_gains(scorer, position, found)
    if ranked[0][0] < RESCUE_GAIN:
        return None
    return [c for _, c in ranked]


# A capitalized word that is no syllable (Lap, Lien) beside a capitalized syllable is a name
# missing its marks when the marked pair is a frequent name that the model saw (Hy Lạp, Liên
# Xô: log10 P(pair) at least this, a bigram of the model) and the pair as written is unseen;
# a name used on its own (seen this often as written) is left alone.
NAME_MIN_PAIR = -5.0
NAME_MAX_COUNT = RESCUE_MAX_COUNT


def _unmarked_name_part(token: Token, doc: Document) -> bool:
    """Might a word token be part of a Vietnamese name written without its marks? Only a
    capitalized word of bare letters that is no syllable, rarely seen as written, and neither
    an acronym nor a word of the user's."""
    word = token.text
    if not token.is_capitalized or (len(word) > 1 and word.isupper()):
        return False
    if not (word.isascii() and word.isalpha()) or (lower := word.lower()) in WELL_FORMED:
        return False
    if _users_word(word, doc):
        return False
    return generator().lex.count(lower) < NAME_MAX_COUNT


def _marked_name(lm, doc: Document, segment: Segment, position: int) -> list[Candidate] | None:
    """The marked forms of an :func:`_unmarked_name_part`, the one that makes a frequent name
    with a capitalized neighbour first (``Hy Lap`` → ``Lạp``); None when there is none."""
    lex = generator().lex
    lower = segment.words[position]
    marked: list[Candidate] | None = None
    best: tuple[float, Candidate] | None = None
    for side in (-1, 1):
        at = position + side
        if not 0 <= at < len(segment.words) or segment.tokens[at] is None:
            continue
        neighbour = doc.tokens[segment.tokens[at]]
        other = canonical(neighbour.text.lower())
        if not neighbour.is_capitalized or other not in lex.vietnamese:
            continue  # most foreign names: no capitalized Vietnamese syllable beside them
        if _seen_pair(lm, lower, other, side) is not None:
            continue  # the pair as written is a name the corpora use (Viet Nam)
        if marked is None:
            found = generator().generate(lower, edits=False)
            marked = [c for c in found if c.kind in ("tone", "mark")]
        for candidate in marked:
            pair = _seen_pair(lm, candidate.word, other, side)
            if pair is not None and pair >= NAME_MIN_PAIR and (best is None or pair > best[0]):
                best = (pair, candidate)
    if best is None or marked is None:
        return None
    return [best[1]] + [c for c in marked if c != best[1]]


def _seen_pair(lm, word: str, neighbour: str, side: int) -> float | None:
    """log10 P of ``word`` and its ``neighbour`` (before it when ``side`` is -1, else after)
    as a pair, when the model saw that bigram; else None."""
    pair = f"{neighbour} {word}" if side < 0 else f"{word} {neighbour}"
    (first, _, _), (second, length, _) = lm.model.full_scores(pair, bos=False, eos=False)
    return first + second if length == 2 else None


def context(doc: Document) -> Context:
    """The document prepared for the language model (computed once per document)."""
    cached = doc.notes.get("context")
    if cached is not None:
        return cached
    lm = language_model(doc)
    if lm is None:  # without the model a non-word's fixes keep the generator's order
        found = doc.notes["context"] = Context([], [], {})
        return found
    from soat.lm.context import Scorer, rerank

    flagged = classified(doc)
    # Eligibility depends on the spelling and on whether the word opens a sentence: judged
    # once per distinct pair, not once per token.
    eligible_as: dict[tuple[str, bool], bool] = {}
    found = Context([], [], {})
    joined = hyphen_joined(doc)
    quoted = quoted_words(doc) if doc.options.keep_quotes else frozenset()
    for segment in segments(doc.tokens):
        eligible = []
        rescuable = []
        names = []  # capitalized words that may be names missing their marks (Hy Lap)
        scorer = None  # built at the clause's first non-word, kept in step with its fixes
        extra = [0.0] * len(segment.tokens)
        named = [False] * len(segment.tokens)
        kept = [index in quoted for index in segment.tokens]
        for position, index in enumerate(segment.tokens):
            token = doc.tokens[index] if index is not None else None
            if token is None or token.kind != "word":
                eligible.append(False)
                continue
            if index in flagged:
                ranked = candidates(token.text.lower(), flagged[index])
                if ranked:
                    if scorer is None:
                        scorer = Scorer(lm, segment.words)
                    ranked = rerank(scorer, position, ranked)
                    segment.words[position] = ranked[0].word
                    scorer.replace(position, ranked[0].word)
                found.fixes[index] = list(ranked)
                eligible.append(False)
                continue
            if index in joined:
                eligible.append(False)  # a syllable of a transliteration: ra-đa, Mát-xcơ-va
                continue
            key = (token.text, token.sentence_start)
            ok = eligible_as.get(key)
            if ok is None:
                ok = eligible_as[key] = _eligible(token, doc)
            if not ok and _name_part(token, doc):
                ok = named[position] = True
                extra[position] = NAME_EXTRA
            if ok and (position == 0 or segment.words[position - 1] == COMMA_TOKEN):
                extra[position] += CLAUSE_START_EXTRA
            eligible.append(ok)
            if not ok and _rescuable(token, doc):
                rescuable.append((position, index))
            if not ok and _unmarked_name_part(token, doc):
                names.append((position, index))
        for position, index in rescuable:  # judged with every non-word of the clause fixed
            if scorer is None:
                scorer = Scorer(lm, segment.words)
            ranked = _rescue(scorer, segment, position, doc.tokens[index].text.lower())
            if ranked is not None:
                found.fixes[index] = ranked
                found.rescued.add(index)
                segment.words[position] = ranked[0].word
                scorer.replace(position, ranked[0].word)
        for position, index in names:
            ranked = None if index in found.rescued else _marked_name(lm, doc, segment, position)
            if ranked is not None:
                found.fixes[index] = ranked
                found.rescued.add(index)
                segment.words[position] = ranked[0].word
                if scorer is not None:
                    scorer.replace(position, ranked[0].word)
        found.segments.append(segment)
        found.eligible.append(_not_right_as_written(segment.words, eligible))
        found.extra.append(extra)
        found.named.append(named)
        found.kept.append(kept)
    doc.notes["context"] = found
    return found


def _not_right_as_written(words: list[str], eligible: list[bool]) -> list[bool]:
    """``eligible`` with the words of a phrase that is right as written (``confusions.tsv``'s
    ``=`` lines: ``để dành được``, ``mi mắt``) made ineligible for both context rules."""
    from soat.rules.context import known_confusions  # that module imports this one

    known = known_confusions()
    if known.right_words.isdisjoint(words):
        return eligible
    return [ok and not known.is_right(words, i) for i, ok in enumerate(eligible)]


def fixes_for(doc: Document, index: int) -> tuple[Candidate, ...]:
    """Fixes for the word token at ``index``, ranked in context when the model is on."""
    ranked = context(doc).fixes.get(index)
    if ranked is None:
        ranked = list(candidates(doc.tokens[index].text.lower(), classified(doc).get(index)))
    return tuple(ranked[:MAX_FIXES])
