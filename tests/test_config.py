"""Configuration files: found from the checked file upwards, validated, turned into Options."""

from __future__ import annotations

import pytest

from soat.config import load_config
from soat.errors import UsageError
from soat.options import Options


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_no_configuration_gives_the_defaults(tmp_path):
    checked = write(tmp_path / "bai.txt", "xin chào")
    assert load_config(checked, None) == Options()


def test_soat_toml_in_a_parent_folder_applies_to_a_nested_file(tmp_path):
    write(tmp_path / "soat.toml", 'mode = "informal"\nnumber_style = "intl"\nlang = "en"\n')
    checked = write(tmp_path / "a" / "b" / "bai.txt", "xin chào")
    options = load_config(checked, None)
    assert (options.mode, options.number_style, options.lang) == ("informal", "intl", "en")


def test_pyproject_tool_soat_table_is_read(tmp_path):
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n[tool.soat]\ntone_style = "new"\n')
    options = load_config(write(tmp_path / "bai.txt", ""), None)
    assert options.tone_style == "new"


def test_pyproject_without_tool_soat_is_passed_over(tmp_path):
    write(tmp_path / "soat.toml", 'tone_style = "old"\n')
    write(tmp_path / "sub" / "pyproject.toml", '[project]\nname = "x"\n')
    options = load_config(write(tmp_path / "sub" / "bai.txt", ""), None)
    assert options.tone_style == "old"


def test_nearest_configuration_wins(tmp_path):
    write(tmp_path / "soat.toml", 'mode = "informal"\n')
    write(tmp_path / "sub" / "soat.toml", 'mode = "edited"\n')
    assert load_config(write(tmp_path / "sub" / "bai.txt", ""), None).mode == "edited"


def test_explicit_config_overrides_the_search(tmp_path):
    write(tmp_path / "soat.toml", 'mode = "informal"\n')
    explicit = write(tmp_path / "other" / "cfg.toml", 'number_style = "intl"\n')
    options = load_config(write(tmp_path / "bai.txt", ""), explicit)
    assert (options.mode, options.number_style) == ("edited", "intl")


def test_enabled_and_disabled_take_rule_ids_and_categories(tmp_path):
    write(tmp_path / "soat.toml", 'enabled = ["VI_ELLIPSIS"]\ndisabled = ["typography"]\n')
    options = load_config(write(tmp_path / "bai.txt", ""), None)
    assert options.enabled == {"VI_ELLIPSIS"}
    assert options.disabled == {"typography"}


def test_dictionary_path_is_relative_to_the_config_file(tmp_path):
    write(tmp_path / "cfg" / "soat.toml", 'dictionary = "words.txt"\n')
    write(tmp_path / "cfg" / "words.txt", "# tên riêng\nMesi\nperformace\n\n")
    options = load_config(None, tmp_path / "cfg" / "soat.toml")
    assert {"Mesi", "mesi", "performace"} <= options.user_words
    assert not any(word.startswith("#") for word in options.user_words)


def test_user_dictionary_silences_a_foreign_spelling(tmp_path):
    import soat

    write(tmp_path / "soat.toml", 'dictionary = "words.txt"\n')
    write(tmp_path / "words.txt", "performace\n")
    options = load_config(write(tmp_path / "bai.txt", ""), None)
    text = "Màn performace của cô rất ấn tượng."
    assert soat.check(text, enabled=["VI_FOREIGN_SPELLING"], enabled_only=True)
    found = soat.check(text, options, enabled=["VI_FOREIGN_SPELLING"], enabled_only=True)
    assert not found


def test_search_starts_from_the_current_folder_without_a_file(tmp_path, monkeypatch):
    write(tmp_path / "soat.toml", 'lang = "en"\n')
    monkeypatch.chdir(tmp_path)
    assert load_config(None, None).lang == "en"


@pytest.mark.parametrize(
    "text",
    [
        'mode = "casual"\n',
        'number_style = "us"\n',
        "tone_style = 1\n",
        'enabled = "VI_ELLIPSIS"\n',
        'enabled = ["VI_NO_SUCH_RULE"]\n',
        'colour = "red"\n',
        "mode = \n",
        'expand_informal = "yes"\n',
        'dictionary = "missing.txt"\n',
    ],
)
def test_mistakes_in_the_file_are_usage_errors_in_both_languages(tmp_path, text):
    write(tmp_path / "soat.toml", text)
    with pytest.raises(UsageError) as raised:
        load_config(write(tmp_path / "bai.txt", ""), None)
    assert raised.value.message and raised.value.message_en
    assert raised.value.message != raised.value.message_en


def test_missing_explicit_config_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError):
        load_config(None, tmp_path / "nope.toml")


def test_explicit_pyproject_without_tool_soat_is_a_usage_error(tmp_path):
    explicit = write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')
    with pytest.raises(UsageError):
        load_config(None, explicit)


def test_keep_quotes_is_a_flag_of_the_configuration(tmp_path):
    write(tmp_path / "soat.toml", "keep_quotes = false\n")
    assert not load_config(write(tmp_path / "bai.txt", ""), None).keep_quotes
    write(tmp_path / "soat.toml", 'keep_quotes = "yes"\n')
    with pytest.raises(UsageError):
        load_config(tmp_path / "bai.txt", None)
