"""Locks handed over: taken by one method or thread, released by another.

    def begin(self, k):                     def __init__(self):
        lock = self._locks[k]                   self._lock.acquire()
        lock.acquire()                          self.start()          # the lock goes to run()
        return self._values.get(k)          def run(self):
    def finish(self, k, v):                     try:
        lock = self._locks[k]                       self.failure = self._open()
        self._values[k] = v                     finally:
        lock.release()                              self._lock.release()

A function that releases (`lock.release()`) a lock it has not taken on its own path before that
point is the second half of a hand-over: whoever enters it holds that lock (the caller, after the
first half of a begin/end protocol; the thread started while its spawner held it). So when such a
function is entered as a context's entry, what it does before that release runs with the lock
held (`release_held`). A call of it from the program's own code gets nothing extra: the call
site's own locks say what is held there, so a path that reaches `finish` without `begin` stays
unguarded (tests/corpus/il201_lock_released_by_finish_method).

The spawner's side (`given_at_start`): a thread whose target releases a lock that way takes the
lock over at its start; the spawner's code after the start no longer holds it, even though it
never released it itself (tests/corpus/il102_lock_released_by_started_thread).
"""
from __future__ import annotations

from interlock.models.program import LOCALS, AttrKind, Event, EventKind, FunctionInfo, ProgramModel, split_symbol

#: permits, not locks: anyone gives one back (`release()` in `checkin` after `acquire()` in
#: `checkout` is how a semaphore counts), so a release without an acquire hands nothing over
_PERMITS = frozenset({AttrKind.SEMAPHORE, AttrKind.ASYNC_SEMAPHORE})

_MEMO: dict[int, tuple[ProgramModel, dict]] = {}


def release_held(model: ProgramModel, fn: FunctionInfo, cls: str | None, lock_symbol) -> dict[int, str]:
    """id of each `release()` of a lock the function did not take before it -> that lock's
    symbol. `lock_symbol(cls, path, fn)` names a lock as the walker does."""
    memo = _MEMO.get(id(model))
    if memo is None or memo[0] is not model:
        _MEMO.clear()
        memo = _MEMO[id(model)] = (model, {})
    key = (fn.qualname, cls)
    hit = memo[1].get(key)
    if hit is None:
        hit = memo[1][key] = {i: sym for i, sym in _releases(fn, cls, lock_symbol).items()
                              if not _permits(model, sym)}
    return hit


def _releases(fn: FunctionInfo, cls: str | None, lock_symbol) -> dict[int, str]:
    taken: dict[str, int] = {}
    out: dict[int, str] = {}
    for ev in fn.events():
        if ev.kind not in (EventKind.ACQUIRE, EventKind.RELEASE) or not ev.target:
            continue
        sym = lock_symbol(cls, ev.target, fn)
        if sym is None:
            continue
        if ev.kind is EventKind.ACQUIRE:
            taken[sym] = taken.get(sym, 0) + 1
        elif taken.get(sym, 0) > 0:
            taken[sym] -= 1
        elif ev.op == "call" and sym not in out.values():
            out[id(ev)] = sym
    return out


def _permits(model: ProgramModel, symbol: str) -> bool:
    owner, attr = (model.resolve(None, symbol) if LOCALS in symbol else None) or split_symbol(symbol)
    info = model.attribute(owner, attr)
    return info is not None and info.kind in _PERMITS


def given_at_start(model: ProgramModel, ev: Event, lock_symbol) -> frozenset[str]:
    """The locks a thread started at `ev` releases without taking them: its spawner hands them over."""
    spawn = ev.spawn
    if ev.kind is not EventKind.SPAWN or spawn is None or not spawn.resolved:
        return frozenset()
    target = model.functions.get(spawn.resolved)
    if target is None:
        return frozenset()
    return frozenset(release_held(model, target, target.cls, lock_symbol).values())
