"""IL404 resource-cleanup-on-cancel: setup, then awaits, then teardown that a cancellation skips.

What it finds
-------------
An async handler or task that changes shared state or takes a resource (adds a client to a set,
sets a `streaming` flag, increments a counter, `connect`s/`register`s/`subscribe`s, acquires a
lock with `acquire()`), then awaits, and undoes it afterwards outside any `finally` block or
context manager. A WebSocket disconnect, a client abort or `Task.cancel()` raises at the await,
and the teardown never runs. A teardown in an `except` clause counts only when the clauses of
its `try` catch everything (bare `except:`, `BaseException`, or `Exception` with
`CancelledError`): `except WebSocketDisconnect:` is skipped by a bad message's ValueError and by
a cancellation, `except Exception:` by a cancellation. The setup may also be made by the code
that starts a task (`busy.add(dev); tasks[dev] = create_task(flash(dev))`) and undone at the
task's end, when some function can cancel that task (task_cancel.py); a task nobody cancels
is left alone. On a per-connection `asyncio.Protocol` (a subclass of one of asyncio's protocol
classes, or a class with both `connection_made` and `connection_lost`) an undo of the state in
`connection_lost`, or in a method of the object it calls, is the teardown: the event loop calls
it whenever the transport closes, which is also what cancels the connection's task
(tests/corpus/il404_protocol_state_reset_in_connection_lost). Likewise a method's setup is undone
when every call into the method sits in a `try` whose `finally` (or catch-all handler) calls a
method of the same receiver that restores the state (`await conn.play()` ... `finally:
conn.close()`; tests/corpus/il404_object_reset_in_callers_finally). In an async generator
the first `yield` between the setup and the teardown counts as the await: an
`@asynccontextmanager` has the error or cancellation of its `async with` body thrown in there,
and a streamed generator whose client left is closed there
(tests/corpus/il404_undo_after_yield_of_async_context_manager); an app's lifespan is not checked.

Why it matters
--------------
Disconnects and cancellations are normal traffic, not errors. Each one leaves a dead client in
the broadcast set (later sends fail or leak memory), a flag stuck at "streaming" (new streams
refused), a counter that only grows, or a lock never released (everything waiting on it hangs).

Example
-------
    @app.websocket("/ws")
    async def ws_endpoint(ws):
        clients.add(ws)
        while True:
            await ws.send_bytes(await next_chunk())   # disconnect raises here
        clients.discard(ws)                           # never reached
    # fixed
        clients.add(ws)
        try:
            ...
        finally:
            clients.discard(ws)

Fix
---
Put the teardown in a `finally:` block right after the setup (or use `async with` / a context
manager that owns the resource), so it runs on disconnect, cancellation and errors alike.

Known limits
------------
Setup and teardown are paired by attribute (add/remove, append/remove, `x = True`/`x = False`,
`+=`/`-=`, `x = x + 1`/`x = x - 1`, also through a local copy: `n = self.x; self.x = n + 1`) and by method name pairs on the same receiver (connect/disconnect, register/
unregister, subscribe/unsubscribe, acquire/release, start/stop, open/close, add/remove; the
finding names the field the two methods set up and undo when they are the program's, else the
teardown call); across
a task start, by attribute or global only. A task counts as cancellable when its handle is kept
in shared state and a `.cancel()` is called on what comes back out of it (the path, a local
fetched from it, a loop over it), or on the spawner's own local handle.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Iterator

from interlock.checker.analysis import index
from interlock.checker.callgraph import describe, receiver, short_callee, step, where
from interlock.checker.context import RuleContext
from interlock.checker.registry import RuleInfo
from interlock.checker.task_cancel import cancellable_spawns
from interlock.models.finding import Finding
from interlock.models.location import Location
from interlock.models.program import (
    APP_STATE, Branch, Event, EventKind, FunctionInfo, Loop, ProgramModel, Try, iter_events, short_symbol,
)

RULE = RuleInfo(
    code="IL404", name="resource-cleanup-on-cancel", severity="medium", dimension="Backend Streaming",
    summary="State set up before an await is torn down after it outside finally: cancellation skips the cleanup.",
    fix="Move the teardown into a `finally:` block (or an async context manager) that starts right after the setup.",
)
RESET_VALUES = frozenset({"None", "False", "0", "0.0", '""', "''", "[]", "{}", "set()", "-1"})
ADD_OPS = frozenset({"append", "add", "appendleft", "insert", "setitem", "update", "extend", "setdefault"})
REMOVE_OPS = frozenset({"remove", "discard", "pop", "popleft", "delitem", "clear"})
CALL_PAIRS = (("connect", "disconnect"), ("register", "unregister"), ("subscribe", "unsubscribe"),
              ("attach", "detach"), ("acquire", "release"), ("start", "stop"), ("open", "close"),
              ("add", "remove"), ("add", "discard"), ("join", "leave"))


@dataclass(frozen=True, slots=True)
class _Flat:
    event: Event
    protected: bool          # inside a finally, or an except handler that every exit passes through
    clause: str | None = None    # the except clause of a handler that only some exceptions reach
    arms: tuple = ()         # (id of a branch outside loops, True for its `then`) for each arm it is in


def _flatten(nodes, protected: bool, out: list[_Flat], clause: str | None = None, arms: tuple = (),
             in_loop: bool = False) -> None:
    for n in nodes:
        if isinstance(n, Event):
            out.append(_Flat(n, protected, clause, arms))
        elif isinstance(n, Branch):
            out.append(_Flat(n.cond, protected, clause, arms))
            then, orelse = (arms, arms) if in_loop else (arms + ((id(n), True),), arms + ((id(n), False),))
            _flatten(n.then, protected, out, clause, then, in_loop)
            _flatten(n.orelse, protected, out, clause, orelse, in_loop)
        elif isinstance(n, Loop):
            out.append(_Flat(n.header, protected, clause, arms))
            _flatten(n.body, protected, out, clause, arms, True)
            _flatten(n.orelse, protected, out, clause, arms, in_loop)
        elif isinstance(n, Try):
            _flatten(n.body, protected, out, clause, arms, in_loop)
            full = _catches_all(n.handlers)
            for h in n.handlers:
                _flatten(h.body, protected or full, out, None if protected or full else h.exception, arms, in_loop)
            _flatten(n.orelse, protected, out, clause, arms, in_loop)
            _flatten(n.final, True, out, None, arms, in_loop)


def _exclusive(a: _Flat, b: _Flat) -> bool:
    """`a` and `b` sit in different arms of one `if` that no loop repeats: one run takes one of
    them, so an increment in the "add" arm and a decrement in the "remove" arm are no setup and
    teardown (tests/corpus/il404_add_and_remove_in_exclusive_branches)."""
    taken = dict(a.arms)
    return any(taken.get(branch, arm) != arm for branch, arm in b.arms)


def _catches_all(handlers) -> bool:
    """The handlers of one `try` catch cancellation and every error alike: a bare `except:`,
    `except BaseException`, or `Exception` together with `CancelledError`. A clause for the
    disconnect exception only (`except WebSocketDisconnect:`) or for `Exception` is left by a
    cancellation (CancelledError is a BaseException) or by any other error."""
    names = {w.rsplit(".", 1)[-1] for h in handlers for w in re.findall(r"[\w.]+", h.exception or "BaseException")}
    return "BaseException" in names or {"Exception", "CancelledError"} <= names


def check(model: ProgramModel, ctx: RuleContext) -> Iterator[Finding]:
    idx = index(ctx)
    for fn in sorted(model.functions.values(), key=lambda f: f.qualname):
        if not fn.is_async or not ctx.in_scope(fn.path):
            continue
        reaches = idx.reaches_in(fn.qualname)
        if reaches:
            yield from _within(model, ctx, fn, reaches)
    yield from _across(model, ctx, idx)


def _flat(fn: FunctionInfo) -> list[_Flat]:
    out: list[_Flat] = []
    _flatten(fn.body, False, out)
    return out


def _within(model: ProgramModel, ctx: RuleContext, fn: FunctionInfo, reaches) -> Iterator[Finding]:
    """Set up and torn down in one coroutine, with an await between outside `finally`."""
    flat = _flat(fn)
    seen: set[str] = set()
    for i, s in enumerate(flat):
        if s.protected:
            continue
        for j in range(i + 1, len(flat)):
            t = flat[j]
            symbol = _undoes(model, fn, s.event, t.event)
            if symbol is None or symbol in seen or _exclusive(s, t):
                continue
            awaits = [f.event for f in flat[i + 1:j] if f.event.kind is EventKind.AWAIT] or _yield_between(fn, s.event, t.event)
            if t.protected or not awaits or _protected_undo(model, fn, s.event, flat[i + 1:]) \
                    or _undone_at_connection_lost(model, fn, s.event, symbol) \
                    or _undone_by_callers(model, fn, s.event, symbol, reaches):
                break
            if _shared(model, fn, s.event):
                seen.add(symbol)
                yield _finding(ctx, _Site(fn, s.event, fn, t, awaits[0], symbol), reaches)
            break


def _yield_between(fn: FunctionInfo, s: Event, t: Event) -> list[Event]:
    """An async generator suspends at its `yield` too: the consumer may stop there for good (a
    StreamingResponse whose client left closes it with GeneratorExit), and an
    `@asynccontextmanager` has the exception or cancellation of its `async with` body thrown in
    there (tests/corpus/il404_undo_after_yield_of_async_context_manager). The first `yield`,
    when it lies between the setup and the teardown, stands for the await."""
    line = fn.yield_line
    if line is None or not s.loc.line < line < t.loc.line:
        return []
    return [Event(kind=EventKind.AWAIT, loc=Location(path=fn.path, line=line, end_line=line), op="yield")]


def _across(model: ProgramModel, ctx: RuleContext, idx) -> Iterator[Finding]:
    """Set up by the code that starts a task, torn down at the task's end outside `finally`,
    while another function can cancel the task (tests/corpus/il404_mark_then_cancellable_task)."""
    for task_q, spawns in sorted(cancellable_spawns(model).items()):
        task = model.functions.get(task_q)
        reaches = idx.reaches_in(task_q) if task is not None and task.is_async else []
        if not reaches or not ctx.in_scope(task.path):
            continue
        tflat, seen = _flat(task), set()
        for sp in spawns:
            sflat = _flat(sp.spawner)
            before = next((k for k, f in enumerate(sflat) if f.event is sp.event), 0)
            for k, s in enumerate(sflat[:before]):
                site = None if s.protected or _undone_after(model, sp.spawner, s.event, sflat[k + 1:]) \
                    else _teardown_in_task(model, sp.spawner, s.event, task, tflat)
                if site is not None and site.symbol not in seen and _shared(model, sp.spawner, s.event) \
                        and not _undone_at_connection_lost(model, sp.spawner, s.event, site.symbol):
                    seen.add(site.symbol)
                    yield _finding(ctx, replace(site, start=sp.event), reaches, sp.cancels)


def _undone_after(model: ProgramModel, fn: FunctionInfo, s: Event, rest: list[_Flat]) -> bool:
    """The function that set the state up also tears it down itself (the `_within` case)."""
    return any(_undoes(model, fn, s, f.event) for f in rest)


def _teardown_in_task(model: ProgramModel, fn: FunctionInfo, s: Event, task: FunctionInfo,
                      tflat: list[_Flat]) -> "_Site | None":
    """The task's first teardown of what `s` set up, when an await comes before it and no
    `finally` (or catch-all handler) of the task undoes it too."""
    for j, t in enumerate(tflat):
        symbol = _undoes(model, fn, s, t.event, task)
        if symbol is None:
            continue
        awaits = [f.event for f in tflat[:j] if f.event.kind is EventKind.AWAIT]
        if t.protected or not awaits or any(f.protected and _undoes(model, fn, s, f.event, task) for f in tflat):
            return None
        return _Site(fn, s, task, t, awaits[-1], symbol)
    return None


def _undoes(model: ProgramModel, fn: FunctionInfo, s: Event, t: Event, tfn: FunctionInfo | None = None) -> str | None:
    """The symbol of the state `t` (in `tfn`, by default `fn` too) restores after `s` in `fn`
    changed it, else None."""
    if tfn is not None and tfn is not fn:
        return _undoes_elsewhere(model, fn, s, tfn, t)
    if s.kind in (EventKind.MUTATE, EventKind.WRITE) and t.kind in (EventKind.MUTATE, EventKind.WRITE):
        if not s.target or s.target != t.target or "." not in s.target:
            return None
        res = model.resolve(fn.cls, s.target)
        return short_symbol(*res) if _paired(fn, s, fn, t) and res else None
    if s.kind is EventKind.ACQUIRE and t.kind is EventKind.RELEASE and s.op == "call" and s.target == t.target:
        res = model.resolve(fn.cls, s.target or "")
        return short_symbol(*res) if res else _handed_in(fn, s.target or "") or _element_symbol(model, fn, s.target or "")
    if s.kind is EventKind.CALL and t.kind is EventKind.CALL and s.callee and t.callee:
        rs, rt = receiver(s.callee), receiver(t.callee)
        a, b = s.callee.rsplit(".", 1)[-1], t.callee.rsplit(".", 1)[-1]
        if rs and rs == rt and any(a == x and b == y for x, y in CALL_PAIRS):
            # the state the pair's methods set up and undo (`self.rooms[room].add(ws)` in `connect`,
            # `del self.rooms[room]` in `disconnect`) names what is left behind, when known
            # (tests/corpus/il404_join_leave_state_named)
            return _undone_by_helpers(model, s, t) or (short_callee(t) if t.resolved else t.callee)
        if rs and rs == rt:
            return _undone_by_helpers(model, s, t)
    return None


def _undone_by_helpers(model: ProgramModel, s: Event, t: Event) -> str | None:
    """`table.sit(p)` / `table.stand(p)`: two methods called on one receiver, the first
    changing state (`self.seats[p] = ws`) that the second restores (`self.seats.pop(p)`)."""
    sfn, tfn = model.functions.get(s.resolved or ""), model.functions.get(t.resolved or "")
    if sfn is None or tfn is None or sfn is tfn:
        return None
    return next((sym for se in sfn.events() for te in tfn.events()
                 if (sym := _undoes_elsewhere(model, sfn, se, tfn, te)) is not None), None)


def _paired(fn: FunctionInfo, s: Event, tfn: FunctionInfo, t: Event) -> bool:
    """`t` (in `tfn`) is the inverse operation of `s` (in `fn`) on one target: a removal after an
    addition, a decrement after an increment, a reset after a set."""
    return ((s.op in ADD_OPS and t.op in REMOVE_OPS) or _step(fn, s) > 0 > _step(tfn, t)
            or (s.kind is EventKind.WRITE and s.op == t.op == "=" and _is_reset(t.value) and not _is_reset(s.value)))


def _step(fn: FunctionInfo, ev: Event) -> int:
    """1 when the write `ev` raises its target, -1 when it lowers it, else 0: `x += n` / `x -= n`,
    `x = x + n` / `x = x - n`, or the same through a local copy of the target
    (`count = self.listeners` ... `self.listeners = count + 1`)."""
    if ev.op in ("+=", "-="):
        return 1 if ev.op == "+=" else -1
    if ev.kind is not EventKind.WRITE or ev.op != "=" or not ev.target or not ev.value:
        return 0
    split = _sum(ev.value.strip())
    if split is None:
        return 0
    sign, left, right = split
    if _holds(fn, left, ev.target):
        return sign
    return 1 if sign > 0 and _holds(fn, right, ev.target) else 0


@lru_cache(maxsize=4096)
def _sum(value: str) -> tuple[int, str, str] | None:
    """(1 for `+`, -1 for `-`, left operand, right operand) when the expression `value` is a sum
    or a difference, else None (cached: every write is asked once per candidate pair)."""
    try:
        node = ast.parse(value, mode="eval").body
    except SyntaxError:
        return None
    if not isinstance(node, ast.BinOp) or not isinstance(node.op, (ast.Add, ast.Sub)):
        return None
    return 1 if isinstance(node.op, ast.Add) else -1, ast.unparse(node.left), ast.unparse(node.right)


def _holds(fn: FunctionInfo, operand: str, target: str) -> bool:
    """`operand` is the current value of `target`: the target itself, or a local of `fn` that is
    only ever assigned a copy of it (`count = self.listeners`). A local copied from another
    attribute, a parameter or a computed value is some other quantity, so its write pairs with nothing."""
    if operand == target:
        return True
    if "." in operand or not operand.isidentifier() or operand in fn.params:
        return False
    copies = [ev for ev in fn.events() if ev.kind is EventKind.WRITE and ev.target == operand]
    return bool(copies) and all(ev.op == "=" and (ev.value or "").strip() == target for ev in copies)


def _undoes_elsewhere(model: ProgramModel, fn: FunctionInfo, s: Event, tfn: FunctionInfo, t: Event) -> str | None:
    """Across two functions only state both name as one attribute or global pairs up."""
    if s.kind not in (EventKind.MUTATE, EventKind.WRITE) or t.kind not in (EventKind.MUTATE, EventKind.WRITE):
        return None
    if not s.target or not t.target or "." not in s.target or not _paired(fn, s, tfn, t):
        return None
    res = model.resolve(fn.cls, s.target)
    return short_symbol(*res) if res is not None and res == model.resolve(tfn.cls, t.target) else None


def _is_reset(value: str | None) -> bool:
    """The value a flag or slot goes back to when the handler is done."""
    return (value or "").strip() in RESET_VALUES


def _protected_undo(model: ProgramModel, fn: FunctionInfo, s: Event, rest: list[_Flat]) -> bool:
    return any(f.protected and _undoes(model, fn, s, f.event) for f in rest)


def _undone_at_connection_lost(model: ProgramModel, fn: FunctionInfo, s: Event, symbol: str) -> bool:
    """`symbol`, set up by `s` in a method of an asyncio protocol, is undone by the protocol's
    `connection_lost` or a method of the object it calls: the event loop runs that hook whenever the
    transport closes, the disconnect that cancels the connection's work, so the teardown is not
    skipped. A setup made through a helper (`self._arm_timer()`) pairs by the helper's own writes."""
    hooks = _connection_lost_closure(model, fn.cls)
    if not hooks:
        return False
    sfn = model.functions.get(s.resolved or "") if s.kind is EventKind.CALL else fn
    setups = [] if sfn is None else [s] if sfn is fn else \
        [e for e in sfn.events() if e.kind in (EventKind.MUTATE, EventKind.WRITE)]
    return any(_undoes_elsewhere(model, sfn, se, hook, te) == symbol
               for hook in hooks for te in hook.events() for se in setups)


def _connection_lost_closure(model: ProgramModel, cls: str | None) -> list[FunctionInfo]:
    """`connection_lost` of the protocol class `cls` and the methods of the object it calls,
    transitively; empty when `cls` is no asyncio protocol."""
    info = model.classes.get(cls or "")
    if info is None or not _is_protocol(model, info):
        return []
    return _method_closure(model, info.methods["connection_lost"], info)


def _undone_by_callers(model: ProgramModel, fn: FunctionInfo, s: Event, symbol: str, reaches) -> bool:
    """`symbol`, set up by `s` in the method `fn`, is undone on every path that runs `s` by the
    caller: each call into `fn` sits in the body of a `try` whose `finally` (or catch-all handler)
    calls a method of the same receiver (`await conn.play()` ... `finally: conn.close()`) that, or
    a method of the object it calls, restores the state. A cancellation at an await of `fn` leaves
    `fn` and runs that teardown (tests/corpus/il404_object_reset_in_callers_finally)."""
    info = model.classes.get(fn.cls or "")
    mine = [r for r in reaches if r.event is s]
    if info is None or not mine:
        return False
    for r in mine:
        caller = r.caller(model, len(r.chain) - 1) if r.chain else None
        if caller is None or r.chain[-1].resolved != fn.qualname \
                or not _guarded(model, fn, s, symbol, info, caller.body, r.chain[-1]):
            return False
    return True


def _guarded(model: ProgramModel, fn: FunctionInfo, s: Event, symbol: str, info, nodes, call: Event) -> bool:
    """`call` (in `nodes`) is inside the body of a `try` whose `finally` or catch-all handler
    calls, on the receiver of `call`, a method whose closure undoes `symbol`."""
    recv = receiver(call.callee)
    for n in nodes:
        if isinstance(n, Branch):
            if _guarded(model, fn, s, symbol, info, n.then, call) or _guarded(model, fn, s, symbol, info, n.orelse, call):
                return True
        elif isinstance(n, Loop):
            if _guarded(model, fn, s, symbol, info, n.body, call) or _guarded(model, fn, s, symbol, info, n.orelse, call):
                return True
        elif isinstance(n, Try):
            if any(e is call for e in iter_events(n.body)):
                undo = list(iter_events(n.final))
                if _catches_all(n.handlers):
                    undo += [e for h in n.handlers for e in iter_events(h.body)]
                if recv and any(_undoes_state(model, fn, s, symbol, info, e) for e in undo
                                if e.kind is EventKind.CALL and receiver(e.callee) == recv):
                    return True
            if any(_guarded(model, fn, s, symbol, info, part, call)
                   for part in (n.body, n.orelse, *(h.body for h in n.handlers))):
                return True
    return False


def _undoes_state(model: ProgramModel, fn: FunctionInfo, s: Event, symbol: str, info, call: Event) -> bool:
    """The method `call` goes to (one of `info`'s), or one it calls on the object, restores `symbol`."""
    hook = model.functions.get(call.resolved or "")
    if hook is None or hook.cls not in info.ancestors:
        return False
    return any(_undoes_elsewhere(model, fn, s, h, te) == symbol
               for h in _method_closure(model, hook.qualname, info) for te in h.events())


def _method_closure(model: ProgramModel, start: str, info) -> list[FunctionInfo]:
    """The method `start` and the methods of the object (of class `info`) it calls, transitively."""
    todo, seen = [start], set()
    while todo:
        q = todo.pop()
        hook = model.functions.get(q)
        if q in seen or hook is None:
            continue
        seen.add(q)
        todo.extend(e.resolved for e in hook.events() if e.kind is EventKind.CALL and e.resolved
                    and (callee := model.functions.get(e.resolved)) is not None and callee.cls in info.ancestors)
    return [model.functions[q] for q in sorted(seen)]


def _is_protocol(model: ProgramModel, info) -> bool:
    """A class the event loop drives as a transport's protocol: it (or an in-scope ancestor)
    derives from one of asyncio's protocol classes (not `typing.Protocol`), or it defines both
    `connection_made` and `connection_lost`."""
    if "connection_lost" not in info.methods:
        return False
    bases = list(model.lineage(info, own=False))
    return "connection_made" in info.methods or any(
        b.startswith("asyncio.") and b.endswith("Protocol") for b in bases)


def _shared(model: ProgramModel, fn: FunctionInfo, s: Event) -> bool:
    """The state outlives the handler: an attribute or global, or a call on such a receiver."""
    path = receiver(s.callee) if s.kind is EventKind.CALL else s.target
    if not path:
        return False
    head = path.split(".")[0]
    if head in ("self", "cls") or path.startswith(APP_STATE + ".") or model.resolve(fn.cls, path) is not None:
        return True
    mod = model.modules.get(fn.module)
    if mod is not None and head in mod.globals:
        return True
    return head in fn.params or _alias_source(fn, head) is not None or _element_source(model, fn, head) is not None


def _handed_in(fn: FunctionInfo, path: str) -> str | None:
    """A name for an object the handler was handed: a parameter (`pool`), or a local assigned
    from one's attribute (`pool = request.app.state.pool` -> `request.app.state.pool`)."""
    head = path.split(".")[0]
    if head in fn.params:
        return path
    if path.startswith(APP_STATE + "."):           # the app's `app.state`, set up out of the tree
        return short_symbol(APP_STATE, path[len(APP_STATE) + 1:])
    src = _alias_source(fn, head)
    return src + path[len(head):] if src is not None else None


def _alias_source(fn: FunctionInfo, local: str) -> str | None:
    """The path a local copies when it is only ever assigned copies of attribute paths
    (`pool = request.app.state.pool`, `pool = self._pool`): an object that outlives the handler."""
    values = [ev for ev in fn.events() if ev.kind is EventKind.WRITE and ev.target == local]
    copies = all(len(ev.reads) == 1 and "." in ev.reads[0]
                 and ((ev.value or "").strip() == ev.reads[0] or _app_slot(ev)) for ev in values)
    return values[0].reads[0] if values and copies else None


def _app_slot(ev: Event) -> bool:
    """`presence = request.app["presence"]` (or `websocket.app.state.hub`): the local names the
    application's one object in that slot, whatever the request's path to it
    (tests/corpus/il404_join_leave_on_typed_local)."""
    if not ev.reads[0].startswith(("<app>.", APP_STATE)):
        return False
    try:
        node = ast.parse((ev.value or "").strip(), mode="eval").body
    except SyntaxError:
        return False
    return isinstance(node, (ast.Subscript, ast.Attribute)) and not any(isinstance(n, ast.Call) for n in ast.walk(node))


def _element_source(model: ProgramModel, fn: FunctionInfo, local: str) -> str | None:
    """The shared container a local is an element of, when it is only ever assigned one
    (`sem = self.limits[host]`, `lock = LOCKS.get(key)`, `self._locks.setdefault(k, Lock())`):
    the element outlives the handler with its table, so what the handler takes from it (a
    permit, a lock) and gives back after an await is shared state
    (tests/corpus/il404_permit_of_a_semaphore_table)."""
    if not local.isidentifier() or local in fn.params:
        return None
    values = [ev for ev in fn.events() if ev.kind is EventKind.WRITE and ev.target == local]
    found: set[str] = set()
    for ev in values:
        try:
            node = ast.parse((ev.value or "").strip(), mode="eval").body
        except SyntaxError:
            return None
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr in ("get", "setdefault") and node.args:
            node = node.func.value
        elif isinstance(node, ast.Subscript):
            node = node.value
        else:
            return None
        found.add(ast.unparse(node))
    if len(found) != 1:
        return None
    path = found.pop()
    head = path.split(".")[0]
    mod = model.modules.get(fn.module)
    shared = head in ("self", "cls") and "." in path or model.resolve(fn.cls, path) is not None \
        or (mod is not None and head in mod.globals and "." not in path)
    return path if shared else None


def _element_symbol(model: ProgramModel, fn: FunctionInfo, local: str) -> str | None:
    """The symbol of the container whose element `local` holds (see `_element_source`)."""
    path = _element_source(model, fn, local)
    if path is None:
        return None
    res = model.resolve(fn.cls, path)
    return short_symbol(*res) if res else path


@dataclass(frozen=True, slots=True)
class _Site:
    """State set up at `s` in `fn`, torn down at `t` in `tfn` (the same function, or the task
    `fn` starts), `aw` the await a cancellation surfaces at."""

    fn: FunctionInfo
    s: Event
    tfn: FunctionInfo
    t: _Flat
    aw: Event
    symbol: str
    start: Event | None = None      # the `create_task` in `fn` that starts `tfn`


def _names(ctx: RuleContext, qualname: str) -> list[str]:
    return sorted({r.context.name for r in index(ctx).reaches_in(qualname)})


def _finding(ctx: RuleContext, site: _Site, reaches, cancels=()) -> Finding:
    fn, s, t, aw, symbol = site.tfn, site.s, site.t.event, site.aw, site.symbol
    names = sorted({r.context.name for r in reaches})
    name = names[0]
    many = any(r.context.multiplicity == "many" for r in reaches)
    where_t = f"only in `except {site.t.clause}:`" if site.t.clause else "outside `finally`"
    point = "yield" if aw.op == "yield" else "await"
    setter = (_names(ctx, site.fn.qualname) or [name])[0]
    killer = next(((c, ev, n[0]) for c, ev in cancels if (n := _names(ctx, c.qualname))), None)
    trace = (step(setter, s.loc, f"sets up {symbol} in {describe(site.fn)}"),
             *((step(setter, site.start.loc, f"starts {describe(fn)}"),) if site.start else ()),
             step(name, aw.loc, f"suspends at {point}; the client disconnects or the task is cancelled"),
             *((step(killer[2], killer[1].loc, f"cancels the task in {describe(killer[0])}"),) if killer else ()),
             step(name, aw.loc, "CancelledError/WebSocketDisconnect propagates out of the handler"
                  if not site.t.clause else f"an exception other than {site.t.clause} propagates"),
             step(name, t.loc, f"teardown of {symbol} is skipped"))
    by = f"`{describe(site.fn)}` (run by `{setter}`) sets up `{symbol}` at line {s.loc.line} and starts the task " \
         f"`{describe(fn)}`, which" if site.fn is not fn else f"`{name}` sets up `{symbol}` at line {s.loc.line} of " \
         f"`{describe(fn)}` and"
    cancel = f"; `{describe(killer[0])}` cancels the task at line {killer[1].loc.line}" if killer else ""
    return Finding(
        code=RULE.code, rule=RULE.name, severity=RULE.severity, dimension=ctx.dimension(RULE.dimension),
        title=f"Cleanup of {symbol} skipped on cancellation in {describe(fn)}",
        message=f"{by} undoes it at line {t.loc.line} {where_t}{cancel}, so a disconnect, cancellation or error at "
                f"the {point} on line {aw.loc.line} leaves it for "
                f"{'the other connections' if many else 'the other contexts'} to trip over.",
        location=where(fn, t.loc),
        related=(where(site.fn, s.loc, f"{symbol} set up here"), where(fn, aw.loc, "cancellation/disconnect surfaces here"),
                 *((where(killer[0], killer[1].loc, "the task is cancelled here"),) if killer else ())),
        symbols=(symbol,), contexts=tuple(sorted({*names, setter, *([killer[2]] if killer else [])})), trace=trace,
        trigger=f"The client disconnects (or the task is cancelled) while `{describe(fn)}` is suspended at line {aw.loc.line}.",
        evidence=ctx.snippet(fn.path, s.loc.line, t.loc.line if t.loc.line - s.loc.line <= 20 else None)
        if site.fn is fn else ctx.snippet(fn.path, aw.loc.line, t.loc.line),
        impact=f"`{symbol}` stays in its set-up state after the handler is gone: stale clients receive sends that "
               f"fail, flags stay set and block new sessions, counters drift, resources leak.",
        fix=f"Wrap the code after line {s.loc.line} in `try:` and move the teardown at line {t.loc.line} into "
            f"`finally:` (or use an async context manager that performs it)." if site.fn is fn else
            f"Wrap the body of `{describe(fn)}` in `try:` and move the teardown at line {t.loc.line} into `finally:`, "
            f"so it runs when the task is cancelled.",
    )
