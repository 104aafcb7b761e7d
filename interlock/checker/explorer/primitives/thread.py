"""Thread.start/join: join blocks until the joined scenario thread has finished.

Threads are started by the scenario (each context is one scenario thread); joining a thread
that is not part of the scenario returns at once (it is assumed to finish).
"""
from __future__ import annotations


def blocked(d, tid: int, op, ctx) -> bool:
    target = ctx.joins.get(op.a)
    return target is not None and target != tid and d.status[target] not in ("done", "raised")


def apply(d, tid: int, op, ctx) -> str:
    target = ctx.joins.get(op.a)
    name = ctx.threads[target].name if target is not None else "(not in scenario)"
    return f"join {op.a} -> {name} finished"
