"""The topic table: built the same way twice, read back, and telling a river from a wardrobe."""

from __future__ import annotations

import gzip
import hashlib
import json
import sys
from importlib import resources
from pathlib import Path

import pytest

import soat
from soat.errors import ModelError
from soat.lm import topic_build
from soat.lm.topic import passage_around, read_topic, topic_model
from soat.lm.topic_build import build_topic

DATA = Path(str(resources.files("soat") / "data"))
RIVER = "khách xuống đò qua sông , người lái chèo đò sang bến bên kia sông".split()
WARDROBE = "chị mua đồ mới , áo quần và váy đẹp được treo trong tủ đồ".split()


def manifest_dimensions() -> int:
    return json.loads((DATA / "manifest.json").read_text(encoding="utf-8"))["topic"]["dimensions"]


def small_corpus() -> list[list[str]]:
    """Two subjects that never meet, each sentence seen many times."""
    return [RIVER] * 40 + [WARDROBE] * 40


def test_building_twice_gives_the_same_bytes(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(topic_build, "MIN_COUNT", 40)
    monkeypatch.setattr(topic_build, "DIMENSIONS", 2)
    first, second = tmp_path / "a.bin.gz", tmp_path / "b.bin.gz"
    entry = build_topic(small_corpus(), first)
    build_topic(small_corpus(), second)
    assert first.read_bytes() == second.read_bytes()
    assert entry["rows"] == len(read_topic(first).index)
    assert "," not in read_topic(first).index  # only syllables get a row


def test_a_small_table_tells_the_two_subjects_apart(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(topic_build, "MIN_COUNT", 40)
    monkeypatch.setattr(topic_build, "DIMENSIONS", 2)
    path = tmp_path / "topic.bin.gz"
    build_topic(small_corpus(), path)
    table = read_topic(path)
    river = table.passage(["sông", "bến", "chèo", "khách"])
    wardrobe = table.passage(["áo", "quần", "váy", "tủ"])
    assert table.lean("đò", "đồ", river) > 0
    assert table.lean("đò", "đồ", wardrobe) < 0


def test_the_passage_leaves_out_what_the_trigram_sees() -> None:
    words = [str(n) for n in range(30)]
    around = passage_around(words, 15)
    assert around == [str(n) for n in (5, 6, 7, 8, 9, 10, 11, 12, 18, 19, 20, 21, 22, 23, 24, 25)]
    assert passage_around(words, 0) == [str(n) for n in range(3, 11)]


def test_the_shipped_table_matches_the_manifest() -> None:
    manifest = json.loads((DATA / "manifest.json").read_text(encoding="utf-8"))
    (record,) = manifest["topic"]["artefacts"]
    path = DATA / record["file"]
    assert path.stat().st_size == record["size"]
    assert hashlib.sha256(path.read_bytes()).hexdigest() == record["sha256"]
    table = topic_model()
    assert table is not None
    assert len(table.index) == manifest["topic"]["rows"]
    assert table.words.dimensions == manifest["topic"]["dimensions"]
    assert len(table.words.codes) == len(table.index) * table.words.dimensions


def test_the_shipped_table_knows_what_a_passage_is_about() -> None:
    table = topic_model()
    assert table is not None
    river = table.passage("khách đi chung trên sông hậu nhảy xuống nước cứu người".split())
    assert table.lean("đò", "đó", river) > 0
    wardrobe = table.passage("chị mua áo quần váy mới treo trong tủ".split())
    assert table.lean("đò", "đồ", wardrobe) < 0
    wound = table.passage("bệnh nhân vết thương cầm bác sĩ cấp cứu".split())
    assert table.lean("máu", "màu", wound) > 0
    painting = table.passage("bức tranh sơn vẽ họa sĩ nhiều sắc".split())
    assert table.lean("máu", "màu", painting) < 0
    assert table.lean("xyzzy", "xyzzy", river) == 0.0
    assert table.passage([]) == [0.0] * manifest_dimensions()


@pytest.mark.parametrize(
    "text",
    [
        "Bệnh nhân bị đâm trên xương đòn, vết thương phun máu đỏ, được ép gạc cầm máu ngay.",
        "Báo chí Pháp cho rằng Lyon đã ký một bản hợp đồng hớ trong kỳ chuyển nhượng mùa đông.",
        "Tôi đã chọn loại vé cào vì đó là loại vé mà bác tôi luôn mua.",
        "Lớp vàng được dát bên ngoài pho tượng rất tinh xảo và óng ánh.",
        "Trẻ bị táo bón nên chỉ nhìn thấy bô đã sợ hãi, nhịn đi vệ sinh.",
    ],
)
def test_a_word_its_passage_is_about_is_not_changed(text: str) -> None:
    # Each of these was a false alarm of the context rule before it looked at the passage.
    assert [i for i in soat.check(text) if i.rule == "VI_CONTEXT"] == []


def test_a_slip_on_the_passages_subject_is_still_found() -> None:
    text = "Bệnh nhân được đưa vào bệnh viên cấp cứu, các bác sĩ đã cầm máu kịp thời."
    found = [(i.text, i.replacements[0]) for i in soat.check(text) if i.rule == "VI_CONTEXT"]
    assert ("viên", "viện") in found


def test_building_without_the_build_extra_says_what_to_install(tmp_path, monkeypatch, capsys):
    from soat.lm import build

    monkeypatch.setitem(sys.modules, "scipy", None)  # as if scipy were not installed
    monkeypatch.delitem(sys.modules, "soat.lm.topic_build", raising=False)
    status = build.main(["topic", "--out", str(tmp_path), "--work", str(tmp_path / "work")])
    assert status != 0
    assert "pip install -e '.[build]'" in capsys.readouterr().err
    assert not (tmp_path / "work").exists()  # it stopped before reading the corpora


def test_a_damaged_table_is_a_model_error_not_a_traceback(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(topic_build, "MIN_COUNT", 40)
    monkeypatch.setattr(topic_build, "DIMENSIONS", 2)
    path = tmp_path / "topic.bin.gz"
    build_topic(small_corpus(), path)
    whole = gzip.decompress(path.read_bytes())
    path.write_bytes(gzip.compress(whole[:-5]))
    with pytest.raises(ModelError, match="damaged"):
        read_topic(path)
    path.write_bytes(b"not gzip at all")
    with pytest.raises(ModelError, match="damaged"):
        read_topic(path)
