"""Partial-order reduction: no Mazurkiewicz class lost, fewer executions, pinned state counts."""
from __future__ import annotations

import pytest

from explorer_support import canonical, field_values, run, scenario
from interlock.checker.explorer.scheduler import executions

COUNTERS = """
import threading
class Stats:
    def __init__(self):
        self._lock = threading.Lock()
        self.plays = 0
        self.skips = 0
        self.bytes = 0
    def play(self):
        with self._lock:
            self.plays += 1
    def skip(self):
        self.skips = self.skips + 1
    def stream(self, n):
        total = n + 1
        if total > 10:
            total = 10
        self.bytes = total
"""

SEEK = """
import threading
class Ctl:
    def __init__(self):
        self._lock = threading.Lock()
        self.position = 0
        self.duration = 100
    def seek(self, pos):
        d = self.duration
        if pos > d:
            pos = d
        with self._lock:
            self.position = pos
    def seek_fixed(self, pos):
        with self._lock:
            if pos > self.duration:
                pos = self.duration
            self.position = pos
    def load(self, new_duration):
        with self._lock:
            self.duration = new_duration
            self.position = 0
"""

SMALL = [
    (COUNTERS, [("a", "Stats.play"), ("b", "Stats.skip")]),
    (COUNTERS, [("a", "Stats.play"), ("b", "Stats.play")]),
    (COUNTERS, [("a", "Stats.skip"), ("b", "Stats.skip"), ("c", "Stats.stream")]),
    (COUNTERS, [("a", "Stats.play"), ("b", "Stats.stream")]),
    (SEEK, [("api", "Ctl.seek"), ("loader", "Ctl.load")]),
]


@pytest.mark.parametrize("src,threads", SMALL, ids=[" || ".join(n for _, n in t) for _, t in SMALL])
def test_reduced_search_reaches_every_mazurkiewicz_class_with_fewer_executions(src, threads):
    sc = scenario(src, *threads)
    full = executions(sc, por=False)
    reduced = executions(sc, por=True)
    classes = {canonical(sc, e) for e in full}
    reached = {canonical(sc, e) for e in reduced}
    assert reached == classes
    assert len(reduced) < len(full)
    assert len(reduced) >= len(classes)


@pytest.mark.parametrize("src,threads", SMALL, ids=[" || ".join(n for _, n in t) for _, t in SMALL])
def test_reduced_search_keeps_every_terminal_state(src, threads):
    sc = scenario(src, *threads)
    with_por, m1 = run(sc, por=True, preemptions=99)
    without, m2 = run(sc, por=False, preemptions=99)
    assert field_values(m1, with_por.finals) == field_values(m2, without.finals)
    assert with_por.complete and without.complete


def test_unique_state_counts_with_and_without_por_are_pinned():
    sc = scenario(SEEK, ("api", "Ctl.seek_fixed"), ("loader", "Ctl.load"))
    with_por, _ = run(sc, por=True, preemptions=99)
    without, _ = run(sc, por=False, preemptions=99)
    assert (with_por.unique_states, without.unique_states) == (17, 74)
    three = scenario(COUNTERS, ("a", "Stats.skip"), ("b", "Stats.skip"), ("c", "Stats.stream"))
    r3, _ = run(three, por=True, preemptions=99)
    f3, _ = run(three, por=False, preemptions=99)
    assert (r3.unique_states, f3.unique_states) == (16, 240)


def test_violations_found_with_and_without_por_agree():
    for method in ("seek", "seek_fixed"):
        sc = scenario(SEEK, ("api", f"Ctl.{method}"), ("loader", "Ctl.load"),
                      invariants=[("pos", "Ctl", "self.position <= self.duration")])
        a, _ = run(sc, por=True, preemptions=99)
        b, _ = run(sc, por=False, preemptions=99)
        assert {v.kind for v in a.violations} == {v.kind for v in b.violations}


MIXER = """
import threading
class Mixer:
    def __init__(self):
        self._lock = threading.Lock()
        self.gain = 0
        self.pan = 0
        self.limit = 10
    def set_gain(self, g):
        with self._lock:
            self.gain = g if g < self.limit else self.limit
    def set_pan(self, p):
        with self._lock:
            self.pan = p
    def set_limit(self, n):
        with self._lock:
            self.limit = n
            if self.gain > n:
                self.gain = n
"""


def test_commuting_critical_sections_are_one_step_and_lose_no_outcome_or_violation():
    # set_gain || set_pan take one lock for disjoint fields: one order suffices (Lipton); with
    # set_limit they conflict on gain/limit and both orders must stay
    inv = [("gain-within-limit", "Mixer", "self.gain <= self.limit")]
    sc = scenario(MIXER, ("a", "Mixer.set_gain"), ("b", "Mixer.set_pan"), ("c", "Mixer.set_limit"), invariants=inv)
    with_por, m1 = run(sc, por=True, preemptions=99)
    without, m2 = run(sc, por=False, preemptions=99)
    assert field_values(m1, with_por.finals) == field_values(m2, without.finals)
    assert {v.kind for v in with_por.violations} == {v.kind for v in without.violations}
    assert with_por.complete and with_por.unique_states < without.unique_states
    assert len(executions(sc, por=True)) < len(executions(sc, por=False))


SIGNALS = """
import queue
import threading
class Signals:
    def __init__(self):
        self.done = threading.Event()
        self.jobs = queue.Queue()
        self.sent = 0
    def finish(self):
        self.done.set()
    def reset(self):
        self.done.clear()
    def wait_done(self):
        self.done.wait()
        self.sent = 1
    def submit(self):
        self.jobs.put(1)
    def take(self):
        self.jobs.get()
        self.sent = 2
"""

SIGNAL_PAIRS = [
    [("a", "Signals.finish"), ("b", "Signals.finish"), ("c", "Signals.finish")],
    [("a", "Signals.submit"), ("b", "Signals.submit"), ("c", "Signals.submit")],
    [("a", "Signals.finish"), ("b", "Signals.reset")],
    [("a", "Signals.finish"), ("b", "Signals.finish"), ("c", "Signals.wait_done")],
    [("a", "Signals.submit"), ("b", "Signals.submit"), ("c", "Signals.take")],
]


@pytest.mark.parametrize("threads", SIGNAL_PAIRS, ids=[" || ".join(c for _, c in t) for t in SIGNAL_PAIRS])
def test_commuting_primitive_updates_keep_every_class_and_terminal_state(threads):
    sc = scenario(SIGNALS, *threads)
    full = executions(sc, por=False)
    assert {canonical(sc, e) for e in executions(sc, por=True)} == {canonical(sc, e) for e in full}
    with_por, m1 = run(sc, por=True, preemptions=99)
    without, m2 = run(sc, por=False, preemptions=99)
    assert field_values(m1, with_por.finals) == field_values(m2, without.finals)
    assert {v.kind for v in with_por.violations} == {v.kind for v in without.violations}


def test_set_set_and_put_put_commute_but_set_clear_does_not():
    # three Event.set() (or Queue.put()) calls: one order is enough; set || clear keeps both orders
    for method in ("finish", "submit"):
        sc = scenario(SIGNALS, ("a", f"Signals.{method}"), ("b", f"Signals.{method}"), ("c", f"Signals.{method}"))
        assert (len(executions(sc, por=True)), len(executions(sc, por=False))) == (1, 90)
    sc = scenario(SIGNALS, ("a", "Signals.finish"), ("b", "Signals.reset"))
    assert (len(executions(sc, por=True)), len(executions(sc, por=False))) == (2, 6)
