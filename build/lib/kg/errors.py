"""The one exception root of the library; the CLI turns it into a message with a hint."""
from __future__ import annotations


class KGError(Exception):
    """Any error kg reports to a user. ``hint`` says how to fix it."""

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.hint = hint


class InputError(KGError):
    """An input file could not be read or holds no usable records."""


class ExportError(KGError):
    """An output could not be written."""


class ConfigError(KGError):
    """A setting, option or connection is missing or wrong."""
