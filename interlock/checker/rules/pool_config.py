"""IL703 pool-config: engine pooling settings that are unsafe for the concurrency the code uses.

What it finds
-------------
A SQLAlchemy `create_engine(...)` whose engine (directly or through a `sessionmaker` bound to
it) is used by concurrent contexts, configured so that the concurrency breaks it:
an in-memory SQLite database used from several threads without `StaticPool` (each thread gets
its own empty database) or without `check_same_thread=False`; a SQLite engine on a single
shared connection (`StaticPool`) without `check_same_thread=False`; a server database (Postgres,
MySQL, ...) without `pool_pre_ping=True`; a pool smaller than the number of workers using it;
an engine the parent process uses (directly, through a call, or at import) and then forks
workers that use it too (`ProcessPoolExecutor`, `multiprocessing.Pool`, `multiprocessing.Process`
with the default `fork` start method), with no `engine.dispose(close=False)` in the pool's
initializer or the job (SQLAlchemy: "Using Connection Pools with Multiprocessing or os.fork()").

Why it matters
--------------
These are configuration bugs that only show under concurrency or after time: a library that is
empty when read from the scanner thread, `ProgrammingError` from the second thread, "server
closed the connection unexpectedly" after a database restart or idle timeout, and
`TimeoutError: QueuePool limit ... reached` when more workers than connections hit the DB.

Example
-------
    engine = create_engine("sqlite://")                      # in-memory, used by a thread pool
    # fixed
    engine = create_engine("sqlite://", poolclass=StaticPool,
                           connect_args={"check_same_thread": False})

Fix
---
In-memory SQLite shared by threads: `poolclass=StaticPool` and
`connect_args={"check_same_thread": False}` (plus a lock for writes). Server databases:
`pool_pre_ping=True` (and `pool_recycle`). Size the pool (`pool_size + max_overflow`) to at
least the number of concurrent workers. Forked workers: `engine.dispose(close=False)` in the pool
initializer, an engine created in the child, `poolclass=NullPool`, or a `spawn` start method.

Known limits
------------
The URL is read from the literal first argument or a module constant; URLs built at run time
are not classified. The worker count is taken from a literal `max_workers`. A fork is seen at a
job submitted to a process pool the forking function (or module, or class) built, or at
`multiprocessing.Process(target=...)`; a bare `os.fork()` is not. Python 3.14 made `forkserver`
the default on Linux: code that runs only there is safe without a dispose.
"""
from __future__ import annotations

import re
from typing import Iterator

from interlock.checker.analysis import Reach, index, reachable_functions
from interlock.checker.callgraph import (
    all_attributes, attribute_uses, is_thread_like, step, used_attribute, where, where_at,
)
from interlock.checker.context import RuleContext
from interlock.checker.registry import RuleInfo
from interlock.checker.rules._forks import fork_sites
from interlock.models.finding import Finding
from interlock.models.program import AttrKind, AttributeInfo, EventKind, ProgramModel, iter_events, short_symbol

RULE = RuleInfo(
    code="IL703", name="pool-config", severity="medium", dimension="Library & Database",
    summary="Engine pooling settings are unsafe for the concurrency in use (SQLite threads, pre-ping, pool size).",
    fix="Match the pool to the concurrency: StaticPool + check_same_thread=False, pool_pre_ping=True, pool size >= workers.",
)
URL = re.compile(r"create_(?:async_)?engine\(\s*(?:f?(['\"])(?P<url>[^'\"]*)\1|(?P<name>[\w.]+))")
SERVERS = ("postgres", "mysql", "mariadb", "mssql", "oracle", "cockroach")


def check(model: ProgramModel, ctx: RuleContext) -> Iterator[Finding]:
    idx = index(ctx)
    engines = attribute_uses(ctx, idx, {AttrKind.SQL_ENGINE})
    factory_uses = attribute_uses(ctx, idx, {AttrKind.SESSION_FACTORY, AttrKind.SQL_SESSION})
    for owner, info in all_attributes(model):
        if info.kind is not AttrKind.SQL_ENGINE or not info.writes:
            continue
        uses = list(engines.get((owner, info.name), ())) + _via_factories(model, info.name, factory_uses)
        problem = _problem(model, info, uses, ctx) or _fork_problem(model, ctx, (owner, info.name), info, uses)
        if problem is not None:
            yield _finding(model, ctx, short_symbol(owner, info.name), info, uses, problem)


def _via_factories(model: ProgramModel, name: str, factory_uses: dict) -> list[Reach]:
    word = re.compile(rf"\b{re.escape(name)}\b")
    return [r for key, rs in factory_uses.items() for r in rs
            if word.search((model.attribute(*key) or AttributeInfo(name="")).value or "")]


def _url(model: ProgramModel, info: AttributeInfo) -> str:
    m = URL.search(info.value or "") or _factory_call(model, info)
    if m is None:
        return ""
    if m.group("url") is not None:
        return m.group("url")
    name = m.group("name").rsplit(".", 1)[-1]
    for mod in model.modules.values():
        g = mod.globals.get(name)
        if g is not None and g.value:
            inner = re.search(r"(['\"])([^'\"]*)\1", g.value)
            return inner.group(2) if inner else ""
    return ""


def _factory_call(model: ProgramModel, info: AttributeInfo):
    """The `create_engine(...)` of the module function the engine comes from (`self.engine =
    make_engine()`, where `make_engine` builds one and returns it), matched by URL."""
    call = re.match(r"\s*(\w+)\(", info.value or "")
    owner = info.declared_in or ""
    module = model.classes[owner].module if owner in model.classes else owner
    fn = model.functions.get(f"{module}.{call.group(1)}") if call else None
    if fn is None:
        return None
    calls = (f"{e.callee.rsplit('.', 1)[-1]}({', '.join(e.args)})" for e in fn.events()
             if e.kind is EventKind.CALL and (e.callee or "").endswith(("create_engine", "create_async_engine")))
    return next((m for text in calls if (m := URL.search(text)) is not None), None)


def _threads(uses: list[Reach]) -> int:
    names = {r.context.name for r in uses if is_thread_like(r.context)}
    many = any(r.context.multiplicity == "many" for r in uses if is_thread_like(r.context))
    return len(names) + (1 if many else 0)


def _problem(model: ProgramModel, info: AttributeInfo, uses: list[Reach], ctx: RuleContext | None = None) -> tuple[str, str, str] | None:
    """(what is wrong, impact, fix) for the first unsafe setting, given how the engine is used."""
    kw = info.call_kwargs
    url, pool = _url(model, info), kw.get("poolclass", "")
    no_check = not re.search(r"check_same_thread['\"]?\s*[:=]\s*False", kw.get("connect_args", ""))
    threads = _threads(uses)
    contexts = {r.context.name for r in uses}
    if url.startswith("sqlite") and threads >= 2:
        memory = url.rstrip("/") in ("sqlite:", "sqlite+pysqlite:") or ":memory:" in url or "mode=memory" in url
        if memory and "StaticPool" not in pool:
            return ("an in-memory SQLite engine without `poolclass=StaticPool` is used from several threads",
                    "SQLAlchemy gives each thread its own connection, and each connection its own empty in-memory "
                    "database: data written by one thread is invisible to the others.",
                    "create_engine(url, poolclass=StaticPool, connect_args={'check_same_thread': False})")
        if ("StaticPool" in pool or memory) and no_check:
            return ("a SQLite engine sharing one connection (`StaticPool`) lacks `check_same_thread=False`",
                    "The second thread to use the shared connection gets sqlite3.ProgrammingError.",
                    "add connect_args={'check_same_thread': False} and serialise writes with a lock")
    if url.startswith(SERVERS) and len(contexts) + any(r.context.multiplicity == "many" for r in uses) >= 2:
        if kw.get("pool_pre_ping", "").strip() != "True" and "NullPool" not in pool:
            return ("a server-database engine has no `pool_pre_ping=True`",
                    "After a database restart, failover or idle timeout, pooled connections are dead; the next "
                    "request on each one fails with 'server closed the connection unexpectedly'.",
                    "create_engine(url, pool_pre_ping=True, pool_recycle=1800)")
    return _pool_size(model, kw, uses, ctx)


def _fork_problem(model: ProgramModel, ctx: RuleContext, key: tuple[str, str], info: AttributeInfo,
                  uses: list[Reach]) -> tuple[str, str, str] | None:
    """The parent uses the engine, then forks processes that use the same engine with nothing in
    the child (the job, the pool's initializer) disposing it: parent and children share the
    pooled connections (tests/corpus/il703_engine_pool_inherited_by_fork)."""
    if not uses or "NullPool" in info.call_kwargs.get("poolclass", ""):
        return None
    for site in fork_sites(ctx):
        child = reachable_functions(model, [q for q in (site.job, site.initializer) if q])
        if not _touches(model, child, key) or _touches(model, child, key, dispose=True):
            continue
        parent = _parent_use(model, site, key)
        if parent is not None:
            return (f"the parent uses the engine (line {parent.loc.line}) and then starts processes "
                    f"(`{site.spawn.callee}`, line {site.spawn.loc.line}) that use it, with nothing in the "
                    f"child disposing it: the children inherit the pooled connections across fork",
                    "Parent and children talk to the database over the same sockets: interleaved protocol "
                    "messages, results delivered to the wrong process, 'SSL error: decryption failed' or a "
                    "connection closed under the other process's feet.",
                    "engine.dispose(close=False) in the pool initializer (or first thing in the child), "
                    "an engine created in the child, or poolclass=NullPool")
    return None


def _parent_use(model: ProgramModel, site, key: tuple[str, str]):
    """The parent's use of the engine that leaves connections in its pool at the fork (in the
    forking scope, directly or through a call, or directly at import in the module body, whose
    calls may be the one that forks); None when the parent does not use it, or disposes (or
    rebuilds) it after its last use."""
    events = [(e, True) for e in site.before]
    if site.scope is not None and site.module in model.modules:
        events = [(e, False) for e in iter_events(model.modules[site.module].body)] + events
    cls = site.scope.cls if site.scope is not None else None
    pending = None
    for e, follow in events:
        called = reachable_functions(model, [e.resolved]) if follow and e.kind is EventKind.CALL and e.resolved else set()
        if _event_touches(model, cls, site.module, e, key, True) or _touches(model, called, key, True):
            pending = None
        elif _event_touches(model, cls, site.module, e, key) or _touches(model, called, key):
            pending = pending or e
    return pending


def _touches(model: ProgramModel, functions, key: tuple[str, str], dispose: bool = False) -> bool:
    """Whether any of `functions` uses the engine (`dispose`: disposes or rebinds it)."""
    fns = (model.functions[q] for q in sorted(functions) if q in model.functions)
    return any(_event_touches(model, fn.cls, fn.module, e, key, dispose) for fn in fns for e in fn.events())


def _event_touches(model: ProgramModel, cls: str | None, module: str, ev, key: tuple[str, str], dispose: bool = False) -> bool:
    if used_attribute(model, cls, ev, module) != key:
        return False
    if dispose:
        return ev.kind is EventKind.WRITE or (ev.callee or "").endswith(".dispose")
    return ev.kind is not EventKind.WRITE


def _pool_size(model: ProgramModel, kw: dict[str, str], uses: list[Reach], ctx: RuleContext | None) -> tuple[str, str, str] | None:
    try:
        capacity = int(kw.get("pool_size", "5")) + int(kw.get("max_overflow", "10"))
    except ValueError:
        return None
    if "pool_size" not in kw or "NullPool" in kw.get("poolclass", ""):
        return None
    workers = _workers(model, uses, ctx)
    if workers > capacity:
        return (f"the pool holds at most {capacity} connections but {workers} workers use the engine",
                f"Under load {workers - capacity} workers wait for a connection and fail with "
                f"'QueuePool limit of size ... reached, connection timed out'.",
                f"create_engine(url, pool_size={workers}, max_overflow=...) or fewer workers")
    return None


def _workers(model: ProgramModel, uses: list[Reach], ctx: RuleContext | None = None) -> int:
    """How many executor workers use the engine at once: the `max_workers` of the executors that
    start the executor contexts using it (`db_pool.submit(job)`, `with ThreadPoolExecutor(16) as
    ex: ex.submit(job)`), not of every executor in the program (one for image resizing needs no
    connections)."""
    jobs = {q for r in uses if r.context.kind.value == "executor" for q in r.context.entries}
    if not jobs:
        return 0
    sizes: list[int] = []
    unknown = False
    for fn in model.functions.values():
        for ev in fn.events():
            if ev.kind is EventKind.SPAWN and ev.spawn is not None and ev.spawn.resolved in jobs:
                size = _site_workers(model, ctx, fn, ev)
                if size is None:
                    unknown = True
                else:
                    sizes.append(size)
    if sizes:
        return max(sizes)
    executors = [a for _, a in all_attributes(model)
                 if a.kind is AttrKind.EXECUTOR and a.call_kwargs.get("max_workers", "").isdigit()]
    return int(executors[0].call_kwargs["max_workers"]) if unknown and len(executors) == 1 else 0


def _site_workers(model: ProgramModel, ctx: RuleContext | None, fn, ev) -> int | None:
    """`max_workers` of the executor a spawn site submits to, when the code says it."""
    head = (ev.callee or "").rsplit(".", 1)[0]
    if not head or head == ev.callee:
        return None
    path = head if head.startswith(("self.", "cls.")) or "." in head else None
    res = model.resolve(fn.cls, path) if path else None
    if res is None and "." not in head:
        mod = model.modules.get(fn.module)
        if mod is not None and head in mod.globals:
            res = (fn.module, head)
        elif ctx is not None:           # a local: `with ThreadPoolExecutor(max_workers=16) as ex`
            text = "\n".join(ctx.lines(fn.path, fn.loc.line, fn.loc.end_line or fn.loc.line))
            m = re.search(rf"Executor\(([^()]*)\)\s*as\s+{re.escape(head)}\b|\b{re.escape(head)}\s*=\s*\w*\.?\w*Executor\(([^()]*)\)", text)
            args = (m.group(1) or m.group(2) or "") if m else ""
            n = re.search(r"max_workers\s*=\s*(\d+)|^\s*(\d+)\s*(?:,|$)", args)
            return int(n.group(1) or n.group(2)) if n else None
    info = model.attribute(*res) if res else None
    kw = info.call_kwargs.get("max_workers", "") if info is not None else ""
    return int(kw) if kw.isdigit() else None


def _finding(model: ProgramModel, ctx: RuleContext, symbol: str, info: AttributeInfo, uses: list[Reach], problem) -> Finding:
    what, impact, fix = problem
    created = info.writes[0]
    names = sorted({r.context.name for r in uses})
    sample = sorted(uses, key=lambda r: (r.context.name, r.event.loc.path, r.event.loc.line))
    firsts = list({r.context.name: r for r in reversed(sample)}.values())[:3]
    related = tuple(where(r.function, r.event.loc, f"{r.context.name} uses {symbol}") for r in firsts)
    trace = (step("setup", created, f"creates {symbol}"),) + tuple(
        step(r.context.name, r.event.loc, f"uses {symbol} concurrently") for r in firsts)
    return Finding(
        code=RULE.code, rule=RULE.name, severity=RULE.severity, dimension=ctx.dimension(RULE.dimension),
        title=f"Unsafe pool configuration for {symbol}",
        message=f"{what[0].upper() + what[1:]}: `{symbol}` is used by {', '.join(f'`{n}`' for n in names)}.",
        location=where_at(model, created), related=related, symbols=(symbol,), contexts=tuple(names),
        trace=trace, trigger=f"{', '.join(f'`{n}`' for n in names)} use `{symbol}` at the same time.",
        evidence=ctx.snippet(created.path, created.line, max(created.end_line, created.line)),
        impact=impact, fix=f"Configure the engine for concurrent use: `{fix}`.",
    )
