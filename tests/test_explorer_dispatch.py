"""Dispatch tables and command loops as the explorer's compiler sees them (universe.dispatch_tables,
Compiler.command_loop, compile._yield_withs)."""
from __future__ import annotations

import ast
from textwrap import dedent

from interlock.checker.explorer.compile import _yield_withs, compile_entries
from interlock.checker.explorer.universe import universe_from_source

TABLES = '''
import queue

class Box:
    def __init__(self):
        self._q = queue.Queue()
        self._built = {"a": self._a}
        self._filled = {}
        self._filled["b"] = self._b
        self.register("c", self._c)
        self._mixed = {}
        self._mixed["x"] = self._a
        self._mixed["y"] = lambda: None
        self._foreign = {"a": self._a}

    def replace(self, table):
        self._foreign = table

    def register(self, name, fn):
        self._filled[name] = fn

    def _a(self): pass
    def _b(self): pass
    def _c(self): pass

    def run(self):
        while True:
            name = self._next()
            self._filled[name]()

    def _next(self):
        return self._q.get()
'''


def _box():
    uni = universe_from_source(dedent(TABLES))
    return uni, uni.find("Box")


def test_tables_built_in_init_or_filled_later_by_store_or_registering_method():
    _, box = _box()
    tables = {attr: [m for _, m in arms] for attr, arms in box.dispatch.items()}
    assert tables["_built"] == ["_a"]
    assert sorted(tables["_filled"]) == ["_b", "_c"]
    # a lambda stored, or the field rebound to a parameter: where a call lands is unknown
    assert "_mixed" not in tables and "_foreign" not in tables


def test_a_call_through_a_table_branches_per_handler_on_the_key():
    uni, box = _box()
    ops = compile_entries(uni, [(box, "run")], passes=2)
    keys = [op.a for op in ops if op.kind == "branch" and op.a[0] == "cmp" and op.a[1] == "=="]
    assert {k[3] for k in keys} == {("c", "b"), ("c", "c")}
    # the helper's get makes the loop a command loop: two passes when asked
    assert sum(op.kind == "qget" for op in ops) == 2


def test_acquire_before_yield_released_in_finally_is_held_at_the_yield():
    fn = ast.parse(dedent('''
        def guard(self):
            self._lock.acquire()
            try:
                yield
            finally:
                self._lock.release()
    ''')).body[0]
    assert _yield_withs(fn.body, "self", ()) == [("_lock",)]
    released = ast.parse(dedent('''
        def guard(self):
            self._lock.acquire()
            self._lock.release()
            yield
    ''')).body[0]
    assert _yield_withs(released.body, "self", ()) == [()]
