"""IL702 session-shared-across-threads: one ORM session or DB connection used by concurrent contexts.

What it finds
-------------
A SQLAlchemy `Session` (or `AsyncSession`, or a `Connection` from `engine.connect()`) stored in
an attribute or module global and used by two concurrent contexts - two threads, a thread and
the API, or many requests of one handler - with no lock in common.

Why it matters
--------------
Sessions and connections are not thread-safe, nor safe for concurrent tasks: each holds one
transaction and one identity map. Shared, one context's `commit()` commits the other's
half-built changes, a `rollback()` discards them, and concurrent flushes raise
"This session is provisioning a new connection; concurrent operations are not permitted" or
corrupt the identity map.

Example
-------
    db = SessionLocal()                    # module-level session
    @app.get("/tracks")
    def list_tracks():
        return db.query(Track).all()       # every request thread shares `db`
    # fixed: a session per request
    def list_tracks(db: Session = Depends(get_db)): ...

Fix
---
Create a session per unit of work (per request, per job, per thread): `with SessionLocal() as
s:` inside the function, a FastAPI dependency that yields one, or `scoped_session` for
thread-local sessions.

A FastAPI dependency runs in the request that declares it (`db: Session = Depends(get_db)`,
also `Annotated[...]`): a `get_db` that returns or yields one module session hands it to every
request at once. So does a cached factory with no parameters (`@lru_cache def get_session():
return SessionLocal()`): the cache keeps its first session and hands it to every later caller.

Known limits
------------
Only sessions stored in attributes or globals, or in a function's local that the closures it
starts (threads, pool jobs, tasks) capture, are checked; a session passed as an argument to a
thread is not followed. A common lock around every use is accepted as serialising them.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Iterator

from interlock.checker.analysis import Reach, index
from interlock.checker.callgraph import (
    all_attributes, attribute_uses, captured_handles, describe, step, unlocked_pair, where, where_at,
)
from interlock.checker.context import RuleContext
from interlock.checker.fresh import on_fresh_local
from interlock.checker.registry import RuleInfo
from interlock.checker.rules._ownership import owned_per_holder
from interlock.models.finding import Finding
from interlock.models.program import AttrKind, EventKind, ProgramModel, short_symbol

RULE = RuleInfo(
    code="IL702", name="session-shared-across-threads", severity="high", dimension="Library & Database",
    summary="One ORM session or DB connection is used by concurrent contexts without a lock.",
    fix="Create a session per request/job/thread (context manager, FastAPI dependency, scoped_session).",
)
SESSION_LIKE = re.compile(r"\b(AsyncSession|Session|sessionmaker\([^)]*\)|\.connect)\s*\(")


def check(model: ProgramModel, ctx: RuleContext) -> Iterator[Finding]:
    idx = index(ctx)
    kinds = {AttrKind.SQL_SESSION, AttrKind.OTHER, AttrKind.OBJECT}
    factories = _session_factories(model)
    for (owner, attr), uses in sorted(attribute_uses(ctx, idx, kinds).items()):
        info = model.attribute(owner, attr)
        if info is None or not _is_session(info, factories):
            continue
        pair = unlocked_pair(idx, uses, _per_thread_object(model, idx, owner, attr))
        if pair is not None:
            yield _finding(model, ctx, short_symbol(owner, attr), info, pair)
    for (owner, name), uses in sorted(captured_handles(model, idx, AttrKind.SQL_SESSION).items()):
        pair = unlocked_pair(idx, uses)
        if pair is not None:
            yield _finding(model, ctx, short_symbol(owner, name), None, pair)
    for fn, uses in _cached_sessions(model, idx, factories):
        pair = unlocked_pair(idx, uses)
        if pair is not None:
            yield _finding(model, ctx, short_symbol(fn.module, fn.name + "()"), None, pair)


def _per_thread_object(model: ProgramModel, idx, owner: str, attr: str):
    """Two runs of one Thread subclass's `run` are two thread objects (a Thread starts once); when
    each object holds its own session (built in its constructor, or handed in fresh by every
    construction: `Worker(SessionLocal())`), their uses through `self` touch two sessions
    (tests/corpus/il702_thread_object_own_session)."""
    if not owned_per_holder(model, owner, attr):
        return None
    alone = idx._alone

    def own_holder(r: Reach) -> bool:
        # each run of code that built the holder in a local (or got it from a dependency that
        # builds one per request: `repo: Repo = Depends(get_repo)`) uses its own holder, so its
        # own session (tests/corpus/il702_dependency_yields_fresh_repo)
        # `r` seen as an access of the holder's field (the session the call runs through)
        return on_fresh_local(model, replace(r, event=r.event.model_copy(update={"target": f"self.{attr}"})), alone)
    return lambda a, b: (a.context.name == b.context.name and _on_own_thread_object(model, a)
                         and _on_own_thread_object(model, b)) or own_holder(a) or own_holder(b)


def _on_own_thread_object(model: ProgramModel, r: Reach) -> bool:
    entry = model.functions.get(r.context.entries[0]) if len(r.context.entries) == 1 else None
    cls = model.classes.get(entry.cls or "") if entry is not None else None
    return cls is not None and cls.is_thread and entry.name == "run" and all(
        (c.callee or "").startswith("self.") and c.callee.count(".") == 1 for c in r.chain)


CACHES = frozenset({"functools.lru_cache", "functools.cache", "lru_cache", "cache"})


def _cached_sessions(model: ProgramModel, idx, factories: frozenset[str]) -> Iterator[tuple]:
    """(function, the reaches of its returns) for a module function with no parameters, cached
    (`@lru_cache`, `@functools.cache`), that returns a new session: the cache makes its first
    session the one every later call gets, a process-wide session (a FastAPI dependency
    `Depends(get_session)` hands it to every request: tests/corpus/il702_cached_session_factory_dependency)."""
    for fn in sorted(model.functions.values(), key=lambda f: f.qualname):
        if fn.cls or fn.params or not any(d.split("(", 1)[0] in CACHES for d in fn.decorators):
            continue
        returns = {id(ev) for ev in fn.events() if ev.kind is EventKind.RETURN and _new_session(ev.value or "", factories)}
        uses = [r for r in idx.reaches_in(fn.qualname) if id(r.event) in returns]
        if uses:
            yield fn, uses


def _new_session(value: str, factories: frozenset[str]) -> bool:
    """`SessionLocal()` of a session factory, `Session(engine)`, `engine.connect()`."""
    head = value.split("(", 1)[0].strip().rsplit(".", 1)[-1]
    return "(" in value and (head in factories or head in ("Session", "AsyncSession")
                             or head == "connect" and "engine" in value.lower())


def _is_session(info, factories: frozenset[str]) -> bool:
    if info.kind is AttrKind.SQL_SESSION or _from_factory(info, factories):
        return True
    value = info.value or ""
    return info.kind is not AttrKind.OBJECT and bool(SESSION_LIKE.search(value)) and (
        "AsyncSession" in value or "engine" in value.lower() and ".connect(" in value)


def _session_factories(model: ProgramModel) -> frozenset[str]:
    """Names of the session factories (`SessionLocal = sessionmaker(...)`) that hand out shared
    sessions (a `scoped_session` gives each thread its own)."""
    return frozenset(a.name for _, a in all_attributes(model)
                     if a.kind is AttrKind.SESSION_FACTORY and "scoped_session" not in (a.value or ""))


def _from_factory(info, factories: frozenset[str]) -> bool:
    """`db = SessionLocal()` where `SessionLocal = sessionmaker(...)`: one session, made once."""
    factory = (info.type_name or "").rsplit(".", 1)[-1]
    return bool(factory) and (info.value or "").startswith(factory) and factory in factories


def _finding(model: ProgramModel, ctx: RuleContext, symbol: str, info, pair: tuple[Reach, Reach]) -> Finding:
    a, b = pair
    same = a.context.name == b.context.name
    bdesc = f"another `{b.context.name}` call" if same else f"`{b.context.name}`"
    related = [where(b.function, b.event.loc, f"{b.context.name} uses {symbol} here")]
    if info is not None and info.writes:
        related.append(where_at(model, info.writes[0], f"{symbol} created once here and shared"))
    trace = (step(a.context.name, a.event.loc, f"uses {symbol} in {describe(a.function)}"),
             step(b.context.name, b.event.loc, f"uses {symbol} in {describe(b.function)} in the same transaction"))
    return Finding(
        code=RULE.code, rule=RULE.name, severity=RULE.severity, dimension=ctx.dimension(RULE.dimension),
        title=f"ORM session {symbol} shared by concurrent contexts",
        message=f"`{a.context.name}` uses `{symbol}` in `{describe(a.function)}` while {bdesc} uses it in "
                f"`{describe(b.function)}`, with no lock in common.",
        location=where(a.function, a.event.loc), related=tuple(related), symbols=(symbol,),
        contexts=tuple(dict.fromkeys((a.context.name, b.context.name))), trace=trace,
        trigger=f"`{a.context.name}` and {bdesc} run at the same time and both reach `{symbol}`.",
        evidence=ctx.snippet(a.event.loc.path, a.event.loc.line) + "\n\n" + ctx.snippet(b.event.loc.path, b.event.loc.line),
        impact="Both contexts share one transaction and identity map: one commits or rolls back the other's "
               "changes, concurrent flushes raise, objects appear half-loaded or stale.",
        fix=f"Stop sharing `{symbol}`: open a session per unit of work in `{describe(a.function)}` and "
            f"`{describe(b.function)}` (`with SessionLocal() as session:`), or use `scoped_session`.",
    )
