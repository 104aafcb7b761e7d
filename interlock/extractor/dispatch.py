"""Dispatch tables: a field bound once, in the constructor, to a dict of the object's own bound
methods (`self._handlers = {"add": self._on_add, "gain": functools.partial(self._on_gain)}`).

A call through it, directly (`self._handlers[cmd](arg)`, `self._handlers.get(cmd)(arg)`) or
through a local bound only to one of its lookups (`handler = self._handlers.get(name)` ...
`handler(arg)`), runs one of those methods on `self`: the call becomes a branch with one arm per
method (and an empty arm for a key the table lacks), so the thread that dispatches reaches every
handler (tests/corpus/il202_dispatch_table_of_bound_methods).
"""
from __future__ import annotations

import ast
import re

from interlock.extractor.resolution import CallResolver, callable_named
from interlock.extractor.tree import rebuild_blocks, same_nodes
from interlock.models.program import Branch, Event, EventKind, FunctionInfo, Node

_LOOKUP = re.compile(r"^self\.(\w+)(?:\.get\(.*\)|\[.*\])$", re.S)


def call_dispatch_tables(resolver: CallResolver, functions: dict[str, FunctionInfo]) -> dict[str, FunctionInfo]:
    tables = _tables(resolver, functions)
    if not tables:
        return functions
    out = {}
    for q, fn in functions.items():
        mine = _visible(resolver, fn, tables)
        body = _rewrite(fn.body, mine, _dispatch_locals(fn, mine)) if mine else fn.body
        out[q] = fn if body is fn.body else fn.model_copy(update={"body": body})
    return out


def _tables(resolver: CallResolver, functions: dict[str, FunctionInfo]) -> dict[tuple[str, str], tuple[tuple[str, str], ...]]:
    """(class, field) -> ((`self.m`, qualname of m), ...) in the dict's order."""
    out = {}
    for cls, info in resolver.classes.items():
        init = functions.get(info.methods.get("__init__", ""))
        if init is None:
            continue
        for attr, a in info.attributes.items():
            if not a.init_only or not (a.value or "").lstrip().startswith("{"):
                continue
            try:
                node = ast.parse(a.value.strip(), mode="eval").body
            except SyntaxError:
                continue
            if not isinstance(node, ast.Dict) or not node.values or None in node.keys:
                continue
            arms = []
            for v in node.values:
                text = ast.unparse(v)
                target = callable_named(resolver, init, init.module, text)
                fn = functions.get(target or "")
                if fn is None or fn.cls is None or not _own_bound_method(text):
                    break
                arms.append((f"self.{fn.name}", fn.qualname))
            else:
                out[(cls, attr)] = tuple(dict.fromkeys(arms))
    return out


def _own_bound_method(text: str) -> bool:
    """`self.m`, or `functools.partial(self.m, ...)` / `partial(self.m, ...)`."""
    return re.match(r"^(?:(?:functools\.)?partial\(\s*)?self\.\w+\s*(?:[,)]|$)", text) is not None


def _visible(resolver: CallResolver, fn: FunctionInfo, tables) -> dict[str, tuple]:
    info = resolver.classes.get(fn.cls or "")
    if info is None:
        return {}
    out = {}
    for anc in reversed(info.ancestors or (fn.cls,)):
        out.update({attr: arms for (cls, attr), arms in tables.items() if cls == anc})
    return out


def _dispatch_locals(fn: FunctionInfo, mine: dict[str, tuple]) -> dict[str, str]:
    """Locals every assignment of which is a lookup in one table: local -> the table's field."""
    bound: dict[str, str | None] = {}
    for ev in fn.events():
        if ev.kind is not EventKind.WRITE or not ev.target or "." in ev.target or ev.op != "=":
            continue
        m = _LOOKUP.match((ev.value or "").strip())
        field = m.group(1) if m is not None and m.group(1) in mine else None
        bound[ev.target] = field if bound.get(ev.target, field) == field else None
    return {name: f for name, f in bound.items() if f is not None}


def _table_of(ev: Event, mine: dict[str, tuple], names: dict[str, str]) -> str | None:
    if ev.kind is not EventKind.CALL or ev.resolved:
        return None
    callee = (ev.callee or "").strip()
    if callee in names:
        return names[callee]
    m = _LOOKUP.match(callee)
    return m.group(1) if m is not None and m.group(1) in mine else None


def _rewrite(nodes: tuple[Node, ...], mine: dict[str, tuple], names: dict[str, str]) -> tuple[Node, ...]:
    out: list[Node] = []
    for n in nodes:
        if type(n) is not Event:
            out.append(rebuild_blocks(n, lambda b: _rewrite(b, mine, names)))
            continue
        field = _table_of(n, mine, names)
        out.append(_arms(n, mine[field]) if field is not None else n)
    return same_nodes(nodes, out)


def _arms(ev: Event, arms: tuple[tuple[str, str], ...]) -> Node:
    """One arm per handler, the last arm empty (a key the table lacks)."""
    rest: tuple[Node, ...] = ()
    for text, target in reversed(arms):
        cond = Event(kind=EventKind.BRANCH, loc=ev.loc, value=f"{ev.callee} is {text}")
        rest = (Branch(cond=cond, then=(ev.model_copy(update={"callee": text, "resolved": target}),), orelse=rest),)
    return rest[0]
