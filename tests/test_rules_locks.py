"""Micro cases for the lock rules (IL301-IL304): flagged and silent variants side by side."""
from __future__ import annotations

import pytest

from helpers import codes_of, findings_of

HEADER = """
import threading, time

class Box:
    def __init__(self):
        self._a = threading.{a}()
        self._b = threading.Lock()
        self.items = []
        threading.Thread(target=self._worker, daemon=True).start()
"""


def box(body: str, a: str = "Lock") -> str:
    return HEADER.format(a=a) + body


def test_opposite_nesting_between_thread_and_api_is_a_cycle():
    src = box("""
    def put(self, x):
        with self._a:
            with self._b:
                self.items.append(x)

    def _worker(self):
        with self._b:
            with self._a:
                self.items.clear()
""")
    assert codes_of(src, select=["IL301"]) == {"IL301"}


def test_consistent_order_is_silent():
    src = box("""
    def put(self, x):
        with self._a:
            with self._b:
                self.items.append(x)

    def _worker(self):
        with self._a:
            with self._b:
                self.items.clear()
""")
    assert codes_of(src, select=["IL301"]) == set()


def test_cycle_under_a_common_gate_lock_is_silent():
    src = box("""
    def put(self, x):
        with self._gate:
            with self._a:
                with self._b:
                    self.items.append(x)

    def _worker(self):
        with self._gate:
            with self._b:
                with self._a:
                    self.items.clear()
""").replace("self.items = []", "self.items = []\n        self._gate = threading.Lock()")
    assert codes_of(src, select=["IL301"]) == set()


def test_trylock_inner_acquire_is_not_a_cycle_edge():
    src = box("""
    def put(self, x):
        with self._a:
            with self._b:
                self.items.append(x)

    def _worker(self):
        with self._b:
            if self._a.acquire(blocking=False):
                self.items.clear()
                self._a.release()
""")
    assert codes_of(src, select=["IL301"]) == set()


def test_reacquiring_a_lock_through_a_helper_self_deadlocks():
    src = box("""
    def put(self, x):
        with self._a:
            self._store(x)

    def _store(self, x):
        with self._a:
            self.items.append(x)

    def _worker(self):
        pass
""")
    assert codes_of(src, select=["IL302"]) == {"IL302"}


def test_reentering_through_a_contextmanager_lock_helper_self_deadlocks():
    helper = """
    @contextlib.contextmanager
    def _locked(self):
        with self._a:
            yield

    def put(self, x):
        with self._locked():
            self._store(x)

    def _store(self, x):
        with self._locked():
            self.items.append(x)

    def _worker(self):
        pass
"""
    assert codes_of("import contextlib" + box(helper), select=["IL302"]) == {"IL302"}
    assert codes_of("import contextlib" + box(helper, a="RLock"), select=["IL302"]) == set()


def test_rlock_reentry_is_silent():
    src = box("""
    def put(self, x):
        with self._a:
            self._store(x)

    def _store(self, x):
        with self._a:
            self.items.append(x)

    def _worker(self):
        pass
""", a="RLock")
    assert codes_of(src, select=["IL302", "IL301"]) == set()


def test_same_lock_class_on_another_object_is_not_a_self_deadlock():
    src = box("""
    def put(self, other, x):
        with self._a:
            other.store(x)

    def store(self, x):
        with self._a:
            self.items.append(x)

    def _worker(self):
        pass
""")
    assert codes_of(src, select=["IL302"]) == set()


def test_sleep_under_lock_needed_by_the_api_is_reported():
    src = box("""
    def size(self):
        with self._a:
            return len(self.items)

    def _worker(self):
        while True:
            with self._a:
                self.items.append(1)
                time.sleep(0.5)
""")
    assert codes_of(src, select=["IL304"]) == {"IL304"}


RELAY = """
import multiprocessing, queue, threading

class Relay:
    def __init__(self, given: queue.Queue, n: int):
        self._lock = threading.Lock()
        self._q = {ctor}
        self.count = 0
        threading.Thread(target=self._drain, daemon=True).start()

    def push(self, x):
        with self._lock:
            self.count += 1
            self._q.put(x)

    def _drain(self):
        while True:
            self._q.get()
            with self._lock:
                self.count -= 1
"""


@pytest.mark.parametrize("ctor", ["queue.Queue()", "queue.Queue(0)", "queue.Queue(maxsize=-1)", "queue.SimpleQueue()",
                                  "multiprocessing.Queue()"])
def test_put_on_an_unbounded_queue_under_a_lock_never_waits(ctor):
    assert codes_of(RELAY.format(ctor=ctor), select=["IL304"]) == set()


@pytest.mark.parametrize("ctor", ["queue.Queue(8)", "queue.Queue(maxsize=n)", "queue.LifoQueue(n)", "given"])
def test_put_on_a_bounded_or_handed_in_queue_under_a_lock_is_reported(ctor):
    assert codes_of(RELAY.format(ctor=ctor), select=["IL304"]) == {"IL304"}


def test_condition_wait_releases_its_lock_and_is_silent():
    src = box("""
    def size(self):
        with self._a:
            return len(self.items)

    def _worker(self):
        with self._cond:
            while not self.items:
                self._cond.wait()
""").replace("self.items = []", "self.items = []\n        self._cond = threading.Condition(self._a)")
    assert codes_of(src, select=["IL304"]) == set()


def test_sleep_outside_the_lock_is_silent():
    src = box("""
    def size(self):
        with self._a:
            return len(self.items)

    def _worker(self):
        while True:
            with self._a:
                self.items.append(1)
            time.sleep(0.5)
""")
    assert codes_of(src, select=["IL304"]) == set()


def test_listener_called_under_lock_is_reported_and_snapshot_is_silent():
    bad = box("""
    def subscribe(self, cb):
        with self._a:
            self.items.append(cb)

    def _worker(self):
        with self._a:
            for cb in self.items:
                cb(1)
""")
    good = box("""
    def subscribe(self, cb):
        with self._a:
            self.items.append(cb)

    def _worker(self):
        with self._a:
            listeners = list(self.items)
        for cb in listeners:
            cb(1)
""")
    assert codes_of(bad, select=["IL303"]) == {"IL303"}
    assert codes_of(good, select=["IL303"]) == set()


def test_own_method_called_under_lock_is_not_a_callback():
    src = box("""
    def subscribe(self, cb):
        with self._a:
            self._append(cb)

    def _append(self, cb):
        self.items.append(cb)

    def _worker(self):
        with self._a:
            self.items.clear()
""")
    assert codes_of(src, select=["IL303"]) == set()


REPOSITORY = """
import threading
from typing import Callable
from sqlalchemy.orm import Session

class SettingsRepository:
    def __init__(self, session_factory: {annotation}):
        self._lock = threading.Lock()
        self.session_factory = session_factory
        threading.Thread(target=self.load, daemon=True).start()

    def load(self):
        with self._lock:
            return self.session_factory()

    def save(self):
        with self._lock:
            pass
"""


def test_session_factory_called_under_lock_is_not_a_callback():
    assert codes_of(REPOSITORY.format(annotation="Callable[[], Session]"), select=["IL303"]) == set()
    assert codes_of(REPOSITORY.format(annotation="Callable[[], None]"), select=["IL303"]) == {"IL303"}


MANY_API_SPEC = """
[component]
name = "box"
paths = ["mod.py"]
dimension = "Player Thread Safety"

[[context]]
name = "api"
calls = ["Box.put", "Box.take"]
instances = "many"
"""


def test_cycle_between_two_instances_of_one_context_names_each_instance():
    src = """
import threading

class Box:
    def __init__(self):
        self._a = threading.Lock()
        self._b = threading.Lock()
        self.items = []

    def put(self, x):
        with self._a:
            with self._b:
                self.items.append(x)

    def take(self):
        with self._b:
            with self._a:
                return self.items.pop()
"""
    (f,) = findings_of(src, MANY_API_SPEC, select=["IL301"])
    assert f.contexts == ("api", "api#2")
    assert {s.context for s in f.trace} == {"api", "api#2"}
    waits = [s.context for s in f.trace if s.action.startswith("waits for")]
    assert sorted(waits) == ["api", "api#2"]
    assert "`api` holds" in f.message and "`api#2` holds" in f.message


def test_blocking_under_lock_against_another_instance_of_the_same_context_names_both():
    src = """
import threading, time

class Box:
    def __init__(self):
        self._a = threading.Lock()
        self._b = threading.Lock()
        self.items = []

    def put(self, x):
        with self._a:
            time.sleep(1)
            self.items.append(x)

    def take(self):
        with self._a:
            return self.items.pop()
"""
    (f,) = findings_of(src, MANY_API_SPEC, select=["IL304"])
    assert f.contexts == ("api", "api#2")
    assert [s.context for s in f.trace][-1] == "api#2" and f.trace[-1].action.startswith("waits for")
    assert "which `api#2` acquires" in f.message


def test_callback_under_lock_against_another_instance_of_the_same_context_names_both():
    src = """
import threading

class Box:
    def __init__(self):
        self._a = threading.Lock()
        self._b = threading.Lock()
        self.items = []
        self._listeners = []

    def put(self, x):
        with self._a:
            self.items.append(x)
            for listener in self._listeners:
                listener(x)

    def take(self):
        with self._a:
            return self.items.pop()
"""
    found = findings_of(src, MANY_API_SPEC, select=["IL303"])
    assert [f.contexts for f in found] == [("api", "api#2")]
    assert found[0].trace[-1].context == "api#2" and "`api#2` also acquires" in found[0].message


def test_cycle_trace_shows_where_a_mixin_method_took_its_subclass_lock():
    src = """
import threading

class Ctl:
    def __init__(self):
        self.lock = threading.Lock()
        self.n = 0

    def reset(self):
        with self.lock:
            self.n = 0

class Mixin:
    ctl: Ctl
    _track_lock: threading.Lock

    def load(self):
        with self._track_lock:
            self.ctl.reset()

    def status(self):
        with self.ctl.lock:
            with self._track_lock:
                return self.ctl.n

class Player(Mixin):
    def __init__(self):
        self._track_lock = threading.Lock()
        self.ctl = Ctl()
"""
    spec = MANY_API_SPEC.replace('"Box.put", "Box.take"', '"Player.load", "Player.status"')
    (f,) = findings_of(src, spec, select=["IL301"])
    acquires = [(s.context, s.action) for s in f.trace if s.action.startswith("acquires")]
    assert len(acquires) == 2 and {c for c, _ in acquires} == {"api", "api#2"}
    assert any("Player._track_lock in Mixin.load" in a for _, a in acquires)


def test_lock_of_a_connection_that_also_guards_a_buffer_names_the_buffer_user():
    """The lock serialises the database connection and also guards `_pending`: the finding names
    `log`, which takes the lock for the buffer and waits out the write for nothing, not `flush`,
    which would wait for the connection anyway."""
    src = """
import sqlite3, threading, time

class Journal:
    def __init__(self):
        self._db = sqlite3.connect("j.db", check_same_thread=False)
        self._lock = threading.Lock()
        self._pending = []
        threading.Thread(target=self._run, daemon=True).start()

    def log(self, entry):
        with self._lock:
            self._pending.append(entry)

    def flush(self):
        with self._lock:
            batch, self._pending = self._pending, []
            self._write(batch)

    def _write(self, rows):
        self._db.executemany("INSERT INTO j VALUES (?)", rows)

    def _run(self):
        while True:
            time.sleep(1)
            self.flush()
"""
    (f,) = findings_of(src, select=["IL304"])
    assert f.location.function == "_write" and "Journal.log" in f.message
