"""Context rules: real-word slips found by the language model (filled in by the model work)."""
