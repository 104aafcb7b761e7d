"""Accessors: a method or property getter that hands back a field of its own object.

`def _handlers(self): with self._lock: return self._subs` and `@property def played(self):
return self._played` read the field inside the callee; a caller that computes with the value
(`self.played = self.played + dt`, `tokens = self._current()`) or walks it (`for cb in
self._handlers():`) still depends on that field, after the callee's lock is released. The rules
follow such a call to the field it returns (one level, the callee's `self`).
"""
from __future__ import annotations

import re

from interlock.checker.analysis import declaring_class
from interlock.models.program import EventKind, FunctionInfo, ProgramModel

_SELF_FIELD = re.compile(r"self\.\w+")


def returned_fields(fn: FunctionInfo | None) -> tuple[str, ...]:
    """The `self.<attr>` paths the function's return values read, directly or through its locals."""
    return tuple(dict.fromkeys(path for path, _ in _returns(fn, False)))


def live_element(model: ProgramModel, fn: FunctionInfo | None, key: tuple[str, str]) -> bool | None:
    """How the accessor hands back the field `key` live: False for the field's own object, True
    for an element of it (`return self._subs[topic]`), None when it does not."""
    kinds = {element for path, element in _returns(fn, True) if is_field(model, fn.cls, path, key)}
    return None if not kinds else kinds == {True}


def _returns(fn: FunctionInfo | None, live: bool):
    """(path, is an element) for each `self.<attr>` a return of `fn` reads; with `live`, only those
    returned as they are (`return self._subs`, the object itself, not a copy or a value computed
    from it) or indexed (`return self._subs[topic]`, the object stored there)."""
    if fn is None or not fn.cls:
        return
    computed: dict[str, set[str]] = {}           # local -> fields its value was computed from
    for ev in fn.events():
        if ev.kind is EventKind.WRITE and ev.target and "." not in ev.target:
            computed[ev.target] = {f for p in ev.reads for f in ({p} if "." in p else computed.get(p, ()))}
        if ev.kind is not EventKind.RETURN:
            continue
        value = (ev.value or "").strip()
        for path in ev.reads:
            if not _SELF_FIELD.fullmatch(path):
                continue
            element = re.fullmatch(rf"{re.escape(path)}\[[^\[\]]*\]", value) is not None
            if not live or value == path or element:
                yield path, element
        if not live:     # `tokens = min(cap, self._tokens + gained)` ... `return tokens`
            yield from ((p, False) for name, fields in computed.items() if mentions(value, name)
                        for p in sorted(fields) if _SELF_FIELD.fullmatch(p))


def is_field(model: ProgramModel, cls: str | None, path: str, key: tuple[str, str]) -> bool:
    """`path`, seen in a method of `cls`, names the attribute `key` (by its declaring class too)."""
    resolved = model.resolve(cls, path)
    return resolved is not None and (resolved == key or (declaring_class(model, *resolved), resolved[1]) == key)


def mentions(source: str | None, name: str) -> bool:
    """`name` occurs in `source` as a whole path (not as the tail of a longer one)."""
    return bool(source) and name in source and re.search(rf"(?<![\w.]){re.escape(name)}\b", source) is not None


def receiver(path: str) -> str:
    """`self.player.played` -> `self.player`; `self._get` -> `self`."""
    return path.rpartition(".")[0]


def call_returns(model: ProgramModel, callee: FunctionInfo | None, key: tuple[str, str]) -> bool:
    """The called accessor returns a value read from the field `key` of the object it runs on."""
    return callee is not None and any(is_field(model, callee.cls, p, key) for p in returned_fields(callee))
