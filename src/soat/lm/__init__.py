"""The language model: how it is built, loaded and used to score words in context.

Build time and run time are separate. :mod:`soat.lm.corpus` reads the training corpora and
defines the tokens the model sees (:func:`~soat.lm.corpus.lm_sentences`); :mod:`soat.lm.build`
(``soat-build model``, ``make model``) turns them into the shipped ``data/lm.binary``,
``data/unigrams.tsv.gz`` and ``data/manifest.json``. The run-time modules only load those
artefacts, lazily and once.
"""
