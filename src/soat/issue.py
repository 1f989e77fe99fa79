"""The one thing soat reports: an :class:`Issue`.

Every face of soat (terminal, JSON, the LanguageTool API, the web page, batch output) renders a
list of these. Offsets and lengths count code points of the caller's *original* text. Start
reading at :class:`Issue`; :func:`apply_fixes` is the one function that applies replacements.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

SEVERITIES = ("error", "warning", "style")


@dataclass(frozen=True)
class Issue:
    """A problem found at ``text[offset:offset + length]`` of the original text."""

    offset: int
    length: int
    text: str
    rule: str
    category: str
    severity: str
    message: str
    message_en: str = ""
    replacements: tuple[str, ...] = field(default_factory=tuple)
    confidence: float = 1.0

    @property
    def end(self) -> int:
        return self.offset + self.length

    def localized(self, lang: str = "vi") -> str:
        """The message in ``lang`` ("vi" or "en"), falling back to Vietnamese."""
        if lang.startswith("en") and self.message_en:
            return self.message_en
        return self.message

    def to_dict(self, lang: str = "vi") -> dict:
        """The JSON shape of ``soat check --format json``."""
        data = asdict(self)
        data.pop("message_en")
        data["message"] = self.localized(lang)
        data["replacements"] = list(self.replacements)
        data["confidence"] = round(self.confidence, 3)
        return data


def apply_fixes(text: str, issues: Iterable[Issue]) -> str:
    """Apply the first replacement of each issue; overlapping issues keep the earlier one."""
    pieces: list[str] = []
    cursor = 0
    for issue in sorted(issues, key=lambda i: (i.offset, -i.length)):
        if not issue.replacements or issue.offset < cursor:
            continue
        pieces.append(text[cursor : issue.offset])
        pieces.append(issue.replacements[0])
        cursor = issue.end
    pieces.append(text[cursor:])
    return "".join(pieces)
