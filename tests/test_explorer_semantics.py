"""Explorer semantics: exact shortest traces, primitives that block, asyncio switch points, bounds."""
from __future__ import annotations

from explorer_support import run, scenario
from interlock.checker.explorer.path import trace, witness
from test_explorer_por import SEEK


def _trace(sc, v):
    return [(t.context, t.line, t.action) for t in trace(sc, v.steps, witness(v.detail["facts"]))]


def test_shortest_trace_of_seek_racing_a_track_swap_is_exact():
    sc = scenario(SEEK, ("api", "Ctl.seek"), ("loader", "Ctl.load"),
                  invariants=[("pos", "Ctl", "self.position <= self.duration")])
    res, _ = run(sc, por=False)
    (v,) = res.violations
    assert _trace(sc, v) == [
        ("api", 9, "Ctl.seek: d = self.duration  [d = 1]"),
        ("api", 10, "Ctl.seek: if pos > d -> False"),
        ("loader", 20, "Ctl.load: acquire Ctl._lock"),
        ("loader", 21, "Ctl.load: self.duration = new_duration  [Ctl.duration = 0]"),
        ("loader", 22, "Ctl.load: self.position = 0  [Ctl.position = 0]"),
        ("loader", 20, "Ctl.load: release Ctl._lock"),
        ("api", 12, "Ctl.seek: acquire Ctl._lock"),
        ("api", 13, "Ctl.seek: self.position = pos  [Ctl.position = 1]"),
        ("api", 12, "Ctl.seek: release Ctl._lock"),
    ]


def test_fixed_seek_has_no_violation_and_the_search_is_complete():
    sc = scenario(SEEK, ("api", "Ctl.seek_fixed"), ("loader", "Ctl.load"),
                  invariants=[("pos", "Ctl", "self.position <= self.duration")])
    res, _ = run(sc)
    assert res.violations == []
    assert res.complete


JOIN = """
import threading
class Worker:
    def __init__(self):
        self._lock = threading.Lock()
        self._running = True
        self._thread = threading.Thread(target=self._run)
    def _run(self):
        while True:
            with self._lock:
                if not self._running:
                    return
    def stop(self):
        with self._lock:
            self._running = False
            self._thread.join()
    def stop_fixed(self):
        with self._lock:
            self._running = False
        self._thread.join()
"""


def test_join_under_the_lock_the_worker_needs_deadlocks_with_a_shortest_trace():
    sc = scenario(JOIN, ("worker", "Worker._run"), ("api", "Worker.stop"))
    res, _ = run(sc)
    (v,) = [v for v in res.violations if v.kind == "deadlock"]
    assert v.detail["blocked"] == {0: ("acquire", "Worker._lock"), 1: ("join", "Worker._thread")}
    assert _trace(sc, v) == [
        ("api", 14, "Worker.stop: acquire Worker._lock"),
        ("api", 15, "Worker.stop: self._running = False  [Worker._running = False]"),
    ]


def test_join_after_release_is_deadlock_free():
    sc = scenario(JOIN, ("worker", "Worker._run"), ("api", "Worker.stop_fixed"))
    res, _ = run(sc)
    assert res.violations == [] and res.complete


PRIMS = """
import threading
class P:
    def __init__(self):
        self._lock = threading.Lock()
        self._rlock = threading.RLock()
        self._cond = threading.Condition(self._lock)
        self._ready = threading.Event()
        self._sem = threading.Semaphore()
        self.items = []
        self.n = 0
    def reenter(self):
        with self._rlock:
            with self._rlock:
                self.n = 1
    def relock(self):
        with self._lock:
            with self._lock:
                self.n = 1
    def consume(self):
        with self._cond:
            while len(self.items) == 0:
                self._cond.wait()
            self.items.pop()
    def produce(self):
        with self._cond:
            self.items.append(1)
            self._cond.notify()
    def wait_ready(self):
        self._ready.wait()
        self.n = 2
    def set_ready(self):
        self._ready.set()
    def permit(self):
        with self._sem:
            with self._lock:
                self.n += 1
"""


def test_rlock_reenters_and_a_plain_lock_blocks_itself():
    ok, _ = run(scenario(PRIMS, ("a", "P.reenter"), ("b", "P.reenter")))
    assert ok.violations == [] and ok.complete
    bad, _ = run(scenario(PRIMS, ("a", "P.relock"), ("b", "P.reenter")))
    assert {s.status[0] for s in bad.finals} == {""}     # stuck on its own lock, never done
    assert bad.violations == []      # a pure lock cycle is IL302/IL301's finding, not IL504's


def test_condition_wait_is_woken_by_notify_and_the_queue_drains():
    res, m = run(scenario(PRIMS, ("consumer", "P.consume"), ("producer", "P.produce")), preemptions=9)
    assert res.violations == [] and res.complete
    assert {s.status for s in res.finals} == {("done", "done")}


def test_event_wait_blocks_until_set_and_semaphore_admits_one_at_a_time():
    res, _ = run(scenario(PRIMS, ("w", "P.wait_ready"), ("s", "P.set_ready")), preemptions=9)
    assert res.violations == [] and {s.status for s in res.finals} == {("done", "done")}
    sem, m = run(scenario(PRIMS, ("a", "P.permit"), ("b", "P.permit")), preemptions=9)
    assert sem.violations == []
    assert {str(s.fields[m.layout.index["P.n"]]) for s in sem.finals} == {"2 + P.n@0"}


BARRIER = """
import threading
class Crew:
    def __init__(self):
        self._lock = threading.Lock()
        self._gate = threading.Barrier(2)
        self.done = 0
        self.seen = 0
    def step(self):
        with self._lock:
            self.done += 1
        self._gate.wait()
        self.seen = self.done
    def step_holding(self):
        with self._lock:
            self.done += 1
            self._gate.wait()
"""


def test_barrier_opens_when_every_party_arrives_and_deadlocks_if_one_holds_the_others_lock():
    ok, m = run(scenario(BARRIER, ("a", "Crew.step"), ("b", "Crew.step")), preemptions=9)
    assert ok.violations == [] and ok.complete
    assert {s.status for s in ok.finals} == {("done", "done")}
    # nobody passes the barrier before both have counted themselves in
    assert {str(s.fields[m.layout.index["Crew.seen"]]) for s in ok.finals} == {"2 + Crew.done@0"}
    bad, _ = run(scenario(BARRIER, ("a", "Crew.step_holding"), ("b", "Crew.step_holding")))
    (v,) = [v for v in bad.violations if v.kind == "deadlock"]
    assert sorted(v.detail["blocked"].values()) == [("acquire", "Crew._lock"), ("barrier", "Crew._gate")]


ASYNC = """
import asyncio
class Hub:
    def __init__(self):
        self.count = 0
    async def join(self):
        n = self.count
        await asyncio.sleep(0)
        self.count = n + 1
    async def join_atomic(self):
        await asyncio.sleep(0)
        n = self.count
        self.count = n + 1
"""


def test_awaits_are_the_only_switch_points_of_asyncio_tasks():
    lost, m = run(scenario(ASYNC, ("t1", "Hub.join"), ("t2", "Hub.join")))
    # numbers start symbolic (any state after some use): count@0 + 1 is the lost update
    assert {str(s.fields[m.layout.index["Hub.count"]]) for s in lost.finals} == {"1 + Hub.count@0", "2 + Hub.count@0"}
    atomic, m = run(scenario(ASYNC, ("t1", "Hub.join_atomic"), ("t2", "Hub.join_atomic")))
    assert {str(s.fields[m.layout.index["Hub.count"]]) for s in atomic.finals} == {"2 + Hub.count@0"}


def test_a_bound_that_cuts_the_search_is_reported():
    sc = scenario(SEEK, ("api", "Ctl.seek"), ("loader", "Ctl.load"))
    res, _ = run(sc, por=False, preemptions=0)
    assert not res.complete and res.bounded_by == "preemptions"
    res, _ = run(sc, steps=3)
    assert res.bounded_by == "steps"
    res, _ = run(sc, states=5)
    assert not res.complete and res.bounded_by == "states"


def test_reduced_search_is_not_cut_by_the_preemption_bound():
    # a persistent set may postpone the witness's thread, so its equivalent reordering costs
    # more preemptions: with POR the bound only orders the search (Coons et al. 2013)
    sc = scenario(SEEK, ("api", "Ctl.seek"), ("loader", "Ctl.load"),
                  invariants=[("pos", "Ctl", "self.position <= self.duration")])
    res, _ = run(sc, preemptions=0)
    assert res.complete and [v.kind for v in res.violations] == ["invariant"]


def test_illegal_transition_is_reported_with_values():
    src = """
    import threading
    from enum import Enum
    class S(Enum):
        STOPPED = 0
        PLAYING = 1
        PAUSED = 2
    class P:
        def __init__(self):
            self._lock = threading.Lock()
            self.state = S.STOPPED
        def pause(self):
            with self._lock:
                self.state = S.PAUSED
    """
    allowed = (("STOPPED", "PLAYING"), ("PLAYING", "PAUSED"))
    res, _ = run(scenario(src, ("a", "P.pause")), machines=None) if False else \
        run(scenario(src, ("a", "P.pause"), machines=[("P", "state", allowed)]))
    (v,) = res.violations
    assert (v.kind, v.detail["old"], v.detail["new"]) == ("transition", "STOPPED", "PAUSED")


def test_queue_steps_say_whether_the_get_could_block():
    """A get that does not block on an empty queue must not read like an ordinary get."""
    from types import SimpleNamespace
    from interlock.checker.explorer.primitives import queue as q

    class Fields(dict):
        def get(self, key):
            return dict.get(self, key, 0)

        def set(self, key, value):
            self[key] = value

    d = Fields()
    put = SimpleNamespace(kind="qput", a="W._jobs", b=None)
    get = SimpleNamespace(kind="qget", a="W._jobs", b=True)
    poll = SimpleNamespace(kind="qget", a="W._jobs", b=False)
    assert q.blocked(d, 0, get, None) and not q.blocked(d, 0, poll, None)
    assert q.apply(d, 0, poll, None) == "get from W._jobs without blocking (queue empty; assumes an item arrives in time)"
    assert q.apply(d, 0, put, None) == "put on W._jobs (now 1 item)"
    assert q.apply(d, 0, get, None) == "get from W._jobs (now 0 items)"
    q.apply(d, 0, put, None)
    assert q.apply(d, 0, poll, None) == "get from W._jobs without blocking (now 0 items)"


def test_trace_actions_show_program_names_not_explorer_temporaries():
    """`self.count += 1` reads into a temporary and a call's result lands in one: neither name
    (`$9`, `$r12`) reaches the user; the steps say what was read and returned."""
    from helpers import findings_of
    spec = """
    [component]
    name = "meter"
    paths = ["mod.py"]
    dimension = "Player Thread Safety"

    [[context]]
    name = "api"
    calls = ["Meter.bump", "Meter.jump"]
    instances = "many"

    [[invariant]]
    name = "under-limit"
    class = "Meter"
    expr = "self.count <= 3"
    """
    src = """
    class Meter:
        def __init__(self):
            self.count = 0

        def bump(self):
            self.count += 1

        def jump(self):
            self.count = self._next()

        def _next(self):
            return self.count + 2
    """
    found = findings_of(src, spec, select=["IL501"])
    actions = [s.action for f in found for s in f.trace]
    assert found and not [a for a in actions if "$" in a]
    assert any("[reads Meter.count = " in a for a in actions) or any("[returns " in a for a in actions)


FILL = '''
import threading

class Buf:
    def __init__(self):
        self.cap = 8
        self.count = 0
        self._lock = threading.Lock()

    def fill(self, samples):
        with self._lock:
            if self.cap - self.count < len(samples):
                return
            for s in samples:
                self.count += 1

    def fill_changed(self, samples):
        with self._lock:
            if self.cap - self.count < len(samples):
                return
            samples.append(0)
            for s in samples:
                self.count += 1
'''


def test_len_of_a_list_argument_bounds_the_loop_over_it():
    from interlock.checker.explorer.checks import invariant_checks
    from interlock.checker.explorer.scheduler import Limits, explore
    from interlock.checker.explorer.semantics import Machine

    def violations(method):     # alone, no contracts: the loop runs only when len(samples) > 0
        sc = scenario(FILL, ("a", method), invariants=[("cap", "Buf", "self.count <= self.cap")])
        m = Machine(sc)
        return [v.kind for v in explore(sc, [invariant_checks(m)], machine=m, limits=Limits()).violations]
    assert violations("Buf.fill") == []
    assert violations("Buf.fill_changed") == ["invariant"]     # the list grew: a new length


UNWIND = """
import asyncio

class Courier:
    def __init__(self):
        self._lock = asyncio.Lock()
        self.sent = 0
        self._route = None

    async def deliver(self, parcel):
        try:
            await self.pick(parcel)
            await self.drop(parcel)
            async with self._lock:
                await asyncio.sleep(0)
                self.sent += 1
        finally:
            async with self._lock:
                self.sent += 0

    async def pick(self, parcel):
        await asyncio.sleep(0)

    async def drop(self, parcel):
        await asyncio.sleep(0)

    async def recall(self):
        self._route.cancel()
"""


def test_awaits_under_the_same_finally_share_one_cancellation_path():
    from textwrap import dedent

    from interlock.checker.explorer.scenario import PropertySpec, ThreadSpec, build
    from interlock.checker.explorer.universe import universe_from_source

    uni = universe_from_source(dedent(UNWIND))
    specs = [ThreadSpec("courier", (("Courier", "deliver"),), is_async=True, task=True),
             ThreadSpec("dispatch", (("Courier", "recall"),), is_async=True)]
    sc = build(uni, specs, PropertySpec(), label="courier || dispatch")
    ops = sc.threads[0].ops
    landings = {op.c for op in ops if op.kind == "await" and op.c is not None}
    cancels = [i for i, op in enumerate(ops) if op.kind == "raise" and op.a == "CancelledError"]
    # pick's and drop's awaits and the wait for the lock unwind through the finally alone;
    # the await inside the `async with` body releases the lock first: two paths, not one per await
    assert len(cancels) == len(landings) == 2
    res, _ = run(sc)
    assert res.complete


LOOP_EXITS = """
import threading
class W:
    def __init__(self):
        self._lock = threading.Lock()
        self.skip = False
        self.stop = False
        self.n = 0
    def run(self):
        for _ in range(3):
            with self._lock:
                if self.skip:
                    continue
                if self.stop:
                    break
                self.n += 1
    def poke(self):
        with self._lock:
            self.skip = not self.skip
            self.stop = self.n > 1
"""


def test_break_and_continue_leave_the_with_block_they_jump_out_of():
    sc = scenario(LOOP_EXITS, ("worker", "W.run"), ("ui", "W.poke"))
    ops = sc.threads[0].ops
    jumps = [i for i, op in enumerate(ops) if op.kind == "jump"]
    assert jumps and all(ops[i - 1].kind == "release" for i in jumps)
    res, _ = run(sc, preemptions=9)
    assert res.violations == [] and res.complete
    assert {s.status for s in res.finals} == {("done", "done")}    # never stuck on a lock it kept


GUARDED = """
import threading

class Box:
    def __init__(self):
        self._cv = threading.Condition()
        self._ev = threading.Event()
        self.items = []
        self.count = 0

    def wait_loop(self):
        with self._cv:
            while self.count > 0:
                self._cv.wait()

    def wait_local(self, want):
        empty = len(self.items) < want
        if empty:
            self._ev.wait()

    def wait_unknown(self):
        if self.lookup():
            self._ev.wait()

    def wait_own_write(self):
        if self.count > 0:
            self.count = 0
            self._ev.wait()

    def wait_timed(self):
        with self._cv:
            while self.count > 0:
                self._cv.wait(1.0)
"""


def test_a_wait_is_guarded_by_its_innermost_test_read_back_to_fields_and_arguments():
    from interlock.checker.explorer.guards import wait_guard
    guards = {}
    for meth in ("wait_loop", "wait_local", "wait_unknown", "wait_own_write", "wait_timed"):
        ops = scenario(GUARDED, ("t", f"Box.{meth}")).threads[0].ops
        pc = next(i for i, op in enumerate(ops) if op.kind in ("wait", "evwait"))
        guards[meth] = wait_guard(ops, pc)
    assert guards["wait_loop"] == ("cmp", ">", ("f", "Box.count"), ("c", 0))
    assert guards["wait_local"] == ("cmp", "<", ("f", "Box.items#len"), ("sym", "want"))
    # an unknown answer may differ when asked again; a test the waiter itself falsified is not
    # what it waits on; a timed wait wakes by itself
    assert guards["wait_unknown"] is None and guards["wait_own_write"] is None and guards["wait_timed"] is None
