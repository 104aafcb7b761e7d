"""Counterexample traces: recorded steps -> TraceStep rows with the values that matter (z3 model)."""
from __future__ import annotations

from typing import Any, Iterable

import z3

from interlock.checker.explorer.ir import Scenario, expr_fields
from interlock.checker.explorer.semantics import Step
from interlock.checker.explorer.smt import RLIMIT, TIMEOUT_MS, Sym, to_z3
from interlock.models.finding import TraceStep

QUIET = ("local", "jump", "end")


def witness(facts: Iterable[Any]) -> z3.ModelRef | None:
    """One model of the facts, solved in a fresh z3 context from SMT-LIB text (declarations and
    assertions in text order): the values a trace shows then depend on the facts alone, not on
    what the process solved before (z3's term ids and history steer which model it returns)."""
    terms = sorted((to_z3(f) for f in facts if f is not True), key=lambda t: t.sexpr())
    consts: dict[str, str] = {}
    for t in terms:
        for c in uninterpreted(t):
            consts[c.sexpr()] = c.sort().sexpr()
    text = "".join(f"(declare-fun {n} () {consts[n]})\n" for n in sorted(consts))
    text += "".join(f"(assert {t.sexpr()})\n" for t in terms)
    ctx = z3.Context()
    s = z3.Solver(ctx=ctx)
    s.set("rlimit", RLIMIT)
    s.set("timeout", TIMEOUT_MS)
    s.add(z3.parse_smt2_string(text, ctx=ctx))
    return s.model() if s.check() == z3.sat else None


def uninterpreted(term: z3.ExprRef) -> Iterable[z3.ExprRef]:
    seen, work = set(), [term]
    while work:
        t = work.pop()
        if t.get_id() in seen:
            continue
        seen.add(t.get_id())
        if z3.is_const(t) and t.decl().kind() == z3.Z3_OP_UNINTERPRETED:
            yield t
        work.extend(t.children())


def render(v: Any, model: z3.ModelRef | None) -> str:
    if isinstance(v, Sym):
        if model is None:
            return str(v.term)
        return str(model.eval(v.term.translate(model.ctx), model_completion=True))
    return repr(v) if isinstance(v, str) else str(v)


def trace(sc: Scenario, steps: tuple[Step, ...], model: z3.ModelRef | None) -> tuple[TraceStep, ...]:
    """Every step that touches shared state or synchronises; locals and jumps are folded away."""
    out = []
    for st in steps:
        prog = sc.threads[st.tid]
        op = prog.ops[st.pc]
        if op.kind == "branch" and op.a[0] == "c":
            continue                       # `while True:`
        reads_shared = op.kind == "local" and expr_fields(op.b)
        if op.kind in QUIET and not reads_shared and not st.note.startswith(("wakes", "wait")):
            continue
        action = _action(op, st, model)
        if op.kind == "assign" and isinstance(st.value, (int, str)) and st.value in sc.labels \
                and op.a in sc.property_fields:
            action = action[:action.rindex("= ")] + f"= {sc.labels[st.value]}]"     # `CONNECTED`, not 2
        out.append(TraceStep(context=prog.name, path=op.path or "", line=op.line, action=action))
    return tuple(out)


def _action(op, st: Step, model) -> str:
    where = f"{op.func}: " if op.func else ""
    if op.kind == "local":
        return f"{where}{op.text}  [{op.a.split('@')[0]} = {render(st.value, model)}]"
    if op.kind == "assign":
        return f"{where}{op.text}  [{op.a} = {render(st.value, model)}]"
    if op.kind == "mutate":
        return f"{where}{st.note.replace('{}', render(st.value, model))}"
    if op.kind == "branch":
        return f"{where}if {op.text} -> {st.value}"
    return f"{where}{st.note}"


def trigger(model: z3.ModelRef | None, facts: Iterable[Any], assumed: Iterable[Any] = ()) -> dict[str, str]:
    """Concrete arguments and initial values from the z3 model (`pos@api` -> `150`). Only
    the symbols some fact other than the scenario's `assumed` start domain mentions:
    a field only its start bounds constrain (a counter built as 0 that the trace never tests)
    may take any value there and is no trigger."""
    if model is None:
        return {}
    domain = {to_z3(f).sexpr() for f in assumed if f is not True}
    names: set[str] = set()
    for f in facts:
        if f is not True and (t := to_z3(f)).sexpr() not in domain:
            names.update(str(c.decl().name()) for c in uninterpreted(t))
    return {str(d.name()): str(model[d]) for d in sorted(model.decls(), key=lambda d: str(d.name()))
            if str(d.name()) in names}


def preemptions(steps: tuple[Step, ...]) -> int:
    n, last = 0, None
    for st in steps:
        if last is not None and st.tid != last:
            n += 1
        last = st.tid
    return n
