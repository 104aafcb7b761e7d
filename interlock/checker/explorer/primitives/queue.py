"""queue.Queue / asyncio.Queue: a size; a blocking get waits while it is empty.

A put never blocks on an unbounded queue. On a bounded one (`Queue(maxsize=n)`, a blocking `put`:
`op.b`) it waits while the queue is full and a thread of the scenario that gets from it is still
running (that thread makes room; without one, the consumer is outside the scenario and assumed
to keep consuming). Whatever `maxsize` is, the scenario's queue holds CAPACITY items: it starts
empty, and again full (scenario.from_full_queues), as when the producers got ahead of the consumer.

Items carry their values when a thread of the scenario gets from the queue (`#items`: the values of
the last items put, in order; the items before them, there when the scenario starts, are unknown):
a get takes the value its put handed over (`cmd, arg = q.get()` runs the command that was sent,
`None` ends a consumer loop), an unknown one a fresh value. A LIFO or priority queue hands its
items over in another order: its puts carry no value.

`join()` waits until every item put has been marked done (`task_done()`): a queue some thread
joins counts its unfinished tasks (`#tasks`), which a put raises and a `task_done` lowers; it
starts at none, and again with one item put and not yet taken (scenario.from_pending_tasks).
"""
from __future__ import annotations

CAPACITY = 1


def blocked(d, tid: int, op, ctx) -> bool:
    if op.kind in ("qjoin", "qdone"):
        return op.kind == "qjoin" and _tracked(op, ctx) and d.get(op.a + "#tasks") > 0
    if op.kind == "qput":
        return bool(op.b) and d.get(op.a + "#size") >= CAPACITY and any(
            t != tid and d.status[t] not in ("done", "raised") for t in ctx.getters.get(op.a, ()))
    return op.kind == "qget" and bool(op.b) and d.get(op.a + "#size") <= 0


def apply(d, tid: int, op, ctx) -> str:
    if op.kind in ("qjoin", "qdone"):
        return _tasks(d, op, ctx)
    size = d.get(op.a + "#size")
    values = op.a + "#items"
    if op.kind == "qput":
        if _tracked(op, ctx):
            d.set(op.a + "#tasks", d.get(op.a + "#tasks") + 1)
        d.set(op.a + "#size", size + 1)
        if _carries(values, ctx):            # an item of unknown value: so are those before it
            d.set(values, d.get(values) + (ctx.eval(d, tid, op.c),) if op.c is not None else ())
        return f"put on {op.a} (now {_items(size + 1)})"
    if size > 0 and _carries(values, ctx) and size <= len(d.get(values)):
        d.set(values, d.get(values)[1:])
    d.set(op.a + "#size", max(size - 1, 0))
    if op.b:                      # a blocking get only runs once an item is there
        return f"get from {op.a} (now {_items(size - 1)})"
    if size <= 0:                 # `get(timeout=...)`, `get_nowait()`: the item is assumed, never waited for
        return f"get from {op.a} without blocking (queue empty; assumes an item arrives in time)"
    return f"get from {op.a} without blocking (now {_items(size - 1)})"


def taken(d, op, ctx):
    """The value of the item a get takes now, or None when it is unknown."""
    values = op.a + "#items"
    if not _carries(values, ctx):
        return None
    size, known = d.get(op.a + "#size"), d.get(values)
    return known[:1] if 0 < size <= len(known) else None


def _carries(values: str, ctx) -> bool:
    layout = getattr(ctx, "layout", None)
    return layout is not None and values in layout.index


def _items(n: int) -> str:
    return "1 item" if n == 1 else f"{n} items"


def _tracked(op, ctx) -> bool:
    """The queue counts tasks in this scenario (some thread joins it)."""
    layout = getattr(ctx, "layout", None)
    return layout is not None and op.a + "#tasks" in layout.index


def _tasks(d, op, ctx) -> str:
    if op.kind == "qjoin":
        return f"join {op.a} (every task done)"
    if _tracked(op, ctx):
        d.set(op.a + "#tasks", max(d.get(op.a + "#tasks") - 1, 0))
    return f"task_done on {op.a}"
