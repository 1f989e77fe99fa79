"""One-word clauses: their table matches the manifest, is built deterministically, and puts the
right marks on a caption label."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from importlib import resources
from pathlib import Path

import soat
from soat.lm.labels import LABEL_TABLE, count_labels, labels, write_labels

DATA = Path(str(resources.files("soat") / "data"))


def test_the_table_matches_its_manifest_entry():
    entry = json.loads((DATA / "manifest.json").read_text(encoding="utf-8"))["labels"]
    (record,) = entry["artefacts"]
    path = DATA / record["file"]
    assert record["file"] == LABEL_TABLE
    assert path.stat().st_size == record["size"]
    assert hashlib.sha256(path.read_bytes()).hexdigest() == record["sha256"]
    assert len(labels()) == entry["entries"]


def test_counts_keep_only_clear_majorities_and_write_the_same_bytes(tmp_path):
    counts: Counter = Counter()
    text = "Trời mưa. Ảnh: Reuters\n" * 30 + "Anh: AFP\n" + "Arsenal (Anh) và Chelsea (Ảnh)\n" * 12
    count_labels(text, counts)
    assert counts["anh", ":", "ảnh"] == 30 and counts["anh", ")", "anh"] == 12
    first, second = tmp_path / "a.tsv", tmp_path / "b.tsv"
    assert (
        write_labels(counts, first)
        == write_labels(Counter(dict(reversed(counts.items()))), second)
        == 1
    )
    assert first.read_bytes() == second.read_bytes()
    assert "anh\t:\tảnh\t30\t31" in first.read_text(encoding="utf-8")  # (Anh) is half and half


def test_a_caption_label_gets_its_marks_and_the_country_keeps_its_own():
    assert soat.restore_diacritics("Tong thong My. Anh: Reuters.") == "Tổng thống Mỹ. Ảnh: Reuters."
    assert soat.restore_diacritics("Anh : AFP") == "Ảnh : AFP"
    # Any run of spaces before the mark, as the build counts them.
    assert soat.restore_diacritics("Anh    : AFP") == "Ảnh    : AFP"
    assert soat.restore_diacritics("Doi Arsenal (Anh) thang") == "Đội Arsenal (Anh) thắng"
