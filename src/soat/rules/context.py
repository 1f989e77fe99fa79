"""The context rules: real syllables in the wrong place (``buổi hợp báo`` → ``buổi họp báo``).

The language-model work is in :mod:`soat.lm.context`; :class:`ContextSlip` runs it over the
document's clauses (prepared by :func:`soat.rules.analysis.context`) and turns each accepted
change into an issue whose confidence comes from the margin. :class:`KnownConfusion` reports
the well-known misspellings of ``data/confusions.tsv`` that the model has learnt from the
corpora (``che dấu``), where the model still prefers the right word in context.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from functools import cache
from typing import NamedTuple

from soat.document import Document
from soat.issue import Issue
from soat.rules import register
from soat.rules.analysis import context
from soat.rules.base import Rule
from soat.syllable.candidates import generator
from soat.syllable.grammar import canonical, match_case
from soat.syllable.lexicon import data_dir

_KIND_VI = {
    "tone": "sai dấu thanh",
    "mark": "sai dấu",
    "regional": "nhầm phụ âm/vần",
    "edit": "gõ nhầm",
    "placement": "đặt dấu sai chỗ",
    "typing": "gõ sót phím",
}
_KIND_EN = {
    "tone": "wrong tone mark",
    "mark": "wrong diacritic",
    "regional": "confused consonant or rhyme",
    "edit": "typo",
    "placement": "misplaced tone mark",
    "typing": "input-method residue",
}


@register
class ContextSlip(Rule):
    """A real syllable that does not fit its context: ``bình tỉnh`` → ``bình tĩnh``; inside a
    name only on much stronger evidence (``Quốc Từ Giám`` → ``Quốc Tử Giám``), and a word the
    passage is about needs more too (``vết thương phun máu đỏ`` is blood, not ``màu``). The
    words of a quotation are its speaker's and are left as written (``keep_quotes``)."""

    id = "VI_CONTEXT"
    category = "context"
    severity = "warning"
    needs_model = True
    description = "Từ có thật nhưng sai trong ngữ cảnh (dấu, phụ âm, gõ nhầm)."
    description_en = "A real word that is wrong in its context (tone, consonant, typo)."
    fires = (
        ("Buổi hợp báo diễn ra sáng nay.", "Buổi họp báo diễn ra sáng nay."),
        (
            "Anh ấy luôn giữ bình tỉnh trong mọi tình huống.",
            "Anh ấy luôn giữ bình tĩnh trong mọi tình huống.",
        ),
        (
            "Đoàn đã tới thăm Văn Miếu - Quốc Từ Giám vào sáng nay.",
            "Đoàn đã tới thăm Văn Miếu - Quốc Tử Giám vào sáng nay.",
        ),
    )
    silent = (
        "Buổi họp báo diễn ra sáng nay.",
        "Anh ấy luôn giữ bình tĩnh trong mọi tình huống.",
        "Hợp đồng được ký kết tại tỉnh Bình Dương.",
        "Ông Nguyễn Viết Dũng bị tạm giữ.",
        "Bệnh nhân bị đâm trên xương đòn, vết thương phun máu đỏ, được ép gạc cầm máu ngay.",
        "Ông kể: “Sự tranh chấp nầy đã kéo dài nhiều năm”.",
    )

    def check(self, doc: Document) -> Iterator[Issue]:
        found = list(self._changes(doc))
        fixes: dict[str, list[str]] = defaultdict(list)  # written word → its first fixes
        for issue in found:
            fixes[issue.text.lower()].append(issue.replacements[0].lower())
        for issue in found:
            wanted = fixes[issue.text.lower()]
            if len(wanted) >= TOPIC_MIN_FLAGS and len(set(wanted)) > 1:
                continue  # tỏi Trung Quốc → tới, tôi, tại: the article's subject, not a slip
            yield issue

    def _changes(self, doc: Document) -> Iterator[Issue]:
        from soat.lm.context import (  # kenlm
            THRESHOLDS,
            confidence,
            corrections,
            topic_lean,
            usage_lean,
            word_pairs,
        )
        from soat.lm.model import model
        from soat.lm.topic import topic_model

        prepared = context(doc)
        threshold = THRESHOLDS[doc.options.level]
        lm, candidates, topic = model(), generator(), topic_model()
        words = [word for segment in prepared.segments for word in segment.words]
        pairs = word_pairs(segment.words for segment in prepared.segments)
        start = 0
        clauses = zip(
            prepared.segments,
            prepared.eligible,
            prepared.extra,
            prepared.named,
            prepared.kept,
            strict=True,
        )
        for segment, eligible, extra, named, kept in clauses:
            first, start = start, start + len(segment.words)  # the clause's place in ``words``
            eligible = [ok and not quoted for ok, quoted in zip(eligible, kept, strict=True)]
            if not any(eligible):
                continue
            lean = usage_lean(topic_lean(topic, words, first), pairs, segment.words)
            # corrections() marks the positions it changes: it gets a fresh list
            changes = corrections(lm, candidates, segment, eligible, threshold, extra, lean)
            for change in changes:
                written = segment.words[change.position]
                if named[change.position] and len(change.candidate.word) < len(written):
                    continue  # a letter dropped from a name is a respelling: Thuy Trang, not Thu
                token = doc.tokens[segment.tokens[change.position]]
                fixes = [match_case(w, token.text) for w in change.alternatives]
                kind = change.candidate.kind
                message = (
                    f"“{token.text}” có lẽ {_KIND_VI.get(kind, 'sai')} trong ngữ cảnh này: "
                    f"“{fixes[0]}”."
                )
                message_en = (
                    f"“{token.text}” is probably a {_KIND_EN.get(kind, 'slip')} here: “{fixes[0]}”."
                )
                yield doc.issue(
                    self,
                    token.start,
                    token.end,
                    message,
                    message_en,
                    fixes,
                    confidence(change.gain, threshold),
                )


# A word the context rule would change in this many places of one document, towards different
# words, is the document's own subject that the model knows badly (tỏi Trung Quốc → tới, tôi,
# tại; dơi cắn → đói, rơi, đội), not a slip: a writer's slip has one fix everywhere (làng da →
# làn da four times). On 1,513 texts the 23 flags it drops, in 4 documents, are all false.
TOPIC_MIN_FLAGS = 3


class KnownConfusions(NamedTuple):
    """``data/confusions.tsv``: the misspelt word's syllables (as the model spells them) →
    (which of them is wrong, the right syllable); what a lookup needs to start; and the
    phrases that are right as written, which neither context rule changes: a phrase that holds
    a misspelt word's syllables (``để dành được``) or an accepted variant spelling that the
    model would take for a slip (``mi mắt``, ``xà lan``)."""

    table: dict[tuple[str, ...], tuple[int, str]]
    lengths: tuple[int, ...]  # of the misspelt words, longest first
    starts: frozenset[str]  # their first syllables
    right: tuple[tuple[str, ...], ...] = ()
    right_words: frozenset[str] = frozenset()  # the syllables of those phrases

    def is_right(self, words: list[str], i: int) -> bool:
        """Is ``words[i]`` part of one of the phrases that are right as written?"""
        if words[i] not in self.right_words:
            return False
        for phrase in self.right:
            n = len(phrase)
            if any(tuple(words[max(0, i - k) : i - k + n]) == phrase for k in range(n)):
                return True
        return False

    def at(self, words: list[str], i: int) -> tuple[int, str] | None:
        """The longest misspelt word that starts at ``words[i]``: (position, right syllable)."""
        if words[i] not in self.starts:
            return None
        for n in self.lengths:
            found = self.table.get(tuple(words[i : i + n]))
            if found is not None:
                return i + found[0], found[1]
        return None


@cache
def known_confusions() -> KnownConfusions:
    table, kept = {}, []
    for line in (data_dir() / "confusions.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("="):  # a phrase that is right as written
            kept.append(tuple(canonical(w) for w in line[1:].split()))
            continue
        wrong, right = (tuple(canonical(w) for w in side.split()) for side in line.split("\t"))
        (where,) = [i for i, (a, b) in enumerate(zip(wrong, right, strict=True)) if a != b]
        table[wrong] = (where, right[where])
    lengths = tuple(sorted({len(wrong) for wrong in table}, reverse=True))
    starts = frozenset(wrong[0] for wrong in table)
    right_words = frozenset(word for phrase in kept for word in phrase)
    return KnownConfusions(table, lengths, starts, tuple(kept), right_words)


# The model must like the right word better than the written one, in context, by this much
# (log10): a guard against a phrase that only looks like the misspelling (năng xuất khẩu).
KNOWN_CONFUSION_MARGIN = 0.5


@register
class KnownConfusion(Rule):
    """A well-known misspelling made of real syllables: ``che dấu`` → ``che giấu``."""

    id = "VI_KNOWN_CONFUSION"
    category = "context"
    severity = "warning"
    needs_model = True
    description = "Lỗi chính tả quen thuộc mà từ điển không bắt được (che dấu, dành được)."
    description_en = "A well-known misspelling made of real syllables (che dấu, dành được)."
    fires = (
        ("Họ cố che dấu sự thật.", "Họ cố che giấu sự thật."),
        ("Đội tuyển đã dành được chiến thắng.", "Đội tuyển đã giành được chiến thắng."),
        ("Lãi xuất ngân hàng tăng.", "Lãi suất ngân hàng tăng."),
    )
    silent = (
        "Họ cố che giấu sự thật.",
        "Khả năng xuất khẩu của doanh nghiệp tăng mạnh.",
        "Họ bàn giao động cơ mới cho nhà máy.",
        "Các nhà sử học nhìn lại lịch sử lý luận của trường phái này.",
        "Mỗi tháng anh để dành được 50 triệu đồng.",
    )

    def check(self, doc: Document) -> Iterator[Issue]:
        from soat.lm.context import Scorer  # kenlm: with the model
        from soat.lm.model import model

        known = known_confusions()
        prepared = context(doc)
        clauses = zip(prepared.segments, prepared.eligible, prepared.named, strict=True)
        for segment, eligible, named in clauses:
            words, scorer = segment.words, None
            for i in range(len(words)):
                match = known.at(words, i)
                if match is None or not eligible[match[0]] or named[match[0]]:
                    continue  # names keep their spelling; để dành được (saving up) is right
                position, right = match
                if scorer is None:
                    scorer = Scorer(model(), words)
                gain = scorer.window(position, right) - scorer.original(position)
                if gain <= KNOWN_CONFUSION_MARGIN:
                    continue
                token = doc.tokens[segment.tokens[position]]
                fix = match_case(right, token.text)
                yield doc.issue(
                    self,
                    token.start,
                    token.end,
                    f"“{token.text}” ở đây là lỗi chính tả quen thuộc: viết “{fix}”.",
                    f"“{token.text}” is a well-known misspelling here: write “{fix}”.",
                    [fix],
                    0.9,
                )
