"""Futures a done-callback receives are settled: `fut.result()` / `fut.exception()` there never block.

`fut.add_done_callback(cb)` calls `cb(fut)` once `fut` is done, so the callback's future parameter
(after the arguments a `functools.partial` binds) holds a finished future. The extractor marks a
future's `result()` as a blocking join (IL304, IL401); once calls are linked, this pass turns those
joins on the callback's own parameter back into plain calls
(tests/corpus/il304_settled_future_in_done_callback).
"""
from __future__ import annotations

import ast

from interlock.extractor.tree import map_events
from interlock.models.program import EventKind, FunctionInfo

DONE_CALLBACK = "add_done_callback"
SETTLED_METHODS = ("result", "exception")


def settle_done_callbacks(functions: dict[str, FunctionInfo]) -> dict[str, FunctionInfo]:
    """`functions` with the joins on a done-callback's own future parameter made plain calls."""
    params: dict[str, str] = {}
    for fn in functions.values():
        for ev in fn.events():
            spawn = ev.spawn
            if spawn is not None and spawn.via == DONE_CALLBACK and spawn.resolved in functions:
                name = _future_param(functions[spawn.resolved], spawn.target)
                if name is not None:
                    params[spawn.resolved] = name
    if not params:
        return functions
    out = dict(functions)
    for qualname, name in params.items():
        fn = out[qualname]
        body = map_events(fn.body, lambda ev, name=name: _settled(ev, name))
        if body is not fn.body:
            out[qualname] = fn.model_copy(update={"body": body})
    return out


def _future_param(fn: FunctionInfo, target: str) -> str | None:
    """The parameter `fn` receives the future in: the first one after `self` and the arguments
    a `partial(...)` registration binds."""
    index = _bound_arguments(target) + (1 if fn.cls is not None and not fn.is_static else 0)
    return fn.params[index] if index < len(fn.params) else None


def _bound_arguments(target: str) -> int:
    try:
        expr = ast.parse(target, mode="eval").body
    except SyntaxError:
        return 0
    if isinstance(expr, ast.Call) and ast.unparse(expr.func).rsplit(".", 1)[-1] == "partial":
        return max(0, len(expr.args) - 1)
    return 0


def _settled(ev, name: str):
    if (ev.kind is EventKind.BLOCKING and ev.op == "join" and ev.target == name
            and ev.callee in tuple(f"{name}.{m}" for m in SETTLED_METHODS)):
        return ev.model_copy(update={"kind": EventKind.CALL, "op": None, "target": None})
    return ev
