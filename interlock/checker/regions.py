"""Reader/writer pseudo-locks from hand-made lock regions (extractor/regions.py).

Two `@contextmanager` regions of one class exclude each other when each waits on a flag the
other claims; a region excludes itself when it waits on a flag it claims. A class whose
self-excluding regions exclude every region of the class on the same Condition is a lock:

- a self-excluding region (`write()`) holds the pseudo-lock `Cls.write()` exclusively;
- a region that does not exclude itself but every exclusive one (`read()`, which waits on
  `_writer` and claims `_readers`, on which `write()` waits) holds it shared.

Shared mode guards reads only: a read under `with rw.read():` and a write under `with
rw.write():` have the lock in common, two reads under `read()` need none, but a write under
`read()` has no lock against anything (tests/corpus/il102_rwlock_region_guard: IL102, the write lacks the lock the reads hold). Like real locks
the pseudo-lock is named by class, whatever the instance.
"""
from __future__ import annotations

from interlock.models.program import FunctionInfo, ProgramModel

SHARED = "~shared"


def region_locks(model: ProgramModel) -> dict[str, str]:
    """Region function qualname -> its pseudo-lock symbol (with SHARED appended in shared mode)."""
    groups: dict[tuple[str, str], list[FunctionInfo]] = {}
    for fn in model.functions.values():
        if fn.exclusion is not None and fn.cls is not None:
            groups.setdefault((fn.cls, fn.exclusion.lock), []).append(fn)
    out: dict[str, str] = {}
    for (cls, _), group in sorted(groups.items()):
        exclusive = [f for f in group if _excludes(f, f) and all(_mutual(f, g) for g in group if g is not f)]
        if not exclusive:
            continue
        symbol = f"{cls}.{'/'.join(sorted(f.name for f in exclusive))}()"
        for f in group:
            if f in exclusive:
                out[f.qualname] = symbol
            elif all(_mutual(f, g) for g in exclusive):
                out[f.qualname] = symbol + SHARED
    return out


def _excludes(holder: FunctionInfo, waiter: FunctionInfo) -> bool:
    """`waiter` cannot enter while `holder` is inside: it waits on a flag `holder` claims."""
    return bool(set(holder.exclusion.claims) & set(waiter.exclusion.waits))


def _mutual(a: FunctionInfo, b: FunctionInfo) -> bool:
    return _excludes(a, b) and _excludes(b, a)


def held_regions(table: dict[str, str], scopes) -> frozenset[str]:
    """The pseudo-locks of the regions among `scopes` (`Event.scopes`: `@contextmanager` qualnames)."""
    return frozenset(table[q] for q in scopes if q in table)


def mode_locks(regions: frozenset[str], is_write: bool) -> frozenset[str]:
    """The pseudo-locks that guard an access: a shared hold guards reads only."""
    if not regions:
        return regions
    exclusive = frozenset(r for r in regions if not r.endswith(SHARED))
    return exclusive if is_write else exclusive | {r[:-len(SHARED)] for r in regions if r.endswith(SHARED)}
