"""Closed world: the concurrent contexts of a component whose spec declares its contexts.

A spec that lists contexts says what runs concurrently in the component: those contexts, the
HTTP/WebSocket handlers of the analysed tree (the application's own entry points, wherever they
are defined: a library component is reached from the web layer's routes), the work these start
(threads, executor jobs, processes, tasks and callbacks registered from code they reach,
transitively), and what the component's modules start at import time (directly or through the
calls they make). Nothing else is assumed to
call in: the `public:<Class>` contexts that stand for "any thread may call the public methods"
(the open world of a library without a spec) are not made, nor are contexts that only code
outside this world starts.
"""
from __future__ import annotations

from interlock.checker.analysis import reachable_functions
from interlock.checker.context import Component
from interlock.models.program import Context, ContextKind, EventKind, ProgramModel, iter_events

SPAWNED_KINDS = frozenset({ContextKind.THREAD, ContextKind.EXECUTOR, ContextKind.PROCESS, ContextKind.TASK,
                           ContextKind.CALLBACK})
HANDLER_KINDS = frozenset({ContextKind.HTTP, ContextKind.WEBSOCKET})


def closed_world(model: ProgramModel, component: Component, declared: list[Context]) -> tuple[Context, ...]:
    """The inferred contexts that belong to the world of `declared` (see the module docstring)."""
    handlers = [c for c in model.contexts if c.kind in HANDLER_KINDS]
    spawnable = [c for c in model.contexts if c.kind in SPAWNED_KINDS]
    at_import, started = _import_time(model, component)
    chosen = {c.name for c in handlers}
    frontier = [*at_import, *(e for c in [*declared, *handlers] for e in c.entries)]
    walked: set[str] = set()
    while frontier:
        fresh = reachable_functions(model, [e for e in frontier if e not in walked]) - walked
        walked |= fresh | set(frontier)
        started |= _spawn_targets(model, fresh)
        frontier = []
        for c in spawnable:
            if c.name not in chosen and any(e in started for e in c.entries):
                chosen.add(c.name)
                frontier.extend(c.entries)
    return tuple(c for c in model.contexts if c.name in chosen)


def _spawn_targets(model: ProgramModel, functions: set[str]) -> set[str]:
    out: set[str] = set()
    for q in functions:
        for ev in model.functions[q].events():
            if ev.kind is EventKind.SPAWN and ev.spawn is not None and ev.spawn.resolved:
                out.add(ev.spawn.resolved)
    return out


def _import_time(model: ProgramModel, component: Component) -> tuple[list[str], set[str]]:
    """What the component's modules call and start when imported (`METER = Meter(); METER.start()`)."""
    calls: list[str] = []
    started: set[str] = set()
    for info in model.modules.values():
        if component.contains(info.path):
            for ev in iter_events(info.body):
                if ev.kind is EventKind.SPAWN and ev.spawn is not None and ev.spawn.resolved:
                    started.add(ev.spawn.resolved)
                elif ev.kind is EventKind.CALL and ev.resolved in model.functions:
                    calls.append(ev.resolved)
    return calls, started
