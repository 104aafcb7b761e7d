"""IL701 sqlite-cross-thread: one sqlite3 connection used from several threads without the right setup.

What it finds
-------------
A `sqlite3.connect(...)` connection stored in an attribute or global and used by contexts that
run on different threads: without `check_same_thread=False` (the connection refuses any thread
but its creator), or with it but with no lock serialising the concurrent uses.

Why it matters
--------------
With the default `check_same_thread=True`, every call from the other thread raises
`sqlite3.ProgrammingError: SQLite objects created in a thread can only be used in that same
thread` - the scanner or worker fails on its first query. With `check_same_thread=False` and no
lock, two threads interleave statements and transactions on one connection: half-committed
writes, "cannot start a transaction within a transaction", cursors that return another
thread's rows.

Example
-------
    class Library:
        def __init__(self, path):
            self.conn = sqlite3.connect(path)
            threading.Thread(target=self._scan).start()
        def _scan(self):
            self.conn.execute("INSERT ...")     # another thread: ProgrammingError
    # fixed: a connection per thread (threading.local or connect() inside the thread), or
    # check_same_thread=False plus `with self._db_lock:` around every use

Fix
---
Open one connection per thread (connect inside the thread, or keep it in `threading.local()`),
or pass `check_same_thread=False` and guard every use with one lock; or move to a SQLAlchemy
engine with a pool.

Known limits
------------
Connections passed around as untyped parameters are not followed. The creating thread is
assumed to be the one that runs the constructor.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Iterator

from interlock.checker.analysis import Reach, index
from interlock.checker.callgraph import (
    attribute_uses, captured_handles, describe, frames, function_at, is_spawned, is_thread_like, step, unlocked_pair,
    where, where_at,
)
from interlock.checker.context import RuleContext
from interlock.checker.registry import RuleInfo
from interlock.models.finding import Finding
from interlock.models.location import Location
from interlock.models.program import AttrKind, AttributeInfo, Event, FunctionInfo, ProgramModel, short_symbol

RULE = RuleInfo(
    code="IL701", name="sqlite-cross-thread", severity="high", dimension="Library & Database",
    summary="A sqlite3 connection is shared by threads without check_same_thread=False and a lock.",
    fix="Use one connection per thread, or check_same_thread=False with one lock around every use.",
)


def check(model: ProgramModel, ctx: RuleContext) -> Iterator[Finding]:
    idx = index(ctx)
    for (owner, attr), uses in sorted(attribute_uses(ctx, idx, {AttrKind.SQLITE_CONNECTION}).items()):
        info = model.attribute(owner, attr)
        if info is None:
            continue
        unchecked = info.call_kwargs.get("check_same_thread", "").strip() == "False"
        pair = unlocked_pair(idx, uses) if unchecked else _cross_thread(model, idx, uses, info)
        if pair is not None:
            yield _finding(model, ctx, short_symbol(owner, attr), _creation(model, info), unchecked, pair)
    for (owner, name), uses in sorted(captured_handles(model, idx, AttrKind.SQLITE_CONNECTION).items()):
        made = _connect_call(model.functions[owner])
        unchecked = made is not None and any(a.replace(" ", "") == "check_same_thread=False" for a in made.args)
        # a closure the function starts on a thread: never the thread that opened the connection
        pair = unlocked_pair(idx, uses) if unchecked else _cross_thread(model, idx, uses, None)
        if pair is not None:
            yield _finding(model, ctx, short_symbol(owner, name), made.loc if made else None, unchecked, pair)


def _creation(model: ProgramModel, info: AttributeInfo) -> Location | None:
    """Where the attribute gets its connection: the write on a line that calls `sqlite3.connect`
    (not a `self.conn = None` placeholder), else its first write."""
    for w in info.writes:
        fn = function_at(model, w)
        if fn is not None and any(ev.callee == "sqlite3.connect" and ev.loc.line == w.line for ev in fn.events()):
            return w
    return info.writes[0] if info.writes else None


def _connect_call(fn: FunctionInfo) -> Event | None:
    """The function's one `sqlite3.connect(...)` call, else None."""
    calls = [ev for ev in fn.events() if ev.callee == "sqlite3.connect"]
    return calls[0] if len(calls) == 1 else None


def _cross_thread(model: ProgramModel, idx, uses: list[Reach],
                  info: AttributeInfo | None) -> tuple[Reach, Reach | None] | None:
    """A use on a thread other than the creator: a spawned thread, or two different thread contexts
    (`info` None: a local of the function that starts the thread, made before it), or a spawned
    context of many runs at once: whichever run opens the connection first, the others use it on
    their own threads (tests/corpus/il701_lazy_connect_many_workers)."""
    ordered = sorted(uses, key=lambda r: (not is_spawned(r.context), r.context.name, r.event.loc.path, r.event.loc.line))
    for r in ordered:
        if not is_thread_like(r.context):
            continue
        other = next((o for o in ordered if o.context.name != r.context.name), None)
        if other is not None or (is_spawned(r.context) and (info is None or _created_elsewhere(model, idx, info, r))):
            return r, other
        if is_spawned(r.context) and idx.concurrent(r.context, r.context):
            return r, r
    return None


def _created_elsewhere(model: ProgramModel, idx, info: AttributeInfo, r: Reach) -> bool:
    """Every assignment runs outside `r`'s context: at import, in a constructor, in another context."""
    mine = {o.function.qualname for o in idx.reaches if o.context.name == r.context.name}
    for w in info.writes:
        fn = function_at(model, w)
        if fn is not None and fn.qualname in mine:
            return False
    return True


def _through_getter(model: ProgramModel, r: Reach) -> Reach:
    """A use inside a property getter that hands the connection out (`def conn(self): return
    self._conn`) as the use where the caller runs a statement on it (`self.conn.execute(...)`)."""
    if not r.function.is_property or not r.chain:
        return r
    caller = frames(model, r)[-2]
    return replace(r, function=caller, event=r.chain[-1], chain=r.chain[:-1])


def _finding(model: ProgramModel, ctx: RuleContext, symbol: str, created: Location | None, unchecked: bool,
             pair: tuple[Reach, Reach | None]) -> Finding:
    use, other = pair
    same = other is use
    use = _through_getter(model, use)
    other = use if same else _through_getter(model, other) if other is not None else None
    name = use.context.name
    oname = other.context.name if other is not None else "the creating thread"
    related = []
    trace = []
    if created is not None:
        related.append(where_at(model, created, f"{symbol} created here"))
        maker = oname if other is None else (name if same else "main")
        trace.append(step(maker, created, f"creates {symbol} with sqlite3.connect"))
    trace.append(step(f"{name}#2" if same else name, use.event.loc, f"uses {symbol} in {describe(use.function)}"))
    if same:
        other = None
    if other is not None:
        related.append(where(other.function, other.event.loc, f"{oname} uses {symbol} here"))
        trace.append(step(oname, other.event.loc, f"uses {symbol} in {describe(other.function)} at the same time"))
    if unchecked:
        what = "with `check_same_thread=False` but no lock in common"
        impact = ("Statements and transactions of the two threads interleave on one connection: partial commits, "
                  "'cannot start a transaction within a transaction', cursors reading the other thread's results.")
        fix = f"Guard every use of `{symbol}` with one `threading.Lock`, or open a connection per thread."
    else:
        what = "although it was created without `check_same_thread=False`"
        impact = ("Every call from the other thread raises sqlite3.ProgrammingError ('SQLite objects created in a "
                  "thread can only be used in that same thread'): the worker fails on its first query.")
        fix = (f"Open a connection per thread (connect inside `{describe(use.function)}`'s thread or use "
               f"`threading.local()`), or pass `check_same_thread=False` and guard `{symbol}` with a lock.")
    return Finding(
        code=RULE.code, rule=RULE.name, severity=RULE.severity, dimension=ctx.dimension(RULE.dimension),
        title=f"sqlite3 connection {symbol} used across threads",
        message=(f"Runs of `{name}` execute at once on different threads and all use `{symbol}` "
                 f"(in `{describe(use.function)}`), {what}." if same else
                 f"`{name}` uses `{symbol}` in `{describe(use.function)}` and `{oname}` uses it too, {what}."),
        location=where(use.function, use.event.loc), related=tuple(related), symbols=(symbol,),
        contexts=tuple(dict.fromkeys((name, oname) if other is not None else (name,))), trace=tuple(trace),
        trigger=(f"One run of `{name}` opens the connection; another run calls `{describe(use.function)}` on its "
                 f"own thread." if same else
                 f"`{name}` runs `{describe(use.function)}` on its own thread while `{oname}` owns or uses the "
                 f"connection."),
        evidence=ctx.snippet(use.event.loc.path, use.event.loc.line)
        + (f"\n\n{ctx.snippet(created.path, created.line)}" if created is not None else ""),
        impact=impact, fix=fix,
    )
