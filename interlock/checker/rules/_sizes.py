"""Containers whose length never changes after they are built.

A sequence built once (`[0] * n`, `[bytearray(m) for _ in range(n)]`, `bytearray(n)`, a numpy
array) and afterwards changed only element by element (`xs[i] = v`, `xs[i] += 1`,
`slots[i][:k] = pkt`) keeps its length for its whole life: `len(xs)` reads a constant, however
the elements change, and needs no lock (tests/corpus/il102_len_of_never_resized_table). A dict
is no such container: `d[k] = v` may add a key.
"""
from __future__ import annotations

import re

from interlock.checker.analysis import CONSTRUCTORS, Access
from interlock.models.program import EventKind

_SEQUENCE = re.compile(r"\s*(\[|bytearray\(|(array\.)?array\()")
_RESIZING_ARRAY_OPS = frozenset({"resize"})


def never_resized(ctx, idx, key, accesses: list[Access]) -> bool:
    """`key` is a sequence bound only while its owner is built and changed only per element."""
    from interlock.checker.rules._shared_state import is_array   # local: it imports this module

    info = idx.model.attribute(*key)
    if info is None or not info.init_only:
        return False
    array = is_array(idx, key)
    if not (array or _SEQUENCE.match(info.value or "")):
        return False
    return all(a.function.name in CONSTRUCTORS or _element_store(ctx, a.event, array)
               for a in accesses if a.is_write)


def _element_store(ctx, ev, array: bool) -> bool:
    """A store into one element (`xs[i] = v`, `xs[i] += 1`, `xs[i][:k] = v`); for a numpy array
    any in-place change but `resize()`."""
    if ev.kind is not EventKind.MUTATE:
        return False
    if array:
        return (ev.op or "") not in _RESIZING_ARRAY_OPS
    index = first_subscript(ctx, ev)
    return index is not None and not _top_level_colon(index)


def size_read(ctx, ev) -> bool:
    """The read is the argument of `len(...)`."""
    if ev.kind is not EventKind.READ or not ev.loc.end_line or ev.loc.end_line != ev.loc.line:
        return False
    lines = ctx.lines(ev.loc.path, ev.loc.line)
    if not lines:
        return False
    line = lines[0]
    return re.search(r"\blen\(\s*$", line[:ev.loc.column]) is not None and line[ev.loc.end_column:].lstrip().startswith(")")


def only_sized(text: str | None, path: str) -> bool:
    """Every mention of `path` in `text` is `len(path)`."""
    if not text:
        return False
    anywhere = re.findall(rf"(?<![\w.]){re.escape(path)}\b", text)
    sized = re.findall(rf"\blen\(\s*{re.escape(path)}\s*\)", text)
    return bool(anywhere) and len(anywhere) == len(sized)


def first_subscript(ctx, ev) -> str | None:
    """The text inside the first `[...]` right after the event's target, if any."""
    if not ev.loc.end_line or ev.loc.end_line != ev.loc.line:
        return None
    lines = ctx.lines(ev.loc.path, ev.loc.line)
    rest = lines[0][ev.loc.end_column:] if lines else ""
    if not rest.startswith("["):
        return None
    depth = 0
    for i, ch in enumerate(rest):
        depth += ch in "([{"
        depth -= ch in ")]}"
        if depth == 0:
            return rest[1:i]
    return None


def _top_level_colon(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += ch in "([{"
        depth -= ch in ")]}"
        if ch == ":" and depth == 0:
            return True
    return False
