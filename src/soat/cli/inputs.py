"""Reading the command line's inputs safely: files, directories and standard input.

A file is read as bytes and decoded as strict UTF-8 so that a bad byte is reported (which file,
which byte) instead of being guessed at; a leading BOM is dropped and remembered, so offsets
count from the first real character and ``fix --in-place`` writes it back. A UTF-16 file with
its BOM (what Windows Notepad saves as "Unicode") is read as UTF-16 and written back so.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from soat.errors import InputError

TEXT_SUFFIXES = (".txt", ".md")
BOM = "\ufeff"


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


# The byte order marks of UTF-16, and the codec that reads the text after each.
UTF16_BOMS = {b"\xff\xfe": "utf-16-le", b"\xfe\xff": "utf-16-be"}


def decode(data: bytes, name: str) -> Source:
    """Decode ``data`` as UTF-8 (or as UTF-16 after its BOM), refusing binary data and
    reporting the first bad byte."""
    encoding = UTF16_BOMS.get(data[:2])
    if encoding is not None:
        try:
            return Source(name, data[2:].decode(encoding), bom=True, encoding=encoding)
        except UnicodeDecodeError as error:
            raise InputError(
                f"{name}: không phải UTF-16 hợp lệ (ở byte {error.start + 2}).",
                f"{name}: invalid UTF-16 (at byte {error.start + 2}).",
            ) from None
    if b"\x00" in data[:8192]:
        raise InputError(
            f"{name}: tệp nhị phân, không phải văn bản.",
            f"{name}: binary file, not text.",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        byte = data[error.start]
        raise InputError(
            f"{name}: không phải UTF-8 hợp lệ (byte 0x{byte:02x} ở vị trí {error.start}). Tệp"
            " có thể dùng bảng mã cũ (Windows-1258, TCVN3, VNI): hãy lưu lại dưới dạng UTF-8.",
            f"{name}: invalid UTF-8 (byte 0x{byte:02x} at offset {error.start}). The file may"
            " use a legacy code page (Windows-1258, TCVN3, VNI): save it again as UTF-8.",
        ) from None
    if text.startswith(BOM):
        return Source(name, text[1:], bom=True)
    return Source(name, text)


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
