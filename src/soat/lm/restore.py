"""Diacritic restoration: ``toi di hoc`` → ``tôi đi học``.

Every syllable typed without marks could be any Vietnamese syllable with the same bare letters
(``hoc`` → học, hóc, hộc...). Each clause becomes a lattice of those candidates and a beam
search with the language model picks the likeliest sentence; hypotheses that end in the same two
words are merged (the model is a trigram, so they can never be told apart later). The result is
written back letter by letter: only the marks of letters change (``d`` may become ``đ``), so the
length, the spacing and every other character stay exactly as given. Start at :func:`restore`.
"""

from __future__ import annotations

from soat.lm.model import LanguageModel, model
from soat.lm.segments import segments
from soat.syllable.candidates import generator
from soat.syllable.grammar import canonical
from soat.syllable.typing import strip_marks
from soat.text.normalize import normalize
from soat.text.tokenize import tokenize

BEAM = 6
MAX_VARIANTS = 10


def _with_case(word: str, model_word: str) -> str:
    """``word`` with the letter-by-letter case of ``model_word`` (same length)."""
    return "".join(
        ch.upper() if orig.isupper() else ch for ch, orig in zip(word, model_word, strict=True)
    )


def _variants(word: str, keep_marked: bool) -> list[str]:
    lower = word.lower()
    bare = strip_marks(lower)
    if keep_marked and bare != lower:
        return [canonical(lower)]
    found = generator().by_bare.get(bare, [])[:MAX_VARIANTS]
    return found or [canonical(lower)]


def best_path(lm: LanguageModel, lattice: list[list[str]]) -> list[str]:
    """The likeliest word sequence through ``lattice`` (one list of candidates per position)."""
    beam = [(0.0, lm.begin(), ())]
    for candidates in lattice:
        merged: dict[tuple, tuple] = {}
        for score, state, path in beam:
            previous = path[-1] if path else "<s>"
            for word in candidates:
                gain, after = lm.step(state, word)
                total = score + gain
                key = (previous, word)
                if key not in merged or merged[key][0] < total:
                    merged[key] = (total, after, path + (word,))
        beam = sorted(merged.values(), key=lambda h: -h[0])[:BEAM]
    return list(max(beam, key=lambda h: h[0] + lm.end(h[1]))[2])


def restore(text: str, keep_marked: bool = True) -> str:
    """``text`` with tone marks and diacritics restored; nothing else changes."""
    norm = normalize(text, legacy=False)
    tokens = tokenize(norm.text)
    lm = model()
    pieces = list(text)
    for segment in segments(tokens, min_words=1):
        lattice = []
        for word, index in zip(segment.words, segment.tokens, strict=True):
            token = tokens[index] if index is not None else None
            if token is None or token.kind != "word":
                lattice.append([word])
            else:
                lattice.append(_variants(token.text, keep_marked))
        for chosen, index in zip(best_path(lm, lattice), segment.tokens, strict=True):
            if index is None or tokens[index].kind != "word":
                continue
            token = tokens[index]
            start, end = norm.span(token.start, token.end)
            original = text[start:end]
            if len(chosen) != len(original) or strip_marks(chosen) != strip_marks(original.lower()):
                continue
            pieces[start:end] = _with_case(chosen, original)
    return "".join(pieces)
