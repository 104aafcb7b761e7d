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

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True)
