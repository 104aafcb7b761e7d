"""What a rule sees besides the model: the component, its contexts, its spec, bounds, sources."""
from __future__ import annotations

import ast
import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from interlock.models.location import code_lines
from interlock.models.program import Context, ProgramModel
from interlock.models.spec import ComponentSpec


@dataclass(frozen=True, slots=True)
class Bounds:
    """Exploration bounds; a result that hit one says which."""

    steps: int = 400
    preemptions: int = 2
    seconds: float = 30.0
    states: int = 40_000      # explored states per component (the deterministic budget)
    depth: int = 2            # contexts per scenario (2 = pairs, 3 = triples)


@dataclass(frozen=True)
class Component:
    name: str
    dimension: str | None      # None: each rule's seed dimension
    paths: tuple[str, ...]     # root-relative files or folders; () = everything
    spec: ComponentSpec | None = None

    def contains(self, path: str) -> bool:
        if not self.paths:
            return True
        for p in self.paths:
            p = p.strip("/")
            if p in ("", ".") or path == p or path.startswith(p + "/"):
                return True
        return False


@dataclass
class RuleContext:
    model: ProgramModel
    component: Component
    contexts: tuple[Context, ...]
    root: Path
    bounds: Bounds = field(default_factory=Bounds)
    cache: dict[str, Any] = field(default_factory=dict)   # shared analyses, built once per component

    def dimension(self, seed: str) -> str:
        return self.component.dimension or seed

    @property
    def closed_world(self) -> bool:
        """The spec declares contexts: code that none of the component's contexts reaches does not
        run concurrently (checker/closed_world.py)."""
        return self.component.spec is not None and bool(self.component.spec.context)

    def in_scope(self, path: str) -> bool:
        return self.component.contains(path)

    def lines(self, path: str, start: int, end: int | None = None) -> list[str]:
        """Source lines start..end (1-based, inclusive) of a root-relative file."""
        text = _read(self.root / path)
        return text[start - 1:(end or start)]

    def snippet(self, path: str, start: int, end: int | None = None, context: int = 0) -> str:
        """A trimmed code excerpt with line numbers, for `evidence`."""
        lo = max(1, start - context)
        hi = (end or start) + context
        lines = self.lines(path, lo, hi)
        width = len(str(hi))
        return "\n".join(f"{lo + i:>{width}} | {line}" for i, line in enumerate(lines))


@functools.lru_cache(maxsize=512)
def _read(path: Path) -> list[str]:
    try:
        return code_lines(path.read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return []


def source_lines(path: Path) -> list[str]:
    """The lines of a file, read once (shared with `RuleContext.lines`)."""
    return _read(path)


@functools.lru_cache(maxsize=256)
def source_tree(path: Path) -> ast.Module | None:
    """The stdlib `ast` of a file, parsed once for every rule that walks statements (IL602's
    hand-offs, the pool barriers); None when it does not parse. Parsed from the file's own text:
    its line numbers are the model's, in a file with form feeds too."""
    try:
        return ast.parse(path.read_text(encoding="utf-8", errors="replace"))
    except (OSError, SyntaxError, ValueError, RecursionError, MemoryError):
        return None
