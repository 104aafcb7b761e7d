"""IL401 blocking-call-in-async: an `async def` reaches a blocking call, directly or through sync helpers.

What it finds
-------------
A call made on the event loop that blocks the thread: `time.sleep`, file and `pathlib` I/O,
`os`/`shutil`, sockets, `subprocess`, sync HTTP clients (requests, httpx, urllib), sqlite3 and
SQLAlchemy sync sessions, `Thread.join`, `Future.result`, reached from an `async def` either
directly or through any depth of sync helper calls, across modules. The finding sits on the
call in the async function that enters the blocking chain (what you change), and the blocking
leaf and the helpers on the way are in `related` and `trace`. One finding per call site: when
the chain reaches several blocking APIs, the symbols list them all (sorted), the trace follows
the shortest path to one, and `related` holds each other one's call. CPU-heavy library calls (FFT,
resampling, librosa) and filesystem metadata calls (`os.path.exists`, `os.remove`, `Path.unlink`
on a known `pathlib.Path`) are reported with low severity. Threading primitives waited on directly
in the async function are IL402. A plain `def` request handler that the event loop runs itself (a
Tornado `RequestHandler.get`, a `WebSocketHandler.on_message`) is checked like an `async def`: it
runs on the loop's thread (tests/corpus/il401_tornado_sync_handler_blocks_ioloop). So is a plain
function the program schedules on a loop (`loop.call_soon(self._poll)`, `call_later`, `add_reader`,
an asyncio future's done callback, Tornado's `add_callback`/`add_timeout`/`PeriodicCallback`;
tests/corpus/il401_blocking_loop_callback); a `signal.signal` handler is not (it interrupts the main
thread, whatever that runs), and a socket field the class put in non-blocking mode does not block
in a readiness callback (il401_signal_and_reader_callbacks_not_loop_stalls), nor does a raw
`os.read`/`os.write` of a descriptor there (il401_pipe_drained_in_reader_callback).

Why it matters
--------------
While the call blocks, the loop runs nothing else: every other request, WebSocket stream and
task stalls; audio chunks arrive late and clients time out. The helper usually looks harmless
in its own file, which is why only the call path shows it.

Example
-------
    async def stream(self, ws):
        chunk = self._load_chunk(i)          # sync helper -> soundfile.read(): blocks the loop
    # fixed
        chunk = await asyncio.to_thread(self._load_chunk, i)

Fix
---
Run the sync chain in a worker thread (`await asyncio.to_thread(f, ...)` or
`loop.run_in_executor(...)`), or use the async variant of the library (aiofiles, httpx.AsyncClient,
asyncio.sleep, an async DB driver).

Known limits
------------
Blocking calls are recognised from a catalogue; library functions outside it are assumed not
to block. Calls through unresolved dynamic dispatch are not followed. Sync helpers are followed
up to eight calls deep. Under a spec that declares contexts, async functions that none of them
(nor a route or a task they start) reaches are not checked: in that closed world they never run. A call
the ASGI lifespan (a spec context of kind "lifespan") makes before it starts any task, thread or
job is not reported: no request is served before startup ends, so nothing waits on the loop.
Likewise the coroutine a program runs on a loop of its own (`asyncio.run(main())`, a `main:`
context) before it starts anything: it is alone on that loop (tests/corpus/il401_lone_main_coroutine).
Without a spec the lifespan is found from the code (`FastAPI(lifespan=...)`, `on_startup=`,
`@app.on_event("startup")`, `add_event_handler`): its startup before it starts any work, its
shutdown (after `yield`, or an `on_event("shutdown")` handler: the server has stopped serving),
and what only those phases call are not reported (tests/corpus/il401_inferred_lifespan_startup).
"""
from __future__ import annotations

from typing import Iterator

from interlock.checker.analysis import index
from interlock.checker.callgraph import BlockPath, BlockingReach, describe, short_callee, step, where
from interlock.checker.context import RuleContext
from interlock.checker.lifespan import quiet_events
from interlock.checker.registry import RuleInfo
from interlock.models.finding import Finding
from interlock.models.program import ContextKind, Event, EventKind, FunctionInfo, ProgramModel

RULE = RuleInfo(
    code="IL401", name="blocking-call-in-async", severity="high", dimension="Backend Streaming",
    summary="A blocking call is reachable from an async function without an executor or to_thread.",
    fix="Wrap the sync chain in `await asyncio.to_thread(...)` / `run_in_executor`, or use an async library.",
)
#: threading waits directly in the async body are IL402's; through helpers they are ours
PRIMITIVE_OPS = frozenset({"queue_get", "event_wait", "lock_acquire"})


def is_blocking_leaf(fn: FunctionInfo, ev: Event) -> bool:
    if ev.awaited:
        return False
    if ev.kind is EventKind.BLOCKING:
        return ev.op != "lock_acquire"
    return ev.kind is EventKind.WAIT and ev.op in ("wait", "wait_for")


def check(model: ProgramModel, ctx: RuleContext) -> Iterator[Finding]:
    idx = index(ctx)
    reach = BlockingReach(model, is_blocking_leaf)
    quiet = quiet_events(model)
    loop_entries = sync_loop_handlers(model)
    callbacks = loop_callbacks(model)
    for fn in sorted(model.functions.values(), key=lambda f: f.qualname):
        if not (fn.is_async or fn.qualname in loop_entries) or not ctx.in_scope(fn.path):
            continue
        names = sorted({r.context.name for r in idx.reaches_in(fn.qualname)})
        if not names and ctx.closed_world:
            continue                # see tests/corpus/il401_unreached_under_spec
        reaches = idx.reaches_in(fn.qualname)
        for ev in fn.events():
            if idx.alone_at_startup([r for r in reaches if r.event is ev]) or id(ev) in quiet:
                continue            # see tests/corpus/il401_startup_before_tasks, il401_inferred_lifespan_startup
            ready = callbacks.get(fn.qualname, False)
            if is_blocking_leaf(fn, ev):
                if ev.kind is EventKind.BLOCKING and ev.op not in PRIMITIVE_OPS and not (ready and ready_io(ev)):
                    yield _finding(ctx, fn, ev, BlockPath((), (), ev, fn), names, callback=fn.qualname in callbacks)
            elif ev.kind is EventKind.CALL and ev.resolved and not ev.awaited:
                callee = model.functions.get(ev.resolved)
                if callee is not None and not callee.is_async:
                    paths = [p for p in reach.paths(callee) if not (ready and ready_io(p.leaf))]
                    yield from _grouped(ctx, fn, ev, paths, names, fn.qualname in callbacks)


def sync_loop_handlers(model: ProgramModel) -> frozenset[str]:
    """Plain (`def`) functions that the event loop runs itself, on its own thread: a Tornado
    handler's `get` or `on_message` is called by the IOLoop like a coroutine's step, so what it blocks
    on stalls the loop as in an `async def` (tests/corpus/il401_tornado_sync_handler_blocks_ioloop).
    So do the callbacks the program schedules on a loop (`loop.call_soon(self._poll)`, `call_later`,
    `add_reader`, an asyncio future's `add_done_callback`, Tornado's `add_callback`/`add_timeout`/
    `PeriodicCallback`) (tests/corpus/il401_blocking_loop_callback); not a `signal.signal` handler,
    which interrupts the main thread, nor the program's own callback registries."""
    return frozenset(q for c in model.contexts if c.kind in (ContextKind.HTTP, ContextKind.WEBSOCKET)
                     and c.on_loop and not c.is_async for q in c.entries) | set(loop_callbacks(model))


def loop_callbacks(model: ProgramModel) -> dict[str, bool]:
    """Plain functions the program hands to an event loop to run (see `sync_loop_handlers`) -> whether
    the loop only calls it when a file descriptor is ready (`add_reader`, Tornado's `add_handler`):
    its socket calls then return at once (tests/corpus/il103_tornado_fd_handler_runs_on_ioloop)."""
    callbacks = {q for c in model.contexts if c.kind is ContextKind.CALLBACK and c.on_loop and not c.is_async
                 for q in c.entries}
    if not callbacks:
        return {}
    scheduled: dict[str, bool] = {}
    for fn in model.functions.values():
        for ev in fn.events():
            spawn = ev.spawn
            if spawn is not None and spawn.kind is ContextKind.CALLBACK and spawn.resolved in callbacks:
                via = spawn.via.rsplit(".", 1)[-1]
                if via in LOOP_SCHEDULERS:
                    scheduled[spawn.resolved] = scheduled.get(spawn.resolved, True) and via in READINESS
    return scheduled


#: raw descriptor I/O: in a readiness callback it is the ready descriptor's, and returns at once
FD_IO = frozenset({"os.read", "os.write", "os.readv", "os.writev"})


def ready_io(leaf: Event) -> bool:
    """A socket call, or a raw descriptor read or write (`os.read(self._rfd, 1)` draining a
    self-pipe), in a callback the loop runs when a descriptor is ready: it does not block
    (tests/corpus/il401_pipe_drained_in_reader_callback)."""
    return leaf.op == "socket" or (leaf.callee or "") in FD_IO


#: how a program hands a plain function to an event loop that runs it on its own thread: asyncio's
#: loop methods and futures, Tornado's IOLoop (with `spawn_callback`, `add_timeout`, `PeriodicCallback`)
LOOP_SCHEDULERS = frozenset({"call_soon", "call_soon_threadsafe", "call_later", "call_at", "add_reader",
                             "add_writer", "add_signal_handler", "add_done_callback", "add_callback",
                             "add_callback_from_signal", "spawn_callback", "add_timeout", "PeriodicCallback",
                             "add_handler", "add_accept_handler"})
#: ... of those, the ones that call it when a file descriptor is ready for I/O
READINESS = frozenset({"add_reader", "add_writer", "add_handler", "add_accept_handler"})


def _grouped(ctx: RuleContext, fn: FunctionInfo, call: Event, paths: list[BlockPath], names: list[str],
             callback: bool = False) -> Iterator[Finding]:
    """One finding per call site and severity: what you change is the call, whatever it reaches.
    The blocking APIs reached are the symbols; the trace follows the shortest path to one of them."""
    for weight in ("block", *LOW_OPS):
        group = [p for p in paths if _weight(p.leaf) == weight]
        if group:
            apis = sorted({_api(p.leaf) for p in group})
            also = {}
            for p in group[1:]:
                also.setdefault(_api(p.leaf), p)
            also.pop(_api(group[0].leaf), None)
            yield _finding(ctx, fn, call, group[0], names, apis, list(also.values()), callback=callback)


#: Blocking categories reported with low severity: CPU-heavy library work, and filesystem metadata
#: calls (`os.path.exists`, `Path.unlink`: one short syscall each, unless the disk is slow or remote).
LOW_OPS = {"cpu": "CPU-heavy", "fs": "Filesystem"}


def _weight(leaf: Event) -> str:
    return leaf.op if leaf.op in LOW_OPS else "block"


def _api(leaf: Event) -> str:
    return leaf.callee or leaf.target or leaf.op or "blocking call"


def _finding(ctx: RuleContext, fn: FunctionInfo, call: Event, path: BlockPath, names: list[str],
             apis: list[str] | None = None, also: list[BlockPath] = (), *, callback: bool = False) -> Finding:
    leaf = path.leaf
    cpu = leaf.op == "cpu"
    low = leaf.op in LOW_OPS
    what = _api(leaf)
    apis = apis or [what]
    loop_ctx = names[0] if names else f"event loop ({describe(fn)})"
    others = [n for n in names if n != loop_ctx]
    indirect = call is not leaf              # the call enters a sync chain (else it blocks itself)
    hops = [describe(f) for f in path.funcs] + [path.leaf_fn.name + "()"] if indirect else []
    via = f" through `{' -> '.join([describe(fn)] + hops)}`" if indirect else ""
    many = len(apis) > 1
    reached = f"`{what}`{via}" if not many else ", ".join(f"`{a}`" for a in apis) + (f" (for example `{what}`{via})" if via else "")
    verb = ("keep the CPU busy" if many else "keeps the CPU busy") if cpu else ("block" if many else "blocks")
    trace = [step(loop_ctx, call.loc, f"{describe(fn)} calls {short_callee(call)} on the event loop")
             ] if indirect else []
    for c, f in zip(path.calls, path.funcs):
        trace.append(step(loop_ctx, c.loc, f"{describe(f)} calls {short_callee(c)}"))
    trace.append(step(loop_ctx, leaf.loc, f"blocks the loop in {what} ({leaf.op})"))
    related = [where(f, c.loc, f"sync helper call {short_callee(c)}") for c, f in zip(path.calls, path.funcs)]
    if indirect:
        related.append(where(path.leaf_fn, leaf.loc, f"blocking call {what} ({leaf.op})"))
    related += [where(p.leaf_fn, p.leaf.loc, f"also reached: {_api(p.leaf)} ({p.leaf.op})") for p in also]
    stalled = f"`{loop_ctx}`" + (f" and the other tasks on the loop ({', '.join(f'`{n}`' for n in others[:3])})" if others else " and every other task on the loop")
    return Finding(
        code=RULE.code, rule=RULE.name, severity="low" if low else RULE.severity,
        dimension=ctx.dimension(RULE.dimension),
        title=f"{LOW_OPS.get(leaf.op, 'Blocking')} call {what}{f' (+{len(apis) - 1} more)' if many else ''} on the event loop in {describe(fn)}",
        message=f"`{'async ' if fn.is_async else ''}{describe(fn)}` (run by `{loop_ctx}`"
                f"{'' if fn.is_async else ', on the event loop'}) reaches {reached}, which "
                f"{verb} the event loop and stalls {stalled}.",
        location=where(fn, call.loc), related=tuple(related), symbols=tuple(apis),
        contexts=tuple(names) or (loop_ctx,), trace=tuple(trace),
        trigger=f"Every call of `{describe(fn)}`: while `{what}` runs, no other coroutine on the loop makes progress.",
        evidence=ctx.snippet(call.loc.path, call.loc.line) + ("" if not indirect else "\n\n" + ctx.snippet(leaf.loc.path, leaf.loc.line)),
        impact=("CPU-bound work on the loop delays every other task for its duration (audio chunks late, "
                "WebSocket pings missed)." if cpu else
                "The loop is frozen for the duration of the call: concurrent requests, WebSocket streams and "
                "timers stall; under load, clients time out and streams underrun."),
        fix=(f"Hand `{short_callee(call) if indirect else what}` to a worker thread from the loop callback "
             f"`{describe(fn)}` (`loop.run_in_executor(None, ...)`, then carry on in the future's done callback), "
             f"make the callback schedule a coroutine that awaits `asyncio.to_thread(...)`, or use an async library "
             f"for `{what}`." if callback else
             ("" if fn.is_async else f"Make `{describe(fn)}` a coroutine (`async def`) and ") + (
             f"{'Call' if fn.is_async else 'call'} it as `await asyncio.to_thread({short_callee(call) if indirect else what}, ...)` "
             f"(or `loop.run_in_executor`) from `{describe(fn)}`, or use an async library for `{what}`.")),
    )
