"""Constructor parameters that hold a lock although nothing annotates them.

`self._lock = lock` types the field from the parameter's annotation (`lock: threading.Lock`).
Without one, the parameter is still known to hold a lock when:

- the constructor fills it with a lock itself when none is given (`lock = lock or RLock()`,
  `if lock is None: lock = threading.RLock()`), or
- every construction of the class in the file passes one: a lock built right there
  (`Ledger(threading.Lock())`), a local of the caller bound once to a new lock (`books =
  threading.Lock(); Ledger(books); Auditor(ledger, books)`), a lock global, or a lock field of
  the calling object (`Worker(self._lock)`).

A class that is a lock itself (it defines `__enter__` or `acquire`, as `threading.Condition`
does around the lock it is handed) is left alone: its callers hold that lock around its methods
(tests/corpus/il103_counter_beside_condition_like_gate).

The field is then a lock (`with self._lock:` takes it), and the linker makes the fields that one
lock object is handed to one lock (link._injected_locks; tests/corpus/il202_unannotated_lock_handed_to_two_classes,
il103_lock_param_filled_when_missing).
"""
from __future__ import annotations

import re

import libcst as cst

from interlock.extractor.attributes import ValueFacts, _Returns, value_facts
from interlock.extractor.cstwalk import findall, visit
from interlock.extractor.imports import dotted
from interlock.extractor.scope import FileScope
from interlock.models.program import LOCK_KINDS, AttrKind

#: a class with these methods is a lock itself (threading.Condition wraps the lock it is handed):
#: its callers hold that lock around its other methods, a protocol not modelled here, so its
#: field keeps the kind its own code shows
LOCK_PROTOCOL = frozenset({"__enter__", "acquire"})

#: construction site: (the call, the function it is made in or None, the class that function is a method of or None)
Site = tuple[cst.Call, "cst.FunctionDef | None", "cst.ClassDef | None"]


def lock_params(scope: FileScope, qualname: str, fn: cst.FunctionDef) -> dict[str, ValueFacts]:
    """Parameter -> lock facts for the unannotated parameters of `fn`, the constructor of class
    `qualname`, that hold a lock (see the module docstring)."""
    params = [*fn.params.posonly_params, *fn.params.params][1:]
    open_ = [p.name.value for p in [*params, *fn.params.kwonly_params] if p.annotation is None]
    facts = scope.classes.get(_local_name(scope, qualname))
    wrapped: set[str] = set()
    if facts is not None and facts.methods & LOCK_PROTOCOL:
        # a lock wrapper (`__enter__` acquires `self._lock`, `__exit__` releases it) holds the
        # lock it is handed in that field, whatever its callers pass (a lock by its use)
        wrapped = _wrapped_params(fn, facts)
        open_ = [n for n in open_ if n in wrapped]
    if not open_:
        return {}
    out = {}
    filled = _Returns()
    visit(fn.body, filled)
    for name in open_:
        values = filled.values_of.get(name, [])
        kinds = {_kind(scope, v) for v in values}
        if values and len(kinds) == 1 and None not in kinds:
            out[name] = ValueFacts(kinds.pop())
    rest = [n for n in open_ if n not in out]
    sites = _constructions(scope).get(_local_name(scope, qualname), []) if rest else []
    positional = [p.name.value for p in params]
    for name in rest:
        kinds = set()
        for call, caller, owner in sites:
            arg = _argument(call, positional, name)
            kinds.add(_arg_kind(scope, arg, caller, owner) if arg is not None else None)
        if sites and len(kinds) == 1 and None not in kinds:
            out[name] = ValueFacts(kinds.pop())
        elif (not sites and _LOCK_NAME.search(name)) or name in wrapped:
            # built in another file (`CacheStats(self._lock)`): a parameter named as a lock is one;
            # the linker makes it the lock the constructions pass (link._injected_locks)
            out[name] = ValueFacts(AttrKind.LOCK)
    return out


def _wrapped_params(fn: cst.FunctionDef, facts) -> set[str]:
    """Parameters of a lock wrapper's constructor bound to a field its `__enter__` holds on return
    and its `__exit__` releases (`self._lock = lock`; lockhelpers._entered_locks)."""
    entered = {p for m in ("__enter__", "__aenter__") if (h := facts.lock_helpers.get(m)) is not None
               for p in h.locks}
    if not entered or not fn.params.params:
        return set()
    self_name = fn.params.params[0].name.value
    out = set()
    for a in findall(fn.body, cst.Assign):
        if isinstance(a.value, cst.Name):
            for t in a.targets:
                path = dotted(t.target)
                if path is not None and path.partition(".")[0] == self_name \
                        and f"self.{path.partition('.')[2]}" in entered:
                    out.add(a.value.value)
    return out


#: a parameter named as a lock (`lock`, `db_lock`, `mutex`), not a condition or a semaphore
_LOCK_NAME = re.compile(r"(?:^|_)(?:r?lock|mutex)$", re.I)


def _kind(scope: FileScope, node) -> AttrKind | None:
    """The lock kind of a value (`threading.RLock()`, `lock or threading.RLock()`), else None."""
    if node is None:
        return None
    kind = value_facts(scope, node).kind
    return kind if kind in LOCK_KINDS else None


def _local_name(scope: FileScope, qualname: str) -> str:
    prefix = scope.module + "."
    return qualname[len(prefix):] if scope.module and qualname.startswith(prefix) else qualname


def _argument(call: cst.Call, positional: list[str], name: str) -> cst.BaseExpression | None:
    """What `call` passes for parameter `name` (None: nothing, or not known: `*args`, `**kw`)."""
    if any(a.star for a in call.args):
        return None
    for a in call.args:
        if a.keyword is not None and a.keyword.value == name:
            return a.value
    plain = [a for a in call.args if a.keyword is None]
    i = positional.index(name) if name in positional else -1
    return plain[i].value if 0 <= i < len(plain) else None


def _arg_kind(scope: FileScope, arg: cst.BaseExpression, caller, owner) -> AttrKind | None:
    """The lock kind of the object `arg` names where the construction is made."""
    if isinstance(arg, cst.Call):
        return _kind(scope, arg)
    if isinstance(arg, cst.Name):
        if caller is not None:
            params = {p.name.value for p in (*caller.params.posonly_params, *caller.params.params,
                                             *caller.params.kwonly_params)}
            if arg.value in params:
                return None
            found = _Returns()
            visit(caller.body, found)
            values = found.values_of.get(arg.value)
            if values is not None:
                return _kind(scope, values[0]) if len(values) == 1 else None
        glob = scope.globals.get(arg.value)
        return glob.kind if glob is not None and glob.kind in LOCK_KINDS else None
    path = dotted(arg)
    if path is None or owner is None or caller is None or not caller.params.params:
        return None
    head, _, field = path.partition(".")
    if head != caller.params.params[0].name.value or not field or "." in field:
        return None
    found = _FieldValues(head, field)
    visit(owner, found)
    kinds = {_kind(scope, v) for v in found.values}
    return kinds.pop() if found.values and len(kinds) == 1 else None


class _FieldValues:
    """The values assigned to `self.<field>` anywhere in a class body."""

    def __init__(self, self_name: str, field: str) -> None:
        self.self_name, self.field = self_name, field
        self.values: list = []

    def visit_Assign(self, node: cst.Assign) -> None:
        for t in node.targets:
            if dotted(t.target) == f"{self.self_name}.{self.field}":
                self.values.append(node.value)


class _Sites:
    """Calls of a name (`Ledger(...)`) with the function and class they are made in."""

    def __init__(self, out: dict[str, list[Site]], fn, owner) -> None:
        self.out, self.fn, self.owner = out, fn, owner

    def visit_Call(self, node: cst.Call) -> None:
        name = dotted(node.func)
        if name:
            self.out.setdefault(name, []).append((node, self.fn, self.owner))

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        for d in node.decorators:
            visit(d, self)
        visit(node.body, _Sites(self.out, node, self.owner if self.fn is None else None))
        return False

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        for d in node.decorators:
            visit(d, self)
        for stmt in node.body.body if isinstance(node.body, cst.IndentedBlock) else ():
            visit(stmt, _Sites(self.out, self.fn, node))
        return False


def _constructions(scope: FileScope) -> dict[str, list[Site]]:
    """Every call in the file by the dotted name it calls, computed once per file."""
    if scope.calls is None:
        scope.calls = {}
        visit(scope.tree, _Sites(scope.calls, None, None))
    return scope.calls

