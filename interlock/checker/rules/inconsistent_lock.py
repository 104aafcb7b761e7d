"""IL102 inconsistent-lock: an attribute that a lock guards in most accesses, touched without it
(or under a different lock) in this one, while another context can access it.

What it finds
-------------
For every shared attribute the rule counts, per lock, the access sites that hold it on every
path (interprocedurally: a private helper called only under the lock inherits it). When one lock
is held at half of the sites or more, it is the attribute's guard, and each access without it
that can overlap a write in another concurrent context (or a write without it that overlaps any
access) is reported, once per attribute and function. Symbols name the attribute and the locks.

Why it matters
--------------
The lock documents the intent: the author knew the attribute is shared. The one access that
skips it (a fast-path read, a setter added later, a different lock taken by mistake) races
with every locked writer, and it is the access reviewers overlook because the class "uses locks".

Example
-------
    class PlaybackController:
        def _on_tick(self, frames):            # audio thread
            with self._lock:
                self.position += frames

        def get_position(self):                # api, no lock
            return self.position / self.rate

    # fixed
        def get_position(self):
            with self._lock:
                return self.position / self.rate

Fix
---
Take the guarding lock around the reported access (the same lock object, not another one);
for a helper that expects the lock to be held, call it only with the lock held and name it
`_..._locked`.

Known limits
------------
"Most accesses" is a count of sites, not of executions. Locks are compared per class (a lock
of another instance of the same class counts as the same lock). An access guarded by a
`Condition` counts as guarded by the lock the condition wraps.
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
    code="IL102", name="inconsistent-lock", severity="high", dimension="Player Thread Safety",
    summary="Attribute guarded by a lock in most accesses but not in this one (or by a different lock).",
    fix="Take the attribute's guarding lock around this access too.",
)


def check(model: ProgramModel, ctx: RuleContext) -> Iterator[Finding]:
    for cand in analyse(ctx).by_code.get(RULE.code, []):
        yield _finding(ctx, cand)


def _finding(ctx: RuleContext, cand) -> Finding:
    site, other = cand.site, rp.first_other(cand)
    guard = cand.detail["guard"]
    g, sym = short_lock(guard), site.symbol
    extra = sorted(short_lock(lk) for lk in site.locks)
    how = f"under `{', '.join(extra)}` instead" if extra else "without it"
    sn, on = rp.names(site, other)
    message = (f"`{sym}` is guarded by `{g}` elsewhere but {rp.verb(site)} by `{sn}` in "
               f"`{rp.fn(site)}` {how}, while `{on}` {_present(other)} it in `{rp.fn(other)}`")
    trace = [rp.step(other, f"`{rp.fn(other)}` {_present(other)} `{sym}` {rp.holding(other.locks)}", name=on),
             rp.step(site, f"`{rp.fn(site)}` {_present(site)} `{sym}` {rp.holding(site.locks)}, not holding `{g}`",
                     name=sn)]
    return rp.build(
        RULE, ctx, cand, loc=rp.location(site), title=f"`{sym}` accessed without its lock `{g}`",
        message=message, trace=trace,
        trigger=(f"`{sn}` runs `{rp.fn(site)}` while `{on}` is inside "
                 f"`{rp.fn(other)}`; `{rp.fn(site)}` does not take `{g}`, so nothing orders the two accesses."),
        impact=(f"`{rp.fn(site)}` can see `{sym}` half-updated or lose an update made under `{g}`; "
                f"the lock protects the other accesses only."),
        fix=f"Wrap the access to `{sym}` in `{rp.fn(site)}` in `with {_path(g)}:` (the same lock the other accesses use).",
        symbols=[sym] + [short_lock(lk) for lk in cand.locks])


def _present(a) -> str:
    return {"read": "reads", "written": "writes", "iterated": "iterates"}.get(rp.verb(a), "mutates")


def _path(lock: str) -> str:
    return "self." + lock.split(".", 1)[1] if "." in lock else lock
