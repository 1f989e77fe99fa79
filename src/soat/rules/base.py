"""What a rule is: a small object with an id, a category, examples, and a ``check`` method.

Every rule sees a :class:`~soat.document.Document` (normalized text, tokens, options) and yields
:class:`~soat.issue.Issue` objects made with :meth:`Document.issue`, which maps normalized spans
back to the caller's text. Rules carry examples where they must fire (with the expected fixed
text, or ``None`` when no fix is offered) and where they must stay silent; one generic test runs
them all (``tests/rules/test_examples.py``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from soat.document import Document
    from soat.issue import Issue

CATEGORIES = (
    "typos",
    "context",
    "names",
    "foreign",
    "style",
    "typography",
    "encoding",
    "informal",
)


class Rule:
    """Base of all rules. Subclasses set the class attributes and implement :meth:`check`."""

    id: ClassVar[str]
    category: ClassVar[str]
    severity: ClassVar[str] = "error"
    description: ClassVar[str]
    description_en: ClassVar[str]
    # (text, expected text after fixing with this rule alone, or None when no fix is offered)
    fires: ClassVar[tuple[tuple[str, str | None], ...]] = ()
    silent: ClassVar[tuple[str, ...]] = ()
    # Rules that need the language model are skipped when it is off.
    needs_model: ClassVar[bool] = False
    default_on: ClassVar[bool] = True

    def check(self, doc: Document) -> Iterable[Issue]:
        raise NotImplementedError

    def describe(self, lang: str = "vi") -> dict:
        return {
            "id": self.id,
            "category": self.category,
            "severity": self.severity,
            "description": self.description_en if lang.startswith("en") else self.description,
        }
