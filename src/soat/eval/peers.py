"""The tools people use today, run on the same text as soat so the figures compare directly.

* :class:`Hunspell` drives ``hunspell -d vi_VN`` (Debian's ``hunspell`` and ``hunspell-vi``)
  through a pipe: ``-l`` lists the unknown words of a text (the false-alarm and speed figures),
  and, given one word a line, which distinct words it does not know; ``-a`` gives the
  suggestions for a few words (suggesting is slow, so only for flags that may be corrections).
* :class:`Pyvi` wraps ``pyvi.ViUtils.add_accents``, a character-level CRF accent restorer.

Both are optional: :func:`hunspell` and :func:`pyvi` return the reason, a string, when the tool or
its dictionary is missing, and the evaluation prints that the peer was skipped.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterable

import regex

_LETTER_RUNS = regex.compile(r"[\p{L}\p{M}]+")
_ENV = {**os.environ, "LC_ALL": "C.UTF-8"}


class PeerUnavailable(Exception):
    """A peer tool cannot run here; the message says why."""


class Hunspell:
    """``hunspell -d vi_VN`` in a subprocess."""

    name = "Hunspell-vi"

    def __init__(self, dictionary: str = "vi_VN") -> None:
        self.command = ["hunspell", "-d", dictionary]

    def _run(self, flags: list[str], text: str) -> tuple[str, float]:
        started = time.perf_counter()
        done = subprocess.run(
            self.command + flags,
            input=text.encode("utf-8"),
            capture_output=True,
            env=_ENV,
            check=False,
        )
        seconds = time.perf_counter() - started
        if done.returncode != 0:
            reason = done.stderr.decode("utf-8", "replace").strip() or f"exit {done.returncode}"
            raise PeerUnavailable(f"hunspell failed: {reason}")
        return done.stdout.decode("utf-8", "replace"), seconds

    def unknown_words(self, text: str) -> tuple[list[str], float]:
        """Every word occurrence ``hunspell -l`` lists in ``text``, and the wall time it took."""
        out, seconds = self._run(["-l"], text)
        return [line for line in out.splitlines() if line], seconds

    def misspelt(self, words: Iterable[str]) -> set[str]:
        """The distinct words among ``words`` (letter runs) that Hunspell does not know."""
        listed, _ = self.unknown_words("".join(f"{word}\n" for word in sorted(set(words))))
        return set(listed)

    def suggestions(self, words: Iterable[str]) -> dict[str, tuple[str, ...]]:
        """Hunspell's suggestions for each of ``words`` it does not know.

        Suggesting is slow (seconds a word for long ones), so ask only for the words you need.
        """
        distinct = sorted(set(words))
        if not distinct:
            return {}
        # "^" makes hunspell read each line as text, never as a pipe-mode command.
        out, _ = self._run(["-a"], "".join(f"^{word}\n" for word in distinct))
        groups = out.split("\n\n")
        if groups and groups[0].startswith("@(#)"):
            groups[0] = groups[0].split("\n", 1)[1] if "\n" in groups[0] else ""
        found: dict[str, tuple[str, ...]] = {}
        for word, group in zip(distinct, groups, strict=False):
            for line in group.splitlines():
                if line.startswith("&"):
                    found[word] = tuple(s.strip() for s in line.split(":", 1)[1].split(","))
                elif line.startswith("#"):
                    found[word] = ()
        return found

    def spans(self, text: str, misspelt: set[str]) -> list[tuple[int, int, str]]:
        """``(start, end, word)`` for each occurrence of a misspelt word in ``text``."""
        return [
            (match.start(), match.end(), match.group())
            for match in _LETTER_RUNS.finditer(text)
            if match.group() in misspelt
        ]


def letter_runs(text: str) -> list[str]:
    """The words of ``text`` as Hunspell is given them: maximal runs of letters."""
    return _LETTER_RUNS.findall(text)


def hunspell() -> Hunspell | str:
    """A working :class:`Hunspell`, or the reason there is none."""
    if shutil.which("hunspell") is None:
        return "hunspell is not installed (apt-get install hunspell hunspell-vi)"
    peer = Hunspell()
    try:
        peer.unknown_words("xin chào")
    except (PeerUnavailable, OSError) as error:
        return f"{error} (apt-get install hunspell-vi)"
    return peer


class Pyvi:
    """pyvi's accent restorer, one line at a time (its CRF labels every character of a line).

    pyvi raises on some lines (a ``KeyError`` on label sequences it has no letter for, e.g. near
    ``CT-01+``); such a line is left as given and counted in :attr:`failed_lines`.
    """

    name = "pyvi"

    def __init__(self) -> None:
        from pyvi import ViUtils

        self._add_accents = ViUtils.add_accents
        self.failed_lines = 0

    def _line(self, line: str) -> str:
        if not line.strip():
            return line
        try:
            return self._add_accents(line)
        except Exception:  # noqa: BLE001 - a peer's bug must not stop the comparison
            self.failed_lines += 1
            return line

    def restore(self, text: str) -> str:
        """``text`` with accents added by pyvi, line by line."""
        return "\n".join(self._line(line) for line in text.split("\n"))


def pyvi() -> Pyvi | str:
    """A working :class:`Pyvi`, or the reason there is none."""
    try:
        peer = Pyvi()
        peer.restore("xin chao")
    except Exception as error:  # noqa: BLE001 - any failure of an optional peer means "skip it"
        return f"pyvi is not usable ({type(error).__name__}: {error}; pip install pyvi)"
    return peer
