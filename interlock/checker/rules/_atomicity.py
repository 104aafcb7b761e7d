"""Atomicity candidates: lost updates (IL103) and check-then-act (IL201).

Both compare two points of one execution (the read and the write, the check and the act):
the locks held *continuously* between them are the ones held at both with no RELEASE of them in
between. A concurrent write that holds none of those can land in the gap.
"""
from __future__ import annotations

import re
from typing import Iterator

from interlock.checker.analysis import Access, ConcurrencyIndex, declared_symbol
from interlock.checker.context import RuleContext
from interlock.checker.rules import _buffers, _publication
from interlock.checker.rules._shared_state import (
    Candidate, Key, is_async_access, lock_symbols, may_interleave, pair_id, released_between, shape, siblings,
)
from interlock.models.program import Branch, Event, EventKind

Pairs = set[tuple[int, int]]


def specific(ctx: RuleContext, idx: ConcurrencyIndex, key: Key, accesses: list[Access]) -> Iterator[tuple[Candidate, Pairs]]:
    """Every specific candidate of one attribute, with the access pairs each one explains."""
    yield from lost_updates(ctx, idx, key, accesses)
    yield from checks_then_acts(ctx, idx, key, accesses)
    yield from _buffers.iterations(ctx, idx, key, accesses)
    yield from _buffers.in_place(ctx, idx, key, accesses)
    yield from _publication.benign(ctx, idx, key, accesses)


def explain(site: Access, rivals: list[Access], accesses: list[Access]) -> Pairs:
    """Pairs covered by a finding at `site`: each rival with every access of the site's function."""
    mine = [x for x in accesses if x.function.qualname == site.function.qualname and x.context.name == site.context.name]
    return {pair_id(r, x) for r in rivals for x in mine}


# -- IL103 -----------------------------------------------------------------------------------

def lost_updates(ctx, idx, key, accesses) -> Iterator[tuple[Candidate, Pairs]]:
    writes = [a for a in accesses if a.is_write]
    for a in writes:
        found = _rmw(ctx, idx, a)
        if found is None:
            continue
        atomic, read_event = found
        if atomic or _compared_before_write(ctx, idx, a):
            continue        # the update itself is atomic; a writer skipping its lock is IL101/IL102's
        rivals = [w for w in writes if may_interleave(idx, a, w)]
        if rivals:
            cand = Candidate("IL103", key, a, rivals, detail={"read": read_event, "atomic": atomic})
            yield cand, explain(a, rivals, accesses)


def _rmw(ctx, idx, a: Access) -> tuple[frozenset[str], Event] | None:
    """(locks held across the read and the write, the read event) if `a` writes a value computed
    from the attribute itself: `x += 1`, `x = x + 1`, `d[k] = d.get(k) + 1`, or a local read
    earlier (`v = self.x` ... `self.x = v + 1`), also through more locals (`n = v + 1`; `self.x = n`)."""
    ev = a.event
    if ev.kind is EventKind.WRITE and ev.op not in (None, "="):
        return a.locks, ev
    if ev.target in ev.reads and (ev.kind is EventKind.WRITE or ev.op == "setitem"):
        return a.locks, ev
    if ev.kind is not EventKind.WRITE or not ev.value:
        return None
    sh = shape(ctx, a.function)
    earlier = sh.events[:sh.order.get(id(ev), 0)]
    value, hops = ev.value, 0
    # through up to three locals: `cur = self.x` ... `new = cur + n` ... `self.x = new`
    while hops < 3:
        step = None
        for i in range(len(earlier) - 1, -1, -1):
            prior = earlier[i]
            if (prior.kind is EventKind.WRITE and prior.target and "." not in prior.target
                    and _mentions(value, prior.target)):
                step = i
                break
        if step is None:
            return None
        prior = earlier[step]
        if ev.target in prior.reads:
            return _continuous(ctx, idx, a, prior), prior
        value, earlier, hops = prior.value or "", earlier[:step], hops + 1
    return None


def _compared_before_write(ctx, idx, a: Access) -> bool:
    """Compare-and-set: the write sits under a test of the field made in the write's own critical
    section (`with lock: if self.v == seen: self.v = new`); a stale value is never stored
    (tests/corpus/il103_compare_and_set)."""
    sh = shape(ctx, a.function)
    for b in sh.controls.get(id(a.event), ()):
        cond = b.cond
        if a.event.target not in cond.reads:
            continue
        reach = siblings(ctx, idx, a.reach).get(id(cond))
        both = (reach.locks & a.locks) if reach is not None else frozenset()
        if both and both - released_between(idx, a.reach, sh.between(cond, a.event), both):
            return True
    return False


def _continuous(ctx, idx, a: Access, first: Event) -> frozenset[str]:
    """Locks held from `first` to `a.event` without a release in between."""
    first_reach = siblings(ctx, idx, a.reach).get(id(first))
    first_locks = first_reach.locks if first_reach is not None else a.locks - lock_symbols(idx, a.reach, a.event.held)
    both = first_locks & a.locks
    gone = released_between(idx, a.reach, shape(ctx, a.function).between(first, a.event), both)
    return both - gone


def _mentions(source: str, name: str) -> bool:
    return re.search(rf"(?<![\w.]){re.escape(name)}\b", source) is not None


# -- IL201 -----------------------------------------------------------------------------------

def checks_then_acts(ctx, idx, key, accesses) -> Iterator[tuple[Candidate, Pairs]]:
    writes = [a for a in accesses if a.is_write]
    if not writes or _is_state_field(idx, key):
        return
    paths = _paths_of(accesses)
    for act in accesses:
        if not (act.is_write or _dereferences(ctx, act.event)) or _checks_itself(act.event):
            continue
        sh = shape(ctx, act.function)
        checks = [(b, ev) for b in sh.controls.get(id(act.event), ()) for ev in [_check_event(sh, b, paths)] if ev]
        if not checks:
            continue
        branch, check = checks[-1]                    # the innermost re-check decides (double-checked locking)
        if not act.is_write and check is not branch.cond:
            continue        # a fresh read after testing a local copy is a re-check, not a stale use
        found = _gap(ctx, idx, act, check)
        if found is None:
            yield from _benign_outer(accesses, checks)
            continue
        lc, awaits = found
        rivals = [w for w in writes if idx.overlap(act.reach, w.reach) and idx.same_object(act, w)
                  and (awaits or not (is_async_access(act) and is_async_access(w)))]
        if rivals:
            cand = Candidate("IL201", key, act, rivals, locks=tuple(sorted({declared_symbol(idx.model, lk) for lk in lc | act.locks})),
                             detail={"check": check, "branch": branch})
            yield cand, explain(act, rivals, accesses)


def _checks_itself(ev: Event) -> bool:
    """`d.setdefault(k, v)` tests and inserts in one step and hands back the entry that won: a
    stale earlier check only chose the slow path (tests/corpus/il201_setdefault_registry)."""
    return ev.kind is EventKind.MUTATE and ev.op == "setdefault"


def _dereferences(ctx: RuleContext, ev: Event) -> bool:
    """A read that uses the checked object (`self.x.play()`, `self.x[k]`), not one that re-tests it."""
    if ev.kind is not EventKind.READ or not ev.loc.end_line:
        return False
    lines = ctx.lines(ev.loc.path, ev.loc.end_line)
    rest = lines[0][ev.loc.end_column:] if lines else ""
    return rest[:1] in (".", "[")


def _is_state_field(idx, key: Key) -> bool:
    """State-machine fields: a stale state check is IL503's (it proves the bad state it reaches)."""
    return any((sm.cls, sm.field) == key for sm in idx.model.state_machines)


def _paths_of(accesses: list[Access]) -> set[str]:
    return {a.event.target for a in accesses if a.event.target}


def _check_event(sh, branch: Branch, paths: set[str]) -> Event | None:
    """The event that reads the checked state: the condition itself, or the local it tests."""
    cond = branch.cond
    if any(p in paths for p in cond.reads):
        return cond
    if not cond.value:
        return None
    for prior in reversed(sh.events[:sh.order.get(id(cond), 0)]):
        if (prior.kind is EventKind.WRITE and prior.target and "." not in prior.target
                and any(p in paths for p in prior.reads) and _mentions(cond.value, prior.target)):
            return prior
    return None


def _gap(ctx, idx, act: Access, check: Event) -> tuple[frozenset[str], bool] | None:
    """(locks at the check, an await in between) when check and act are in different critical
    sections; None when one section spans both or neither holds any lock (then the plain race
    rules own it)."""
    check_reach = siblings(ctx, idx, act.reach).get(id(check))
    if check_reach is None:
        return None
    lc, la = check_reach.locks, act.locks
    if not lc and not la:
        return None
    between = shape(ctx, act.function).between(check, act.event)
    continuous = (lc & la) - released_between(idx, act.reach, between, lc & la)
    if continuous or _rechecked(idx, act, check, between):
        return None
    return lc, any(e.kind is EventKind.AWAIT or e.awaited for e in between)


def _rechecked(idx, act: Access, check: Event, between: list[Event]) -> bool:
    """The act's own critical section reads the checked state again before acting (a branch on
    it, or the checked local re-assigned from it): the first check only chose the slow path
    (tests/corpus/il201_decoder_pool_recheck)."""
    start = None
    for i, e in enumerate(between):
        if e.kind is EventKind.ACQUIRE and e.target and idx.lock_symbol(act.reach.cls, act.function, e.target) in act.locks:
            start = i
    if start is None:
        return False
    paths = set(check.reads) | {act.event.target}
    section = between[start + 1:]
    for e in section:
        if not paths & set(e.reads):
            continue
        if e.kind is EventKind.BRANCH:
            return True
        if e.kind is EventKind.WRITE and e.target and "." not in e.target and (
                e.target == check.target or any(b.kind is EventKind.BRANCH and _mentions(b.value or "", e.target)
                                                for b in section)):
            return True
    return False


def _benign_outer(accesses: list[Access], checks: list[tuple[Branch, Event]]) -> Iterator[tuple[Candidate, Pairs]]:
    """Double-checked locking: the outer unlocked check only skips the lock; its read is benign."""
    if len(checks) < 2:
        return
    outer = {id(ev) for _, ev in checks[:-1]}
    lines = {(b.cond.loc.path, b.cond.loc.line) for b, _ in checks[:-1]}
    benign = [a for a in accesses if a.kind is EventKind.READ and (
        id(a.event) in outer or (a.event.loc.path, a.event.loc.line) in lines)]
    if benign:
        yield None, {pair_id(b, o) for b in benign for o in accesses}
