"""Functions that only the event loop's own thread may run: they call the loop with what asyncio
documents as not thread-safe.

    def _dispatch(self, job):
        fut = self._loop.create_task(job.coroutine())   # only the loop's thread may call this ...
        fut.add_done_callback(on_done)                  # ... so `on_done` and this run on one thread
        self._running.add(fut)
    def stop(self):
        for fut in self._running:                       # futures made by `create_task` ...
            fut.cancel()                                # ... cancelled: the loop's thread again

A function is *loop-bound* when it schedules on a loop without the thread-safe door
(`create_task`, `ensure_future`, `run_in_executor`, `call_soon`, `call_later`, `call_at`,
`create_future`, `add_reader`/`add_writer`), or cancels or resolves a future it takes from a
field of its class that the class fills with futures made so. An open-world caller of a
loop-bound method is the loop's thread (asyncio's own threading contract: anyone else must go
through `call_soon_threadsafe`), so its accesses there do not interleave with the loop's callbacks
and tasks (tests/corpus/il101_done_callback_of_loop_task). Threads the program starts itself
stay threads: a thread that calls these is the bug IL402 reports.
"""
from __future__ import annotations

from interlock.models.loop_futures import loop_futures_of
from interlock.models.program import ContextKind, EventKind, FunctionInfo, ProgramModel

#: loop calls only the loop's thread may make (a receiver's method or asyncio's module function)
LOOP_ONLY = frozenset({"create_task", "ensure_future", "run_in_executor", "call_soon", "call_later",
                       "call_at", "create_future", "add_reader", "add_writer"})
#: what only the loop's thread may do to one of its futures
RESOLVES = frozenset({"cancel", "set_result", "set_exception"})
#: container mutations that put an element in
PUTS = frozenset({"add", "append", "appendleft", "insert"})


def _loop_call(ev) -> bool:
    if ev.kind not in (EventKind.CALL, EventKind.SPAWN):
        return False
    if ev.kind is EventKind.SPAWN and ev.spawn is not None:
        via = ev.spawn.via.rsplit(".", 1)[-1]
        if via.endswith("_threadsafe") or ev.spawn.kind is ContextKind.THREAD:
            return False
        return via in LOOP_ONLY and "." in (ev.callee or "")
    receiver, _, name = (ev.callee or "").rpartition(".")
    return bool(receiver) and name in LOOP_ONLY


class LoopBound:
    def __init__(self, model: ProgramModel):
        self.model = model
        self._memo: dict[str, bool] = {}
        self._fields: dict[str, frozenset[str]] = {}

    def __call__(self, fn: FunctionInfo) -> bool:
        q = fn.qualname
        if q not in self._memo:
            self._memo[q] = any(_loop_call(ev) for ev in fn.events()) or self._resolves_held(fn)
        return self._memo[q]

    def _resolves_held(self, fn: FunctionInfo) -> bool:
        """`for fut in self._running: fut.cancel()` over a field the class fills with loop futures."""
        if not fn.cls:
            return False
        fields = self._future_fields(fn.cls)
        walked = {ev.target for ev in fn.events() if ev.kind is EventKind.ITERATE and ev.target in fields}
        return bool(walked) and any(
            ev.kind is EventKind.CALL and (ev.callee or "").count(".") == 1
            and ev.callee.partition(".")[2] in RESOLVES and ev.callee.partition(".")[0].isidentifier()
            and ev.callee.partition(".")[0] != "self"
            for ev in fn.events())

    def _future_fields(self, cls: str) -> frozenset[str]:
        """`self.F` paths that methods (or their nested callbacks) of `cls` fill with loop futures only."""
        if cls not in self._fields:
            puts: dict[str, list[bool]] = {}
            for fn in self.model.functions.values():
                if fn.cls != cls:
                    continue
                futures = loop_futures_of(fn)
                for ev in fn.events():
                    if ev.kind is EventKind.MUTATE and (ev.op or "") in PUTS and (ev.target or "").startswith("self.") \
                            and ev.target.count(".") == 1 and ev.args:
                        puts.setdefault(ev.target, []).append(ev.args[-1].strip() in futures)
            self._fields[cls] = frozenset(t for t, ok in puts.items() if ok and all(ok))
        return self._fields[cls]
