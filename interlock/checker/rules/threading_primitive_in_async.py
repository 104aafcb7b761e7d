"""IL402 threading-primitive-in-async: thread primitives block the loop; loop primitives used from threads.

What it finds
-------------
In an `async def`: a `threading` lock held across an `await` or acquired with a blocking
`acquire()`, a `threading.Event`/`Condition` waited on, or a blocking `queue.Queue.get()`/`put()`.
From a thread, executor job or thread-side callback (a `concurrent.futures` done-callback): an
`asyncio` primitive (Event, Queue, Lock, Condition, Semaphore acquired or released, or a
loop future from `loop.create_future()` / `asyncio.Future()` resolved with `set_result`) used
directly instead of through `loop.call_soon_threadsafe` / `run_coroutine_threadsafe`.
A bound method of an asyncio primitive given straight to a thread or pool job
(`threading.Timer(t, self._ready.set)`, `pool.submit(self._inbox.put_nowait, x)`) is such a use,
and so is a thread's `loop.call_soon(...)` (`call_later`, `call_at`, `create_task`) on the loop a
coroutine stored (`self.loop = asyncio.get_running_loop()`): only `call_soon_threadsafe` is
safe from another thread.

Why it matters
--------------
A threading wait freezes the whole event loop until another thread acts; if that thread needs
the loop (or the lock is held across an await that lets another task ask for it), nothing ever
proceeds. asyncio primitives are not thread-safe: `asyncio.Event.set()` from a thread may never
wake the waiting task, and `Queue.put_nowait` from a thread corrupts the queue's waiters.

Example
-------
    async def handler(self):
        with self._lock:                      # threading.Lock
            await self.ws.send_json(self.state)   # another task blocks the loop on _lock
    def _worker(self):                        # thread
        self._ready.set()                     # asyncio.Event set from a thread
    # fixed: asyncio.Lock / `async with`; loop.call_soon_threadsafe(self._ready.set)

Fix
---
Use asyncio primitives inside coroutines (`asyncio.Lock`, `asyncio.Event`, `asyncio.Queue`),
or run the threading wait in `asyncio.to_thread`. From threads, hand work to the loop with
`loop.call_soon_threadsafe(...)` or `asyncio.run_coroutine_threadsafe(...)`.

Known limits
------------
A threading lock taken briefly in async code without an await inside is not reported (it is a
common way to share state with a worker thread). Attribute kinds come from the constructor;
primitives passed in as untyped parameters are not recognised. A bound method of an asyncio
primitive registered directly as a callback (`job.add_done_callback(self._sem.release)`) is not
checked: only thread and pool-job targets are. Under a spec that declares
contexts, async functions that none of them (nor a route or a task they start) reaches are not
checked.
"""
from __future__ import annotations

from typing import Iterator

from interlock.checker.analysis import ConcurrencyIndex, Reach, index, typed_path
from interlock.checker.callgraph import describe, receiver, resolve_path, runs_on_loop, step, used_attribute, where
from interlock.checker.context import RuleContext
from interlock.checker.loop_futures import FUTURE_QUERIES, LoopFutures
from interlock.checker.registry import RuleInfo
from interlock.models.finding import Finding
from interlock.models.program import THREAD_WAIT_KINDS, AttrKind, ContextKind, Event, EventKind, FunctionInfo, ProgramModel, short_symbol

RULE = RuleInfo(
    code="IL402", name="threading-primitive-in-async", severity="high", dimension="Backend Streaming",
    summary="A threading lock/event/queue blocks inside async code, or an asyncio primitive is used from a thread.",
    fix="Use asyncio primitives in coroutines (or asyncio.to_thread for the wait); from threads use call_soon_threadsafe.",
)
THREAD_LOCKS = frozenset({AttrKind.LOCK, AttrKind.RLOCK, AttrKind.CONDITION, AttrKind.MP_LOCK, AttrKind.SEMAPHORE})
ASYNC_KINDS = frozenset({AttrKind.ASYNC_EVENT, AttrKind.ASYNC_QUEUE, AttrKind.ASYNC_LOCK,
                         AttrKind.ASYNC_CONDITION, AttrKind.ASYNC_SEMAPHORE, AttrKind.ASYNC_FUTURE})
THREADSAFE_HANDOFF = ("call_soon_threadsafe", "run_coroutine_threadsafe")
#: sync code that runs on some other thread (callbacks fire on the thread that triggers them)
#: what a thread does to a primitive: call it, set/notify it, wait on, acquire or release it
THREAD_SIDE_USES = frozenset({EventKind.CALL, EventKind.NOTIFY, EventKind.WAIT, EventKind.ACQUIRE,
                              EventKind.RELEASE, EventKind.BLOCKING})
THREAD_CONTEXTS = frozenset({ContextKind.THREAD, ContextKind.EXECUTOR, ContextKind.CALLBACK})
#: spawns whose target runs on a thread of its own or on a pool worker, never on the loop
OFF_LOOP_SPAWNS = frozenset({ContextKind.THREAD, ContextKind.EXECUTOR})
#: what a thread may ask an asyncio primitive without touching its waiters (it only reads)
ASYNC_QUERIES = (*FUTURE_QUERIES, "is_set", "locked", "qsize", "empty", "full")


def check(model: ProgramModel, ctx: RuleContext) -> Iterator[Finding]:
    idx = index(ctx)
    for fn in sorted(model.functions.values(), key=lambda f: f.qualname):
        if fn.is_async and ctx.in_scope(fn.path):
            names = sorted({r.context.name for r in idx.reaches_in(fn.qualname)})
            if names or not ctx.closed_world:     # under a spec's closed world, unreached code does not run
                yield from _in_async(model, ctx, fn, names)
    yield from _from_threads(model, ctx, idx)
    yield from _bound_targets(model, ctx, idx)
    yield from _loop_calls_from_threads(model, ctx, idx)


def _attr(model: ProgramModel, fn: FunctionInfo, ev: Event):
    res = used_attribute(model, fn.cls, ev)
    if res is None:
        # `svc.ready.wait()` with `svc: LibraryService = Depends(...)` (or a local typed so):
        # the primitive that class holds (tests/corpus/il402_event_of_an_injected_service)
        for path in (ev.target, receiver(ev.callee)):
            res = typed_path(model, fn, path) if path and "." in path else None
            if res is not None:
                break
    return (res, model.attribute(*res)) if res else (None, None)


def _in_async(model: ProgramModel, ctx: RuleContext, fn: FunctionInfo, names: list[str]) -> Iterator[Finding]:
    events = list(fn.events())
    for i, ev in enumerate(events):
        if ev.awaited:
            continue
        res, info = _attr(model, fn, ev)
        if info is None:
            continue
        problem = None
        if ev.kind is EventKind.ACQUIRE and info.kind in THREAD_LOCKS and ev.op != "try":
            held_await = next((e for e in events[i + 1:] if e.kind is EventKind.AWAIT and ev.target in e.held), None)
            if held_await is not None:
                problem = (f"holds threading lock `{ev.target}` across `await` at line {held_await.loc.line}", held_await)
            elif ev.op == "call":
                problem = (f"blocks the loop in `{ev.target}.acquire()`", None)
        elif ev.kind is EventKind.WAIT and info.kind in THREAD_WAIT_KINDS:
            problem = (f"waits on threading primitive `{ev.target}` with `{ev.op}()`", None)
        elif ev.kind is EventKind.BLOCKING and ev.op == "queue_get" and info.kind is AttrKind.QUEUE:
            problem = (f"blocks the loop in `{ev.callee}` on a `queue.Queue`", None)
        if problem is not None:
            yield _finding(ctx, fn, ev, short_symbol(*res), problem, names, None)


def _from_threads(model: ProgramModel, ctx: RuleContext, idx: ConcurrencyIndex) -> Iterator[Finding]:
    seen: set[tuple] = set()
    futures = LoopFutures(model, idx)
    for r in idx.reaches:
        if r.context.kind not in THREAD_CONTEXTS or runs_on_loop(r.context) or r.function.is_async:
            continue
        ev = r.event
        if ev.kind not in THREAD_SIDE_USES:
            continue
        res = used_attribute(model, r.cls, ev, r.function.module)
        info = model.attribute(*res) if res else None
        if info is not None and info.kind in ASYNC_KINDS and not _queries_future(info.kind, ev):
            symbol = short_symbol(*res)
            what = f"asyncio primitive `{symbol}`"
        else:
            res, symbol, what = futures.held(r) if info is None else (None, None, "")
        if symbol is None or _handed_off(r):
            continue
        key = (r.function.qualname, symbol)
        if key in seen:
            continue
        seen.add(key)
        loop_side = _async_user(idx, res, model) if res else None
        names = [r.context.name] + ([loop_side.context.name] if loop_side else [])
        msg = f"calls `{ev.callee or ev.target}` on {what} from a thread"
        yield _finding(ctx, r.function, ev, symbol, (msg, None), names, loop_side, thread=r.context.name)


def _bound_targets(model: ProgramModel, ctx: RuleContext, idx: ConcurrencyIndex) -> Iterator[Finding]:
    """`threading.Timer(t, self._ready.set)`, `pool.submit(self._inbox.put_nowait, x)`: a bound method
    of an asyncio primitive given straight to a thread or pool job is called on that thread."""
    for fn in sorted(model.functions.values(), key=lambda f: f.qualname):
        if not ctx.in_scope(fn.path) or (ctx.closed_world and not idx.reaches_in(fn.qualname)):
            continue
        for ev in fn.events():
            spawn = ev.spawn
            if ev.kind is not EventKind.SPAWN or spawn is None or spawn.kind not in OFF_LOOP_SPAWNS or spawn.resolved:
                continue
            recv, _, method = spawn.target.rpartition(".")
            res = resolve_path(model, fn.cls, recv, fn.module) if recv and method not in ASYNC_QUERIES else None
            info = model.attribute(*res) if res else None
            if info is None or info.kind not in ASYNC_KINDS:
                continue
            symbol, thread = short_symbol(*res), f"{spawn.kind.value}:{spawn.target}"
            loop_side = _async_user(idx, res, model)
            names = [thread] + ([loop_side.context.name] if loop_side else [])
            msg = f"hands `{spawn.target}` of asyncio primitive `{symbol}` to `{spawn.via}`, which calls it"
            yield _finding(ctx, fn, ev, symbol, (msg, None), names, loop_side, thread=thread)


#: asyncio's getters of the loop a coroutine runs on
LOOP_GETTERS = frozenset({"asyncio.get_running_loop()", "asyncio.get_event_loop()"})
#: loop methods that are not thread-safe: only the loop's own thread may call them
LOOP_SCHEDULING = frozenset({"call_soon", "call_later", "call_at", "create_task"})


def _loop_calls_from_threads(model: ProgramModel, ctx: RuleContext, idx: ConcurrencyIndex) -> Iterator[Finding]:
    """`self.loop.call_soon(cb)` (or `call_later`, `call_at`, `create_task`) from a thread, where
    a coroutine stored its running loop in `self.loop` (`asyncio.get_running_loop()`): these loop
    methods are not thread-safe; the thread must use `call_soon_threadsafe` or
    `run_coroutine_threadsafe` (tests/corpus/il402_loop_call_soon_from_thread)."""
    loops = {res for fn in model.functions.values() if fn.is_async for ev in fn.events()
             if ev.kind is EventKind.WRITE and ev.target and (ev.value or "").strip() in LOOP_GETTERS
             and (res := resolve_path(model, fn.cls, ev.target, fn.module)) is not None}
    loops |= _injected_loops(model)
    if not loops:
        return
    seen: set[tuple] = set()
    for r in idx.reaches:
        if r.context.kind not in THREAD_CONTEXTS or runs_on_loop(r.context) or r.function.is_async:
            continue
        ev = r.event
        recv, _, method = (ev.callee or "").rpartition(".")
        # `self._loop.call_soon(self._deliver, frame)`: a method of the program handed over is a
        # SPAWN of a callback (tests/corpus/il402_call_soon_own_method_from_thread)
        if ev.kind not in (EventKind.CALL, EventKind.SPAWN) or method not in LOOP_SCHEDULING or not recv:
            continue
        res = resolve_path(model, r.cls, recv, r.function.module)
        if res not in loops or (r.function.qualname, res) in seen:
            continue
        seen.add((r.function.qualname, res))
        symbol = short_symbol(*res)
        msg = f"calls `{ev.callee}` on the event loop `{symbol}` from a thread (not thread-safe: use `call_soon_threadsafe`)"
        yield _finding(ctx, r.function, ev, symbol, (msg, None), [r.context.name], None, thread=r.context.name)


#: the annotations of an event loop object
LOOP_TYPES = frozenset({"asyncio.AbstractEventLoop", "asyncio.BaseEventLoop", "asyncio.events.AbstractEventLoop",
                        "asyncio.base_events.BaseEventLoop"})
#: calls that run a loop on the calling thread: that thread is the loop's own
LOOP_RUNS = ("run_forever", "run_until_complete")


def _injected_loops(model: ProgramModel) -> set[tuple[str, str]]:
    """Fields bound to a loop handed in (`def __init__(self, loop: asyncio.AbstractEventLoop):
    self._loop = loop`, the caller passing its running loop) whose class never runs that loop
    itself (`self._loop.run_forever()` on a thread of its own, which makes that thread the loop's)
    nor makes one (`asyncio.new_event_loop()`): the loop runs on the thread that handed it in
    (tests/corpus/il402_injected_loop_create_task_from_thread)."""
    out: set[tuple[str, str]] = set()
    for cls in model.classes.values():
        for name, a in cls.attributes.items():
            if a.type_name not in LOOP_TYPES or a.is_class_attr or "new_event_loop" in (a.value or ""):
                continue
            path = f"self.{name}"
            runs = any(ev.kind in (EventKind.CALL, EventKind.BLOCKING) and (ev.callee or "").rpartition(".")[0] == path
                       and (ev.callee or "").rpartition(".")[2] in LOOP_RUNS
                       or ev.kind is EventKind.WRITE and ev.target == path and "new_event_loop" in (ev.value or "")
                       for m in cls.methods.values() if (fn := model.functions.get(m)) is not None for ev in fn.events())
            if not runs:
                out.add((a.declared_in if a.declared_in in model.classes else cls.qualname, name))
    return out


def _handed_off(r: Reach) -> bool:
    return any(e.kind is EventKind.CALL and e.loc.line == r.event.loc.line and (e.callee or "").endswith(THREADSAFE_HANDOFF)
               for e in r.function.events())


def _queries_future(kind: AttrKind, ev: Event) -> bool:
    return kind is AttrKind.ASYNC_FUTURE and (ev.callee or "").rsplit(".", 1)[-1] in FUTURE_QUERIES


def _async_user(idx: ConcurrencyIndex, res: tuple[str, str], model: ProgramModel) -> Reach | None:
    for r in idx.reaches:
        if r.function.is_async and r.event.kind is not EventKind.READ and used_attribute(model, r.cls, r.event) == res:
            return r
    return None


def _finding(ctx: RuleContext, fn: FunctionInfo, ev: Event, symbol: str, problem, names: list[str],
             loop_side: Reach | None, thread: str | None = None) -> Finding:
    what, await_ev = problem
    runner = thread or (names[0] if names else f"event loop ({describe(fn)})")
    trace = [step(runner, ev.loc, f"{describe(fn)} {what}")]
    related = []
    if await_ev is not None:
        trace.append(step(runner, await_ev.loc, "suspends at await while the threading lock stays held"))
        trace.append(step("another task", ev.loc, f"asks for `{ev.target}` on the loop thread: the loop blocks"))
        related.append(where(fn, await_ev.loc, "await while the threading lock is held"))
    if loop_side is not None:
        trace.append(step(loop_side.context.name, loop_side.event.loc, f"{describe(loop_side.function)} uses {symbol} on the loop"))
        related.append(where(loop_side.function, loop_side.event.loc, f"{loop_side.context.name} uses {symbol} on the event loop"))
    where_runs = f"`{runner}`" + (f" while `{loop_side.context.name}` uses it on the event loop" if loop_side
                                  else ", off the event loop" if thread else " on the event loop")
    return Finding(
        code=RULE.code, rule=RULE.name, severity=RULE.severity, dimension=ctx.dimension(RULE.dimension),
        title=f"Threading/asyncio primitive misuse on {symbol} in {describe(fn)}",
        message=f"`{describe(fn)}` {what}, in {where_runs}.",
        location=where(fn, ev.loc), related=tuple(related), symbols=(symbol,),
        contexts=tuple(dict.fromkeys(names)) or (runner,), trace=tuple(trace),
        trigger=("A thread touches the asyncio primitive while the loop's task waits on it." if thread else
                 f"`{describe(fn)}` runs on the event loop while another thread or task holds or has not set `{symbol}`."),
        evidence=ctx.snippet(ev.loc.path, ev.loc.line, await_ev.loc.line if await_ev and await_ev.loc.line - ev.loc.line <= 10 else None),
        impact=("asyncio primitives are not thread-safe: the waiting task may never wake, or the primitive's "
                "waiter list is corrupted." if thread else
                "The event loop thread blocks: every task stalls, and if the thread that would release or set the "
                "primitive needs the loop, it never does (deadlock)."),
        fix=("Hand the call to the loop: `loop.call_soon_threadsafe(...)` or `asyncio.run_coroutine_threadsafe(...)`."
             if thread else f"Replace `{symbol}` with its asyncio counterpart (`async with` / `await`), or move the "
             f"wait into `await asyncio.to_thread(...)`."),
    )
