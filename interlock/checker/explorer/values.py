"""Evaluation of IR expressions over concrete Python values and z3 symbols."""
from __future__ import annotations

import operator
from typing import Any, Callable

import z3

from interlock.checker.explorer.smt import Sym, to_z3, wrap

_PY = {"+": operator.add, "-": operator.sub, "*": operator.mul, "//": operator.floordiv,
       "%": operator.mod, "/": operator.truediv}
_CMP = {"==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le,
        ">": operator.gt, ">=": operator.ge}


def is_num(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) or isinstance(v, Sym)


_SYMBOLS: dict[str, Sym] = {}


def symbol(name: str) -> Sym:
    """The integer constant `name` (one Sym per name: z3 would return the same term anyway)."""
    sym = _SYMBOLS.get(name)
    if sym is None:
        sym = _SYMBOLS[name] = Sym(z3.Int(name))
    return sym


#: ids of the symbols standing for a call's answer that may be None (`d.get(k)`, a helper
#: annotated `Optional[...]`): only these compare equal to None on some path; fields, arguments
#: and other unknown values are used objects, never None
_MAYBE_NONE: set[int] = set()


def maybe_none(v: Any) -> Any:
    if isinstance(v, Sym):
        _MAYBE_NONE.add(v._id)
    return v


#: ids of the symbols standing for an unknown call's answer or expression (`<label>#<n>`, ir.py):
#: unlike fields and entry arguments, nothing but their identity (and None-ness) is known of them
_UNKNOWN: set[int] = set()


def unknown(v: Any) -> Any:
    if isinstance(v, Sym):
        _UNKNOWN.add(v._id)
    return v


def only_unknowns(v: Any) -> bool:
    """`v` is made of unknown answers only: no constant, field or argument is in it."""
    return isinstance(v, Sym) and bool(v.constants) and v.constants <= _UNKNOWN


_MEMO: dict[tuple, tuple] = {}


def _key(v: Any) -> Any:
    return v._id if isinstance(v, Sym) else (type(v), v)      # True, 1 and 1.0 stay apart


def _memo(tag: str, a: Any, b: Any, build: Callable[[], Any]) -> Any:
    """A symbolic result, built once per (operation, operands): the same expressions are
    evaluated over the same values in state after state, and building z3 terms is the dear part."""
    try:
        key = (tag, _key(a), _key(b))
        hit = _MEMO.get(key)
    except TypeError:                  # an unhashable operand: build it
        return build()
    if hit is None:
        hit = _MEMO[key] = (build(), a, b)     # the operands keep their terms' ids alive
    return hit[0]


def as_bool(v: Any) -> Any:
    """Python truthiness; for symbols a z3 Bool (ints: != 0)."""
    if isinstance(v, Sym):
        return v if z3.is_bool(v.term) else _memo("bool", v, None, lambda: wrap(v.term != 0))
    return bool(v)


def evaluate(e: tuple, field: Callable[[str], Any], local: Callable[[str], Any], fresh: Callable[[str], Any]) -> Any:
    tag = e[0]
    if tag == "c":
        return e[1]
    if tag == "f":
        return field(e[1])
    if tag == "l":
        return local(e[1])
    if tag == "sym":
        return fresh(e[1])
    if tag == "opt":
        return maybe_none(fresh(e[1]))
    ev = lambda x: evaluate(x, field, local, fresh)   # noqa: E731
    if tag == "tup":                 # an item put on a queue, a tuple display: its getter unpacks it
        return tuple(ev(x) for x in e[1:])
    if tag == "part":                # a part of a tuple display: what the invariants can use of it
        # (numbers, constants, fields, arguments) as it is; unknown answers (which object a
        # helper took from a pool, on which of its paths) would only tell the caller's states
        # apart, as they did not when the whole tuple was one unknown value
        v = ev(e[1])
        return ev(e[2]) if only_unknowns(v) else v
    if tag == "rec":                 # an object put on a queue: ("$rec", (".field", value), ...)
        return ("$rec",) + tuple((name, ev(x)) for name, x in e[1:])
    if tag == "attr":                # a field of an item taken from a queue, else the default
        whole = ev(e[1])
        known = dict(whole[1:]) if isinstance(whole, tuple) and whole[:1] == ("$rec",) else {}
        return known["." + e[2]] if "." + e[2] in known else ev(e[3])
    if tag == "idx":
        whole = ev(e[1])
        return whole[e[2]] if isinstance(whole, tuple) and len(whole) == e[3] else ev(e[4])
    if tag == "bin":
        return arith(e[1], ev(e[2]), ev(e[3]), fresh)
    if tag == "cmp":
        return compare(e[1], ev(e[2]), ev(e[3]), fresh)
    if tag == "not":
        return negate(as_bool(ev(e[1])))
    if tag in ("and", "or"):
        return logic(tag, as_bool(ev(e[1])), as_bool(ev(e[2])))
    if tag == "neg":
        return arith("-", 0, ev(e[1]), fresh)
    if tag == "ite":
        c = as_bool(ev(e[1]))
        a, b = ev(e[2]), ev(e[3])
        if not isinstance(c, Sym):
            return a if c else b
        if not (is_num(a) and is_num(b)):
            return fresh("ite")
        return _memo("ite", c, (_key(a), _key(b), a, b), lambda: wrap(z3.If(c.term, to_z3(a), to_z3(b))))
    if tag in ("min", "max"):
        a, b = ev(e[1]), ev(e[2])
        if not (is_num(a) and is_num(b)):
            return fresh(tag)
        if not isinstance(a, Sym) and not isinstance(b, Sym):
            return min(a, b) if tag == "min" else max(a, b)
        def build():
            za, zb = to_z3(a), to_z3(b)
            return wrap(z3.If(za <= zb, za, zb) if tag == "min" else z3.If(za >= zb, za, zb))
        return _memo(tag, a, b, build)
    return fresh("expr")


def arith(op: str, a: Any, b: Any, fresh: Callable[[str], Any]) -> Any:
    if not (is_num(a) and is_num(b)) or op not in _PY:
        if isinstance(a, str) and isinstance(b, str) and op == "+":
            return a + b
        return fresh("arith")
    if not isinstance(a, Sym) and not isinstance(b, Sym):
        try:
            return _PY[op](a, b)
        except ZeroDivisionError:
            return fresh("div")
    return _memo(op, a, b, lambda: _arith(op, to_z3(a), to_z3(b)))


def _arith(op: str, za: z3.ExprRef, zb: z3.ExprRef) -> Any:
    if op == "//":
        return wrap(za / zb)
    if op == "%":
        return wrap(za % zb)
    return wrap({"+": za + zb, "-": za - zb, "*": za * zb, "/": za / zb}[op])


def compare(op: str, a: Any, b: Any, fresh: Callable[[str], Any]) -> Any:
    if isinstance(a, tuple) or isinstance(b, tuple):
        # a tuple value (`("tup", ...)`) never equals a number, None or a constant; two tuples
        # compare part by part, which symbols (equal by identity only) leave unknown
        if not (isinstance(a, tuple) and isinstance(b, tuple)):
            return op == "!=" if op in ("==", "!=") else fresh("cmp")
        if any(isinstance(x, Sym) for x in a + b):
            return fresh("cmp")
    if isinstance(a, Sym) or isinstance(b, Sym):
        if is_num(a) and is_num(b):
            return _memo(op, a, b, lambda: wrap(_CMP[op](to_z3(a), to_z3(b))))
        if op in ("==", "!="):       # a number symbol is never None or an enum member
            none = _is_none(a, b)
            return op == "!=" if none is None else none if op == "==" else negate(none)
        return fresh("cmp")
    try:
        return _CMP[op](a, b)
    except TypeError:
        return fresh("cmp")


def _is_none(a: Any, b: Any) -> Any:
    """`a is None` as a z3 Bool of its own, when one side is None and the other a symbol that may
    be None (the same Bool for every test of that symbol, so the tests agree along a path)."""
    sym = a if b is None else b if a is None else None
    if not isinstance(sym, Sym) or sym._id not in _MAYBE_NONE:
        return None
    return _memo("none", sym, None, lambda: wrap(z3.Bool(f"{sym.term} is None")))


def negate(v: Any) -> Any:
    return _memo("not", v, None, lambda: wrap(z3.Not(v.term))) if isinstance(v, Sym) else not v


def logic(tag: str, a: Any, b: Any) -> Any:
    if not isinstance(a, Sym) and not isinstance(b, Sym):
        return (a and b) if tag == "and" else (a or b)
    return _memo(tag, a, b, lambda: wrap(z3.And(to_z3(a), to_z3(b)) if tag == "and"
                                         else z3.Or(to_z3(a), to_z3(b))))
