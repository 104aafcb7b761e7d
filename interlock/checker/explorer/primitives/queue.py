"""queue.Queue / asyncio.Queue: a size; a blocking get waits while it is empty (put never blocks)."""
from __future__ import annotations


def blocked(d, tid: int, op, ctx) -> bool:
    return op.kind == "qget" and bool(op.b) and d.get(op.a + "#size") <= 0


def apply(d, tid: int, op, ctx) -> str:
    size = d.get(op.a + "#size")
    if op.kind == "qput":
        d.set(op.a + "#size", size + 1)
        return f"put on {op.a} (size {size + 1})"
    d.set(op.a + "#size", max(size - 1, 0))
    return f"get from {op.a} (size {max(size - 1, 0)})"
