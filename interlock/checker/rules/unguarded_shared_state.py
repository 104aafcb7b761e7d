"""IL101 unguarded-shared-state: an attribute written in one concurrent context and read or
written in another, with no lock in common and no lock guarding it anywhere.

What it finds
-------------
An attribute or module global that one concurrent context (a thread, an executor job, an HTTP
handler, a public method of a class that owns a lock or a thread) writes while another reads or
writes it, where the two accesses hold no lock in common and no lock guards the attribute in
most of its accesses (that case is IL102). One finding per attribute and racing function, at
the write; the other side is in `related`. Read-modify-writes are IL103, check-then-act IL201,
iteration during mutation IL202, in-place buffer writes IL602.

Why it matters
--------------
Without a lock nothing orders the two accesses: the reader sees a half-updated object (one
field new, the next one old), a value that is immediately stale, or `None` between a reset and
a reassignment. The GIL makes single bytecodes atomic, not the sequence that keeps an object
consistent.

Example
-------
    class Queue:
        def __init__(self):
            self._lock = threading.Lock()
            self.current_index = 0
            threading.Thread(target=self._advance_loop).start()

        def _advance_loop(self):
            for i in range(len(self.tracks)):
                self.current_index = i         # playback thread writes

        def skip(self):
            return self.tracks[self.current_index]   # api reads, no lock in common

    # fixed: both sides under the same lock
        def _advance_loop(self):
            for i in range(len(self.tracks)):
                with self._lock:
                    self.current_index = i

        def skip(self):
            with self._lock:
                return self.tracks[self.current_index]

Fix
---
Guard every access to the attribute with one lock (the class's own `_lock`), or confine the
attribute to one thread and hand values over through a `queue.Queue`, or publish it once in
`__init__` and never write it again.

Known limits
------------
Lock identity is per class, not per instance (two objects of one class share a lock class).
Accesses through attributes whose type is unknown (`self.x` with no annotation or in-scope
constructor) are not resolved. Two tasks of one asyncio loop are never reported here (they
switch only at awaits: see IL403). One store or container call racing only with itself (the
same line run by two instances of one context) is not reported: it is one atomic bytecode
under the GIL, and the last writer wins.
"""
from __future__ import annotations

from typing import Iterator

from interlock.checker.context import RuleContext
from interlock.checker.registry import RuleInfo
from interlock.checker.rules import _report as rp
from interlock.checker.rules._late_init import late_fields
from interlock.checker.rules._shared_state import analyse
from interlock.models.finding import Finding
from interlock.models.program import ProgramModel

RULE = RuleInfo(
    code="IL101", name="unguarded-shared-state", severity="high", dimension="Player Thread Safety",
    summary="Attribute written in one concurrent context and accessed in another with no lock in common.",
    fix="Guard every access with one lock, or confine the attribute to one thread and pass values through a queue.",
)


def check(model: ProgramModel, ctx: RuleContext) -> Iterator[Finding]:
    result = analyse(ctx)
    for cand in result.by_code.get(RULE.code, []):
        yield _finding(ctx, cand)
    reported = {(c.key, c.site.function.qualname) for cands in result.by_code.values() for c in cands}
    for cand in late_fields(result.idx):       # bound after the thread that reads it started
        if (cand.key, cand.site.function.qualname) not in reported:
            yield _finding(ctx, cand)


def _finding(ctx: RuleContext, cand) -> Finding:
    site, other = cand.site, rp.first_other(cand)
    sym = site.symbol
    sn, on = rp.names(site, other)
    if cand.detail.get("late"):
        return _late_finding(ctx, cand, site, other, sym, on)
    message = (f"`{sym}` is {rp.verb(site)} by `{sn}` in `{rp.fn(site)}` and "
               f"{rp.verb(other)} by `{on}` in `{rp.fn(other)}`, with no lock in common")
    trace = [rp.step(site, f"`{rp.fn(site)}` {_action(site)} `{sym}` {rp.holding(site.locks)}", name=sn),
             rp.step(other, f"`{rp.fn(other)}` {_action(other)} `{sym}` at the same time {rp.holding(other.locks)}",
                     name=on)]
    owner = sym.split(".")[0]
    return rp.build(
        RULE, ctx, cand, loc=rp.location(site), title=f"Unguarded shared state `{sym}`", message=message,
        trace=trace,
        trigger=(f"`{sn}` runs `{rp.fn(site)}` while `{on}` runs "
                 f"`{rp.fn(other)}`; neither holds a lock when touching `{sym}`."),
        impact=(f"`{rp.fn(other)}` can observe `{sym}` mid-update or overwrite it; the two contexts "
                f"see inconsistent state of `{owner}`."),
        fix=(f"Take one lock{_of(ctx, site, owner)} (e.g. `{rp.lock_example(ctx, site)}`) around every access to `{sym}` "
             f"in `{rp.fn(site)}` and `{rp.fn(other)}`, or confine `{sym}` to `{site.context.name}` "
             f"and hand values over through a `queue.Queue`."),
        symbols=[sym])


def _late_finding(ctx: RuleContext, cand, site, other, sym: str, on: str) -> Finding:
    """A field the constructor (or another method) binds after starting the thread that reads it
    (rules/_late_init.py)."""
    fn, reader = rp.fn(site), rp.fn(other)
    if cand.detail.get("constructor", True):
        message = (f"`{sym}` is bound by `{fn}` after it starts `{on}`, which reads it in `{reader}`: "
                   f"the thread may read it first")
        done = f"`{fn}` binds `{sym}` only now"
        trigger = f"`{on}` is started in `{fn}` before `{sym}` is bound, and runs `{reader}` at once."
        impact = f"`{reader}` can fail with AttributeError or see a value from before `{fn}` set it."
        fix = f"Bind `{sym}` (and every field the thread uses) before starting the thread, or start it last."
    else:
        message = (f"`{sym}` is written by `{fn}` after it starts `{on}`, which reads it in `{reader}`, "
                   f"with no lock in common: the thread may run on the old value")
        done = f"`{fn}` writes `{sym}` only now {rp.holding(site.locks)}"
        trigger = f"`{fn}` starts `{on}` before it writes `{sym}`; the thread runs `{reader}` at once."
        impact = f"`{reader}` can act on the value `{sym}` had before `{fn}` set it."
        fix = f"Set `{sym}` (and every field the thread uses) before starting the thread, or guard both sides with one lock."
    trace = [rp.step(other, f"`{reader}` reads `{sym}` as soon as the thread starts", name=on), rp.step(site, done)]
    return rp.build(RULE, ctx, cand, loc=rp.location(site), title=f"`{sym}` set after the thread that reads it started",
                    message=message, trace=trace, trigger=trigger, impact=impact, fix=fix, symbols=[sym])


def _action(a) -> str:
    return {"read": "reads", "written": "writes", "iterated": "iterates"}.get(rp.verb(a), "mutates")


def _of(ctx, site, owner: str) -> str:
    """" of `Player`" for a field of a class; nothing for a module global (a module-level lock)."""
    return f" of `{owner}`" if ctx.model.classes.get(site.concrete or site.owner) is not None else ""
