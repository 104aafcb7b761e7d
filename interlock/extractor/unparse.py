"""Fast source text for common expressions (libcst's codegen costs more than the parse).

Whitespace is normalised (`f(a, b=1)`, `x + 1`); anything unusual falls back to libcst's
`code_for_node`, so the text is always valid Python for the same expression.
"""
from __future__ import annotations

import libcst as cst

OPERATORS = {
    cst.Add: "+", cst.Subtract: "-", cst.Multiply: "*", cst.Divide: "/", cst.FloorDivide: "//",
    cst.Modulo: "%", cst.Power: "**", cst.MatrixMultiply: "@", cst.LeftShift: "<<",
    cst.RightShift: ">>", cst.BitOr: "|", cst.BitAnd: "&", cst.BitXor: "^", cst.And: "and",
    cst.Or: "or", cst.Equal: "==", cst.NotEqual: "!=", cst.LessThan: "<", cst.LessThanEqual: "<=",
    cst.GreaterThan: ">", cst.GreaterThanEqual: ">=", cst.In: "in", cst.NotIn: "not in",
    cst.Is: "is", cst.IsNot: "is not",
}
UNARY = {cst.Not: "not ", cst.Minus: "-", cst.Plus: "+", cst.BitInvert: "~"}
LITERALS = (cst.Name, cst.Integer, cst.Float, cst.SimpleString, cst.Imaginary)
#: by exact class: libcst's node classes are ABCs, and an `isinstance` that misses runs
#: `ABCMeta.__instancecheck__` (Python) once per class of the tuple (these classes have no subclasses)
_LITERAL_TYPES = frozenset(LITERALS)


class Unsupported(Exception):
    pass


def fast_code(node: cst.CSTNode) -> str | None:
    """Source of `node`, or None when it needs libcst's codegen."""
    try:
        return _code(node)
    except Unsupported:
        return None


def _code(node) -> str:
    if type(node) in _LITERAL_TYPES:
        text = node.value
    else:
        handler = _HANDLERS.get(type(node))
        if handler is None:
            raise Unsupported
        text = handler(node)
    if getattr(node, "lpar", None):
        return f"({text})"
    return text


def _attribute(node: cst.Attribute) -> str:
    return f"{_code(node.value)}.{node.attr.value}"


def _arg(arg: cst.Arg) -> str:
    text = _code(arg.value)
    if arg.keyword is not None:
        return f"{arg.keyword.value}={text}"
    return f"{arg.star}{text}"


def _call(node: cst.Call) -> str:
    return f"{_code(node.func)}({', '.join(_arg(a) for a in node.args)})"


def _slice(el: cst.SubscriptElement) -> str:
    s = el.slice
    if isinstance(s, cst.Index):
        return f"{s.star or ''}{_code(s.value)}"
    parts = [_code(p) if p is not None else "" for p in (s.lower, s.upper)]
    if s.step is not None:
        parts.append(_code(s.step))
    return ":".join(parts)


def _subscript(node: cst.Subscript) -> str:
    return f"{_code(node.value)}[{', '.join(_slice(e) for e in node.slice)}]"


def _binary(node) -> str:
    op = OPERATORS.get(type(node.operator))
    if op is None:
        raise Unsupported
    return f"{_code(node.left)} {op} {_code(node.right)}"


def _unary(node: cst.UnaryOperation) -> str:
    return UNARY[type(node.operator)] + _code(node.expression)


def _comparison(node: cst.Comparison) -> str:
    parts = [_code(node.left)]
    for c in node.comparisons:
        parts += [OPERATORS[type(c.operator)], _code(c.comparator)]
    return " ".join(parts)


def _element(el) -> str:
    if isinstance(el, cst.StarredElement):
        return "*" + _code(el.value)
    return _code(el.value)


def _tuple(node: cst.Tuple) -> str:
    items = [_element(e) for e in node.elements]
    text = ", ".join(items) + ("," if len(items) == 1 else "")
    return text if node.lpar else f"({text})"


def _list(node: cst.List) -> str:
    return f"[{', '.join(_element(e) for e in node.elements)}]"


def _set(node: cst.Set) -> str:
    return f"{{{', '.join(_element(e) for e in node.elements)}}}"


def _dict(node: cst.Dict) -> str:
    items = []
    for el in node.elements:
        if isinstance(el, cst.DictElement):
            items.append(f"{_code(el.key)}: {_code(el.value)}")
        else:
            items.append("**" + _code(el.value))
    return f"{{{', '.join(items)}}}"


def _ifexp(node: cst.IfExp) -> str:
    return f"{_code(node.body)} if {_code(node.test)} else {_code(node.orelse)}"


def _await(node: cst.Await) -> str:
    return "await " + _code(node.expression)


def _starred(node: cst.StarredElement) -> str:
    return "*" + _code(node.value)


_HANDLERS = {
    cst.Attribute: _attribute, cst.Call: _call, cst.Subscript: _subscript,
    cst.BinaryOperation: _binary, cst.BooleanOperation: _binary, cst.UnaryOperation: _unary,
    cst.Comparison: _comparison, cst.Tuple: _tuple, cst.List: _list, cst.Set: _set, cst.Dict: _dict,
    cst.IfExp: _ifexp, cst.Await: _await, cst.StarredElement: _starred,
}
