"""The rule registry: every check soat makes is a :class:`~soat.rules.base.Rule` registered here.

Rule modules register their classes with :func:`register`; :data:`RULE_MODULES` lists the
modules, in the order their rules run. :func:`select` picks the rules an
:class:`~soat.options.Options` asks for (ids or categories, ``enabled_only``, mode).
"""

from __future__ import annotations

import importlib

from soat.errors import UsageError
from soat.options import Options
from soat.rules.base import CATEGORIES, Rule

RULE_MODULES = (
    "soat.rules.nonword",
    "soat.rules.context",
    "soat.rules.document",
    "soat.rules.foreign",
    "soat.rules.numbers",
    "soat.rules.typography",
    "soat.rules.style",
    "soat.rules.informal",
)

_RULES: dict[str, Rule] = {}
_loaded = False


def register(cls: type[Rule]) -> type[Rule]:
    """Class decorator: instantiate the rule and add it to the registry."""
    if cls.id in _RULES:
        raise ValueError(f"rule id registered twice: {cls.id}")
    if cls.category not in CATEGORIES:
        raise ValueError(f"unknown category {cls.category!r} for {cls.id}")
    _RULES[cls.id] = cls()
    return cls


def all_rules() -> list[Rule]:
    """Every registered rule, in running order."""
    global _loaded
    if not _loaded:
        for name in RULE_MODULES:
            importlib.import_module(name)
        _loaded = True
    return list(_RULES.values())


def validate_names(names: frozenset[str]) -> None:
    """Raise :class:`UsageError` for a name that is neither a rule id nor a category."""
    known = {rule.id for rule in all_rules()} | set(CATEGORIES)
    unknown = sorted(name for name in names if name not in known)
    if unknown:
        listed = ", ".join(unknown)
        raise UsageError(
            f"Không có quy tắc hay nhóm nào tên {listed} (xem `soat rules`).",
            f"No rule or category named {listed} (see `soat rules`).",
        )


def select(options: Options) -> list[Rule]:
    """The rules to run for ``options``."""
    validate_names(options.enabled | options.disabled)
    chosen = []
    for rule in all_rules():
        named = rule.id in options.enabled or rule.category in options.enabled
        if options.enabled_only and not named:
            continue
        if rule.id in options.disabled or rule.category in options.disabled:
            continue
        if not (rule.default_on or named):
            continue
        if rule.needs_model and not options.use_model:
            continue
        chosen.append(rule)
    return chosen
