"""Source locations: root-relative, '/'-separated paths, 1-based lines, 0-based columns."""
from __future__ import annotations

from pydantic import ConfigDict

from interlock.models.base import Model


def code_lines(text: str) -> list[str]:
    """The lines of source `text` as Python numbers them (`ast` line numbers, the model's lines):
    split at \\n, \\r\\n and \\r only. `str.splitlines` also splits at form feeds (the ^L page
    breaks of older modules), \\v, \\x1c-\\x1e, \\x85 and U+2028/9, which the tokenizer reads as
    whitespace or as part of a string, so every later line of such a file would be off."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()                    # a final newline ends the last line, as for splitlines
    return lines


class Location(Model):
    """A span in a source file. `path` is relative to the analysis root, with '/'."""

    model_config = ConfigDict(frozen=True)

    path: str
    line: int
    column: int = 0
    end_line: int = 0
    end_column: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column + 1}"

    @property
    def span(self) -> str:
        end = self.end_line or self.line
        return f"{self.path}:{self.line}" + (f"-{end}" if end != self.line else "")
