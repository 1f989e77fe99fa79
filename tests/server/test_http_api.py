"""The HTTP API over a real uvicorn server, with plain httpx requests."""

from __future__ import annotations

import json
import threading
import time
from urllib.parse import unquote_to_bytes

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import soat
from soat.server.app import create_app, decode_form

SENTENCE = "Món này rất thich hợp."


def check(client: httpx.Client, **fields) -> httpx.Response:
    return client.post("/v2/check", data={"language": "vi-VN", **fields})


def the_match(body: dict, word: str = "thich") -> dict:
    return next(m for m in body["matches"] if m["context"]["text"].find(word) >= 0)


def test_check_finds_the_non_word_in_languagetool_shape(client):
    response = check(client, text=SENTENCE)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["software"]["name"] == "soat"
    assert body["software"]["version"] == soat.__version__
    assert body["language"]["code"] == "vi-VN"
    match = next(m for m in body["matches"] if m["offset"] == SENTENCE.index("thich"))
    assert match["length"] == len("thich")
    assert {"value": "thích"} in match["replacements"]
    assert match["sentence"] == SENTENCE
    assert match["message"] and match["shortMessage"]
    assert match["rule"]["id"] and match["rule"]["description"]
    assert match["rule"]["issueType"]
    assert set(match["rule"]["category"]) == {"id", "name"}
    context = match["context"]
    assert context["text"][context["offset"] : context["offset"] + context["length"]] == "thich"


def test_clean_text_has_no_matches(client):
    body = check(client, text="Hôm nay trời đẹp, chúng tôi đi dạo trong công viên.").json()
    assert body["matches"] == []


def test_offsets_count_utf16_units(client):
    text = "😀👍🏽 " + SENTENCE
    body = check(client, text=text).json()
    offsets = [m["offset"] for m in body["matches"]]
    # Three astral characters before the word: three extra UTF-16 units.
    assert text.index("thich") + 3 in offsets


def test_get_with_query_parameters_works_too(client):
    response = client.get("/v2/check", params={"language": "vi", "text": SENTENCE})
    assert response.status_code == 200
    assert any(m["offset"] == SENTENCE.index("thich") for m in response.json()["matches"])


def test_multipart_form_is_accepted(client):
    response = client.post("/v2/check", files={"language": (None, "vi"), "text": (None, SENTENCE)})
    assert response.status_code == 200
    assert response.json()["matches"]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_an_uploaded_file_is_read_like_a_file_on_the_command_line(client, encoding):
    upload = ("bai.txt", SENTENCE.encode(encoding), "text/plain")
    response = client.post("/v2/check", files={"language": (None, "vi"), "text": upload})
    assert response.status_code == 200
    assert the_match(response.json())["offset"] == SENTENCE.index("thich")
    binary = ("anh.png", b"\x89PNG\x00\x00", "image/png")
    response = client.post("/v2/check", files={"language": (None, "vi"), "text": binary})
    assert response.status_code == 400 and "binary" in response.json()["message_en"]


def test_unescaped_utf8_in_a_form_body_is_read_as_utf8(client):
    body = f"language=vi&text={SENTENCE}".encode()  # what ``curl -d`` sends
    headers = {"content-type": "application/x-www-form-urlencoded"}
    response = client.post("/v2/check", content=body, headers=headers)
    assert response.status_code == 200
    match = the_match(response.json())
    assert match["offset"] == SENTENCE.index("thich")
    assert match["sentence"] == SENTENCE


def _urllib_form(body: bytes) -> dict[str, str]:
    fields = {}
    for pair in body.split(b"&"):
        if pair:
            name, _, value = (unquote_to_bytes(p.replace(b"+", b" ")) for p in pair.partition(b"="))
            fields[name.decode("utf-8", "replace")] = value.decode("utf-8", "replace")
    return fields


FORM_PIECES = st.sampled_from(
    [b"%", b"%4", b"%41", b"%e1%BA%bf", b"%E1%BA", b"%zz", b"\\", b"\\x41", b"x", b"+", b"=", b"&"]
)


@settings(max_examples=300)
@given(st.lists(FORM_PIECES | st.binary(max_size=3), max_size=12).map(b"".join))
def test_form_bodies_decode_as_urllib_decodes_them(body):
    assert decode_form(body) == _urllib_form(body)


def test_data_annotation_offsets_include_markup(client):
    data = {
        "annotation": [
            {"markup": "<p>"},
            {"text": "Món này "},
            {"markup": "<b>"},
            {"text": "rất thich"},
            {"markup": "</b>"},
            {"text": " hợp."},
            {"markup": "</p>", "interpretAs": "\n\n"},
        ]
    }
    original = "".join(part.get("text", part.get("markup")) for part in data["annotation"])
    body = check(client, data=json.dumps(data)).json()
    spans = [original[m["offset"] : m["offset"] + m["length"]] for m in body["matches"]]
    assert "thich" in spans


def test_disabling_the_rule_or_its_category_silences_it(client):
    match = the_match(check(client, text=SENTENCE).json())
    rule, category = match["rule"]["id"], match["rule"]["category"]["id"]
    assert check(client, text=SENTENCE, disabledRules=rule).json()["matches"] == []
    # LanguageTool's category ids are upper case; soat accepts both spellings.
    assert check(client, text=SENTENCE, disabledCategories=category).json()["matches"] == []
    assert check(client, text=SENTENCE, disabledCategories=category.lower()).json()["matches"] == []


def test_enabled_only_keeps_just_the_named_rule(client):
    match = the_match(check(client, text=SENTENCE).json())
    body = check(client, text=SENTENCE, enabledRules=match["rule"]["id"], enabledOnly="true")
    assert {m["rule"]["id"] for m in body.json()["matches"]} == {match["rule"]["id"]}


def test_unknown_disabled_rule_is_ignored_like_languagetool(client):
    response = check(client, text=SENTENCE, disabledRules="WHITESPACE_RULE")
    assert response.status_code == 200
    assert response.json()["matches"]


def test_unknown_enabled_rule_is_a_400(client):
    response = check(client, text=SENTENCE, enabledRules="NO_SUCH_RULE_XYZ", enabledOnly="true")
    assert response.status_code == 400
    assert "NO_SUCH_RULE_XYZ" in response.json()["message_en"]


def test_english_mother_tongue_gives_english_messages(client):
    vi = the_match(check(client, text=SENTENCE).json())
    en = the_match(check(client, text=SENTENCE, motherTongue="en-US").json())
    assert en["message"] != vi["message"]


@pytest.mark.parametrize("language", ["vi", "vi-VN", "auto"])
def test_vietnamese_and_auto_detection_are_accepted(client, language):
    response = client.post("/v2/check", data={"language": language, "text": SENTENCE})
    assert response.status_code == 200
    assert response.json()["language"]["detectedLanguage"]["code"] == "vi-VN"


@pytest.mark.parametrize("language", ["en-US", "fr", "xx-YY"])
def test_unknown_language_is_a_400_json_error(client, language):
    response = client.post("/v2/check", data={"language": language, "text": SENTENCE})
    assert response.status_code == 400
    body = response.json()
    assert body["status"] == 400 and body["message"] and body["message_en"]


def test_text_over_200000_characters_is_a_413(client):
    response = check(client, text="a" * 200_001)
    assert response.status_code == 413
    assert response.json()["error"] == "too_large"


def test_huge_body_is_refused_before_it_is_read(client):
    response = client.post(
        "/v2/check",
        content=b"x" * (5 * 1024 * 1024),
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 413


def test_streamed_body_without_length_is_also_limited(client):
    def chunks():
        for _ in range(80):
            yield b"text=" + b"a" * 65_536

    response = client.post(
        "/v2/check",
        content=chunks(),
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 413


GARBAGE = [
    ({"content": b"\xff\xfe\x00garbage"}, "application/x-www-form-urlencoded"),
    ({"content": b"text=%ZZ%&language=vi"}, "application/x-www-form-urlencoded"),
    ({"content": b"text=%ED%A0%80&language=vi"}, "application/x-www-form-urlencoded"),
    ({"content": b"--xx\r\nbroken"}, "multipart/form-data; boundary=xx"),
    ({"content": b"whatever"}, "multipart/form-data"),
    ({"content": b"{not json"}, "application/json"),
    ({"content": b'{"text": ["a", 1], "language": "vi"}'}, "application/json"),
    ({"content": b'{"text": {"a": 1}, "language": "vi"}'}, "application/json"),
    ({"content": b"[1, 2]"}, "application/json"),
    ({"content": b"\x00" * 1000}, "application/octet-stream"),
    ({"content": b"language=vi&data=" + b"%5B" * 50_000}, "application/x-www-form-urlencoded"),
    ({"content": b"language=vi&text=a&enabledOnly=perhaps"}, "application/x-www-form-urlencoded"),
    ({"content": b"language=vi&text=a&level=%00"}, "application/x-www-form-urlencoded"),
    ({"content": b"language=vi&text=a&" + b"x=1&" * 3000}, "application/x-www-form-urlencoded"),
]


@pytest.mark.parametrize(("body", "content_type"), GARBAGE)
def test_garbage_gets_a_json_4xx_never_a_500(client, body, content_type):
    response = client.post("/v2/check", headers={"content-type": content_type}, **body)
    assert 200 <= response.status_code < 500, response.text
    response.json()


def test_valid_json_body_is_accepted(client):
    response = client.post("/v2/check", json={"language": "vi", "text": SENTENCE})
    assert response.status_code == 200
    assert response.json()["matches"]


def test_surrogate_escape_in_data_does_not_break_the_answer(client):
    data = json.dumps({"annotation": [{"text": "Món này rất thich hợp \ud83d."}]})
    response = check(client, data=data)
    assert response.status_code == 200


def test_unknown_path_and_method_are_json_errors(client):
    missing = client.get("/v2/nothing-here")
    assert missing.status_code == 404 and missing.json()["status"] == 404
    wrong = client.delete("/v2/check")
    assert wrong.status_code == 405 and wrong.json()["status"] == 405


def test_languages_lists_vietnamese(client):
    languages = client.get("/v2/languages").json()
    assert {"name": "Vietnamese", "code": "vi", "longCode": "vi-VN"} in languages


def test_health_reports_the_model_and_version(client):
    body = client.get("/health").json()
    assert body == {"status": "ok", "model_loaded": True, "version": soat.__version__}


def test_info_counts_the_rules(client):
    body = client.get("/v2/info").json()
    assert body["software"]["version"] == soat.__version__
    assert body["rules"] == len(soat.list_rules()) > 0
    assert body["maxTextLength"] == 200_000


def test_rules_are_listed_in_both_languages(client):
    vi = client.get("/v2/rules").json()["rules"]
    en = client.get("/v2/rules", params={"motherTongue": "en"}).json()["rules"]
    assert len(vi) == len(en) == len(soat.list_rules())
    assert {"id", "category", "severity", "description"} <= set(vi[0])


def test_restore_puts_back_diacritics(client):
    response = client.post("/api/restore", data={"text": "toi di hoc"})
    assert response.status_code == 200
    assert response.json() == {"text": soat.restore_diacritics("toi di hoc")}
    assert response.json()["text"] != "toi di hoc"
    as_json = client.post("/api/restore", json={"text": "toi di hoc"})
    assert as_json.json() == response.json()


def test_restore_without_text_is_a_400(client):
    assert client.post("/api/restore", data={}).status_code == 400
    assert client.post("/api/restore", data={"text": "a" * 200_001}).status_code == 413


def test_editor_page_is_served_with_a_strict_policy(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "text/html" in response.headers["content-type"]
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "default-src 'self'" in policy
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("asset", ["/", "/static/app.js", "/static/app.css"])
def test_editor_loads_nothing_from_elsewhere(client, asset):
    response = client.get(asset)
    assert response.status_code == 200
    assert "http://" not in response.text and "https://" not in response.text
    assert "//" + "cdn" not in response.text


def _slow_check(text, **options):
    time.sleep(1.5)
    return []


def test_check_over_the_time_limit_is_a_504_and_a_full_queue_a_503(monkeypatch, serve):
    monkeypatch.setattr(soat, "check", _slow_check)
    with serve(create_app(time_limit=0.4, threads=1, warm_up=False)) as url:
        results: dict[str, int] = {}

        def send(name: str) -> None:
            response = httpx.post(
                url + "/v2/check", data={"language": "vi", "text": "Xin chào"}, timeout=10
            )
            results[name] = response.status_code
            assert response.json()["status"] == response.status_code

        first = threading.Thread(target=send, args=("running",))
        first.start()
        time.sleep(0.1)
        send("queued")
        first.join()
        assert results == {"running": 504, "queued": 503}


VIETNAMESE_PIECES = st.sampled_from(
    [
        "thich",
        "Món",
        " ",
        "\n",
        "\r\n",
        "😀",
        "👍🏽",
        "của của",
        "e\u0301",
        "\u200b",
        ",",
        "( ",
        "vieejt",
        "3.5%",
        "\t",
        "\x00",
        "Ω",
        "𝔘",
        "«",
        "Mesi",
    ]
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(VIETNAMESE_PIECES | st.text(max_size=5), max_size=30).map("".join))
def test_any_text_gets_matches_that_point_inside_it(client, text):
    response = check(client, text=text)
    assert response.status_code == 200, response.text
    units = len(text.encode("utf-16-le")) // 2
    for match in response.json()["matches"]:
        assert 0 <= match["offset"] <= match["offset"] + match["length"] <= units
        context = match["context"]
        assert (
            0
            <= context["offset"]
            <= context["offset"] + context["length"]
            <= len(context["text"].encode("utf-16-le")) // 2
        )
