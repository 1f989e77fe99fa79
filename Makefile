# Build targets for soat's shipped artefacts. `make model` rebuilds src/soat/data/ from the
# corpora in SOAT_DATA_DIR (default ../shared/data); `make kenlm-tools` compiles KenLM's lmplz
# and build_binary from the kenlm 0.3.0 sdist into .cache/kenlm/bin (once; the script is
# idempotent).

PYTHON ?= python3
KENLM_CACHE ?= .cache/kenlm

.PHONY: model kenlm-tools

kenlm-tools:
	PYTHON=$(PYTHON) bash scripts/build_kenlm.sh $(KENLM_CACHE)

model: kenlm-tools
	KENLM_BIN=$(abspath $(KENLM_CACHE))/bin PYTHONPATH=src $(PYTHON) -m soat.lm.build model
