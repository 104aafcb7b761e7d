"""Turn explorer records into complete Findings (location, symbols, trace, trigger, values)."""
from __future__ import annotations

from interlock.checker.context import RuleContext
from interlock.checker.explorer.ir import Op, Scenario, entry_arguments, expr_fields
from interlock.checker.explorer.path import render, trace, trigger, witness
from interlock.checker.explorer.run import Record
from interlock.checker.explorer.semantics import Step
from interlock.checker.registry import RuleInfo
from interlock.models.finding import Finding, FindingLocation, TraceStep


def symbol(key: str) -> str:
    """`Ctl.items#len` -> `Ctl.items` (findings name attributes, not our encodings)."""
    return key.split("#")[0]


def op_at(sc: Scenario, st: Step) -> Op:
    return sc.threads[st.tid].ops[st.pc]


def common_caller(sc: Scenario, first: Step, then: Step) -> Step:
    """The step, of two of one thread, in the method whose call runs both: `then` when `first`
    is in a helper it called, `first` when `then` is in a helper (a setter) called after it,
    else the last op between them in the method that called both helpers."""
    ops = sc.threads[first.tid].ops
    lo, hi = sorted((first.pc, then.pc))
    top = min(ops[pc].depth for pc in range(lo, hi + 1))
    for st in (then, first):
        if ops[st.pc].depth == top:
            return st
    pc = max(pc for pc in range(lo, hi + 1) if ops[pc].depth == top)
    return Step(first.tid, pc, "")


def passed_by(sc: Scenario, steps: tuple[Step, ...], at: Step) -> FindingLocation | None:
    """The call that chose the value the write at `at` stores, when the write stores a parameter
    of the helper it is in (`def _set_state(self, new): with self._lock: self.state = new`, or a
    property setter): the caller that passes the argument, followed up through callers that only
    pass their own parameter on, to the one that computes it (`self._set_state(State.IDLE)`).
    None when the write stores anything else, or the value is the entry call's own argument."""
    op = op_at(sc, at)
    value = op.b
    end = steps.index(at) if at in steps else len(steps)
    found = None
    while isinstance(value, tuple) and len(value) == 2 and value[0] == "l":
        binding = next((i for i in range(end - 1, -1, -1) if steps[i].tid == at.tid
                        and op_at(sc, steps[i]).kind == "local" and op_at(sc, steps[i]).a == value[1]), None)
        if binding is None or not op_at(sc, steps[binding]).site:
            break
        bound = op_at(sc, steps[binding])
        path, line, func = bound.site
        cls, _, fn = func.rpartition(".")
        found = FindingLocation(path=path, line=line, end_line=line, class_=cls or None, function=fn or None)
        value, end = bound.b, binding
    return found


def location(sc: Scenario, st: Step, note: str | None = None) -> FindingLocation:
    op = op_at(sc, st)
    cls, _, fn = op.func.rpartition(".")      # `Class.method`, or a module function's `name`
    return FindingLocation(path=op.path, line=op.line, end_line=op.line, class_=cls or None,
                           function=fn or None, note=note)


def build(rule: RuleInfo, ctx: RuleContext, rec: Record, *, at: Step, symbols: list[str], title: str,
          message: str, impact: str, related: list[tuple[Step, str]] = (), severity: str | None = None,
          bounded: str | None = None, tail: tuple[TraceStep, ...] = (),
          where: FindingLocation | None = None) -> Finding:
    """`where`: the finding's location when it is not the op at `at` (a call that passes a
    helper the value it writes: `passed_by`)."""
    sc, v = rec.scenario, rec.violation
    model = witness(v.detail.get("facts", ()))
    loc = where or location(sc, at)
    threads = {p.name for p in sc.threads}
    args = {name for p in sc.threads for name in entry_arguments(p)}
    facts = tuple(v.detail.get("facts", ()))
    assumed = tuple(e[1] for e in sc.assume if isinstance(e, tuple) and len(e) == 2 and e[0] == "c")
    values = {shown_name(k, threads, args): val
              for k, val in trigger(model, facts, assumed).items() if "@" in k}
    trig = ", ".join(f"{k} = {val}" for k, val in values.items())
    evidence = ctx.snippet(loc.path, loc.line, context=2) if loc.path else ""
    return Finding(
        code=rule.code, rule=rule.name, severity=severity or rule.severity,
        dimension=ctx.dimension(rule.dimension), title=title, message=message, location=loc,
        related=tuple(location(sc, st, note) for st, note in related),
        symbols=tuple(sorted(set(symbols))), contexts=tuple(p.name for p in sc.threads),
        trace=readable_trace(sc, v.steps, model) + tuple(tail),
        trigger=(f"Scenario {sc.label}" + (f"; {trig}" if trig else "")),
        evidence=evidence, impact=impact, fix=rule.fix, values=values, bounded=bounded)


#: the explorer's labels for values it does not model (`("sym", label)` in the IR), in words
_LABELS = {"more": "loop goes on", "unpack": "unpacked value", "item": "item", "popped": "popped item",
           "arith": "unmodelled arithmetic", "cmp": "unmodelled comparison", "expr": "unmodelled value",
           "ite": "unmodelled value", "div": "division by zero", "len": "len(...)"}


def shown_name(key: str, threads: set[str], args: set[str] = frozenset()) -> str:
    """A z3 symbol in program terms: `Cls.x@0` -> `Cls.x (initial)`, `Cls.q#len@0` ->
    `len(Cls.q) (initial)`, `n@api` -> `n (api)` (an argument), `len@api#9` -> `len(...) #9 (api)`
    (what an unmodelled call returned), `rate@init` -> `rate (constructor)`."""
    base, _, owner = key.partition("@")
    if owner == "0":
        return f"len({base[:-4]}) (initial)" if base.endswith("#len") else f"{base} (initial)"
    if owner == "init":
        return f"{base} (constructor)"
    if key in args or (owner in threads and not args):
        return f"{base} ({owner})"
    thread, _, n = owner.rpartition("#")
    if thread in threads:
        return f"{_LABELS.get(base, base + '(...)')} #{n} ({thread})"
    return key


def readable_trace(sc: Scenario, steps: tuple[Step, ...], model) -> tuple[TraceStep, ...]:
    """The explorer's trace with its own temporaries (`$33`, `$r143`: a read before a write, a
    call's result) worded in program terms: users see only program names and values."""
    return tuple(_readable(op_at(sc, st), shown) for st in steps for shown in trace(sc, (st,), model))


def _readable(op: Op, shown: TraceStep) -> TraceStep:
    name = op.a.split("@")[0] if op.kind == "local" and isinstance(op.a, str) else ""
    head = f"  [{name} = "
    at = shown.action.rfind(head)
    if not name.startswith("$") or at < 0 or not shown.action.endswith("]"):
        return shown
    value = shown.action[at + len(head):-1]
    return shown.model_copy(update={"action": shown.action[:at] + f"  [{_temporary(op, name, value)}]"})


def _temporary(op: Op, name: str, value: str) -> str:
    if name.startswith("$r"):                        # `$r143`, `$return`: the value a call returns
        return f"returns {value}"
    read = op.b if isinstance(op.b, tuple) and len(op.b) == 2 and op.b[0] == "f" else None
    if read is not None:                             # `self.x += 1` reads `x` first: the read alone
        return f"reads {symbol(read[1])} = {value}"
    return f"value {value}"                          # the right side, computed before the write


def how_reached(sc: Scenario, steps: tuple[Step, ...]) -> tuple[str, str]:
    """(title words, message words) for how the trace's contexts ran: interleaved, one after the
    other (a sequence of whole runs, no switch inside a context's steps), or one context alone."""
    runs = [tid for i, tid in enumerate(st.tid for st in steps) if i == 0 or steps[i - 1].tid != tid]
    names = [f"`{sc.threads[t].name}`" for t in runs]
    if len(set(runs)) == len(runs) == 1:
        return f"{sc.threads[runs[0]].name} alone", f"{names[0]} runs alone, no other context needed"
    if len(set(runs)) == len(runs):
        plain = " then ".join(sc.threads[t].name for t in runs)
        return plain, " runs, then ".join(names) + " runs (one after the other, no interleaving needed)"
    return f"interleaving {sc.label}", " and ".join(f"`{p.name}`" for p in sc.threads) + " interleave"


def last_write(sc: Scenario, steps: tuple[Step, ...], keys: set[str]) -> Step | None:
    for st in reversed(steps):
        op = op_at(sc, st)
        if op.kind in ("assign", "mutate") and op.a in keys:
            return st
    return None


def field_value(sc: Scenario, rec: Record, key: str) -> str:
    from interlock.checker.explorer.state import Draft
    from interlock.checker.explorer.semantics import Machine
    m = Machine(sc)
    model = witness(rec.violation.detail.get("facts", ()))
    return render(Draft(rec.violation.state, m.layout).get(key), model) if key in m.layout.index else "?"


def invariant_keys(sc: Scenario, name: str) -> set[str]:
    return {k for n, e, _ in sc.invariants if n == name for k in expr_fields(e)}


def on_own_objects(ctx: RuleContext, sc: Scenario, steps, keys, tid: int) -> bool:
    """A thread other than `tid` writes one of `keys` in the trace, and every key is a field of
    a class whose objects are each reached only by the run that built it in a local (a
    connection's own `session = Session(...)`, never stored or handed on: checker/fresh.py).
    The explorer keeps one object per class, but two contexts, or two runs of one, each work
    on their own: the interleaving mixes two objects and shows nothing
    (tests/corpus/il503_session_owned_by_its_connection)."""
    if not any(st.tid != tid and op_at(sc, st).kind in ("assign", "mutate") and op_at(sc, st).a in keys
               for st in steps):
        return False
    built = ctx.cache.get("report.built")
    if built is None:
        built = ctx.cache["report.built"] = frozenset(c for fn in ctx.model.functions.values() for c in fn.built.values())
    owners = []
    for key in keys:
        short = symbol(key).rpartition(".")[0]
        classes = [q for q in ctx.model.classes if q.rpartition(".")[2] == short]
        if not classes or not set(classes) <= built:     # cheap first: the index is dear to build
            return False
        owners += classes
    from interlock.checker.analysis import index
    idx = index(ctx)
    return all(idx.per_run(q) for q in owners)
