"""What the explorer checks at each state: invariants (z3), declared transitions, deadlocks."""
from __future__ import annotations

from typing import Any

from interlock.checker.explorer.ir import expr_fields
from interlock.checker.explorer.semantics import Machine, Step
from interlock.checker.explorer.smt import Sym
from interlock.checker.explorer.state import Draft, State
from interlock.checker.explorer.values import as_bool, evaluate, negate, symbol



def invariant_checks(m: Machine, *, final_only: bool = False):
    """Per invariant: violated when `path and not inv` is satisfiable with the class's locks free.

    States that differ only in program counters or locals share the verdict: it is cached by
    the values of the invariant's fields and the path condition (most states of a scenario).
    With `final_only`, only states where no thread can move are checked (what a call leaves
    behind once it is over: run.infer_contracts).
    """
    shapes = [(name, expr, [m.layout.index[k + "#owner"] for k in locks if k + "#owner" in m.layout.index],
               [m.layout.index[k] for k in sorted(expr_fields(expr)) if k in m.layout.index])
              for name, expr, locks in m.sc.invariants]
    verdicts: dict[tuple, Any] = {}

    def check(machine: Machine, s: State, step: Step | None):
        if step is None or machine.mid_segment(s, step.tid) or (final_only and (machine.enabled_set(s) or s.cut)):
            return
        for name, expr, owners, slots in shapes:
            if any(s.fields[i] != -1 for i in owners):
                continue
            key = (name, tuple(s.fields[i] for i in slots), s.path)
            if key not in verdicts:
                verdicts[key] = _violated(machine, Draft(s, machine.layout), s, expr)
            bad = verdicts[key]
            if bad is not None:            # the facts of this state's own path (see State.dropped)
                yield "invariant", name, {"facts": set(s.facts) | ({bad} if isinstance(bad, Sym) else set())}
    return check


def _violated(machine: Machine, d: Draft, s: State, expr) -> Any:
    """The violating condition (True when concretely violated), or None."""
    bad = negate(as_bool(evaluate(expr, d.get, symbol, symbol)))
    if bad is False:
        return None
    if isinstance(bad, Sym):
        return bad if machine.solver.sat(s.path, bad) else None
    return True


def transition_check(machine: Machine, s: State, step: Step | None):
    """The step into `s` moved a state machine along an undeclared edge. Checked on every edge
    the search takes (`on_edges`), not once per state: a state reached again by another step is
    not expanded again, and the second step may be the illegal one
    (tests/corpus/il503_check_then_act_with_work_between). A write of the state the field
    already holds counts when the declared machine has no such self-loop and the thread tested
    the field first (`Machine.checked_writes`): named per write site, so that one site whose
    check cannot go stale does not hide another's (tests/corpus/il503_double_reserve_declared_machine)."""
    if step is None or step.transition is None:
        return
    key, old, new = step.transition
    if isinstance(old, Sym) or isinstance(new, Sym):
        return
    allowed = dict(machine.sc.machines).get(key)
    if allowed is not None and (old, new) not in allowed:
        names = machine.sc.labels                 # `CONNECTED = 2`: reported by name
        same, old, new = old == new, names.get(old, old), names.get(new, new)
        site = f" at {step.tid}:{step.pc}" if same else ""
        yield "transition", f"{key}:{old}->{new}{site}", {"facts": set(s.facts), "field": key, "old": old, "new": new,
                                                         "tid": step.tid, "pc": step.pc, "same": same}


transition_check.on_edges = True     # type: ignore[attr-defined]


BLOCKING = ("acquire", "join", "qget", "qput", "qjoin", "evwait", "wait", "bwait")


def deadlock_check(machine: Machine, s: State, step: Step | None):
    """Every unfinished thread blocked, at least one on a lock or a join (idle waits alone are
    not), or each on an event or queue that only the blocked threads themselves could end. The
    start state counts too: threads that each wait first are blocked before any step."""
    live = [t for t in range(len(machine.threads)) if not s.finished(t)]
    if s.cut:       # a thread runs on past what is explored: it may still release or end what they wait for
        return
    if not live or any(not s.status[t] and machine.op(s, t).kind not in BLOCKING for t in live) \
            or machine.enabled_set(s):
        return
    reasons = {t: blocked_on(machine, s, t) for t in live}
    d = Draft(s, machine.layout)
    if any(kind == "acquire" and f"{obj}#owner" in machine.layout.index and d.get(f"{obj}#owner") == t
           for t, (kind, obj) in reasons.items()):
        return      # a thread re-taking a plain lock it holds: a self-deadlock, IL302's (static)
    lost = lost_wakeup(machine, s, reasons)
    if lost is not None:
        tid, fact = lost
        yield "deadlock", "lost-wakeup", {"facts": set(s.facts) | ({fact} if isinstance(fact, Sym) else set()),
                                          "blocked": reasons, "lost": tid}
        return
    if any(kind in ("evwait", "qget", "wait") and obj in machine.sc.opened for kind, obj in reasons.values()):
        return      # a context the scenario left out may set, fill or notify what one waits on
    if _freed(machine, s, reasons):
        return      # another run may notify or fill what one waits on: it blocks under a lock (IL304)
    kinds = {r[0] for r in reasons.values()}
    # a cycle of plain lock acquisitions is IL301/IL302's (static, with the cycle); the explorer
    # reports what only it can prove: a join or a wait in the blocked set, with a lock involved
    if not kinds & {"join", "wait", "reacq", "evwait", "qget", "qput", "qjoin", "permit", "barrier"} or not kinds & {"acquire", "join", "reacq"}:
        # without a lock or a join: only waits that nothing outside the scenario can end
        # (explorer/signals.py): otherwise an idle wait for work from another caller
        if not all(kind in ("evwait", "qget", "wait") and obj in machine.sc.closed for kind, obj in reasons.values()):
            return
    yield "deadlock", "all-blocked", {"facts": set(s.facts), "blocked": reasons}


def lost_wakeup(machine: Machine, s: State, reasons: dict) -> tuple[int, Any] | None:
    """A thread asleep in an untimed wait whose guarding test no longer holds, in a state where
    nothing can run (explorer/guards.py): the change it waits for happened and its wake-up was
    lost (no notify on that path, or a `set()` undone by a `clear()`). (the waiter, the fact
    under which the test is false), or None. Only waits another scenario thread signals count."""
    guards = machine.wait_guards
    if not guards:
        return None
    for t, (kind, _) in sorted(reasons.items()):
        if kind not in ("wait", "evwait"):
            continue
        guard = guards.get((t, s.pcs[t]))
        if guard is None:
            continue
        stale = negate(as_bool(machine.eval(Draft(s, machine.layout), t, guard)))
        if stale is True or (isinstance(stale, Sym) and machine.solver.sat(s.path, stale)):
            return t, stale
    return None


def _freed(machine: Machine, s: State, reasons: dict) -> bool:
    """One thread waits on a condition or queue that a run outside the blocked set can notify or
    fill without any lock a blocked thread holds, and every other thread only waits for a lock
    (signals.free_enders): the waiter wakes, and leaves its critical section. A join or another
    wait in the set keeps the state: a worker that loops back to `get()` never ends."""
    if not machine.sc.freed:
        return False
    held = {k for k, kind in machine.kinds.items() if kind in ("lock", "rlock")
            and s.fields[machine.layout.index[k + "#owner"]] != -1}
    waits = [obj for kind, obj in reasons.values() if kind in ("wait", "qget")]
    if len(waits) != 1 or any(kind not in ("acquire", "wait", "qget") for kind, _ in reasons.values()):
        return False
    return any(key == waits[0] and not (locks & held) for key, locks in machine.sc.freed)


def blocked_on(machine: Machine, s: State, t: int) -> tuple[str, Any]:
    st = s.status[t]
    if st.startswith("wait:"):
        return ("wait", st.split(":")[1])
    if st.startswith("reacq:"):
        return ("reacq", st.split(":")[1])
    if st.startswith("barrier:"):
        return ("barrier", st.split(":", 1)[1])
    op = machine.op(s, t)
    if op.kind == "acquire" and machine.kinds.get(op.a) == "semaphore":
        return ("permit", op.a)         # waits for another context to release one, like an Event
    return (op.kind, op.a)
