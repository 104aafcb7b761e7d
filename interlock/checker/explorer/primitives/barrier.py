"""threading.Barrier: `wait()` sleeps until all its parties have arrived, then all go on.

A scenario's parties are its threads that wait on the barrier (what the constructor says is not
read: a scenario runs two or three contexts, and a barrier of more parties would never open).
The last to arrive opens it: the waiters' status `barrier:<key>` clears and they step past.
"""
from __future__ import annotations

WAITING = "barrier:"


def blocked(d, tid: int, op, ctx) -> bool:
    return False


def apply(d, tid: int, op, ctx) -> str:
    arrived = d.get(op.a + "#arrived") + 1
    if arrived < d.get(op.a + "#parties"):
        d.set(op.a + "#arrived", arrived)
        d.status[tid] = WAITING + op.a
        return f"waits at barrier {op.a} ({arrived} arrived)"
    d.set(op.a + "#arrived", 0)
    for other, st in enumerate(d.status):
        if st == WAITING + op.a:
            d.status[other] = ""
            d.pcs[other] += 1
    return f"arrives last at barrier {op.a}: all {arrived} parties go on"
