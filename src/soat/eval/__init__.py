"""Measuring soat: the ``soat eval`` command and the pieces it is made of.

* :mod:`soat.eval.metrics` — the definitions: spans, precision, recall, F1, syllable accuracy;
* :mod:`soat.eval.datasets` — labelled sets in the Viwiki format, heldout news, the tune split;
* :mod:`soat.eval.synthetic` — realistic slips injected into clean text, with labels;
* :mod:`soat.eval.peers` — Hunspell-vi and pyvi, run on the same text;
* :mod:`soat.eval.cli` — ``soat eval spelling|restore|clean|speed|synth``. Start here.

Benchmarks print figures and stay out of the test suite; ``benchmarks/speed.py`` calls
``soat eval speed``.
"""
