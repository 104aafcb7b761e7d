"""Closure cells: a function's locals that its nested functions share as state.

`def make_tally(): done = 0; def record(): nonlocal done; done += 1; return record` — every
call of `record`, on whichever thread, updates the one `done` of the `make_tally` call that made
it; a router factory's `_jobs = {}` is one dict for all the requests its nested handlers serve.
Such a local is a *cell*: state named `<module>.<function>.<locals>.<name>` (one per defining
function, like a module global), kept in the module's globals under `<function>.<locals>.<name>`.

A captured local is a cell when a nested function rebinds it (`nonlocal`), or when it holds a
container or a lock (mutated in place, or taken, by the closures), or an object the defining
function built (`report = SyncReport()`, whose fields the closures change). Parameters and nested
definitions stay what they were (objects handed in, functions). The defining function's own
accesses stay local accesses: it binds the cell before any closure runs.
"""
from __future__ import annotations

import libcst as cst

from interlock.extractor.attributes import ValueFacts, value_facts
from interlock.extractor.cstwalk import visit
from interlock.models.program import LOCALS, LOCK_KINDS, AttrKind

#: kinds of a captured local that make it shared state of its closures without a `nonlocal`
CELL_KINDS = frozenset({AttrKind.CONTAINER, AttrKind.ARRAY, *LOCK_KINDS})


class _Nonlocals:
    def __init__(self) -> None:
        self.names: set[str] = set()

    def visit_Nonlocal(self, node: cst.Nonlocal) -> None:
        self.names.update(n.name.value for n in node.names)


def nonlocal_names(node: cst.FunctionDef) -> set[str]:
    """Names a nested function (or one nested in it) declares `nonlocal`."""
    found = _Nonlocals()
    visit(node.body, found)
    return found.names


def cell_path(walker, name: str) -> str | None:
    """The cell a free variable `name` of a nested function is, recorded on first use; else None."""
    outer = walker.enclosing(name)
    if outer is None or name in outer.params or name in outer.local_defs:
        return None
    kind = outer.local_kinds.get(name)
    if name not in outer.rebound and kind not in CELL_KINDS and not _built_object(outer, name, kind):
        return None
    key = f"{_in_module(walker.scope, outer.qualname)}{LOCALS}{name}"
    cells = walker.scope.cells
    if key not in cells.attrs:
        facts = ValueFacts(kind or AttrKind.OTHER, outer.local_types.get(name))
        loc = walker.scope.positions.locate(outer.bound_at.get(name), name)
        cells.record(key, facts, None, None, loc, None)
    return walker.scope.qualify(key)


def _built_object(outer, name: str, kind) -> bool:
    """The enclosing function built an object of a class in the local (`report = SyncReport()`):
    its closures reach the one object, whose fields they change in place."""
    type_name = outer.local_types.get(name)
    return type_name is not None and kind in (None, AttrKind.OTHER, AttrKind.OBJECT) \
        and type_name.rsplit(".", 1)[-1].lstrip("_")[:1].isupper()


def on_cell_write(walker, acc, value_node) -> None:
    """`nonlocal x; x = ...` in a nested function: a write of the cell after its binding."""
    if acc.root == "cell" and acc.depth == 0:
        key = _in_module(walker.scope, acc.path)
        loc = walker.out[-1].loc if walker.out else walker.scope.positions.locate(None, None)
        facts = value_facts(walker.scope, value_node) if isinstance(value_node, cst.Call) else ValueFacts()
        walker.scope.cells.record(key, facts, None, None, loc, walker.qualname)


def _in_module(scope, qualname: str) -> str:
    """`pkg.mod.f.g` -> `f.g`: a name as the module's globals key it."""
    return qualname[len(scope.module) + 1:] if scope.module else qualname


def function_attribute(scope, function: str, attr: str) -> str:
    """`next_id.counter` of a module-level `def next_id()`: state kept on the function object,
    one for every caller, kept in the module's globals under `next_id.counter` (recorded on first
    use) and named `<module>.next_id.counter`."""
    key = f"{function}.{attr}"
    if key not in scope.cells.attrs:
        scope.cells.record(key, ValueFacts(AttrKind.OTHER), None, None, scope.positions.locate(None, None), None)
    return scope.qualify(key)


def nested_function_attribute(scope, outer: str, function: str, attr: str) -> str:
    """`wrapper.calls` of a `def wrapper` nested in `outer` (a decorator), used in a function nested
    there too: state kept on the function object `outer` made, named like its cells
    `<module>.<outer>.<locals>.wrapper.calls` (one for every call of `outer`, as cells are)."""
    key = f"{_in_module(scope, outer)}{LOCALS}{function}.{attr}"
    if key not in scope.cells.attrs:
        scope.cells.record(key, ValueFacts(AttrKind.OTHER), None, None, scope.positions.locate(None, None), None)
    return scope.qualify(key)
