import gzip
import unicodedata

import pytest

from soat.syllable import grammar
from soat.syllable.grammar import WELL_FORMED, canonical, compose, parse, tone_style


@pytest.mark.parametrize(
    "word",
    [
        "thích",
        "người",
        "quyết",
        "giết",
        "gì",
        "nghĩa",
        "kênh",
        "khuya",
        "khuỷu",
        "ngoẹo",
        "quốc",
        "giữa",
        "yêu",
        "xoong",
        "thuở",
        "oải",
        "việt",
        "chuyện",
        "gìn",
        "hòa",
        "hoà",
    ],
)
def test_well_formed_syllables_parse(word):
    assert parse(word) is not None
    assert word in WELL_FORMED


@pytest.mark.parametrize("word", ["thich", "hoc", "viêt", "mot", "bap"])
def test_stop_coda_needs_sac_or_nang(word):
    assert parse(word) is None


@pytest.mark.parametrize("word", ["ká", "cí", "ghá", "ngí", "iêu", "tyên", "nguời", "coa"])
def test_spelling_rules_reject_impossible_onsets_and_rhymes(word):
    assert word not in WELL_FORMED


def test_parse_gives_onset_glide_nucleus_coda_tone():
    syllable = parse("hoàng")
    parts = (syllable.onset, syllable.glide, syllable.nucleus, syllable.coda)
    assert parts == ("h", "o", "a", "ng")
    assert syllable.tone == 1
    assert parse("quyết").glide == "u"


def test_old_and_new_tone_placement_share_one_canonical_form():
    assert canonical("hoà") == canonical("hòa") == "hòa"
    assert canonical("thuỷ") == "thủy"
    assert canonical("Hoà") == "Hòa"
    assert tone_style("hoà") == "new" and tone_style("hòa") == "old"
    assert tone_style("người") is None


def test_misplaced_marks_are_moved_by_canonical():
    assert canonical("taị") == "tại"
    assert canonical("vựơt") == "vượt"
    assert "taị" not in WELL_FORMED


def test_compose_places_the_tone():
    assert compose("viêt", 5) == "việt"
    assert compose("viêt", 0) is None
    assert compose("gi", 1) == "gì"


def test_enumeration_is_large_but_bounded():
    assert 15_000 < len(WELL_FORMED) < 25_000


def test_shipped_syllable_table_is_the_enumeration_of_this_grammar():
    """A stale table is not wrong (it is ignored) but costs every start-up an enumeration:
    after editing grammar.py, run `soat-build tables`."""
    shipped = gzip.decompress(grammar.SYLLABLE_TABLE.read_bytes()).decode("utf-8")
    header, _, body = shipped.partition("\n")
    assert body == grammar.syllable_table().partition("\n")[2]
    digest, _, unicode_version = header.removeprefix("# soat.syllable.grammar ").partition(
        " unicode "
    )
    if unicode_version == unicodedata.unidata_version:  # the stamp is per Unicode version
        assert header == f"# {grammar.source_key()}", "run `soat-build tables`"
