"""Syntactic search behind IL601: `[mutable] * n` assignments and later per-slot mutations.

Works on the stdlib `ast` of a module's text (the program model keeps no events for locals that
never touch shared state, and the pattern is purely syntactic).
"""
from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Iterator

MUTATORS = frozenset({
    "append", "extend", "insert", "pop", "popleft", "appendleft", "remove", "clear", "update",
    "setdefault", "add", "discard", "sort", "reverse", "fill", "resize", "put", "itemset",
})
MUTABLE_CALLS = frozenset({
    "list", "dict", "set", "bytearray", "deque", "defaultdict", "OrderedDict", "Counter",
    "zeros", "ones", "empty", "full", "array", "zeros_like", "ones_like", "empty_like", "full_like",
})


@dataclass(frozen=True)
class Aliasing:
    name: str
    symbol: str
    cls: str | None
    function: str | None
    line: int
    end_line: int
    column: int
    mutation_src: str
    built_line: int
    built_function: str | None
    built_src: str
    count_src: str
    suggestion: str


@dataclass(frozen=True)
class _Built:
    line: int
    function: str | None
    src: str
    element: str
    count: str


def find_aliasing(tree: ast.Module) -> Iterator[Aliasing]:
    module = yield from _scope(tree.body, None, None)
    for cls in [n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)]:
        yield from _class(cls, module)


def _class(cls: ast.ClassDef, module: dict[str, _Built]) -> Iterator[Aliasing]:
    """`self.x = [[]] * n` in one method, `self.x[i].append(...)` in any method of the class."""
    methods = [n for n in cls.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    built: dict[str, _Built] = {}
    for m in methods:
        for node in _own_nodes(m.body):
            for name, b in _builds(node, m.name):
                if name.startswith("self."):
                    built.setdefault(name, b)
    for m in methods:
        yield from _scope(m.body, cls.name, m.name, outer=_visible(module, m))
        if built:
            yield from _scope(m.body, cls.name, m.name, only_self=built)


def _scope(body: list[ast.stmt], cls: str | None, func: str | None, only_self: dict[str, _Built] | None = None,
           outer: dict[str, _Built] | None = None) -> Iterator[Aliasing]:
    """Locals (or `self.` attributes when `only_self` is given) of one scope, in source order;
    `outer`: lists the enclosing scopes built that this one sees (a global, a closure's cell).
    Returns the lists still live at the end, which the nested functions see: a worker mutating
    a slot of `LANES = [[]] * n` or of its enclosing function's `pages = [{}] * n`."""
    live: dict[str, _Built] = dict(only_self or outer or {})
    slots: dict[str, str] = {}           # local name -> the tracked list one of whose slots it holds
    nodes = sorted(_own_nodes(body), key=lambda n: (n.lineno, n.col_offset))
    for node in nodes:
        for name, b in _builds(node, func):
            if only_self is None and not name.startswith("self."):
                live[name] = b
        for name in _rebinds(node):
            slots.pop(name, None)
            if only_self is None and name in live and not any(n == name for n, _ in _builds(node, func)):
                live.pop(name)
        slots.update((alias, owner) for alias, owner in _slot_aliases(node) if owner in live)
        name = _slot_mutation(node, slots)
        if name in live:
            yield _hit(node, name, live[name], cls, func)
    if only_self is None:
        for node in body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                yield from _scope(node.body, cls, node.name, outer=_visible(live, node))
    return live


def _visible(live: dict[str, _Built], fn: ast.FunctionDef | ast.AsyncFunctionDef) -> dict[str, _Built]:
    """The enclosing scope's lists a nested function sees: not its parameters of the same name."""
    a = fn.args
    params = {p.arg for p in (*a.posonlyargs, *a.args, *a.kwonlyargs, a.vararg, a.kwarg) if p is not None}
    return {k: b for k, b in live.items() if not k.startswith("self.") and k not in params}


def _own_nodes(body: list[ast.stmt]) -> list[ast.AST]:
    """Nodes of a scope, not descending into nested functions, lambdas or classes."""
    out, todo = [], list(body)
    while todo:
        n = todo.pop()
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        if hasattr(n, "lineno"):
            out.append(n)
        todo.extend(ast.iter_child_nodes(n))
    return out


def _builds(node: ast.AST, func: str | None) -> Iterator[tuple[str, _Built]]:
    if isinstance(node, ast.Assign):
        targets, value = node.targets, node.value
    elif isinstance(node, ast.AnnAssign) and node.value is not None:
        targets, value = [node.target], node.value
    else:
        return
    found = _multiplied(value)
    if found is None:
        return
    element, count = found
    for t in targets:
        name = _name(t)
        if name:
            yield name, _Built(node.lineno, func, ast.unparse(value), ast.unparse(element), ast.unparse(count))


def _multiplied(value: ast.AST) -> tuple[ast.AST, ast.AST] | None:
    """(element, count) of `[elem] * n` / `n * [elem]` with a mutable element."""
    if not (isinstance(value, ast.BinOp) and isinstance(value.op, ast.Mult)):
        return None
    for lst, count in ((value.left, value.right), (value.right, value.left)):
        if isinstance(lst, ast.List) and len(lst.elts) == 1 and _is_mutable(lst.elts[0]):
            return lst.elts[0], count
    return None


def _is_mutable(e: ast.AST) -> bool:
    if isinstance(e, (ast.List, ast.Dict, ast.Set, ast.ListComp, ast.DictComp, ast.SetComp)):
        return True
    if isinstance(e, ast.BinOp) and isinstance(e.op, ast.Mult):
        return any(isinstance(s, ast.List) for s in (e.left, e.right))
    if isinstance(e, ast.Call):
        f = e.func
        name = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""
        return name in MUTABLE_CALLS
    return False


def _name(t: ast.AST) -> str | None:
    if isinstance(t, ast.Name):
        return t.id
    if isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) and t.value.id == "self":
        return f"self.{t.attr}"
    return None


def _rebinds(node: ast.AST) -> Iterator[str]:
    if isinstance(node, (ast.Assign, ast.AnnAssign)):
        for t in (node.targets if isinstance(node, ast.Assign) else [node.target]):
            name = _name(t)
            if name:
                yield name
    elif isinstance(node, (ast.For, ast.AsyncFor)):
        name = _name(node.target)
        if name:
            yield name


def _slot_aliases(node: ast.AST) -> Iterator[tuple[str, str]]:
    """`s = x[i]` -> ("s", "x"): a local that holds one slot of `x`."""
    if isinstance(node, ast.Assign):
        owner = _slot_owner(node.value)
        if owner:
            yield from ((t.id, owner) for t in node.targets if isinstance(t, ast.Name))


def _slot_mutation(node: ast.AST, slots: dict[str, str]) -> str | None:
    """`x[i].append(..)`, `x[i][j] = ..`, `x[i].a = ..`, `x[i] += ..` -> "x" (or "self.x"); the same
    through a local slot alias `s = x[i]` (`s.append(..)`, `s[j] = ..`)."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in MUTATORS:
        return _slot_owner(node.func.value, slots)
    if isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Subscript):
        return _name(node.target.value) or _slot_owner(node.target.value, slots)
    targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
    for t in targets:
        if isinstance(t, (ast.Subscript, ast.Attribute)):
            owner = _slot_owner(t.value, slots)
            if owner:
                return owner
    return None


def _slot_owner(e: ast.AST, slots: dict[str, str] | None = None) -> str | None:
    """`x[i]` -> "x": a subscript whose base is a tracked name; or a local slot alias of `x`."""
    if isinstance(e, ast.Subscript) and not isinstance(e.slice, ast.Slice):
        return _name(e.value)
    if slots and isinstance(e, ast.Name):
        return slots.get(e.id)
    return None


def _hit(node: ast.AST, name: str, b: _Built, cls: str | None, func: str | None) -> Aliasing:
    short = name.removeprefix("self.")
    symbol = f"{cls}.{short}" if name.startswith("self.") and cls else \
        ".".join(filter(None, (cls if b.function else None, b.function, name)))
    count = b.count
    suggestion = f"[{b.element} for _ in range({count})]"
    return Aliasing(name=name, symbol=symbol, cls=cls, function=func, line=node.lineno,
                    end_line=getattr(node, "end_lineno", node.lineno) or node.lineno, column=node.col_offset,
                    mutation_src=ast.unparse(node).splitlines()[0], built_line=b.line, built_function=b.function,
                    built_src=b.src, count_src=count, suggestion=suggestion)
