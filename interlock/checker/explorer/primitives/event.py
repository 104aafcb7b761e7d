"""threading.Event / asyncio.Event: a sticky flag; wait blocks while it is clear (unless timed)."""
from __future__ import annotations


def blocked(d, tid: int, op, ctx) -> bool:
    return op.kind == "evwait" and not op.b and not d.get(op.a + "#set")


def apply(d, tid: int, op, ctx) -> str:
    if op.kind == "evset":
        d.set(op.a + "#set", True)
        return f"set {op.a}"
    if op.kind == "evclear":
        d.set(op.a + "#set", False)
        return f"clear {op.a}"
    return f"wait {op.a} (is {'set' if d.get(op.a + '#set') else 'clear, timed out'})"
