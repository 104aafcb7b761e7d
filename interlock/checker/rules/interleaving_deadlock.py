"""IL504 interleaving-deadlock: the explorer reaches a state where every context is blocked.

What it finds
-------------
An interleaving of the component's contexts after which no context can make progress: each
unfinished one waits for a lock another holds, for a thread to finish (`join`) that itself
waits, for a notification that can no longer come, or for room in a full bounded queue
(`Queue(maxsize=n).put`) whose consumer waits, and at least one waits on a lock or a join. The trace ends in that state and lists what each context waits for.
Awaiting an asyncio task (`await self._task`, `gather(t)`, `wait([t])`, `wait_for(t, None)`)
is a join on the task's context, and a cancelled task runs its `finally` blocks before it ends:
`async with self._lock: t.cancel(); await t` deadlocks when `t`'s `finally` takes `self._lock`.

A lost wake-up counts too: a context asleep in an untimed `Condition.wait()` or `Event.wait()`
whose guarding test (the innermost `if`/`while` around the wait, its locals traced back to the
fields they were read from) no longer holds once nothing else can run, while another context of
the scenario is the one that notifies or sets it: a path of the waker that forgets `notify_all()`
(`pending -= 1` on a failure, then `return`), or a `clear()` made after the check, which undoes a
`set()` that came in between (explorer/guards.py). It is reported even when another call could
wake the waiter later: what it waits for is there already.

Why it matters
--------------
A deadlock freezes the player or the server with no error: `stop()` joins the playback thread
while holding the lock the thread needs to see the stop flag; shutdown hangs forever.

Example
-------
    def stop(self):
        with self._lock:
            self._running = False
            self._thread.join()           # the worker needs self._lock to see _running

Fixed: set the flag under the lock, release it, then `join()`.

Fix
---
Never wait (join, Condition.wait on another lock, Queue.get) while holding a lock the awaited
context needs; release first, or signal with an Event the worker checks without the lock.

Known limits
------------
A task awaited with a timeout (`wait_for(t, 5)`, `wait([t], timeout=5)`) is not a join: at the
timeout `wait_for` cancels the task again, which interrupts the lock acquire it is stuck in, so
the waiter stalls and goes on (the task's cleanup is lost, which this rule does not report).
A task is matched to the context of the coroutine stored with it (`self.t = create_task(self.m())`);
tasks kept in module globals or closures are not followed.
Idle waits alone (a worker waiting on an empty queue or an unset Event) are not deadlocks and
are not reported, unless nothing else can ever end them: every `set()`/`put()` of the waited
event or queue in the program runs only in the blocked contexts themselves, each a single entry
run once (two threads each waiting for the event the other sets after its wait; a task awaiting
an event only it sets later: explorer/signals.py); neither are cycles of plain lock acquisitions, which IL301 (lock order) and
IL302 (self-deadlock) report with their cycle. This rule reports blocked states that involve a
join, a condition or Event wait, a blocking `Queue.get`, a `put` on a bounded queue, a
`Queue.join()` that waits for the `task_done()` of an item still pending, or a semaphore
`acquire()` that waits for a permit, which only exploring the interleaving shows. A
bounded queue is explored empty and full, whatever its `maxsize`; a semaphore that some context
acquires and only others release is explored with one permit and with none left (leases out). Two instances per context at
most; loops run two iterations.
"""
from __future__ import annotations

from typing import Iterator

from interlock.checker.context import RuleContext
from interlock.checker.explorer import report
from interlock.checker.explorer.guards import guard_branch
from interlock.checker.explorer.run import analyse
from interlock.checker.explorer.semantics import Step
from interlock.checker.registry import RuleInfo
from interlock.models.finding import Finding, TraceStep
from interlock.models.program import ProgramModel

RULE = RuleInfo(
    code="IL504", name="interleaving-deadlock", severity="critical", dimension="Player Thread Safety",
    summary="An interleaving reaches a state where every context is blocked (locks, joins, waits).",
    fix="Do not join, wait or block while holding a lock the awaited context needs: release it first.",
)


def check(model: ProgramModel, ctx: RuleContext) -> Iterator[Finding]:
    analysis = analyse(model, ctx)
    for rec in analysis.records:
        if rec.kind != "deadlock":
            continue
        sc, v = rec.scenario, rec.violation
        blocked = v.detail["blocked"]
        waits = {t: r for t, r in blocked.items()}
        # the join (or wait) made while holding a lock is the bug; the blocked acquire is its victim
        first = min(waits, key=lambda t: (waits[t][0] != "join", waits[t][0] == "acquire", t))
        at = Step(first, v.state.pcs[first], "blocked")
        reasons = "; ".join(f"`{sc.threads[t].name}` waits for {WAITS_FOR.get(kind, kind)} {report.symbol(str(obj))}"
                            for t, (kind, obj) in sorted(waits.items()))
        symbols = {report.symbol(str(obj)) for kind, obj in waits.values() if obj}
        symbols |= {_held(sc, v, t) for t in waits} - {None}
        title = f"Deadlock: {' and '.join(sc.threads[t].name for t in sorted(waits))} all blocked"
        message = f"Every context is blocked after this interleaving: {reasons}."
        impact = "The contexts wait for each other forever: the player or the server hangs with no error."
        lost = v.detail.get("lost")
        if lost is not None:
            # a lost wake-up (explorer/guards.py): the waiter's own test no longer holds
            first, at = lost, Step(lost, v.state.pcs[lost], "blocked")
            ops = sc.threads[lost].ops
            g = guard_branch(ops, v.state.pcs[lost])
            test = ops[g].text if g is not None else "its test"
            title = f"Lost wake-up: {sc.threads[lost].name} sleeps although `{test}` no longer holds"
            message = (f"After this interleaving `{sc.threads[lost].name}` still waits in "
                       f"`{ops[v.state.pcs[lost]].text}`, but the test it went to sleep under (`{test}`) "
                       f"is false and no other context can run: the change it waits for happened without "
                       f"its wake-up (a path that does not notify or set, or a `clear()` after the `set()`). {reasons}.")
            impact = "The waiting context hangs although what it waits for is there: no error, no progress."
        yield report.build(
            RULE, ctx, rec, at=at, symbols=sorted(symbols),
            title=title, message=message, impact=impact,
            related=[(Step(t, v.state.pcs[t], "blocked"), "blocked here") for t in sorted(waits) if t != first],
            bounded=analysis.bounded_by, tail=tuple(_blocked_steps(sc, v, waits)))


#: what a blocked context waits for, by the kind of its blocked step
WAITS_FOR = {"acquire": "the lock", "reacq": "the lock", "join": "the end of", "evwait": "a set of the event",
             "qget": "an item on", "qput": "room on", "qjoin": "the pending tasks of", "wait": "a notify of",
             "permit": "a permit of", "barrier": "the other parties of"}


def _blocked_steps(sc, v, waits):
    for t, (kind, obj) in sorted(waits.items()):
        op = sc.threads[t].ops[v.state.pcs[t]]
        yield TraceStep(context=sc.threads[t].name, path=op.path, line=op.line,
                        action=f"{op.func}: blocked: {op.text or kind} waits on {report.symbol(str(obj))}")


def _held(sc, v, tid):
    """A lock this thread holds in the final state (names the resource the others need)."""
    from interlock.checker.explorer.semantics import Machine
    from interlock.checker.explorer.state import Draft
    d = Draft(v.state, Machine(sc).layout)
    for key, kind in sc.kinds.items():
        if kind in ("lock", "rlock") and d.get(key + "#owner") == tid:
            return key
    return None
