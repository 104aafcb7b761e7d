"""Diagram content, independent of the drawing language: state machines (declared vs found),
the lock graph (cycles marked) and a counterexample as a sequence of steps per context.

`diagram_dot` and `diagram_mermaid` draw these structures.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from interlock.models.finding import Finding
from interlock.models.graphs import StateMachine
from interlock.models.program import ProgramModel
from interlock.models.result import VerifyResult
from interlock.models.spec import SpecError, StateMachineSpec, load_spec
from interlock.reports.frames import contexts_in_order


class DiagramError(Exception):
    """Nothing to draw, or no way to draw it: one line for the user."""


@dataclass
class Node:
    id: str
    label: str
    kind: str = "state"          # state | initial | lock | any
    marked: bool = False         # illegal target / lock on a cycle


@dataclass
class Edge:
    source: str
    target: str
    label: str = ""
    # "ok" declared and found | "illegal" found, not declared | "declared" not seen | "spec" declared,
    # reached only by writes from an unknown state | "found" (no spec) | "cycle" | "lock"
    style: str = "found"


@dataclass
class Group:
    title: str
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)


@dataclass
class Sequence:
    title: str
    contexts: list[str]
    shared: str
    steps: list[tuple[int, str, str, str]]      # (number, context, action, "path:line")


# ----------------------------------------------------------------------------- scope

def in_scope(path: str, paths: tuple[str, ...]) -> bool:
    """Is `path` under one of the component's paths ("." or "" is the whole root), as the checker decides."""
    if not paths:
        return True
    for p in paths:
        p = p.removeprefix("./").strip("/")
        if p in ("", ".") or path == p or path.startswith(p + "/"):
            return True
    return False


def component_paths(result: VerifyResult, component: str) -> tuple[str, ...]:
    for c in result.components:
        if c.name == component:
            return c.paths
    if component == "all" or not result.components:
        return ()
    raise DiagramError(f"no component {component!r} in the result (known: "
                       f"{', '.join(c.name for c in result.components)})")


def declared_machines(result: VerifyResult, component: str) -> list[StateMachineSpec]:
    out: list[StateMachineSpec] = []
    for c in result.components:
        if c.spec and (c.name == component or component == "all"):
            path = Path(c.spec) if Path(c.spec).exists() else Path(result.root) / c.spec
            try:
                out.extend(load_spec(path).state_machine)
            except SpecError as exc:
                raise DiagramError(str(exc)) from None
    return out


# ----------------------------------------------------------------------------- state machines

def _matches(spec: StateMachineSpec, sm_cls: str, sm_field: str) -> bool:
    return spec.field == sm_field and (spec.class_ == sm_cls or sm_cls.endswith("." + spec.class_))


def state_groups(model: ProgramModel, result: VerifyResult, component: str) -> list[Group]:
    paths = component_paths(result, component)
    specs = declared_machines(result, component)
    groups: list[Group] = []
    used: list[StateMachineSpec | None] = []
    for i, sm in enumerate(model.state_machines):
        cls = model.classes.get(sm.cls)
        if cls is not None and not in_scope(cls.path, paths):
            continue
        spec = next((s for s in specs if _matches(s, sm.cls, sm.field)), None)
        groups.append(_state_group(f"m{i}", sm, spec, _proven_illegal(result, sm)))
        used.append(spec)
    for j, spec in enumerate(s for s in specs if s not in used):
        # declared, but no writes found in code: draw the declaration (and what the explorer proved)
        sm = StateMachine(cls=spec.class_, field=spec.field, initial=spec.initial)
        groups.append(_state_group(f"d{j}", sm, spec, _proven_illegal(result, sm)))
    if not groups:
        raise DiagramError(f"no state machine found in component {component!r} (an attribute assigned "
                           "enum members or constants in several methods)")
    return groups


def _legal(source: str, target: str, declared: set[tuple[str, str]], initial: str | None) -> bool:
    if source == "*":   # prior state unknown: legal when some declared transition (or the start) leads there
        return target == initial or any(t == target for _, t in declared)
    return (source, target) in declared


ILLEGAL_TITLE = re.compile(r"^Illegal transition (\S+) -> (\S+) of `([^`]+)`")


def _proven_illegal(result: VerifyResult, sm: StateMachine) -> dict[tuple[str, str], list[str]]:
    """Transitions the explorer proved illegal (IL502, with their concrete prior state), by finding."""
    short = f"{sm.cls.rsplit('.', 1)[-1]}.{sm.field}"
    out: dict[tuple[str, str], list[str]] = {}
    for f in result.findings:
        m = ILLEGAL_TITLE.match(f.title) if f.code == "IL502" else None
        if m and m.group(3) in (short, f"{sm.cls}.{sm.field}"):
            out.setdefault((m.group(1), m.group(2)), []).append(
                f"{f.id or f.code} {f.location.function or ''}:{f.location.line}".replace(" :", ":"))
    return out


def _state_group(prefix: str, sm: StateMachine, spec: StateMachineSpec | None,
                 proven: dict[tuple[str, str], list[str]] | None = None) -> Group:
    declared = {tuple(t) for t in spec.transitions} if spec else set()
    initial = (spec.initial if spec else None) or sm.initial
    short = sm.cls.rsplit(".", 1)[-1]
    group = Group(f"{short}.{sm.field}" + ("" if spec else " (no spec: transitions found in code)"))
    names = list(dict.fromkeys([*(spec.states if spec else []), *sm.states,
                                *(s for pair in sorted(declared) for s in pair),
                                *(s for t in sm.transitions for s in (t.source, t.target))]))
    found: dict[tuple[str, str], list[str]] = {}
    for t in sm.transitions:
        found.setdefault((t.source, t.target), []).append(f"{t.method.rsplit('.', 1)[-1]}:{t.loc.line}")
    illegal = {k for k in found if spec and not _legal(*k, declared, initial)}
    for key, where in (proven or {}).items():     # the explorer reached it: illegal whatever the static view says
        found[key] = found.get(key, []) + [w for w in where if w not in found.get(key, [])]
        illegal.add(key)
    for name in names:
        kind = "any" if name == "*" else "state"
        group.nodes.append(Node(f"{prefix}_{_ident(name)}", "any state" if name == "*" else name, kind,
                                marked=any(t == name for _, t in illegal)))
    if initial:
        group.nodes.insert(0, Node(f"{prefix}__start", "", "initial"))
        group.edges.append(Edge(f"{prefix}__start", f"{prefix}_{_ident(initial)}", "", "ok"))
    for (src, dst), where in sorted(found.items()):
        style = "illegal" if (src, dst) in illegal else ("ok" if spec else "found")
        group.edges.append(Edge(f"{prefix}_{_ident(src)}", f"{prefix}_{_ident(dst)}", ", ".join(where), style))
    from_any = {dst for src, dst in found if src == "*"}
    for src, dst in sorted(declared - set(found)):
        # a write whose prior state is unknown ("*") may be this transition: declared, not contradicted
        seen = dst in from_any
        group.edges.append(Edge(f"{prefix}_{_ident(src)}", f"{prefix}_{_ident(dst)}",
                                "" if seen else "declared, not seen", "spec" if seen else "declared"))
    return group


# ----------------------------------------------------------------------------- lock graph

def _short(symbol: str) -> str:
    return ".".join(symbol.split(".")[-2:])


def lock_group(model: ProgramModel, result: VerifyResult, component: str) -> Group:
    paths = component_paths(result, component)
    edges = [e for e in model.lock_graph.edges if in_scope(_edge_path(model, e), paths)]
    nested = {e.source for e in edges} | {e.target for e in edges}
    owned = set()
    for lock in model.lock_graph.locks:
        owner = model.classes.get(lock.rsplit(".", 1)[0])
        if owner is not None and in_scope(owner.path, paths):
            owned.add(lock)
    if not nested | owned:
        raise DiagramError(f"no locks found in component {component!r}")
    # locks never taken while another is held carry no ordering: listed in the title, not drawn
    locks, alone = (nested, owned - nested) if nested else (owned, set())
    on_cycle = _cycle_edges(model, edges)
    group = Group(f"lock graph: {component}" + (f" ({len(alone)} {'lock' if len(alone) == 1 else 'locks'} never nested, not drawn)" if alone else ""))
    marked = {n for pair in on_cycle for n in pair}
    for lock in sorted(locks):
        group.nodes.append(Node(_ident(lock), f"{_short(lock)}\\n({model.lock_graph.locks.get(lock, 'lock')})",
                                "lock", lock in marked))
    for e in edges:
        inner = e.witness[-1] if e.witness else None
        label = e.function.rsplit(".", 2)[-2:] if "." in e.function else [e.function]
        text = ".".join(label) + (f" ({inner.path}:{inner.line})" if inner else "")
        group.edges.append(Edge(_ident(e.source), _ident(e.target), text,
                                "cycle" if (e.source, e.target) in on_cycle else "lock"))
    return group


def _cycle_edges(model: ProgramModel, edges) -> set[tuple[str, str]]:
    """Edges on a cycle; a re-entrant lock taken again under itself is no cycle."""
    g = nx.DiGraph([(e.source, e.target) for e in edges
                    if not (e.source == e.target and model.lock_graph.locks.get(e.source) == "rlock")])
    return {(a, b) for cyc in nx.simple_cycles(g) for a, b in zip(cyc, cyc[1:] + cyc[:1])}


def _edge_path(model: ProgramModel, edge) -> str:
    fn = model.functions.get(edge.function)
    if fn is not None:
        return fn.path
    return edge.witness[-1].path if edge.witness else ""


# ----------------------------------------------------------------------------- trace

def find_finding(result: VerifyResult, finding_id: str | None) -> Finding:
    traced = [f for f in result.findings if f.trace]
    if finding_id is None:
        if len(traced) == 1:
            return traced[0]
        ids = ", ".join(sorted(f.id or f.fingerprint for f in traced)) or "none"
        raise DiagramError(f"--kind trace needs --finding ID (findings with a trace: {ids})")
    for f in result.findings:
        if finding_id.upper() in (f.id.upper(), f.fingerprint.upper()):
            if not f.trace:
                raise DiagramError(f"finding {finding_id} ({f.code}) has no counterexample trace")
            return f
    raise DiagramError(f"no finding {finding_id!r} (ids: {', '.join(f.id for f in result.findings) or 'none'})")


def sequence(f: Finding) -> Sequence:
    steps = [(n, s.context, s.action, f"{s.path}:{s.line}") for n, s in enumerate(f.trace, 1)]
    shared = ", ".join(f.symbols) or "shared state"
    return Sequence(f"{f.id or f.code}: {f.title}", contexts_in_order(f), shared, steps)


def is_blocking_step(action: str) -> bool:
    """A step where its context blocks (the last steps of a deadlock counterexample)."""
    return bool(re.search(r"\bblocked\b|\bwaits (on|for)\b", action))


def _ident(name: str) -> str:
    if name == "*":
        return "any_state"
    return "".join(ch if ch.isalnum() else "_" for ch in name) or "_"
