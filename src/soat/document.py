"""A document as the rules see it: the normalized text, its tokens, the options, and the one
method that turns a normalized span into an :class:`~soat.issue.Issue` on the caller's text.

Rules run over every token of every document, so the document also keeps its tokens as columns
(:attr:`Document.kinds`, :attr:`Document.texts`, :attr:`Document.starts`, made by the tokenizer
on the way) and its :attr:`Document.vocabulary` (each distinct spelling once). A rule that cares
about a few tokens picks them out instead of looping over all of them in Python: by kind
(:meth:`Document.indexes`: numbers, brackets), or by testing each spelling once and taking the
tokens spelt so (:meth:`Document.spelt`: ``và``, capitalized words, brands).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from itertools import compress
from operator import itemgetter

from soat.issue import Issue
from soat.options import Options
from soat.text.normalize import Normalized, normalize
from soat.text.tokenize import Token, scan


@dataclass
class Document:
    """One chunk of the caller's text, starting at ``base`` in the original."""

    norm: Normalized
    tokens: list[Token]
    options: Options
    base: int = 0
    notes: dict = field(default_factory=dict)  # facts rules share (e.g. names found)
    kinds: list[str] = field(default_factory=list, repr=False)  # ``token.kind`` of every token
    texts: list[str] = field(default_factory=list, repr=False)  # ``token.text`` of every token
    starts: list[int] = field(default_factory=list, repr=False)  # ``token.start``, ascending

    def __post_init__(self) -> None:
        if self.tokens and not self.kinds:  # made from tokens alone
            self.kinds = list(map(itemgetter(0), self.tokens))
            self.texts = list(map(itemgetter(1), self.tokens))
            self.starts = list(map(itemgetter(2), self.tokens))

    @classmethod
    def from_text(cls, text: str, options: Options, base: int = 0) -> Document:
        norm = normalize(text)
        tokens, kinds, texts, starts = scan(norm.text)
        return cls(norm, tokens, options, base, kinds=kinds, texts=texts, starts=starts)

    @property
    def text(self) -> str:
        return self.norm.text

    def one_space(self, first: Token, second: Token) -> bool:
        """Does exactly one space stand between tokens ``first`` and ``second`` (in order)?"""
        return self.norm.text[first.end : second.start] == " "

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
        return list(self.indexes("word"))

    @cached_property
    def vocabulary(self) -> frozenset[str]:
        """Every distinct token text: a rule tests a spelling once here, not once per token."""
        return frozenset(self.texts)

    def spelt(self, spellings: set[str] | frozenset[str]) -> Iterator[int]:
        """Indexes of the tokens whose text is one of ``spellings``, ascending."""
        if spellings.isdisjoint(self.vocabulary):
            return iter(())  # most documents hold none of a short list: skip the tokens
        return compress(range(len(self.tokens)), map(spellings.__contains__, self.texts))

    def indexes(self, kind: str) -> list[int]:
        """Indexes of the tokens of ``kind``, ascending (computed once; do not modify)."""
        if kind == "word":
            if "indexes:word" not in self.notes:
                words = compress(range(len(self.tokens)), map(kind.__eq__, self.kinds))
                self.notes["indexes:word"] = list(words)
            return self.notes["indexes:word"]
        return self._other_kinds.get(kind, [])

    @cached_property
    def _other_kinds(self) -> dict[str, list[int]]:
        # Four tokens in five are words: sort the others by kind in one pass.
        found: dict[str, list[int]] = {}
        kinds = self.kinds
        for index in compress(range(len(kinds)), map("word".__ne__, kinds)):
            found.setdefault(kinds[index], []).append(index)
        return found
