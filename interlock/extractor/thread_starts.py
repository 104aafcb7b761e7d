"""Thread subclass objects their builder starts: the thread runs from `start()`, not from the
construction.

    w = Worker(path)          # a threading.Thread subclass: nothing runs yet
    w.limit = 10              # set-up, before the thread exists
    w.start()                 # `run` starts here, on `w`
    w.buf = None              # beside `run`, until the join

A file's extractor makes the construction of an in-file thread subclass the SPAWN of its `run`
(events_spawn.py); one built from another file's class gets none. When the function that builds
the object, as a local bound once or in a field of `self`, calls `.start()` on it later in the
same body, the spawn moves there: the construction becomes the constructor's CALL, and a SPAWN
of `<v>.run` (the most derived `run` in scope) follows the `v.start()` call, with a local `v` as
its receiver, as for `t = Thread(target=v.run); t.start()`. A `start()` override
(`def start(self): self.on_thread_start(); super().start()`) stays a call before the spawn: what
it runs before the real start is set-up. The override must make the real start itself
(`threading.Thread.start(self)`, `super().start()`, or another override that does); one that
does not is left alone. Known limit: what an override does after the real start counts as
before it (tests/corpus/il101_thread_subclass_written_after_start,
il101_thread_start_override_hooks, il101_thread_subclass_held_by_owner).
"""
from __future__ import annotations

from interlock.extractor.index import flatten
from interlock.extractor.records import construct
from interlock.extractor.resolution import CallResolver
from interlock.extractor.tree import splice_events
from interlock.models.program import ContextKind, Event, EventKind, FunctionInfo, Spawn

#: the library's own start, called on `self` from an override
_REAL_STARTS = frozenset({"threading.Thread.start", "Thread.start"})
_MAX_OVERRIDES = 4


def start_where_started(resolver: CallResolver, functions: dict[str, FunctionInfo]) -> dict[str, FunctionInfo]:
    """`functions` with each thread subclass object built and started in one body spawned at its start."""
    return {q: _moved(resolver, functions, fn) for q, fn in functions.items()}


def _moved(resolver: CallResolver, functions: dict[str, FunctionInfo], fn: FunctionInfo) -> FunctionInfo:
    events = list(flatten(fn.body))
    if not any(ev.kind is EventKind.CALL and (ev.callee or "").endswith(".start") for ev in events):
        return fn
    spawn_after: dict[int, Spawn] = {}      # id of the `v.start()` call -> the spawn that follows it
    unspawn: set[int] = set()               # ids of construction spawns that become calls
    for i, ev in enumerate(events):
        holder = _started(ev)
        if holder is None:
            continue
        cls = _thread_class(resolver, fn, holder)
        run = resolver.classes[cls].methods.get("run") if cls is not None else None
        if run is None or run not in functions or not _really_starts(functions, ev.resolved):
            continue
        built = _construction(resolver, fn, events[:i], holder, cls)
        if built is None:
            continue
        if built.kind is EventKind.SPAWN:
            unspawn.add(id(built))
        many = ev.repeated or (built.spawn.many if built.spawn is not None else False)
        spawn_after[id(ev)] = construct(Spawn, kind=ContextKind.THREAD, via=built.callee or cls.rsplit(".", 1)[-1],
                                        target=f"{holder}.run", resolved=run, many=many,
                                        receiver=holder if "." not in holder else None)
    if not spawn_after:
        return fn

    def splice(ev: Event) -> tuple[Event, ...]:
        if id(ev) in unspawn:
            return (ev.model_copy(update={"kind": EventKind.CALL, "spawn": None}),)
        spawn = spawn_after.get(id(ev))
        if spawn is None:
            return (ev,)
        started = Event(kind=EventKind.SPAWN, loc=ev.loc, callee=ev.callee, spawn=spawn, held=ev.held,
                        free=ev.free, scopes=ev.scopes, repeated=ev.repeated)
        return ev, started

    return fn.model_copy(update={"body": splice_events(fn.body, splice)})


def _started(ev: Event) -> str | None:
    """`v` of a call `v.start()` (a local or a field of `self`), else None."""
    callee = ev.callee or ""
    if ev.kind is not EventKind.CALL or ev.args or not callee.endswith(".start"):
        return None
    holder = callee[:-len(".start")]
    parts = holder.split(".")
    if len(parts) == 1 and holder.isidentifier() and holder not in ("self", "cls"):
        return holder
    return holder if len(parts) == 2 and parts[0] == "self" and parts[1].isidentifier() else None


def _thread_class(resolver: CallResolver, fn: FunctionInfo, holder: str) -> str | None:
    """The in-scope thread subclass `holder` holds: the class a local is built from, or a field's type."""
    if "." not in holder:
        written = fn.built.get(holder)
        cls = resolver.names.resolve_in_module(fn.module, written) if written else None
    else:
        info = resolver.classes.get(fn.cls or "")
        attr = info.attributes.get(holder.split(".", 1)[1]) if info is not None else None
        cls = attr.type_name if attr is not None else None
    return cls if cls in resolver.classes and resolver.is_thread(cls) else None


def _construction(resolver: CallResolver, fn: FunctionInfo, before: list[Event], holder: str, cls: str) -> Event | None:
    """The last event before the start that builds the `cls` object `holder` names: for a field,
    the construction right before its store (`self._t = Worker()`); for a local bound once, the
    last construction of `cls`. None when the body does not build it before the start."""
    init = resolver.constructor(cls)
    own_run = resolver.classes[cls].methods.get("run")

    def builds(ev: Event) -> bool:
        if ev.kind is EventKind.SPAWN:
            return ev.spawn is not None and ev.spawn.resolved == own_run and ev.spawn.target == ev.callee
        return ev.kind is EventKind.CALL and ev.callee is not None and (
            (init is not None and ev.resolved == init) or resolver.names.resolve_in_module(fn.module, ev.callee) == cls)

    if "." in holder:
        for prev, ev in zip(reversed(before[:-1]), reversed(before[1:])):
            if ev.kind is EventKind.WRITE and ev.target == holder:
                return prev if builds(prev) else None
        return None
    return next((ev for ev in reversed(before) if builds(ev)), None)


def _really_starts(functions: dict[str, FunctionInfo], start: str | None, depth: int = 0) -> bool:
    """The `start` a call runs starts the thread: the library's (`start` not in scope), or an
    override that calls the library's on `self` (`threading.Thread.start(self)`, `super().start()`
    reaching it), itself or through the base's override."""
    if start is None or start not in functions:
        return start is None
    if depth > _MAX_OVERRIDES:
        return False
    for ev in functions[start].events():
        if ev.kind is not EventKind.CALL or not (ev.callee or "").endswith(".start"):
            continue
        if ev.callee in _REAL_STARTS and ev.args[:1] == ("self",):
            return True
        if ev.callee == "super().start" and not ev.args or (ev.args[:1] == ("self",) and ev.resolved):
            if _really_starts(functions, ev.resolved, depth + 1):
                return True
    return False
