"""Vietnamese syllables: the grammar (parse, well-formedness, tone placement), the lexicon of
known syllables, and the candidate generator for misspellings. Start at :mod:`.grammar`."""
