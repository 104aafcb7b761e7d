"""Source locations: root-relative, '/'-separated paths, 1-based lines, 0-based columns."""
from __future__ import annotations

from pydantic import ConfigDict

from interlock.models.base import Model


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
