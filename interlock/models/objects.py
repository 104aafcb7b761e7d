"""Objects a function reaches through its locals: the elements of its object's containers.

    with self._lock:
        jobs = list(self._jobs)          # `_jobs: list[ScanJob]`: a copy of the container
    for job in jobs:                     # `job` names an element: a `ScanJob` others hold too
        ...
    job = self._jobs.get(key)            # a lookup: the same

A local bound to an element of a container field whose element class is in scope (`list[Job]`,
`dict[str, Job]`) names an object every holder of the container reaches: its fields are that
class's, shared like the container. A local the function builds itself (`job = Job()`) does not.
The facts come from the finished model (events and attribute types), so the extractor's state
machine inference and the checker's access analysis read them alike.
"""
from __future__ import annotations

import re
from typing import Iterator

from interlock.models.program import AttrKind, Branch, Event, EventKind, FunctionInfo, Loop, Node, ProgramModel, Try

#: `self._jobs.get(k)`, `self._jobs[k]`, `self._jobs.setdefault(k, ...)`: one element, looked up
_LOOKUP = r"^\s*{path}\s*(?:\[|\.(?:get|setdefault)\()"
#: iteration ops whose loop variable is an element (not a key: `.keys()`, `.items()`' first name)
_ELEMENT_OPS = frozenset({"for", "[]", "values", "list", "tuple", "sorted", "reversed", "set", "frozenset", "iter"})


def element_class(model: ProgramModel, cls: str | None, path: str) -> str | None:
    """The in-scope element class of the container field `path` (`self._jobs: list[Job]`)."""
    resolved = model.resolve(cls, path)
    info = model.attribute(*resolved) if resolved is not None else None
    if info is None or info.kind is not AttrKind.CONTAINER or info.type_name not in model.classes:
        return None
    return info.type_name


def element_locals(model: ProgramModel, fn: FunctionInfo, cls: str | None = None) -> dict[str, str]:
    """Locals of `fn` naming an element of a container field of its object: local -> class."""
    cls = cls or fn.cls
    copies: dict[str, str] = {}          # local -> the container field it holds a copy of
    out: dict[str, str] = {}
    for node in all_nodes(fn.body):
        if isinstance(node, Event) and node.kind is EventKind.WRITE and node.target and "." not in node.target:
            _bind(model, cls, node, copies, out)
        elif isinstance(node, Loop) and node.header.kind is EventKind.ITERATE and node.target:
            source = copies.get(node.header.target or "", node.header.target or "")
            elem = element_class(model, cls, source) if source else None
            name = _loop_element(node)
            if elem is not None and name is not None:
                out[name] = elem
    return out


def _bind(model: ProgramModel, cls: str | None, ev: Event, copies: dict[str, str], out: dict[str, str]) -> None:
    for path in ev.reads:
        if "." not in path or element_class(model, cls, path) is None:
            continue
        if looks_up(ev, path):
            out[ev.target] = element_class(model, cls, path)
        else:
            copies[ev.target] = path
        return


def looks_up(ev: Event, path: str) -> bool:
    """The value `ev` stores is one element of the container `path` (`self._jobs.get(k)`,
    `self._jobs[k]`, `self._jobs.setdefault(k, ...)`), not the container or a copy of it."""
    return any(re.match(_LOOKUP.format(path=re.escape(name)), ev.value or "") for name in _spellings(path))


def _spellings(path: str) -> tuple[str, ...]:
    """How code may spell the container: `self._jobs`; a module global `app.STOCK` also by its
    bare name (in its own module, or imported with `from app import STOCK`)."""
    head, _, name = path.rpartition(".")
    return (path,) if head in ("self", "cls") else (path, name)


def _loop_element(loop: Loop) -> str | None:
    """The loop variable that takes the elements: `job` of `for job in ...`, `v` of `for k, v in
    d.items()`."""
    names = [n.strip() for n in (loop.target or "").strip("()[] ").split(",")]
    op = loop.header.op or "for"
    if op == "items" and len(names) == 2:
        return names[1] if names[1].isidentifier() else None
    return names[0] if len(names) == 1 and names[0].isidentifier() and op in _ELEMENT_OPS else None


#: body (by id, with the body itself, so the id stays its own) -> its nodes in `all_nodes` order;
#: the linker and the rules walk each body's nodes several times. Emptied when full.
_BODY_NODES: dict[int, tuple[tuple, list[Node]]] = {}


def all_nodes(nodes: tuple[Node, ...]) -> Iterator[Node]:
    """Every node of a body, each before the nodes of its blocks, in source order (from a
    small cache for a frozen body: one walk, not a chain of recursive generators, per body)."""
    if type(nodes) is not tuple:
        return iter(_nodes(nodes, []))
    hit = _BODY_NODES.get(id(nodes))
    if hit is None or hit[0] is not nodes:
        if len(_BODY_NODES) >= 1 << 16:
            _BODY_NODES.clear()
        hit = _BODY_NODES[id(nodes)] = (nodes, _nodes(nodes, []))
    return iter(hit[1])


def _nodes(nodes, out: list[Node]) -> list[Node]:
    for n in nodes:
        out.append(n)
        if isinstance(n, Branch):
            _nodes(n.then, out)
            _nodes(n.orelse, out)
        elif isinstance(n, Loop):
            _nodes(n.body, out)
            _nodes(n.orelse, out)
        elif isinstance(n, Try):
            _nodes(n.body, out)
            for h in n.handlers:
                _nodes(h.body, out)
            _nodes(n.orelse, out)
            _nodes(n.final, out)
    return out


def param_class(model: ProgramModel, fn: FunctionInfo, name: str) -> str | None:
    """The in-scope class of a parameter annotated (or typed by its callers) with one."""
    written = fn.param_types.get(name) if name in fn.params else None
    if not written:
        return None
    return next((q for q in (written, f"{fn.module}.{written}") if q in model.classes), None)
