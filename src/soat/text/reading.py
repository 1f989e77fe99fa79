"""Bytes to text, for every face that reads files (the command line, the server's uploads).

A file is decoded as strict UTF-8, so that a bad byte is reported (which file, which byte)
instead of being guessed at, or as UTF-16 after its byte order mark (what Windows Notepad saves
as "Unicode"). A leading BOM is dropped and remembered, so offsets count from the first real
character and a file can be written back as it came. Start at :func:`decode_text`.
"""

from __future__ import annotations

from typing import NamedTuple

from soat.errors import InputError

BOM = "\ufeff"
# The byte order marks of UTF-16, and the codec that reads the text after each.
UTF16_BOMS = {b"\xff\xfe": "utf-16-le", b"\xfe\xff": "utf-16-be"}


class Decoded(NamedTuple):
    """A file's text, whether it began with a BOM, and the encoding to write it back in."""

    text: str
    bom: bool = False
    encoding: str = "utf-8"


def decode_text(data: bytes, name: str) -> Decoded:
    """Decode ``data`` (called ``name`` in messages) as UTF-8, or as UTF-16 after its BOM,
    refusing binary data and reporting the first bad byte."""
    encoding = UTF16_BOMS.get(data[:2])
    if encoding is not None:
        try:
            return Decoded(data[2:].decode(encoding), bom=True, encoding=encoding)
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
        return Decoded(text[1:], bom=True)
    return Decoded(text)
