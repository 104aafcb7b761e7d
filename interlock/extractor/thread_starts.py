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

A thread kept in a field of `self` (`self._thread = Thread(target=self._run)`, a Thread subclass
object, or a list of them built in a comprehension, `self._workers = [Thread(...) for _ in
range(n)]`) that a method of the class (or of a subclass) starts, `self._thread.start()` or `for t
in self._workers: t.start()`, spawns at each such start, not where it was built: the
construction becomes a call. One the building function starts itself stays as it is (the spawn
order of set-up between the two is checker/spawn_order.py's `_started_at`). A thread whose arguments name the building function's own locals or
parameters (`args=(conn,)`) stays where it is, since they mean nothing where it starts, and so
does one never started in scope (tests/corpus/il101_thread_built_in_init_started_later). A
Thread subclass of another file, which that file's extractor could not make a spawn at its
construction, spawns there as well (il101_thread_subclass_from_other_module_started_later).
"""
from __future__ import annotations

import ast
import re

from interlock.extractor.index import flatten
from interlock.extractor.records import construct
from interlock.extractor.resolution import CallResolver
from interlock.extractor.tree import splice_events
from interlock.models.program import Branch, ContextKind, Event, EventKind, FunctionInfo, Loop, Spawn, Try

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


# -- threads kept in a field or a list, started elsewhere ------------------------------------

#: names a moved spawn's arguments may mention: they mean the same where the thread starts
_SAME_EVERYWHERE = frozenset({"self", "cls"})
_KEYWORD = re.compile(r"^\s*\w+\s*=(?!=)")


def start_kept_threads(resolver: CallResolver, functions: dict[str, FunctionInfo]) -> dict[str, FunctionInfo]:
    """`functions` with each thread built into a field of `self` (one thread, or a list of them
    built in a comprehension) spawned where a method of the class starts it (`self._t.start()`,
    `for t in self._workers: t.start()`), and each list of threads a function builds in a local
    spawned at the loop that starts them, not at the construction: building a thread runs nothing
    (tests/corpus/il101_thread_built_in_init_started_later)."""
    by_class: dict[str, list[FunctionInfo]] = {}
    for fn in functions.values():
        if fn.cls is not None:
            by_class.setdefault(fn.cls, []).append(fn)
    unspawn: dict[str, set[int]] = {}                        # function -> ids of construction spawns
    spawn_after: dict[str, dict[int, tuple[Spawn, tuple[str, ...]]]] = {}   # function -> id of a start call -> spawn, args
    for fn in functions.values():
        events = list(flatten(fn.body))
        for i, ev in enumerate(events):
            built = _kept_thread(resolver, functions, fn, events, i)
            if built is None:
                continue
            holder, listed, spawn = built
            if not listed and holder.startswith("self.") and spawn.target == ev.callee:
                spawn = spawn.model_copy(update={"target": f"{holder}.run"})   # a Thread subclass object
            if holder.startswith("self."):
                owners = _class_and_subclasses(resolver, fn.cls)
                methods = [m for c in owners for m in by_class.get(c, ())]
            else:
                methods = [fn]
            sites = [(m, start) for m in methods for start in _start_sites(functions, m, holder, listed)]
            if not sites or any(m is fn for m, _ in sites):
                continue                    # never started in scope, or started where it is built
            unspawn.setdefault(fn.qualname, set()).add(id(ev))
            for m, start in sites:
                many = spawn.many or start.repeated or listed
                moved = spawn.model_copy(update={"many": many, "each": None, "receiver": None,
                                                 "once": fn.name == "__init__" and not many})
                spawn_after.setdefault(m.qualname, {})[id(start)] = (moved, ev.args if spawn.target != ev.callee else ())
    if not unspawn:
        return functions
    out = dict(functions)
    for q in set(unspawn) | set(spawn_after):
        gone, after = unspawn.get(q, set()), spawn_after.get(q, {})

        def splice(ev: Event, gone=gone, after=after) -> tuple[Event, ...]:
            if id(ev) in gone:
                return (ev.model_copy(update={"kind": EventKind.CALL, "spawn": None}),)
            moved = after.get(id(ev))
            if moved is None:
                return (ev,)
            spawn, args = moved
            return ev, Event(kind=EventKind.SPAWN, loc=ev.loc, callee=ev.callee, spawn=spawn, args=args, held=ev.held,
                             free=ev.free, scopes=ev.scopes, repeated=ev.repeated)

        out[q] = out[q].model_copy(update={"body": splice_events(out[q].body, splice)})
    return out


def _kept_thread(resolver: CallResolver, functions: dict[str, FunctionInfo], fn: FunctionInfo,
                 events: list[Event], i: int) -> tuple[str, bool, Spawn] | None:
    """(holder, is a list, the spawn) when `events[i]` builds a thread (a SPAWN made at the
    construction) that the next event binds to a field of `self` (the thread, or a list
    comprehension of them), or to a local list of them; None otherwise, or when the thread's
    arguments name the building function's own variables (they mean nothing where it starts)."""
    ev = events[i]
    if i + 1 >= len(events) or (ev.callee or "").endswith(".start"):
        return None
    nxt = events[i + 1]                 # tested first: resolving every call's class is the cost here
    if nxt.kind is not EventKind.WRITE or nxt.op != "=" or not nxt.target:
        return None
    spawn = ev.spawn if ev.kind is EventKind.SPAWN else _other_file_thread(resolver, functions, fn, ev)
    if spawn is None or spawn.kind not in (ContextKind.THREAD, ContextKind.PROCESS):
        return None
    value = (nxt.value or "").strip()
    listed = value.startswith("[") and value.endswith("]") and " for " in value
    field = nxt.target.startswith("self.") and nxt.target.count(".") == 1 and fn.cls is not None
    if not field and not (listed and nxt.target.isidentifier()):
        return None
    if not listed and value.partition("(")[0].rsplit(".", 1)[-1] != (ev.callee or "").rsplit(".", 1)[-1]:
        return None
    if spawn.target != ev.callee and not _outside_free(fn, ev.args):
        return None
    return nxt.target, listed, spawn


def _other_file_thread(resolver: CallResolver, functions: dict[str, FunctionInfo], fn: FunctionInfo,
                       ev: Event) -> Spawn | None:
    """The spawn of `Worker(...)`, a construction of a Thread subclass of another file (its file's
    extractor made it a plain call), as that file would make it."""
    if ev.kind is not EventKind.CALL or not ev.callee or not ev.callee.replace(".", "").isidentifier():
        return None
    cls = resolver.names.resolve_in_module(fn.module, ev.callee)
    if cls not in resolver.classes or not resolver.is_thread(cls):
        return None
    run = resolver.classes[cls].methods.get("run")
    if run not in functions:
        return None
    return construct(Spawn, kind=ContextKind.THREAD, via=ev.callee, target=ev.callee, resolved=run)


def _outside_free(fn: FunctionInfo, args: tuple[str, ...]) -> bool:
    """The thread's arguments (`target=self._run`, `args=(self.q,)`) name no local or parameter of
    `fn` but `self`."""
    own = {p for p in fn.params if p not in _SAME_EVERYWHERE} | set(fn.built) | {
        e.target for e in fn.events() if e.kind is EventKind.WRITE and e.target and e.target.isidentifier()}
    for text in args:
        value = _KEYWORD.sub("", text, count=1).strip()
        try:
            tree = ast.parse(value, mode="eval")
        except SyntaxError:
            return False
        if any(isinstance(node, ast.Name) and node.id in own for node in ast.walk(tree)):
            return False
    return True


def _class_and_subclasses(resolver: CallResolver, cls: str) -> list[str]:
    return [cls, *sorted(c for c, info in resolver.classes.items() if c != cls and cls in (info.ancestors or ()))]


def _start_sites(functions: dict[str, FunctionInfo], fn: FunctionInfo, holder: str, listed: bool) -> list[Event]:
    """The `start()` calls `fn` makes on the thread `holder` keeps: `holder.start()`, or for a list
    `t.start()` in a loop `for t in holder:`."""
    if not listed:
        return [ev for ev in fn.events() if ev.kind is EventKind.CALL and ev.callee == f"{holder}.start"
                and not ev.args and _really_starts(functions, ev.resolved)]
    out: list[Event] = []

    def walk(nodes) -> None:
        for n in nodes:
            if isinstance(n, Loop):
                header = n.header
                if n.kind == "for" and n.target and n.target.isidentifier() and (
                        header.target == holder or (header.value or "").strip() == holder):
                    out.extend(ev for ev in flatten(n.body) if ev.kind is EventKind.CALL
                               and ev.callee == f"{n.target}.start" and not ev.args
                               and _really_starts(functions, ev.resolved))
                walk(n.body)
                walk(n.orelse)
            elif isinstance(n, Branch):
                walk(n.then)
                walk(n.orelse)
            elif isinstance(n, Try):
                walk(n.body)
                for h in n.handlers:
                    walk(h.body)
                walk(n.orelse)
                walk(n.final)

    walk(fn.body)
    return out

