"""Edits on the caller's text and the map that takes normalized positions back to it.

Normalization never rewrites the caller's text in place: it records :class:`Edit` objects
(original span, replacement) and builds the normalized string from them. :class:`OffsetMap`
answers "which original characters produced normalized characters ``[start, end)``?", snapping
outwards when a span starts or ends inside a replaced piece. Start reading at :class:`OffsetMap`.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import NamedTuple


class Edit(NamedTuple):
    """Replace ``original[start:end]`` with ``replacement``; ``kind`` names why (for rules)."""

    start: int
    end: int
    replacement: str
    kind: str


class OffsetMap:
    """Maps spans of the normalized text to spans of the original text."""

    def __init__(self, edits: list[Edit]) -> None:
        # For each edit: where it starts and ends in normalized and original coordinates.
        self._norm_starts: list[int] = []
        self._norm_ends: list[int] = []
        self._orig_starts: list[int] = []
        self._orig_ends: list[int] = []
        shift = 0  # normalized position minus original position, after the edits so far
        for edit in edits:
            norm_start = edit.start + shift
            norm_end = norm_start + len(edit.replacement)
            self._norm_starts.append(norm_start)
            self._norm_ends.append(norm_end)
            self._orig_starts.append(edit.start)
            self._orig_ends.append(edit.end)
            shift = norm_end - edit.end

    @property
    def identity(self) -> bool:
        return not self._norm_starts

    def start(self, pos: int) -> int:
        """Original position of a span starting at normalized ``pos``."""
        i = bisect_right(self._norm_starts, pos) - 1
        if i < 0:
            return pos
        if pos < self._norm_ends[i]:
            return self._orig_starts[i]
        return self._orig_ends[i] + (pos - self._norm_ends[i])

    def end(self, pos: int) -> int:
        """Original position of a span ending at normalized ``pos``."""
        i = bisect_right(self._norm_starts, pos - 1) - 1
        if i < 0:
            return pos
        if pos <= self._norm_ends[i]:
            return self._orig_ends[i]
        return self._orig_ends[i] + (pos - self._norm_ends[i])

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` of normalized ``[start, end)``."""
        if end <= start:
            origin = self.start(start)
            return origin, origin
        return self.start(start), self.end(end)


def apply_edits(text: str, edits: list[Edit]) -> str:
    """The text with every (sorted, non-overlapping) edit applied."""
    pieces: list[str] = []
    cursor = 0
    for edit in edits:
        pieces.append(text[cursor : edit.start])
        pieces.append(edit.replacement)
        cursor = edit.end
    pieces.append(text[cursor:])
    return "".join(pieces)
