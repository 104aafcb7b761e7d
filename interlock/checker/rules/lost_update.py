"""IL103 lost-update: a non-atomic read-modify-write of shared state that a concurrent context
also writes.

What it finds
-------------
A write whose new value is computed from the attribute's old value (`self.n += 1`,
`self.n = self.n + k`, `self.counts[k] += 1` (also on a global of another module of the
program: `metrics.HITS[path] += 1`), `self.counts[k] = self.counts.get(k, 0) + 1`, or a get-then-set through
a local: `v = self.n` ... `self.n = v + 1`) with no lock held from the read to the write,
while another concurrent context (or another instance of the same one: workers, requests)
writes the attribute. An optimistic update is not one: the write sits under a test, in its own
critical section, that the field (or a version counter read with the value and bumped with the
write, by every writer) still holds what was read (compare-and-set). When a lock does span the
update, a writer that skips that lock is the bug, and IL101/IL102 report it there. One finding
per attribute and function; it covers the races of that function on the attribute, so
IL101/IL102 do not repeat it.

Why it matters
--------------
`x += 1` is a load, an add and a store: two threads can both load 5 and both store 6. Counters
drift, positions jump back, reference counts leak. A get-then-set across two `with` blocks has
the same gap, only wider.

Example
-------
    class Stats:
        def record(self, n):                 # runs in every worker
            self.frames_played += n

    # fixed
        def record(self, n):
            with self._lock:
                self.frames_played += n

Fix
---
Hold one lock across the read and the write (one `with` block around both), and take the same
lock in every other writer. For counters only, `itertools.count()` or a per-thread tally merged
at the end avoids the lock.

Known limits
------------
The get-then-set form is followed through up to three locals in the same function, and through
a setter: a property setter or method that stores its parameter (`with lock: self._x = v`) is an
update when its caller passes a value computed from the field, read directly or through an
accessor that returns it (`self.x = self.x + dt` on a property whose getter and setter each take
the lock: two critical sections). Other values passed through calls (`self.x = self._next()`
where `_next` computes from `self.x`) are not tracked. A state machine's field (declared, or
assigned enum members or constants) written back from a stale read of itself is a transition,
reported as IL503.
"""
from __future__ import annotations

from typing import Iterator

from interlock.checker.context import RuleContext
from interlock.checker.registry import RuleInfo
from interlock.checker.rules import _report as rp
from interlock.checker.rules._shared_state import analyse
from interlock.models.finding import Finding
from interlock.models.program import ProgramModel

RULE = RuleInfo(
    code="IL103", name="lost-update", severity="high", dimension="Player Thread Safety",
    summary="Non-atomic read-modify-write of shared state that another context also writes.",
    fix="Hold one lock across the read and the write, and take it in every other writer.",
)


def check(model: ProgramModel, ctx: RuleContext) -> Iterator[Finding]:
    for cand in analyse(ctx).by_code.get(RULE.code, []):
        yield finding(ctx, cand)


def finding(ctx: RuleContext, cand, rule: RuleInfo = RULE) -> Finding:
    """The finding of a read-modify-write candidate; IL503 reports the same shape on a state field."""
    site, other = cand.site, rp.first_other(cand)
    sn, on = rp.names(site, other)
    sym, read = site.symbol, cand.detail["read"]
    same = other.context.name == site.context.name and other.function.qualname == site.function.qualname
    rival = f"`{on}` (another run of `{rp.fn(other)}`)" if same else f"`{on}` in `{rp.fn(other)}`"
    message = (f"`{sym}` is read and written back by `{sn}` in `{rp.fn(site)}` without one lock "
               f"across both, while {rival} also writes it: updates can be lost")
    trace = [rp.step(site, f"`{rp.fn(site)}` reads `{sym}` {rp.holding(site.locks)}", event=read, name=sn),
             rp.step(other, f"{rival} writes `{sym}`", name=on),
             rp.step(site, f"`{rp.fn(site)}` writes back a value computed from the stale read; the other write is lost", name=sn)]
    loc = rp.location(site, end=site.event.loc.end_line)
    if read is not site.event:
        loc = loc.model_copy(update={"line": min(read.loc.line, loc.line)})
    title = f"Lost update on `{sym}`" if rule is RULE else f"Stale state read before writing `{sym}` in `{rp.fn(site)}`"
    return rp.build(
        rule, ctx, cand, loc=loc, title=title, message=message, trace=trace,
        trigger=(f"{rival} writes `{sym}` between the read and the write-back in `{rp.fn(site)}` "
                 f"(`{sn}`)."),
        impact=f"One of the two updates of `{sym}` disappears; the value drifts from what both contexts computed.",
        fix=(f"Do the read and the write of `{sym}` in `{rp.fn(site)}` inside one `{rp.lock_example(ctx, site)}` block"
             + (" (every run of it then takes the same lock)." if same else
                f" and take the same lock in `{rp.fn(other)}`.")),
        symbols=[sym])
