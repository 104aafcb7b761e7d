"""IL501 invariant-violation: a declared invariant is false in a reachable interleaving.

What it finds
-------------
An `[[invariant]]` of the spec (for example `self.position <= self.duration`) that some
interleaving of the component's concurrent contexts makes false at a point where no context
holds the class's lock (or at any step for a class without a lock). The explorer interprets
the methods over symbolic values; z3 decides the violation and gives concrete arguments.

Why it matters
--------------
Invariants are what the rest of the code relies on: a seek past the end of a swapped track,
an index beyond the queue, a negative listener count. When two contexts interleave, each one
may keep the invariant alone and still break it together; tests running one call at a time
never see it.

Example
-------
    def seek(self, pos):                 # api thread
        d = self.duration                # read outside the lock: may be stale
        pos = min(pos, d)
        with self._lock:
            self.position = pos          # position > duration if a track swap ran in between

Fixed: read `self.duration` and clamp inside the same `with self._lock:` block that writes
`self.position`.

Fix
---
Make every update that the invariant depends on happen in one critical section: read the
fields you check and write the result under the same lock, or re-check under the lock before
writing. For asyncio, do not hold a read across an `await`; re-read after it.

Known limits
------------
Needs a spec invariant. Violations one method reaches alone (a missing argument check) are
taken as that method's precondition, not reported: put on its arguments when some are safe in
every state (or, failing that, in every state of non-negative numbers, when only negative
arguments are ruled out: `take(n)` doing `used -= min(n, used)`; the negative states keep the
path's own assumption), else on the state and arguments together. `len(items)` of a list argument and the iterations of `for x in items` are one length
while the list is not changed. Loops are interpreted for two iterations,
calls into unknown code return fresh symbols, and one instance per class is modelled. With a
preemption, step or time bound hit, "no violation" is reported as bounded. An IL201
check-then-act that the counterexample runs (its check, another context, its act) is not
reported beside it, nor an IL103 lost update it runs (the read, another context's write of the
field, the write-back) (checker.PROVED_BY).
"""
from __future__ import annotations

from typing import Iterator

from interlock.checker.context import RuleContext
from interlock.checker.explorer import report
from interlock.checker.explorer.run import analyse
from interlock.checker.registry import RuleInfo
from interlock.models.finding import Finding
from interlock.models.program import ProgramModel

RULE = RuleInfo(
    code="IL501", name="invariant-violation", severity="high", dimension="Player Thread Safety",
    summary="A declared invariant is false in a reachable interleaving (found by the explorer, decided by z3).",
    fix="Read the fields the invariant depends on and write the result in one critical section "
        "(or re-check under the lock before writing); in asyncio, re-read after every await.",
)


def check(model: ProgramModel, ctx: RuleContext) -> Iterator[Finding]:
    spec = ctx.component.spec
    if spec is None or not spec.invariant:
        return
    analysis = analyse(model, ctx)
    severities = {i.name: i.severity for i in spec.invariant}
    sources = {i.name: i.expr for i in spec.invariant}
    for rec in analysis.records:
        if rec.kind != "invariant":
            continue
        sc, v = rec.scenario, rec.violation
        keys = report.invariant_keys(sc, v.name)
        at = report.last_write(sc, v.steps, keys) or v.steps[-1]
        if report.on_own_objects(ctx, sc, v.steps, set(keys), at.tid):
            continue
        values = ", ".join(f"{report.symbol(k)} = {report.field_value(sc, rec, k)}" for k in sorted(keys))
        title, how = report.how_reached(sc, v.steps)
        yield report.build(
            RULE, ctx, rec, at=at, symbols=[report.symbol(k) for k in keys],
            severity=severities.get(v.name),
            title=f"Invariant `{sources.get(v.name, v.name)}` broken by {title}",
            message=f"`{sources.get(v.name, v.name)}` ({v.name}) becomes false when {how} "
                    f"({values}).",
            impact=f"Code relying on `{sources.get(v.name, v.name)}` sees a state no single call produces ({values}).",
            related=[(st, "other context's write") for st in _other_writes(sc, v.steps, keys, at.tid)][:3],
            bounded=analysis.bounded_by)


def _other_writes(sc, steps, keys, tid):
    for st in steps:
        op = report.op_at(sc, st)
        if st.tid != tid and op.kind in ("assign", "mutate") and op.a in keys:
            yield st
