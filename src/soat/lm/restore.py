"""Diacritic restoration: ``toi di hoc`` → ``tôi đi học``.

Every syllable typed without marks could be any Vietnamese syllable with the same bare letters
(``hoc`` → học, hóc, hộc...). Each clause becomes a lattice of those candidates and a beam
search with the language model picks the likeliest sentence; hypotheses that end in the same two
words are merged (the model is a trigram, so they can never be told apart later). The result is
written back letter by letter: only the marks of letters change (``d`` may become ``đ``), so the
length, the spacing and every other character stay exactly as given. Start at :func:`restore`.
"""

from __future__ import annotations

from functools import cache, lru_cache
from operator import itemgetter

import kenlm

from soat.lm.labels import MARK_AFTER, labels
from soat.lm.model import LanguageModel, model
from soat.lm.segments import segments
from soat.syllable.candidates import generator
from soat.syllable.grammar import canonical
from soat.syllable.typing import strip_marks
from soat.text.normalize import normalize
from soat.text.tokenize import Token, tokenize

# Tuned on the tune split (`soat eval restore --split tune --docs 300`), with the C++ search:
# beam 8, 10 variants, floor 1e-3: 97.37% of syllables right at 48.9k syllables/s; beam 16: 97.46%
# at 40.7k; beam 16, 16 variants, floor 1e-4: 97.56% at 32.0k; wider gains nothing (97.56% at
# 24 or 32 variants). The Python search is about 2.5 times slower. Offering the bare letters of
# a loanword (cup, top) and the marks the corpora give a word that is no syllable (đắk, đt):
# 97.74%; spelling one-word clauses as the corpora do before their mark (Ảnh:): 97.81%.
BEAM = 16
MAX_VARIANTS = 16
# A variant this many times rarer than the commonest one with the same letters is not offered.
RARE_VARIANT = 1e-4


def _with_case(word: str, model_word: str) -> str:
    """``word`` with the letter-by-letter case of ``model_word`` (same length)."""
    if model_word.islower():
        return word  # most words: nothing to copy
    return "".join(
        ch.upper() if orig.isupper() else ch for ch, orig in zip(word, model_word, strict=True)
    )


# The bare letters of a word: asked three times for every word restored, of a few thousand
# distinct words.
_bare_letters = lru_cache(maxsize=65536)(strip_marks)


@lru_cache(maxsize=65536)
def _variants(word: str, keep_marked: bool) -> list[str]:
    """The lattice column of a word as written (shared: do not modify)."""
    lower = word.lower()
    bare = _bare_letters(lower)
    if keep_marked and bare != lower:
        return [canonical(lower)]
    return _bare_variants(bare) or _other_spellings(lower, bare)


# A word that is no syllable gets the marks the corpora give it at least this often.
OTHER_SPELLING_COUNT = 20


def _other_spellings(lower: str, bare: str) -> list[str]:
    """The column of a word that is no Vietnamese syllable: as written, or as the corpora
    write it with marks (``dak lak`` → ``đắk lắk``, ``dt`` → ``đt``: ĐT Việt Nam, the national
    team; ``dna`` stays, ``moto`` may become ``môtô``)."""
    written = canonical(lower)
    return [written, *(word for word in _marked_words().get(bare, ()) if word != written)]


@cache
def _marked_words() -> dict[str, tuple[str, ...]]:
    """Bare letters → the words the corpora write with marks at least
    :data:`OTHER_SPELLING_COUNT` times that are no Vietnamese syllable (place names such as
    ``đắk``, acronyms such as ``đbscl``, loanwords such as ``môtô``), commonest first."""
    lex = generator().lex
    table: dict[str, list[str]] = {}
    for word, count in lex.counts.items():
        if count >= OTHER_SPELLING_COUNT and word not in lex.vietnamese and word.isalpha():
            bare = _bare_letters(word)
            if bare != word:
                table.setdefault(bare, []).append(word)
    return {
        bare: tuple(sorted(words, key=lex.count, reverse=True)) for bare, words in table.items()
    }


@lru_cache(maxsize=65536)
def _bare_variants(bare: str) -> list[str]:
    """The syllables spelt with these bare letters, commonest first (and the bare letters
    themselves where the corpora often write a loanword so), without the ones so rare beside
    the commonest that the model would never choose them."""
    found = generator().by_bare.get(bare, [])[:MAX_VARIANTS]
    if not found:
        return []
    lex = generator().lex
    if bare not in found and lex.count(bare) >= OTHER_SPELLING_COUNT:
        found = [*found, bare]  # a loanword no syllable can spell: cup (World Cup), top, hot
    floor = max(map(lex.count, found)) * RARE_VARIANT
    return [word for word in found if lex.count(word) >= floor]


def _one_word_clause(text: str, token: Token, column: list[str]) -> list[str]:
    """The column of a clause of one word, which the model never saw alone: the spelling the
    corpora give it before the mark that ends it, when they agree (``Anh: Reuters`` is a
    caption, ``Ảnh``; ``(Anh)`` is the country); else the column as it is."""
    after = MARK_AFTER.match(text, token.end)
    if after is None:
        return column
    spelling = labels().get((_bare_letters(column[0]), after.group(1)))
    return [spelling] if spelling in column else column


def best_path(lm: LanguageModel, lattice: list[list[str]]) -> list[str]:
    """The likeliest word sequence through ``lattice`` (one list of candidates per position):
    in C++ when ``soat.lm._native`` is built, else :func:`python_best_path`, with the same
    answer."""
    if lm.native is not None:
        return [column[i] for column, i in zip(lattice, lm.best_path(lattice, BEAM), strict=True)]
    return python_best_path(lm, lattice)


def python_best_path(
    lm: LanguageModel, lattice: list[list[str]], beam_width: int = BEAM
) -> list[str]:
    """The beam search of :func:`best_path` in Python (the reference the C++ one matches).

    A hypothesis is ``(score, state, last word, back-pointer)``; the back-pointers form a
    linked list, so extending a hypothesis copies nothing, and the link is made only for the
    hypotheses the beam keeps. A hypothesis with the same model state and last word as an
    earlier one that scores at least as well is not extended: each of its extensions would
    meet the earlier one's in the same merge and lose (or tie, and the first one stays)."""
    score_word, new_state = lm.model.BaseScore, kenlm.State
    beam: list[tuple] = [(0.0, lm.begin(), "<s>", None)]
    for candidates in lattice:
        merged: dict[tuple[str, str], tuple] = {}
        kept_at = merged.get
        best_seen: dict[tuple, float] = {}
        for score, state, last, back in beam:
            seen = best_seen.get((state, last))
            if seen is not None and seen >= score:
                continue
            best_seen[state, last] = score
            for word in candidates:
                after = new_state()
                total = score + score_word(state, word, after)
                key = (last, word)
                kept = kept_at(key)
                if kept is None or kept[0] < total:
                    merged[key] = (total, after, word, back)
        chosen = merged.values()
        if len(merged) > beam_width:
            # heapq.nlargest's documented equivalent (ties keep their order), in C.
            chosen = sorted(chosen, key=itemgetter(0), reverse=True)[:beam_width]
        beam = [(total, after, word, (word, back)) for total, after, word, back in chosen]
    best = max(beam, key=lambda h: h[0] + lm.end(h[1]))
    path: list[str] = []
    node = best[3]
    while node is not None:
        path.append(node[0])
        node = node[1]
    return path[::-1]


def restore(text: str, keep_marked: bool = True) -> str:
    """``text`` with tone marks and diacritics restored; nothing else changes."""
    norm = normalize(text, legacy=False)
    tokens = tokenize(norm.text)
    lm = model()
    pieces = list(text)
    identity = norm.offsets.identity  # nothing was normalized: offsets are the same
    for segment in segments(tokens, min_words=1):
        lattice = []
        for word, index in zip(segment.words, segment.tokens, strict=True):
            token = tokens[index] if index is not None else None
            if token is None or token.kind != "word":
                lattice.append([word])
            else:
                lattice.append(_variants(token.text, keep_marked))
        if len(lattice) == 1 and len(lattice[0]) > 1:
            lattice[0] = _one_word_clause(norm.text, tokens[segment.tokens[0]], lattice[0])
        for chosen, index in zip(best_path(lm, lattice), segment.tokens, strict=True):
            if index is None or tokens[index].kind != "word":
                continue
            token = tokens[index]
            start, end = token.start, token.end
            if not identity:
                start, end = norm.span(start, end)
            original = text[start:end]
            if chosen == original:
                continue
            if len(chosen) != len(original) or _bare_letters(chosen) != _bare_letters(
                original.lower()
            ):
                continue
            pieces[start:end] = _with_case(chosen, original)
    return "".join(pieces)
