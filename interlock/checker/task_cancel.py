"""Which spawned asyncio tasks some code can cancel, and where (IL404 across functions).

A task is cancellable when the handle `create_task`/`ensure_future` returns is kept in shared
state (`tasks[dev] = create_task(...)`, `self._job = ...`, `self._running.add(t)`) and some
function calls `.cancel()` on what it takes back out of that state: the path itself
(`self._job.cancel()`), a local fetched from it (`t = tasks.get(dev); t.cancel()`,
`tasks.pop(dev).cancel()`), or the loop variable of a loop over it. A handle kept in a local
of the spawning function counts when that function cancels the local. A task whose handle
nobody cancels is not reported: only the loop's own shutdown would stop it.
"""
from __future__ import annotations

from dataclasses import dataclass

import re

from interlock.checker.callgraph import receiver
from interlock.checker.shared_args import loops_around
from interlock.models.program import ContextKind, Event, EventKind, FunctionInfo, ProgramModel

STORE_KINDS = frozenset({EventKind.WRITE, EventKind.MUTATE})


@dataclass(frozen=True, slots=True)
class Spawn:
    """One `create_task(task(...))` in `spawner`, and the `.cancel()` calls that can reach it."""

    spawner: FunctionInfo
    event: Event
    cancels: tuple[tuple[FunctionInfo, Event], ...]


def cancellable_spawns(model: ProgramModel) -> dict[str, list[Spawn]]:
    """Task qualname -> the spawn sites whose task handle some `.cancel()` call reaches."""
    cancels = [(fn, ev, _cancelled(model, fn, ev)) for fn in model.functions.values()
               for ev in fn.events() if _is_cancel(ev)]
    out: dict[str, list[Spawn]] = {}
    for fn in model.functions.values():
        for ev in fn.events():
            if ev.kind is not EventKind.SPAWN or ev.spawn is None or ev.spawn.kind is not ContextKind.TASK \
                    or not ev.spawn.resolved:
                continue
            stores, handles = _stores(model, fn, ev)
            hits = tuple((c, cev) for c, cev, syms in cancels
                         if syms & stores or (c is fn and receiver(cev.callee) in handles))
            if hits:
                out.setdefault(ev.spawn.resolved, []).append(Spawn(fn, ev, hits))
    return out


def _is_cancel(ev: Event) -> bool:
    return ev.kind is EventKind.CALL and bool(ev.callee) and ev.callee.endswith(".cancel") and not ev.args


def _symbol(model: ProgramModel, fn: FunctionInfo, path: str | None) -> tuple[str, str] | None:
    if not path:
        return None
    path = path.split("(", 1)[0].split("[", 1)[0]
    return model.resolve(fn.cls, path if "." in path else f"{fn.module}.{path}")


def _stores(model: ProgramModel, fn: FunctionInfo, spawn: Event) -> tuple[set, set[str]]:
    """The shared state the spawn's handle is kept in, and the locals of `fn` holding it."""
    kind = (spawn.callee or "").rsplit(".", 1)[-1]
    handles = {name for name, made in fn.made.items() if made.rsplit(".", 1)[-1] == kind}
    stores = set()
    for ev in fn.events():
        if ev.kind in STORE_KINDS and ev.target and (
                ev.loc.line == spawn.loc.line or (ev.value or "").strip() in handles or set(ev.args) & handles):
            sym = _symbol(model, fn, ev.target)
            if sym is not None:
                stores.add(sym)
    return stores, handles


def _cancelled(model: ProgramModel, fn: FunctionInfo, ev: Event) -> set:
    """The shared state whose task `ev` (a `.cancel()`) cancels."""
    rec = receiver(ev.callee) or ""
    paths = [rec, receiver(rec.split("(", 1)[0]) if "(" in rec else None]
    if "." not in rec and "(" not in rec:            # a local: where it came from
        paths += [receiver(fn.made.get(rec)), receiver(fn.fetched.get(rec))]
        paths += [r for w in fn.events() if w.kind is EventKind.WRITE and w.target == rec for r in w.reads]
        paths += [loop.header.target for loop in loops_around(fn.body, ev) or ()
                  if loop.header.kind is EventKind.ITERATE and rec in re.findall(r"\w+", loop.target or "")]
    return {sym for p in paths if (sym := _symbol(model, fn, p)) is not None}
