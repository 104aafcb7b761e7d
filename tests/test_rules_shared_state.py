"""Micro cases for the shared-state rules (IL101-IL103, IL201, IL202, IL601, IL602): edge
conditions, flagged and silent variants side by side, through the real pipeline."""
from __future__ import annotations

import pytest

from helpers import codes_of, findings_of

SHARED = ["IL101", "IL102", "IL103", "IL201", "IL202", "IL601", "IL602"]


def codes(src: str) -> set[str]:
    return codes_of(src, select=SHARED)


THREADED = '''
import threading

class Meter:
    def __init__(self):
        self._lock = threading.Lock()
        self.level = 0.0
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self):
        while True:
            {write}

    def level_db(self):
        {read}
'''


def test_write_in_thread_read_in_api_is_flagged_and_locked_twin_is_silent():
    assert codes(THREADED.format(write="self.level = 1.0", read="return self.level")) == {"IL101"}
    assert codes(THREADED.format(write="with self._lock:\n                self.level = 1.0",
                                 read="with self._lock:\n            return self.level")) == set()


def test_attribute_confined_to_its_thread_is_silent():
    assert codes(THREADED.format(write="self.level = self.level * 0.5 or 1.0", read="return 0.0")) == set()


def test_class_without_lock_or_context_is_silent():
    src = '''
    class Counter:
        def __init__(self):
            self.n = 0
        def bump(self):
            self.n += 1
        def value(self):
            return self.n
    '''
    assert codes(src) == set()


def test_attribute_written_only_in_constructor_is_silent():
    assert codes(THREADED.format(write="print(self.rate)", read="return self.rate").replace(
        "self.level = 0.0", "self.rate = 44100")) == set()


@pytest.mark.parametrize("ctor", ["queue.Queue()", "threading.Event()", "threading.local()"])
def test_thread_safe_objects_are_silent(ctor):
    src = f'''
    import queue
    import threading

    class Worker:
        def __init__(self):
            self._lock = threading.Lock()
            self.box = {ctor}
            threading.Thread(target=self._run, daemon=True).start()

        def _run(self):
            self.box.put(1) if hasattr(self.box, "put") else None

        def poke(self):
            return self.box
    '''
    assert codes(src) == set()


def test_frozen_objects_are_silent():
    src = '''
    import threading
    from dataclasses import dataclass

    @dataclass(frozen=True)
    class Settings:
        rate: int = 44100
        gain: float = 1.0

    class Mixer:
        def __init__(self):
            self._lock = threading.Lock()
            self.settings = Settings()
            threading.Thread(target=self._run, daemon=True).start()

        def _run(self):
            while True:
                print(self.settings.rate * self.settings.gain)

        def describe(self):
            return (self.settings.rate, self.settings.gain)
    '''
    assert codes(src) == set()


def test_thread_local_subclass_is_silent():
    src = '''
    import threading

    class _Current(threading.local):
        track = None

    _current = _Current()

    class Player:
        def __init__(self):
            self._lock = threading.Lock()
            threading.Thread(target=self._run, daemon=True).start()

        def _run(self):
            _current.track = "a"

        def now_playing(self):
            _current.track = "b"
            return _current.track
    '''
    assert codes(src) == set()


def test_unlocked_helper_called_with_the_lock_held_is_silent():
    src = '''
    import threading

    class Player:
        def __init__(self):
            self._lock = threading.RLock()
            self.position = 0
            threading.Thread(target=self._loop, daemon=True).start()

        def _loop(self):
            while True:
                with self._lock:
                    self._advance_unlocked(1024)

        def _advance_unlocked(self, frames):
            self.position = frames

        def seek(self, pos):
            with self._lock:
                with self._lock:            # RLock re-entry
                    self.position = pos

        def tell(self):
            with self._lock:
                return self.position
    '''
    assert codes(src) == set()


SCANNER = '''
    from concurrent.futures import ThreadPoolExecutor

    class Scanner:
        def __init__(self):
            self.count = 0
            self._pool = ThreadPoolExecutor(4)

        def scan(self, paths):
            for p in paths:
                self._pool.submit(self._one, p)

        def _one(self, path):
            self.count = self.count + 1
    '''


def test_read_modify_write_in_many_workers_is_a_lost_update_only():
    assert codes(SCANNER) == {"IL103"}



def test_fix_of_a_module_global_suggests_a_module_lock_and_a_field_its_object_lock():
    module = findings_of('''
    import threading
    HITS = {"n": 0}

    def worker():
        HITS["n"] = HITS["n"] + 1

    def run():
        for _ in range(4):
            threading.Thread(target=worker).start()
    ''')
    assert [f.code for f in module] == ["IL103"]
    assert "`with _LOCK:`" in module[0].fix and "self." not in module[0].fix
    assert "every run of it" in module[0].fix
    field = findings_of(SCANNER)
    assert [f.code for f in field] == ["IL103"] and "`with self._lock:`" in field[0].fix


ASYNC_CTA = '''
import asyncio

class Library:
    def __init__(self):
        self._lock = asyncio.Lock()
        self._covers = {{}}

    def start(self):
        asyncio.create_task(self._warm())
        asyncio.create_task(self._warm())

    async def _warm(self):
        for key in ("a", "b"):
            await self.cover(key)

    async def cover(self, key):
        if key not in self._covers:
            {between}
            async with self._lock:
                self._covers[key] = data
        return self._covers[key]
'''


def test_asyncio_check_then_act_needs_an_await_in_between():
    assert codes(ASYNC_CTA.format(between="data = await asyncio.sleep(0, key)")) == {"IL201"}


def test_asyncio_check_then_act_without_lock_or_await_is_silent():
    src = ASYNC_CTA.format(between="data = key.upper()").replace(
        "async with self._lock:\n                self._covers[key] = data", "self._covers[key] = data")
    assert codes(src) == set()


COVER_CACHE = '''
import threading

class CoverCache:
    def __init__(self):
        self._lock = threading.Lock()
        self._covers = {{}}

    def warm(self, keys):
        for key in keys:
            threading.Thread(target=self.cover, args=(key,)).start()

    def cover(self, key):
        if key not in self._covers:
            with self._lock:
                {act}
'''


def test_check_then_act_rechecked_inside_the_lock_is_silent():
    assert codes(COVER_CACHE.format(act="self._covers[key] = key.upper()")) == {"IL201"}
    assert codes(COVER_CACHE.format(act="if key not in self._covers:\n"
                                        "                    self._covers[key] = key.upper()")) == set()


def test_snapshot_copy_is_not_iteration_during_mutation():
    src = '''
    import threading

    class Bus:
        def __init__(self):
            self._lock = threading.Lock()
            self.subs = []

        def add(self, cb):
            with self._lock:
                self.subs.append(cb)

        def fire(self):
            for cb in {iterable}:
                cb()
    '''
    assert codes(src.format(iterable="self.subs")) == {"IL202"}
    assert codes(src.format(iterable="list(self.subs)")) == set()


def test_copy_of_a_shared_buffer_is_not_an_in_place_write():
    src = '''
    import threading
    import numpy as np

    class Proc:
        def __init__(self):
            self._lock = threading.Lock()
            self._buf = np.zeros(1024)
            threading.Thread(target=self._run, daemon=True).start()

        def _run(self):
            block = self._buf[0:256]{copy}
            block *= 0.5

        def read(self):
            with self._lock:
                return self._buf.copy()
    '''
    assert codes(src.format(copy="")) == {"IL602"}
    assert codes(src.format(copy=".copy()")) == set()


def test_replacing_a_slot_of_a_multiplied_list_is_fine():
    src = '''
    def buckets(n, items):
        out = [[]] * n
        for i, item in enumerate(items):
            out[i % n] {op}
        return out
    '''
    assert codes(src.format(op=".append(item)")) == {"IL601"}
    assert codes(src.format(op="= [item]")) == set()
    assert codes(src.replace("[[]] * n", "[None] * n").format(op="= [item]")) == set()


def test_inline_suppression_and_ignore_silence_a_finding():
    src = THREADED.format(write="self.level = 1.0", read="return self.level")
    suppressed = src.replace("self.level = 1.0", "self.level = 1.0  # interlock: ignore[IL101] meter is advisory")
    assert codes(suppressed) == set()
    assert codes(src.replace("self.level = 1.0", "self.level = 1.0  # interlock: ignore[IL102] other code")) == {"IL101"}
    assert codes_of(src, select=["IL102", "IL103"]) == set()


def test_race_between_two_instances_of_one_context_names_each_instance():
    spec = """
    [component]
    name = "meter"
    paths = ["mod.py"]
    dimension = "Player Thread Safety"

    [[context]]
    name = "api"
    calls = ["Meter.set_level", "Meter.level_db"]
    instances = "many"
    """
    src = """
    class Meter:
        def __init__(self):
            self.level = 0

        def set_level(self, value):
            self.level = value

        def level_db(self):
            return self.level * 20
    """
    (f,) = findings_of(src, spec, select=["IL101"])
    assert f.contexts == ("api", "api#2")
    assert [s.context for s in f.trace] == ["api", "api#2"]
    assert "by `api` in `set_level`" in f.message and "by `api#2` in `level_db`" in f.message
    assert [r.note for r in f.related] == ["read by `api#2` in `level_db` with no lock held"]


def test_lost_update_between_two_runs_of_one_many_context_names_each_run():
    spec = """
    [component]
    name = "counter"
    paths = ["mod.py"]
    dimension = "Player Thread Safety"

    [[context]]
    name = "workers"
    calls = ["Counter.bump"]
    instances = "many"
    """
    src = """
    class Counter:
        def __init__(self):
            self.done = 0

        def bump(self):
            self.done += 1
    """
    (f,) = findings_of(src, spec, select=["IL103"])
    assert f.contexts == ("workers", "workers#2")
    assert [s.context for s in f.trace] == ["workers", "workers#2", "workers"]
    assert "while `workers#2` (another run of `bump`) also writes it" in f.message


_OWNED = """
import threading


class Meter:
    def __init__(self):
        self.peak = 0.0
{extra}
    def measure(self, block):
        for x in block:
            if abs(x) > self.peak:
                self.peak = abs(x)


class Channel:
    def __init__(self):
        self._lock = threading.Lock()
        self._meter = Meter()

    def process(self, block):
        with self._lock:
            self._meter.measure(block)
{leak}

class Report:
    def __init__(self, meter: Meter):
        self._lock = threading.Lock()
        self.meter = meter

    def page(self, block):
        with self._lock:
            self.meter.measure(block)
"""

#: ways a field's object gets out of its one holder: each keeps the race between the two owners
_LEAKS = {
    "alias_then_pass": ("", "\n    def share(self):\n        m = self._meter\n        publish(m)\n"),
    "in_a_tuple": ("", "\n    def share(self):\n        return (self._meter, 1)\n"),
    "bound_method_handed_on": ("", "\n    def share(self):\n        bus.subscribe(self._meter.measure)\n"),
    "stored_elsewhere": ("", "\n    def share(self, other):\n        other.meter = self._meter\n"),
    "meter_registers_itself": ("        REGISTRY.append(self)\n", ""),
    "meter_hands_out_a_bound_method": ("        bus.subscribe(self.measure)\n", ""),
    "meter_thread_on_itself": ("        threading.Thread(target=self.measure, args=([],)).start()\n", ""),
    "reassigned_from_outside": ("", "\n    def adopt(self, meter):\n        self._meter = meter\n"),
}


@pytest.mark.parametrize("leak", sorted(_LEAKS))
def test_a_field_object_that_gets_out_is_shared_by_its_holders(leak):
    extra, share = _LEAKS[leak]
    src = _OWNED.format(extra=extra, leak=share)
    (f,) = [f for f in findings_of(src, select=["IL101"]) if f.location.class_ == "Meter"]
    assert (f.location.function, f.symbols) == ("measure", ("Meter.peak",))
    assert {"public:Channel", "public:Report"} <= set(f.contexts)


def test_a_field_object_that_stays_with_its_holder_is_its_own():
    src = _OWNED.format(extra="", leak="\n    def level(self):\n        return len(str(self._meter))\n")
    assert [f for f in findings_of(src, select=["IL101"]) if f.location.class_ == "Meter"] == []


def test_a_lifecycle_verb_with_something_to_work_on_is_a_per_caller_operation():
    src = """
    import threading


    class Streamer:
        def __init__(self):
            self._lock = threading.Lock()
            self.current = None
            self.refresher = None

        def start_stream(self, client):          # one call per client, from any thread
            self.current = client

        def stop_stream(self, client):
            if self.current is client:
                self.current = None

        def start_refresh(self):                 # the owner's one-shot start
            self.refresher = threading.Thread(target=self.tick)
            self.refresher.start()

        def stop_refresh(self, timeout=1.0):     # ... and stop: a knob with a default is no work item
            if self.refresher is not None:
                self.refresher.join(timeout)
                self.refresher = None

        def tick(self):
            with self._lock:
                pass
    """
    found = {(f.location.function, f.symbols) for f in findings_of(src, select=["IL101"])}
    assert found and {fn for fn, _ in found} <= {"start_stream", "stop_stream"}
    assert {sym for _, sym in found} == {("Streamer.current",)}


_LOCKED_MAP = '''
import threading


class LockedMap:
    def __init__(self):
        self._lock = threading.Lock()
        self._items = {}
        self._sweeper = threading.Thread(target=self._sweep, daemon=True)

    def __contains__(self, key):
        with self._lock:
            return key in self._items

    def __getitem__(self, key):
        with self._lock:
            return self._items[key]

    def __delitem__(self, key):
        with self._lock:
            del self._items[key]

    def _sweep(self):
        with self._lock:
            self._items.clear()


class Holder:
    def __init__(self):
        self._map = LockedMap()
        self._worker = threading.Thread(target=self._serve, daemon=True)

    def _serve(self):
        self.lookup(1)
'''


def test_membership_test_of_a_field_object_then_its_getitem_is_a_check_then_act():
    src = _LOCKED_MAP + '''
    def lookup(self, key):
        if key in self._map:
            return self._map[key]
        return None
'''
    found = [(f.code, f.location.function) for f in findings_of(src)]
    assert found == [("IL201", "lookup")]


def test_del_through_the_class_own_delitem_is_not_a_write_of_the_holder_field():
    src = _LOCKED_MAP + '''
    def lookup(self, key):
        return key in self._map

    def forget(self, key):
        del self._map[key]
'''
    assert codes_of(src) == set()


def test_membership_test_of_a_plain_dict_subclass_makes_no_call():
    src = '''
import threading


class Registry(dict):
    def __init__(self):
        super().__init__()
        self._lock = threading.Lock()

    def lookup(self, key):
        with self._lock:
            if key in self:
                return self[key]
'''
    assert codes_of(src) == set()


_TIMED_WAIT = '''
import threading


class Fetch:
    def __init__(self, download):
        self._download = download
        self._image = None
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self):
        self._thread.start()

    def _run(self):
        self._image = self._download()
        self._done.set()

    def result(self, timeout=5.0):
BODY
'''


@pytest.mark.parametrize("body, codes", [
    ("        if self._done.wait(timeout):\n            return self._image\n        return None", set()),
    ("        if self._done.wait(timeout):\n            print('ok')\n        return self._image", {"IL101"}),
    ("        while not self._done.wait(timeout):\n            print('waiting')\n        return self._image", set()),
    ("        ok = self._done.wait(timeout=timeout)\n        if not ok:\n            return None\n        return self._image", set()),
    ("        if self._done.wait(timeout) or self._download:\n            return self._image\n        return None", {"IL101"}),
    ("        self._done.wait(timeout=None)\n        return self._image", set()),
    ("        self._done.wait(timeout)\n        return self._image", {"IL101"}),
])
def test_a_timed_event_wait_publishes_only_where_it_returned_true(body, codes):
    assert codes_of(_TIMED_WAIT.replace("BODY", body)) == codes


_SETTER = '''
import threading

class Gauge:
    def __init__(self):
        self._lock = threading.{lock}()
        self._value = 0
        threading.Thread(target=self._tick, daemon=True).start()

    def _load(self):
        with self._lock:
            return self._value

    def _store(self, value):
        with self._lock:
            self._value = value

    def _tick(self):
        while True:
            {tick}

    def nudge(self, delta):
        {nudge}
'''


@pytest.mark.parametrize("lock, tick, nudge, want", [
    # the read in `_load`'s critical section, the write in `_store`'s: an update lost in between
    ("Lock", "self._store(self._load() + 1)", "cur = self._load()\n        self._store(cur + delta)", {"IL103"}),
    # one lock held by the caller across both calls: atomic
    ("RLock", "with self._lock:\n                self._store(self._load() + 1)",
     "with self._lock:\n            self._store(self._load() + delta)", set()),
    # a store of a value that does not come from the field is no update
    ("Lock", "self._store(0)", "self._store(delta)", set()),
])
def test_an_update_through_a_getter_and_a_setter_is_a_lost_update(lock, tick, nudge, want):
    src = _SETTER.format(lock=lock, tick=tick, nudge=nudge)
    assert codes(src) == want


_ELEMENT = '''
import threading

class Topics:
    def __init__(self):
        self._lock = threading.Lock()
        self._subs = {{}}
        threading.Thread(target=self._pump, daemon=True).start()

    def add(self, topic, cb):
        with self._lock:
            {mutate}

    def _of(self, topic):
        with self._lock:
            return {returned}

    def _pump(self):
        while True:
            for cb in self._of("news"):
                cb()
'''


@pytest.mark.parametrize("mutate, returned, want", [
    ("self._subs.setdefault(topic, set()).add(cb)", "self._subs", {"IL202"}),
    ("self._subs[topic].add(cb)", "self._subs[topic]", {"IL202"}),
    ("self._subs[topic].add(cb)", "set(self._subs[topic])", set()),
    # a new set stored for the topic leaves the one being walked alone
    ("self._subs[topic] = self._subs.get(topic, frozenset()) | {cb}", "self._subs[topic]", set()),
])
def test_a_loop_over_the_live_container_an_accessor_returns(mutate, returned, want):
    assert codes(_ELEMENT.format(mutate=mutate, returned=returned)) == want


PER_KEY = '''
import threading
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor


class Table:
    def __init__(self):
        self._locks = defaultdict(threading.Lock)
        self._d = {{}}

    def put(self, key, v):
        with self._locks[key]:
            self._d[key] = v

    def use(self, key):
        with self._locks[key]:
            {use}


def run(t: Table, keys):
    with ThreadPoolExecutor() as pool:
        for k in keys:
            pool.submit(t.put, k, 1)
            pool.submit(t.use, k)
'''


@pytest.mark.parametrize("use", [
    "return self._d.get(key)", "return key in self._d", "self._d.pop(key, None)", "del self._d[key]",
    "self._d.setdefault(key, 0)", "return self._d[key]", "self._d[key] += 1",
])
def test_lock_per_key_guards_the_element_of_its_key(use):
    assert codes(PER_KEY.format(use=use)) == set()


@pytest.mark.parametrize("use, code", [
    ("for k in self._d:\n                pass", "IL202"), ("self._d.clear()", "IL102"),
    ("return len(self._d)", "IL102"), ("self._d = {}", "IL102"),
])
def test_lock_per_key_does_not_guard_the_whole_container(use, code):
    assert codes(PER_KEY.format(use=use)) == {code}


def test_public_method_starting_a_thread_per_call_writes_beside_earlier_threads():
    """A write before the start publishes to that call's thread only: the next call of the public
    method writes again while the threads of the earlier calls run (many threads, no join)."""
    src = '''
import threading

class Watcher:
    def __init__(self):
        self._lock = threading.Lock()
        self.current = None

    def watch(self, name):
        self.current = name
        threading.Thread(target=self._wait, daemon=True).start()

    def _wait(self):
        print(self.current)
'''
    assert codes(src) == {"IL101"}
