"""Concurrent contexts: what can run at the same time as what.

Thread/executor/process/task/callback contexts come from SPAWN events (Thread subclasses run
`run`); HTTP and WebSocket contexts from FastAPI/Starlette route decorators and
`add_api_route`/`add_websocket_route`; PUBLIC contexts from classes that own a lock or start a
thread or executor (less the methods only a main flow calls while it runs alone: setup_phase.py);
MAIN contexts from the coroutine a program runs on a loop of its own (`asyncio.run(main())`,
`loop.run_until_complete(main())`). Names are short and stable:
`thread:Player._loop`, `http:GET /api/x`, `main:main`.
"""
from __future__ import annotations

import re

from interlock.extractor import catalogue as cat
from interlock.extractor.confinement import (callers_of, confinement, ioloop_handover, loop_handover, owns_concurrency,
                                             spawn_kind, spawn_on_loop)
from interlock.extractor.executors import runs_in_child, serial_executor
from interlock.extractor.index import EventIndex
from interlock.extractor.private_classes import is_private, open_methods
from interlock.extractor.routes import find_routes
from interlock.extractor.setup_phase import alone_events, setup_only
from interlock.extractor.state_gates import state_gated
from interlock.models.marshalled import marshalled
from interlock.models.arguments import bind_arguments
from interlock.models.listeners import stored_in_field
from interlock.models.pooling import lent_classes
from interlock.models.objects import all_nodes
from interlock.models.program import (SIGNAL_VIAS, Context, ContextKind, Event, EventKind, Loop, ProgramModel,
                                      functions_inside, is_lifecycle)
from interlock.models.runners import handed_to_runner, runner_coroutines
from interlock.models.wiring import strip_strings



def short_name(model: ProgramModel, qualname: str) -> str:
    """`player.engine.Player._loop` -> `Player._loop` (module prefix dropped)."""
    fn = model.functions.get(qualname)
    module = fn.module if fn else (model.classes[qualname].module if qualname in model.classes else "")
    return qualname[len(module) + 1:] if module and qualname.startswith(module + ".") else qualname


def find_contexts(model: ProgramModel, index: EventIndex | None = None) -> tuple[Context, ...]:
    """Every context of the program, sorted by name."""
    index = index or EventIndex(model)
    sites = list(_spawn_sites(model, index))
    found = [*_spawned(model, index, sites), *_thread_subclasses(model, sites), *_library_handlers(model),
             *find_routes(model, index),
             *_public(model, index), *_main_coroutines(model, index), *_request_handlers(model, index),
             *_loop_handlers(model, index), *_marshalled(model)]
    found += _main_threads(model, index, sites, {q for c in found for q in c.entries})
    found += _module_apis(model, index, sites, {q for c in found for q in c.entries})
    merged: dict[str, Context] = {}
    for ctx in found:
        prev = merged.get(ctx.name)
        if prev is not None and prev.entries != ctx.entries:
            ctx = ctx.model_copy(update={"name": _qualified_name(ctx)})   # same short name, other module
            prev = merged.get(ctx.name)
        merged[ctx.name] = ctx if prev is None else _merge(prev, ctx)
    multiplied = _multiplied(model, index, sites, merged)
    return tuple(sorted(_per_instance(model, index, sites, multiplied), key=lambda c: c.name))


SPAWNED_KINDS = frozenset({ContextKind.THREAD, ContextKind.EXECUTOR, ContextKind.PROCESS, ContextKind.TASK,
                           ContextKind.CALLBACK})


def _multiplied(model: ProgramModel, index: EventIndex, sites, contexts: dict[str, Context]) -> list[Context]:
    """Work started by code that itself runs several times at once (a request handler, a public
    method many threads call, a job started in a loop) runs several times at once too: one
    `executor.submit(job)` per request is as many jobs as requests in flight."""
    spawners: dict[str, set[str]] = {}
    for fn, ev in sites:
        if fn is not None and ev.spawn.resolved:
            spawners.setdefault(ev.spawn.resolved, set()).add(fn.qualname)
    reached: set[str] = set()
    # a public method the tree only starts (`create_task(service.refresh_forever())`) and never
    # calls runs as the contexts those starts make, as many times as they run
    # (tests/corpus/il202_awaited_job_in_loop_runs_once)
    called = callers_of(model, index).keys() | {ev.resolved for name in model.modules for ev in index.modules[name]
                                                 if ev.kind is EventKind.CALL and ev.resolved}
    started_only = {ev.spawn.resolved for _, ev in sites if ev.spawn.resolved} - called
    # an outside caller's lifecycle calls (`start`, `stop_polling()`) come one at a time: what
    # they start runs once (checker/analysis.py ConcurrencyIndex.overlap)
    frontier = [q for c in contexts.values() if c.multiplicity == "many" for q in c.entries
                if not (c.kind is ContextKind.PUBLIC and q in model.functions
                        and (is_lifecycle(model.functions[q]) or q in started_only))]
    out = dict(contexts)
    looped = _looped(model, index)
    while frontier:
        _add_callees(model, index, frontier, reached, (EventKind.CALL, EventKind.BLOCKING))
        for name, c in out.items():
            if c.multiplicity == "one" and c.kind in SPAWNED_KINDS and c.entries and not c.per_object \
                    and not _thread_object_run(model, c.entries[0]) \
                    and spawners.get(c.entries[0], set()) & (reached | (looped if c.kind in REPEATED_KINDS else set())):
                # a thread the constructor starts on the new object: each run on an object of its own
                own = _constructor_thread(model, sites, c)
                out[name] = c.model_copy(update={"per_object": True} if own else {"multiplicity": "many"})
                frontier.extend(c.entries)
    return list(out.values())


#: what a function called once per loop iteration starts again on each call, without waiting for
#: the last one: a task, a loop callback or a pool job (a thread such a call starts is more often
#: one per object, `for w in workers: w.start()`: _per_instance)
REPEATED_KINDS = frozenset({ContextKind.TASK, ContextKind.CALLBACK, ContextKind.EXECUTOR})


def _looped(model: ProgramModel, index: EventIndex) -> set[str]:
    """Functions a loop calls again and again (a call made once per item of a loop, and what that
    call calls): a thread's `while True: ... self.deliver(data)` whose callback schedules
    `loop.call_soon_threadsafe(self._apply, ...)` schedules one run per datagram, each of which may
    start a task (tests/corpus/il504_task_spawned_per_datagram_notifies_again). Lifecycle calls
    (`for w in workers: w.start()`) act on one object each and are not followed."""
    frontier = [ev.resolved for q in model.functions for ev in index.of(q)
                if ev.kind is EventKind.CALL and ev.repeated and ev.resolved in model.functions
                and not is_lifecycle(model.functions[ev.resolved])]
    seen: set[str] = set()
    _add_callees(model, index, frontier, seen, (EventKind.CALL,))
    return seen


def _add_callees(model: ProgramModel, index: EventIndex, frontier: list, seen: set[str], kinds) -> None:
    """Add to `seen` the functions of `frontier` and every function they call (events of `kinds`),
    except calls that only build a coroutine a loop runner runs (`asyncio.run(main())`); empties `frontier`."""
    while frontier:
        q = frontier.pop()
        if q in seen or q not in model.functions:
            continue
        seen.add(q)
        handed = handed_to_runner(model.functions, model.functions[q])
        frontier.extend(ev.resolved for ev in index.of(q)
                        if ev.kind in kinds and ev.resolved and id(ev) not in handed)


def _constructor_thread(model: ProgramModel, sites, c: Context) -> bool:
    """Every spawn of `c` is a constructor's `Thread(target=self._run)`, or the start of one a
    constructor built into a field (`Spawn.once`): code that runs several times at once and
    builds such an object builds one per run, each with its own thread on it, which starts once
    (tests/corpus/il602_array_queued_to_websocket_by_its_thread,
    il101_thread_built_in_init_started_later)."""
    if not _thread_owners(model, sites, c):
        return False
    return all(fn is not None and (fn.name == "__init__" or ev.spawn.once)
               for fn, ev in sites if ev.spawn.resolved == c.entries[0])


def _per_instance(model: ProgramModel, index: EventIndex, sites, contexts: list[Context]) -> list[Context]:
    """A thread an object starts on itself runs once per object: the `run` of a Thread subclass
    (a Thread starts once: each run has its own `self`, `per_request`), or a `Thread(target=
    self._run)` of a class's own method. When the program builds that class more than once (two
    constructor calls, one in a loop or comprehension), or never builds a public one (its outside
    users may build any number), the threads of two objects run at once (`per_object`): they race
    on what the objects share (a module global, a singleton, an object handed to both), not on
    each object's own fields (checker/analysis.py ConcurrencyIndex.same_object and .objects_apart;
    tests/corpus/il103_worker_threads_share_module_stats). Against everything else it stays one
    run, so what orders it with its own object's start and join still holds."""
    built = _constructions(model, index)
    out = []
    for c in contexts:
        owners = _thread_owners(model, sites, c)
        if c.kind is ContextKind.THREAD and len(c.entries) == 1 and _thread_object_run(model, c.entries[0]):
            c = c.model_copy(update={"per_request": True})
        elif owners and c.multiplicity == "one" and _several(model, built, owners):
            c = c.model_copy(update={"per_object": True})
        elif _element_runs(model, sites, c):
            c = c.model_copy(update={"per_request": True})
        out.append(c)
    return out


def _element_runs(model: ProgramModel, sites, c: Context) -> bool:
    """Every start of `c`'s one entry, a method, is on the item a loop or comprehension walks
    (`for w in workers: Thread(target=w.run)`, `[Thread(target=c.run) for c in crawlers]`): each
    run has an object of its own, as the threads of a Thread subclass do (`per_request`): they race
    on what the objects share (a class attribute, a module global, an object handed to all), not
    on each one's own fields (tests/corpus/il103_own_counter_of_workers_in_a_local_list)."""
    if c.kind not in (ContextKind.THREAD, ContextKind.EXECUTOR) or len(c.entries) != 1 or c.per_object:
        return False
    entry = model.functions.get(c.entries[0])
    mine = [(fn, ev) for fn, ev in sites if ev.spawn.resolved == c.entries[0]]
    return entry is not None and bool(entry.cls) and bool(mine) \
        and all(fn is not None and _on_walked_item(fn, ev) for fn, ev in mine)


def _on_walked_item(fn, ev) -> bool:
    """The spawn's target is `item.method` with `item` the variable of the comprehension it
    repeats in or of a `for` loop around it, bound nowhere else in `fn`."""
    head, dot, rest = (ev.spawn.target or "").partition(".")
    if not dot or not rest.isidentifier() or not head.isidentifier() or head in ("self", "cls") \
            or head in fn.params or head in fn.built:
        return False
    if ev.spawn.each is not None:
        return ev.spawn.each[0].strip() == head
    return any(isinstance(node, Loop) and node.target == head and _inside(node, ev) for node in all_nodes(fn.body))


def _inside(loop: Loop, ev) -> bool:
    return any(node is ev or (isinstance(node, Event) and node.kind is EventKind.SPAWN and node.loc == ev.loc)
               for node in all_nodes(loop.body))


def _several(model: ProgramModel, built: dict[str, int], owners: set[str]) -> bool:
    """The program builds more than one object of the owners (or their subclasses), or builds
    none of a public class: its outside users (open world) may build any number."""
    n = sum(built.get(k, 0) for k in _with_subclasses(model, owners))
    return n > 1 or (n == 0 and all(not model.classes[q].name.startswith("_") for q in owners if q in model.classes))


def _thread_owners(model: ProgramModel, sites, c: Context) -> set[str]:
    """The classes whose methods start `c`'s one entry as a thread on `self` (`Thread(target=
    self._run)`), when every spawn site of it does; else empty."""
    if c.kind is not ContextKind.THREAD or len(c.entries) != 1:
        return set()
    mine = [(fn, ev) for fn, ev in sites if ev.spawn.resolved == c.entries[0]]
    if not mine or any(fn is None or not fn.cls or ev.spawn.many or not _on_self_target(ev.spawn.target)
                       for fn, ev in mine):
        return set()
    return {fn.cls for fn, _ in mine}


def _on_self_target(target: str) -> bool:
    head, dot, rest = target.partition(".")
    return head == "self" and bool(dot) and rest.isidentifier()


def _with_subclasses(model: ProgramModel, owners: set[str]) -> set[str]:
    return {q for q, cls in model.classes.items() if owners & set(cls.ancestors)} | owners


def _constructions(model: ProgramModel, index: EventIndex) -> dict[str, int]:
    """Class qualname -> how many objects of it the program builds: one per `Cls(...)` call,
    two for one made once per item of a loop or comprehension."""
    by_init: dict[tuple[str, str | None], list[str]] = {}
    for q, cls in model.classes.items():
        by_init.setdefault((cls.name, cls.methods.get("__init__")), []).append(q)
    out: dict[str, int] = {}
    for events in (*index.functions.values(), *index.modules.values()):
        for ev in events:
            if ev.kind is not EventKind.CALL or not ev.callee:
                continue
            hits = by_init.get((ev.callee.rpartition(".")[2], ev.resolved), [])
            if ev.resolved is None:           # a class without an `__init__` in scope: by its name
                hits = [q for q in hits if ev.callee in (q, model.classes[q].name)]
            if len(hits) == 1:
                out[hits[0]] = out.get(hits[0], 0) + (2 if ev.repeated else 1)
    return out


def _qualified_name(ctx: Context) -> str:
    if ctx.kind in (ContextKind.HTTP, ContextKind.WEBSOCKET):
        return f"{ctx.name} ({ctx.entries[0]})"
    if ctx.kind is ContextKind.PUBLIC and ctx.origin is not None:
        return f"{ctx.name} ({ctx.origin.path})"        # two classes of one name: `public:Reservoir (a/b.py)`
    return f"{ctx.kind.value}:{ctx.entries[0] if len(ctx.entries) == 1 else ctx.detail}"


def _merge(a: Context, b: Context) -> Context:
    """Two spawn sites of one target: it can run twice at once."""
    if a.kind == b.kind and a.entries == b.entries and a.origin == b.origin:
        return b if b.multiplicity == "many" else a
    return a.model_copy(update={"multiplicity": "many", "on_loop": a.on_loop and b.on_loop,
                                "serial": a.serial if a.serial == b.serial else None})


def _spawn_sites(model: ProgramModel, index: EventIndex):
    for q in sorted(model.functions):
        for ev in index.of(q):
            if ev.kind is EventKind.SPAWN and ev.spawn is not None:
                yield model.functions[q], ev
    for name in sorted(model.modules):
        for ev in index.modules[name]:
            if ev.kind is EventKind.SPAWN and ev.spawn is not None:
                yield None, ev


def _spawned(model: ProgramModel, index: EventIndex, sites):
    started_elsewhere = {ev.spawn.resolved for fn, ev in sites if fn is None or fn.qualname != ev.spawn.resolved}
    for fn, ev in sites:
        target = ev.spawn.resolved if ev.spawn.resolved in model.functions else None
        if target is None or _registers_a_class(model, ev, target) or _set_on_own_object(model, ev) \
                or _kept_by_own_registry(model, ev) or (
                target in started_elsewhere and (_rearms_itself(fn, ev) or _ends_with_successor(fn, ev, index))):
            continue
        where = short_name(model, fn.qualname) if fn else "module level"
        kind = spawn_kind(model, ev.spawn)
        if runs_in_child(model, fn, ev):
            kind = ContextKind.PROCESS          # a process pool's job: a child with its own copy (analysis.py)
        yield Context(
            name=f"{kind.value}:{short_name(model, target)}", kind=kind,
            entries=(target,), multiplicity="many" if ev.spawn.many else "one",
            is_async=model.functions[target].is_async, on_loop=spawn_on_loop(model, fn, ev),
            origin=ev.loc, detail=f"{ev.spawn.via}({ev.spawn.target}) in {where}",
            serial=serial_executor(model, fn, ev))


def _marshalled(model: ProgramModel):
    """A method a loop-marshalling decorator wraps (`@run_in_event_loop`, models/marshalled.py)
    runs as a callback of the loop, whoever calls it (tests/corpus/il101_timer_marshalled_onto_the_loop)."""
    for q, (decorator, via) in sorted(marshalled(model).items()):
        fn = model.functions[q]
        yield Context(name=f"{ContextKind.CALLBACK.value}:{short_name(model, q)}", kind=ContextKind.CALLBACK,
                      entries=(q,), multiplicity="one", is_async=fn.is_async, on_loop=True, origin=fn.loc,
                      detail=f"{via}({short_name(model, q)}) by @{decorator.rsplit('.', 1)[-1]}")


def _set_on_own_object(model: ProgramModel, ev) -> bool:
    """`obj.on_done = self._handle` where `obj` is of a class of the program: a stored callable its
    own code calls (the linker follows it), not a library's thread (events_spawn.attribute_callback)."""
    owner, dot, attr = ev.spawn.via.rpartition(".")
    return ev.spawn.kind is ContextKind.CALLBACK and bool(dot) and owner in model.classes


def _kept_by_own_registry(model: ProgramModel, ev) -> bool:
    """`self.register("add", self._on_add)` where `register` is a method of the program that keeps
    the callable in a container field of its object (`self._handlers[name] = handler`): the
    object's own code calls it from there (a dispatch table, a listener list: the linker follows
    those calls, extractor/registrations.py), on the thread that dispatches, not a library's
    (tests/corpus/il202_dispatch_table_filled_after_init)."""
    if ev.spawn.kind is not ContextKind.CALLBACK or not (ev.callee or "").startswith("self."):
        return False
    method = model.functions.get(ev.resolved or "")
    if method is None or method.cls is None or not method.params:
        return False
    stored = {hit[1] for e in method.events() if (hit := stored_in_field(e)) is not None}
    return any(param in stored and value.strip() == ev.spawn.target
               for param, value in bind_arguments(method, ev.args).items())


def _rearms_itself(fn, ev) -> bool:
    """A Timer whose callback starts the next Timer of the chain (`_poll` ending with
    `Timer(10, _poll).start()`): each one is started by the previous one, so the chain adds no
    second run at once to the one its first start begins (tests/corpus/il101_self_rearming_timer_module)."""
    return fn is not None and fn.qualname == ev.spawn.resolved and ev.spawn.via.rsplit(".", 1)[-1] == "Timer"


def _ends_with_successor(fn, ev, index: EventIndex) -> bool:
    """A thread's code that ends by starting the next run of itself (`run` ending with
    `Poller(self.stats).start()`, a loop ending with `Thread(target=self._loop).start()`): the next
    run starts when this one has nothing left to do, so the chain runs one at a time
    (tests/corpus/il103_thread_starts_its_successor). After the spawn only the new thread's own
    set-up and start may come (`t = Poller(...)`, `t.daemon = True`, `t.start()`), and returns."""
    if fn is None or fn.qualname != ev.spawn.resolved or ev.spawn.kind is not ContextKind.THREAD or ev.spawn.many:
        return False
    events = index.of(fn.qualname)
    at = next((i for i, e in enumerate(events) if e is ev), None)
    if at is None:
        return False
    rest, name = events[at + 1:], None
    if rest and rest[0].kind is EventKind.WRITE and rest[0].op == "=" and (rest[0].target or "").isidentifier():
        name, rest = rest[0].target, rest[1:]
    built = f"{ev.callee}(" if ev.callee else None
    for e in rest:
        text = e.callee or e.target or ""
        if e.kind is EventKind.RETURN or (name and text.split(".", 1)[0] == name):
            continue
        if e.kind is EventKind.CALL and built and text.startswith(built) and text.endswith(".start"):
            continue
        return False
    return True


def _registers_a_class(model: ProgramModel, ev, target: str) -> bool:
    """`SomeABC.register(Cls)` declares a virtual subclass; it calls nothing (a class given to a
    callback registry is not run by it either: it would only build a new object)."""
    return (ev.spawn.kind is ContextKind.CALLBACK and target.endswith(".__init__")
            and ev.spawn.via.rsplit(".", 1)[-1] == "register"
            and model.functions[target].cls is not None)




#: stdlib request handler bases -> the methods a server calls on them
HANDLER_BASES = {
    "http.server.BaseHTTPRequestHandler": "do_", "http.server.SimpleHTTPRequestHandler": "do_",
    "http.server.CGIHTTPRequestHandler": "do_", "socketserver.BaseRequestHandler": "handle",
    "socketserver.StreamRequestHandler": "handle", "socketserver.DatagramRequestHandler": "handle",
}
#: servers that run each request on a thread of its own
THREADING_SERVERS = ("ThreadingHTTPServer", "ThreadingTCPServer", "ThreadingUDPServer",
                     "ThreadingUnixStreamServer", "ThreadingMixIn")


#: what a request handler's constructor runs on the request's thread around the verb method
HANDLER_HOOKS = ("setup", "finish")


def _handler_prefix(model: ProgramModel, cls) -> str | None:
    return next((HANDLER_BASES[b] for b in model.lineage(cls, own=False) if b in HANDLER_BASES), None)


def served_hooks(model: ProgramModel, cls) -> frozenset[str]:
    """The methods the server runs on a request handler it builds per request (`setup`, `handle`
    or the `do_*` verbs, `finish`): the request's own thread calls them, not an outside caller."""
    prefix = _handler_prefix(model, cls)
    if prefix is None:
        return frozenset()
    return frozenset(q for n, q in cls.methods.items()
                     if n in HANDLER_HOOKS or n == "handle" or (prefix == "do_" and n.startswith("do_")))


def _request_handlers(model: ProgramModel, index: EventIndex):
    """`http.server` / `socketserver` handler classes: the server calls `do_GET` (or `handle`) on
    a new handler per request, on a thread per request under a Threading server."""
    threaded = any(name.endswith(THREADING_SERVERS) for c in model.classes.values() for name in c.bases) or any(
        (ev.callee or "").endswith(THREADING_SERVERS)
        for events in (*index.functions.values(), *index.modules.values()) for ev in events)
    for cls in sorted(model.classes.values(), key=lambda c: c.qualname):
        prefix = _handler_prefix(model, cls)
        if prefix is None or cls.is_mixin:
            continue
        # `BaseRequestHandler.__init__` runs setup(), handle(), finish() in turn (tests/corpus/il202_request_handler_hooks_per_request)
        setup, finish = ((h,) if (h := cls.methods.get(n)) in model.functions else () for n in HANDLER_HOOKS)
        for name, q in sorted(cls.methods.items()):
            fn = model.functions.get(q)
            if fn is None or fn.cls != cls.qualname or not (name.startswith(prefix) if prefix == "do_" else name == prefix):
                continue
            yield Context(name=f"http:{short_name(model, q)}", kind=ContextKind.HTTP, entries=(*setup, q, *finish),
                          multiplicity="many" if threaded else "one", origin=fn.loc, per_request=True,
                          detail=f"{'threading ' if threaded else ''}request handler {cls.name}.{name}")


#: Tornado's handler bases -> the methods its IOLoop calls on a new handler object per request
LOOP_HANDLER_BASES = cat.LOOP_HANDLER_BASES


#: calls whose arguments route requests to handler classes (`Application([(r"/x", H)])`, `url(r"/x", H)`)
TORNADO_ROUTING = ("Application", "add_handlers", "url", "URLSpec", "Rule")
_WORD = re.compile(r"[A-Za-z_][\w.]*")


def _routed_classes(model: ProgramModel, index: EventIndex) -> set[str]:
    """In-scope classes a Tornado application's routing calls name in their arguments."""
    out: set[str] = set()
    bodies = [(m, events) for m, events in index.modules.items()]
    bodies += [(model.functions[q].module, events) for q, events in index.functions.items()]
    for module, events in bodies:
        mod = model.modules.get(module)
        for ev in events:
            if ev.kind is not EventKind.CALL or (ev.callee or "").rsplit(".", 1)[-1] not in TORNADO_ROUTING:
                continue
            for word in (w for a in ev.args for w in _WORD.findall(a)):
                for cand in (f"{module}.{word}", mod.imports.get(word) if mod else None, word):
                    if cand and cand in model.classes:
                        out.add(cand)
    return out


def _loop_handlers(model: ProgramModel, index: EventIndex):
    """Tornado `RequestHandler` / `WebSocketHandler` subclasses that an application routes
    requests to: the IOLoop builds a handler per request and runs its verb method
    (`open`/`on_message`/`on_close` for a WebSocket) on the loop, many requests at once,
    switching only at awaits (tests/corpus/il403_tornado_request_handler)."""
    routed = _routed_classes(model, index)
    for cls in sorted(model.classes.values(), key=lambda c: c.qualname):
        if cls.qualname not in routed:
            continue
        keys = {b for b in model.lineage(cls) if b in LOOP_HANDLER_BASES}
        if not keys or cls.is_mixin or cls.qualname in LOOP_HANDLER_BASES:
            continue                  # (the base classes themselves, in Tornado's own tree, serve nothing)
        ws = "tornado.websocket.WebSocketHandler"
        names = LOOP_HANDLER_BASES[ws if ws in keys else "tornado.web.RequestHandler"]
        for name in names:
            fn = model.functions.get(cls.methods.get(name, ""))
            if fn is None or fn.cls != cls.qualname:
                continue
            yield Context(name=f"http:{short_name(model, fn.qualname)}", kind=ContextKind.HTTP, entries=(fn.qualname,),
                          multiplicity="many", is_async=fn.is_async, on_loop=True, origin=fn.loc, per_request=True,
                          detail=f"tornado request handler {cls.name}.{name}")


def _thread_object_run(model: ProgramModel, entry: str) -> bool:
    """`run` of a Thread subclass: every start is of a new thread object (a Thread starts once),
    so more of them are more objects, not more threads on one."""
    fn = model.functions.get(entry)
    cls = model.classes.get(fn.cls) if fn is not None and fn.cls else None
    return fn is not None and fn.name == "run" and cls is not None and cls.is_thread


def _main_coroutines(model: ProgramModel, index: EventIndex):
    """`asyncio.run(main(...))`: `main` runs on a new loop, first and alone until it starts tasks."""
    bodies = [(None, index.modules[m]) for m in sorted(index.modules)]
    bodies += [(model.functions[q], index.of(q)) for q in sorted(model.functions)]
    for fn, events in bodies:
        for ev, inner in runner_coroutines(events, lambda q: q in model.functions and model.functions[q].is_async):
            where = short_name(model, fn.qualname) if fn else "module level"
            yield Context(name=f"main:{short_name(model, inner.resolved)}", kind=ContextKind.MAIN,
                          entries=(inner.resolved,), is_async=True, on_loop=True, origin=ev.loc,
                          detail=f"{ev.callee}({ev.args[0]}) in {where}")


#: work that runs on threads or processes of its own, beside the code that started it
_BESIDE = frozenset({ContextKind.THREAD, ContextKind.EXECUTOR, ContextKind.PROCESS})


def _main_threads(model: ProgramModel, index: EventIndex, sites, entries: set[str]) -> list[Context]:
    """The thread that starts the program's threads, when no other context runs it: a plain
    module-level function that starts a thread, executor job or process (itself or through what it
    calls) and that a module calls at import time (a script's `if __name__ == "__main__": main()`),
    or that no code of the program calls (its caller's thread runs it). It goes on after the start:
    what it does then runs beside what it started, until it joins it (checker/barriers.py); what it
    did before the start happens before (checker/spawn_order.py)
    (tests/corpus/il103_main_thread_counts_beside_worker)."""
    # (a spawn of a parameter, `Thread(target=fn)`, is a spawn wrapper's: its callers start the work)
    # (a handler of a non-stop signal it installs runs between any two of its statements: work too,
    # tests/corpus/il202_sighup_handler_of_local_object)
    starts = {fn.qualname for fn, ev in sites if fn is not None and ev.spawn.resolved in model.functions
              and (spawn_kind(model, ev.spawn) in _BESIDE or ev.spawn.via in SIGNAL_VIAS)}
    callers = callers_of(model, index)
    reach, frontier = set(starts), list(starts)        # functions that start work, transitively
    while frontier:
        for caller in callers.get(frontier.pop(), ()):
            if caller.qualname not in reach:
                reach.add(caller.qualname)
                frontier.append(caller.qualname)
    # functions handed to something (a callback, a spawn target) are run by that, not by a main flow
    handed = {ev.spawn.resolved for _, ev in sites if ev.spawn.resolved}
    named = _named_in_arguments(index)
    found: dict[str, tuple] = {q: (model.functions[q].loc, "called by no code of the program")
                               for q in sorted(starts) if not callers.get(q) and model.functions[q].name not in named}
    for m in sorted(index.modules):
        for ev in index.modules[m]:
            if ev.kind is EventKind.CALL and ev.resolved in reach:
                found[ev.resolved] = (ev.loc, "called at import time")
    out: dict[str, Context] = {}
    for q, (loc, how) in sorted(found.items()):
        fn = model.functions.get(q)
        if fn is None or fn.cls is not None or fn.is_async or q in entries or q in handed \
                or fn.qualname != f"{fn.module}.{fn.name}":
            continue
        # what it does alone (wiring its objects before the first start) overlaps nothing
        alone_ids = alone_events(model, index, fn)
        alone = tuple(sorted({(ev.loc.line, ev.loc.column) for ev in index.of(q) if id(ev) in alone_ids
                              and ev.kind is not EventKind.SPAWN}))
        # a script (or its `main()`) that then runs an event loop itself is that loop's thread:
        # the callbacks, tasks and handlers the loop runs never overlap it
        # (tests/corpus/il202_tornado_main_runs_ioloop)
        loop = runs_event_loop(fn, index.of(q))
        then = ", then runs the event loop" if loop else ""
        if fn.name == "<module>":      # a script's top-level code (link._script_bodies)
            out[q] = Context(name=f"main:{fn.module}", kind=ContextKind.MAIN, entries=(q,), origin=fn.loc,
                             on_loop=loop, detail=f"top-level code of {fn.module}, starts work and goes on{then}")
            continue
        out[q] = Context(name=f"main:{short_name(model, q)}", kind=ContextKind.MAIN, entries=(q,), alone=alone,
                         on_loop=loop, origin=loc, detail=f"{short_name(model, q)}(), {how}, starts work and goes on{then}")
    return list(out.values())


#: calls that run an event loop on the calling thread until it stops: asyncio's
#: `loop.run_forever()`/`run_until_complete(...)`, `asyncio.run(main())`, and Tornado's
#: `IOLoop.current().start()` / `run_sync(f)` on an IOLoop (`IOLoop.current()`, `IOLoop.instance()`,
#: `IOLoop()`, or a local bound to one)
LOOP_RUNS = (".run_forever", ".run_until_complete")
IOLOOP_RUNS = frozenset({"start", "run_sync"})
_IOLOOP = re.compile(r"(^|\.)IOLoop(\.(current|instance))?$")


def runs_event_loop(fn, events) -> bool:
    """`fn` runs an event loop on its own thread (see LOOP_RUNS, IOLOOP_RUNS)."""
    for ev in events:
        if ev.kind not in (EventKind.CALL, EventKind.BLOCKING):
            continue
        callee = ev.callee or ""
        if callee.endswith(LOOP_RUNS) or callee == "asyncio.run":
            return True
        receiver, _, name = callee.rpartition(".")
        if name in IOLOOP_RUNS:
            made = receiver[:-2] if receiver.endswith("()") else (fn.made.get(receiver) or "")
            if _IOLOOP.search(made):
                return True
    return False


def _module_apis(model: ProgramModel, index: EventIndex, sites, entries: set[str]) -> list[Context]:
    """A module that starts a thread, executor job or process at import time (module-level code)
    runs it beside whatever its importers do: its public functions (no leading underscore) are
    called by their threads, many at once, while the thread runs; like the public methods of a
    class that starts a thread (tests/corpus/il101_module_table_refilled_by_import_time_thread)."""
    started: dict[str, set[str]] = {}
    for fn, ev in sites:
        target = model.functions.get(ev.spawn.resolved or "")
        if fn is None and target is not None and target.cls is None and spawn_kind(model, ev.spawn) in _BESIDE:
            started.setdefault(target.module, set()).add(target.qualname)
    if not started:
        return []
    # a function the program calls itself (a script's main flow) or hands to other code is run by
    # that caller, not by importers
    handed = {ev.spawn.resolved for _, ev in sites if ev.spawn.resolved}
    callers, named = callers_of(model, index), _named_in_arguments(index)
    out = []
    for module, targets in sorted(started.items()):
        api = tuple(sorted(q for q, fn in model.functions.items()
                           if fn.module == module and fn.cls is None and q == f"{module}.{fn.name}"
                           and not fn.name.startswith(("_", "<")) and q not in handed and q not in entries
                           and not callers.get(q) and fn.name not in named
                           and not any(ev.resolved == q for ev in index.modules.get(module, ()))))
        if api:
            where = model.modules[module].path if module in model.modules else module
            out.append(Context(name=f"public:{module}", kind=ContextKind.PUBLIC, entries=api, multiplicity="many",
                               is_async=any(model.functions[q].is_async for q in api),
                               origin=model.functions[api[0]].loc,
                               detail=f"public functions of module {module} ({where}), called by its importers' "
                                      f"threads while {', '.join(short_name(model, t) for t in sorted(targets))} runs"))
    return out


_IDENT = re.compile(r"[A-Za-z_]\w*")


def _named_in_arguments(index: EventIndex) -> set[str]:
    """Names passed as arguments anywhere (`os.register_at_fork(after_in_child=_after_fork)`,
    `app.add_handler(run)`): a function handed to other code is run by it, not by a main flow."""
    out: set[str] = set()
    for events in (*index.functions.values(), *index.modules.values()):
        for ev in events:
            for a in ev.args:
                out.update(_IDENT.findall(a))
    return out


def _thread_subclasses(model: ProgramModel, sites):
    """A Thread subclass with its own `run` is a thread context even if started out of scope."""
    spawned = {ev.spawn.resolved for _, ev in sites}
    for cls in sorted(model.classes.values(), key=lambda c: c.qualname):
        run = cls.methods.get("run")
        if not cls.is_thread or run not in model.functions or run in spawned or cls.is_mixin:
            continue
        if model.functions[run].cls != cls.qualname:
            continue                  # inherited run: reported once, for the defining class
        yield Context(name=f"thread:{short_name(model, run)}", kind=ContextKind.THREAD, entries=(run,),
                      origin=cls.loc, detail=f"threading.Thread subclass {cls.name}.run")


def _library_handlers(model: ProgramModel):
    """Subclasses of a library handler base (watchdog's FileSystemEventHandler): the library calls
    their handler methods on a thread of its own, one thread that dispatches event after event to
    every handler (tests/corpus/il101_watchdog_handler_thread)."""
    by_thread: dict[str, list] = {}
    for cls in sorted(model.classes.values(), key=lambda c: c.qualname):
        base = next((b for b in _ancestors(model, cls) if b in cat.LIBRARY_HANDLER_BASES), None)
        if base is None or cls.is_mixin:
            continue
        pattern, thread = cat.LIBRARY_HANDLER_BASES[base]
        entries = [q for n, q in cls.methods.items() if re.match(pattern, n)
                   and q in model.functions and model.functions[q].cls == cls.qualname]
        if entries:
            by_thread.setdefault(thread, []).append((cls, entries))
    for thread, handlers in sorted(by_thread.items()):
        names = ", ".join(cls.name for cls, _ in handlers)
        yield Context(name=f"thread:{thread}", kind=ContextKind.THREAD,
                      entries=tuple(sorted(q for _, entries in handlers for q in entries)),
                      origin=handlers[0][0].loc, detail=f"handler methods of {names}, run on {thread}")


def _ancestors(model: ProgramModel, cls, seen: frozenset[str] = frozenset()):
    for b in cls.bases:
        yield b
        parent = model.classes.get(b)
        if parent is not None and b not in seen:
            yield from _ancestors(model, parent, seen | {b})


_PUBLIC_DETAIL = {"threads": "callable from any thread", "loop": "called on the event loop",
                  "owner": "called by the thread that owns it"}


def _started_run(q: str, cls, callers: dict[str, list]) -> bool:
    """`run` of a Thread subclass is what `start()` runs in the thread's own context; it is no
    public entry unless code other than a `run` (a subclass's `super().run()`) calls it
    (tests/corpus/il101_thread_subclass_run_not_public)."""
    return q == cls.methods.get("run") and all(fn.name == "run" for fn in callers.get(q, ()))


def _own_thread_bodies(model: ProgramModel, index: EventIndex, cls) -> frozenset[str]:
    """Public methods of `cls` that its own methods hand to a thread they start
    (`self._thread = threading.Thread(target=self.run)`): with no call of them in the program,
    such a method is the body of the object's thread, which runs it in its own context, as `run`
    of a Thread subclass (tests/corpus/il602_array_queued_to_websocket_by_its_thread)."""
    methods = set(cls.methods.values())
    return frozenset(ev.spawn.resolved for q in methods for ev in index.of(q)
                     if ev.kind is EventKind.SPAWN and ev.spawn is not None and ev.spawn.kind is ContextKind.THREAD
                     and ev.spawn.resolved in methods and (ev.spawn.target or "").startswith("self."))


def loop_called(model: ProgramModel, index: EventIndex, cls, entries: tuple[str, ...],
                callers: dict[str, list]) -> tuple[str, ...]:
    """The plain (not async) public methods of a thread-owning class that the program only ever
    calls from coroutines of other code (a request handler, a lifespan, a task): in scope every
    call runs on the event loop thread, so an outside caller is taken to make it there too, one
    call at a time between the loop's switches, as `loop_handover` takes the public methods of
    a loop hub. The thread the method starts is a context of its own either way; a method that is
    also handed to a thread or registered as a callback, or that any plain function or the import
    of a module calls, keeps its open-world caller on any thread; so does a property, whose reads
    are no calls (tests/corpus/il101_started_from_routes_only)."""
    spawned = index.memo("loop_called.spawned", model, lambda: _spawned_or_imported(index))
    out = []
    for q in entries:
        fn = model.functions.get(q)
        if fn is None or fn.is_async or fn.is_property or q in spawned or q.endswith("<setter>"):
            continue
        outside = [f for f in callers.get(q, ()) if f.cls != cls.qualname]
        if outside and len(outside) == len(callers.get(q, ())) and all(f.is_async for f in outside):
            out.append(q)
    return tuple(out)


def _spawned_or_imported(index: EventIndex) -> frozenset[str]:
    """Functions handed to a spawn anywhere, or called at import time."""
    spawned = {ev.spawn.resolved for events in (*index.functions.values(), *index.modules.values())
               for ev in events if ev.kind is EventKind.SPAWN and ev.spawn is not None and ev.spawn.resolved}
    spawned |= {ev.resolved for events in index.modules.values() for ev in events   # import-time calls
                if ev.kind is EventKind.CALL and ev.resolved}
    return frozenset(spawned)


_BOUND = re.compile(r"^(?:\w+=)?(\w+)\.(\w+)$")


def _exit_hooks(model: ProgramModel, index: EventIndex) -> frozenset[str]:
    """Methods handed to an exit or fork hook (`atexit.register(STATS.dump)`, `weakref.finalize(self,
    self.close)`, `os.register_at_fork(after_in_child=self._reset)`) on `self` or on a module global
    holding an object of a class in scope. Such a hook runs at exit or around fork(), not beside
    the program (no context of its own): a public method that no code calls but through it has no
    outside caller on some other thread (tests/corpus/il102_exit_hook_reads_without_lock)."""
    out: set[str] = set()
    bodies = [(model.functions.get(q), events) for q, events in index.functions.items()]
    bodies += [(None, events) for events in index.modules.values()]
    mods = {m: model.modules[m] for m in index.modules if m in model.modules}
    for fn, events in bodies:
        for ev in events:
            if ev.kind is not EventKind.CALL or ev.callee not in cat.LIFECYCLE_HOOKS:
                continue
            for arg in ev.args:
                m = _BOUND.match(arg)
                if m is None:
                    continue
                head, name = m.groups()
                if head == "self":
                    owner = fn.cls if fn is not None else None
                else:
                    module = fn.module if fn is not None else next(
                        (k for k, evs in index.modules.items() if evs is events), None)
                    glob = mods[module].globals.get(head) if module in mods else None
                    owner = glob.type_name if glob is not None else None
                cls = model.classes.get(owner or "")
                if cls is not None and cls.methods.get(name) in model.functions:
                    out.add(cls.methods[name])
    return frozenset(out)


def _confined_only(model: ProgramModel, index: EventIndex, cls, entries: tuple[str, ...],
                   callers: dict[str, list]) -> frozenset[str]:
    """The public methods that the program calls only on objects confined to the function that
    built them (`session = StreamSession(ws, track)`, then `await session.pump(6)`; the local is
    bound once to a new object and never passed, stored, returned or captured by a nested
    function), or on `self` from such methods. No outside caller can reach such an object: each
    run of the builder has its own, and the work the object starts is a context of its own
    (tests/corpus/il403_session_confined_to_its_connection_offloads). A method the program hands
    to a spawn or calls anywhere else keeps its open-world caller."""
    spawned = index.memo("loop_called.spawned", model, lambda: _spawned_or_imported(index))
    out: set[str] = set()
    for q in entries:
        fn = model.functions.get(q)
        if fn is None or fn.is_property or q.endswith("<setter>") or q in spawned:
            continue
        outside = [f for f in callers.get(q, ()) if f.cls != cls.qualname]
        if outside and all(_calls_only_on_confined(model, index, f, q) for f in {f.qualname: f for f in outside}.values()):
            out.add(q)
    # last, as it walks every method of the class: most classes have no such method at all
    return frozenset(out) if out and not _hands_out_self(model, index, cls) else frozenset()


_BARE_SELF = re.compile(r"(?<![\w.])self\b(?!\s*\.)")


def _hands_out_self(model: ProgramModel, index: EventIndex, cls) -> bool:
    """The class's own code gives its object to other code: a thread, job or task on one of its
    methods (`Thread(target=self._run)`), `self` or a bound method passed on or stored, or a
    nested function over `self`. Then the object's own work reaches it too, and its builder does
    not have it to itself (the race is between the two). A Thread subclass's object is its own
    thread's (tests/corpus/il101_thread_start_override_hooks)."""
    if cls.is_thread:
        return True
    methods = set(cls.methods.values()) | {q for q, f in model.functions.items() if f.cls == cls.qualname}
    bound = re.compile(rf"(?<![\w.])self\.(?:{'|'.join(re.escape(n) for n in cls.methods)})\b(?!\s*\()") \
        if cls.methods else None
    for q in methods:
        for ev in index.of(q):
            if ev.kind is EventKind.SPAWN and ev.spawn is not None and (ev.spawn.target or "").startswith("self"):
                return True
            for text in (*ev.args, ev.value or ""):
                text = strip_strings(text)
                if _BARE_SELF.search(text) or (bound is not None and bound.search(text)):
                    return True
        if any("self" in t for inner in functions_inside(model, q) for ev in inner.events()
               for t in (*ev.args, *ev.reads, ev.value or "", ev.target or "", ev.callee or "")):
            return True
    return False


def _calls_only_on_confined(model: ProgramModel, index: EventIndex, fn, q: str) -> bool:
    """Every call of `q` in `fn` is on a local `fn` built and keeps to itself."""
    calls = [ev for ev in index.of(fn.qualname) if ev.kind is EventKind.CALL and ev.resolved == q]
    return bool(calls) and all(_confined_local(model, index, fn, ev) for ev in calls)


def _confined_local(model: ProgramModel, index: EventIndex, fn, call: Event) -> bool:
    v = (call.callee or "").rpartition(".")[0]
    if not v.isidentifier() or call.receiver != v or v not in fn.built or v in fn.params:
        return False
    events = index.of(fn.qualname)
    if sum(ev.kind is EventKind.WRITE and ev.target == v for ev in events) > 1:
        return False                   # bound again: maybe to an object others hold
    # `v` itself (not `v.x`) passed, stored or returned, or named by a nested function
    bare = re.compile(rf"(?<![\w.]){re.escape(v)}\b(?!\s*\.)")
    if any(bare.search(strip_strings(t)) for ev in events for t in (*ev.args, *ev.reads, ev.value or "") if t):
        return False
    mention = re.compile(rf"(?<![\w.]){re.escape(v)}\b")
    return not any(mention.search(strip_strings(t)) for inner in functions_inside(model, fn.qualname)
                   for ev in inner.events()
                   for t in (*ev.args, *ev.reads, ev.value or "", ev.target or "", ev.callee or "") if t)


#: `self.pid != os.getpid()` (either side): the object was set up in another process
_PID_TEST = re.compile(r"^\s*(?:self\.\w+\s*!=\s*(?:os\.)?getpid\(\)|(?:os\.)?getpid\(\)\s*!=\s*self\.\w+)\s*$")
_INITS = frozenset({"__init__", "__post_init__", "__new__"})


def fork_resets(model: ProgramModel, index: EventIndex, callers: dict[str, list]) -> frozenset[str]:
    """Methods that re-initialise an object in a forked child: called by a fork guard (a function
    that tests `self.pid != os.getpid()`) and otherwise only by constructors and by other such
    resets (`super().reset()`, `self.proxy.reset()` in a reset), and the overrides of one of them
    in subclasses that nothing else calls. A fork leaves one thread in the child, so the reset runs
    where the object is built again, as `__init__` does: it is no public entry that other threads
    call (tests/corpus/il101_fork_reset_not_an_entry). Its accesses still count where the guard's
    callers reach them."""
    guards = {q for q, events in index.functions.items()
              if any(ev.kind is EventKind.BRANCH and _PID_TEST.match(ev.value or "") for ev in events)}
    if not guards:
        return frozenset()
    out: set[str] = set()
    changed = True
    while changed:
        changed = False
        for q, fn in model.functions.items():
            if q in out or fn.cls is None or q not in callers:
                continue
            calling = callers[q]

            def override(f) -> bool:      # `super().reset()` in a subclass's reset
                sub = model.classes.get(f.cls or "")
                return f.name == fn.name and sub is not None and fn.cls in sub.ancestors
            if any(f.qualname in guards or f.qualname in out for f in calling) \
                    and all(f.qualname in guards or f.qualname in out or f.name in _INITS or override(f)
                            for f in calling):
                out.add(q)
                changed = True
        for q in list(out):
            fn = model.functions[q]
            for sub in model.classes.values():
                o = sub.methods.get(fn.name)
                if o and o not in out and o != q and fn.cls in sub.ancestors and o in model.functions \
                        and all(f.qualname in out or f.name in _INITS for f in callers.get(o, ())):
                    out.add(o)
                    changed = True
    return frozenset(out)


def _public(model: ProgramModel, index: EventIndex):
    callers: dict[str, list] | None = None
    setup: frozenset[str] | None = None
    for cls in sorted(model.classes.values(), key=lambda c: c.qualname):
        if cls.is_mixin or cls.is_enum or not owns_concurrency(model, cls, index):
            continue
        # a public property's setter runs on `obj.prop = v` from outside, like a method
        entries = tuple(sorted(x for n, q in cls.methods.items() if not n.startswith("_")
                               for x in (q, f"{q}<setter>") if x in model.functions))
        if entries:
            # methods only the main flow calls while it runs alone (extractor/setup_phase.py)
            setup = setup if setup is not None else setup_only(model, index)
            entries = tuple(q for q in entries if q not in setup)
        if cls.is_thread and cls.methods.get("run") in entries:
            callers = callers if callers is not None else callers_of(model, index)
            entries = tuple(q for q in entries if not _started_run(q, cls, callers))
        hooks = served_hooks(model, cls)
        if hooks & set(entries):
            # a request handler's hooks run in its request's context (`_request_handlers`), unless other code calls them
            callers = callers if callers is not None else callers_of(model, index)
            entries = tuple(q for q in entries if q not in hooks
                            or any(f.cls != cls.qualname for f in callers.get(q, ())))
        exits = index.memo("exit_hooks", model, lambda: _exit_hooks(model, index))
        if exits & set(entries):
            # run at exit, not by an outside caller: see _exit_hooks
            callers = callers if callers is not None else callers_of(model, index)
            spawned = index.memo("loop_called.spawned", model, lambda: _spawned_or_imported(index))
            entries = tuple(q for q in entries if q not in exits or callers.get(q) or q in spawned)
        if entries:
            # a method a decorator hands to its loop runs there, in a context of its own (_marshalled)
            onto_loop = marshalled(model)
            entries = tuple(q for q in entries if q not in onto_loop)
        if entries:
            # configuration refused once the object has started (extractor/state_gates.py)
            gated = state_gated(model, cls, entries)
            entries = tuple(q for q in entries if q not in gated)
        if entries:
            callers = callers if callers is not None else callers_of(model, index)
            resets = index.memo("fork_resets", model, lambda: fork_resets(model, index, callers))
            entries = tuple(q for q in entries if q not in resets)
        if entries:
            callers = callers if callers is not None else callers_of(model, index)
            confined = _confined_only(model, index, cls, entries, callers)
            entries = tuple(q for q in entries if q not in confined)
        if entries and is_private(cls):
            # a private class the program builds and keeps to itself: only the methods that leave
            # it have callers out of scope (extractor/private_classes.py)
            opened = open_methods(model, index, cls)
            if opened is not None:
                entries = tuple(q for q in entries if q.rsplit(".", 1)[-1].removesuffix("<setter>") in opened)
        if entries:
            own = _own_thread_bodies(model, index, cls)
            if own & set(entries):
                callers = callers if callers is not None else callers_of(model, index)
                entries = tuple(q for q in entries if q not in own or callers.get(q))
        if not entries:
            continue
        # see tests/corpus/il101_loop_confined_protocol and il101_owner_thread_runner
        where = confinement(model, cls, index)
        name = f"public:{short_name(model, cls.qualname)}"
        handover = ioloop_handover(model, cls, entries)
        if handover:
            # see tests/corpus/il202_tornado_ioloop_subclass_on_its_thread
            entries = tuple(q for q in entries if q not in handover)
            yield Context(name=f"{name} (handover)", kind=ContextKind.PUBLIC, entries=handover,
                          multiplicity="many", origin=cls.loc,
                          detail=f"public methods of {cls.name} that hand work to its IOLoop from other threads")
            if not entries:
                continue
        if where == "owner":
            callers = callers if callers is not None else callers_of(model, index)
            handover = loop_handover(model, cls, index, entries, callers)
            if handover is not None:
                # see tests/corpus/il101_loop_handover_hub, il202_private_loop_handover
                entries = tuple(q for q in entries if q not in handover)
                where = "loop"
            if handover:
                yield Context(name=f"{name} (handover)", kind=ContextKind.PUBLIC, entries=handover,
                              multiplicity="many", origin=cls.loc,
                              detail=f"public methods of {cls.name} that hand work to its loop from other threads")
        if where == "threads":
            callers = callers if callers is not None else callers_of(model, index)
            on_loop = loop_called(model, index, cls, entries, callers)
            if on_loop:
                entries = tuple(q for q in entries if q not in on_loop)
                yield Context(name=f"{name} (loop)", kind=ContextKind.PUBLIC, entries=on_loop,
                              multiplicity="many", on_loop=True, origin=cls.loc,
                              detail=f"public methods of {cls.name} that every caller in scope calls on the event loop")
                if not entries:
                    continue
        # an object a pool lends is used by the one caller that has it checked out (models/pooling.py)
        lent = cls.qualname in lent_classes(model)
        detail = "called by the one caller that has it checked out of its pool" if lent else _PUBLIC_DETAIL[where]
        yield Context(name=name, kind=ContextKind.PUBLIC,
                      entries=entries, multiplicity="one" if where == "owner" or lent else "many",
                      is_async=any(model.functions[q].is_async for q in entries), on_loop=where == "loop",
                      origin=cls.loc, detail=f"public methods of {cls.name}, {detail}")
