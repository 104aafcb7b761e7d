"""Every lock kind and every way of taking one, as the extractor records it: attribute kinds,
acquire/release/await events with their held sets and exact locations, interprocedural locksets,
and the lock graph (conditions share their lock, reentrant kinds make no self-edge)."""
from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest

from interlock.extractor import extract
from interlock.extractor.modules import extract_file
from interlock.models.location import Location
from interlock.models.program import AttrKind as A, EventKind as E

KINDS = """
import asyncio
import multiprocessing
import queue
import threading
from asyncio import Condition as ACondition
from multiprocessing import RLock as MpRLock
from threading import Semaphore


class C:
    def __init__(self):
        self.lock = threading.Lock()
        self.rlock = threading.RLock()
        self.cond = threading.Condition(self.lock)
        self.own_cond = threading.Condition()
        self.sem = Semaphore(2)
        self.bsem = threading.BoundedSemaphore(1)
        self.event = threading.Event()
        self.queue = queue.Queue(maxsize=8)
        self.simple = queue.SimpleQueue()
        self.local = threading.local()
        self.alock = asyncio.Lock()
        self.aevent = asyncio.Event()
        self.aqueue = asyncio.Queue()
        self.acond = ACondition()
        self.asem = asyncio.Semaphore(3)
        self.mplock = multiprocessing.Lock()
        self.mprlock = MpRLock()
        self.mpcond = multiprocessing.Condition()
        self.mpsem = multiprocessing.Semaphore(2)
        self.mpevent = multiprocessing.Event()
"""


def test_every_lock_kind_with_its_constructor():
    attrs = extract_file(dedent(KINDS), "pkg/mod.py", "pkg.mod").classes["pkg.mod.C"].attributes
    got = {n: (a.kind, a.type_name, a.lock_of) for n, a in attrs.items()}
    assert got == {
        "lock": (A.LOCK, "threading.Lock", None),
        "rlock": (A.RLOCK, "threading.RLock", None),
        "cond": (A.CONDITION, "threading.Condition", "self.lock"),
        "own_cond": (A.CONDITION, "threading.Condition", None),
        "sem": (A.SEMAPHORE, "threading.Semaphore", None),
        "bsem": (A.SEMAPHORE, "threading.BoundedSemaphore", None),
        "event": (A.EVENT, "threading.Event", None),
        "queue": (A.QUEUE, "queue.Queue", None),
        "simple": (A.QUEUE, "queue.SimpleQueue", None),
        "local": (A.THREAD_LOCAL, "threading.local", None),
        "alock": (A.ASYNC_LOCK, "asyncio.Lock", None),
        "aevent": (A.ASYNC_EVENT, "asyncio.Event", None),
        "aqueue": (A.ASYNC_QUEUE, "asyncio.Queue", None),
        "acond": (A.ASYNC_CONDITION, "asyncio.Condition", None),
        "asem": (A.ASYNC_SEMAPHORE, "asyncio.Semaphore", None),
        "mplock": (A.MP_LOCK, "multiprocessing.Lock", None),
        "mprlock": (A.RLOCK, "multiprocessing.RLock", None),      # reentrant, like threading's
        "mpcond": (A.CONDITION, "multiprocessing.Condition", None),
        "mpsem": (A.SEMAPHORE, "multiprocessing.Semaphore", None),
        "mpevent": (A.EVENT, "multiprocessing.Event", None),
    }
    assert all(a.init_only for a in attrs.values())


USES = KINDS + """
    def sync_forms(self):
        with self.sem:
            self.local.value = 1
        self.mplock.acquire()
        try:
            self.n = 1
        finally:
            self.mplock.release()
        if self.mplock.acquire(block=False):
            self.mplock.release()
        if self.rlock.acquire(timeout=0.5):
            self.rlock.release()

    async def async_forms(self):
        await self.alock.acquire()
        try:
            self.v = 1
        finally:
            self.alock.release()
        async with self.acond:
            await self.acond.wait()
            self.acond.notify_all()
        async with self.asem:
            await self.aqueue.put(1)
"""


def _events(fn: str, kinds=(E.ACQUIRE, E.RELEASE, E.WRITE, E.WAIT, E.NOTIFY, E.AWAIT)):
    f = extract_file(dedent(USES), "pkg/mod.py", "pkg.mod").functions[f"pkg.mod.C.{fn}"]
    return [(e.kind, e.target, e.op, e.held, e.loc.line) for e in f.events() if e.kind in kinds]


def test_semaphore_with_and_multiprocessing_acquire_forms():
    assert _events("sync_forms") == [
        (E.ACQUIRE, "self.sem", "with", (), 35),
        (E.WRITE, "self.local.value", "=", ("self.sem",), 36),
        (E.RELEASE, "self.sem", "with", (), 36),
        (E.ACQUIRE, "self.mplock", "call", (), 37),
        (E.WRITE, "self.n", "=", ("self.mplock",), 39),
        (E.RELEASE, "self.mplock", "call", (), 41),
        (E.ACQUIRE, "self.mplock", "try", (), 42),          # block=False: may not get it
        (E.RELEASE, "self.mplock", "call", (), 43),
        (E.ACQUIRE, "self.rlock", "try", (), 44),           # timeout=...
        (E.RELEASE, "self.rlock", "call", (), 45),
    ]


def test_asyncio_lock_condition_and_semaphore_forms():
    assert _events("async_forms") == [
        (E.ACQUIRE, "self.alock", "call", (), 48),
        (E.AWAIT, "self.alock.acquire", None, ("self.alock",), 48),
        (E.WRITE, "self.v", "=", ("self.alock",), 50),
        (E.RELEASE, "self.alock", "call", (), 52),
        (E.ACQUIRE, "self.acond", "async with", (), 53),
        (E.AWAIT, "self.acond", None, ("self.acond",), 53),
        (E.WAIT, "self.acond", "wait", ("self.acond",), 54),
        (E.AWAIT, "self.acond.wait", None, ("self.acond",), 54),
        (E.NOTIFY, "self.acond", "notify_all", ("self.acond",), 55),
        (E.RELEASE, "self.acond", "async with", (), 55),
        (E.ACQUIRE, "self.asem", "async with", (), 56),
        (E.AWAIT, "self.asem", None, ("self.asem",), 56),
        (E.AWAIT, "self.aqueue.put", None, ("self.asem",), 57),
        (E.RELEASE, "self.asem", "async with", (), 57),
    ]


HELPERS = """
import threading
from contextlib import contextmanager

_REGISTRY_LOCK = threading.Lock()


@contextmanager
def registry_locked():
    with _REGISTRY_LOCK:
        yield


class Base:
    def __init__(self):
        self._lock = threading.RLock()
        self._file = open("log.txt", "a")

    @property
    def lock(self):
        return self._lock

    @contextmanager
    def _sometimes(self, fast):
        if fast:
            with self._lock:
                yield
        else:
            yield

    @contextmanager
    def _writing(self):
        with self._file:
            yield self._file


class C(Base):
    def inherited(self):
        with self.lock:
            self.a = 1
        with registry_locked():
            self.b = 2

    def not_locks(self):
        with self._sometimes(True):
            self.c = 3
        with self._writing() as f:
            self.d = f
"""


def test_lock_helpers_of_the_file_hold_the_lock_they_name():
    fns = extract_file(dedent(HELPERS), "pkg/mod.py", "pkg.mod").functions
    got = [(e.kind, e.target, e.held) for e in fns["pkg.mod.C.inherited"].events() if e.kind in (E.ACQUIRE, E.WRITE)]
    assert got == [(E.ACQUIRE, "self._lock", ()), (E.WRITE, "self.a", ("self._lock",)),
                   (E.ACQUIRE, "pkg.mod._REGISTRY_LOCK", ()), (E.WRITE, "self.b", ("pkg.mod._REGISTRY_LOCK",))]
    # a yield outside the lock, or a `with` on something that is no lock: nothing held
    assert [e.held for e in fns["pkg.mod.C.not_locks"].events() if e.kind is E.WRITE] == [(), ()]


REGIONS = """
import threading
from contextlib import contextmanager


class Gate:
    def __init__(self):
        self._cv = threading.Condition()
        self._users = 0
        self._owner = False
        self._open = True

    @contextmanager
    def share(self):
        with self._cv:
            while self._owner or not self._open:
                self._cv.wait()
            self._users += 1
        try:
            yield
        finally:
            with self._cv:
                self._users -= 1

    @contextmanager
    def own(self):
        with self._cv:
            while self._owner or self._users > 0:
                self._cv.wait()
            self._owner = True
        try:
            yield
        finally:
            with self._cv:
                self._owner = False

    @contextmanager
    def unclaimed(self):                # the claim is taken back before the yield
        with self._cv:
            while self._owner:
                self._cv.wait()
            self._owner = True
        self._owner = False
        yield

    @contextmanager
    def claim_outside(self):            # tested in one section, claimed after it
        with self._cv:
            while self._owner:
                self._cv.wait()
        self._owner = True
        yield

    @contextmanager
    def waits_after_claim(self):        # a wait after the claim gives the lock away
        with self._cv:
            while self._owner:
                self._cv.wait()
            self._owner = True
            self._cv.wait()
        yield
"""


def test_condition_regions_record_their_waits_and_claims():
    from interlock.checker.regions import region_locks
    from interlock.models.program import ProgramModel

    fns = extract_file(dedent(REGIONS), "gate.py", "gate").functions
    facts = {q.rsplit(".", 1)[1]: f.exclusion for q, f in fns.items()}
    assert facts["share"].lock == "self._cv" and facts["share"].claims == ("self._users",)
    assert facts["share"].waits == ("self._owner", "not self._open")
    assert facts["own"].waits == ("self._owner", "self._users") and facts["own"].claims == ("self._owner",)
    assert facts["unclaimed"] is None and facts["claim_outside"] is None and facts["waits_after_claim"] is None
    table = region_locks(ProgramModel(root=".", functions=fns))
    assert table == {"gate.Gate.own": "gate.Gate.own()", "gate.Gate.share": "gate.Gate.own()~shared"}


def test_events_carry_path_line_column_and_end():
    f = extract_file(dedent(USES), "pkg/mod.py", "pkg.mod").functions["pkg.mod.C.sync_forms"]
    acquire, write = [e for e in f.events() if e.kind in (E.ACQUIRE, E.WRITE)][:2]
    assert acquire.loc == Location(path="pkg/mod.py", line=35, column=13, end_line=35, end_column=21)
    assert write.loc == Location(path="pkg/mod.py", line=36, column=12, end_line=36, end_column=28)


def write_tree(root: Path, files: dict[str, str]) -> Path:
    for rel, src in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(dedent(src).lstrip("\n"))
    return root


PROGRAM = {
    "eng/__init__.py": "",
    "eng/mixer.py": """
        import threading


        class Mixer:
            def __init__(self):
                self._lock = threading.Lock()
                self.level = 0

            def set_level(self, v):
                with self._lock:
                    self.level = v
        """,
    "eng/engine.py": """
        import threading

        from eng.mixer import Mixer

        _registry_lock = threading.Lock()
        _registry = []


        class Engine:
            def __init__(self, mixer: Mixer):
                self.mixer = mixer
                self._lock = threading.Lock()
                self._cond = threading.Condition(self._lock)
                self._own = threading.Condition()
                self._rlock = threading.RLock()
                self.frames = 0

            def start(self):
                threading.Thread(target=self._run).start()

            def _run(self):
                with self._lock:
                    self._step()
                    self.mixer.set_level(1)

            def _step(self):
                self._count()

            def _count(self):
                self.frames += 1

            def wait_frames(self):
                with self._lock:
                    with self._cond:
                        pass

            def own_condition(self):
                with self._own:
                    with self._own:
                        pass

            def reentrant(self):
                with self._rlock:
                    self._again()

            def _again(self):
                with self._rlock:
                    self._count()

            def register(self):
                with _registry_lock:
                    _add(self)


        def _add(engine):
            _registry.append(engine)
        """,
}


@pytest.fixture(scope="module")
def program(tmp_path_factory):
    return extract(write_tree(tmp_path_factory.mktemp("locks"), PROGRAM), use_cache=False)


def test_locksets_flow_through_chains_of_private_helpers(program):
    held = {q.rsplit(".", 1)[-1]: f.entry_held for q, f in program.functions.items()
            if q.startswith("eng.engine.")}
    assert held["_step"] == ("self._lock",)
    assert held["_count"] == ()                # also called from _again, under another lock only
    assert held["_again"] == ("self._rlock",)
    assert held["_add"] == ("eng.engine._registry_lock",)
    assert held["_run"] == ()                  # a thread target: no caller holds anything for it
    assert program.functions["eng.mixer.Mixer.set_level"].entry_held == ()   # public


def test_lock_graph_edges_and_witness_paths(program):
    g = program.lock_graph
    assert g.locks == {"eng.engine.Engine._lock": "lock", "eng.engine.Engine._own": "rlock",
                       "eng.engine.Engine._rlock": "rlock", "eng.engine._registry_lock": "lock",
                       "eng.mixer.Mixer._lock": "lock"}
    edges = {(e.source, e.target): e for e in g.edges}
    assert set(edges) == {
        ("eng.engine.Engine._lock", "eng.mixer.Mixer._lock"),     # through self.mixer.set_level
        ("eng.engine.Engine._lock", "eng.engine.Engine._lock"),   # Condition(self._lock) is that lock
    }
    cross = edges[("eng.engine.Engine._lock", "eng.mixer.Mixer._lock")]
    assert cross.function == "eng.mixer.Mixer.set_level"
    assert cross.via == ("eng.engine.Engine._run", "eng.mixer.Mixer.set_level")
    assert [(w.path, w.line) for w in cross.witness] == [
        ("eng/engine.py", 22), ("eng/engine.py", 24), ("eng/mixer.py", 10)]
    same = edges[("eng.engine.Engine._lock", "eng.engine.Engine._lock")]
    assert [(w.path, w.line) for w in same.witness] == [("eng/engine.py", 33), ("eng/engine.py", 34)]
    nx_graph = g.to_networkx()
    assert nx_graph.nodes["eng.mixer.Mixer._lock"]["kind"] == "lock"
    assert nx_graph.number_of_edges() == 2


HOOKS = {
    "jar.py": """
        import threading


        class Jar:
            def __init__(self):
                self._lock = threading.RLock()
                self.items = []

            def reload(self):
                with self._lock:
                    self._really_load()

            def add(self, item):
                with self._lock:
                    self.items.append(item)


        class TextJar(Jar):
            def __init__(self):
                super().__init__()
                self._io = threading.Lock()

            def _really_load(self):
                with self._io:
                    self.add(1)


        class BinaryJar(Jar):
            def _really_load(self):
                self.add(2)
        """,
}


def test_self_calls_dispatch_on_the_concrete_class_in_the_lock_graph(tmp_path):
    """`Jar.reload` calls a hook each subclass defines: the BinaryJar path never takes
    TextJar._io, so there is no BinaryJar._lock -> TextJar._io edge."""
    m = extract(write_tree(tmp_path, HOOKS), use_cache=False)
    edges = {(e.source, e.target) for e in m.lock_graph.edges}
    assert edges == {("jar.TextJar._lock", "jar.TextJar._io"), ("jar.TextJar._io", "jar.TextJar._lock")}


INJECTED = {
    "bus.py": """
        import threading


        class Motor:
            def __init__(self, bus, guard: threading.Lock):
                self._guard = guard


        class Sensor:
            def __init__(self, bus, guard: threading.Lock):
                self._guard = guard


        class Fresh:
            def __init__(self, guard: threading.Lock):
                self._guard = guard


        class Hub:
            def __init__(self):
                self._lock = threading.Lock()
                self.worker = Fresh(self._lock)


        def run(bus):
            lock = threading.Lock()
            Motor(bus, lock)
            Sensor(bus, guard=lock)
            Fresh(threading.Lock())
        """,
}


def test_one_lock_handed_to_two_constructors_is_one_lock(tmp_path):
    """`Motor(bus, lock)` and `Sensor(bus, guard=lock)` keep the same lock object: `Sensor._guard`
    is `Motor._guard`. `Fresh` is built with the hub's lock and with a fresh one: its own lock."""
    m = extract(write_tree(tmp_path, INJECTED), use_cache=False)
    assert m.classes["bus.Sensor"].attributes["_guard"].same_lock == "bus.Motor._guard"
    assert m.classes["bus.Motor"].attributes["_guard"].same_lock is None
    assert m.classes["bus.Fresh"].attributes["_guard"].same_lock is None
    assert m.same_lock("bus.Sensor", "_guard") == ("bus.Motor", "_guard")


def test_a_lock_field_built_from_the_owners_lock_is_that_lock(tmp_path):
    files = {"hub.py": INJECTED["bus.py"].replace("            Fresh(threading.Lock())\n", "")}
    m = extract(write_tree(tmp_path, files), use_cache=False)
    assert m.classes["hub.Fresh"].attributes["_guard"].same_lock == "hub.Hub._lock"


def test_objects_put_in_a_computed_order_are_ordered_locals(tmp_path):
    files = {"bank.py": """
        import threading


        class Account:
            def __init__(self):
                self.lock = threading.Lock()

            def transfer(self, other: "Account", unknown):
                first, second = sorted((self, other), key=id)
                lo = min(self, other, key=id)
                a, b = (self, other) if id(self) < id(other) else (other, self)
                c, d = sorted((self, unknown))
        """}
    m = extract(write_tree(tmp_path, files), use_cache=False)
    fn = m.functions["bank.Account.transfer"]
    assert fn.ordered == {k: "bank.Account" for k in ("first", "second", "lo", "a", "b")}
