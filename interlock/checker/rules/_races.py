"""Generic lockset races (Eraser/RacerD): IL102 when a lock guards the attribute in at least half
of its accesses (report the access without it), IL101 when no lock does (report the write).

What the specific rules explained (their pairs) or claimed (their function) is left out.
"""
from __future__ import annotations

from typing import Iterator

from interlock.checker.analysis import Access, ConcurrencyIndex
from interlock.checker.rules._shared_state import Candidate, Key, is_snapshot, may_interleave, pair_id


def generic(idx: ConcurrencyIndex, key: Key, accesses: list[Access], claimed: set[str],
            explained: set[tuple[int, int]]) -> Iterator[Candidate]:
    accs = [a for a in accesses if not is_snapshot(a)]    # a snapshot copy is one atomic C call
    guard = dominant_lock(accs)
    found: dict[str, Candidate] = {}
    for i, a in enumerate(accs):
        # an access racing only with itself (one store, one append) is atomic under the GIL;
        # a read-modify-write racing with itself is IL103's
        for b in accs[i + 1:]:
            if not (a.is_write or b.is_write) or (a.locks & b.locks) or not may_interleave(idx, a, b):
                continue
            if pair_id(a, b) in explained:
                continue
            site, other = _reported(a, b, guard)
            fq = site.function.qualname
            if fq in claimed:
                continue
            cand = found.get(fq)
            if cand is None:
                found[fq] = cand = Candidate("IL102" if guard else "IL101", key, site,
                                             locks=(guard,) if guard else ())
            elif _rank(site) < _rank(cand.site):
                cand.site = site
            if other not in cand.others:
                cand.others.append(other)
    for cand in found.values():
        if guard:
            cand.locks = tuple(sorted({guard} | set(cand.site.locks)))
            cand.detail["guard"] = guard
        yield cand


def dominant_lock(accesses: list[Access]) -> str | None:
    """The lock held (on every path) at the most access sites, if that is at least half of them."""
    must: dict[int, frozenset[str]] = {}
    for a in accesses:
        k = id(a.event)
        must[k] = must[k] & a.locks if k in must else a.locks
    counts: dict[str, int] = {}
    for locks in must.values():
        for lk in locks:
            counts[lk] = counts.get(lk, 0) + 1
    if not counts:
        return None
    best = max(sorted(counts), key=lambda lk: counts[lk])
    return best if counts[best] * 2 >= len(must) else None


def _reported(a: Access, b: Access, guard: str | None) -> tuple[Access, Access]:
    """(the access to report, the other side): the one without the guard, else the write,
    else the earlier one."""
    if guard and (guard in a.locks) != (guard in b.locks):
        return (b, a) if guard in a.locks else (a, b)
    if a.is_write != b.is_write:
        return (a, b) if a.is_write else (b, a)
    return (a, b) if _rank(a) <= _rank(b) else (b, a)


def _rank(a: Access) -> tuple:
    return (not a.is_write, a.event.loc.path, a.event.loc.line, a.event.loc.column)
