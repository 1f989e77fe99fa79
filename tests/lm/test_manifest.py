"""The shipped model artefacts match their manifest, load, and prefer Vietnamese to word salad."""

from __future__ import annotations

import hashlib
import json
import time
from importlib import resources
from pathlib import Path

import kenlm
import pytest

from soat.lm.corpus import lm_sentences

DATA = Path(str(resources.files("soat") / "data"))
SENTENCE = "Thủ tướng Chính phủ đã chủ trì cuộc họp với các bộ, ngành vào sáng nay."
SCRAMBLED = "họp sáng Chính với trì đã bộ, tướng các nay ngành cuộc chủ vào Thủ phủ."


@pytest.fixture(scope="module")
def manifest() -> dict:
    return json.loads((DATA / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def model() -> kenlm.Model:
    return kenlm.Model(str(DATA / "lm.binary"))


def lm_text(text: str) -> str:
    return " ".join(" ".join(sentence) for sentence in lm_sentences(text))


def test_artefacts_match_the_manifest(manifest: dict) -> None:
    names = {record["file"] for record in manifest["artefacts"]}
    assert names == {"lm.binary", "unigrams.tsv.gz"}
    for record in manifest["artefacts"]:
        path = DATA / record["file"]
        assert path.stat().st_size == record["size"], record["file"]
        assert hashlib.sha256(path.read_bytes()).hexdigest() == record["sha256"], record["file"]


def test_manifest_records_inputs_and_ngram_counts(manifest: dict) -> None:
    assert {Path(record["file"]).name for record in manifest["inputs"]} == {
        "baomoi-2017.train.jsonl.xz",
        "viwiki-2017.train.jsonl.xz",
    }
    assert all(len(record["sha256"]) == 64 for record in manifest["inputs"])
    counts = manifest["lm"]["ngrams"]
    assert len(counts) == manifest["lm"]["order"]
    assert all(counts[str(order)] > 0 for order in range(1, manifest["lm"]["order"] + 1))


def test_model_fits_the_size_budget(manifest: dict) -> None:
    assert (DATA / "lm.binary").stat().st_size < 40 * 1024 * 1024


def test_model_loads_quickly_and_has_the_manifest_order(manifest: dict) -> None:
    started = time.perf_counter()
    loaded = kenlm.Model(str(DATA / "lm.binary"))
    assert time.perf_counter() - started < 2.0
    assert loaded.order == manifest["lm"]["order"]


def test_vietnamese_scores_better_than_its_scrambled_words(model: kenlm.Model) -> None:
    assert sorted(lm_text(SENTENCE).split()) == sorted(lm_text(SCRAMBLED).split())
    assert model.score(lm_text(SENTENCE)) > model.score(lm_text(SCRAMBLED)) + 10


def test_model_knows_common_words_and_the_number_token(model: kenlm.Model) -> None:
    for word in ("của", "việt", "hòa", "<num>", ","):
        assert word in model
