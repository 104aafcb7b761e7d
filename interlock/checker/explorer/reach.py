"""Which start values of a number field the program can reach.

A scenario starts a number field the constructor builds from a constant (`self.pending = 1`)
at any value (`scenario.generic`: the object may have been used before), but only at a value
some run of the program can give it. A write of the field anywhere in the program's files
moves it: `x = <constant>` sets it to that constant, `x += <positive constant>` only up,
`x -= <positive constant>` only down; any other write (a computed value, a tuple target, a
name written as a string: `setattr(obj, "x", v)`) may give it any value. From the built value
and those writes, the field stays within an interval: `pending` built as 1 and only ever
decremented is at most 1, never 2 (tests/corpus/il504_countdown_starts_from_constructor_value).

Writes are matched by attribute name in every file of the universe (`Universe.sources`), on
any object: a write through another object or by another class of the same attribute name
widens the interval too, so the bound errs on the side of more start states.
"""
from __future__ import annotations

import ast
from typing import Any

#: (low, high); None for an unbounded side
Interval = tuple[Any, Any]

_TOP = (None, None)


def start_interval(uni, attr: str, built: Any) -> Interval:
    """The values the field `attr` (built as the number `built`) can hold after any run."""
    cache = uni.reach
    if attr not in cache:
        cache[attr] = _writes(uni, attr)
    writes = cache[attr]
    if writes is None:
        return _TOP
    lo = hi = built
    for kind, value in writes:
        if kind == "set":
            lo, hi = (None if lo is None else min(lo, value)), (None if hi is None else max(hi, value))
        elif kind == "up":
            hi = None
        elif kind == "down":
            lo = None
    return lo, hi


def _writes(uni, attr: str) -> list[tuple[str, Any]] | None:
    """Every write of `.attr` (and class-body binding of `attr`) in the program's files, as
    ("set", constant) / ("up", None) / ("down", None); None when one may give any value or
    the files are unknown."""
    if uni.sources is None:
        return None
    out: list[tuple[str, Any]] = []
    quoted = (f'"{attr}"', f"'{attr}'")
    for path, text in uni.sources():
        if text is None:
            return None
        if attr not in text:
            continue
        tree = uni.parsed.get(path)
        if tree is None:
            try:
                tree = ast.parse(text)
            except (SyntaxError, ValueError, RecursionError, MemoryError):
                return None
            uni.parsed[path] = tree
        if any(q in text for q in quoted) and _named_in_string(tree, attr):
            return None
        for node in ast.walk(tree):
            got = _write(node, attr)
            if got is None:
                return None
            out += got
    return out


def _write(node: ast.AST, attr: str) -> list[tuple[str, Any]] | None:
    """The writes of `attr` this statement makes ([] for none); None for one of unknown value."""
    if isinstance(node, ast.ClassDef):
        out = []
        for st in node.body:        # a class-body binding (`pending = 1`, a dataclass default)
            targets = st.targets if isinstance(st, ast.Assign) else [st.target] \
                if isinstance(st, (ast.AnnAssign, ast.AugAssign)) else []
            if any(_binds_name(t, attr) for t in targets):
                if isinstance(st, ast.AnnAssign) and st.value is None:
                    continue
                value = _number(st.value)
                if value is None or isinstance(st, ast.AugAssign) or not all(isinstance(t, ast.Name) for t in targets
                                                                              if _binds_name(t, attr)):
                    return None
                out.append(("set", value))
        return out
    if isinstance(node, ast.Assign):
        if not any(_stores(t, attr) for t in node.targets):
            return []
        value = _number(node.value)
        if value is None or not all(_is_attr(t, attr) for t in node.targets if _stores(t, attr)):
            return None
        return [("set", value)]
    if isinstance(node, ast.AnnAssign):
        if not _stores(node.target, attr) or node.value is None:
            return []
        value = _number(node.value)
        return None if value is None or not _is_attr(node.target, attr) else [("set", value)]
    if isinstance(node, ast.AugAssign):
        if not _stores(node.target, attr):
            return []
        step = _number(node.value)
        if not _is_attr(node.target, attr) or step is None or not isinstance(node.op, (ast.Add, ast.Sub)):
            return None
        if step == 0:
            return []
        up = (step > 0) == isinstance(node.op, ast.Add)
        return [("up" if up else "down", None)]
    if isinstance(node, (ast.For, ast.AsyncFor, ast.comprehension)):
        return None if _stores(node.target, attr) else []
    if isinstance(node, (ast.With, ast.AsyncWith)):
        return None if any(i.optional_vars is not None and _stores(i.optional_vars, attr) for i in node.items) else []
    return []


def _is_attr(t: ast.expr, attr: str) -> bool:
    return isinstance(t, ast.Attribute) and t.attr == attr


def _stores(t: ast.expr, attr: str) -> bool:
    """`t` (a target) writes an attribute named `attr` anywhere inside (tuple unpacking too)."""
    return any(isinstance(n, ast.Attribute) and n.attr == attr and isinstance(n.ctx, ast.Store) for n in ast.walk(t))


def _binds_name(t: ast.expr, attr: str) -> bool:
    return any(isinstance(n, ast.Name) and n.id == attr for n in ast.walk(t))


def _number(e: ast.expr | None) -> Any:
    """An int or float literal (signed), else None."""
    if isinstance(e, ast.UnaryOp) and isinstance(e.op, (ast.USub, ast.UAdd)):
        inner = _number(e.operand)
        return None if inner is None else (-inner if isinstance(e.op, ast.USub) else inner)
    if isinstance(e, ast.Constant) and isinstance(e.value, (int, float)) and not isinstance(e.value, bool):
        return e.value
    return None


def _named_in_string(tree: ast.AST, attr: str) -> bool:
    """`attr` as a string literal outside a `__slots__` binding (`setattr(self, "pending", v)`,
    `self.__dict__["pending"]`): it may be written by name."""
    slots: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and any(
                isinstance(t, ast.Name) and t.id == "__slots__"
                for t in (node.targets if isinstance(node, ast.Assign) else [node.target])):
            slots.update(id(n) for n in ast.walk(node.value) if node.value is not None)
    return any(isinstance(n, ast.Constant) and n.value == attr and id(n) not in slots for n in ast.walk(tree))
