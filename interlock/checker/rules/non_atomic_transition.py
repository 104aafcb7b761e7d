"""IL503 non-atomic-transition: a state check and its transition are in separate critical sections.

What it finds
-------------
A method checks a state field (`if self.state == State.STOPPED`) in one critical section (or
with no lock) and writes the field later in another, and the explorer finds an interleaving
where another context changes the field in between, so that the final state is one no serial
order of the same calls produces, or the write is a transition the spec does not allow (also
the state the field already holds, when the declared machine has no such self-loop: two
`start`s that both saw IDLE write RUNNING over RUNNING). The trace shows the check, the
interfering write and the stale act. A stale check that decides a call of a setter of the
state (`self._enter(RUNNING)`, which stores its parameter under the lock) is one too: reported
in the method that makes the check and calls the setter, once per such caller
(tests/corpus/il503_check_then_setter_helper).

Why it matters
--------------
The check no longer holds when the act runs: play and stop both "succeed" and the player ends
up PLAYING after a stop, a stream is opened twice, a transition skips a state. Only a
particular timing triggers it, so it shows up as a rare, unreproducible field report.

Example
-------
    def play(self):
        with self._lock:
            if self.state != State.STOPPED:
                return
            self.state = State.LOADING
        self._load()                      # lock released: stop() may run here
        with self._lock:
            self.state = State.PLAYING    # no re-check: STOPPED -> PLAYING after a stop

Fixed: re-check `if self.state == State.LOADING` under the lock before the final transition.

Fix
---
Make the check and the transition one critical section, or re-check the state under the lock
right before writing (compare-and-set); treat a changed state as "someone else won".

The explorer compares the final values of state fields (declared state machines, else the ones
the extractor inferred). When it cannot show a bad state (two `start` calls both see IDLE and
both set RUNNING, which a serial order also ends in), the static check-then-act analysis
still reports the stale check of a state field before its transition here, not as IL201 (nor
a state written back from a stale read of itself, `self.state = A if playing else B`, as IL103): a
state field is one the spec declares, or one assigned enum members or str/int constants
(literals or named module constants).

Known limits
------------
Values the explorer only knows symbolically are not compared. Lost updates of plain counters
are IL103's business and are not reported here.
"""
from __future__ import annotations

from typing import Iterator

from interlock.checker.context import RuleContext
from interlock.checker.explorer import report
from interlock.checker.explorer.atomicity import stale_check
from interlock.checker.explorer.run import analyse
from interlock.checker.registry import RuleInfo
from interlock.checker.rules import check_then_act, lost_update
from interlock.checker.rules._shared_state import analyse as shared_state
from interlock.models.finding import Finding
from interlock.models.program import ProgramModel

RULE = RuleInfo(
    code="IL503", name="non-atomic-transition", severity="high", dimension="Player Thread Safety",
    summary="A state check and the transition that depends on it run in separate critical sections; "
            "an interleaving reaches a bad state.",
    fix="Check and transition in one critical section, or re-check the state under the lock right before "
        "the write (compare-and-set).",
)


def check(model: ProgramModel, ctx: RuleContext) -> Iterator[Finding]:
    """The explorer's findings (run once per explorer shard, see checker/forked.py)."""
    yield from _explored(model, ctx)


def static(model: ProgramModel, ctx: RuleContext) -> Iterator[Finding]:
    """The static stale-check candidates, run once with the static rules (they share their
    analysis); the checker keeps those the explorer did not report at the same place."""
    for cand in shared_state(ctx).by_code.get(RULE.code, []):
        yield (check_then_act if "check" in cand.detail else lost_update).finding(ctx, cand, RULE)


def _explored(model: ProgramModel, ctx: RuleContext) -> Iterator[Finding]:
    """The explorer's witnesses: a bad final state or a forbidden transition after a stale check."""
    analysis = analyse(model, ctx)
    for rec in analysis.records:
        sc, v = rec.scenario, rec.violation
        if rec.kind == "outcome":
            key, i, j, k = v.name, v.detail["check"], v.detail["act"], v.detail["other"]
            bad = ", ".join(f"{report.symbol(f)} = {val}" for f, val in v.detail["outcome"].items())
            what = f"ends with {bad}, which no serial order produces (serial: {', '.join(v.detail['serial'])})"
        elif rec.kind == "transition" and (stale := stale_check(sc, v.steps, {v.detail["field"]})):
            key, i, j, k = stale
            what = f"makes the transition {v.detail['old']} -> {v.detail['new']}, which the state machine forbids"
        else:
            continue
        act, chk, other = v.steps[j], v.steps[i], v.steps[k]
        if report.on_own_objects(ctx, sc, v.steps, {key}, act.tid):
            continue
        who, rival = sc.threads[act.tid].name, sc.threads[other.tid].name
        # a setter the checking method calls (`self._enter(LOADING)`) is not the place: reported
        # in the method that checks and calls it, each caller on its own
        at = report.common_caller(sc, chk, act) if _stores_parameter(model, report.op_at(sc, act)) else act
        writes = [(act, "the write that acts on it")] if at is not act else []
        checks = [(chk, "the check that went stale")] if at is not chk else []
        yield report.build(
            RULE, ctx, rec, at=at, symbols=[report.symbol(key)],
            title=f"Stale state check before writing `{report.symbol(key)}`",
            message=f"`{who}` checks `{report.symbol(key)}` in {report.op_at(sc, chk).func} and writes it in a later "
                    f"critical section; `{rival}` changes it in between, and the run {what}.",
            impact="The state field ends up in a state the code's checks were meant to exclude.",
            related=[*checks, *writes, (other, f"interfering write by {rival}")],
            bounded=analysis.bounded_by)


def _stores_parameter(model: ProgramModel, op) -> bool:
    """The write is a setter's: its method stores one of its parameters in the field
    (`def _enter(self, new): with self._lock: self.state = new`)."""
    value = op.text.partition("=")[2].strip() if "=" in op.text else ""
    fns = [f for q, f in model.functions.items() if q.endswith("." + op.func)] if op.func else []
    return bool(value) and any(value in f.params[1 if f.cls else 0:] for f in fns)
