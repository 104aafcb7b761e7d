"""A busy flag used as a hand-made lock: a claim.

    with self.mutex:
        if self.busy:                 # the test
            raise Busy()
        ...
        self.busy = True              # the claim, in the test's critical section
    ... work without the mutex ...
    with self.mutex:
        self.busy = False             # the release
        ...                           # the rest of the release's critical section

From the test to the end of the release's critical section the function holds the mutex or the
flag: a second run of any such section of the same flag and mutex raises (or returns) at its test
or waits for the mutex, so two events in claimed regions of one object never run at the same time
(tests/corpus/il201_claimed_by_busy_flag).
"""
from __future__ import annotations

import ast
from dataclasses import dataclass

from interlock.checker.rules._body import FunctionShape, _exits
from interlock.models.program import Event, EventKind


@dataclass(frozen=True)
class Claim:
    flag: str                 # access path of the flag as written (`self.busy`)
    locks: frozenset[str]     # lock paths held at the test
    start: int                # position of the test in the function's shape
    end: int                  # position of the last event of the release's critical section


def claims(sh: FunctionShape) -> list[Claim]:
    out = []
    for b in sh.branches:
        locks = frozenset(b.cond.held)
        if not locks or b.orelse or not _exits(b.then):
            continue
        start = sh.order.get(id(b.cond), -1)
        for flag in b.cond.reads:
            claim = _store(sh, start, flag, locks)
            release = _store(sh, claim, flag, None) if claim is not None else None
            if release is not None:
                out.append(Claim(flag, locks, start, _section_end(sh, release, locks)))
    return out


def claimed(sh: FunctionShape, claim: Claim, ev: Event) -> bool:
    return claim.start <= sh.order.get(id(ev), -1) <= claim.end


def _store(sh: FunctionShape, after: int, flag: str, locks: frozenset[str] | None) -> int | None:
    """The next constant store to `flag` after position `after`. With `locks`: the claim, in the
    test's critical section; without: the release, under a lock."""
    for i in range(after + 1, len(sh.events)):
        ev = sh.events[i]
        if locks is not None and ev.kind is EventKind.RELEASE and ev.target in locks:
            return None
        if ev.kind is EventKind.WRITE and ev.target == flag and ev.op == "=" and _constant(ev.value):
            return i if ev.held and (locks is None or locks <= set(ev.held)) else None
    return None


def _section_end(sh: FunctionShape, release: int, locks: frozenset[str]) -> int:
    held = set(sh.events[release].held) & locks or set(sh.events[release].held)
    end = release
    for i in range(release + 1, len(sh.events)):
        ev = sh.events[i]
        if ev.kind is EventKind.RELEASE and ev.target in held:
            return i
        end = i
    return end


def _constant(value: str | None) -> bool:
    try:
        ast.literal_eval(value or "")
    except (ValueError, SyntaxError):
        return False
    return True
