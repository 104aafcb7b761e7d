"""`interlock diagram`: a component's state machine, its lock graph, or a finding's
counterexample, as DOT, Mermaid, or SVG/PNG through Graphviz's `dot`.

`dot`/`mermaid` output needs no binary; SVG and PNG need the Graphviz `dot` program.
"""
from __future__ import annotations

import shutil

from interlock.models.program import ProgramModel
from interlock.models.result import VerifyResult
from interlock.reports.diagram_build import (DiagramError, find_finding, lock_group, sequence,
                                             state_groups)
from interlock.reports.diagram_dot import groups_dot, sequence_dot
from interlock.reports.diagram_mermaid import groups_mermaid, sequence_mermaid

__all__ = ["DiagramError", "render_diagram", "diagram_source", "dot_to", "require_dot"]
KINDS = ("state", "locks", "trace")


def diagram_source(kind: str, model: ProgramModel, result: VerifyResult, *, component: str,
                   finding_id: str | None, mermaid: bool) -> str:
    """The DOT (or Mermaid) text of one diagram."""
    if kind == "state":
        groups = state_groups(model, result, component)
        title = f"state machines: {component}"
        legend = ("black: found in code and declared · red: not declared, found in code or reached by the explorer "
                  "(labelled with its finding) · grey: declared (dashed: not seen)")
        return groups_mermaid(title, groups) if mermaid else groups_dot("states", title, groups, legend)
    if kind == "locks":
        group = lock_group(model, result, component)
        legend = "A → B: B is acquired while A is held, labelled with where · red: a cycle (possible deadlock)"
        if mermaid:
            return groups_mermaid(group.title, [group])
        return groups_dot("locks", group.title, [group], legend)
    if kind == "trace":
        seq = sequence(find_finding(result, finding_id))
        return sequence_mermaid(seq) if mermaid else sequence_dot(seq)
    raise DiagramError(f"unknown diagram kind {kind!r} (expected one of {', '.join(KINDS)})")


def require_dot() -> None:
    """A clear DiagramError when Graphviz `dot` is not on PATH (callers check before long work)."""
    if shutil.which("dot") is None:
        raise DiagramError("Graphviz `dot` is not installed (Debian: apt-get install graphviz); "
                           "--format dot and --format mermaid work without it")


def dot_to(source: str, fmt: str) -> bytes:
    """Run Graphviz `dot` on `source`; a clear DiagramError when it is not installed."""
    import graphviz

    require_dot()
    try:
        return graphviz.Source(source).pipe(format=fmt)
    except graphviz.ExecutableNotFound:
        raise DiagramError("Graphviz `dot` could not be run; --format dot or mermaid work without it") from None
    except graphviz.CalledProcessError as exc:
        raise DiagramError(f"dot failed: {(exc.stderr or b'').decode(errors='replace').strip()}") from None


def render_diagram(kind: str, model: ProgramModel, result: VerifyResult, *, component: str,
                   finding_id: str | None = None, fmt: str = "svg") -> str | bytes:
    """svg (str), png (bytes), dot or mermaid (str)."""
    source = diagram_source(kind, model, result, component=component, finding_id=finding_id,
                            mermaid=fmt == "mermaid")
    if fmt in ("dot", "mermaid"):
        return source
    if fmt == "svg":
        return dot_to(source, "svg").decode("utf-8")
    if fmt == "png":
        return dot_to(source, "png")
    raise DiagramError(f"unknown diagram format {fmt!r} (svg, png, dot or mermaid)")
