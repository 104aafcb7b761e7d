"""Generic lockset races (Eraser/RacerD): IL102 when a lock guards the attribute in at least half
of its accesses (report the access without it), IL101 when no lock does (report the write).

What the specific rules explained (their pairs) or claimed (their function) is left out.
"""
from __future__ import annotations

from typing import Iterator

from interlock.checker.analysis import Access, ConcurrencyIndex
from interlock.models.program import EventKind
from interlock.checker.rules._shared_state import (
    Candidate, Key, is_atomic_deque_access, is_atomic_table_access, is_deque, keyed_access, keyed_apart,
    is_snapshot, may_interleave, pair_id,
)


def _only_rebound(accesses: list[Access]) -> bool:
    """Every write of the field binds a new object (`self.x = ...`): none changes one in place."""
    return not any(a.kind in (EventKind.MUTATE, EventKind.ITERATE) or (a.kind is EventKind.WRITE and a.event.op != "=")
                   for a in accesses)


def generic(idx: ConcurrencyIndex, key: Key, accesses: list[Access], claimed: set[str],
            explained: set[tuple[int, int]], resets: frozenset[int] = frozenset()) -> Iterator[Candidate]:
    """`resets`: the ids of the accesses a fork reset makes (_publication.fork_reset_accesses):
    they do not vote for the guard, and the access that races with one is the one reported."""
    accs = [a for a in accesses if not is_snapshot(a, idx, key)]    # a snapshot copy is one atomic C call
    if _only_rebound(accs):
        # `samples = self.samples` under the lock, `samples[i:j]` after it: the field is only ever
        # rebound to a new object, so the local's object never changes (tests/corpus/il101_local_taken_under_lock_indexed)
        accs = [a for a in accs if not (a.kind is EventKind.READ and a.event.op == "alias"
                                        and (a.event.target or "").count(".") == 1)]
    guard = dominant_lock([a for a in accs if id(a) not in resets] if resets else accs)
    found: dict[str, Candidate] = {}
    pairs: dict[str, list[tuple[Access, Access]]] = {}
    table = idx.holds_locks(*key)
    atomic = is_atomic_deque_access if is_deque(idx, key) else is_atomic_table_access if table else None
    keyed = keyed_access if atomic is None else None
    groups = _groups(accs, atomic or keyed)
    for i, group_a in enumerate(groups):
        a0 = group_a[0]
        for group_b in groups[i:]:
            b0 = group_b[0]
            if not (a0.is_write or b0.is_write) or (a0.locks & b0.locks) or not may_interleave(idx, a0, b0):
                continue
            if atomic is not None and atomic(a0) and atomic(b0):
                continue                   # deque append/pop, lock table fills, reads: atomic one by one
            if keyed is not None and keyed_apart(a0, b0):
                continue                   # a store of a key that was missing, against a lookup or a store of a present one
            pair = _first_unexplained(group_a, group_b, explained)
            if pair is None or _reset_against_guarded(pair, guard, resets):
                continue
            site, other = _reported(pair[0], pair[1], guard, is_atomic_table_access if table else None, resets)
            fq = site.function.qualname
            if fq in claimed:
                continue
            pairs.setdefault(fq, []).append((site, other))
    _fold_locked_sites(pairs)
    for fq, found_pairs in pairs.items():
        # the best-ranked site, and the rivals on its object (pairs of several subclasses meet here)
        site = min((s for s, _ in found_pairs), key=_rank)
        others = [o for s, o in found_pairs if s is site] + [o for s, o in found_pairs
                                                             if s is not site and idx.same_object(site, o)]
        found[fq] = Candidate("IL102" if guard else "IL101", key, site, others)
    for cand in found.values():
        if guard:
            cand.locks = tuple(sorted({guard} | set(shared_locks(cand.site))))
            cand.detail["guard"] = guard
        yield cand


def _reset_against_guarded(pair: tuple[Access, Access], guard: str | None, resets: frozenset[int]) -> bool:
    """One side is a fork reset (the child's first use re-initialising the object) and the other
    holds the field's guard: that side keeps the field's discipline, and the reset runs before
    any thread of the child that passes the pid guard (tests/corpus/il202_fork_reset_lock_is_no_guard)."""
    a, b = pair
    if not resets or not guard or (id(a) in resets) == (id(b) in resets):
        return False
    other = b if id(a) in resets else a
    return guard in shared_locks(other)


def _fold_locked_sites(pairs: dict[str, list[tuple[Access, Access]]]) -> None:
    """Leave out a function whose every race is an access it makes holding a lock against one
    made with no lock at all in a function that races with no lock on either side too: that
    unlocked function is the one to fix, and its finding names this one (`emit` appending under
    the handler's lock against a `flush` that swaps the buffer with none, which two threads run;
    tests/corpus/il101_locked_side_folded_into_unlocked). When the unlocked function races only
    with locked code, both sides stay reported (il101_base_context_subclass)."""
    bare = {fq for fq, found in pairs.items() if any(not s.locks and not o.locks for s, o in found)}
    for fq in list(pairs):
        found = pairs[fq]
        if all(site.locks and not other.locks and other.function.qualname != fq
               and other.function.qualname in bare for site, other in found):
            for site, other in found:
                pairs[other.function.qualname].append((other, site))
            del pairs[fq]


def _groups(accs: list[Access], atomic=None) -> list[list[Access]]:
    """Accesses that race alike: same context, locks, write-ness, function, concrete class and
    (deques) atomicity, earliest first. Pairs are decided per group pair, which keeps attributes with hundreds of
    accesses cheap."""
    out: dict[tuple, list[Access]] = {}
    for a in sorted(accs, key=_rank):
        k = (a.context.name, a.locks, a.is_write, a.function.qualname, a.concrete,
             atomic(a) if atomic else False)
        out.setdefault(k, []).append(a)
    return list(out.values())


def _first_unexplained(group_a: list[Access], group_b: list[Access], explained) -> tuple[Access, Access] | None:
    """The first pair of accesses at different events of the two groups that no specific rule
    explained. A statement racing only with itself (one store, one append, run by two contexts)
    is atomic under the GIL and the last writer wins; a read-modify-write racing with itself is
    IL103's."""
    for a in group_a:
        for b in group_b:
            if a.event is not b.event and (not explained or pair_id(a, b) not in explained):
                return a, b
    return None


def dominant_lock(accesses: list[Access]) -> str | None:
    """The lock held (on every path) at the most access sites, if that is at least half of them."""
    must: dict[int, frozenset[str]] = {}
    for a in accesses:
        k = id(a.event)
        locks = shared_locks(a)
        must[k] = must[k] & locks if k in must else locks
    counts: dict[str, int] = {}
    for locks in must.values():
        for lk in locks:
            counts[lk] = counts.get(lk, 0) + 1
    if not counts:
        return None
    best = max(sorted(counts), key=lambda lk: counts[lk])
    return best if counts[best] * 2 >= len(must) else None


def shared_locks(a: Access) -> frozenset[str]:
    """`a.locks` with the concrete class's own locks named after the declaring class
    (`PcmBuffer._lock` -> `SampleBuffer._lock`), so subclasses count one guard."""
    if not a.concrete or a.concrete == a.owner:
        return a.locks
    prefix = a.concrete + "."
    return frozenset(a.owner + "." + lk[len(prefix):] if lk.startswith(prefix) else lk for lk in a.locks)


def _reported(a: Access, b: Access, guard: str | None, fills=None,
              resets: frozenset[int] = frozenset()) -> tuple[Access, Access]:
    """(the access to report, the other side): the one without the guard, else the one that is
    not a fork reset's (`resets`: the reset runs first in a child; the other skipped the pid
    guard), else the write, else on a lock table the one that is no lookup or fill (`fills`):
    `self._locks[k] = Lock()` against `.setdefault(k, Lock())`; else the earlier one."""
    if guard and (guard in shared_locks(a)) != (guard in shared_locks(b)):
        return (b, a) if guard in shared_locks(a) else (a, b)
    if resets and (id(a) in resets) != (id(b) in resets):
        return (b, a) if id(a) in resets else (a, b)
    if fills is not None and fills(a) != fills(b):
        return (b, a) if fills(a) else (a, b)
    if a.is_write != b.is_write:
        return (a, b) if a.is_write else (b, a)
    return (a, b) if _rank(a) <= _rank(b) else (b, a)


def _rank(a: Access) -> tuple:
    return (not a.is_write, a.event.loc.path, a.event.loc.line, a.event.loc.column)
