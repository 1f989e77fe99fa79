"""The synthetic slip generator: labels point at the right characters, runs are repeatable."""

from __future__ import annotations

import random

import pytest

from soat.eval.synthetic import SLIP_WEIGHTS, inject, make_slip, slip_kind, synthesize
from soat.syllable.typing import decode_telex, decode_vni

CLEAN = (
    "Sáng nay, hội nghị về phát triển kinh tế vùng đồng bằng sông Cửu Long đã diễn ra tại "
    "thành phố Cần Thơ với sự tham gia của nhiều nhà khoa học trong và ngoài nước. "
    "Các đại biểu cho rằng việc chuyển đổi cơ cấu cây trồng là cần thiết để thích ứng với "
    "biến đổi khí hậu, đặc biệt là tình trạng xâm nhập mặn ngày càng nghiêm trọng.\n"
) * 4


def _undo(text: str, mistakes) -> str:
    for mistake in sorted(mistakes, key=lambda m: -m.start):
        text = text[: mistake.start] + mistake.suggest[0] + text[mistake.end :]
    return text


def test_labels_point_at_the_written_slips_and_undo_them():
    written, mistakes = inject(CLEAN, random.Random(7), rate=0.3)
    assert len(mistakes) > 20
    for mistake in mistakes:
        assert written[mistake.start : mistake.end] == mistake.text
        assert mistake.text != mistake.suggest[0]
    assert _undo(written, mistakes) == CLEAN


def test_same_seed_same_set_and_documents_do_not_affect_each_other():
    docs = [("a", CLEAN), ("b", CLEAN.upper().lower())]
    first = [d.to_json() for d in synthesize(docs, seed=3, rate=0.05)]
    again = [d.to_json() for d in synthesize(docs, seed=3, rate=0.05)]
    alone = [d.to_json() for d in synthesize(docs[1:], seed=3, rate=0.05)]
    other = [d.to_json() for d in synthesize(docs, seed=4, rate=0.05)]
    assert first == again
    assert first[1] == alone[0]
    assert first != other


def test_records_use_the_viwiki_format():
    record = next(synthesize([("x", CLEAN)], seed=1, rate=0.2)).to_json()
    assert set(record) == {"_id", "text", "mistakes"}
    mistake = record["mistakes"][0]
    assert isinstance(mistake["start_offset"], str)
    start = int(mistake["start_offset"])
    assert record["text"][start : start + len(mistake["text"])] == mistake["text"]
    assert isinstance(mistake["suggest"], list)


@pytest.mark.parametrize(
    ("word", "kind", "written"),
    [
        ("tĩnh", "hoi_nga", "tỉnh"),
        ("thích", "tone_dropped", "thich"),
        ("tại", "placement", "taị"),
        ("đã", "mark", "dã"),
        ("xưng", "s/x", "sưng"),
        ("năm", "l/n", "lăm"),
    ],
)
def test_each_kind_makes_the_slip_it_names(word, kind, written):
    assert make_slip(word, kind, random.Random(0)) == written
    assert slip_kind(written, word) == kind


def test_typing_residue_decodes_back_to_the_syllable():
    rng = random.Random(0)
    for word in ("việt", "đường", "người", "khoảng"):
        assert decode_telex(make_slip(word, "telex", rng)) == word
        assert decode_vni(make_slip(word, "vni", rng)) == word


def test_a_kind_that_cannot_apply_gives_none():
    rng = random.Random(0)
    assert make_slip("ba", "tone_dropped", rng) is None
    assert make_slip("ba", "placement", rng) is None
    assert make_slip("xyzw", "mark", rng) is None


def test_every_kind_is_recorded_as_drawn():
    written, mistakes = inject(CLEAN * 5, random.Random(11), rate=0.5)
    assert {m.kind for m in mistakes} <= set(SLIP_WEIGHTS)
    regular = [m for m in mistakes if m.kind not in ("edit", "keyboard")]
    assert all(slip_kind(m.text, m.suggest[0]) == m.kind for m in regular)


def test_classifying_real_slips():
    assert slip_kind("vieejt", "việt") == "telex"
    assert slip_kind("vie65t", "việt") == "vni"
    assert slip_kind("lậptức", "lập tức") == "spacing"
    assert slip_kind("cũng", "cùng") == "tone_changed"
    assert slip_kind("hợp", "họp") == "mark"
    assert slip_kind("bàng", "bàn") == "n/ng"
    assert slip_kind("kà", "là") == "keyboard"
