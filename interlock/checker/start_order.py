"""Happens-before at start, for methods that refuse to run on an object that was not started.

    class Runner:
        _lock = None                                  # constructed: not started
        def start(self, host, name):                  # an outside call of start ...
            self._host = host
            self._lock = threading.RLock()
            self._log = logging.getLogger(name)
        def submit(self, task):
            if self._lock is None:                    # the gate: only once start has run
                raise NotStarted("not started yet")
            with self._lock:
                self._do_submit(task)                 # ... is ordered before all of this
        def _do_submit(self, task):
            f = self._pool.submit(task.run)
            f.add_done_callback(lambda f: self._host.deliver(f))   # and the work it starts

A method whose first act leaves (raise/return/assert) unless `self.F` no longer holds the value
the object was constructed with (`if self._lock is None: raise`, `assert self._pool is not None`,
`if self.state == STOPPED: raise`, `if self.state != RUNNING: return`), while a start method of
the class (`start`, `startup`, `start_*`, `initialize`, `setup`, `launch`, `begin`) moves F on,
states the class's contract: start first. Its callers call `start()` and, once it returned, the
gated method (a scheduler starts its executors in its own `start()` and only then hands them jobs;
a thread started after `start()` sees its writes, as TSan's and RacerD's happens-before at
`Thread.start()`). No other method may open the gate, unless the gate lets it run only after
start or it is a private helper of start (a public `resume()` setting RUNNING on an object never
started would let the gated method run beside `start`: tests/corpus/il102_gate_reopened_without_start).
So an outside call of the start method (an open-world `public:` entry) is
ordered before every access that follows the gate on the same object: in the gated method and the
private helpers only such methods call on `self`, and in the callbacks, threads and jobs that
only these hand a closure or a method of `self` to. Only each object's own `self.<attr>`, reached
through calls on `self` (or `super()`), is ordered; a thread or callback counts when every place
that starts it is after the gate (tests/corpus/il102_thread_handed_off_after_running_gate).

A start that the object's own code calls again (`def rebind(self, host): self.start(host, ...)`)
runs in the caller's context, whose accesses stay unordered: a restart while tasks run still races
them (tests/corpus/il101_started_before_gated_submit). Known limit: a caller that breaks the
contract (a second `start()` from outside while work runs) is not modelled; nor is the window,
inside one `start()`, between the write of F and the writes after it, which only a caller that
calls the gated method before `start()` returned could see.
"""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from interlock.checker.analysis import CONSTRUCTORS
from interlock.models.gates import initial_value as _initial
from interlock.models.gates import leaves as _leaves
from interlock.models.gates import same_value as _same
from interlock.models.gates import self_field as _self_field
from interlock.models.program import Branch, ContextKind, EventKind, FunctionInfo, ProgramModel, Try

if TYPE_CHECKING:
    from interlock.checker.analysis import Access

#: methods that bring an object to life before any work is handed to it
_STARTS = frozenset({"start", "startup", "initialize", "initialise", "setup", "launch", "begin"})
_SPAWNED = frozenset({ContextKind.THREAD, ContextKind.EXECUTOR, ContextKind.TASK, ContextKind.CALLBACK})
_DEPTH = 4


def is_start(name: str) -> bool:
    return name in _STARTS or name.startswith("start_")


class StartOrder:
    def __init__(self, model: ProgramModel, sites):
        self.model = model
        self._sites = sites                             # spawn target -> [(function, spawn event)]
        self._gates: dict[str, tuple[str, str, bool] | None] = {}
        self._post: dict[tuple[str, str, str], bool] = {}
        self._opens: dict[tuple[str, str, str], bool] = {}
        self._callers: dict[str, list] | None = None

    def apart(self, a: Access, b: Access) -> bool:
        return self._before(a, b) or self._before(b, a)

    def _before(self, s: Access, g: Access) -> bool:
        """`s` is in an outside call of a start method, `g` after a gate that start opens, both on
        one object's own fields."""
        start = self._start_entry(s)
        target = (g.event.target or "").split(".")
        if start is None or len(target) != 2 or target[0] != "self":
            return False
        cls = g.reach.cls or g.function.cls
        scls = s.reach.cls or s.function.cls
        if not cls or not scls or not self._related(cls, scls):
            return False
        if g.context.kind in _SPAWNED and len(g.context.entries) == 1 and _own(g):
            if self._spawned_after(g.context.entries[0], start, cls):
                return True
        return self._after_gate(g, start, cls)

    def _start_entry(self, s: Access) -> FunctionInfo | None:
        """The start method `s`'s context calls from outside (its entry), when `s` is that object's
        own field reached through calls on `self`/`super()`."""
        if s.context.kind is not ContextKind.PUBLIC or not _own(s):
            return None
        entry = s.reach.caller(self.model, 0) if s.reach.chain else s.function
        if entry is None or entry.qualname not in s.context.entries or not entry.cls or not is_start(entry.name):
            return None
        return entry

    def _related(self, a: str, b: str) -> bool:
        ca, cb = self.model.classes.get(a), self.model.classes.get(b)
        return ca is not None and cb is not None and (a in cb.ancestors or b in ca.ancestors)

    def _after_gate(self, g: Access, start: FunctionInfo, cls: str) -> bool:
        """Some function on `g`'s chain is a method gated open by `start`, and every step below it
        is a call on `self`."""
        chain = g.reach.chain
        for i in range(len(chain), -1, -1):
            fn = g.reach.caller(self.model, i) if i < len(chain) else g.function
            if fn is None and i:              # a call on `self` dispatched to an override
                fn = self._callee(g.reach.caller(self.model, i - 1), chain[i - 1], cls)
                if fn is not None and not any(e is chain[i] for e in fn.events()):
                    fn = None
            if fn is None:
                return False
            if self._opened_by(fn, start, cls):
                return True
            if i and not _self_call(chain[i - 1].callee):
                return False
        return False

    def _opened_by(self, fn: FunctionInfo, start: FunctionInfo, cls: str) -> bool:
        """`fn` is a method of `cls`'s lineage whose gate only `start` (or what it calls on
        `self`) opens."""
        if not fn.cls or fn.is_async or fn.is_property or fn.name.startswith("__") or is_start(fn.name):
            return False
        gate = self._gate(fn)
        info = self.model.classes.get(cls)
        if gate is None or info is None or fn.cls not in info.ancestors:
            return False
        field, value, equal = gate
        initial = _initial(self.model, info, field)
        if initial is None:
            return False
        if not equal:                       # runs only once F left its constructed value
            opens = None if _same(value, initial) else False
        else:                               # runs only in one state F is not constructed with
            opens = None if _same(value, initial) else value
        if opens is False or opens is None and equal:
            return False
        return self._moves(start, field, initial, opens, 0) \
            and self._only_starts_open(info, field, initial, opens, start)

    def _only_starts_open(self, info, field: str, initial: str, value: str | None, start: FunctionInfo) -> bool:
        """No method of the lineage but start methods, the methods their gate lets run (and the
        private helpers only these call) writes F a value that opens the gate: a `resume()` that
        sets RUNNING on an object never started would let the gated method run beside `start`."""
        key = (info.qualname, field, start.qualname)
        if key in self._opens:
            return self._opens[key]
        self._opens[key] = True                          # asked again while answering: the gate itself
        before = set(self._post)                         # answers that took the gate as open
        ok = True
        for q in {q for a in info.ancestors if a in self.model.classes for q in self.model.classes[a].methods.values()}:
            fn = self.model.functions.get(q)
            if fn is None or fn.name in CONSTRUCTORS or is_start(fn.name):
                continue
            if any(e.kind is EventKind.WRITE and e.target == f"self.{field}" and e.value is not None
                   and (_same(value, e.value) if value is not None else not _same(e.value, initial))
                   for e in fn.events()) and not self._start_side(fn, start, info.qualname, 0):
                ok = False
                break
        self._opens[key] = ok
        if not ok:
            for k in set(self._post) - before:
                del self._post[k]
        return ok

    def _start_side(self, fn: FunctionInfo, start: FunctionInfo, cls: str, depth: int) -> bool:
        """`fn` runs only inside a start method or after the gate: a method gated open by `start`,
        or a private method that only start methods and such functions call on `self`."""
        if self._post_gate(fn, start, cls, 0):
            return True
        if depth >= _DEPTH or not fn.name.startswith("_") or fn.name.startswith("__"):
            return False
        callers = [c for c in self._calls_of(fn.name) or () if c is not fn]
        return bool(callers) and all(is_start(c.name) or self._start_side(c, start, cls, depth + 1) for c in callers)

    def _moves(self, fn: FunctionInfo, field: str, initial: str, value: str | None, depth: int) -> bool:
        """`fn`, or what it calls on `self`/`super()`, writes `self.F` a value other than the
        initial one (`value` exactly, when given)."""
        for e in fn.events():
            if e.kind is EventKind.WRITE and e.target == f"self.{field}" and e.value is not None:
                if (_same(value, e.value) if value is not None else not _same(e.value, initial)):
                    return True
            elif e.kind is EventKind.CALL and depth < _DEPTH and _self_call(e.callee):
                callee = self._callee(fn, e, None)
                if callee is not None and callee is not fn and self._moves(callee, field, initial, value, depth + 1):
                    return True
        return False

    def _callee(self, fn: FunctionInfo | None, call, cls: str | None) -> FunctionInfo | None:
        """The method a call on `self` runs: `self.m()` dispatched on `cls` (when known), `super().m()`
        and `super(Cls, self).m()` on the next class of the caller's lineage that has `m`."""
        name = (call.callee or "").rsplit(".", 1)[-1]
        if (call.callee or "").startswith("super("):
            if call.resolved in self.model.functions:
                return self.model.functions[call.resolved]
            info = self.model.classes.get(fn.cls or "") if fn is not None else None
            for a in info.ancestors[1:] if info is not None else ():
                base = self.model.classes.get(a)
                q = base.methods.get(name) if base is not None else None
                if q in self.model.functions:
                    return self.model.functions[q]
            return None
        info = self.model.classes.get(cls or "")
        q = info.methods.get(name) if info is not None else None
        return self.model.functions.get(q or call.resolved or "")

    def _gate(self, fn: FunctionInfo) -> tuple[str, str, bool] | None:
        if fn.qualname not in self._gates:
            self._gates[fn.qualname] = _gate(fn)
        return self._gates[fn.qualname]

    def _spawned_after(self, entry: str, start: FunctionInfo, cls: str) -> bool:
        """Every place that starts `entry` hands it a closure of, or a method of `self` from, a
        function that runs only after the gate."""
        where = self._sites.get(entry, ())
        if not where:
            return False
        for fn, ev in where:
            target = (ev.spawn.target or "").strip()
            nested = entry.startswith(fn.qualname + ".") and "." not in entry[len(fn.qualname) + 1:]
            if not (nested or _self_call(target)) or not self._post_gate(fn, start, cls, 0):
                return False
        return True

    def _post_gate(self, fn: FunctionInfo, start: FunctionInfo, cls: str, depth: int) -> bool:
        """`fn` is a method gated open by `start`, or a private method that only such functions
        call, on `self`, and nothing hands to a thread, a loop or a callback."""
        key = (fn.qualname, start.qualname, cls)
        if key in self._post:
            return self._post[key]
        self._post[key] = False                          # a cycle of calls: not shown
        ok = self._opened_by(fn, start, cls)
        if not ok and depth < _DEPTH and fn.cls and fn.name.startswith("_") and not fn.name.startswith("__") \
                and not any(q.rsplit(".", 1)[-1] == fn.name for q in self._sites):
            callers = self._calls_of(fn.name)
            if callers is not None:                  # (its own `super().f()` goes to the base)
                callers = [c for c in callers if c is not fn]
            ok = bool(callers) and all(self._post_gate(c, start, cls, depth + 1) for c in callers)
        self._post[key] = ok
        return ok

    def _calls_of(self, name: str) -> list[FunctionInfo] | None:
        """The functions that call a method named `name`: on `self`/`super()` from methods of
        classes related to the caller's; [] when any call of it is on another object."""
        if self._callers is None:
            self._callers = {}
            for fn in self.model.functions.values():
                for e in fn.events():
                    if e.kind is EventKind.CALL and e.callee and "." in e.callee:
                        self._callers.setdefault(e.callee.rsplit(".", 1)[-1], []).append((fn, e))
        out = []
        for fn, e in self._callers.get(name, ()):
            if not _self_call(e.callee):
                return []                                # called on another object too
            out.append(fn)
        return out


def _gate(fn: FunctionInfo) -> tuple[str, str, bool] | None:
    """(F, V, equal): the body opens with a test of `self.F` that leaves (raise/return) unless F
    equals V (`equal`) or differs from it. Only reads may come before it."""
    for node in fn.body:
        if isinstance(node, Branch):
            return _test(node)
        if isinstance(node, Try) or getattr(node, "node", None) != "event" or node.kind is not EventKind.READ:
            return None
    return None


def _test(node: Branch) -> tuple[str, str, bool] | None:
    try:
        expr = ast.parse(node.cond.value or "", mode="eval").body
    except SyntaxError:
        return None
    if node.cond.op == "assert":           # `assert cond`: then empty, the raise in orelse
        if node.then or not _leaves(node.orelse):
            return None
        return _passes(expr, True)
    if not _leaves(node.then) or node.orelse:
        return None
    return _passes(expr, False)


def _passes(expr: ast.expr, truth: bool) -> tuple[str, str, bool] | None:
    """(F, V, equal): `expr` evaluating to `truth` says `self.F` equals V (`equal`) or differs from
    it; V "None" stands for any falsy value when only truthiness is tested."""
    if isinstance(expr, ast.UnaryOp) and isinstance(expr.op, ast.Not):
        return _passes(expr.operand, not truth)
    field = _self_field(expr)
    if field is not None:
        return field, "None", not truth
    if isinstance(expr, ast.Compare) and len(expr.ops) == 1:
        field = _self_field(expr.left)
        op = expr.ops[0]
        if field is None or not isinstance(op, (ast.Eq, ast.Is, ast.NotEq, ast.IsNot)):
            return None
        equal = isinstance(op, (ast.Eq, ast.Is)) == truth
        return field, ast.unparse(expr.comparators[0]), equal
    return None


def _self_call(callee: str | None) -> bool:
    """`self.m(...)` or `super().m(...)`/`super(Cls, self).m(...)`."""
    c = (callee or "").strip()
    if c.startswith("self."):
        return c.count(".") == 1
    return c.startswith("super(") and c.count(").") == 1 and c.rsplit(").", 1)[-1].isidentifier()


def _own(a: Access) -> bool:
    """`self.<attr>` of the context's object, reached through calls on `self`/`super()` only."""
    parts = (a.event.target or "").split(".")
    return len(parts) == 2 and parts[0] == "self" and all(_self_call(c.callee) for c in a.reach.chain)
