"""Callables registered in a container field, and the calls of its elements that reach them."""
from __future__ import annotations

from textwrap import dedent

from interlock.extractor import extract
from interlock.models.program import EventKind

SOURCE = '''
import functools


class Bus:
    def __init__(self):
        self._subs = []
        self._named = {}
        self._groups = {}
        self._unused = []

    def add(self, cb):
        self._subs.insert(0, cb)

    def name(self, key, cb):
        self._named[key] = cb

    def group(self, topic, cb):
        self._groups.setdefault(topic, []).append(cb)

    def keep(self, item):
        self._unused.append(item)

    def fire_copy(self, x):
        cbs = self._subs.copy()
        for cb in cbs:
            cb(x)

    def fire_values(self, x):
        for cb in list(self._named.values()):
            cb(x)

    def fire_key(self, key, x):
        self._named[key](x)

    def fire_got(self, key, x):
        cb = self._named.get(key)
        if cb is not None:
            cb(x)

    def fire_group(self, topic, x):
        for cb in self._groups.get(topic, ()):
            cb(x)

    def fire_unused(self, x):
        for item in self._unused:
            item(x)


def tell(x):
    pass


class User:
    def __init__(self, bus: Bus):
        bus.add(self.on)
        bus.add(tell)
        bus.name("k", lambda x: self.on(x))
        bus.group("t", functools.partial(self.on_topic, "t"))
        bus.keep(3)

    def on(self, x):
        pass

    def on_topic(self, topic, x):
        pass
'''


def _targets(tmp_path) -> dict[str, list[tuple[str, str | None]]]:
    (tmp_path / "bus.py").write_text(dedent(SOURCE))
    model = extract(tmp_path, use_cache=False)
    return {q.rsplit(".", 1)[1]: [(e.resolved, e.target) for e in f.events() if e.kind is EventKind.CALL]
            for q, f in model.functions.items() if ".fire_" in q}


def test_each_element_call_reaches_every_registered_callable(tmp_path):
    got = _targets(tmp_path)
    assert got["fire_copy"] == [("bus.User.on", "self._subs"), ("bus.tell", "self._subs")]
    lam = [("bus.User.__init__.<lambda:58>", "self._named")]
    assert got["fire_values"] == got["fire_key"] == lam
    assert got["fire_got"][-1:] == lam
    assert got["fire_group"][-1:] == [("bus.User.on_topic", "self._groups")]


def test_a_container_nothing_registers_a_callable_in_resolves_to_nothing(tmp_path):
    assert _targets(tmp_path)["fire_unused"] == [(None, None)]
