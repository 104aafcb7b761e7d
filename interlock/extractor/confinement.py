"""Where code runs: on the event loop thread, on threads, or on one owner's thread.

Loop callbacks and tasks run on the loop; the public methods of a class run where its ties to
other threads say (`confinement`); a loop-confined class whose only tie is the public methods that
hand work to its loop from other threads keeps those apart (`loop_handover`).
"""
from __future__ import annotations

import re

from interlock.extractor import catalogue as cat
from interlock.extractor.imports import imports_package
from interlock.extractor.index import EventIndex
from interlock.extractor.overrides import is_stub
from interlock.models.arguments import bind_params
from interlock.models.construction import left_unset, owned_attributes
from interlock.models.loop_futures import loop_futures_of
from interlock.models.program import LIFECYCLE, LOCK_KINDS, AttrKind, ClassInfo, ContextKind, EventKind, ProgramModel

OWNER_KINDS = LOCK_KINDS | {AttrKind.THREAD, AttrKind.EXECUTOR}
#: what ties a class to other threads (asyncio locks and queues do not)
THREAD_OWNER_KINDS = frozenset({AttrKind.LOCK, AttrKind.RLOCK, AttrKind.CONDITION, AttrKind.SEMAPHORE,
                                AttrKind.MP_LOCK, AttrKind.THREAD, AttrKind.EXECUTOR})
#: callback registrations whose callback the event loop runs, on its own thread
LOOP_CALLBACK_VIAS = frozenset({"call_soon", "call_soon_threadsafe", "call_later", "call_at",
                                "add_reader", "add_writer", "add_signal_handler"})
#: calls that hand work to the loop from another thread: their caller is not on the loop. Any
#: registration named `..._threadsafe` (`add_callback_threadsafe`, `wake_threadsafe`) says the same
#: of itself: the one way in from other threads to a dispatcher that runs what it is given on its own
#: (loop) thread.
THREADSAFE_CALLS = ("_threadsafe",)


#: Tornado's IOLoop: `io_loop.add_callback(f)` (thread-safe) and its timers run `f` on the IOLoop's
#: thread, the one its handlers run on (tests/corpus/il202_tornado_add_callback_runs_on_ioloop):
#: `spawn_callback`, `add_timeout`, `PeriodicCallback(f, ms)` (catalogue.IOLOOP_SCHEDULERS;
#: `call_later`/`call_at` are the loop's own, above)
IOLOOP_CALLBACK_VIAS = frozenset({"add_callback", "add_callback_from_signal"}) | cat.IOLOOP_SCHEDULERS
#: ... and so do the handlers it calls when a file descriptor is ready: `io_loop.add_handler(fd,
#: self._handle_events, IOLoop.READ)` (on a receiver named for a loop: other registries have
#: `add_handler` too) and `tornado.netutil.add_accept_handler(sock, callback)`
#: (tests/corpus/il103_tornado_fd_handler_runs_on_ioloop)
IOLOOP_FD_VIAS = frozenset({"add_handler", "add_accept_handler"})


#: task runners that await an `async def` on the loop and run a plain function in a threadpool
SYNC_TO_THREADPOOL_VIAS = frozenset({"add_task"})


def spawn_kind(model: ProgramModel, spawn) -> ContextKind:
    """What spawned work runs as: a plain function given to a background-job runner
    (`background.add_task(fn)`) is a threadpool job, an `async def` one a task on the loop."""
    fn = model.functions.get(spawn.resolved or "")
    if spawn.kind is ContextKind.TASK and spawn.via in SYNC_TO_THREADPOOL_VIAS and fn is not None and not fn.is_async:
        return ContextKind.EXECUTOR
    return spawn.kind


def spawn_on_loop(model: ProgramModel, fn, ev) -> bool:
    """Tasks and loop callbacks run on the event loop thread. `add_done_callback` does when the
    future is an asyncio one: assumed in async code and in modules that import asyncio (or tornado,
    whose futures are asyncio's: tornado.locks' `waiter.add_done_callback(...)`), unless
    the future is an executor job's (`pool.submit(...)`): a `concurrent.futures` future runs it on
    the worker thread that finishes it (tests/corpus/il402_job_done_callback_resolves_loop_future)."""
    spawn = ev.spawn
    if spawn_kind(model, spawn) is ContextKind.TASK:
        return True
    if spawn.kind is not ContextKind.CALLBACK:
        return False
    via = spawn.via.rsplit(".", 1)[-1]
    if via in LOOP_CALLBACK_VIAS or via.endswith(THREADSAFE_CALLS) or own_dispatcher(model, via):
        return True
    if via in IOLOOP_CALLBACK_VIAS and fn is not None and _imports(model, fn.module, "tornado"):
        return True
    if via in IOLOOP_FD_VIAS and fn is not None and _imports(model, fn.module, "tornado"):
        receiver = (ev.callee or "").rpartition(".")[0]
        if via == "add_accept_handler" or "loop" in receiver.lower():
            return True
    if via == "add_done_callback" and fn is not None and _loop_made(fn, (ev.callee or "").rpartition(".")[0]):
        return True
    return via == "add_done_callback" and fn is not None and (fn.is_async or _imports_asyncio(model, fn.module)
                                                              or _imports(model, fn.module, "tornado")) \
        and not _job_future(model, fn, (ev.callee or "").rpartition(".")[0])


def _loop_made(fn, recv: str) -> bool:
    """`recv` is a local of `fn` bound only to futures a loop made (`fut = self._loop.create_task(...)`,
    `loop.run_in_executor(...)`): their done-callbacks run on that loop, whatever the module imports
    (tests/corpus/il101_done_callback_of_loop_task)."""
    return recv.isidentifier() and recv in loop_futures_of(fn)


def _job_future(model: ProgramModel, fn, recv: str) -> bool:
    """`recv` (in `fn`) is an executor job's `concurrent.futures` future: `pool.submit(...)` itself,
    a local bound to one, a parameter annotated `concurrent.futures.Future`, or a parameter that
    every call of `fn` in scope binds to one of those of the caller."""
    if _submitted(fn, recv):
        return True
    if recv not in fn.params:
        return False
    if (fn.param_types.get(recv) or "").startswith("concurrent.futures."):
        return True
    passed = [(caller, (bind_params(list(fn.params), ev.args) or {}).get(recv))
              for caller in model.functions.values()
              for ev in caller.events() if ev.kind is EventKind.CALL and ev.resolved == fn.qualname]
    return bool(passed) and all(arg and _submitted(caller, arg) for caller, arg in passed)


def _submitted(fn, text: str) -> bool:
    return bool(_SUBMIT.search(text)) or (fn.made.get(text) or "").rpartition(".")[2] == "submit"


_SUBMIT = re.compile(r"\.submit\(")


def own_dispatcher(model: ProgramModel, via: str) -> bool:
    """`channel.add_on_close_callback(self._on_closed)` where every method of that name in scope is
    the program's own registry (it keeps or passes on the callable it is given) in a class that owns
    no thread and no threading lock: the program runs the callback itself, from the code that
    drives that registry, so on the thread of its event loop, not on a thread of its own
    (tests/corpus/il103_own_dispatcher_callbacks). A registry that owns a thread or lock may
    run it anywhere: the callback stays a context of its own. An interface's stub of that name
    (abstract, or only `raise NotImplementedError`) runs nothing: its implementations in scope
    decide (tests/corpus/il101_handler_registered_through_loop_interface)."""
    registries = _registries(model).get(via)
    return bool(registries) and all(registries)


_REGISTRIES: dict[int, tuple[ProgramModel, dict[str, list[bool]]]] = {}   # last model only: a cache


def _registries(model: ProgramModel) -> dict[str, list[bool]]:
    """Method name -> for each in-scope definition, whether it is a registry of a class with no
    thread ties (False: not a registry, or a thread-owning class)."""
    cached = _REGISTRIES.get(id(model))
    if cached is None or cached[0] is not model:
        out: dict[str, list[bool]] = {}
        for fn in model.functions.values():
            cls = model.classes.get(fn.cls or "")
            if cls is not None and fn.params[:1] == ("self",) and not is_stub(fn):
                out.setdefault(fn.name, []).append(_keeps_a_callable(fn) and not _thread_tied(model, cls))
        _REGISTRIES.clear()
        _REGISTRIES[id(model)] = cached = (model, out)
    return cached[1]


def _keeps_a_callable(fn) -> bool:
    """Stores or hands on one of its parameters: `self._listeners.append(cb)`, `self.callbacks.add(..., cb)`."""
    names = {p for p in fn.params[1:] if p.isidentifier()}
    return bool(names) and any(not names.isdisjoint(_WORD.findall(text))
                               for ev in fn.events() for text in (*ev.args, ev.value or ""))


_WORD = re.compile(r"\w+")


def _thread_tied(model: ProgramModel, cls: ClassInfo) -> bool:
    """It owns a thread or executor, or a lock that is not only its declared hand-over's."""
    if cls.is_thread:
        return True
    handover = _handover_locks(model, cls)
    return any(a.kind in THREAD_OWNER_KINDS and name not in handover and not left_unset(model, cls, name, a)
               for name, a in owned_attributes(model, cls).items())


def declared_threadsafe(model: ProgramModel, cls: ClassInfo) -> tuple[str, ...]:
    """The methods a class names thread-safe (`wake_threadsafe`, `add_callback_threadsafe`): by that
    name its author declares them, and only them, callable from other threads; the rest of the
    class belongs to the thread that runs it (asyncio's `call_soon_threadsafe` convention). A
    docstring that says so declares its method the same way ("This is the only method that is safe
    to call from another thread"), also for the overrides of it in subclasses, which keep its
    contract (FunctionInfo.threadsafe; tests/corpus/il101_documented_threadsafe_post)."""
    out = {q for n, q in cls.methods.items() if n.endswith(THREADSAFE_CALLS)}
    for n, q in cls.methods.items():
        if q not in out and any(_says_threadsafe(model, a, n) for a in (cls.qualname, *cls.ancestors)):
            out.add(q)
    return tuple(sorted(out))


def _says_threadsafe(model: ProgramModel, cls: str, name: str) -> bool:
    info = model.classes.get(cls)
    fn = model.functions.get(info.methods.get(name, "")) if info is not None else None
    return fn is not None and fn.threadsafe and fn.cls == cls


def _handover_locks(model: ProgramModel, cls: ClassInfo) -> set[str]:
    """Locks of the class that its declared thread-safe methods take (`with self._wake_lock:` around
    the self-pipe write): they keep those methods apart from the owner's, and tie only them to other
    threads (tests/corpus/il101_declared_threadsafe_wakeup)."""
    out: set[str] = set()
    for q in declared_threadsafe(model, cls):
        fn = model.functions.get(q)
        for ev in fn.events() if fn is not None else ():
            if ev.kind is EventKind.ACQUIRE and (ev.target or "").startswith("self."):
                out.add(ev.target.split(".")[1])
    return out


def _imports_asyncio(model: ProgramModel, module: str) -> bool:
    return _imports(model, module, "asyncio")


def _imports(model: ProgramModel, module: str, package: str) -> bool:
    info = model.modules.get(module)
    return info is not None and imports_package(info.imports.values(), package)


def owns_concurrency(model: ProgramModel, cls: ClassInfo, index: EventIndex) -> bool:
    """A class that owns a lock, thread or executor, or whose methods spawn work."""
    if any(a.kind in OWNER_KINDS and not left_unset(model, cls, n, a) for n, a in owned_attributes(model, cls).items()):
        return True
    return any(ev.kind is EventKind.SPAWN for q in set(cls.methods.values()) for ev in index.of(q))


def confinement(model: ProgramModel, cls: ClassInfo, index: EventIndex) -> str:
    """Where the public methods of a class that owns concurrency run.

    "threads": it owns a threading lock, thread or executor, or starts threads or processes: its
    API is meant for several threads at once. "loop": asyncio code that owns none of those, whose
    work is tasks, loop callbacks or executor jobs (contexts of their own) and that hands nothing
    over from another thread (`call_soon_threadsafe`): its methods run on the event loop thread,
    one at a time between awaits (transports, protocols, futures). "owner": the rest (it only
    registers callbacks, or wakes a loop from its owner's thread): one caller, the thread that
    owns it, with the callbacks as contexts of their own. An "owner" class whose only tie to other
    threads is the public methods that hand work over is split by `_public` (`_loop_handover`).
    """
    if loop_handler(model, cls):
        return "loop"
    if _thread_tied(model, cls):
        return "threads"
    where = "owner" if declared_threadsafe(model, cls) else "loop"
    for q in set(cls.methods.values()):
        fn = model.functions.get(q)
        for ev in index.of(q):
            if ev.kind is EventKind.CALL and (ev.callee or "").endswith(THREADSAFE_CALLS):
                where = "owner"
            elif ev.kind is EventKind.SPAWN and ev.spawn is not None:
                side = _spawn_side(model, fn, ev)
                if side == "threads":
                    return side
                if side == "owner":
                    where = side
    return where


def loop_handler(model: ProgramModel, cls: ClassInfo) -> bool:
    """A Tornado request handler class (`RequestHandler`, `WebSocketHandler` or a subclass): the
    IOLoop runs all its methods, whatever locks, executors or threads it owns (catalogue.LOOP_HANDLER_BASES);
    the threads and jobs it starts stay contexts of their own. So does an IOLoop class, but for
    the methods other threads may call (`ioloop_handover`)."""
    return _derives(model, cls, cat.LOOP_HANDLER_BASES) or ioloop_class(model, cls)


#: Tornado's IOLoop runs every method of itself on its own thread but these, the one way in from
#: other threads (Tornado's threading model; tests/corpus/il202_tornado_ioloop_subclass_on_its_thread)
IOLOOP_CLASSES = frozenset({"tornado.ioloop.IOLoop", "tornado.platform.asyncio.BaseAsyncIOLoop",
                            "tornado.platform.asyncio.AsyncIOLoop", "tornado.platform.asyncio.AsyncIOMainLoop"})
IOLOOP_THREADSAFE = frozenset({"add_callback", "add_callback_from_signal"})


def ioloop_class(model: ProgramModel, cls: ClassInfo) -> bool:
    return _derives(model, cls, IOLOOP_CLASSES)


def ioloop_handover(model: ProgramModel, cls: ClassInfo, entries: tuple[str, ...]) -> tuple[str, ...]:
    """The public methods of an IOLoop class that other threads call: `add_callback` ..."""
    if not ioloop_class(model, cls):
        return ()
    return tuple(q for q in entries if model.functions[q].name in IOLOOP_THREADSAFE)


def _derives(model: ProgramModel, cls: ClassInfo, bases) -> bool:
    return any(b in bases for b in model.lineage(cls))


def _spawn_side(model: ProgramModel, fn, ev) -> str:
    spawn = ev.spawn
    kind = spawn_kind(model, spawn)
    if kind in (ContextKind.THREAD, ContextKind.PROCESS):
        return "threads"
    if kind is ContextKind.EXECUTOR:
        return "loop" if spawn.via in ("run_in_executor", "to_thread") else "threads"
    if spawn.via.endswith(THREADSAFE_CALLS) or not spawn_on_loop(model, fn, ev):
        return "owner"
    return "loop"


def callers_of(model: ProgramModel, index: EventIndex) -> dict[str, list]:
    """Resolved callee -> the functions that call it (built once per index and model; read only)."""
    return index.memo("callers_of", model, lambda: _callers_of(model, index))


def _callers_of(model: ProgramModel, index: EventIndex) -> dict[str, list]:
    out: dict[str, list] = {}
    for q, events in index.functions.items():
        for ev in events:
            if ev.kind is EventKind.CALL and ev.resolved:
                out.setdefault(ev.resolved, []).append(model.functions[q])
    return out


def loop_handover(model: ProgramModel, cls: ClassInfo, index: EventIndex, entries: tuple[str, ...],
                  callers: dict[str, list]) -> tuple[str, ...] | None:
    """The public methods that hand work to the loop (`loop.call_soon_threadsafe(self._cb)`), when
    that is all that ties the class to other threads and every other public method runs on the
    loop: it is a coroutine, or all its callers in scope are (outside the class). The class is
    then loop-confined but for those methods, which other threads call; the callbacks they
    schedule run on the loop. The hand-over may be a private method, a callback another thread
    runs (tests/corpus/il202_private_loop_handover): then no public method is set apart, `()`.
    None when the class is not such a hub."""
    declared = set(declared_threadsafe(model, cls))
    bridges = {q for q in cls.methods.values() if q in declared or any(_hands_over(ev) for ev in index.of(q))}
    handover = tuple(q for q in entries if q in bridges)
    if len(handover) == len(entries) or not bridges:
        return None
    for q in set(cls.methods.values()):
        fn = model.functions.get(q)
        for ev in index.of(q):
            # a callback another thread runs ties the class to it, unless it is one of the hand-over
            # methods (a context of its own either way: what else it touches is still checked)
            if ev.kind is EventKind.SPAWN and ev.spawn is not None and not _hands_over(ev) \
                    and _spawn_side(model, fn, ev) != "loop" and ev.spawn.resolved not in bridges:
                return None
    if declared or _owner_on_loop(model, cls, index, [q for q in entries if q not in handover]):
        # the owner is the loop thread: its hand-overs are deferrals; only what the class declares
        # thread-safe is called from elsewhere (a thread in scope that calls a method is a context
        # of its own anyway)
        return tuple(q for q in handover if q in declared)
    for q in entries:
        if q in handover or model.functions[q].is_async:
            continue
        outside = [f for f in callers.get(q, ()) if f.cls != cls.qualname]
        if not outside or not all(f.is_async for f in outside):
            return None
    return handover


#: loop methods that only its own thread may call: scheduling a callback on it
LOOP_ONLY_VIAS = LOOP_CALLBACK_VIAS - {"call_soon_threadsafe"}
#: calls on a loop that its owner makes from outside it: running it, stopping or closing it
LOOP_DRIVERS = LIFECYCLE | {"run_until_complete"}


def _owner_on_loop(model: ProgramModel, cls: ClassInfo, index: EventIndex, entries: list[str]) -> bool:
    """One of the owner's public methods schedules on the loop with a call only the loop thread may
    make (`loop.call_later(...)`, or any call but a lifecycle one on the object the class hands work
    to: that object's thread-safe way in is the hand-over, the rest of it is its loop's): the owner
    is the loop thread, and the hand-overs from the class are deferrals
    (tests/corpus/il101_loop_client_defers_threadsafe)."""
    receivers = {(ev.callee or "").rpartition(".")[0] for q in set(cls.methods.values()) for ev in index.of(q)
                 if _hands_over(ev)} - {""}
    seen: set[str] = set()
    todo = list(entries)
    while todo:
        q = todo.pop()
        if q in seen:
            continue
        seen.add(q)
        for ev in index.of(q):
            if _loop_only_call(ev, receivers):
                return True
            if ev.kind is EventKind.CALL and ev.resolved in cls.methods.values() and (ev.callee or "").startswith("self."):
                todo.append(ev.resolved)
    return False


def _loop_only_call(ev, receivers: set[str]) -> bool:
    if ev.kind is EventKind.SPAWN and ev.spawn is not None and ev.spawn.via.rsplit(".", 1)[-1] in LOOP_ONLY_VIAS:
        return True
    receiver, _, name = (ev.callee or "").rpartition(".")
    return ev.kind in (EventKind.CALL, EventKind.SPAWN) and receiver in receivers \
        and not name.endswith(THREADSAFE_CALLS) and name not in LOOP_DRIVERS


def _hands_over(ev) -> bool:
    if ev.kind is EventKind.SPAWN and ev.spawn is not None:
        return ev.spawn.via.endswith(THREADSAFE_CALLS)
    return ev.kind is EventKind.CALL and (ev.callee or "").endswith(THREADSAFE_CALLS)
