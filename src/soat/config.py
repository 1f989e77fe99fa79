"""Configuration files: ``soat.toml`` or ``[tool.soat]`` in ``pyproject.toml``.

:func:`load_config` finds the configuration that applies to a checked file — the nearest
``soat.toml``, or ``pyproject.toml`` with a ``[tool.soat]`` table, from the file's folder upwards
(``--config`` names one explicitly) — and turns it into :class:`~soat.options.Options`::

    # soat.toml
    enabled = ["VI_ELLIPSIS"]          # rule ids or categories to switch on
    disabled = ["typography"]          # ... or off
    mode = "edited"                    # or "informal"
    number_style = "vi"                # or "intl"
    tone_style = "any"                 # or "old" (hòa), "new" (hoà)
    lang = "vi"                        # language of messages: "vi" or "en"
    keep_quotes = true                 # false: context changes inside quotation marks too
    dictionary = "words.txt"           # accepted words and names, one a line (relative path)

Mistakes in the file are :class:`~soat.errors.UsageError` with a message in both languages.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from soat.errors import UsageError
from soat.options import LEVELS, MODES, Options

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

CONFIG_NAME = "soat.toml"
PYPROJECT = "pyproject.toml"
CHOICES = {
    "mode": MODES,
    "level": LEVELS,
    "number_style": ("vi", "intl"),
    "tone_style": ("any", "old", "new"),
    "lang": ("vi", "en"),
}
FLAGS = ("enabled_only", "expand_informal", "use_model", "keep_quotes")
NAME_LISTS = ("enabled", "disabled")
KNOWN_KEYS = frozenset(CHOICES) | frozenset(FLAGS) | frozenset(NAME_LISTS) | {"dictionary"}


def find_config(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The nearest configuration from folder ``start`` upwards: its path and its table."""
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate, read_table(candidate)
        candidate = folder / PYPROJECT
        if candidate.is_file():
            table = read_table(candidate)
            if table is not None:
                return candidate, table
    return None


def read_table(path: Path) -> dict[str, Any] | None:
    """The settings in ``path``: the whole of a ``soat.toml``, ``[tool.soat]`` of a pyproject
    (None when a pyproject has no such table)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise UsageError(
            f"Không đọc được tệp cấu hình {path}: {error.strerror}.",
            f"Cannot read the configuration file {path}: {error.strerror}.",
        ) from error
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise UsageError(
            f"Tệp cấu hình {path} không đúng cú pháp TOML: {error}.",
            f"The configuration file {path} is not valid TOML: {error}.",
        ) from error
    if path.name == PYPROJECT:
        table = data.get("tool", {}).get("soat")
        if table is not None and not isinstance(table, dict):
            raise _bad(path, "tool.soat", "phải là một bảng", "must be a table")
        return table
    return data


def _bad(path: Path, key: str, why: str, why_en: str) -> UsageError:
    return UsageError(
        f"Cấu hình {path}: “{key}” {why}.",
        f"Configuration {path}: “{key}” {why_en}.",
    )


def read_dictionary(path: Path) -> frozenset[str]:
    """A user word list: one word or name a line, ``#`` comments; kept as written and lower."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(
            f"Không đọc được từ điển người dùng {path}.",
            f"Cannot read the user dictionary {path}.",
        ) from error
    words = {line.strip() for line in lines if line.strip() and not line.startswith("#")}
    return frozenset(words | {word.lower() for word in words})


def options_from_table(table: dict[str, Any], path: Path) -> Options:
    """Validate a configuration table and turn it into :class:`Options`."""
    unknown = sorted(set(table) - KNOWN_KEYS)
    if unknown:
        listed = ", ".join(unknown)
        raise _bad(path, listed, "không phải khoá cấu hình hợp lệ", "is not a known key")
    settings: dict[str, Any] = {}
    for key in NAME_LISTS:
        if key in table:
            names = table[key]
            if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
                raise _bad(path, key, "phải là danh sách chuỗi", "must be a list of strings")
            settings[key] = frozenset(names)
    for key, allowed in CHOICES.items():
        if key in table:
            if table[key] not in allowed:
                listed = ", ".join(allowed)
                raise _bad(path, key, f"phải là một trong: {listed}", f"must be one of: {listed}")
            settings[key] = table[key]
    for key in FLAGS:
        if key in table:
            if not isinstance(table[key], bool):
                raise _bad(path, key, "phải là true hoặc false", "must be true or false")
            settings[key] = table[key]
    if "dictionary" in table:
        if not isinstance(table["dictionary"], str):
            raise _bad(path, "dictionary", "phải là đường dẫn", "must be a path")
        settings["user_words"] = read_dictionary(path.parent / table["dictionary"])
    options = Options(**settings)
    _check_rule_names(options)
    return options


def _check_rule_names(options: Options) -> None:
    from soat.rules import validate_names

    validate_names(options.enabled | options.disabled)


def load_config(checked: str | Path | None = None, explicit: str | Path | None = None) -> Options:
    """Options for checking the file ``checked`` (None: the current folder).

    ``explicit`` (``--config``) names the file to use instead of searching; it must exist.
    Without any configuration file the defaults apply.
    """
    if explicit is not None:
        path = Path(explicit)
        if not path.is_file():
            raise UsageError(
                f"Không tìm thấy tệp cấu hình {path}.",
                f"Configuration file not found: {path}.",
            )
        table = read_table(path)
        if table is None:
            raise _bad(path, "tool.soat", "không có trong tệp", "is missing from the file")
        return options_from_table(table, path)
    start = Path(checked).resolve() if checked is not None else Path.cwd()
    if checked is not None and not start.is_dir():
        start = start.parent
    found = find_config(start)
    if found is None:
        return Options()
    path, table = found
    return options_from_table(table, path)
