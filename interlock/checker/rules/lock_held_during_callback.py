"""IL303 lock-held-during-callback: foreign code (listeners, callbacks) runs while a lock is held.

What it finds
-------------
A call of a callable the class does not own, made while holding a lock that another concurrent
context also acquires: listeners iterated from an attribute (`for cb in self._listeners: cb(x)`),
a callable stored in an attribute (`self.on_change(state)`, `self._handlers[name](...)`), a
callback passed in as a parameter, or a local copied from such an attribute (`cbs = list(self.f)`,
`cb = self.f.get(k)`; models/listeners.py, the same notion the linker uses to call every callable
registered in the container, extractor/registrations.py), a method called on an observer object
a caller registered in a container (`for obs in self._observers: obs.on_progress(n)`, every store
into it a parameter of the storing method), and `fut.set_result()`/`set_exception()` on a Future
the function did not build itself, which runs the done-callbacks its holders added. Under an
`asyncio.Lock` (or asyncio Condition), a listener from such a container that the task awaits
(`async with self._lock: for cb in self._subs: await cb(v)`): a listener that reads the object
back waits for the lock its caller holds; one loader the object was built with, awaited under
the lock, is a single-flight fill and is not reported.

Why it matters
--------------
The callback is arbitrary code. If it calls back into the object, a `Lock` deadlocks on the
spot; if it takes another lock, it creates a lock-order cycle nobody can see in one file; if it
blocks (I/O, a UI update, a network send), every other context waiting for the lock stalls.

Example
-------
    def _set_state(self, state):
        with self._lock:
            self.state = state
            for cb in self._listeners:
                cb(state)                 # listener runs under _lock
    # fixed: snapshot under the lock, notify after releasing it
        with self._lock:
            self.state = state
            listeners = list(self._listeners)
        for cb in listeners:
            cb(state)

Fix
---
Copy what the callbacks need (and the listener list) inside the critical section, release the
lock, then invoke the callbacks.

Known limits
------------
Callables the program itself defines are not foreign: a stored attribute every store of which
is a lambda, a nested function or a method of the class, a parameter every caller in scope fills
with one, and session factories (`sessionmaker`, `Callable[[], Session]`); the author wrote
that code for the critical section (an own closure that re-takes the lock is not followed).
Nor is a field that holds a class (`self.connection_class(**kw)`, stored from a parameter
defaulting to a class or annotated `type[Conn]`): calling it constructs an object
(tests/corpus/il303_injected_class_constructed). A
callable another class hands to the constructor (`Fetcher(self.on_chunk)` kept in
`self._on_chunk`) is foreign to the class that calls it; when every construction in scope passes
the same one, the linker follows the call into it and IL303 reports it only where that code takes
again a lock held around the call (tests/corpus/il303_injected_method_reenters,
il303_resolved_loader_reenters); the locks it takes otherwise are IL301's. A container of
registered listeners stays open to callables registered from outside.
Only calls whose target is visibly a
stored or passed-in callable are reported; a method of
another class that happens to call back is not (IL301 covers the resulting lock cycles).
Callbacks called inside comprehensions are not seen.
"""
from __future__ import annotations

from typing import Iterator

from interlock.checker.analysis import Reach, declared_symbol, declaring_class, index
from interlock.checker.callgraph import (
    acquirers, acquisition_site, describe, instance_names, other_acquirer, short_lock, step, where,
)
from interlock.checker.context import RuleContext
from interlock.checker.registry import RuleInfo
from interlock.checker.rules._callables import (
    attribute_holds_class, attribute_is_own, is_session_factory, parameter_is_own, registered_objects,
)
from interlock.models.finding import Finding
from interlock.models.listeners import element_calls
from interlock.models.program import AttrKind, EventKind, ProgramModel, short_symbol

RULE = RuleInfo(
    code="IL303", name="lock-held-during-callback", severity="medium", dimension="Player Thread Safety",
    summary="A callback or listener is invoked while holding a lock that other contexts need.",
    fix="Snapshot the listeners and the data under the lock, release it, then call the callbacks.",
)
THREAD_LOCKS = frozenset({AttrKind.LOCK, AttrKind.RLOCK, AttrKind.CONDITION, AttrKind.MP_LOCK, AttrKind.SEMAPHORE})
ASYNC_LOCKS = frozenset({AttrKind.ASYNC_LOCK, AttrKind.ASYNC_CONDITION})
#: the Future methods that run the done-callbacks its holders added, in the resolving thread
FUTURE_RESOLVERS = frozenset({"set_result", "set_exception"})


def check(model: ProgramModel, ctx: RuleContext) -> Iterator[Finding]:
    idx = index(ctx)
    sources: dict[str, dict[int, str]] = {}
    seen: set[tuple] = set()
    for r in idx.reaches:
        ev = r.event
        if ev.kind is not EventKind.CALL or (ev.resolved and not ev.target) or not ev.callee:
            continue                    # a resolved call with a target: a stored callable the linker followed
        if ev.op == "with" and "(" not in ev.callee:
            continue                    # `with self.console:` enters an object the class holds, no callback
        # an awaited listener holds the asyncio locks of the task across its own awaits (a thread's
        # lock held across an await is IL402's); a plain call under an asyncio lock cannot take it
        # again or let another task run (tests/corpus/il303_async_lock_held_over_awaited_listener)
        kinds = ASYNC_LOCKS if ev.awaited else THREAD_LOCKS
        locks = [l for l in sorted(r.locks) if idx.lock_kind(l) in kinds]
        if _stored_field_resolved(model, r):
            locks = [l for l in locks if l in _taken_under(ctx, idx).get(id(ev), ())]
        if not locks:
            continue
        fn = r.function
        if fn.qualname not in sources:
            sources[fn.qualname] = element_calls(fn.body), element_calls(fn.body, methods=True)
        source = _callback_source(model, r, sources[fn.qualname], ctx.cache.setdefault("callables", {}))
        if source is None or (ev.awaited and not _listener_of_container(model, r, sources[fn.qualname][0])):
            continue
        for lock in locks:
            other = other_acquirer(ctx, idx, r, lock)
            key = (fn.qualname, declared_symbol(model, lock), source[0])   # once per declaration, not per subclass
            if other is not None and key not in seen:
                seen.add(key)
                yield _finding(model, ctx, r, lock, source, other)


def _listener_of_container(model: ProgramModel, r: Reach, calls: dict[int, str]) -> bool:
    """The awaited callable is one of the listeners callers registered in a container of the
    object (`for cb in self._subscribers: await cb(v)`). One loader the object was built with,
    awaited under its asyncio lock (`async with self._fill: self._v = await self._load()`), is a
    single-flight fill: the lock is there to make the others wait for it
    (tests/corpus/il402_thread_lock_across_await_not_il403)."""
    path = calls.get(id(r.event)) or r.event.target     # the linker resolves registered callables too
    resolved = model.resolve(r.cls, path) if path else None
    info = model.attribute(*resolved) if resolved else None
    return info is not None and info.kind is AttrKind.CONTAINER


def _stored_field_resolved(model: ProgramModel, r: Reach) -> bool:
    """The call runs the one callable every construction in scope stores in a plain field (the
    linker followed it into the program's code): IL301 sees the locks it takes, so it is foreign
    only where it takes again a lock held around the call. A container of registered listeners
    stays open to callables registered from outside."""
    ev = r.event
    resolved = model.resolve(r.cls, ev.target) if ev.resolved and ev.target else None
    info = model.attribute(*resolved) if resolved else None
    return info is not None and info.kind is not AttrKind.CONTAINER


def _taken_under(ctx: RuleContext, idx) -> dict[int, set[str]]:
    """id(call event) -> the locks acquired somewhere below that call (built once per component)."""
    if "taken_under" not in ctx.cache:
        out: dict[int, set[str]] = {}
        for lock, reaches in acquirers(ctx, idx).items():
            for a in reaches:
                for call in a.chain:
                    out.setdefault(id(call), set()).add(lock)
        ctx.cache["taken_under"] = out
    return ctx.cache["taken_under"]


def _callback_source(model: ProgramModel, r: Reach, sources: tuple[dict[int, str], dict[int, str]],
                     memo: dict) -> tuple[str, str] | None:
    """(symbol of the callable's home, how it is described) when the callee is foreign code."""
    ev, fn = r.event, r.function
    callee = ev.target or ev.callee or ""
    calls, methods = sources
    future = _resolved_future(model, r, methods)
    if future is not None:
        return future
    path = calls.get(id(ev))
    held = methods.get(id(ev), "")
    if path is None and held.startswith("self.") and r.cls and registered_objects(model, r.cls, held[5:], memo):
        path = held                     # a method of an observer object a caller registered
    if path is None and callee.count(".") >= 1 and callee.startswith(("self.", "cls.")):
        path = callee
    if path is not None:
        resolved = model.resolve(r.cls, path)
        if resolved is None:
            return None
        owner, attr = resolved
        info = model.attribute(owner, attr)
        cls = model.classes.get(owner)
        if info is None or (cls is not None and attr in cls.methods):
            return None
        if info.kind not in (AttrKind.OTHER, AttrKind.CONTAINER) or is_session_factory(info):
            return None
        if path == callee and attribute_is_own(model, owner, attr, memo):
            return None                   # the class stores its own method or closure there
        if path == callee and attribute_holds_class(model, owner, attr, memo):
            return None                   # `self.conn_class(...)` builds an object of an injected class
        home = short_symbol(declaring_class(model, owner, attr), attr)
        return home, f"`{callee}` from `{path}`" if path != callee else f"`{callee}`"
    if "." not in callee and callee in fn.params and callee not in ("self", "cls") and not parameter_is_own(model, fn, callee, memo):
        return f"{describe(fn)}({callee})", f"the `{callee}` callback passed to `{describe(fn)}`"
    return None


def _resolved_future(model: ProgramModel, r: Reach, methods: dict[int, str]) -> tuple[str, str] | None:
    """`fut.set_result(v)` on a Future this function did not build itself: it runs, right there,
    every done-callback the future's holders added (`add_done_callback`)."""
    ev, fn = r.event, r.function
    receiver, _, name = (ev.callee or "").rpartition(".")
    if name not in FUTURE_RESOLVERS or not receiver or receiver in fn.built or ev.resolved:
        return None
    path = methods.get(id(ev)) or (receiver if receiver.startswith("self.") else None)
    resolved = model.resolve(r.cls, path) if path else None
    home = (short_symbol(declaring_class(model, *resolved), resolved[1]) if resolved
            else f"{describe(fn)}({receiver})")
    return home, f"`{ev.callee}`, which runs the done-callbacks added to that future,"


def _finding(model: ProgramModel, ctx: RuleContext, r: Reach, lock: str, source, other: Reach) -> Finding:
    sym, how = source
    name, oname = instance_names([r.context.name, other.context.name])
    lk = short_lock(declared_symbol(model, lock))
    site = acquisition_site(model, r, lock)
    trace, related = [], []
    if site is not None:
        trace.append(step(name, site[1].loc, f"acquires {lk} in {describe(site[0])}"))
        related.append(where(site[0], site[1].loc, f"{lk} acquired here by {name}"))
    trace.append(step(name, r.event.loc, f"calls {how} while holding {lk}"))
    trace.append(step(oname, other.event.loc, f"waits for {lk} in {describe(other.function)}"))
    related.append(where(other.function, other.event.loc, f"{oname} also acquires {lk} here"))
    symbols = (lk,) + ((sym,) if "(" not in sym else ())
    start = site[1].loc.line if site is not None and site[1].loc.path == r.event.loc.path else r.event.loc.line
    return Finding(
        code=RULE.code, rule=RULE.name, severity=RULE.severity, dimension=ctx.dimension(RULE.dimension),
        title=f"Callback invoked while holding {lk} in {describe(r.function)}",
        message=f"`{name}` calls {how} in `{describe(r.function)}` while holding `{lk}`, which "
                f"`{oname}` also acquires in `{describe(other.function)}`.",
        location=where(r.function, r.event.loc), related=tuple(related), symbols=symbols,
        contexts=tuple(dict.fromkeys((name, oname))), trace=tuple(trace),
        trigger=f"A registered callback that blocks, takes another lock or calls back into the object while "
                f"`{name}` runs `{describe(r.function)}` and `{oname}` needs `{lk}`.",
        evidence=ctx.snippet(r.event.loc.path, start if r.event.loc.line - start <= 12 else r.event.loc.line,
                             r.event.loc.line),
        impact=f"A callback that re-enters the object deadlocks on `{lk}`; a slow one stalls "
               f"`{oname}`; one that takes another lock creates a hidden lock-order cycle.",
        fix=f"In `{describe(r.function)}`, copy the listeners and the values they need while holding `{lk}`, "
            f"release it, then call them outside the `with` block.",
    )
