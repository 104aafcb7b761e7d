"""Locals that stand for one element of a shared container field, for IL403.

    seats = self.holds.get(show)        # or self.holds[show], self.holds.setdefault(show, set())
    if seat not in seats: return
    await ...
    seats.remove(seat)                  # changes the element every run that looks `show` up shares

A local bound once to a lookup of a container field that concurrent runs share names the
container's element: a change of it in place (`remove`, `add`, `d[k] = v`) is a write of the
container's state (the symbol is the container's, `Venue.holds`). A local looked up in a
container the function builds itself, or rebound (a loop variable, a second assignment), is not.
"""
from __future__ import annotations

from dataclasses import replace

from interlock.checker.analysis import Access, ConcurrencyIndex, Reach
from interlock.models.objects import all_nodes, looks_up
from interlock.models.program import Event, EventKind, FunctionInfo, Loop


def element_writes(idx: ConcurrencyIndex) -> dict[tuple[str, str], list[Access]]:
    """In-place changes, in async functions, of locals naming an element of a shared container:
    (owner, attr) of the container -> the changes as writes of it."""
    out: dict[tuple[str, str], list[Access]] = {}
    for r in idx.reaches:
        ev = r.event
        if ev.kind is not EventKind.MUTATE or not r.function.is_async or not (ev.target or "").isidentifier():
            continue
        source = _container_read(idx, r, ev.target)
        if source is not None:
            out.setdefault((source.owner, source.attr), []).append(replace(source, reach=r, kind=ev.kind))
    return out


def _container_read(idx: ConcurrencyIndex, r: Reach, local: str) -> Access | None:
    """The shared access of the container whose element `local` is bound to, once, in `r`'s function."""
    bind = _single_binding(r.function, local)
    if bind is None:
        return None
    for path in bind.reads:
        if "." not in path or not looks_up(bind, path):
            continue
        chain = tuple(map(id, r.chain))
        for x in idx.reaches_in(r.function.qualname):
            # the lookup's own event: a read (`get`, `[k]`), or a change (`setdefault`)
            if x.context is r.context and x.event.kind in (EventKind.READ, EventKind.MUTATE) \
                    and x.event.target == path and tuple(map(id, x.chain)) == chain:
                return idx.access_of(x)
    return None


def _single_binding(fn: FunctionInfo, local: str) -> Event | None:
    """The one assignment of `local` in `fn`; None for a parameter, a loop variable, or a local
    assigned more than once."""
    if local in fn.params:
        return None
    binds = [e for e in fn.events() if e.kind is EventKind.WRITE and e.target == local]
    looped = any(isinstance(n, Loop) and local in _names(n.target) for n in all_nodes(fn.body))
    return binds[0] if len(binds) == 1 and not looped else None


def _names(target: str | None) -> set[str]:
    return {n.strip() for n in (target or "").strip("()[] ").split(",")}
