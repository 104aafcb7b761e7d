"""The test a wait is guarded by, read again on the current store: a lost wake-up.

    def finished(self, ok):                  def wait_all(self):
        with self._cond:                         with self._cond:
            self.pending -= 1                        while self.pending > 0:
            if ok:                                       self._cond.wait()
                self._cond.notify_all()

A thread that went to sleep because `pending > 0` held, and is still asleep in a state where
`pending > 0` no longer holds while nothing else can run, missed its wake-up: the change it
waits for happened, and the notify (or `set()`) that should have come with it did not, or was
undone (`event.clear()` after a check made before the producer's `set()`). The test is the
innermost `if`/`while` around the wait (or a `wait_for` predicate), its locals replaced by
the field reads they were computed from; the wait is untimed; and another thread of the
scenario signals that very primitive somewhere (it is the designated waker, and one of its
paths forgot to): a thread that only changes the fields is not the waiter's waker, another
call may be (tests/corpus/il504_lost_wakeup_*). Used by checks.deadlock_check and the
Promela export alike.
"""
from __future__ import annotations

from typing import Any

from interlock.checker.explorer.ir import Op, Scenario, expr_fields

#: a wait kind -> the op that ends it from another thread
WAKERS = {"wait": "notify", "evwait": "evset"}
#: expression tags a guard may keep: constants, fields, entry arguments and pure operators (no
#: unknown answer: a call made again may answer otherwise)
_PURE = {"c", "f", "bin", "cmp", "and", "or", "not", "neg", "ite", "min", "max"}
_DEPTH = 4


def wait_guard(ops: tuple[Op, ...], pc: int) -> tuple | None:
    """The condition (over fields and entry arguments) under which the untimed wait at `pc` is
    waited, or None."""
    op = ops[pc]
    if op.kind not in WAKERS or (op.c if op.kind == "wait" else op.b):
        return None
    g = guard_branch(ops, pc)
    if g is None:
        return None
    first = [g]
    guard = _resolve(ops, ops[g].a, g, first, 0)
    if guard is None or not expr_fields(guard):
        return None
    # the waiter itself moved the fields it tested on its way to the wait: not the test it waits on
    read = expr_fields(guard)
    if any(o.kind in ("assign", "mutate") and o.a in read for o in ops[first[0]:pc]):
        return None
    return guard


def guard_branch(ops: tuple[Op, ...], pc: int) -> int | None:
    """The innermost `if`/`while` test (a branch whose true side holds `pc`) around the op at `pc`:
    a condition that held when the thread got there."""
    return next((i for i in range(pc - 1, -1, -1) if ops[i].kind == "branch" and ops[i].c != "cut"
                 and isinstance(ops[i].b, int) and ops[i].b > pc), None)


def _resolve(ops, e: Any, before: int, first: list[int], depth: int) -> tuple | None:
    if not isinstance(e, tuple) or not e:
        return None
    tag = e[0]
    if tag == "l":
        if depth >= _DEPTH:
            return None
        j = next((i for i in range(before - 1, -1, -1) if ops[i].kind == "local" and ops[i].a == e[1]), None)
        if j is None:
            return None
        first[0] = min(first[0], j)
        return _resolve(ops, ops[j].b, j, first, depth + 1)
    if tag == "sym" and "#" not in e[1]:       # an entry argument: the thread's own, fixed
        return e
    if tag not in _PURE:
        return None
    if tag in ("c", "f"):
        return e
    parts = [e[1]] if tag in ("bin", "cmp") else []
    rest = e[2:] if tag in ("bin", "cmp") else e[1:]
    for x in rest:
        r = _resolve(ops, x, before, first, depth)
        if r is None:
            return None
        parts.append(r)
    return (tag, *parts)


def waker_elsewhere(sc: Scenario, tid: int, op: Op) -> bool:
    """Another thread of the scenario signals the waited primitive somewhere in its program."""
    want = WAKERS[op.kind]
    return any(o.kind == want and o.a == op.a for u, p in enumerate(sc.threads) if u != tid for o in p.ops)


def guarded_waits(sc: Scenario) -> dict[tuple[int, int], tuple]:
    """(thread, pc) -> guard, for every untimed wait of the scenario that another thread wakes."""
    out = {}
    for tid, p in enumerate(sc.threads):
        for pc, op in enumerate(p.ops):
            if op.kind in WAKERS and waker_elsewhere(sc, tid, op):
                guard = wait_guard(p.ops, pc)
                if guard is not None:
                    out[(tid, pc)] = guard
    return out
