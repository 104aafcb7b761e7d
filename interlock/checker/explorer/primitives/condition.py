"""threading.Condition: wait releases the lock and sleeps until notified, then re-acquires.

`notify` wakes the lowest-numbered waiter (waiters are symmetric in our scenarios),
`notify_all` wakes all; a wait with a timeout may also wake by itself (it is never blocked).
Notifications are not sticky: a notify with no waiter is lost (the lost-wakeup pattern).
"""
from __future__ import annotations


def blocked(d, tid: int, op, ctx) -> bool:
    return False


def apply(d, tid: int, op, ctx) -> str:
    if op.kind == "wait":
        lock = op.b
        count = d.get(lock + "#count") if d.get(lock + "#owner") == tid else 1
        d.set(lock + "#owner", -1)
        d.set(lock + "#count", 0)
        d.status[tid] = f"wait:{op.a}:{lock}:{count}:{int(bool(op.c))}"
        return f"wait on {op.a} (releases {lock})"
    woken = 0
    for other, st in enumerate(d.status):
        if st.startswith(f"wait:{op.a}:") and (op.b or woken == 0):
            _, _, lock, count, _ = st.split(":")
            d.status[other] = f"reacq:{lock}:{count}"
            woken += 1
    return f"{'notify_all' if op.b else 'notify'} {op.a} (wakes {woken})"
