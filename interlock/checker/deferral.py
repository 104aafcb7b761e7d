"""Deferral scopes in the walk: a function walked inside a `@contextmanager` deferral scope of
its own object's class (extractor/deferral.py: the scope sets a flag before its `yield`) and
guarded by `if <flag>: ...; return` (the flag read directly, or through a method of the class
that returns it) does not run what the guard skips: `_notify` queues and returns, and the scope
delivers the queue when it exits, after the locks taken inside it are released
(tests/corpus/il301_deferred_listener_scope)."""
from __future__ import annotations

import re

from interlock.checker.rules._body import FunctionShape, shape_of
from interlock.models.program import Branch, Event, EventKind, FunctionInfo, ProgramModel, iter_events


def active_scopes(model: ProgramModel, chain: tuple[Event, ...]) -> frozenset[str]:
    """The deferral scopes open around the last call of `chain` (those of every call on the way)."""
    return frozenset(q for ev in chain for q in ev.scopes if (cm := model.functions.get(q)) is not None and cm.defers)


def deferrals(model: ProgramModel) -> Deferrals | None:
    """The walk's deferral bookkeeping, or None when no deferral scope is in scope (most code)."""
    return Deferrals(model) if any(f.defers for f in model.functions.values()) else None


class Deferrals:
    """Per walk: which events of a function a deferral guard skips, by (function, class, scopes)."""

    def __init__(self, model: ProgramModel):
        self.model = model
        self.shapes: dict[str, FunctionShape] = {}
        self.memo: dict[tuple, frozenset[int]] = {}

    def skipped(self, fn: FunctionInfo, cls: str | None, scopes: frozenset[str]) -> frozenset[int]:
        """ids of the events of `fn` not run while `scopes` are open on an object of class `cls`."""
        key = (fn.qualname, cls, scopes)
        if key not in self.memo:
            self.memo[key] = self._skipped(fn, self._flags(cls, scopes)) if scopes else frozenset()
        return self.memo[key]

    def _flags(self, cls: str | None, scopes: frozenset[str]) -> set[str]:
        info = self.model.classes.get(cls or "")
        ancestors = info.ancestors if info is not None else ()
        return {flag for q in scopes if self.model.functions[q].cls in ancestors for flag in self.model.functions[q].defers}

    def _skipped(self, fn: FunctionInfo, flags: set[str]) -> frozenset[int]:
        if not flags:
            return frozenset()
        shape = shape_of(fn, self.shapes)
        out: set[int] = set()
        for b in shape.branches:
            if b.then and isinstance(b.then[-1], Event) and b.then[-1].kind is EventKind.RETURN \
                    and self._tests(fn, shape, b, flags):
                arm = {id(e) for e in iter_events(b.then)}
                out |= {id(e) for e in shape.events if shape.controlled_by(b, e) and id(e) not in arm}
        return frozenset(out)

    def _tests(self, fn: FunctionInfo, shape: FunctionShape, b: Branch, flags: set[str]) -> bool:
        """The branch's condition is the flag (not its negation), or a call of a method that returns it."""
        cond = (b.cond.value or "").strip()
        if _reads_flag(b.cond, flags) and not cond.startswith("not "):
            return True
        at = shape.order.get(id(b.cond), 0)
        calls = [e for e in shape.events[:at] if e.kind is EventKind.CALL and e.loc.line == b.cond.loc.line]
        return any(cond == f"{e.callee}()" and self._returns_flag(e.resolved, flags) for e in calls)

    def _returns_flag(self, qualname: str | None, flags: set[str]) -> bool:
        query = self.model.functions.get(qualname or "")
        if query is None or query.cls is None:
            return False
        returns = [e for e in query.events() if e.kind is EventKind.RETURN]
        return bool(returns) and all(_reads_flag(e, flags) for e in returns)


def _reads_flag(ev: Event, flags: set[str]) -> bool:
    """`ev` reads one of `flags`: as an access path, or `getattr(self._local, "flag", False)`."""
    value = ev.value or ""
    for flag in flags:
        holder, _, attr = flag.rpartition(".")
        if flag in ev.reads or re.search(rf"getattr\(\s*{re.escape(holder)}\s*,\s*['\"]{re.escape(attr)}['\"]", value):
            return True
    return False
