"""The generic rule test: every registered rule's own examples, run the same way.

For each rule, each ``fires`` example must raise at least one issue of that rule when only that
rule runs (and fixing with that rule alone must give the expected text, when one is given); each
``silent`` example must raise none of it with every rule on. Every rule must carry examples of
both kinds, descriptions in Vietnamese and English, and a known category.
"""

from __future__ import annotations

import pytest

import soat
from soat.errors import SoatError
from soat.issue import SEVERITIES
from soat.rules import all_rules
from soat.rules.base import CATEGORIES


def _model_available() -> bool:
    try:
        from soat.lm.model import model

        model()
    except (ImportError, SoatError):
        return False
    return True


# Without the built language model the examples still run, minus the rules that need it.
USE_MODEL = _model_available()
RULES = all_rules()
FIRES = [(rule, text, fixed) for rule in RULES for text, fixed in rule.fires]
SILENT = [(rule, text) for rule in RULES for text in rule.silent]


def _id(value):
    return value.id if hasattr(value, "id") else None


@pytest.mark.parametrize("rule", RULES, ids=_id)
def test_rule_is_described_and_has_examples(rule):
    assert rule.fires, f"{rule.id} has no example where it fires"
    assert rule.silent, f"{rule.id} has no example where it stays silent"
    assert rule.description and rule.description_en
    assert rule.category in CATEGORIES
    assert rule.severity in SEVERITIES


def test_rule_ids_are_unique_and_upper_case():
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids))
    assert all(rule_id == rule_id.upper() and rule_id.startswith("VI_") for rule_id in ids)


def _skip_without_model(rule) -> None:
    if rule.needs_model and not USE_MODEL:
        pytest.skip("the language model is not built")


@pytest.mark.parametrize(("rule", "text", "fixed"), FIRES, ids=_id)
def test_rule_fires_on_its_examples(rule, text, fixed):
    _skip_without_model(rule)
    found = soat.check(text, enabled=[rule.id], enabled_only=True, use_model=USE_MODEL)
    assert any(issue.rule == rule.id for issue in found), f"{rule.id} silent on {text!r}"
    if fixed is not None:
        fixed_text = soat.fix(text, enabled=[rule.id], enabled_only=True, use_model=USE_MODEL)
        assert fixed_text == fixed


@pytest.mark.parametrize(("rule", "text"), SILENT, ids=_id)
def test_rule_stays_silent_on_its_examples_with_all_rules_on(rule, text):
    _skip_without_model(rule)
    # Rules that are off by default are switched on by name, so they are checked too.
    found = soat.check(text, enabled=[rule.id], use_model=USE_MODEL)
    assert not [issue for issue in found if issue.rule == rule.id]
