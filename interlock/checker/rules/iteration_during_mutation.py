"""IL202 iteration-during-mutation: a container iterated in one context while another context
mutates it, with no lock in common.

What it finds
-------------
A `for` loop or comprehension over a shared list, dict, set or deque (or over its `.items()`,
`.keys()`, `.values()`) in one concurrent context, and an `append`/`pop`/`x[k] = v`/`del`/
`update`/... of the same container in another, where the two hold no lock in common. A
snapshot taken in one C call (`list(x)`, `tuple(x)`, `sorted(x)`, `x.copy()`, a slice `x[-20:]`
of a list) is not a walk and is the usual fix. For two tasks of one asyncio loop it is reported only when the loop body
awaits. One finding per container and iterating function.

Why it matters
--------------
Python raises `RuntimeError: dictionary changed size during iteration` (dicts, sets) in the
middle of the loop; lists silently skip or repeat elements. The listener loop, the cache sweep
or the broadcast to connected clients dies on a timing the tests never hit.

Example
-------
    def broadcast(self, msg):                 # api
        for client in self.clients:
            client.send(msg)

    def _on_disconnect(self, client):          # network thread
        self.clients.remove(client)

    # fixed: iterate over a snapshot taken under the lock
    def broadcast(self, msg):
        with self._lock:
            clients = list(self.clients)
        for client in clients:
            client.send(msg)

Fix
---
Iterate over a copy taken under the lock that guards the container (`list(...)`, `.copy()`),
or hold that lock for the whole loop when it is short and calls nothing foreign.

Known limits
------------
Containers reached through a local alias (`items = self.items; for x in items`) are not
followed, except the live container an accessor hands back (`for cb in self._handlers():` where
`_handlers` returns `self._subs` from under its lock: the loop runs after the lock is released);
mutations through a function that receives the container as an argument are not seen.
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
    code="IL202", name="iteration-during-mutation", severity="high", dimension="Player Thread Safety",
    summary="Container iterated in one context while another context mutates it.",
    fix="Iterate over a snapshot copied under the container's lock, or hold that lock for the loop.",
)


def check(model: ProgramModel, ctx: RuleContext) -> Iterator[Finding]:
    for cand in analyse(ctx).by_code.get(RULE.code, []):
        yield _finding(ctx, cand)


def _finding(ctx: RuleContext, cand) -> Finding:
    it, other = cand.site, rp.first_other(cand)
    sn, on = rp.names(it, other)
    sym = it.symbol
    message = (f"`{sym}` is iterated by `{sn}` in `{rp.fn(it)}` while `{on}` "
               f"mutates it (`{other.event.op}`) in `{rp.fn(other)}`, with no lock in common")
    trace = [rp.step(it, f"`{rp.fn(it)}` starts iterating `{sym}` {rp.holding(it.locks)}", name=sn),
             rp.step(other, f"`{rp.fn(other)}` mutates `{sym}` (`{other.event.op}`) {rp.holding(other.locks)}", name=on),
             rp.step(it, f"`{rp.fn(it)}` takes the next element of the changed `{sym}`", name=sn)]
    return rp.build(
        RULE, ctx, cand, loc=rp.location(it), title=f"`{sym}` iterated while another context mutates it",
        message=message, trace=trace,
        trigger=f"`{on}` calls `{rp.fn(other)}` while `{sn}` is inside the loop in `{rp.fn(it)}`.",
        impact=(f"The loop in `{rp.fn(it)}` raises `RuntimeError` (dict/set changed size during iteration) "
                f"or skips/repeats elements of `{sym}`."),
        fix=(f"In `{rp.fn(it)}`, copy `{sym}` under the lock that `{rp.fn(other)}` takes (`{rp.lock_example(ctx, it)} "
             f"items = list(...)`) and iterate over the copy."),
        symbols=[sym])
