"""Reading the command line's inputs safely: files, directories and standard input.

A file is read as bytes and decoded by :func:`soat.text.reading.decode_text` (strict UTF-8, or
UTF-16 after its BOM); a leading BOM is dropped and remembered, so offsets count from the first
real character and ``fix --in-place`` writes the file back as it came.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from soat.errors import InputError
from soat.text.reading import BOM, decode_text

TEXT_SUFFIXES = (".txt", ".md")


@dataclass(frozen=True)
class Source:
    """One input: its name as given (``-`` for stdin), its text, and whether it had a BOM."""

    name: str
    text: str
    bom: bool = False
    encoding: str = "utf-8"


def expand(paths: list[str]) -> list[str]:
    """Paths as given, directories replaced by their ``*.txt`` and ``*.md`` files (sorted); a
    directory with none stays, so that reading it says so."""
    if not paths:
        return ["-"]
    expanded: list[str] = []
    for path in paths:
        if path != "-" and Path(path).is_dir():
            found = sorted(
                str(p) for p in Path(path).rglob("*") if p.suffix in TEXT_SUFFIXES and p.is_file()
            )
            expanded.extend(found or [path])
        else:
            expanded.append(path)
    return expanded


def decode(data: bytes, name: str) -> Source:
    """Decode ``data`` (see :func:`soat.text.reading.decode_text`)."""
    return Source(name, *decode_text(data, name))


def read(name: str) -> Source:
    """Read one input (``-`` is standard input)."""
    if name == "-":
        return decode(sys.stdin.buffer.read(), "-")
    path = Path(name)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{name}: không có tệp này.", f"{name}: no such file.") from None
    except IsADirectoryError:
        raise InputError(
            f"{name}: thư mục không có tệp .txt hay .md nào.",
            f"{name}: a folder with no .txt or .md file.",
        ) from None
    except PermissionError:
        raise InputError(f"{name}: không có quyền đọc.", f"{name}: permission denied.") from None
    except OSError as error:
        raise InputError(
            f"{name}: không đọc được ({error}).", f"{name}: cannot read ({error})."
        ) from None
    return decode(data, name)


def write_atomically(path: str, text: str, bom: bool, encoding: str = "utf-8") -> None:
    """Replace ``path`` with ``text`` in ``encoding`` in one step: a crash leaves the old file
    or the new."""
    import tempfile  # only ``fix --in-place`` needs it: kept out of every start-up

    target = Path(path)
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding=encoding, newline="") as out:
            out.write((BOM if bom else "") + text)
        os.chmod(temp, target.stat().st_mode & 0o7777)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
