"""``soat eval`` end to end on a tiny labelled file, and peers that are missing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from soat.eval import peers
from soat.eval.cli import strip_text

SRC = str(Path(__file__).resolve().parents[2] / "src")

DOCUMENTS = [
    {
        "_id": "1",
        "text": "Món này rất thich hợp với tôi.",
        "mistakes": [{"text": "thich", "start_offset": "12", "suggest": ["thích"]}],
    },
    {
        "_id": "2",
        "text": "Hôm qua anh ấy vieejt một bài báo dài.",
        "mistakes": [{"text": "vieejt", "start_offset": "15", "suggest": ["viết"]}],
    },
]


def _eval(*args: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [SRC, os.environ.get("PYTHONPATH")])),
    }
    return subprocess.run(
        [sys.executable, "-m", "soat", "eval", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


@pytest.fixture
def labelled(tmp_path: Path) -> Path:
    path = tmp_path / "two.jsonl"
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in DOCUMENTS))
    return path


def test_spelling_prints_a_table(labelled: Path):
    done = _eval("spelling", str(labelled), "--no-model", "--per-rule")
    assert done.returncode == 0, done.stderr
    assert "det F1" in done.stdout and "corr F1" in done.stdout
    assert "2 documents, 2 mistakes" in done.stdout
    assert "Traceback" not in done.stderr


def test_spelling_json_counts_the_labels(labelled: Path):
    done = _eval("spelling", str(labelled), "--no-model", "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["documents"] == 2
    assert report["soat"]["mistakes"] == 2
    assert report["model"] is False
    assert report["soat"]["mistakes_detected"] >= 1  # "thich hợp" is soat's first example


def test_no_keep_quotes_scores_the_slips_inside_quotations_too(tmp_path: Path):
    text = "Ông kể: “Tôi luôn giữ bình tỉnh khi thi đấu”."
    path = tmp_path / "quoted.jsonl"
    mistake = {"text": "tỉnh", "start_offset": str(text.index("tỉnh")), "suggest": ["tĩnh"]}
    path.write_text(json.dumps({"_id": "q", "text": text, "mistakes": [mistake]}) + "\n")
    reports = [
        json.loads(_eval("spelling", str(path), "--json", *flag).stdout)
        for flag in ([], ["--no-keep-quotes"])
    ]
    assert [r["keep_quotes"] for r in reports] == [True, False]
    assert [r["soat"]["mistakes_detected"] for r in reports] == [0, 1]


def test_a_missing_file_is_a_message_not_a_traceback(tmp_path: Path):
    done = _eval("spelling", str(tmp_path / "nope.jsonl"), "--no-model")
    assert done.returncode == 2
    assert "nope.jsonl" in done.stderr and "Traceback" not in done.stderr


def test_an_unknown_rule_is_a_usage_error(labelled: Path):
    done = _eval("spelling", str(labelled), "--no-model", "--rules", "NO_SUCH_RULE")
    assert done.returncode == 2
    assert "NO_SUCH_RULE" in done.stderr and "Traceback" not in done.stderr


def test_missing_peers_are_reported_as_skipped(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(peers.shutil, "which", lambda name: None)
    assert "not installed" in peers.hunspell()
    monkeypatch.setitem(sys.modules, "pyvi", None)
    assert "pyvi" in peers.pyvi()


def test_stripping_marks_keeps_every_other_character():
    text = "Đường về Hà Nội — 12,5 km (“xa”)."
    stripped = strip_text(text)
    assert stripped == "Duong ve Ha Noi — 12,5 km (“xa”)."
    assert len(stripped) == len(text)


def test_a_peer_that_raises_on_a_line_leaves_it_as_given():
    restorer = object.__new__(peers.Pyvi)
    restorer.failed_lines = 0
    restorer._add_accents = lambda line: 1 / 0 if "+" in line else line.upper()
    assert restorer.restore("toi di hoc\nCT-01+\n") == "TOI DI HOC\nCT-01+\n"
    assert restorer.failed_lines == 1
