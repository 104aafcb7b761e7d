"""Lock, RLock, Semaphore (and asyncio.Lock): `#owner`/`#count` fields; a Semaphore counts permits.

A plain Lock re-acquired by its owner blocks forever (that is the self-deadlock); an RLock
counts; a Semaphore blocks at zero permits and has no owner (a try or timed acquire, `op.b`,
does not wait: it fails).
"""
from __future__ import annotations


def blocked(d, tid: int, op, ctx) -> bool:
    if op.kind != "acquire":
        return False
    key = op.a
    if ctx.kinds.get(key) == "semaphore":
        return not op.b and d.get(key + "#count") <= 0
    owner = d.get(key + "#owner")
    return owner != -1 and not (owner == tid and ctx.kinds.get(key) == "rlock")


def apply(d, tid: int, op, ctx) -> str:
    key = op.a
    if ctx.kinds.get(key) == "semaphore":
        if op.kind == "acquire" and d.get(key + "#count") <= 0:
            return f"acquire {key} fails (no permit; it does not wait)"
        d.set(key + "#count", d.get(key + "#count") + (-1 if op.kind == "acquire" else 1))
        return f"{op.kind} {key}"
    if op.kind == "acquire":
        take(d, tid, key, 1)
        return f"acquire {key}"
    count = d.get(key + "#count") - 1
    d.set(key + "#count", max(count, 0))
    if count <= 0:
        d.set(key + "#owner", -1)
    return f"release {key}"


def take(d, tid: int, key: str, n: int) -> None:
    held = d.get(key + "#owner") == tid
    d.set(key + "#owner", tid)
    d.set(key + "#count", d.get(key + "#count") + 1 if held else n)


def release_all(d, tid: int, ctx) -> None:
    """An exception unwinds every `with` of the thread."""
    for key, kind in ctx.kinds.items():
        if kind in ("lock", "rlock") and d.get(key + "#owner") == tid:
            d.set(key + "#owner", -1)
            d.set(key + "#count", 0)
