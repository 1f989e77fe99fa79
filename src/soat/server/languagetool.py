"""The LanguageTool HTTP API (v2) spoken by soat: parsing a check request, rendering issues.

LanguageTool clients (LibreOffice's remote option, editor plugins, browser extensions,
``language_tool_python``) send form fields to ``/v2/check`` and expect a JSON object with
``software``, ``language`` and ``matches``. This module does the translation both ways and
nothing else: :func:`parse_check_request` turns the fields into a :class:`CheckRequest`, the
server runs :func:`soat.check` on its plain text, and :func:`render_check` turns the resulting
:class:`~soat.issue.Issue` list into LanguageTool's shape. Start reading at
:func:`parse_check_request`.

Two conversions matter:

* **Annotated text.** The ``data`` field carries a document as a list of ``text`` and
  ``markup`` parts. Markup is not checked but still counts in offsets; its ``interpretAs``
  text (``"\\n\\n"`` for a ``<p>``) is checked in its place. :class:`AnnotatedText` keeps an
  :class:`~soat.text.offsets.OffsetMap` from the checked text back to the whole document.
* **UTF-16 offsets.** soat counts code points; LanguageTool (Java) counts UTF-16 code units, so a
  character outside the Basic Multilingual Plane (most emoji) counts two. :class:`Utf16Index`
  converts.

Errors a client can cause are raised as :class:`~soat.errors.UsageError` (400) or
:class:`~soat.errors.TooLargeError` (413); the app turns them into JSON responses.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from soat.errors import TooLargeError, UsageError
from soat.issue import Issue
from soat.options import LEVELS, MODES
from soat.rules.base import CATEGORIES
from soat.text.offsets import Edit, OffsetMap, apply_edits

API_VERSION = 1
MAX_CHARS = 200_000
CONTEXT_CHARS = 40

LANGUAGE_NAME = "Vietnamese"
LANGUAGE_CODE = "vi-VN"
LANGUAGES = [{"name": LANGUAGE_NAME, "code": "vi", "longCode": LANGUAGE_CODE}]
_ACCEPTED_LANGUAGES = {"vi", "vi-vn", "vi_vn", "auto"}

# Category names shown to people, Vietnamese then English.
CATEGORY_NAMES = {
    "typos": ("Chính tả", "Spelling"),
    "context": ("Dùng từ theo ngữ cảnh", "Word in context"),
    "names": ("Tên riêng", "Names"),
    "foreign": ("Từ nước ngoài", "Foreign words"),
    "style": ("Văn phong", "Style"),
    "typography": ("Dấu câu và khoảng trắng", "Punctuation and spacing"),
    "encoding": ("Mã hoá ký tự", "Character encoding"),
    "informal": ("Khẩu ngữ", "Informal language"),
}
# LanguageTool's issue types (they decide the colour of the underline in many clients).
_ISSUE_TYPES = {
    "typos": "misspelling",
    "context": "misspelling",
    "names": "inconsistency",
    "foreign": "misspelling",
    "style": "style",
    "typography": "typographical",
    "encoding": "non-conformance",
    "informal": "register",
}
_TYPE_NAMES = {
    "typos": "UnknownWord",
    "foreign": "UnknownWord",
    "style": "Hint",
    "informal": "Hint",
}

_TRUE = {"true", "1", "yes", "on"}
_FALSE = {"false", "0", "no", "off", ""}
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
# A sentence ends after . ! ? … (and any closing quotes or brackets) followed by space, or at
# a line break. Good enough for the ``sentence`` field; the checks use their own tokenizer.
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’»)\]]*\s+|\n+")
_CONTEXT_SPACES = str.maketrans("\n\r\t\v\f", "     ")


@dataclass(frozen=True)
class AnnotatedText:
    """A document as sent (``original``, which offsets count) and the part that is checked."""

    original: str
    plain: str
    offsets: OffsetMap

    @classmethod
    def from_text(cls, text: str) -> AnnotatedText:
        return cls(text, text, OffsetMap([]))


@dataclass(frozen=True)
class CheckRequest:
    """A parsed ``/v2/check`` request; the options are those of :func:`soat.check`."""

    document: AnnotatedText
    auto_language: bool
    enabled: tuple[str, ...]
    disabled: tuple[str, ...]
    enabled_only: bool
    level: str
    mode: str
    lang: str
    keep_quotes: bool = True

    def check_options(self) -> dict:
        """Keyword arguments for :func:`soat.check`."""
        return {
            "enabled": self.enabled,
            "disabled": self.disabled,
            "enabled_only": self.enabled_only,
            "mode": self.mode,
            "level": self.level,
            "lang": self.lang,
            "keep_quotes": self.keep_quotes,
        }


class Utf16Index:
    """Converts code-point offsets of one string to UTF-16 code-unit offsets."""

    def __init__(self, text: str) -> None:
        # Most texts have no astral character: two bytes a character in UTF-16 says so at C
        # speed (a lone surrogate, which the expression does not count, also takes two).
        if len(text.encode("utf-16-le", "surrogatepass")) == 2 * len(text):
            self._astral: list[int] = []
        else:
            self._astral = [m.start() for m in _ASTRAL.finditer(text)]

    def __call__(self, offset: int) -> int:
        # Every astral character before ``offset`` takes one extra code unit.
        return offset + bisect_left(self._astral, offset)


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units."""
    return len(text) + len(_ASTRAL.findall(text))


def message_language(fields: Mapping[str, str]) -> str:
    """``"en"`` when the client's ``motherTongue`` is English, else ``"vi"``."""
    mother_tongue = fields.get("motherTongue", "").strip().lower()
    return "en" if mother_tongue.startswith("en") else "vi"


def category_name(category: str, lang: str) -> str:
    names = CATEGORY_NAMES.get(category)
    if names is None:
        return category
    return names[1] if lang == "en" else names[0]


def clean_text(text: str) -> str:
    """``text`` with lone surrogates (from JSON escapes) replaced, so it can be encoded."""
    return _LONE_SURROGATE.sub("\ufffd", text)


def split_list(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


def parse_language(value: str) -> bool:
    """Check the ``language`` field; return True when the client asked for detection."""
    code = value.strip().lower()
    if not code:
        raise UsageError(
            "Thiếu tham số 'language' (dùng 'vi', 'vi-VN' hoặc 'auto').",
            "Missing parameter 'language' (use 'vi', 'vi-VN' or 'auto').",
        )
    if code not in _ACCEPTED_LANGUAGES:
        raise UsageError(
            f"Ngôn ngữ không được hỗ trợ: {value!r}. soat chỉ kiểm tra tiếng Việt "
            "('vi', 'vi-VN' hoặc 'auto').",
            f"Unsupported language: {value!r}. soat checks Vietnamese only "
            "('vi', 'vi-VN' or 'auto').",
        )
    return code == "auto"


def parse_bool(name: str, value: str) -> bool:
    word = value.strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise UsageError(
        f"Tham số '{name}' phải là 'true' hoặc 'false', không phải {value!r}.",
        f"Parameter '{name}' must be 'true' or 'false', not {value!r}.",
    )


def parse_choice(name: str, value: str, choices: Sequence[str]) -> str:
    word = value.strip().lower() or choices[0]
    if word not in choices:
        options = ", ".join(repr(c) for c in choices)
        raise UsageError(
            f"Tham số '{name}' phải là một trong {options}, không phải {value!r}.",
            f"Parameter '{name}' must be one of {options}, not {value!r}.",
        )
    return word


def _bad_data(detail_vi: str, detail_en: str) -> UsageError:
    return UsageError(
        f"Tham số 'data' không hợp lệ: {detail_vi}.",
        f"Invalid 'data' parameter: {detail_en}.",
    )


def parse_annotation(data: str) -> AnnotatedText:
    """The document of a ``data`` field: ``{"annotation": [{"text": ...}, {"markup": ...}]}``."""
    try:
        parsed = json.loads(data)
    except (ValueError, RecursionError) as error:
        raise _bad_data("không phải JSON", "not JSON") from error
    parts = parsed.get("annotation") if isinstance(parsed, dict) else None
    if not isinstance(parts, list):
        raise _bad_data("thiếu danh sách 'annotation'", "missing the 'annotation' list")
    original: list[str] = []
    edits: list[Edit] = []
    position = 0
    for part in parts:
        text, markup, interpret_as = _annotation_part(part)
        if text is not None:
            original.append(text)
            position += len(text)
            continue
        original.append(markup)
        edits.append(Edit(position, position + len(markup), interpret_as, "markup"))
        position += len(markup)
    whole = clean_text("".join(original))
    plain = apply_edits(whole, edits)
    return AnnotatedText(whole, plain, OffsetMap(edits))


def _annotation_part(part: object) -> tuple[str | None, str, str]:
    """``(text, markup, interpretAs)`` of one annotation part; text is None for markup."""
    if not isinstance(part, dict):
        raise _bad_data("mỗi phần phải là một object", "each part must be an object")
    text, markup = part.get("text"), part.get("markup")
    interpret_as = part.get("interpretAs", "")
    if (text is None) == (markup is None):
        raise _bad_data(
            "mỗi phần cần đúng một khoá 'text' hoặc 'markup'",
            "each part needs exactly one of 'text' or 'markup'",
        )
    if text is not None:
        if not isinstance(text, str) or "interpretAs" in part:
            raise _bad_data("'text' phải là chuỗi", "'text' must be a string")
        return text, "", ""
    if not isinstance(markup, str) or not isinstance(interpret_as, str):
        raise _bad_data(
            "'markup' và 'interpretAs' phải là chuỗi", "'markup' and 'interpretAs' must be strings"
        )
    return None, markup, clean_text(interpret_as)


def parse_document(fields: Mapping[str, str], max_chars: int = MAX_CHARS) -> AnnotatedText:
    """The document to check, from the ``text`` or the ``data`` field."""
    has_text, has_data = "text" in fields, "data" in fields
    if has_text == has_data:
        raise UsageError(
            "Cần đúng một trong hai tham số 'text' hoặc 'data'.",
            "Send exactly one of the parameters 'text' or 'data'.",
        )
    if has_text:
        document = AnnotatedText.from_text(clean_text(fields["text"]))
    else:
        document = parse_annotation(fields["data"])
    if len(document.original) > max_chars:
        raise too_large(len(document.original), max_chars)
    return document


def too_large(size: int, max_chars: int) -> TooLargeError:
    return TooLargeError(
        f"Văn bản dài {size:,} ký tự, vượt giới hạn {max_chars:,} ký tự.".replace(",", "."),
        f"The text is {size:,} characters long, over the limit of {max_chars:,}.",
    )


def parse_check_request(
    fields: Mapping[str, str],
    known_ids: Iterable[str] = (),
    max_chars: int = MAX_CHARS,
) -> CheckRequest:
    """Read LanguageTool's form fields. ``known_ids`` are the rule ids soat has.

    Unknown ids in ``disabledRules``/``disabledCategories`` are ignored, as LanguageTool does
    (LibreOffice always disables its own ``WHITESPACE_RULE``); unknown ids in the enabled lists
    are left for :func:`soat.check` to reject, so a typo in a rule id is reported.
    """
    auto = parse_language(fields.get("language", ""))
    document = parse_document(fields, max_chars)
    known = set(known_ids) | set(CATEGORIES)
    enabled = split_list(fields.get("enabledRules", ""))
    enabled += [_category(c) for c in split_list(fields.get("enabledCategories", ""))]
    disabled = split_list(fields.get("disabledRules", ""))
    disabled += [_category(c) for c in split_list(fields.get("disabledCategories", ""))]
    enabled_only = parse_bool("enabledOnly", fields.get("enabledOnly", "false"))
    if enabled_only and not enabled:
        raise UsageError(
            "'enabledOnly' được đặt nhưng không có luật hay nhóm luật nào được bật.",
            "'enabledOnly' is set but no rules or categories are enabled.",
        )
    return CheckRequest(
        document=document,
        auto_language=auto,
        enabled=tuple(dict.fromkeys(enabled)),
        disabled=tuple(dict.fromkeys(d for d in disabled if d in known)),
        enabled_only=enabled_only,
        level=parse_choice("level", fields.get("level", ""), LEVELS),
        mode=parse_choice("mode", fields.get("mode", ""), MODES),
        lang=message_language(fields),
        keep_quotes=parse_bool("keepQuotes", fields.get("keepQuotes", "true")),
    )


def _category(name: str) -> str:
    """soat's category for a LanguageTool category id (``TYPOS`` → ``typos``)."""
    lower = name.lower()
    return lower if lower in CATEGORIES else name


def software(version: str) -> dict:
    return {
        "name": "soat",
        "version": version,
        "buildDate": None,
        "apiVersion": API_VERSION,
        "premium": False,
        "status": "",
    }


def language_block(auto: bool) -> dict:
    detected = {"name": LANGUAGE_NAME, "code": LANGUAGE_CODE, "confidence": 1.0}
    if auto:
        # soat speaks one language: "auto" always resolves to Vietnamese.
        detected["source"] = "only-language"
    return {"name": LANGUAGE_NAME, "code": LANGUAGE_CODE, "detectedLanguage": detected}


class _Sentences:
    """Finds the sentence around a code-point offset of the checked text; the sentence ends
    are found at the first question (most answers of a news text have no match at all)."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._ends: list[int] | None = None

    def around(self, offset: int) -> str:
        if self._ends is None:
            self._ends = [m.end() for m in _SENTENCE_END.finditer(self._text)]
        ends = self._ends
        i = bisect_right(ends, offset)
        start = ends[i - 1] if i else 0
        end = ends[i] if i < len(ends) else len(self._text)
        return self._text[start:end].strip()


def _context(original: str, start: int, end: int, utf16: Utf16Index) -> dict:
    """LanguageTool's ``context``: the error with up to 40 characters each side."""
    left = max(0, start - CONTEXT_CHARS)
    right = min(len(original), end + CONTEXT_CHARS)
    prefix = "..." if left else ""
    suffix = "..." if right < len(original) else ""
    text = prefix + original[left:right].translate(_CONTEXT_SPACES) + suffix
    offset = len(prefix) + utf16(start) - utf16(left)
    return {"text": text, "offset": offset, "length": utf16(end) - utf16(start)}


def render_match(
    issue: Issue,
    request: CheckRequest,
    rule_descriptions: Mapping[str, tuple[str, str]],
    utf16: Utf16Index,
    sentences: _Sentences,
) -> dict:
    """One issue as a LanguageTool match (offsets in UTF-16 units of the whole document)."""
    lang = request.lang
    doc = request.document
    start, end = doc.offsets.span(issue.offset, issue.end)
    description = rule_descriptions.get(issue.rule)
    if description:
        described = description[1] if lang == "en" and description[1] else description[0]
    else:
        described = issue.localized(lang)
    name = category_name(issue.category, lang)
    return {
        "message": issue.localized(lang),
        "shortMessage": name,
        "replacements": [{"value": r} for r in issue.replacements],
        "offset": utf16(start),
        "length": utf16(end) - utf16(start),
        "context": _context(doc.original, start, end, utf16),
        "sentence": sentences.around(issue.offset),
        "type": {"typeName": _TYPE_NAMES.get(issue.category, "Other")},
        "rule": {
            "id": issue.rule,
            "description": described,
            "issueType": _ISSUE_TYPES.get(issue.category, "uncategorized"),
            "category": {"id": issue.category.upper(), "name": name},
        },
        "ignoreForIncompleteSentence": False,
        "contextForSureMatch": 0,
        # soat's own fields; LanguageTool clients ignore keys they do not know.
        "soat": {
            "category": issue.category,
            "severity": issue.severity,
            "confidence": round(issue.confidence, 3),
        },
    }


def render_check(
    request: CheckRequest,
    issues: Iterable[Issue],
    rule_descriptions: Mapping[str, tuple[str, str]],
    version: str,
) -> dict:
    """The ``/v2/check`` response for ``issues`` found in ``request.document.plain``.

    ``rule_descriptions`` maps a rule id to its (Vietnamese, English) description.
    """
    doc = request.document
    utf16 = Utf16Index(doc.original)
    sentences = _Sentences(doc.plain)
    # The order of soat.apply_fixes, so "apply all" in a client gives what ``soat fix`` gives.
    ordered = sorted(issues, key=lambda i: (i.offset, -i.length))
    return {
        "software": software(version),
        "warnings": {"incompleteResults": False},
        "language": language_block(request.auto_language),
        "matches": [
            render_match(issue, request, rule_descriptions, utf16, sentences) for issue in ordered
        ],
    }
