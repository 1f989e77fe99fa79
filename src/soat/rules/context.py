"""The context rule: real syllables in the wrong place (``buổi hợp báo`` → ``buổi họp báo``).

The language-model work is in :mod:`soat.lm.context`; this rule runs it over the document's
clauses (prepared by :func:`soat.rules.analysis.context`) and turns each accepted change into
an issue whose confidence comes from the margin.
"""

from __future__ import annotations

from collections.abc import Iterator

from soat.document import Document
from soat.issue import Issue
from soat.rules import register
from soat.rules.analysis import context
from soat.rules.base import Rule
from soat.syllable.candidates import generator
from soat.syllable.grammar import match_case

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
    """A real syllable that does not fit its context: ``bình tỉnh`` → ``bình tĩnh``."""

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
    )
    silent = (
        "Buổi họp báo diễn ra sáng nay.",
        "Anh ấy luôn giữ bình tĩnh trong mọi tình huống.",
        "Hợp đồng được ký kết tại tỉnh Bình Dương.",
    )

    def check(self, doc: Document) -> Iterator[Issue]:
        from soat.lm.context import THRESHOLDS, confidence, corrections  # kenlm: with the model
        from soat.lm.model import model

        prepared = context(doc)
        threshold = THRESHOLDS[doc.options.level]
        lm, candidates = model(), generator()
        for segment, eligible in zip(prepared.segments, prepared.eligible, strict=True):
            if not any(eligible):
                continue
            for change in corrections(lm, candidates, segment, list(eligible), threshold):
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
