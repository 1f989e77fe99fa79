"""The language model's fast paths give exactly what the plain algorithms give.

Each fast path (bounds that settle a position with few model calls, a suffix-only rescoring, a
beam that skips dominated hypotheses, the screening in C++) is compared with a plain version.
"""

import heapq
import shutil
from operator import itemgetter

import kenlm
import pytest

from soat.lm import context, restore
from soat.lm.model import _native, model
from soat.lm.segments import segments
from soat.syllable.candidates import generator
from soat.syllable.typing import strip_marks
from soat.text.tokenize import tokenize

SENTENCES = [
    "Buổi hợp báo diễn ra sáng nay tại Hà Nội, các phóng viên đặt nhiều câu hỏi.",
    "Anh ấy luôn giữ bình tỉnh trong mọi tình huống và không bao giờ nổi nóng.",
    "Tôi đi hộc ở trường đại hoc bách khoa từ năm hai nghìn không trăm mười.",
    "Giá xăng dầu trong nước được điều chính tăng nhẹ từ 15 giờ chiều qua.",
    "Những người dân ở đây sống bằng nghề đánh cá và làm muối từ bao đời nay.",
]


def plain_corrections(lm, candidates, segment, eligible, threshold):
    """The context corrections with every candidate of every position scored in full."""
    scorer = context.Scorer(lm, segment.words)
    pending = {i for i, ok in enumerate(eligible) if ok}
    found, best_at = [], {}
    while pending or best_at:
        for position in pending:
            if scorer.original(position) > -(threshold + context.CHEAPEST_SLIP):
                best_at.pop(position, None)
                continue
            result = context._best(scorer, position, candidates.confusions(segment.words[position]))
            if result is not None:
                best_at[position] = result
        pending = set()
        if not best_at:
            break
        position, (candidate, gain, ranked) = max(best_at.items(), key=lambda kv: kv[1][1])
        rare = candidates.lex.count(candidate.word) < context.RARE_COUNT
        if gain <= threshold + (1.0 if rare else 0.0):
            break
        alternatives = tuple(word for g, word in ranked if g > 0)[:5]
        found.append(context.Correction(position, candidate, gain, alternatives))
        scorer.words[position] = candidate.word
        scorer._forward()
        del best_at[position]
        pending = {j for j in range(position - 2, position + 3) if j in best_at}
    return found


def plain_best_path(lm, lattice):
    """Beam search with every hypothesis extended and a back-pointer made for each."""
    beam = [(0.0, lm.begin(), "<s>", None)]
    for candidates in lattice:
        merged = {}
        for score, state, last, back in beam:
            for word in candidates:
                after = kenlm.State()
                total = score + lm.model.BaseScore(state, word, after)
                kept = merged.get((last, word))
                if kept is None or kept[0] < total:
                    merged[last, word] = (total, after, word, (word, back))
        beam = list(merged.values())
        if len(beam) > restore.BEAM:
            beam = heapq.nlargest(restore.BEAM, beam, key=itemgetter(0))
    best = max(beam, key=lambda h: h[0] + lm.end(h[1]))
    path, node = [], best[3]
    while node is not None:
        path.append(node[0])
        node = node[1]
    return path[::-1]


def all_words(sentence):
    (segment,) = segments(tokenize(sentence))
    return segment, [word.isalpha() for word in segment.words]


@pytest.fixture(params=["native", "python"])
def screening(request, monkeypatch):
    """The model, screening in C++ (soat.lm._native) or in Python."""
    lm = model()
    if request.param == "python":
        monkeypatch.setattr(lm, "native", None)
    elif lm.native is None:
        pytest.skip("soat.lm._native is not built (scripts/build_native.sh)")
    return lm


def test_pruned_corrections_equal_the_plain_ones(screening):
    candidates = generator()
    for sentence in SENTENCES:
        for threshold in (0.0, 1.0, 2.0):
            segment, eligible = all_words(sentence)
            fast = context.corrections(screening, candidates, segment, list(eligible), threshold)
            plain = plain_corrections(screening, candidates, segment, list(eligible), threshold)
            assert fast == plain


def test_native_verdicts_equal_the_python_ones(monkeypatch):
    lm, candidates = model(), generator()
    if lm.native is None:
        pytest.skip("soat.lm._native is not built (scripts/build_native.sh)")
    seen = set()
    for sentence in SENTENCES:
        segment, _ = all_words(sentence)
        scorer = context.Scorer(lm, segment.words)
        pending = set(range(len(segment.words)))  # the first and the last words included
        for threshold in (-1.0, 0.0, 1.0, 2.0, 4.0):
            native = context._verdicts(lm, candidates, None, segment.words, pending, threshold)
            with monkeypatch.context() as patch:
                patch.setattr(lm, "native", None)
                python = context._verdicts(
                    lm, candidates, scorer, segment.words, pending, threshold
                )
            assert native == python
            seen.update(python.values())
    assert seen == {context.PRUNED, context.NO_PASS, context.PASSES}  # all three compared


def test_native_screening_rejects_bad_arguments():
    lm = model()
    if lm.native is None:
        pytest.skip("soat.lm._native is not built (scripts/build_native.sh)")
    with pytest.raises(IndexError):
        _native.screen(lm.native, ["một"], [1], [((1.0, "mốt"),)], 2.0, 1.0)
    with pytest.raises(TypeError):
        _native.screen(lm.native, ["một"], [0], [((1.0, 3),)], 2.0, 1.0)
    with pytest.raises(ValueError):
        _native.screen(lm.native, ["một"], [0], [], 2.0, 1.0)


@pytest.mark.skipif(shutil.which("g++") is None, reason="no C++ compiler on this machine")
def test_the_native_screening_is_built_where_a_compiler_is():
    # scripts/setup.sh builds it; without it soat is right but slower.
    assert _native is not None and model().native is not None


def test_a_change_rescores_like_a_fresh_forward_pass():
    lm = model()
    segment, _ = all_words(SENTENCES[0])
    for position in (0, 3, len(segment.words) - 2, len(segment.words) - 1):
        changed = context.Scorer(lm, segment.words)
        changed.replace(position, "họp")
        fresh = context.Scorer(lm, changed.words)
        assert changed.scores == fresh.scores
        assert changed.states == fresh.states


def test_beam_search_equals_the_plain_one():
    lm = model()
    for sentence in SENTENCES:
        for segment in segments(tokenize(strip_marks(sentence)), min_words=1):
            lattice = [restore._variants(word, True) for word in segment.words]
            assert restore.best_path(lm, lattice) == plain_best_path(lm, lattice)


def test_the_non_words_of_a_clause_share_one_forward_pass(monkeypatch):
    from soat.check import make_options
    from soat.document import Document
    from soat.rules.analysis import context as prepared

    text = "tôi thich hoc ơ truong va ban toi cung thich hoc ơ truong nay lam " * 5
    passes = []
    original = context.Scorer._forward
    monkeypatch.setattr(context.Scorer, "_forward", lambda self: passes.append(1) or original(self))
    ready = prepared(Document.from_text(text, make_options()))
    assert len(ready.segments) == 1 and len(ready.fixes) >= 20
    assert len(passes) == 1
    # The fixes are those of a fresh scorer per non-word, the earlier fixes in place.
    doc = Document.from_text(text, make_options())
    (segment,) = segments(doc.tokens)
    words = list(segment.words)
    for position, index in enumerate(segment.tokens):
        if index in ready.fixes:
            word = doc.tokens[index].text.lower()
            fresh = context.rerank(
                context.Scorer(model(), words), position, generator().generate(word)
            )
            assert fresh == ready.fixes[index]
            words[position] = fresh[0].word
