"""Rendering issues for the terminal and as JSON lines: two views of the same list."""

from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Iterable

from soat.issue import Issue

_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "style": "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


class LineIndex:
    """Line and column (1-based, in code points) of an offset."""

    def __init__(self, text: str) -> None:
        self.starts = [0]
        self.starts.extend(i + 1 for i, ch in enumerate(text) if ch == "\n")

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


def human(path: str, text: str, issues: Iterable[Issue], lang: str, colour: bool) -> list[str]:
    """Compiler-style lines: ``path:line:col: RULE message → fix``."""
    index = LineIndex(text)
    lines = []
    for issue in issues:
        line, col = index.position(issue.offset)
        fix = f" → {issue.replacements[0]}" if issue.replacements else ""
        if colour:
            tint = _COLOURS.get(issue.severity, "")
            lines.append(
                f"{_BOLD}{path}:{line}:{col}:{_RESET} {tint}{issue.rule}{_RESET} "
                f"{issue.localized(lang)}{_BOLD}{fix}{_RESET}"
            )
        else:
            lines.append(f"{path}:{line}:{col}: {issue.rule} {issue.localized(lang)}{fix}")
    return lines


def json_line(path: str, issues: Iterable[Issue], lang: str) -> str:
    """``{"path": ..., "issues": [...]}`` on one line."""
    return json.dumps(
        {"path": path, "issues": [issue.to_dict(lang) for issue in issues]}, ensure_ascii=False
    )
