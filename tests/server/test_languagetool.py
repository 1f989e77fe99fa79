"""The LanguageTool translation layer on its own: request fields in, JSON matches out."""

from __future__ import annotations

import json

import pytest

from soat.errors import TooLargeError, UsageError
from soat.issue import Issue
from soat.server import languagetool as lt


def _issue(text: str, word: str, fix: str, category: str = "typos", nth: int = 0) -> Issue:
    offset = -1
    for _ in range(nth + 1):
        offset = text.index(word, offset + 1)
    return Issue(
        offset=offset,
        length=len(word),
        text=word,
        rule="TEST_RULE",
        category=category,
        severity="error",
        message=f"Viết sai: '{word}'.",
        message_en=f"Misspelt: '{word}'.",
        replacements=(fix,),
        confidence=0.9,
    )


def _render(fields: dict, issues_for) -> dict:
    request = lt.parse_check_request({"language": "vi-VN", **fields}, known_ids=["TEST_RULE"])
    issues = issues_for(request.document.plain)
    return lt.render_check(request, issues, {"TEST_RULE": ("Mô tả", "Description")}, "9.9")


def test_utf16_offsets_count_emoji_twice():
    text = "a😀b😀😀c"
    index = lt.Utf16Index(text)
    assert [index(i) for i in range(len(text) + 1)] == [0, 1, 3, 4, 6, 8, 9]
    assert lt.utf16_len(text) == len(text.encode("utf-16-le")) // 2


def test_match_offsets_are_utf16_units_after_emoji():
    text = "😀🎉 Món này rất thich hợp."
    result = _render({"text": text}, lambda plain: [_issue(plain, "thich", "thích")])
    match = result["matches"][0]
    encoded = text.encode("utf-16-le")
    start, length = match["offset"], match["length"]
    assert encoded[2 * start : 2 * (start + length)].decode("utf-16-le") == "thich"
    assert match["offset"] == text.index("thich") + 2


def test_match_has_the_languagetool_shape():
    text = "Hôm qua trời mưa to.\nMón này rất thich hợp. Ngày mai đi học."
    result = _render({"text": text}, lambda plain: [_issue(plain, "thich", "thích")])
    assert result["software"]["name"] == "soat"
    assert result["software"]["apiVersion"] == 1
    assert result["language"]["code"] == "vi-VN"
    assert result["language"]["detectedLanguage"]["code"] == "vi-VN"
    match = result["matches"][0]
    assert match["message"] == "Viết sai: 'thich'."
    assert match["replacements"] == [{"value": "thích"}]
    assert match["sentence"] == "Món này rất thich hợp."
    assert match["rule"]["id"] == "TEST_RULE"
    assert match["rule"]["description"] == "Mô tả"
    assert match["rule"]["issueType"] == "misspelling"
    assert match["rule"]["category"] == {"id": "TYPOS", "name": "Chính tả"}
    context = match["context"]
    assert "\n" not in context["text"]
    assert context["text"][context["offset"] : context["offset"] + context["length"]] == "thich"


def test_long_context_is_cut_with_ellipses():
    text = "Một câu rất dài " * 10 + "thich" + " và còn dài nữa" * 10
    match = _render({"text": text}, lambda plain: [_issue(plain, "thich", "thích")])["matches"][0]
    context = match["context"]
    assert context["text"].startswith("...") and context["text"].endswith("...")
    assert context["text"][context["offset"] : context["offset"] + context["length"]] == "thich"
    assert len(context["text"]) == 3 + 40 + 5 + 40 + 3


def test_english_mother_tongue_gives_english_messages():
    result = _render(
        {"text": "rất thich", "motherTongue": "en-US"},
        lambda plain: [_issue(plain, "thich", "thích")],
    )
    match = result["matches"][0]
    assert match["message"] == "Misspelt: 'thich'."
    assert match["shortMessage"] == "Spelling"
    assert match["rule"]["description"] == "Description"


def test_annotation_markup_is_skipped_but_counted():
    data = {
        "annotation": [
            {"markup": "<p>", "interpretAs": ""},
            {"text": "Món này "},
            {"markup": "<b>"},
            {"text": "rất thich"},
            {"markup": "</b>"},
            {"text": " hợp."},
            {"markup": "</p><p>", "interpretAs": "\n\n"},
            {"text": "Tôi thich phở."},
        ]
    }
    document = lt.parse_annotation(json.dumps(data))
    assert document.plain == "Món này rất thich hợp.\n\nTôi thich phở."
    assert document.original == ("<p>Món này <b>rất thich</b> hợp.</p><p>Tôi thich phở.")
    result = _render(
        {"data": json.dumps(data)},
        lambda plain: [_issue(plain, "thich", "thích"), _issue(plain, "thich", "thích", nth=1)],
    )
    for match in result["matches"]:
        start = match["offset"]
        assert document.original[start : start + match["length"]] == "thich"
    assert result["matches"][1]["sentence"] == "Tôi thich phở."


@pytest.mark.parametrize(
    "data",
    [
        "not json",
        "[]",
        '{"annotation": "text"}',
        '{"annotation": [1]}',
        '{"annotation": [{"text": 1}]}',
        '{"annotation": [{"text": "a", "markup": "b"}]}',
        '{"annotation": [{}]}',
        '{"annotation": [{"markup": "<b>", "interpretAs": 3}]}',
        "[" * 100_000,
    ],
)
def test_malformed_annotation_is_a_usage_error(data):
    with pytest.raises(UsageError):
        lt.parse_check_request({"language": "vi", "data": data})


@pytest.mark.parametrize("language", ["vi", "vi-VN", "VI_vn", "auto"])
def test_vietnamese_and_auto_are_accepted(language):
    request = lt.parse_check_request({"language": language, "text": "Xin chào"})
    assert request.auto_language == (language == "auto")


@pytest.mark.parametrize("language", ["en-US", "de", "", "vi-XX"])
def test_other_languages_are_refused(language):
    with pytest.raises(UsageError):
        lt.parse_check_request({"language": language, "text": "Xin chào"})


@pytest.mark.parametrize(
    "fields",
    [
        {},
        {"text": "a", "data": '{"annotation": []}'},
        {"text": "a", "enabledOnly": "maybe"},
        {"text": "a", "enabledOnly": "true"},
        {"text": "a", "level": "pedantic"},
        {"text": "a", "mode": "shouting"},
    ],
)
def test_bad_fields_are_usage_errors(fields):
    with pytest.raises(UsageError):
        lt.parse_check_request({"language": "vi", **fields})


def test_text_of_exactly_the_limit_is_accepted():
    text = "a" * lt.MAX_CHARS
    assert lt.parse_check_request({"language": "vi", "text": text}).document.plain == text


def test_text_over_the_limit_is_too_large():
    with pytest.raises(TooLargeError):
        lt.parse_check_request({"language": "vi", "text": "a" * 11}, max_chars=10)
    markup = json.dumps({"annotation": [{"text": "a" * 6}, {"markup": "<b>" * 2}]})
    with pytest.raises(TooLargeError):
        lt.parse_check_request({"language": "vi", "data": markup}, max_chars=10)


def test_rule_and_category_lists_are_read_like_languagetool():
    request = lt.parse_check_request(
        {
            "language": "vi",
            "text": "a",
            "enabledRules": "A_RULE, B_RULE",
            "enabledCategories": "STYLE",
            "disabledRules": "WHITESPACE_RULE,TEST_RULE",
            "disabledCategories": "TYPOS,NO_SUCH_CATEGORY",
            "enabledOnly": "true",
            "level": "picky",
        },
        known_ids=["TEST_RULE"],
    )
    assert request.enabled == ("A_RULE", "B_RULE", "style")
    # Unknown disabled ids are ignored, as LanguageTool does (LibreOffice sends its own).
    assert request.disabled == ("TEST_RULE", "typos")
    assert request.enabled_only and request.level == "picky"


def test_keep_quotes_is_read_as_a_boolean_field():
    request = lt.parse_check_request({"language": "vi", "text": "a", "keepQuotes": "false"})
    assert not request.keep_quotes and not request.check_options()["keep_quotes"]
    assert lt.parse_check_request({"language": "vi", "text": "a"}).keep_quotes  # the default
    with pytest.raises(UsageError):
        lt.parse_check_request({"language": "vi", "text": "a", "keepQuotes": "maybe"})


def test_the_strict_level_is_accepted_beside_languagetools_two():
    request = lt.parse_check_request({"language": "vi", "text": "a", "level": "strict"})
    assert request.level == "strict"


def test_lone_surrogates_are_replaced_so_the_answer_can_be_encoded():
    request = lt.parse_check_request(
        {"language": "vi", "data": '{"annotation": [{"text": "a\\ud800b"}]}'}
    )
    assert request.document.plain == "a\ufffdb"
    json.dumps(lt.render_check(request, [], {}, "0")).encode("utf-8")


def test_utf16_offsets_with_and_without_astral_characters():
    plain = lt.Utf16Index("một hai")
    assert [plain(i) for i in (0, 3, 7)] == [0, 3, 7]
    astral = lt.Utf16Index("a😀b😀c")
    assert [astral(i) for i in (0, 1, 2, 3, 4, 5)] == [0, 1, 3, 4, 6, 7]
    lone = lt.Utf16Index("a\ud800b")  # a lone surrogate is one code unit
    assert [lone(i) for i in (0, 1, 2, 3)] == [0, 1, 2, 3]


def test_sentence_around_an_offset():
    sentences = lt._Sentences("Một câu. Câu hai!\nBa")
    assert sentences.around(2) == "Một câu."
    assert sentences.around(10) == "Câu hai!"
    assert sentences.around(19) == "Ba"
