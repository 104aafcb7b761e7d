"""Formatting runs the formatted object's own code: `f"{x}"` / `format(x)` / `"{}".format(x)` run
`x.__format__`, `str(x)` / `print(x)` / `"%s" % x` run `x.__str__`, `repr(x)` / `f"{x!r}"` / `"%r" % x`
run `x.__repr__`, and a logging call formats its arguments when the record is emitted, in the
calling thread (`log.info("%s", x)`). The walker emits these as special calls on `x` (when `x` may be
an object of a class in scope); the linker keeps one only when it resolves to that class's method,
falling back the way `object` does (`__format__` -> `__str__` -> `__repr__`;
tests/corpus/il302_dunder_format_under_lock).
"""
from __future__ import annotations

import re
import string

import libcst as cst

STR, REPR, FORMAT = "__str__", "__repr__", "__format__"
#: what `object`'s own special method runs when the class does not define it
FALLBACKS = {FORMAT: (STR, REPR), STR: (REPR,)}
_CONVERSION = {"r": REPR, "a": REPR, "s": STR}
_BUILTINS = {"str": STR, "repr": REPR, "ascii": REPR, "format": FORMAT}
_LOG_METHODS = frozenset({"debug", "info", "warning", "warn", "error", "exception", "critical", "fatal"})
_PERCENT = re.compile(r"%(\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?([a-zA-Z%])")

Formatted = list[tuple[cst.BaseExpression, str]]       # (the formatted expression, the special method run)


def literal(node: cst.BaseExpression | None) -> str | None:
    """The value of a plain string literal (no f-string, no bytes)."""
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
        value = node.evaluated_value
        return value if isinstance(value, str) else None
    return None


def fstring_part(part: cst.FormattedStringExpression) -> str:
    conversion = part.conversion
    return _CONVERSION.get(conversion, FORMAT) if conversion else FORMAT


def percent_args(fmt: str, values: list[cst.BaseExpression]) -> Formatted:
    """`fmt % values`: `%s` runs `__str__`, `%r`/`%a` `__repr__` of the value in its position;
    nothing when a mapping key or a `*` width makes the positions unclear."""
    specs = [m for m in _PERCENT.finditer(fmt) if m.group(4) != "%"]
    if any(m.group(1) or m.group(2) == "*" or m.group(3) == "*" for m in specs):
        return []
    return [(v, _CONVERSION[m.group(4)]) for m, v in zip(specs, values) if m.group(4) in _CONVERSION]


def percent_operands(node: cst.BinaryOperation) -> Formatted:
    fmt = literal(node.left) if isinstance(node.operator, cst.Modulo) else None
    if fmt is None:
        return []
    right = node.right
    values = [el.value for el in right.elements] if isinstance(right, cst.Tuple) else [right]
    return percent_args(fmt, values)


def brace_args(fmt: str, args: list[cst.BaseExpression], kwargs: dict[str, cst.BaseExpression]) -> Formatted:
    """`fmt.format(*args, **kwargs)`: each replacement field formats its argument."""
    try:
        fields = [(f, c) for _, f, _, c in string.Formatter().parse(fmt) if f is not None]
    except ValueError:
        return []
    out: Formatted = []
    auto = 0
    for field, conversion in fields:
        if not re.fullmatch(r"\w*", field):
            continue                  # `{0.name}` / `{x[k]}`: a part of the argument is formatted
        key: int | str = field
        if field == "":
            key, auto = auto, auto + 1
        elif field.isdigit():
            key = int(field)
        value = kwargs.get(key) if isinstance(key, str) else (args[key] if key < len(args) else None)
        if value is not None:
            out.append((value, _CONVERSION.get(conversion, FORMAT) if conversion else FORMAT))
    return out


def call_formats(node: cst.Call, callee: str, method: str | None, shadowed) -> Formatted:
    """The objects a call formats. `shadowed(name)`: whether a builtin's name is rebound here."""
    positional = [a.value for a in node.args if not a.keyword and not a.star]
    if callee in _BUILTINS and not shadowed(callee) and positional:
        return [(positional[0], _BUILTINS[callee])]
    if callee == "print" and not shadowed("print"):
        return [(v, STR) for v in positional]
    if method == "format" and isinstance(node.func, cst.Attribute):
        fmt = literal(node.func.value)
        if fmt is not None:
            kwargs = {a.keyword.value: a.value for a in node.args if a.keyword is not None}
            return brace_args(fmt, positional, kwargs)
    if method in _LOG_METHODS or method == "log":
        rest = positional[1:] if method == "log" else positional
        fmt = literal(rest[0]) if rest else None
        if fmt is not None:
            return percent_args(fmt, rest[1:])
    return []


def element_index(scope, container) -> str | None:
    """The index of the element of a field a mutation goes through, as source: `self.xs[i]["k"] = v`
    and `self.xs[i].append(v)` change the object in slot `i` of `self.xs` (container: `self.xs[i]`),
    not `self.xs` itself. None when the container is the field itself, a slice or several indices."""
    first = None
    while isinstance(container, cst.Subscript):
        first, container = container, container.value
    one = first.slice[0].slice if first is not None and len(first.slice) == 1 else None
    return scope.code(one.value) if isinstance(one, cst.Index) else None
