"""The command line, run as a user would run it: a real subprocess."""

import json
import os
import subprocess
import sys

import pytest

SAMPLE = "Món này rất thich hợp.\n"


def soat(*args, stdin=None, env=None):
    return subprocess.run(
        [sys.executable, "-m", "soat", *args],
        input=stdin,
        capture_output=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


@pytest.fixture
def sample(tmp_path):
    path = tmp_path / "bai.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    return path


def test_check_prints_compiler_style_lines_and_exits_1(sample):
    result = soat("check", "--no-model", str(sample))
    assert result.returncode == 1
    assert f"{sample}:1:13: VI_NON_WORD" in result.stdout.decode()
    assert "→ thích" in result.stdout.decode()


def test_json_has_exactly_the_documented_fields(sample):
    result = soat("check", "--no-model", "--format", "json", str(sample))
    record = json.loads(result.stdout)
    assert record["path"] == str(sample)
    (issue,) = record["issues"]
    assert set(issue) == {
        "offset",
        "length",
        "text",
        "rule",
        "category",
        "severity",
        "message",
        "replacements",
        "confidence",
    }
    assert (issue["offset"], issue["length"], issue["text"]) == (12, 5, "thich")


def test_stdin_and_bom_do_not_shift_offsets():
    result = soat("check", "--no-model", "--format", "json", stdin=("\ufeff" + SAMPLE).encode())
    record = json.loads(result.stdout)
    assert record["path"] == "-"
    assert record["issues"][0]["offset"] == 12


def test_a_quotations_words_are_kept_unless_no_keep_quotes_says_otherwise():
    text = "Ông kể: “Tôi luôn giữ bình tỉnh khi thi đấu”. Anh ấy luôn giữ bình tỉnh.\n"
    runs = [
        soat("check", *flag, "--format", "json", stdin=text.encode())
        for flag in ([], ["--keep-quotes"], ["--no-keep-quotes"])
    ]
    found = [[i["offset"] for i in json.loads(run.stdout)["issues"]] for run in runs]
    outside, inside = text.rindex("tỉnh"), text.index("tỉnh")
    assert found == [[outside], [outside], [inside, outside]]


def test_clean_and_empty_input_exit_0(tmp_path):
    empty = tmp_path / "rong.txt"
    empty.write_bytes(b"")
    assert soat("check", str(empty)).returncode == 0
    assert soat("check", "--no-model", stdin="Trời hôm nay đẹp.".encode()).returncode == 0


def test_bad_input_is_reported_without_traceback(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Vi\xe1t Nam")
    binary = tmp_path / "anh.txt"
    binary.write_bytes(b"\x89PNG\x00\x00\x01")
    for path, words in ((bad, "0xe1"), (binary, "nhị phân"), (tmp_path / "none.txt", "không có")):
        result = soat("check", str(path))
        assert result.returncode == 2
        assert words in result.stderr.decode()
        assert b"Traceback" not in result.stderr


def test_messages_in_english_on_request(tmp_path):
    result = soat("--lang", "en", "check", str(tmp_path / "none.txt"))
    assert "no such file" in result.stderr.decode()


def test_fix_in_place_rewrites_only_the_fixes(tmp_path):
    path = tmp_path / "bai.txt"
    path.write_bytes("\ufeffRất thich.\r\nHết.\r\n".encode())
    assert soat("fix", "--no-model", "--in-place", str(path)).returncode == 0
    assert path.read_bytes() == "\ufeffRất thích.\r\nHết.\r\n".encode()


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_files_are_read_and_fixed_in_their_encoding(tmp_path, encoding):
    bom = "\ufeff".encode(encoding)
    path = tmp_path / "bai.txt"
    path.write_bytes(bom + "Rất thich.\r\nHết.\r\n".encode(encoding))
    result = soat("check", "--no-model", "--format", "json", str(path))
    assert json.loads(result.stdout)["issues"][0]["offset"] == 4
    assert soat("fix", "--no-model", "--in-place", str(path)).returncode == 0
    assert path.read_bytes() == bom + "Rất thích.\r\nHết.\r\n".encode(encoding)
    path.write_bytes(bom + "Rất".encode(encoding) + b"\x41")  # half a code unit at the end
    result = soat("check", str(path))
    assert result.returncode == 2 and "UTF-16" in result.stderr.decode()


def test_fix_never_alters_a_file_it_cannot_read(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"thich \xff")
    assert soat("fix", "--in-place", str(bad)).returncode == 2
    assert bad.read_bytes() == b"thich \xff"


def test_directory_means_its_text_files(tmp_path, sample):
    (tmp_path / "b.md").write_text("Rất thich.", encoding="utf-8")
    (tmp_path / "c.bin").write_bytes(b"\x00")
    lines = soat("check", "--no-model", "--format", "json", str(tmp_path)).stdout.splitlines()
    assert [json.loads(line)["path"] for line in lines] == [str(tmp_path / "b.md"), str(sample)]


def test_a_folder_without_text_files_is_an_input_error(tmp_path, sample):
    empty = tmp_path / "anh"
    empty.mkdir()
    (empty / "a.png").write_bytes(b"\x89PNG")
    result = soat("check", "--no-model", str(empty), str(sample))
    assert result.returncode == 2
    assert f"{empty}: thư mục không có tệp .txt hay .md nào".encode() in result.stderr
    assert f"{sample}:1:13: VI_NON_WORD".encode() in result.stdout  # the other input is checked
    restored = soat("restore", str(empty), str(sample))
    assert restored.returncode == 2 and restored.stdout.decode() == "Món này rất thích hợp.\n"


def test_unknown_rule_is_a_usage_error(sample):
    result = soat("check", "--enable", "NO_SUCH_RULE", str(sample))
    assert result.returncode == 2 and b"NO_SUCH_RULE" in result.stderr


def test_help_and_version():
    assert soat("--version").stdout.decode().startswith("soat ")
    for command in ("check", "fix", "restore", "rules", "serve"):
        assert soat(command, "--help").returncode == 0


def test_large_file_works(tmp_path):
    path = tmp_path / "lon.txt"
    path.write_text("Hôm nay trời đẹp và tôi đi học ở trường.\n" * 250_000, encoding="utf-8")
    assert path.stat().st_size > 10_000_000
    result = soat("check", "--no-model", "--format", "json", str(path))
    assert result.returncode == 0
    assert json.loads(result.stdout)["issues"] == []


def test_config_file_beside_the_text_is_used(tmp_path):
    (tmp_path / "soat.toml").write_text('lang = "en"\ndisabled = ["VI_NON_WORD"]\n')
    (tmp_path / "bai.txt").write_text("Rất thich. Nhiều nguời.\n", encoding="utf-8")
    assert soat("check", "--no-model", str(tmp_path / "bai.txt")).returncode == 0
    (tmp_path / "soat.toml").write_text('lang = "en"\n')
    result = soat("check", "--no-model", str(tmp_path / "bai.txt"))
    assert "is not a Vietnamese syllable" in result.stdout.decode()
    result = soat("--lang", "vi", "check", "--no-model", str(tmp_path / "bai.txt"))
    assert "không phải âm tiết" in result.stdout.decode()


def test_rules_lists_ids_as_json():
    rules = json.loads(soat("rules", "--format", "json").stdout)
    ids = {rule["id"] for rule in rules}
    assert {"VI_NON_WORD", "VI_CONTEXT", "VI_NAME_VARIANT", "VI_FOREIGN_SPELLING"} <= ids
    assert all({"id", "category", "severity", "description"} <= set(rule) for rule in rules)
