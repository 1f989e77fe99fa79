"""The shipped language model at run time: load once, score words in context.

The model is a KenLM syllable trigram (``data/lm.binary``, built by ``soat-build model``), loaded
lazily and once per process. :class:`LanguageModel` is a thin face over ``kenlm.Model``: states
and :meth:`LanguageModel.step`, the one call the decoders make (the KenLM idea: a tiny run-time
API over an artefact built offline).
"""

from __future__ import annotations

from functools import cache

import kenlm

from soat.errors import ModelError
from soat.syllable.lexicon import data_dir

try:  # the context rule's screening pass in C++ (scripts/build_native.sh); optional
    from soat.lm import _native
except ImportError:
    _native = None


class LanguageModel:
    """log10 probabilities of syllables given the two before them."""

    def __init__(self, path: str) -> None:
        config = kenlm.Config()
        config.load_method = kenlm.LoadMethod.LAZY  # memory-mapped: fast start, shared pages
        self.model = kenlm.Model(path, config)
        self.order = self.model.order
        # The same file for soat.lm._native, when built: None runs the Python screening.
        self.native = None
        if _native is not None:
            try:
                self.native = _native.load(path)
            except OSError:  # a model the module cannot read (of order > 6): screen in Python
                pass

    def begin(self) -> kenlm.State:
        """The state at the start of a sentence."""
        state = kenlm.State()
        self.model.BeginSentenceWrite(state)
        return state

    def step(self, state: kenlm.State, word: str) -> tuple[float, kenlm.State]:
        """log10 P(word | state) and the state after it."""
        out = kenlm.State()
        return self.model.BaseScore(state, word, out), out

    def end(self, state: kenlm.State) -> float:
        """log10 P(</s> | state)."""
        return self.model.BaseScore(state, "</s>", kenlm.State())

    def screen(
        self,
        words: list[str],
        positions: list[int],
        candidates: list[tuple[tuple[float, str], ...]],
        threshold: float,
        cheapest: float,
    ) -> list[int]:
        """The C++ screening of one clause (``soat.lm.context._verdicts``); only when
        :attr:`native` is set."""
        return _native.screen(self.native, words, positions, candidates, threshold, cheapest)

    def best_path(self, lattice: list[list[str]], beam: int) -> list[int]:
        """The C++ beam search of diacritic restoration (``soat.lm.restore.best_path``): the
        index of the chosen word in every column; only when :attr:`native` is set."""
        return _native.best_path(self.native, lattice, beam)

    def __contains__(self, word: str) -> bool:
        return word in self.model


@cache
def model() -> LanguageModel:
    """The shipped model, loaded once."""
    path = data_dir() / "lm.binary"
    if not path.exists():
        raise ModelError(
            f"Thiếu mô hình ngôn ngữ {path}; hãy chạy `soat-build model`.",
            f"Missing language model {path}; run `soat-build model`.",
        )
    return LanguageModel(str(path))
