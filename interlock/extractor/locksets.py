"""Interprocedural locksets: `entry_held` of private functions, to a greatest fixed point.

A private helper's entry lockset is the intersection, over every resolved call site, of the locks
held there (the caller's own `held` plus the caller's `entry_held`), rebased from the caller's
`self` to the callee's (`self.m()` keeps `self._lock`; `self.ctl._m()` turns `self.ctl._lock` into
`self._lock`; globals stay). Public functions and helpers without call sites get nothing: a
`*_unlocked` helper no one calls is checked at its call sites by the rules instead.
"""
from __future__ import annotations

from interlock.extractor.index import EventIndex
from interlock.extractor.symbols import receiver, to_callee
from interlock.models.program import Event, EventKind, FunctionInfo, ProgramModel

CALL_KINDS = frozenset({EventKind.CALL, EventKind.BLOCKING})
MAX_ROUNDS = 50
Site = tuple[str | None, Event]     # (caller qualname or None for module level, call event)


def is_private(fn: FunctionInfo) -> bool:
    name = fn.name
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def call_sites(model: ProgramModel, index: EventIndex) -> dict[str, list[Site]]:
    """Resolved call sites of every function, callers in qualname order."""
    sites: dict[str, list[Site]] = {}
    for q in sorted(model.functions):
        for ev in index.of(q):
            if ev.kind in CALL_KINDS and ev.resolved in model.functions:
                sites.setdefault(ev.resolved, []).append((q, ev))
    for name in sorted(model.modules):
        for ev in index.modules[name]:
            if ev.kind in CALL_KINDS and ev.resolved in model.functions:
                sites.setdefault(ev.resolved, []).append((None, ev))
    return sites


def compute_entry_held(model: ProgramModel, index: EventIndex | None = None) -> dict[str, FunctionInfo]:
    """The model's functions with `entry_held` filled in."""
    sites = call_sites(model, index or EventIndex(model))
    targets = [q for q in sorted(sites) if is_private(model.functions[q])]
    entry: dict[str, tuple[str, ...] | None] = {q: None for q in targets}   # None = not yet bounded
    for _ in range(MAX_ROUNDS):
        changed = False
        for q in targets:
            new = _meet(sites[q], entry)
            if new is not None and new != entry[q]:
                entry[q], changed = new, True
        if not changed:
            break
    out = dict(model.functions)
    for q, held in entry.items():
        if held:
            out[q] = out[q].model_copy(update={"entry_held": held})
    return out


def _meet(sites: list[Site], entry: dict[str, tuple[str, ...] | None]) -> tuple[str, ...] | None:
    """Intersection of the locks held at each site; None while every site is still unbounded."""
    result: list[str] | None = None
    for caller, ev in sites:
        outer = entry.get(caller, ()) if caller is not None else ()
        if outer is None:
            continue                  # caller not bounded yet: it cannot shrink the set
        recv = receiver(ev.callee)
        held = [p for p in (to_callee(h, recv) for h in (*outer, *ev.held)) if p]
        result = list(dict.fromkeys(held)) if result is None else [p for p in result if p in held]
    return tuple(result) if result is not None else None
