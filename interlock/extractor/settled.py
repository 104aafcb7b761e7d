"""Futures a done-callback receives are settled: `fut.result()` / `fut.exception()` there never block.

`fut.add_done_callback(cb)` calls `cb(fut)` once `fut` is done, so the callback's future parameter
(after the arguments a `functools.partial` binds) holds a finished future. The extractor marks a
future's `result()` as a blocking join (IL304, IL401); once calls are linked, this pass turns those
joins on the callback's own parameter back into plain calls
(tests/corpus/il304_settled_future_in_done_callback). A callback that hands its future on
(`lambda f: self._on_done(path, f)`) settles the parameter it is passed in, when every call of
that function in scope passes a settled future there (il304_settled_future_through_lambda).

A future the code has just tested is settled as well: after `if not fut.done(): return` (or `raise`,
`continue`, `break`) in the same block, and inside `if fut.done():`
(tests/corpus/il401_result_of_future_tested_done).
"""
from __future__ import annotations

import ast
import re

from interlock.extractor.tree import map_events, rebuild_blocks, same_nodes
from interlock.models.arguments import bind_params
from interlock.models.program import Branch, Event, EventKind, FunctionInfo, iter_events

DONE_CALLBACK = "add_done_callback"
SETTLED_METHODS = ("result", "exception")


def settle_done_callbacks(functions: dict[str, FunctionInfo]) -> dict[str, FunctionInfo]:
    """`functions` with the joins on a done-callback's own future parameter made plain calls."""
    params: dict[str, str] = {}
    joins: list[str] = []                 # functions that join a future by `result()`/`exception()`
    for fn in functions.values():
        joined = False
        for ev in fn.events():
            spawn = ev.spawn
            if spawn is not None and spawn.via == DONE_CALLBACK and spawn.resolved in functions:
                name = _future_param(functions[spawn.resolved], spawn.target)
                if name is not None:
                    params[spawn.resolved] = name
            elif not joined and ev.kind is EventKind.BLOCKING and ev.op == "join" and ev.target \
                    and ev.callee in (f"{ev.target}.{m}" for m in SETTLED_METHODS):
                joined = True
                joins.append(fn.qualname)
    out = dict(functions)
    for qualname in joins:
        fn = out[qualname]
        body = _tested(fn.body, frozenset())
        if body is not fn.body:
            out[qualname] = fn.model_copy(update={"body": body})
    if not params:
        return out
    params = _handed_on(out, params)
    for qualname, name in params.items():
        fn = out[qualname]
        body = map_events(fn.body, lambda ev, name=name: _settled(ev, name))
        if body is not fn.body:
            out[qualname] = fn.model_copy(update={"body": body})
    return out


def _future_param(fn: FunctionInfo, target: str) -> str | None:
    """The parameter `fn` receives the future in: the first one after `self` and the arguments
    a `partial(...)` registration binds."""
    index = _bound_arguments(target) + (1 if _is_method(fn) else 0)
    return fn.params[index] if index < len(fn.params) else None


def _is_method(fn: FunctionInfo) -> bool:
    """`fn` takes its object first (a lambda or function nested in a method does not)."""
    return fn.cls is not None and not fn.is_static and fn.qualname == f"{fn.cls}.{fn.name}"


def _handed_on(functions: dict[str, FunctionInfo], params: dict[str, str]) -> dict[str, str]:
    """`params` (function -> its settled future parameter) grown by the functions a settled future
    is passed to: a parameter is settled when every call of its function in scope passes a
    settled parameter of the caller there, and nothing spawns or registers the function."""
    sites: dict[str, list[tuple[str, dict[str, str] | None]]] = {}    # callee -> (caller, args by param)
    spawned: set[str] = set()
    for fn in functions.values():
        for ev in iter_events(fn.body):
            if ev.spawn is not None and ev.spawn.via != DONE_CALLBACK and ev.spawn.resolved:
                spawned.add(ev.spawn.resolved)
            callee = functions.get(ev.resolved or "") if ev.kind is EventKind.CALL else None
            if callee is not None:
                names = callee.params[1:] if _is_method(callee) else callee.params
                sites.setdefault(callee.qualname, []).append((fn.qualname, bind_params(list(names), ev.args)))
    params = dict(params)
    grown = True
    while grown:
        grown = False
        for callee, calls in sites.items():
            if callee in params or callee in spawned:
                continue
            passed = {p for caller, bound in calls for p, arg in (bound or {}).items()
                      if caller in params and arg == params[caller]}
            if len(passed) == 1 and all(bound is not None and caller in params
                                        and bound.get(next(iter(passed))) == params[caller]
                                        for caller, bound in calls):
                params[callee] = passed.pop()
                grown = True
    return params


def _bound_arguments(target: str) -> int:
    try:
        expr = ast.parse(target, mode="eval").body
    except SyntaxError:
        return 0
    if isinstance(expr, ast.Call) and ast.unparse(expr.func).rsplit(".", 1)[-1] == "partial":
        return max(0, len(expr.args) - 1)
    return 0


_NOT_DONE = re.compile(r"^not\s+([A-Za-z_][\w.]*)\.done\(\)$")
_DONE = re.compile(r"^([A-Za-z_][\w.]*)\.done\(\)$")
_EXITS = (EventKind.RETURN, EventKind.RAISE, EventKind.JUMP)


def _tested(nodes: tuple, settled: frozenset[str]) -> tuple:
    """`nodes` with the joins on futures tested done made plain calls: `settled` on entry, grown by
    `if not f.done(): return` for what follows it in the block, and by `if f.done():` for its body."""
    out = []
    for node in nodes:
        if isinstance(node, Event):
            out.append(_settled_any(node, settled) if settled else node)
            continue
        cond = (node.cond.value or "").strip() if isinstance(node, Branch) else ""
        if (m := _NOT_DONE.match(cond) or _DONE.match(cond)) is None:
            out.append(rebuild_blocks(node, lambda b: _tested(b, settled)))
            continue
        done = settled | {m.group(1)}
        negated = m.re is _NOT_DONE
        then = _tested(node.then, settled if negated else done)
        orelse = _tested(node.orelse, done if negated else settled)
        out.append(node if then is node.then and orelse is node.orelse
                   else node.model_copy(update={"then": then, "orelse": orelse}))
        if negated and then and isinstance(then[-1], Event) and then[-1].kind in _EXITS:
            settled = done
    return same_nodes(nodes, out)


def _settled_any(ev, settled: frozenset[str]):
    if ev.kind is EventKind.BLOCKING and ev.op == "join" and ev.target in settled:
        return _settled(ev, ev.target)
    return ev


def _settled(ev, name: str):
    if (ev.kind is EventKind.BLOCKING and ev.op == "join" and ev.target == name
            and ev.callee in tuple(f"{name}.{m}" for m in SETTLED_METHODS)):
        return ev.model_copy(update={"kind": EventKind.CALL, "op": None, "target": None})
    return ev
