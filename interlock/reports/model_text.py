"""`interlock extract --format text`: the program model as a readable outline.

Classes that matter for concurrency (locks, primitives, shared containers, threads) with their
attribute kinds, then contexts, the lock graph with one witness per edge, and state machines.
Plain classes are counted, not listed, so the outline stays readable on big trees.
"""
from __future__ import annotations

from interlock.models.program import AttrKind, ClassInfo, ProgramModel

QUIET_KINDS = frozenset({AttrKind.OTHER})


def render_model(model: ProgramModel) -> str:
    """The whole outline, ending with a newline."""
    lines = [_summary(model), ""]
    lines += _classes(model)
    lines += _contexts(model)
    lines += _lock_graph(model)
    lines += _state_machines(model)
    lines += _diagnostics(model)
    return "\n".join(lines).rstrip() + "\n"


def _summary(model: ProgramModel) -> str:
    return (f"{model.root}: {len(model.modules)} modules, {len(model.classes)} classes, "
            f"{len(model.functions)} functions, {len(model.contexts)} contexts, "
            f"{len(model.lock_graph.locks)} locks, {len(model.lock_graph.edges)} lock-order edges, "
            f"{len(model.state_machines)} state machines, {len(model.diagnostics)} diagnostics")


def _is_interesting(cls: ClassInfo) -> bool:
    return cls.is_thread or any(a.kind not in QUIET_KINDS for a in cls.attributes.values())


def _classes(model: ProgramModel) -> list[str]:
    shown = [c for c in sorted(model.classes.values(), key=lambda c: c.qualname) if _is_interesting(c)]
    out = [f"Classes ({len(shown)} with locks, primitives or shared state; "
           f"{len(model.classes) - len(shown)} others not shown)"]
    for cls in shown:
        flags = [f for f, on in (("thread", cls.is_thread), ("mixin", cls.is_mixin), ("enum", cls.is_enum)) if on]
        bases = [a for a in cls.ancestors[1:]]
        head = f"  {cls.qualname}  ({cls.path}:{cls.loc.line})"
        head += f"  bases: {', '.join(bases)}" if bases else ""
        head += f"  [{', '.join(flags)}]" if flags else ""
        out.append(head)
        if cls.locks:
            out.append("    locks: " + ", ".join(f"{n} ({a.kind.value}{_lock_of(a)})" for n, a in sorted(cls.locks.items())))
        for name, attr in sorted(cls.attributes.items()):
            if name in cls.locks:
                continue
            out.append(f"    {name}: {attr.kind.value}{_type(attr)}{_notes(cls, attr)}")
    return out + [""]


def _lock_of(attr) -> str:
    return f" of {attr.lock_of}" if attr.lock_of else ""


def _type(attr) -> str:
    return f" {attr.type_name}" if attr.type_name and attr.kind == AttrKind.OBJECT else ""


def _notes(cls: ClassInfo, attr) -> str:
    notes = []
    if attr.init_only:
        notes.append("init-only")
    if attr.declared_in and attr.declared_in != cls.qualname:
        notes.append(f"from {attr.declared_in.rsplit('.', 1)[-1]}")
    return f"  ({', '.join(notes)})" if notes else ""


def _contexts(model: ProgramModel) -> list[str]:
    out = [f"Contexts ({len(model.contexts)})"]
    for ctx in model.contexts:
        where = f"  at {ctx.origin}" if ctx.origin else ""
        many = f"{ctx.multiplicity}{', per object' if ctx.per_object else ''}{', async' if ctx.is_async else ''}"
        out.append(f"  {ctx.name}  [{ctx.kind.value}, {many}]{where}")
        if ctx.detail:
            out.append(f"    {ctx.detail}")
        entries = ", ".join(_short(e) for e in ctx.entries[:8])
        more = f" (+{len(ctx.entries) - 8} more)" if len(ctx.entries) > 8 else ""
        out.append(f"    entries: {entries}{more}")
    return out + [""]


def _short(qualname: str) -> str:
    """`pkg.mod.Class.method` -> `Class.method` (the last two parts)."""
    return ".".join(qualname.split(".")[-2:])


def _lock_graph(model: ProgramModel) -> list[str]:
    graph = model.lock_graph
    out = [f"Lock graph ({len(graph.locks)} locks, {len(graph.edges)} edges)"]
    for lock, kind in graph.locks.items():
        out.append(f"  lock {lock} ({kind})")
    seen = set()
    for e in graph.edges:
        if (e.source, e.target) in seen:
            continue
        seen.add((e.source, e.target))
        tag = "  self-deadlock" if e.source == e.target else ""
        out.append(f"  {e.source} -> {e.target}{tag}")
        out.append(f"    via {' -> '.join(_short(v) for v in e.via)}; witness "
                   + ", ".join(f"{w.path}:{w.line}" for w in e.witness))
    return out + [""]


def _state_machines(model: ProgramModel) -> list[str]:
    out = [f"State machines ({len(model.state_machines)})"]
    for sm in model.state_machines:
        out.append(f"  {sm.cls}.{sm.field}: states {', '.join(sm.states)}; initial {sm.initial or '?'}")
        for t in sm.transitions:
            guard = f"  if {t.guard}" if t.guard else ""
            out.append(f"    {t.source} -> {t.target}  in {t.method.rsplit('.', 1)[-1]} "
                       f"({t.loc.path}:{t.loc.line}){guard}")
    return out + [""]


def _diagnostics(model: ProgramModel) -> list[str]:
    if not model.diagnostics:
        return []
    out = [f"Diagnostics ({len(model.diagnostics)})"]
    out += [f"  {d.path}:{d.line}: {d.severity}: {d.message}" for d in model.diagnostics[:50]]
    if len(model.diagnostics) > 50:
        out.append(f"  ... {len(model.diagnostics) - 50} more")
    return out
