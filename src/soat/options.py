"""What a caller can ask of a check: which rules, which mode, which language for messages."""

from __future__ import annotations

from dataclasses import dataclass, field

MODES = ("edited", "informal")
LEVELS = ("default", "picky", "strict")


@dataclass(frozen=True)
class Options:
    """Options shared by the library, the CLI, the config file and the server.

    ``enabled``/``disabled`` hold rule ids or category names. ``enabled_only`` keeps only
    the rules named in ``enabled``. ``level="picky"`` lowers the context threshold (more flags,
    less precision), ``level="strict"`` raises it (only the surest context slips).
    ``number_style`` is ``"vi"`` (``3,5``, ``12.000``) or ``"intl"``; ``tone_style`` is
    ``"any"``, ``"old"`` (``hòa``) or ``"new"`` (``hoà``). ``keep_quotes`` (on by default)
    leaves the words inside quotation marks as written for VI_CONTEXT (a quotation's own
    wording, old or regional spellings such as ``nầy``, ``tánh``); non-words and well-known
    misspellings (``che dấu``) there are still reported.
    """

    enabled: frozenset[str] = frozenset()
    disabled: frozenset[str] = frozenset()
    enabled_only: bool = False
    mode: str = "edited"
    level: str = "default"
    lang: str = "vi"
    number_style: str = "vi"
    tone_style: str = "any"
    user_words: frozenset[str] = field(default_factory=frozenset)
    use_model: bool = True
    # In ``informal`` mode, have ``fix`` expand slang and teencode (``ko`` → ``không``).
    expand_informal: bool = False
    keep_quotes: bool = True
