"""IL502 illegal-transition: a state transition outside the declared state machine is reachable.

What it finds
-------------
A `[[state_machine]]` of the spec lists the allowed transitions of a state field (for
example `state: STOPPED -> PLAYING`). The explorer runs the component's contexts together and
reports a reachable write that moves the field from one state to another along an edge the
spec does not allow, with the trace that gets there.

Why it matters
--------------
Code downstream of a state field assumes only declared transitions happen: a player that goes
from STOPPED to PAUSED has no stream to pause and no position to resume from; UI and backend
disagree about what is playing.

Example
-------
    def _on_underrun(self):             # playback thread
        with self._lock:
            self.state = State.PAUSED   # also when the user already stopped: STOPPED -> PAUSED

Fixed: `if self.state == State.PLAYING: self.state = State.PAUSED` under the same lock.

Fix
---
Guard every transition with a check of the current state, in the same critical section as the
write; or add the transition to the spec if it is intended.

Known limits
------------
Needs a spec state machine. Only assignments of constants (enum members, strings, ints) are
compared. A machine declared on a container field (`self.jobs[job_id] = JobState.RUNNING`) is
followed by its values through one representative element (`self.jobs[k]`, `self.jobs.get(k)`),
starting in the machine's initial state: the keys are not told apart. Writing the state the field already holds (an idempotent `stop()`) is not reported
here, even when the machine lists no self-loop; after a check that went stale (two `start`s
that both saw IDLE: RUNNING -> RUNNING) it is IL503's. An illegal transition caused by a stale check made in an earlier critical section
is reported as IL503 (non-atomic-transition) instead, with the same trace. A write made by a helper
that stores the state it is passed (`def _set_state(self, new): ... self.state = new`, a property
setter) is reported at the call that passes the illegal state (`self._set_state(State.IDLE)` in
`close`), the helper's write named in `related` (tests/corpus/il502_helper_takes_the_new_state).
"""
from __future__ import annotations

from typing import Iterator

from interlock.checker.context import RuleContext
from interlock.checker.explorer import report
from interlock.checker.explorer.atomicity import stale_check
from interlock.checker.explorer.run import analyse
from interlock.checker.registry import RuleInfo
from interlock.models.finding import Finding
from interlock.models.program import ProgramModel

RULE = RuleInfo(
    code="IL502", name="illegal-transition", severity="high", dimension="Player Thread Safety",
    summary="A reachable state transition is not allowed by the declared state machine.",
    fix="Check the current state before each transition, in the same critical section as the write; "
        "or declare the transition in the spec if it is intended.",
)


def check(model: ProgramModel, ctx: RuleContext) -> Iterator[Finding]:
    spec = ctx.component.spec
    if spec is None or not spec.state_machine:
        return
    analysis = analyse(model, ctx)
    for rec in analysis.records:
        if rec.kind != "transition":
            continue
        sc, v = rec.scenario, rec.violation
        key, old, new = v.detail["field"], v.detail["old"], v.detail["new"]
        if v.detail.get("same") or stale_check(sc, v.steps, {key}) is not None:
            continue               # a stale check: IL503 reports it; a same-state write is no move
        at = v.steps[-1]
        if report.on_own_objects(ctx, sc, v.steps, {key}, at.tid):
            continue
        who, writer = sc.threads[at.tid].name, report.op_at(sc, at).func
        # a helper that stores the state it is passed (`self._set_state(State.IDLE)`, a property
        # setter) is not the place: the call that passes the illegal state is
        caller = report.passed_by(sc, v.steps, at)
        where = f"{caller.class_}.{caller.function}" if caller and caller.class_ else caller.function if caller else ""
        through = f"{where}, through {writer}" if caller else writer
        yield report.build(
            RULE, ctx, rec, at=at, symbols=[key], where=caller,
            title=f"Illegal transition {old} -> {new} of `{key}`",
            message=f"`{key}` goes from {old} to {new} in `{who}` ({through}), "
                    f"a transition the state machine does not allow (scenario {sc.label}).",
            impact=f"Code that relies on the declared transitions of `{key}` sees {old} -> {new}.",
            related=[(at, f"the write in {writer}, which stores the state {where} passes")] if caller else [],
            bounded=analysis.bounded_by)
