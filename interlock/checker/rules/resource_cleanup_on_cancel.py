"""IL404 resource-cleanup-on-cancel: setup, then awaits, then teardown that a cancellation skips.

What it finds
-------------
An async handler or task that changes shared state or takes a resource (adds a client to a set,
sets a `streaming` flag, increments a counter, `connect`s/`register`s/`subscribe`s, acquires a
lock with `acquire()`), then awaits, and undoes it afterwards outside any `finally` block or
context manager. A WebSocket disconnect, a client abort or `Task.cancel()` raises at the await,
and the teardown never runs.

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
`+=`/`-=`) and by method name pairs on the same receiver (connect/disconnect, register/
unregister, subscribe/unsubscribe, acquire/release, start/stop, open/close, add/remove). A
teardown in an `except` clause for the disconnect exception only is treated as handled.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from interlock.checker.analysis import index
from interlock.checker.callgraph import describe, receiver, short_callee, step, where
from interlock.checker.context import RuleContext
from interlock.checker.registry import RuleInfo
from interlock.models.finding import Finding
from interlock.models.program import Branch, Event, EventKind, FunctionInfo, Loop, ProgramModel, Try, short_symbol

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
    protected: bool          # inside a finally or an except handler


def _flatten(nodes, protected: bool, out: list[_Flat]) -> None:
    for n in nodes:
        if isinstance(n, Event):
            out.append(_Flat(n, protected))
        elif isinstance(n, Branch):
            out.append(_Flat(n.cond, protected))
            _flatten(n.then, protected, out)
            _flatten(n.orelse, protected, out)
        elif isinstance(n, Loop):
            out.append(_Flat(n.header, protected))
            _flatten(n.body, protected, out)
            _flatten(n.orelse, protected, out)
        elif isinstance(n, Try):
            _flatten(n.body, protected, out)
            for h in n.handlers:
                _flatten(h.body, True, out)
            _flatten(n.orelse, protected, out)
            _flatten(n.final, True, out)


def check(model: ProgramModel, ctx: RuleContext) -> Iterator[Finding]:
    idx = index(ctx)
    for fn in sorted(model.functions.values(), key=lambda f: f.qualname):
        if not fn.is_async or not ctx.in_scope(fn.path):
            continue
        reaches = idx.reaches_in(fn.qualname)
        if not reaches:
            continue
        flat: list[_Flat] = []
        _flatten(fn.body, False, flat)
        seen: set[str] = set()
        for i, s in enumerate(flat):
            if s.protected:
                continue
            for j in range(i + 1, len(flat)):
                t = flat[j]
                symbol = _undoes(model, fn, s.event, t.event)
                if symbol is None or symbol in seen:
                    continue
                awaits = [f.event for f in flat[i + 1:j] if f.event.kind is EventKind.AWAIT]
                if t.protected or not awaits or _protected_undo(model, fn, s.event, flat[i + 1:]):
                    break
                if _shared(model, fn, s.event):
                    seen.add(symbol)
                    yield _finding(ctx, fn, s.event, t.event, awaits[0], symbol, reaches)
                break


def _undoes(model: ProgramModel, fn: FunctionInfo, s: Event, t: Event) -> str | None:
    """The symbol of the state `t` restores after `s` changed it, else None."""
    if s.kind in (EventKind.MUTATE, EventKind.WRITE) and t.kind in (EventKind.MUTATE, EventKind.WRITE):
        if not s.target or s.target != t.target or "." not in s.target:
            return None
        paired = ((s.op in ADD_OPS and t.op in REMOVE_OPS) or (s.op == "+=" and t.op == "-=")
                  or (s.kind is EventKind.WRITE and s.op == t.op == "=" and _is_reset(t.value) and not _is_reset(s.value)))
        res = model.resolve(fn.cls, s.target)
        return short_symbol(*res) if paired and res else None
    if s.kind is EventKind.ACQUIRE and t.kind is EventKind.RELEASE and s.op == "call" and s.target == t.target:
        res = model.resolve(fn.cls, s.target or "")
        return short_symbol(*res) if res else _handed_in(fn, s.target or "")
    if s.kind is EventKind.CALL and t.kind is EventKind.CALL and s.callee and t.callee:
        rs, rt = receiver(s.callee), receiver(t.callee)
        a, b = s.callee.rsplit(".", 1)[-1], t.callee.rsplit(".", 1)[-1]
        if rs and rs == rt and any(a == x and b == y for x, y in CALL_PAIRS):
            return short_callee(t) if t.resolved else t.callee
    return None


def _is_reset(value: str | None) -> bool:
    """The value a flag or slot goes back to when the handler is done."""
    return (value or "").strip() in RESET_VALUES


def _protected_undo(model: ProgramModel, fn: FunctionInfo, s: Event, rest: list[_Flat]) -> bool:
    return any(f.protected and _undoes(model, fn, s, f.event) for f in rest)


def _shared(model: ProgramModel, fn: FunctionInfo, s: Event) -> bool:
    """The state outlives the handler: an attribute or global, or a call on such a receiver."""
    path = receiver(s.callee) if s.kind is EventKind.CALL else s.target
    if not path:
        return False
    head = path.split(".")[0]
    if head in ("self", "cls") or model.resolve(fn.cls, path) is not None:
        return True
    mod = model.modules.get(fn.module)
    if mod is not None and head in mod.globals:
        return True
    return head in fn.params or _alias_source(fn, head) is not None


def _handed_in(fn: FunctionInfo, path: str) -> str | None:
    """A name for an object the handler was handed: a parameter (`pool`), or a local assigned
    from one's attribute (`pool = request.app.state.pool` -> `request.app.state.pool`)."""
    head = path.split(".")[0]
    if head in fn.params:
        return path
    src = _alias_source(fn, head)
    return src + path[len(head):] if src is not None else None


def _alias_source(fn: FunctionInfo, local: str) -> str | None:
    """The path a local copies when it is only ever assigned copies of attribute paths
    (`pool = request.app.state.pool`, `pool = self._pool`): an object that outlives the handler."""
    values = [ev for ev in fn.events() if ev.kind is EventKind.WRITE and ev.target == local]
    copies = all(len(ev.reads) == 1 and "." in ev.reads[0] and (ev.value or "").strip() == ev.reads[0]
                 for ev in values)
    return values[0].reads[0] if values and copies else None


def _finding(ctx: RuleContext, fn: FunctionInfo, s: Event, t: Event, aw: Event, symbol: str, reaches) -> Finding:
    names = sorted({r.context.name for r in reaches})
    name = names[0]
    many = any(r.context.multiplicity == "many" for r in reaches)
    trace = (step(name, s.loc, f"sets up {symbol} in {describe(fn)}"),
             step(name, aw.loc, "suspends at await; the client disconnects or the task is cancelled"),
             step(name, aw.loc, "CancelledError/WebSocketDisconnect propagates out of the handler"),
             step(name, t.loc, f"teardown of {symbol} is skipped"))
    return Finding(
        code=RULE.code, rule=RULE.name, severity=RULE.severity, dimension=ctx.dimension(RULE.dimension),
        title=f"Cleanup of {symbol} skipped on cancellation in {describe(fn)}",
        message=f"`{name}` sets up `{symbol}` at line {s.loc.line} of `{describe(fn)}` and undoes it at line "
                f"{t.loc.line} outside `finally`, so a disconnect or cancellation at the await on line {aw.loc.line} "
                f"leaves it for {'the other connections' if many else 'the other contexts'} to trip over.",
        location=where(fn, t.loc),
        related=(where(fn, s.loc, f"{symbol} set up here"), where(fn, aw.loc, "cancellation/disconnect surfaces here")),
        symbols=(symbol,), contexts=tuple(names), trace=trace,
        trigger=f"The client disconnects (or the task is cancelled) while `{describe(fn)}` is suspended at line {aw.loc.line}.",
        evidence=ctx.snippet(fn.path, s.loc.line, t.loc.line if t.loc.line - s.loc.line <= 20 else None),
        impact=f"`{symbol}` stays in its set-up state after the handler is gone: stale clients receive sends that "
               f"fail, flags stay set and block new sessions, counters drift, resources leak.",
        fix=f"Wrap the code after line {s.loc.line} in `try:` and move the teardown at line {t.loc.line} into "
            f"`finally:` (or use an async context manager that performs it).",
    )
