"""The pipeline: text → normalize → tokenize → rules → issues.

:func:`check` is the whole of soat's checking; every face calls it. Long texts are cut into
chunks at line ends (so memory stays bounded on a 10 MB file) and each chunk is one
:class:`~soat.document.Document`; issues come back sorted, with offsets into the caller's text.
Where two issues overlap, the more certain one is kept.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from soat import rules
from soat.document import Document
from soat.errors import UsageError
from soat.issue import Issue, apply_fixes
from soat.options import LEVELS, MODES, Options

CHUNK_CHARS = 200_000


def make_options(
    options: Options | None = None,
    *,
    enabled: Iterable[str] = (),
    disabled: Iterable[str] = (),
    enabled_only: bool = False,
    mode: str | None = None,
    level: str | None = None,
    lang: str | None = None,
    use_model: bool | None = None,
    keep_quotes: bool | None = None,
) -> Options:
    """Options from keyword arguments, on top of ``options`` (e.g. from a config file)."""
    base = options or Options()
    changes: dict = {}
    if enabled:
        changes["enabled"] = base.enabled | frozenset(enabled)
    if disabled:
        changes["disabled"] = base.disabled | frozenset(disabled)
    if enabled_only:
        changes["enabled_only"] = True
    for name, value, allowed in (("mode", mode, MODES), ("level", level, LEVELS)):
        if value is not None:
            if value not in allowed:
                raise UsageError(
                    f"Giá trị {name} không hợp lệ: {value!r} (chọn {', '.join(allowed)}).",
                    f"Invalid {name}: {value!r} (choose {', '.join(allowed)}).",
                )
            changes[name] = value
    if lang is not None:
        changes["lang"] = "en" if lang.lower().startswith("en") else "vi"
    if use_model is not None:
        changes["use_model"] = use_model
    if keep_quotes is not None:
        changes["keep_quotes"] = keep_quotes
    return Options(**{**base.__dict__, **changes})


def chunks(text: str, size: int = CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """``(offset, piece)`` pairs covering ``text``, cut after a newline where possible."""
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            newline = text.rfind("\n", start + size // 2, end)
            if newline >= 0:
                end = newline + 1
            elif "\ud800" <= text[end - 1] <= "\udbff":
                end -= 1
        yield start, text[start:end]
        start = end


def _without_overlaps(issues: list[Issue]) -> list[Issue]:
    issues.sort(key=lambda i: (i.offset, -i.confidence, -i.length))
    kept: list[Issue] = []
    for issue in issues:
        if kept and issue.offset < kept[-1].end and issue.length and kept[-1].length:
            if issue.category == kept[-1].category or issue.replacements:
                continue
        kept.append(issue)
    return kept


def check_with(
    text: str, options: Options, progress: Callable[[int], None] | None = None
) -> list[Issue]:
    """Every issue in ``text`` for resolved ``options``; ``progress`` is told how many
    characters each chunk had, as it is finished (for progress bars on long texts)."""
    if not isinstance(text, str):
        raise UsageError("Đầu vào phải là chuỗi văn bản.", "The input must be a string.")
    chosen = rules.select(options)
    found: list[Issue] = []
    for base, piece in chunks(text):
        doc = Document.from_text(piece, options, base)
        for rule in chosen:
            found.extend(rule.check(doc))
        if progress is not None:
            progress(len(piece))
    return _without_overlaps(found)


def check(text: str, options: Options | None = None, **kwargs) -> list[Issue]:
    """Proofread ``text``: a sorted list of :class:`~soat.issue.Issue`.

    Keyword arguments: ``enabled``, ``disabled`` (rule ids or categories), ``enabled_only``,
    ``mode`` ("edited"/"informal"), ``level`` ("default"/"picky"/"strict"), ``lang`` ("vi"/"en"),
    ``use_model`` (False skips the language model), ``keep_quotes`` (True, the default: no
    context changes inside quotation marks; False checks a quotation's words in context too).
    """
    return check_with(text, make_options(options, **kwargs))


def fix(text: str, options: Options | None = None, **kwargs) -> str:
    """``text`` with the first replacement of every issue applied, nothing else changed."""
    return apply_fixes(text, check(text, options, **kwargs))
