"""Callbacks registered on a `selectors` selector run in the loop that calls its `select()`.

`self.sel.register(sock, EVENT_READ, self._on_readable)` (or `modify`, or `functools.partial(...)`,
or a method of another object) keeps the callable as the key's data; the loop
`for key, _ in self.sel.select(): key.data(key.fileobj)` calls it on the thread that called
`select()`, one callback after the other and between that loop's own steps. So such a
registration (a callback SPAWN whose `via` names a class of `selectors`, events_spawn.py) starts
no context: each call of `select()` on the same selector (the same field, keyed by the class that
assigns it, or the same local of one function) is followed by a call of every callable registered
there, and the registrations are dropped (tests/corpus/il103_selector_loop_callbacks). The
callbacks then run in the contexts that run the loop, and a thread of the program that touches
their state still races with them. A selector whose `select()` nothing in scope calls (the loop is
a library's) keeps its callbacks as callback contexts.
"""
from __future__ import annotations

from interlock.extractor import catalogue as cat
from interlock.extractor.index import flatten
from interlock.extractor.resolution import CallResolver, callable_named
from interlock.extractor.tree import splice_events
from interlock.models.program import ContextKind, Event, EventKind, FunctionInfo

Key = tuple[str, str]                   # (class assigning the field, or function owning the local; path)


def call_selector_callbacks(resolver: CallResolver, functions: dict[str, FunctionInfo]) -> dict[str, FunctionInfo]:
    """The functions with each selector's `select()` calling its registered callables."""
    registered = _registrations(resolver, functions)
    looped = {key for fn in functions.values() for ev in flatten(fn.body)
              if (key := _select_key(resolver, fn, ev)) is not None and key in registered}
    if not looped:
        return functions
    out = {}
    for q, fn in functions.items():
        body = splice_events(fn.body, lambda ev, fn=fn: _rewrite(resolver, fn, ev, registered, looped))
        out[q] = fn if body is fn.body else fn.model_copy(update={"body": body})
    return out


def _registrations(resolver: CallResolver, functions: dict[str, FunctionInfo]) -> dict[Key, set[str]]:
    """Selector key -> the functions registered on it."""
    out: dict[Key, set[str]] = {}
    for fn in functions.values():
        for ev in flatten(fn.body):
            key = _registration_key(resolver, fn, ev)
            target = _registered(resolver, fn, ev) if key is not None else None
            if target is not None:
                out.setdefault(key, set()).add(target)
    return out


def _registered(resolver: CallResolver, fn: FunctionInfo, ev: Event) -> str | None:
    """The function a selector registration stores, resolved by the extractor or here."""
    if ev.spawn.resolved in resolver.functions:
        return ev.spawn.resolved
    return callable_named(resolver, fn, fn.module, ev.spawn.target)


def _registration_key(resolver: CallResolver, fn: FunctionInfo, ev: Event) -> Key | None:
    """The selector a `sel.register(..., callable)` event stores into, or None for other events."""
    if ev.kind is not EventKind.SPAWN or ev.spawn is None or ev.spawn.kind is not ContextKind.CALLBACK:
        return None
    owner, _, method = ev.spawn.via.rpartition(".")
    if method not in cat.SELECTOR_REGISTRATIONS or owner.split(".", 1)[0] != cat.SELECTOR_MODULE:
        return None
    return _receiver_key(resolver, fn, (ev.callee or "").rpartition(".")[0])


def _select_key(resolver: CallResolver, fn: FunctionInfo, ev: Event) -> Key | None:
    """The selector whose `select()` this call runs, or None for other events."""
    if ev.kind is not EventKind.CALL or not (ev.callee or "").endswith(".select"):
        return None
    return _receiver_key(resolver, fn, ev.callee.rpartition(".")[0])


def _receiver_key(resolver: CallResolver, fn: FunctionInfo, path: str) -> Key | None:
    """`self.sel` -> (the class assigning the field, `sel`); a plain local -> (the function, its name)."""
    head, dot, rest = path.partition(".")
    if head == "self" and rest.isidentifier() and fn.cls:
        info = resolver.classes.get(fn.cls)
        attr = info.attributes.get(rest) if info is not None else None
        return (attr.declared_in if attr is not None and attr.declared_in else fn.cls), rest
    return (fn.qualname, path) if not dot and path.isidentifier() else None


def _rewrite(resolver: CallResolver, fn: FunctionInfo, ev: Event, registered: dict[Key, set[str]],
             looped: set[Key]) -> tuple[Event, ...]:
    """A registration on a selector some loop selects on: nothing; a `select()` on a selector with
    registrations: itself, then a call of each registered callable (in the order of their names)."""
    key = _registration_key(resolver, fn, ev)
    if key is not None:
        return () if key in looped else (ev,)
    key = _select_key(resolver, fn, ev)
    if key is None or key not in registered:
        return (ev,)
    calls = tuple(ev.model_copy(update={"callee": q, "resolved": q, "args": ()}) for q in sorted(registered[key]))
    return (ev, *calls)
