"""Fork sites behind IL703: where the program starts a process that inherits its memory.

A `ProcessPoolExecutor`/`multiprocessing.Pool` job (`pool.submit(job)`, `pool.map(job, xs)`)
or a `multiprocessing.Process(target=job)` runs `job` in a child that, with the `fork` start
method (the default on Linux before Python 3.14), starts as a copy of the parent: an engine's
pooled connections included. A site whose pool is built with a `spawn`/`forkserver` context
(`mp_context=multiprocessing.get_context("spawn")`), or a program that calls
`multiprocessing.set_start_method("spawn")`, starts fresh interpreters and is not a fork site.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from interlock.models.arguments import bind_params
from interlock.models.program import ContextKind, Event, EventKind, FunctionInfo, ProgramModel, iter_events

#: executor classes whose workers are processes, with their parameters before `initializer`
PROCESS_POOLS = {
    "concurrent.futures.ProcessPoolExecutor": ["max_workers", "mp_context", "initializer"],
    "concurrent.futures.process.ProcessPoolExecutor": ["max_workers", "mp_context", "initializer"],
    "multiprocessing.Pool": ["processes", "initializer"],
    "multiprocessing.pool.Pool": ["processes", "initializer"],
}
_FRESH = re.compile(r"""['"](spawn|forkserver)['"]""")


@dataclass(frozen=True)
class ForkSite:
    scope: FunctionInfo | None        # None: a module body
    module: str
    before: tuple[Event, ...]         # what the parent runs in that scope before the fork
    spawn: Event
    job: str                          # the function the child runs
    initializer: str | None           # the pool's `initializer=`, resolved


def fork_sites(ctx) -> list[ForkSite]:
    """Every fork site of the program (cached per component)."""
    sites = ctx.cache.get("fork_sites")
    if sites is None:
        sites = ctx.cache["fork_sites"] = list(_sites(ctx.model))
    return sites


def _sites(model: ProgramModel):
    bodies = [(None, m.name, list(iter_events(m.body))) for m in model.modules.values()]
    bodies += [(f, f.module, list(iter_events(f.body))) for f in model.functions.values()]
    if any(_fresh_start(ev) for _, _, events in bodies for ev in events
           if ev.kind is EventKind.CALL and (ev.callee or "").endswith("set_start_method")):
        return
    for fn, module, events in bodies:
        for i, ev in enumerate(events):
            if ev.kind is not EventKind.SPAWN or ev.spawn is None or not ev.spawn.resolved:
                continue
            forks, init = _forks(model, fn, module, events[:i], ev)
            if forks:
                yield ForkSite(fn, module, tuple(events[:i]), ev, ev.spawn.resolved, init)


def _forks(model: ProgramModel, fn: FunctionInfo | None, module: str, before: list[Event], ev: Event):
    """(whether `ev` forks a child, the pool initializer's qualname)."""
    if ev.spawn.kind is ContextKind.PROCESS:
        return True, None
    params = PROCESS_POOLS.get(ev.spawn.pool or "")
    if params is None:
        return False, None
    ctor = next((e for e in reversed(before) if e.kind is EventKind.CALL and e.callee == ev.spawn.pool), None)
    args = (bind_params(params, ctor.args, partial=True) or {}) if ctor is not None else {}
    if "mp_context" in args and (_FRESH.search(args["mp_context"]) or any(
            _fresh_start(e) for e in before if (e.callee or "").endswith("get_context"))):
        return False, None
    return True, _function_named(model, fn, module, args.get("initializer"))


def _fresh_start(ev: Event) -> bool:
    return any(_FRESH.search(a) for a in ev.args)


def _function_named(model: ProgramModel, fn: FunctionInfo | None, module: str, text: str | None) -> str | None:
    """The function a reference names (`init`, `self._init`), in the scope that wrote it."""
    if not text:
        return None
    head, _, name = text.strip().rpartition(".")
    if head in ("self", "cls") and fn is not None and fn.cls in model.classes:
        return model.classes[fn.cls].methods.get(name)
    return f"{module}.{name}" if not head and f"{module}.{name}" in model.functions else None
