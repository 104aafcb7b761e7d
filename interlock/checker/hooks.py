"""Framework hooks: public methods the class hierarchy itself only calls with its lock held.

`Handler.handle` takes `self.lock` and calls `self.emit(record)`; every `emit` override then runs
with the lock held, although it is public. RacerD's "caller holds the lock" convention: the
PUBLIC context (anyone may call any public method) enters such a hook holding the locks that
every internal call to it holds, and only those of the object itself (tests/corpus/il102_framework_hook).
A hook also called somewhere without the lock, by any context, keeps an empty entry lockset.
The library's own call counts as one such edge when the base class lives outside the code
analysed (`ClassInfo.locked_hooks`: `emit` of a `logging.Handler` subclass runs under its
`self.lock`; tests/corpus/il101_logging_handler_flushed_by_thread).
"""
from __future__ import annotations

from interlock.checker.analysis import _entry_held as entry_locks, _Walker, lock_symbol
from interlock.models.program import Context, ContextKind, Event, EventKind, FunctionInfo, ProgramModel

Key = tuple[str, str | None]                    # (function qualname, concrete class)
Origin = Key | None                             # a PUBLIC entry, or None for any other context


class _EdgeWalker(_Walker):
    """The walker, recording the locks held at each call into (function, class)."""

    def __init__(self, model: ProgramModel, context: Context, edges: dict, origin: Origin):
        super().__init__(model, context, None)     # no reaches: only the call edges are kept
        self.edges, self.origin = edges, origin

    def walk(self, fn: FunctionInfo, cls: str | None, held: frozenset[str], chain: tuple[Event, ...],
             *rest, **named) -> None:
        if chain:
            self.edges.setdefault((fn.qualname, cls), set()).add((self.origin, held))
        super().walk(fn, cls, held, chain, *rest, **named)


def hook_held(model: ProgramModel, contexts: tuple[Context, ...], classes) -> dict[Key, frozenset[str]]:
    """(public method, class) -> the object's locks its PUBLIC context enters it with.

    `classes(context, fn)` are the concrete classes a context's entry runs for (the index's). Greatest fixed point: a hook's locks are the meet over its call edges of the
    locks held there, where an edge from another hook's public entry adds that hook's locks."""
    edges: dict[Key, set[tuple[Origin, frozenset[str]]]] = {}
    entries: set[Key] = set()
    called = _called_names(model)
    for context in contexts:
        public = context.kind is ContextKind.PUBLIC
        shared = _EdgeWalker(model, context, edges, None)
        for entry in context.entries:
            fn = model.functions.get(entry)
            if fn is None:
                continue
            for cls in classes(context, fn):
                walker = shared
                library = library_hook_locks(model, fn.name, cls) if public else frozenset()
                if public and (fn.name in called or library):   # a possible hook: its own walk, its own origin
                    walker = _EdgeWalker(model, context, edges, (fn.qualname, cls))
                    entries.add((fn.qualname, cls))
                if library:
                    edges.setdefault((fn.qualname, cls), set()).add((None, library))
                walker.walk(fn, cls, entry_locks(model, fn, cls), ())
    return _fixed_point(model, edges, entries & edges.keys())


def library_hook_locks(model: ProgramModel, name: str, cls: str | None) -> frozenset[str]:
    """The locks of an object of `cls` that a library base out of scope holds when it calls the
    object's method `name` (`self.lock` around logging's `emit`)."""
    info = model.classes.get(cls) if cls else None
    for anc in info.ancestors if info is not None else ():
        paths = model.classes[anc].locked_hooks.get(name) if anc in model.classes else None
        if paths:
            return frozenset(filter(None, (lock_symbol(model, cls, p) for p in paths)))
    return frozenset()


def _called_names(model: ProgramModel) -> set[str]:
    """Names of the methods some resolved call reaches (overrides share the name)."""
    return {ev.resolved.rsplit(".", 1)[-1] for fn in model.functions.values() for ev in fn.events()
            if ev.kind is EventKind.CALL and ev.resolved}


def _fixed_point(model: ProgramModel, edges: dict, hooks: set[Key]) -> dict[Key, frozenset[str]]:
    held: dict[Key, frozenset[str] | None] = {h: None for h in hooks}     # None: not bounded yet
    changed = True
    while changed:
        changed = False
        for h in sorted(hooks, key=str):
            meet: frozenset[str] | None = None
            for origin, locks in edges[h]:
                extra = held.get(origin, frozenset()) if origin is not None else frozenset()
                if extra is None:
                    continue                              # that caller is not bounded yet
                locks = locks | extra
                meet = locks if meet is None else meet & locks
            if meet is not None and meet != held[h]:
                held[h], changed = meet, True
    out = {}
    for h, locks in held.items():
        locks = _own(model, h[1], locks or frozenset()) - _takes(model, *h)
        if locks:
            out[h] = locks
    return out


def _takes(model: ProgramModel, qualname: str, cls: str | None) -> frozenset[str]:
    """Locks the method takes itself: it does not follow the convention for them, and the
    public entry must still see a re-acquisition (tests/corpus/il302_locked_method_calls_public)."""
    walker = _Walker(model, None, [])      # type: ignore[arg-type]
    out: set[str] = set()
    for ev in model.functions[qualname].events():
        out |= walker._locks(cls, ev.held)
        callee = model.functions.get(ev.resolved or "")
        if callee is not None:
            out |= walker._lock_effect(callee, cls)[0]
    return frozenset(out)


def _own(model: ProgramModel, cls: str | None, locks: frozenset[str]) -> frozenset[str]:
    """The locks of the object itself (declared on its class or a base), not globals."""
    info = model.classes.get(cls) if cls else None
    if info is None:
        return frozenset()
    return frozenset(s for s in locks if s.rpartition(".")[0] in info.ancestors)
