"""IL201 check-then-act: a branch tests shared state and the code it guards acts on that state
in a different critical section, while another context can write it in between.

What it finds
-------------
A condition that reads an attribute (directly, or through a local copied from it) and an act
under that condition (a write or mutation of the attribute, or a use of the checked object such
as `self.x.play()`), where no lock is held continuously from the check to the act: the lock is
released in between, or the check holds no lock while the act takes one. Another concurrent
context must write the attribute. A re-check inside the act's critical section (double-checked
locking) makes the pair safe. Coroutines on one loop are reported only when an `await` sits
between the check and the act. When neither side holds any lock, IL101/IL102 report the race.

Why it matters
--------------
The decision is made on a value that may have changed by the time the code acts on it: two
threads both see "no worker" and start two, a track is played after another request cleared it,
a slot is taken twice. Locking the act alone does not help; the check must be in the same
critical section.

Example
-------
    def ensure_worker(self):
        if self._worker is None:              # check, no lock
            with self._lock:
                self._worker = start_worker()  # act, another caller may have started one

    # fixed: check and act in one critical section
    def ensure_worker(self):
        with self._lock:
            if self._worker is None:
                self._worker = start_worker()

Fix
---
Move the check into the same `with lock:` block as the act, or re-check the condition after
taking the lock (double-checked locking).

Known limits
------------
Acts are found in the branch's arms and after a guard clause (`if x: return`) in the same
block; a check whose result travels through a call or an attribute is not followed. Fields the
extractor recognises as state machines (enum or constant states) are left to IL503, which
explores the interleaving and proves the bad state.
"""
from __future__ import annotations

from typing import Iterator

from interlock.checker.context import RuleContext
from interlock.checker.registry import RuleInfo
from interlock.checker.rules import _report as rp
from interlock.checker.rules._shared_state import analyse, short_lock
from interlock.models.finding import Finding
from interlock.models.program import ProgramModel

RULE = RuleInfo(
    code="IL201", name="check-then-act", severity="high", dimension="Player Thread Safety",
    summary="A check of shared state and the act that depends on it are in different critical sections.",
    fix="Do the check and the act inside one critical section (or re-check after taking the lock).",
)


def check(model: ProgramModel, ctx: RuleContext) -> Iterator[Finding]:
    for cand in analyse(ctx).by_code.get(RULE.code, []):
        yield _finding(ctx, cand)


def _finding(ctx: RuleContext, cand) -> Finding:
    act, other, chk = cand.site, rp.first_other(cand), cand.detail["check"]
    sn, on = rp.names(act, other)
    sym = act.symbol
    locks = [short_lock(lk) for lk in cand.locks]
    lock_txt = ", ".join(f"`{x}`" for x in locks)
    message = (f"`{sn}` checks `{sym}` in `{rp.fn(act)}` (line {chk.loc.line}) and acts on it "
               f"(line {act.event.loc.line}) in a different critical section, while `{on}` "
               f"writes it in `{rp.fn(other)}`")
    trace = [rp.step(act, f"`{rp.fn(act)}` checks `{sym}`: `{(cand.detail['branch'].cond.value or '').strip()}`", event=chk, name=sn),
             rp.step(other, f"`{rp.fn(other)}` writes `{sym}` {rp.holding(other.locks)}", name=on),
             rp.step(act, f"`{rp.fn(act)}` acts on the stale check: `{sym}` {rp.verb(act)} {rp.holding(act.locks)}", name=sn)]
    loc = rp.location(act, event=chk, end=act.event.loc.end_line or act.event.loc.line)
    return rp.build(
        RULE, ctx, cand, loc=loc, title=f"Check-then-act on `{sym}` in `{rp.fn(act)}`", message=message,
        trace=trace,
        trigger=(f"`{on}` writes `{sym}` after `{sn}` checked it and before it "
                 f"acts (the lock {lock_txt} is not held across both)."),
        impact=f"`{rp.fn(act)}` acts on a condition that no longer holds: duplicated or lost work on `{sym}`.",
        fix=(f"Move the check of `{sym}` into the same `with` block as the act in `{rp.fn(act)}` "
             f"({lock_txt}), or re-check `{sym}` after taking the lock."),
        symbols=[sym] + locks)
