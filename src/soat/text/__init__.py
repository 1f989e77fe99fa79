"""The text layer: normalization with an offset map back to the caller's text, and tokenization."""
