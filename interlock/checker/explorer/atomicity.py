"""The serializability oracle for IL503 (Line-Up style, no invariant needed).

A terminal state whose state-field values no serial order of the same threads produces, or
an illegal transition, is an atomicity violation when the thread that made it had checked the
field in an earlier critical section and another thread wrote the field in between (the
check went stale). Serial outcomes come from the same explorer with a preemption bound of 0.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Iterator

from interlock.checker.explorer.ir import Scenario, expr_fields
from interlock.checker.explorer.scheduler import Limits, Violation, explore
from interlock.checker.explorer.semantics import Machine, Step
from interlock.checker.explorer.smt import Sym
from interlock.checker.explorer.state import Draft, State


def outcome_violations(sc: Scenario, m: Machine, finals: dict[State, tuple[Step, ...]],
                       keys: tuple[str, ...], limits: Limits) -> Iterator[Violation]:
    # Only a concrete outcome reached through a stale check can be reported: when no final state
    # is one, no serial order can matter and the serial search (the costly part) is skipped.
    candidates = []
    for state, steps in sorted(finals.items(), key=lambda kv: len(kv[1])):
        out = _outcome(m, state, keys)
        if any(isinstance(v, Sym) for v in out):
            continue
        stale = stale_check(sc, steps, set(keys))
        if stale is not None:
            candidates.append((state, steps, out, stale))
    if not candidates:
        return
    serial = explore(sc, [], por=False, machine=m, keep_finals=True, limits=replace(limits, preemptions=0))
    if serial.bounded_by in ("states", "seconds"):    # serial outcomes not all known: no verdict
        return
    allowed = {_outcome(m, s, keys) for s in serial.finals}
    for state, steps, out, stale in candidates:
        if out not in allowed:
            yield Violation("outcome", stale[0], state, steps,
                            {"facts": set(state.facts), "outcome": dict(zip(keys, out)),
                             "serial": sorted(map(str, allowed)), "check": stale[1], "act": stale[2],
                             "other": stale[3]})
            return


def _outcome(m: Machine, s: State, keys: tuple[str, ...]) -> tuple:
    d = Draft(s, m.layout)
    return tuple(d.get(k) if k in m.layout.index else None for k in keys)


def stale_check(sc: Scenario, steps: tuple[Step, ...], keys: set[str]) -> tuple[str, int, int, int] | None:
    """(field, check index, act index, interfering write index) of a check that went stale."""
    for j, act in enumerate(steps):
        op = sc.threads[act.tid].ops[act.pc]
        if op.kind != "assign" or op.a not in keys:
            continue
        for i in range(j - 1, -1, -1):
            chk = steps[i]
            cop = sc.threads[chk.tid].ops[chk.pc]
            if chk.tid != act.tid or cop.kind not in ("branch", "local") or op.a not in expr_fields(cop.a if cop.kind == "branch" else cop.b):
                continue
            for k in range(i + 1, j):
                other = steps[k]
                oop = sc.threads[other.tid].ops[other.pc]
                if other.tid != act.tid and oop.kind == "assign" and oop.a == op.a:
                    return op.a, i, j, k
            break
    return None
