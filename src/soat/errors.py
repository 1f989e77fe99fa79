"""Errors a user can cause. Each carries a plain message in Vietnamese and English; the faces
(CLI, server) turn them into exit codes and HTTP statuses."""

from __future__ import annotations


class SoatError(Exception):
    """Base of every error soat raises on purpose."""

    exit_code = 2
    http_status = 400

    def __init__(self, message: str, message_en: str = "") -> None:
        super().__init__(message_en or message)
        self.message = message
        self.message_en = message_en or message

    def localized(self, lang: str = "vi") -> str:
        return self.message_en if lang.startswith("en") else self.message


class InputError(SoatError):
    """The input cannot be read as text (missing file, invalid UTF-8, binary data)."""


class UsageError(SoatError):
    """An option or argument is wrong (unknown rule id, bad configuration)."""


class TooLargeError(SoatError):
    """A request is larger than the server accepts."""

    http_status = 413


class ModelError(SoatError):
    """A shipped artefact is missing or damaged."""

    exit_code = 3
    http_status = 500
