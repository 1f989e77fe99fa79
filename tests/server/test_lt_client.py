"""The real ``language_tool_python`` client, pointed at soat with its ``remote_server`` option."""

from __future__ import annotations

import pytest

language_tool_python = pytest.importorskip("language_tool_python")

SENTENCE = "Món này rất thich hợp."


@pytest.fixture
def tool(server_url: str):
    with language_tool_python.LanguageTool("vi-VN", remote_server=server_url) as lt_tool:
        yield lt_tool


def test_client_sees_vietnamese_as_a_supported_language(tool):
    assert str(tool.language) == "vi-VN"


def test_client_finds_and_corrects_the_non_word(tool):
    matches = tool.check(SENTENCE)
    match = next(m for m in matches if m.offset == SENTENCE.index("thich"))
    assert match.error_length == len("thich")
    assert "thích" in match.replacements
    assert match.category and match.rule_id and match.message
    assert "thích hợp" in tool.correct(SENTENCE)


def test_client_offsets_survive_emoji(tool):
    # The client turns LanguageTool's UTF-16 offsets back into Python indices; this only works
    # when the server counts emoji as two units.
    text = "Tuyệt 😀😀 " + SENTENCE
    match = next(m for m in tool.check(text) if "thích" in m.replacements)
    assert text[match.offset : match.offset + match.error_length] == "thich"
    assert "thích hợp" in tool.correct(text)


def test_client_disabled_rules_and_categories_reach_the_server(tool):
    match = next(m for m in tool.check(SENTENCE) if "thích" in m.replacements)
    tool.disabled_rules.add(match.rule_id)
    assert not any("thích" in m.replacements for m in tool.check(SENTENCE))
    tool.disabled_rules.clear()
    tool.disabled_categories.add(match.category)
    assert not any("thích" in m.replacements for m in tool.check(SENTENCE))
