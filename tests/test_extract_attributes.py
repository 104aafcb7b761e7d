"""Per-file extraction of classes, attributes and module facts; sane facts on real stdlib modules."""
from __future__ import annotations

import sysconfig
from pathlib import Path
from textwrap import dedent

import pytest

from interlock.extractor.modules import extract_file
from interlock.models.program import AttrKind, EventKind

K = AttrKind
LIB = Path(sysconfig.get_paths()["stdlib"])


def fx(src: str, path: str = "pkg/mod.py", module: str = "pkg.mod"):
    return extract_file(dedent(src), path, module)


KINDS = """
import asyncio, collections, multiprocessing, queue, sqlite3, threading
import numpy as np
from concurrent.futures import ThreadPoolExecutor
from sqlalchemy import create_engine
from sqlalchemy.orm import Session, sessionmaker
from threading import Condition, Lock


class Other:
    pass


class C:
    buffer_size: int = 1024
    guard: Lock

    def __init__(self, ctl: "Other", n: int):
        self._lock = Lock()
        self._rlock = threading.RLock()
        self._cond = Condition(self._lock)
        self._sem = threading.BoundedSemaphore(2)
        self._ev = threading.Event()
        self._q = queue.Queue()
        self._mpq = multiprocessing.Queue()
        self._local = threading.local()
        self._alock = asyncio.Lock()
        self._aev = asyncio.Event()
        self._aq = asyncio.Queue()
        self._mplock = multiprocessing.Lock()
        self._thread = threading.Thread(target=self.run)
        self._pool = ThreadPoolExecutor(max_workers=4)
        self._items = []
        self._map = collections.defaultdict(list)
        self._grid = [[0] * 4] * 4
        self._buf = np.zeros(16)
        self._db = sqlite3.connect("x.db", check_same_thread=False)
        self._engine = create_engine("sqlite://", pool_pre_ping=True)
        self._factory = sessionmaker(bind=self._engine)
        self._session = Session(self._engine)
        self._other_session = sessionmaker()()
        self.other = Other()
        self.ctl = ctl
        self.n = n

    def run(self):
        self.n += 1
"""


@pytest.mark.parametrize("name,kind", [
    ("_lock", K.LOCK), ("_rlock", K.RLOCK), ("_cond", K.CONDITION), ("_sem", K.SEMAPHORE),
    ("_ev", K.EVENT), ("_q", K.QUEUE), ("_mpq", K.QUEUE), ("_local", K.THREAD_LOCAL),
    ("_alock", K.ASYNC_LOCK), ("_aev", K.ASYNC_EVENT), ("_aq", K.ASYNC_QUEUE), ("_mplock", K.MP_LOCK),
    ("_thread", K.THREAD), ("_pool", K.EXECUTOR), ("_items", K.CONTAINER), ("_map", K.CONTAINER),
    ("_grid", K.CONTAINER), ("_buf", K.ARRAY), ("_db", K.SQLITE_CONNECTION), ("_engine", K.SQL_ENGINE),
    ("_factory", K.SESSION_FACTORY), ("_session", K.SQL_SESSION), ("_other_session", K.SQL_SESSION),
    ("guard", K.LOCK), ("buffer_size", K.OTHER),
])
def test_attribute_kind_comes_from_the_constructor_or_annotation(name, kind):
    assert fx(KINDS).classes["pkg.mod.C"].attributes[name].kind is kind


def test_condition_lock_of_type_names_and_call_kwargs():
    attrs = fx(KINDS).classes["pkg.mod.C"].attributes
    assert attrs["_cond"].lock_of == "self._lock"
    assert attrs["_lock"].type_name == "threading.Lock"
    assert attrs["other"].type_name == "pkg.mod.Other"
    assert attrs["ctl"].annotation == '"Other"'
    assert attrs["_db"].call_kwargs == {"check_same_thread": "False"}
    assert attrs["_engine"].call_kwargs == {"pool_pre_ping": "True"}
    assert attrs["buffer_size"].is_class_attr and not attrs["_lock"].is_class_attr


def test_init_only_and_write_locations():
    src = """
    class C:
        def __init__(self):
            self.a = 1
            self.b = 2
            self._setup()

        def _setup(self):
            self.c = 3

        def later(self):
            self.b = 4
            self._other()

        def _other(self):
            self.d = 5
    """
    attrs = fx(src).classes["pkg.mod.C"].attributes
    assert attrs["a"].init_only and attrs["c"].init_only
    assert not attrs["b"].init_only and not attrs["d"].init_only
    assert [w.line for w in attrs["b"].writes] == [5, 12]
    assert attrs["b"].value == "2" and attrs["a"].declared_in == "pkg.mod.C"


def test_class_flags_bases_and_methods():
    src = """
    import enum, threading
    from dataclasses import dataclass, field
    from typing import NamedTuple
    from .base import Mixin

    class State(enum.Enum):
        STOPPED = "stopped"
        PLAYING = "playing"
        _ignore_ = ()

    class Worker(threading.Thread, Mixin):
        def run(self):
            pass

    class SubWorker(Worker):
        pass

    @dataclass(frozen=True)
    class Point:
        x: int = 0
        items: list = field(default_factory=list)

    class Pair(NamedTuple):
        a: int

    class P:
        @property
        def value(self):
            return 1

        @staticmethod
        def s():
            pass

        @classmethod
        def c(cls):
            cls.count = 1
    """
    f = fx(src)
    state = f.classes["pkg.mod.State"]
    assert state.is_enum and state.enum_members == ("STOPPED", "PLAYING") and state.bases == ("enum.Enum",)
    worker = f.classes["pkg.mod.Worker"]
    assert worker.bases == ("threading.Thread", "pkg.base.Mixin") and worker.is_thread
    assert worker.methods == {"run": "pkg.mod.Worker.run"} and worker.ancestors == ()
    assert f.classes["pkg.mod.SubWorker"].is_thread
    point = f.classes["pkg.mod.Point"]
    assert point.is_frozen and point.decorators == ("dataclasses.dataclass(frozen=True)",)
    assert point.attributes["items"].kind is K.CONTAINER and not point.attributes["x"].is_class_attr
    assert f.classes["pkg.mod.Pair"].is_frozen
    p = f.functions
    assert p["pkg.mod.P.value"].is_property and f.classes["pkg.mod.P"].attributes["value"].is_property
    assert p["pkg.mod.P.s"].is_static and p["pkg.mod.P.c"].is_classmethod
    assert [e.target for e in p["pkg.mod.P.c"].events() if e.kind is EventKind.WRITE] == ["cls.count"]


def test_mixin_attributes_stay_on_the_mixin_in_its_own_file():
    src = """
    import threading

    class LockMixin:
        def _init_lock(self):
            self._lock = threading.Lock()

        def locked_bump(self):
            with self._lock:
                self.count += 1

    class Player(LockMixin):
        def __init__(self):
            self._init_lock()
            self.count = 0
    """
    f = fx(src)
    assert set(f.classes["pkg.mod.LockMixin"].attributes) == {"_lock", "count"}
    assert f.classes["pkg.mod.LockMixin"].attributes["_lock"].kind is K.LOCK
    assert set(f.classes["pkg.mod.Player"].attributes) == {"count"}
    assert f.functions["pkg.mod.LockMixin.locked_bump"].cls == "pkg.mod.LockMixin"
    held = [e.held for e in f.functions["pkg.mod.LockMixin.locked_bump"].events() if e.kind is EventKind.WRITE]
    assert held == [("self._lock",)]


def test_module_info_imports_functions_classes_and_nested_qualnames():
    src = """
    import numpy as np
    from time import sleep
    from ..util import helper as h

    def outer():
        def worker():
            pass
        return worker

    class A:
        class B:
            def m(self):
                pass
    """
    f = fx(src, "pkg/sub/mod.py", "pkg.sub.mod")
    assert f.module.imports == {"np": "numpy", "sleep": "time.sleep", "h": "pkg.util.helper"}
    assert f.module.functions == ("pkg.sub.mod.outer",)
    assert set(f.module.classes) == {"pkg.sub.mod.A", "pkg.sub.mod.A.B"}
    assert "pkg.sub.mod.outer.worker" in f.functions and "pkg.sub.mod.A.B.m" in f.functions
    assert f.functions["pkg.sub.mod.outer"].loc.line == 6 and f.functions["pkg.sub.mod.outer"].loc.end_line == 9


def test_package_init_resolves_relative_imports_against_itself():
    f = fx("from .engine import Engine\nfrom . import util\n", "pkg/__init__.py", "pkg")
    assert f.module.imports == {"Engine": "pkg.engine.Engine", "util": "pkg.util"}


def _stdlib(rel: str, module: str):
    path = LIB / rel
    if not path.is_file():
        pytest.skip(f"no stdlib source for {rel}")
    f = extract_file(path.read_bytes(), rel, module)
    assert f.diagnostics == ()
    return f


def test_stdlib_queue_has_its_mutex_and_conditions():
    attrs = _stdlib("queue.py", "queue").classes["queue.Queue"].attributes
    assert attrs["mutex"].kind is K.LOCK and attrs["mutex"].init_only
    for cond in ("not_empty", "not_full", "all_tasks_done"):
        assert attrs[cond].kind is K.CONDITION and attrs[cond].lock_of == "self.mutex"
    put = _stdlib("queue.py", "queue").functions["queue.Queue.put"]
    acquires = [e for e in put.events() if e.kind is EventKind.ACQUIRE]
    assert [(e.target, e.op) for e in acquires] == [("self.not_full", "with")]
    assert any(e.kind is EventKind.WAIT and e.held == ("self.not_full",) for e in put.events())
    assert any(e.kind is EventKind.NOTIFY and e.target == "self.not_empty" for e in put.events())


def test_stdlib_threading_classes_and_thread_subclass():
    f = _stdlib("threading.py", "threading")
    assert f.classes["threading.Timer"].is_thread and f.classes["threading.Timer"].bases == ("threading.Thread",)
    thread = f.classes["threading.Thread"].attributes
    assert thread["_started"].kind is K.EVENT
    assert f.module.globals["_active"].kind is K.CONTAINER


def test_stdlib_thread_pool_executor():
    f = _stdlib("concurrent/futures/thread.py", "concurrent.futures.thread")
    attrs = f.classes["concurrent.futures.thread.ThreadPoolExecutor"].attributes
    assert attrs["_shutdown_lock"].kind is K.LOCK and attrs["_work_queue"].kind is K.QUEUE
    assert f.module.globals["_global_shutdown_lock"].kind is K.LOCK
    adjust = f.functions["concurrent.futures.thread.ThreadPoolExecutor._adjust_thread_count"]
    spawns = [e.spawn for e in adjust.events() if e.kind is EventKind.SPAWN]
    assert len(spawns) == 1 and spawns[0].target == "_worker" and spawns[0].via == "threading.Thread"
    assert spawns[0].resolved == "concurrent.futures.thread._worker"


def test_stdlib_asyncio_locks_and_logging():
    locks = _stdlib("asyncio/locks.py", "asyncio.locks")
    assert locks.classes["asyncio.locks.Lock"].attributes["_waiters"].kind in (K.CONTAINER, K.OTHER)
    acquire = locks.functions["asyncio.locks.Lock.acquire"]
    assert acquire.is_async and any(e.kind is EventKind.AWAIT for e in acquire.events())
    logging = _stdlib("logging/__init__.py", "logging")
    assert logging.classes["logging.Handler"].attributes["lock"].kind is K.RLOCK
    assert logging.module.globals["_lock"].kind is K.RLOCK
    handle = logging.functions["logging.Handler.handle"]
    calls = {e.callee: e.resolved for e in handle.events() if e.kind is EventKind.CALL}
    assert calls["self.acquire"] == "logging.Handler.acquire" and calls["self.emit"] == "logging.Handler.emit"
    acquire = logging.functions["logging.Handler.acquire"]
    assert [(e.kind, e.target) for e in acquire.events() if e.kind is EventKind.ACQUIRE] == [
        (EventKind.ACQUIRE, "self.lock")]
