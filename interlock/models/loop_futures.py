"""Locals bound to futures an asyncio loop made (shared by extractor/confinement.py and
checker/loop_bound.py)."""
from __future__ import annotations

import re

from interlock.models.program import EventKind, FunctionInfo

#: a value that is a future of the loop: made by a loop call only its own thread may make
LOOP_FUTURE_MADE = re.compile(r"^[\w.]+\.(create_task|ensure_future|run_in_executor|create_future)\(")


def loop_futures_of(fn: FunctionInfo) -> frozenset[str]:
    """The bare locals of `fn` bound only to loop futures (`fut = self._loop.create_task(...)`,
    in every branch that binds them)."""
    writes: dict[str, list[bool]] = {}
    for ev in fn.events():
        if ev.kind is EventKind.WRITE and ev.target and ev.target.isidentifier():
            writes.setdefault(ev.target, []).append(bool(LOOP_FUTURE_MADE.match((ev.value or "").strip())))
    return frozenset(n for n, made in writes.items() if made and all(made))
