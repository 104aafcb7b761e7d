"""Findings: the JSON contract of DESIGN.md, and the only place fingerprints are computed."""
from __future__ import annotations

import hashlib
import re
from typing import Any, Literal

from pydantic import ConfigDict, Field, model_validator

from interlock.models.base import Model

Severity = Literal["critical", "high", "medium", "low"]
Status = Literal["new", "baseline", "existing", "regression"]
DIMENSIONS = (
    "Player Thread Safety", "Audio Processing", "Backend Streaming",
    "Library & Database", "Frontend State",
)
SEVERITY_ORDER = {"critical": 0, "high": 1, "medium": 2, "low": 3}


class FindingLocation(Model):
    model_config = ConfigDict(frozen=True, populate_by_name=True)

    path: str
    line: int
    end_line: int
    class_: str | None = Field(default=None, alias="class")
    function: str | None = None
    column: int | None = None          # 0-based, where known
    note: str | None = None            # on `related` entries: what this other side is


class TraceStep(Model):
    model_config = ConfigDict(frozen=True)

    context: str
    path: str
    line: int
    action: str


_LINE_IN_NAME = re.compile(r"<lambda:\d+>")


def _lineless(name: str) -> str:
    """A lambda is named after its line (`<lambda:12>`): the fingerprint takes `<lambda>`."""
    return _LINE_IN_NAME.sub("<lambda>", name)


def fingerprint(code: str, path: str, cls: str | None, function: str | None, symbols: list[str] | tuple[str, ...]) -> str:
    """sha256("code|path|class|function|" + sorted symbols), first 16 hex digits; no lines (not
    even a lambda's, which its name carries)."""
    key = f"{code}|{path}|{cls or ''}|{_lineless(function or '')}|" + ",".join(sorted(_lineless(s) for s in symbols))
    return hashlib.sha256(key.encode()).hexdigest()[:16]


class Finding(Model):
    """One reported problem, built complete by its rule. Only `status`, `issue` (and `id`) change later."""

    model_config = ConfigDict(frozen=True, populate_by_name=True)

    id: str = ""
    code: str
    rule: str
    severity: Severity
    dimension: str
    title: str
    message: str
    location: FindingLocation
    related: tuple[FindingLocation, ...] = ()
    symbols: tuple[str, ...] = ()
    contexts: tuple[str, ...] = ()     # names of the concurrent contexts involved
    trace: tuple[TraceStep, ...] = ()
    trigger: str = ""
    evidence: str = ""
    impact: str = ""
    fix: str = ""
    values: dict[str, str] = Field(default_factory=dict)   # z3 model / concrete values that matter
    bounded: str | None = None         # set when the result came from a bounded search
    fingerprint: str = ""
    status: Status = "new"
    issue: int | None = None           # the GitHub issue tracking it (status existing/regression), from the publish record

    @model_validator(mode="before")
    @classmethod
    def _normalise(cls, data: Any) -> Any:
        if isinstance(data, dict):
            data = dict(data)
            data["symbols"] = tuple(sorted(set(data.get("symbols") or ())))
            loc = data.get("location")
            if not data.get("fingerprint") and loc is not None:
                get = (lambda k: loc.get(k)) if isinstance(loc, dict) else (lambda k: getattr(loc, k if k != "class" else "class_"))
                data["fingerprint"] = fingerprint(
                    data["code"], get("path"), get("class"), get("function"), data["symbols"])
        return data

    def sort_key(self) -> tuple:
        return (self.location.path, self.location.line, self.code, self.fingerprint)

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True)
