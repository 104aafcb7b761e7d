"""Preemption-bounded best-first search with persistent sets and state caching.

Cost = (preemptions, steps): a counterexample found first has the fewest preemptions, then
the fewest steps, in the reduced graph (research note 1.3/1.4). A preemption is switching away
from the thread that just ran while it is still enabled. `(state, last)` is the cache key:
reaching it again at a cost no better is pruned (dominance). Bounds are data; a run that cut
anything says which bound (`bounded_by`), and its "no violation" is not a proof.

With POR the preemption count orders the search but never cuts it: a persistent set may
postpone the thread whose run is the only low-preemption witness, so its equivalent
reordering needs more preemptions, and a bound then loses the bug (preemption bounding and
POR do not compose; Coons, Musuvathi, McKinley, OOPSLA 2013). The bound applies to searches
without reduction (the witness minimisation in `run.shortest`, the serial outcomes).
"""
from __future__ import annotations

import heapq
import itertools
import time
from dataclasses import dataclass, field
from typing import Any, Callable

from interlock.checker.explorer.ir import Scenario
from interlock.checker.explorer.por import Footprints, persistent
from interlock.checker.explorer.state import Draft
from interlock.checker.explorer.semantics import Machine, Step, initial_state
from interlock.checker.explorer.state import State


@dataclass(frozen=True)
class Limits:
    """Bounds of one search. `states` is the deterministic budget; `seconds` is a safety net
    (a run it cuts depends on the machine's speed, and says so: bounded by seconds)."""

    steps: int = 400
    preemptions: int = 2
    seconds: float = 30.0
    states: int = 200_000
    clock: Callable[[], float] = field(default=time.perf_counter, compare=False, repr=False)


@dataclass
class Violation:
    kind: str                      # invariant | transition | deadlock | outcome
    name: str                      # invariant name, field, ...
    state: State
    steps: tuple[Step, ...]        # from the initial state
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass
class Result:
    violations: list[Violation] = field(default_factory=list)
    states: int = 0                # unique (state, last) nodes expanded
    unique_states: int = 0         # unique states
    transitions: int = 0
    finals: dict[State, tuple[Step, ...]] = field(default_factory=dict)
    bounded_by: str | None = None
    seconds: float = 0.0

    @property
    def complete(self) -> bool:
        return self.bounded_by is None


Checker = Callable[[Machine, State, Step | None], list[tuple[str, str, dict]]]


def explore(sc: Scenario, checks: list[Checker], *, por: bool = True, limits: Limits = Limits(),
            machine: Machine | None = None, stop_on: set[str] | None = None,
            keep_finals: bool = False) -> Result:
    """Search the scenario; `checks(machine, state, step)` name violations at each new state."""
    m = machine or Machine(sc)
    fp = Footprints(sc)
    res = Result()
    clock = limits.clock
    t0 = clock()
    init = initial_state(m)
    tick = itertools.count()
    heap: list = [((0, 0), next(tick), init, None, None, None)]     # cost, tie, state, last, trail, step
    best: dict[tuple[State, int | None], tuple[int, int]] = {}
    seen: set[State] = set()
    found: set[tuple[str, str]] = set()
    edge_checks = [c for c in checks if getattr(c, "on_edges", False)]
    state_checks = [c for c in checks if not getattr(c, "on_edges", False)]
    while heap:
        if len(best) >= limits.states:         # the budget first: it does not depend on speed
            res.bounded_by = "states"
            break
        if clock() - t0 > limits.seconds:
            res.bounded_by = "seconds"
            break
        cost, _, s, last, trail, step = heapq.heappop(heap)
        key = (s, last)
        if best.get(key, (1 << 30, 0)) <= cost:
            continue
        best[key] = cost
        seen.add(s)
        for kind, name, detail in _run_checks(state_checks, m, s, step):
            if (kind, name) not in found:
                found.add((kind, name))
                res.violations.append(Violation(kind, name, s, _steps(trail), detail))
        if stop_on is not None and {k for k, _ in found} >= stop_on:
            break
        enabled = m.schedulable(s, last)
        if not enabled:
            if keep_finals and s not in res.finals and not s.cut:     # a cut thread has not finished
                res.finals[s] = _steps(trail)
            continue
        if cost[1] >= limits.steps:
            res.bounded_by = res.bounded_by or "steps"
            continue
        chosen = persistent(m, fp, s, enabled, last) if por else enabled
        for t in chosen:
            q = cost[0] + (last is not None and t != last and last in enabled and not m.yields(s, last))
            if q > limits.preemptions and not por:
                res.bounded_by = res.bounded_by or "preemptions"
                continue
            for nxt, steps in moves(m, fp, s, t, merge=por):
                res.transitions += 1
                tail = trail
                for st in steps:
                    tail = (tail, st)
                # a property of the step itself (an illegal transition) is checked on every edge:
                # a state reached again along another step is not popped again
                for kind, name, detail in _run_checks(edge_checks, m, nxt, steps[0]):
                    if (kind, name) not in found:
                        found.add((kind, name))
                        res.violations.append(Violation(kind, name, nxt, _steps(tail), detail))
                heapq.heappush(heap, ((q, cost[1] + len(steps)), next(tick), nxt, t, tail, steps[0]))
    res.states = len(best)
    res.unique_states = len(seen)
    res.seconds = clock() - t0
    return res


def moves(m: Machine, fp: Footprints, s: State, t: int, *, merge: bool) -> list[tuple[State, tuple[Step, ...]]]:
    """The successors of t's next step. With `merge`, the invisible thread-local ops (locals,
    branches, jumps) that follow run in the same move, as SPIN merges local statements: they
    commute with every step of every other thread, and a property that fails in a state in
    the middle also fails in the state before (same fields and locks, a weaker path condition),
    which is checked. The first step is the one that changed shared state (checks look at it)."""
    out: list[tuple[State, tuple[Step, ...]]] = []
    work = [(nxt, (st,)) for nxt, st in reversed(m.successors(s, t))]
    met: set[State] = set()          # local branches that meet again (sliced paths) go on once
    while work:
        nxt, steps = work.pop()
        if merge and fp.is_local(nxt, t):
            if nxt in met:
                continue
            met.add(nxt)
            # plain locals and jumps run on one draft (no state per step); dead locals are
            # dropped at the end of the run, which equals dropping them step by step
            d = None
            while fp.is_local(d or nxt, t):
                d = d or Draft(nxt, m.layout)
                st = m.step_plain(d, t)
                if st is None:
                    break
                steps += (st,)
            if d is not None:
                nxt = m.prune(d.freeze(), t)
                if not fp.is_local(nxt, t):
                    out.append((nxt, steps))
                    continue
            work += [(n2, steps + (st,)) for n2, st in reversed(m.successors(nxt, t))]
        else:
            out.append((nxt, steps))
    return out


def _run_checks(checks, m, s, step):
    for check in checks:
        yield from check(m, s, step)


def _steps(trail) -> tuple[Step, ...]:
    out = []
    while trail:
        trail, st = trail
        out.append(st)
    return tuple(reversed(out))


def executions(sc: Scenario, *, por: bool, machine: Machine | None = None, cap: int = 200_000) -> list[tuple[Step, ...]]:
    """Every complete execution (stateless DFS, no caching): for brute force vs reduced counts."""
    m = machine or Machine(sc)
    fp = Footprints(sc)
    out: list[tuple[Step, ...]] = []

    def dfs(s: State, last: int | None, path: list[Step]) -> None:
        if len(out) >= cap:
            return
        enabled = m.schedulable(s, last)
        if not enabled:
            out.append(tuple(path))
            return
        for t in (persistent(m, fp, s, enabled, last) if por else enabled):
            for nxt, steps in moves(m, fp, s, t, merge=por):
                path.extend(steps)
                dfs(nxt, t, path)
                del path[len(path) - len(steps):]
    dfs(initial_state(m), None, [])
    return out
