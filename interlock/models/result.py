"""The result of a verification: the JSON contract's top-level object."""
from __future__ import annotations

from typing import Any

from pydantic import ConfigDict, Field

from interlock.models.base import Model
from interlock.models.finding import Finding
from interlock.models.program import Diagnostic


class ComponentResult(Model):
    model_config = ConfigDict(frozen=True)

    name: str
    dimension: str = "Player Thread Safety"
    paths: tuple[str, ...] = ()
    contexts: tuple[str, ...] = ()
    complete: bool = True              # False when an exploration bound was hit
    bounded_by: str | None = None      # which bound ("steps", "preemptions", "seconds")
    spec: str | None = None            # spec file, when one was used


class VerifyResult(Model):
    model_config = ConfigDict(frozen=True)

    tool: dict[str, str] = Field(default_factory=lambda: {"name": "interlock", "version": ""})
    root: str = "."
    components: tuple[ComponentResult, ...] = ()
    findings: tuple[Finding, ...] = ()
    stats: dict[str, Any] = Field(default_factory=dict)
    diagnostics: tuple[Diagnostic, ...] = ()

    def skipped_files(self) -> list[Diagnostic]:
        """The files found but not analysed (unparsable, undecodable, unreadable): their error
        diagnostics, by path and line; a rule's crash is an error diagnostic too, but of no file."""
        return sorted((d for d in self.diagnostics if d.severity == "error" and d.path),
                      key=lambda d: (d.path, d.line))

    @property
    def incomplete(self) -> bool:
        """A rule raised or a file could not be analysed: neither a pass nor plain findings may be
        read from this result (the CLI exits 2; SARIF's `executionSuccessful` is false)."""
        return bool(self.stats.get("rule_errors")) or bool(self.skipped_files())

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True)
