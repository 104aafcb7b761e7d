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
        if line is None and key:
            line = key_line(file, key)       # where the key (or its table, when it is missing) is
        self.file, self.key, self.line, self.message = file, key, line, message
        where = f"{file}:{line}" if line else file
        super().__init__(f"{where}: {key}: {message}" if key else f"{where}: {message}")


_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\[\]#]+?)\s*\]\]?\s*(#.*)?$")
_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def key_line(file: str | Path, key: str) -> int | None:
    """The 1-based line of `key` (`context[1].calls[2]`, `bounds.steps`) in the TOML file: the
    line of the key itself, of the item of a multi-line array when the key names one, or of its
    table's header when the key is missing there. None when the file cannot be read or the
    key is written in a form this does not follow (inline or dotted tables)."""
    try:
        lines = Path(file).read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return None
    parts: list[str | int] = [m.group(1) if m.group(1) is not None else int(m.group(2)) for m in _PART.finditer(key)]
    if not parts or not isinstance(parts[0], str):
        return None
    heads = [(i, m.group(1), m.group(2)) for i, text in enumerate(lines) if (m := _HEADER.match(text))]
    table, rest = parts[0], parts[1:]
    if rest and isinstance(rest[0], int):                  # [[table]] number rest[0]
        found = [i for i, brackets, name in heads if brackets == "[[" and name == table]
        start, rest = (found[rest[0]] if rest[0] < len(found) else None), rest[1:]
    else:
        start = next((i for i, brackets, name in heads if brackets == "[" and name == table), None)
    if start is None:                                       # a top-level key (`scenarios = [...]`)
        start, rest = -1, parts
    end = next((i for i, _, _ in heads if i > start), len(lines))
    if not rest:
        return start + 1 if start >= 0 else None
    name = rest[0]
    assign = re.compile(rf"^\s*(?:{re.escape(str(name))}|\"{re.escape(str(name))}\")\s*=")
    at = next((i for i in range(start + 1, end) if assign.match(lines[i])), None)
    if at is None:
        return start + 1 if start >= 0 else None            # missing: its table's header
    if len(rest) > 1 and isinstance(rest[1], int):
        return _item_line(lines, at, rest[1]) or at + 1
    return at + 1


def _item_line(lines: list[str], at: int, index: int) -> int | None:
    """The line where item `index` of the array assigned on line `at` starts."""
    depth, count, quote, row = 0, -1, "", at
    text, i = lines[at], lines[at].index("=") + 1
    while row < len(lines):
        while i < len(text):
            c = text[i]
            if quote:
                if c == "\\":
                    i += 1
                elif c == quote:
                    quote = ""
            elif c == "#":
                break
            elif c in "]}":
                depth -= 1
                if depth == 0:
                    return None                      # the array ended first
            elif depth == 1 and not c.isspace() and c != ",":
                count += 1                           # an item starts here
                if count == index:
                    return row + 1
                if c in "[{":
                    depth += 1
                elif c in "\"'":
                    quote = c
                else:                                # a bare number, boolean or date
                    while i + 1 < len(text) and text[i + 1] not in ",]#":
                        i += 1
            elif c in "[{":
                depth += 1
            elif c in "\"'":
                quote = c
            i += 1
        row, i = row + 1, 0
        text = lines[row] if row < len(lines) else ""
    return None


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
        at = re.search(r"\(at line (\d+), column \d+\)", str(exc))
        raise SpecError(str(path), "", f"invalid TOML: {exc}", int(at.group(1)) if at else None) from None
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
