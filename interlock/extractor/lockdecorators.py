"""Lock decorators: `@synchronized` and the like, defined in the program.

A decorator whose inner wrapper calls the decorated function (the decorator's parameter) while
holding locks, `def wrapper(self, *a): with self._lock: return method(self, *a)`, makes every
function it decorates hold those locks for its whole body: the body is rewritten as if it were
`with self._lock:` (an ACQUIRE at the def, the lock in every event's `held`, a RELEASE at the end).
Bare decorators only (`@synchronized`, `@util.synchronized`), not factories (`@locked("_lock")`).

Any other bare decorator whose returned inner wrapper calls the decorated function (`@timed`,
`@retry`, `@counted`: `def wrapper(*a, **kw): ... return fn(*a, **kw)`) runs that wrapper on every
call of what it decorates: the decorated function's body starts with a call to the wrapper, so the
wrapper's own accesses (a module dict of timings updated after the call) belong to every context
that runs the decorated function. A decorator factory (`@retry(times=5)`: `def retry(times):`
returning the nested decorator) runs the wrapper of the decorator it returns.
"""
from __future__ import annotations

from collections.abc import Iterator

from interlock.extractor.records import construct
from interlock.extractor.tree import map_events
from interlock.models.program import Event, EventKind, FunctionInfo


def _wrapping_calls(functions: dict[str, FunctionInfo]) -> Iterator[tuple[FunctionInfo, FunctionInfo, Event]]:
    """(decorator, its inner wrapper, the wrapper's call of the decorated function)."""
    for q, inner in functions.items():
        outer = functions.get(q.rsplit(".", 1)[0]) if "." in q else None
        if outer is None or outer.cls or not outer.params or not inner.params:
            continue
        for ev in inner.events():
            if ev.kind is EventKind.CALL and ev.callee == outer.params[0]:
                yield outer, inner, ev


def find_lock_decorators(functions: dict[str, FunctionInfo]) -> dict[str, tuple[str, ...]]:
    """Decorator qualname -> the locks (`self._lock`, `pkg.mod.LOCK`) its wrapper holds around the call."""
    found: dict[str, tuple[str, ...]] = {}
    for outer, inner, ev in _wrapping_calls(functions):
        if ev.held:
            holder = inner.params[0].lstrip("*")
            locks = tuple(_rebased(lock, holder, inner.module) for lock in ev.held)
            if all(locks):
                found.setdefault(outer.qualname, locks)
    return found


def find_call_wrappers(functions: dict[str, FunctionInfo], locking: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Decorator qualname -> the inner wrapper it returns, one that calls the decorated function
    (lock decorators left out: `apply_lock_decorators` already gives their effect)."""
    found: dict[str, str] = {}
    for outer, inner, _ in _wrapping_calls(functions):
        returned = {ev.value for ev in outer.events() if ev.kind is EventKind.RETURN}
        if outer.qualname not in locking and returned == {inner.name}:
            found.setdefault(outer.qualname, inner.qualname)
    for deco, inner in list(found.items()):
        # a decorator factory, `@retry(times=5)`: `def retry(times): def deco(fn): ...; return
        # deco` returns the decorator, whose wrapper runs on every call as a bare one's does
        factory = functions.get(deco.rsplit(".", 1)[0]) if "." in deco else None
        if factory is None or factory.cls:
            continue
        returned = {ev.value for ev in factory.events() if ev.kind is EventKind.RETURN}
        if returned == {deco.rsplit(".", 1)[1]}:
            found.setdefault(factory.qualname + FACTORY, inner)
    return found


#: the key of a decorator factory in `find_call_wrappers`: `pkg.mod.retry()` for `@retry(times=5)`
FACTORY = "()"


def _wrapper_of(fn: FunctionInfo, decorator: str, wrappers: dict[str, str]) -> str | None:
    """The inner wrapper a decorator of `fn` (as written, head resolved) runs on every call."""
    head, call, _ = decorator.partition("(")
    key = head + FACTORY if call else decorator
    return wrappers.get(key) or wrappers.get(f"{fn.module}.{key}")


def call_decorator_wrappers(functions: dict[str, FunctionInfo], wrappers: dict[str, str]) -> dict[str, FunctionInfo]:
    """Functions decorated with a call wrapper, their bodies starting with a call to it."""
    if not wrappers:
        return functions
    out = dict(functions)
    for q, fn in functions.items():
        hits = [w for d in fn.decorators if (w := _wrapper_of(fn, d, wrappers))]
        if hits and q not in hits:
            at = fn.loc.model_copy(update={"end_line": fn.loc.line, "end_column": fn.loc.column})
            calls = tuple(construct(Event, kind=EventKind.CALL, loc=at, callee=w, resolved=w, op="call")
                          for w in dict.fromkeys(hits))
            out[q] = fn.model_copy(update={"body": (*calls, *fn.body)})
    return out


def _rebased(lock: str, holder: str, module: str) -> str | None:
    """The wrapper's first parameter is the decorated method's `self`; a global of the
    decorator's module stays as is; anything else (a local of the wrapper) is unknown."""
    head, _, rest = lock.partition(".")
    if head == holder:
        return f"self.{rest}" if rest else None
    return lock if module and lock.startswith(module + ".") else None


def apply_lock_decorators(functions: dict[str, FunctionInfo],
                          decorators: dict[str, tuple[str, ...]]) -> dict[str, FunctionInfo]:
    """Functions decorated with a lock decorator, their bodies run holding its locks."""
    if not decorators:
        return functions
    out = dict(functions)
    for q, fn in functions.items():
        locks = _locks_of(fn, decorators)
        if locks:
            out[q] = fn.model_copy(update={"body": _holding(fn, locks)})
    return out


def _locks_of(fn: FunctionInfo, decorators: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    is_method = bool(fn.cls) and not fn.is_static and bool(fn.params)
    locks: list[str] = []
    for d in fn.decorators:
        found = decorators.get(d) or decorators.get(f"{fn.module}.{d}")
        for lock in found or ():
            if (is_method or not lock.startswith("self.")) and lock not in locks:
                locks.append(lock)
    return tuple(locks)


def _holding(fn: FunctionInfo, locks: tuple[str, ...]) -> tuple:
    at = fn.loc.model_copy(update={"end_line": fn.loc.line, "end_column": fn.loc.column})

    def held(ev: Event) -> Event:
        return ev.model_copy(update={"held": locks + ev.held})

    acquire = [construct(Event, kind=EventKind.ACQUIRE, loc=at, held=locks[:i], target=lk, op="with")
               for i, lk in enumerate(locks)]
    release = [construct(Event, kind=EventKind.RELEASE, loc=at, held=locks[:i], target=lk, op="with")
               for i, lk in reversed(list(enumerate(locks)))]
    return (*acquire, *map_events(fn.body, held), *release)
