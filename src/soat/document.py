"""A document as the rules see it: the normalized text, its tokens, the options, and the one
method that turns a normalized span into an :class:`~soat.issue.Issue` on the caller's text."""

from __future__ import annotations

from dataclasses import dataclass, field

from soat.issue import Issue
from soat.options import Options
from soat.text.normalize import Normalized, normalize
from soat.text.tokenize import Token, tokenize


@dataclass
class Document:
    """One chunk of the caller's text, starting at ``base`` in the original."""

    norm: Normalized
    tokens: list[Token]
    options: Options
    base: int = 0
    notes: dict = field(default_factory=dict)  # facts rules share (e.g. names found)

    @classmethod
    def from_text(cls, text: str, options: Options, base: int = 0) -> Document:
        norm = normalize(text)
        return cls(norm, tokenize(norm.text), options, base)

    @property
    def text(self) -> str:
        return self.norm.text

    def issue(
        self,
        rule,
        start: int,
        end: int,
        message: str,
        message_en: str,
        replacements: tuple[str, ...] | list[str] = (),
        confidence: float = 1.0,
        severity: str | None = None,
    ) -> Issue:
        """An issue of ``rule`` on normalized ``[start, end)``, placed on the original text."""
        orig_start, orig_end = self.norm.span(start, end)
        return Issue(
            offset=self.base + orig_start,
            length=orig_end - orig_start,
            text=self.norm.original[orig_start:orig_end],
            rule=rule.id,
            category=rule.category,
            severity=severity or rule.severity,
            message=message,
            message_en=message_en,
            replacements=tuple(replacements),
            confidence=confidence,
        )

    def words(self) -> list[int]:
        """Indexes of the word tokens."""
        return [i for i, token in enumerate(self.tokens) if token.kind == "word"]
