"""Spec files (`specs/<project>/<component>.toml`), validated; errors name the file and the key."""
from __future__ import annotations

import ast
import posixpath
import re
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import ConfigDict, Field, ValidationError, ValidationInfo, field_validator

from interlock.models.base import Model


class SpecError(Exception):
    """A spec problem, rendered as one line: `file: key: what was expected`."""

    def __init__(self, file: str, key: str, message: str, line: int | None = None):
        self.file, self.key, self.line, self.message = file, key, line, message
        where = f"{file}:{line}" if line else file
        super().__init__(f"{where}: {key}: {message}" if key else f"{where}: {message}")


class _Strict(Model):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class ComponentHeader(_Strict):
    name: str
    paths: list[str] = Field(min_length=1)
    dimension: str = "Player Thread Safety"
    description: str = ""
    exclude: list[str] = []

    @field_validator("dimension")
    @classmethod
    def _known_dimension(cls, v: str) -> str:
        from interlock.models.finding import DIMENSIONS

        if v not in DIMENSIONS:          # every finding of the component carries it (JSON contract)
            raise ValueError(f"{v!r} is not a dimension (one of: {', '.join(DIMENSIONS)})")
        return v

    @field_validator("paths")
    @classmethod
    def _relative_paths(cls, v: list[str]) -> list[str]:
        """`./app/`, `app` and `app\\` are one folder; a path is relative to the root."""
        out = []
        for p in v:
            norm = posixpath.normpath(p.strip().replace("\\", "/")) if p.strip() else "."
            if norm.startswith("/"):
                raise ValueError(f"{p!r} is absolute: paths are files or folders relative to the root")
            out.append(norm)
        return out


class ContextSpec(_Strict):
    name: str
    calls: list[str] = Field(min_length=1)     # `Class.method` or qualified function names
    instances: Literal["one", "many"] = "one"
    kind: Literal["thread", "executor", "task", "http", "websocket", "callback", "process", "main",
                  "lifespan"] = "thread"


class InvariantSpec(_Strict):
    name: str
    class_: str = Field(alias="class")
    expr: str
    severity: Literal["critical", "high", "medium", "low"] = "high"
    description: str = ""

    @field_validator("expr")
    @classmethod
    def _parses(cls, v: str) -> str:
        try:
            tree = ast.parse(v, mode="eval")
        except SyntaxError as exc:
            raise ValueError(f"not a Python expression ({exc.msg})") from None
        # an expression on no field has one value in every state: it would check nothing, silently
        if not any(isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id == "self"
                   for n in ast.walk(tree)):
            raise ValueError(f"{v!r} reads no field of the class (name fields as `self.<field>`, "
                             f"e.g. \"self.position <= self.duration\")")
        return v


class StateMachineSpec(_Strict):
    class_: str = Field(alias="class")
    field: str
    states: list[str] = []                     # before `initial` and `transitions`, which must name them
    initial: str | None = None
    transitions: list[tuple[str, str]] = []
    severity: Literal["critical", "high", "medium", "low"] = "high"

    @field_validator("initial")
    @classmethod
    def _initial_is_a_state(cls, v: str | None, info: ValidationInfo) -> str | None:
        states = info.data.get("states") or []
        if v is not None and states and v not in states:
            raise ValueError(f"{v!r} is not one of `states`{close_matches(v, states)}")
        return v

    @field_validator("transitions")
    @classmethod
    def _transitions_name_states(cls, v: list[tuple[str, str]], info: ValidationInfo) -> list[tuple[str, str]]:
        # a misspelt state makes every real transition into it "illegal": false findings, no error
        states = info.data.get("states") or []
        for i, pair in enumerate(v):
            for name in pair:
                if states and name not in states:
                    raise ValueError(f"[{i}] {name!r} is not one of `states`{close_matches(name, states)}")
        return v


def close_matches(name: str, known: list[str] | tuple[str, ...], what: str = "") -> str:
    """` (did you mean 'X'?)`, else ` (one of: A, B, C)`: what a misspelt spec name could have meant."""
    import difflib

    close = difflib.get_close_matches(name, list(known), n=3)
    if close:
        return f" (did you mean {' or '.join(repr(c) for c in close)}?)"
    if not known:
        return f" (there are no {what or 'names'})"
    shown = ", ".join(list(known)[:12]) + (f", ... ({len(known)} in all)" if len(known) > 12 else "")
    return f" ({what + ': ' if what else 'one of: '}{shown})"


class BoundsSpec(_Strict):
    steps: int = Field(default=400, gt=0)
    preemptions: int = Field(default=2, ge=0)
    seconds: float = Field(default=30.0, gt=0)
    states: int = Field(default=40_000, gt=0)   # explored states per component


class ComponentSpec(_Strict):
    component: ComponentHeader
    context: list[ContextSpec] = []
    invariant: list[InvariantSpec] = []
    state_machine: list[StateMachineSpec] = []
    scenarios: list[list[str]] = []            # extra context combinations (e.g. triples)
    bounds: BoundsSpec = BoundsSpec()
    source: str = ""                           # the file it was read from (set by the loader)

    @property
    def name(self) -> str:
        return self.component.name


def _key(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out.replace("class_", "class")


def load_spec(path: str | Path) -> ComponentSpec:
    """Read and validate one spec file; raise SpecError naming the file and key."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SpecError(str(path), "", "file not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise SpecError(str(path), "", f"invalid TOML: {exc}") from None
    except UnicodeDecodeError:
        raise SpecError(str(path), "", "not UTF-8 text") from None
    if "component" not in data:
        raise SpecError(str(path), "component", "missing table [component] (expected name and paths)")
    try:
        return ComponentSpec.model_validate({**data, "source": str(path)})
    except ValidationError as exc:
        err = exc.errors()[0]
        msg = err["msg"]
        if err["type"] == "extra_forbidden":
            msg = "unknown key"
        elif err["type"] == "missing":
            msg = "required key is missing"
        key = _key(err["loc"])
        if err["type"] == "value_error":
            msg = msg.removeprefix("Value error, ")        # pydantic's prefix, not ours
            if m := re.match(r"\[(\d+)\] ", msg):       # a validator names the list item: part of the key
                key, msg = f"{key}[{m.group(1)}]", msg[m.end():]
        raise SpecError(str(path), key, msg) from None


def load_specs(path: str | Path) -> list[ComponentSpec]:
    """A spec file, or every `*.toml` in a folder (sorted)."""
    path = Path(path)
    if path.is_dir():
        return [load_spec(p) for p in sorted(path.glob("*.toml"))]
    return [load_spec(path)]
