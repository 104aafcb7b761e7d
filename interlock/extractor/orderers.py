"""Order helpers: functions that hand back the objects they are given in an order computed from
the objects themselves, the same whichever way the caller passed them (a global lock order).

    def ordered(a, b):
        return sorted((a, b), key=id)          # also `(a, b) if a.key < b.key else (b, a)`,
                                               # `if id(a) < id(b): return a, b` / `return b, a`,
                                               # `def ordered(*accts): return sorted(accts, key=...)`

`first, second = ordered(src, dst)` then names the two objects in that order, like
`sorted((src, dst), key=id)` written at the call (events_stmt `_ordered_objects`;
tests/corpus/il301_order_helper_sorts_the_locks). Module functions and methods of the same file.
"""
from __future__ import annotations

import libcst as cst

from interlock.extractor.imports import is_docstring

_SORTS = frozenset({"sorted"})
_COPIES = frozenset({"tuple", "list"})


def order_helpers(scope, defs: list[cst.FunctionDef], is_method: bool) -> frozenset[str]:
    """The names among `defs` (a module's functions, or a class's methods) that are order helpers."""
    from interlock.extractor.functions import decorator_text

    out = set()
    for node in defs:
        if node.asynchronous is not None:
            continue
        decorators = {decorator_text(scope, d) for d in node.decorators}
        params = [p.name.value for p in (*node.params.posonly_params, *node.params.params)]
        if is_method and "staticmethod" not in decorators:
            params = params[1:]
        star = node.params.star_arg
        star = star.name.value if isinstance(star, cst.Param) else None
        if _orders(_body(node), set(params), star):
            out.add(node.name.value)
    return frozenset(out)


def _body(node: cst.FunctionDef) -> list:
    stmts = list(node.body.body) if isinstance(node.body, cst.IndentedBlock) else [node.body]
    return stmts[1:] if stmts and is_docstring(stmts[0]) else stmts


def _returned(stmt) -> cst.BaseExpression | None:
    if isinstance(stmt, (cst.SimpleStatementLine, cst.SimpleStatementSuite)) and len(stmt.body) == 1 \
            and isinstance(stmt.body[0], cst.Return):
        return stmt.body[0].value
    return None


def _orders(stmts: list, params: set[str], star: str | None) -> bool:
    if len(stmts) == 1 and (value := _returned(stmts[0])) is not None:
        return _ordering_expr(value, params, star)
    # `if id(a) < id(b): return a, b` then `return b, a` (or in its `else:`)
    if len(stmts) in (1, 2) and isinstance(stmts[0], cst.If) and stmts[0].test is not None:
        first = stmts[0].body.body
        if len(first) != 1 or (one := _returned(first[0])) is None:
            return False
        rest = stmts[1:] if len(stmts) == 2 and stmts[0].orelse is None else \
            list(stmts[0].orelse.body.body) if len(stmts) == 1 and isinstance(stmts[0].orelse, cst.Else) else []
        other = _returned(rest[0]) if len(rest) == 1 else None
        return other is not None and _swapped(one, other, params)
    return False


def _names(node) -> list[str] | None:
    if not isinstance(node, (cst.Tuple, cst.List)):
        return None
    names = [e.value.value for e in node.elements if isinstance(e, cst.Element) and isinstance(e.value, cst.Name)]
    return names if len(names) == len(node.elements) else None


def _swapped(one, other, params: set[str]) -> bool:
    """`(a, b)` and `(b, a)`: the same parameters in two orders."""
    a, b = _names(one), _names(other)
    return bool(a) and bool(b) and len(a) >= 2 and len(set(a)) == len(a) and set(a) <= params \
        and sorted(a) == sorted(b) and a != b


def _ordering_expr(value, params: set[str], star: str | None) -> bool:
    if isinstance(value, cst.IfExp):
        return _swapped(value.body, value.orelse, params)
    if not isinstance(value, cst.Call) or not isinstance(value.func, cst.Name):
        return False
    pos = [a for a in value.args if a.keyword is None]
    if value.func.value in _COPIES and len(value.args) == 1 and not pos[0].star:
        return _ordering_expr(pos[0].value, params, star)
    if value.func.value not in _SORTS or len(pos) != 1 or pos[0].star:
        return False
    arg = pos[0].value
    if isinstance(arg, cst.Name):
        return arg.value == star
    names = _names(arg)
    return bool(names) and len(names) >= 2 and len(set(names)) == len(names) and set(names) <= params
