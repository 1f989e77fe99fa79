"""What the token and context rules share: how a word token is judged, and its fixes in context.

:func:`classify` says what is wrong with a word token (``placement``, ``typing``, ``nonword``
or nothing). :func:`context` prepares a document for the language model once: its clauses,
with every non-word replaced by its best fix so that it does not spoil its neighbours' context,
and the fixes of each non-word re-ranked in context. Both are cached on the document.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from soat.document import Document
from soat.lm.segments import Segment, segments
from soat.syllable.candidates import CONTEXT_EDIT_MIN_COUNT, Candidate, generator
from soat.syllable.grammar import WELL_FORMED, canonical, parse
from soat.syllable.typing import MAX_WORD_LETTERS, VOWEL_LETTERS, decode_telex, decode_vni
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
        doc.notes["classified"] = found
    return found


def _classify(token: Token, doc: Document) -> str | None:
    """What is wrong with a word token: ``placement``, ``typing``, ``nonword`` or None."""
    word = token.text
    lower = word.lower()
    if lower in WELL_FORMED and canonical(lower) in generator().lex.known_syllables:
        return None  # most words: a known syllable (every test before this one returns None too)
    if lower in doc.options.user_words or word in doc.options.user_words:
        return None
    if (len(word) > 1 and word.isupper()) or not _LATIN.fullmatch(word) or _APOSTROPHES & set(word):
        return None  # an acronym, a word of another script, a name such as H'Hen
    if _NAME_PART.search(doc.text, max(0, token.start - 40), token.start):
        return None  # a later part of a hyphenated transliterated name (Cô-oét, Xa-ba)
    lex = generator().lex
    if lower in WELL_FORMED and (
        canonical(lower) in lex.known_syllables
        or (token.is_capitalized and not token.sentence_start)
    ):
        return None  # a known syllable, or an unusual name (Yêng) that is still well formed
    count = lex.count(lower)
    if any(ch.isdigit() for ch in word):
        return "typing" if _vni_residue(word, lower, count) else None
    placed = canonical(lower)
    if placed != lower and placed in lex.vietnamese:
        return None if token.is_capitalized and count >= 2 else "placement"
    camel = any(ch.isupper() for ch in word[1:])
    if (
        count == 0
        and (camel or not token.is_capitalized or is_vietnamese_looking(word))
        and split_words(word, language_model(doc)) is not None
    ):
        return "split"
    english = not is_vietnamese_looking(word) and lower in english_words()
    if token.is_capitalized and not is_vietnamese_looking(word):
        # A foreign name, or a foreign word opening a sentence; but a sentence may also open
        # with a slip of a common word (Tromg for Trong).
        if english or count or not _opens_sentence(token, doc) or not _slip_of_common_word(lower):
            return None
    if english:
        return None
    if decode_telex(lower) in lex.vietnamese and count < 3:
        return "typing"
    if len(_VOWEL_GROUPS.findall(lower)) > 1:
        return None  # several syllables in one word: a transliteration (kílômét, Phêrô)
    fixes = generator().generate(lower, edits=False)
    if _slip_of_common_word(lower) and (_undoubled(lower) or _opens_sentence(token, doc)):
        return "nonword"  # tronng, Tromg: one slip away from a very common syllable
    if not is_vietnamese_looking(word) and parse(lower) is None:
        # A bare ASCII word: Vietnamese typed without marks only if marks alone fix it.
        fixes = tuple(c for c in fixes if c.kind in _DIACRITIC_KINDS)
        if not fixes:
            return None
    if count >= LOANWORD_COUNT:
        # Attested often enough to be a loanword (crôm, ôxit), unless it is a known typo of a
        # far more frequent syllable (nguời for người).
        if not fixes or lex.count(fixes[0].word) < TYPO_RATIO * count:
            return None
    return "nonword"


# A word run together from two syllables is reported when both are at least this common and,
# with the model, the second follows the first often enough (log10 P(second | first)).
SPLIT_MIN_COUNT, SPLIT_MIN_BIGRAM = 1000, -2.5
# A non-word one letter away from a syllable this common is a slip of it.
COMMON_SYLLABLE = 50_000


def split_words(word: str, lm) -> str | None:
    """``lậptức`` → ``lập tức``, ``trướcCộng`` → ``trước Cộng``: two syllables run together
    (never in a word longer than two syllables can be: the search is quadratic)."""
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


def _opens_sentence(token: Token, doc: Document) -> bool:
    """Does a word of three letters or more open a sentence after a space (not ``zing.vn``)?"""
    before = doc.text[token.start - 1 : token.start]
    return token.sentence_start and len(token.text) > 2 and (not before or before.isspace())


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


def _vni_residue(word: str, lower: str, count: int) -> bool:
    """``vie65t`` is VNI residue; ``mi2``, ``CO3``, ``U23`` are units and codes."""
    if not word.islower() or count >= 3 or word[-1].isdigit() and len(word) < 5:
        return False
    return decode_vni(lower) in generator().lex.vietnamese


_APOSTROPHES = frozenset("'’")
_NAME_PART = regex.compile(r"(?<![\p{L}\p{M}])\p{Lu}[\p{L}\p{M}]*-$")
_LATIN = regex.compile(r"[\p{Latin}\p{M}\d'’]+")
_LETTERS = regex.compile(r"[\p{Latin}\p{M}]+")
_VOWEL_GROUPS = regex.compile(f"[{VOWEL_LETTERS}]+")


def english_words() -> frozenset[str]:
    from soat.rules.foreign import english_words as shipped

    return shipped()


@dataclass
class Context:
    """A document's clauses as the model sees them, and its non-words' ranked fixes.

    ``rescued`` holds the word tokens :func:`classify` let pass (rare loanwords, foreign or
    bare-letter words) that the model shows to be slips of a common syllable in context
    (``bênh vbà bảo vệ``, ``trong lich sử``); they are reported as non-words too."""

    segments: list[Segment]
    eligible: list[list[bool]]
    fixes: dict[int, list[Candidate]]
    rescued: set[int] = field(default_factory=set)


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
    if lower in doc.options.user_words or word in doc.options.user_words:
        return False
    if not _LETTERS.fullmatch(word) or canonical(lower) in generator().lex.vietnamese:
        return False
    return generator().lex.count(lower) < RESCUE_MAX_COUNT


def _rescue(scorer, segment: Segment, position: int, lower: str) -> list[Candidate] | None:
    """The fixes of a :func:`_rescuable` word, best first, when the best one passes
    ``RESCUE_GAIN`` beside a Vietnamese syllable; else None."""
    from soat.lm.context import ranked_gains

    lex = generator().lex
    candidates = tuple(
        c
        for c in generator().generate(lower)
        if c.kind != "edit" or lex.count(c.word) >= CONTEXT_EDIT_MIN_COUNT
    )
    if not candidates:
        return None
    words = segment.words
    neighbours = words[max(0, position - 1) : position] + words[position + 1 : position + 2]
    if not any(w in lex.vietnamese for w in neighbours):
        return None
    ranked = ranked_gains(scorer, position, candidates)
    if ranked[0][0] < RESCUE_GAIN:
        return None
    return [c for _, c in ranked]


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
    for segment in segments(doc.tokens):
        eligible = []
        rescuable = []
        scorer = None  # built at the clause's first non-word, kept in step with its fixes
        for position, index in enumerate(segment.tokens):
            token = doc.tokens[index] if index is not None else None
            if token is None or token.kind != "word":
                eligible.append(False)
                continue
            if index in flagged:
                ranked = generator().generate(token.text.lower())
                if ranked:
                    if scorer is None:
                        scorer = Scorer(lm, segment.words)
                    ranked = rerank(scorer, position, ranked)
                    segment.words[position] = ranked[0].word
                    scorer.replace(position, ranked[0].word)
                found.fixes[index] = list(ranked)
                eligible.append(False)
                continue
            key = (token.text, token.sentence_start)
            ok = eligible_as.get(key)
            if ok is None:
                ok = eligible_as[key] = _eligible(token, doc)
            eligible.append(ok)
            if not ok and _rescuable(token, doc):
                rescuable.append((position, index))
        for position, index in rescuable:  # judged with every non-word of the clause fixed
            if scorer is None:
                scorer = Scorer(lm, segment.words)
            ranked = _rescue(scorer, segment, position, doc.tokens[index].text.lower())
            if ranked is not None:
                found.fixes[index] = ranked
                found.rescued.add(index)
                segment.words[position] = ranked[0].word
                scorer.replace(position, ranked[0].word)
        found.segments.append(segment)
        found.eligible.append(eligible)
    doc.notes["context"] = found
    return found


def fixes_for(doc: Document, index: int) -> tuple[Candidate, ...]:
    """Fixes for the word token at ``index``, ranked in context when the model is on."""
    ranked = context(doc).fixes.get(index)
    if ranked is None:
        ranked = list(generator().generate(doc.tokens[index].text.lower()))
    return tuple(ranked[:MAX_FIXES])
