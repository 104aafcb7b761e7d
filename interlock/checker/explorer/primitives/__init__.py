"""One module per synchronisation primitive: when an op blocks, and what it changes.

Each exposes `blocked(d, tid, op, ctx) -> bool` and `apply(d, tid, op, ctx) -> str` (a note for
the trace) over a `Draft`; `KINDS` maps IR op kinds to the module that runs them.
"""
from __future__ import annotations

from interlock.checker.explorer.primitives import barrier, condition, event, lock, queue, thread

KINDS = {
    "acquire": lock, "release": lock,
    "wait": condition, "notify": condition,
    "evset": event, "evclear": event, "evwait": event,
    "qput": queue, "qget": queue, "qjoin": queue, "qdone": queue,
    "join": thread,
    "bwait": barrier,
}
