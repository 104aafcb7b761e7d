"""The explorer as the IL5xx rules use it: scenarios of a component, explored once, cached.

For every scenario: infer method contracts (a violation one thread reaches alone is a
sequential precondition, not a race: its path condition is assumed away), explore with POR,
re-run without POR capped at the found preemption count for the shortest witness, and compare
terminal outcomes against the serial orders (IL503). Results land in `ctx.cache["explorer"]`.
"""
from __future__ import annotations

import ast
import itertools
import time
from dataclasses import dataclass, field, replace
from typing import Callable

import z3

from interlock.checker.context import RuleContext
from interlock.checker.explorer.compile import COMMAND_PASSES, compile_entries
from interlock.checker.explorer.checks import deadlock_check, invariant_checks, transition_check
from interlock.checker.explorer.ir import Scenario, entry_arguments
from interlock.checker.explorer.path import preemptions, uninterpreted
from interlock.checker.explorer.scenario import (
    PropertySpec, ThreadSpec, build, from_exhausted_semaphores, from_full_queues, from_pending_tasks, from_later_states, with_any_sizes,
)
from interlock.checker.explorer.scheduler import Limits, Violation, explore
from interlock.checker.explorer.semantics import Machine
from interlock.checker.explorer.signals import closed_waits, free_enders, open_waits
from interlock.checker.explorer.smt import Sym
from interlock.checker.explorer.atomicity import outcome_violations
from interlock.checker.explorer.universe import Universe, universe_from_model
from interlock.checker.forked import SHARDS
from interlock.models.program import ProgramModel

MAX_SCENARIOS = 80
ALONE = " (alone)"           # the thread name of a context that runs beside no other one
# Budgets are counted in explored states, so a result does not depend on the machine's speed
# (CI may be slower or loaded). Seconds (`--seconds`, the spec's bounds) stay a safety net for
# the whole component: a run they cut is reported as bounded by seconds.
SCENARIO_STATES = 6000      # per search of a scenario at least (contracts, main search, serial outcomes)
WITNESS_STATES = 10_000     # the fewest-preemption witness re-run without POR (else: the POR witness)
COMPONENT_STATES = 40_000   # summed over a component's scenarios; the rest is skipped (bounded by states)
CONTRACT_ROUNDS = 4


@dataclass
class Record:
    """One violation of one scenario, with the shortest witness found."""

    kind: str
    scenario: Scenario
    violation: Violation


@dataclass
class Analysis:
    records: list[Record] = field(default_factory=list)
    scenarios: int = 0
    states: int = 0
    bounded_by: str | None = None


def analyse(model: ProgramModel, ctx: RuleContext, *, clock: Callable[[], float] = time.perf_counter,
            budget: int | None = None) -> Analysis:
    """The component's exploration, once (cached in `ctx.cache`); `clock` is injectable for tests.
    `budget`: explored states for the component (default: the `states` bound, COMPONENT_STATES)."""
    if budget is None:
        budget = getattr(ctx.bounds, "states", COMPONENT_STATES)
    if "explorer" not in ctx.cache:
        ctx.cache["explorer"] = _analyse(model, ctx, clock, budget)
        if ctx.cache["explorer"].bounded_by and not ctx.cache.get("bounded_by"):
            ctx.cache["bounded_by"] = ctx.cache["explorer"].bounded_by
    return ctx.cache["explorer"]


def properties(model: ProgramModel, ctx: RuleContext) -> tuple[PropertySpec, tuple]:
    spec = ctx.component.spec
    within = ctx.component.paths
    invs = tuple((i.name, _qualified(model, i.class_, within), i.expr) for i in spec.invariant) if spec else ()
    machines = tuple((_qualified(model, m.class_, within), m.field, tuple(tuple(t) for t in m.transitions))
                     for m in spec.state_machine) if spec else ()
    declared = {(c.rsplit(".", 1)[-1], f) for c, f, _ in machines}
    outcome = tuple((sm.cls, sm.field) for sm in model.state_machines if ctx.in_scope(_class_path(model, sm.cls)))
    outcome = tuple(o for o in outcome if (o[0].rsplit(".", 1)[-1], o[1]) not in declared) + \
        tuple((c, f) for c, f, _ in machines)
    return PropertySpec(invs, machines), outcome


def _element_states(model: ProgramModel, ctx: RuleContext, uni: Universe) -> None:
    """The spec's state machines declared on a container field (`self.jobs[job_id] =
    JobState.RUNNING`): each value follows the machine; one representative element is tracked,
    starting in the machine's initial state (tests/corpus/il502_states_held_in_a_dict)."""
    spec = ctx.component.spec
    for m in spec.state_machine if spec else ():
        c = _qualified(model, m.class_, ctx.component.paths)
        cls = uni.find(c)
        if cls is not None and cls.kinds.get(m.field) == "container":
            uni.element_states[f"{cls.short}.{m.field}"] = (c, m.initial)


def _qualified(model: ProgramModel, name: str, within: tuple[str, ...]) -> str:
    """A spec's class name, made a qualname only when the short name is ambiguous in the root
    (a protocol or test class of the same name elsewhere) and the component picks one."""
    if model.find_class(name) is not None:
        return name
    info = model.find_class(name, within)
    return info.qualname if info else name


def _class_path(model: ProgramModel, cls: str) -> str:
    info = model.classes.get(cls)
    return info.path if info else ""


@dataclass
class Prelude:
    """What every shard of a component's exploration starts from: the scenarios in run order.
    `pairs` and `variants` are its parts that run one call per context (the pairs and triples of
    contexts, then the same from later states, full queues, ...): what `interlock export promela`
    and the SPIN agreement test export, from these very steps rather than a copy of them."""

    outcome_keys: tuple[str, ...]
    ordered: list[Scenario]
    pairs: list[Scenario] = field(default_factory=list)
    variants: list[Scenario] = field(default_factory=list)


def prelude(model: ProgramModel, ctx: RuleContext) -> Prelude:
    """The component's scenarios, built once (`ctx.cache["prelude"]`) and shared by its shards:
    in this process, or inherited by the shard processes forked after it is built."""
    got = ctx.cache.get("prelude")
    if got is None:
        props, outcome = properties(model, ctx)
        uni = universe_from_model(model, ctx.root)
        _element_states(model, ctx, uni)
        outcome_keys = tuple(f"{uni.find(c).short}.{f}" for c, f in outcome if uni.find(c))
        def built(sets):
            out = [build(uni, t, props, label=" || ".join(map(thread_label, t))) for t in sets]
            return [replace(sc, closed=closed_waits(ctx, sc), opened=open_waits(ctx, sc), freed=free_enders(ctx, sc))
                    for sc in out]

        def variants(scs, fresh=False):
            return [v for sc in scs
                    for v in (*from_later_states(sc, _built_machines(uni, sc) if fresh else ()), *from_full_queues(sc),
                              *from_exhausted_semaphores(sc), *from_pending_tasks(sc), *with_any_sizes(sc))]
        scenarios = built(thread_sets(model, ctx, uni, props, outcome_keys))
        later = variants(scenarios)
        # small scenarios first: a budget spent on one huge pair must not starve the rest; then
        # the same pairs from the later states of their state machines; then the command loops
        # that get a sequence of commands (bounded: COMMAND_PASSES passes), with theirs
        commands = built(command_sets(model, ctx, uni, props, outcome_keys))
        got = ctx.cache["prelude"] = Prelude(outcome_keys, sorted(scenarios, key=scenario_order)
                                             + sorted(later, key=scenario_order)
                                             + sorted(commands + variants(commands, fresh=True), key=scenario_order),
                                             pairs=scenarios, variants=later)
    return got


def _analyse(model: ProgramModel, ctx: RuleContext, clock: Callable[[], float], budget: int) -> Analysis:
    out = Analysis()
    pre = prelude(model, ctx)
    outcome_keys, ordered = pre.outcome_keys, pre.ordered
    deadline = clock() + ctx.bounds.seconds
    shard = ctx.cache.get("shard")
    for k in ([shard] if shard is not None else range(SHARDS)):
        share = budget // SHARDS + (budget % SHARDS if k == 0 else 0)
        spent = 0
        mine = ordered[k::SHARDS]
        cut: list[tuple[Scenario, int, Analysis]] = []
        for i, sc in enumerate(mine):
            left = deadline - clock()
            if spent >= share or left <= 0:
                out.bounded_by = out.bounded_by or ("states" if spent >= share else "seconds")
                break
            out.scenarios += 1
            # a search may use SCENARIO_STATES, or its even part of what the shard has left when
            # that is more: budget the small scenarios did not need goes to the large ones
            cap = max(SCENARIO_STATES, (share - spent) // (len(mine) - i))
            one = Analysis()
            run_scenario(sc, Limits(ctx.bounds.steps, ctx.bounds.preemptions, left, cap, clock),
                         outcome_keys, one)
            spent += one.states
            if one.bounded_by == "states":      # kept aside: it may finish with what is left
                cut.append((sc, cap, one))
            else:
                _merge(out, one)
        # the scenarios their cap cut run again, smallest first, each with its even part of the
        # budget the whole shard left unspent (when that is more than the cap they had): a
        # component whose one large scenario needs more than its share still finishes
        for j, (sc, cap, one) in enumerate(cut):
            left = deadline - clock()
            more = (share - spent) // (len(cut) - j) if left > 0 else 0
            if more <= cap:
                _merge(out, one)
                continue
            again = Analysis()
            run_scenario(sc, Limits(ctx.bounds.steps, ctx.bounds.preemptions, left, more, clock),
                         outcome_keys, again)
            spent += again.states
            _merge(out, again)
            out.states += one.states
    return out


def _merge(out: Analysis, one: Analysis) -> None:
    out.records += one.records
    out.states += one.states
    out.bounded_by = out.bounded_by or one.bounded_by


def scenario_order(sc: Scenario) -> tuple:
    """Size, then a total order on content (labels repeat): the same scenarios run first everywhere."""
    return (sum(len(p.ops) for p in sc.threads), sc.label,
            tuple((p.name, repr(p.ops)) for p in sc.threads))


def run_scenario(sc: Scenario, limits: Limits, outcome_keys: tuple[str, ...], out: Analysis) -> None:
    if len(sc.threads) == 1 and sc.threads[0].name.endswith(ALONE):
        # a lone context's calls: only the declared machines are checked (its invariant
        # violations are its preconditions, and what ends its waits may be outside the model)
        if sc.later:             # from the built state only: a later one is another call's precondition
            return
        sc = replace(sc, invariants=())
        res = explore(sc, [transition_check], limits=limits, machine=Machine(sc))
        out.states += res.states
        out.bounded_by = out.bounded_by or res.bounded_by
        for v in res.violations:
            if v.kind == "transition":
                out.records.append(Record(v.kind, sc, v))
        return
    m = Machine(sc)
    if sc.later:
        ok, spent = admissible(sc, limits, m.solver)
        out.states += spent
        if not ok:
            return
    out.states += infer_contracts(sc, m, limits)
    checks = [invariant_checks(m), transition_check, deadlock_check]
    res = explore(sc, checks, limits=limits, machine=m, keep_finals=bool(outcome_keys))
    out.states += res.states
    if res.bounded_by:
        out.bounded_by = out.bounded_by or res.bounded_by
    for v in res.violations:
        if v.kind == "invariant" and takes_unknown_item(sc, v):
            continue
        w, spent, cut = witness(sc, m, v, limits)
        out.states += spent
        if cut == "seconds":            # which trace is kept would depend on the machine's speed
            out.bounded_by = out.bounded_by or cut
        out.records.append(Record(v.kind, sc, w))
    if outcome_keys and res.finals:
        for v in outcome_violations(sc, m, res.finals, outcome_keys, limits):
            out.records.append(Record(v.kind, sc, v))
    if m.solver.timeouts:               # z3's safety-net timeout decided some branch
        out.bounded_by = out.bounded_by or "seconds"


def takes_unknown_item(sc: Scenario, v: Violation) -> bool:
    """The violation's run takes an item that was in a queue before the scenario started (a full
    queue): its value is unknown, and so is how it relates to the fields the invariant reads
    (`written += chunk.frames` for a chunk whose frames `decoded` counted when it was put).
    Such a start stands for the blocking a full queue causes (IL504), not for invariants."""
    return bool(sc.prefilled) and any(
        (op := sc.threads[st.tid].ops[st.pc]).kind == "qget" and op.a in sc.prefilled for st in v.steps)


def admissible(sc: Scenario, limits: Limits = Limits(), solver=None) -> tuple[bool, int]:
    """A scenario that starts in a later state of a machine is run only when each of its threads,
    alone from there, makes no illegal transition: otherwise the call is not meant for that
    state (`process` runs on a QUEUED job, never on a DONE one), and any report would be about
    its precondition, not an interleaving; so is a checked write of the state the field already
    holds (`process` on a RUNNING job writes RUNNING again). Returns (admissible, states explored)."""
    spent = 0
    for prog in sc.threads:
        solo = replace(sc, threads=(prog,), invariants=(), joins={})
        res = explore(solo, [transition_check], machine=Machine(solo, solver), limits=limits,
                      stop_on={"transition"})
        spent += res.states
        if any(v.kind == "transition" for v in res.violations):
            return False, spent
    return True, spent


def infer_contracts(sc: Scenario, m: Machine, limits: Limits) -> int:
    """Assume away invariant violations that one thread leaves behind on its own, at the end of
    its run (its preconditions: `refund(n)` with n < 0). A violation the thread alone shows only
    between two of its critical sections, and repairs before it ends, is no precondition: another
    thread can see that window (tests/corpus/il501_invariant_broken_between_sections).
    Each thread runs alone from the scenario's own start and from the later states of its
    declared machines: a `tick(n)` that only moves the position once `play` made the player
    PLAYING shows its precondition (n >= 0) only there, and a pair of calls that starts from
    the built state still runs it after `play` (tests/corpus/il501_tick_after_play_started_it).
    Returns the states explored."""
    spent = 0
    if not sc.invariants:
        return spent
    starts = [sc.init] + [v.init for v in from_later_states(sc) if v.init != sc.init]
    for tid, prog in enumerate(sc.threads):
        for init in starts:
            solo = replace(sc, threads=(prog,), init=init, machines=(), joins={}, later=False)
            sm = Machine(solo, m.solver)
            sm.assumed = m.assumed
            for _ in range(CONTRACT_ROUNDS):
                res = explore(solo, [invariant_checks(sm, final_only=True)], machine=sm, limits=limits,
                              stop_on={"invariant"})
                spent += res.states
                bad = [v for v in res.violations if v.kind == "invariant"]
                # in text order: a set of Syms iterates by z3 term id, which depends on the process's past
                facts = sorted((f for f in bad[0].detail["facts"] if isinstance(f, Sym)) if bad else (),
                               key=lambda f: f.term.sexpr())
                if not facts:
                    break
                m.assumed.add(contract(facts, prog))
    return spent


def contract(facts: list[Sym], prog) -> Sym:
    """What to assume so that a violation the thread reaches alone (under `facts`) goes away.

    When the violation depends on the entry's arguments, the precondition is put on them alone:
    the arguments for which no state the scenario may start in leads there (`forall state:
    not facts`, quantifier eliminated). `read_and_advance(n)` so requires n >= 0 and keeps the
    position free, so a concurrent seek that resets the position still counts. Without such
    arguments, or when no argument is safe in every state, the negated path (old behaviour)."""
    negated = z3.simplify(z3.Not(z3.And(*[f.term for f in facts])))
    consts = sorted({c.decl().name(): c for f in facts for c in uninterpreted(f.term)}.items())
    names = set(entry_arguments(prog))
    args = [c for n, c in consts if n in names]
    state = [c for n, c in consts if n not in names]
    if not args or not state:
        return Sym(negated)
    pre = _safe_arguments(state, negated)
    if pre is None:
        # No argument is safe in every state: perhaps only in states with a negative count, size
        # or position (`pop(n)` does `count -= min(n, count)`: safe for n >= 0 unless the count is
        # already negative). Over non-negative numbers, a precondition that only rules out
        # negative arguments is the entry's own (it is never called with a negative size).
        nums = [c for c in state if _numeric(c)]
        pre = _safe_arguments(state, z3.Implies(z3.And(*[c >= 0 for c in nums]), negated)) if nums else None
        if pre is not None:
            natural = z3.And(*[c >= 0 for c in args if _numeric(c)])
            solver = z3.Solver()
            solver.add(natural, z3.Not(pre))
            if solver.check() != z3.unsat:
                return Sym(negated)
            # the states with negative numbers keep the old assumption (this path is not taken)
            return Sym(z3.simplify(z3.And(pre, negated)))
    return Sym(negated) if pre is None else Sym(pre)


def _numeric(c: z3.ExprRef) -> bool:
    return c.sort().kind() in (z3.Z3_INT_SORT, z3.Z3_REAL_SORT)


def _safe_arguments(state: list, negated: z3.ExprRef) -> z3.ExprRef | None:
    """`forall state: negated` with the state quantified away: the arguments safe in every state,
    or None when there are none (or z3 cannot eliminate the quantifier)."""
    goal = z3.Goal()
    goal.add(z3.ForAll(state, negated))
    try:
        out = z3.Tactic("qe")(goal)
    except z3.Z3Exception:
        return None
    if len(out) != 1:
        return None
    pre = z3.simplify(out[0].as_expr())
    if z3.is_false(pre) or _has_quantifier(pre) or z3.Solver().check(pre) != z3.sat:
        return None
    return pre


def _has_quantifier(term: z3.ExprRef) -> bool:
    work = [term]
    while work:
        t = work.pop()
        if z3.is_quantifier(t):
            return True
        work.extend(t.children())
    return False


def shortest(sc: Scenario, m: Machine, v: Violation, limits: Limits) -> Violation:
    return witness(sc, m, v, limits)[0]


def witness(sc: Scenario, m: Machine, v: Violation, limits: Limits) -> tuple[Violation, int, str | None]:
    """Re-run without POR, capped at the witness's preemptions: the exact fewest-preemption trace.
    Returns it (else `v`), the states explored and the bound that cut the re-run."""
    cap = preemptions(v.steps)
    checks = [invariant_checks(m), transition_check, deadlock_check]
    res = explore(sc, checks, por=False, machine=m, stop_on={v.kind},
                  limits=replace(limits, preemptions=min(cap, limits.preemptions), states=WITNESS_STATES))
    for w in res.violations:
        if w.kind == v.kind and w.name == v.name and len(w.steps) <= len(v.steps):
            return w, res.states, None
    return v, res.states, res.bounded_by


def thread_sets(model: ProgramModel, ctx: RuleContext, uni: Universe, props: PropertySpec,
                outcome_keys: tuple[str, ...]) -> list[list[ThreadSpec]]:
    """Pairs of contexts (a context with itself when it runs many at once), plus requested triples."""
    from interlock.checker.explorer.relevance import entries_of, relevant_pair
    from interlock.checker.explorer.spawn_start import respawn_prefix, spawn_pins
    # a spec that names its contexts closes the world: `ctx.contexts` is then what it declares and
    # what these start (a job `ui` submits runs beside `ui`), routes and import-time work
    pool = [c for c in ctx.contexts if any(ctx.in_scope(model.functions[e].path) for e in c.entries if e in model.functions)]
    options = {c.name: entries_of(model, uni, c, props, outcome_keys) for c in pool}
    ctxs = [c for c in pool if options[c.name]]
    pins = {c.name: spawn_pins(model, uni, c.entries[0]) if _spawned(c) else () for c in ctxs}
    # a second copy of a task its spawner starts again: it replays the spawner's guards and stores
    respawn = {c.name: respawn_prefix(model, uni, c.entries[0]) or () if _spawned(c) and _is_task(c) else ()
               for c in ctxs}

    def spec(e, c, name) -> ThreadSpec:
        return replace(e.thread(name, _is_task(c)), pins=pins.get(c.name, ()),
                       respawn=respawn.get(c.name, ()) if "#" in name else ())
    sets: list[list[ThreadSpec]] = []
    for i, a in enumerate(ctxs):
        for b in ctxs[i:]:
            if not a.concurrent_with(b):
                continue
            for ea, eb in itertools.product(options[a.name], options[b.name]):
                if a is b and ea.calls > eb.calls:
                    continue
                if relevant_pair(ea, eb):
                    sets.append([spec(ea, a, a.name), spec(eb, b, b.name if a is not b else b.name + "#2")])
    # a context no other one runs beside (one instance, alone in the spec) still moves the
    # declared machines: each of its entries that writes one runs alone, for IL502 only
    machine_keys = {f"{cls.short}.{f}" for c, f, _ in props.machines if (cls := uni.find(c)) is not None}
    paired = {t.name.split("#")[0] for ts in sets for t in ts}
    for c in ctxs:
        if c.name not in paired and machine_keys:
            sets += [[spec(e, c, c.name + ALONE)] for e in options[c.name] if e.writes & machine_keys]
    asked = [[replace(t, pins=pins.get(t.name.split("#")[0], ()),
                      respawn=respawn.get(t.name.split("#")[0], ()) if "#" in t.name else ())
              for t in ts] for ts in triples(ctx, ctxs, options)]
    sets += [ts for a, ea, b, eb in waiter_triples(uni, ctxs, options)
             if (ts := [spec(ea, a, a.name), spec(ea, a, a.name + "#2"), spec(eb, b, b.name)]) not in asked]
    sets += asked
    return sets[:MAX_SCENARIOS]


MAX_WAITER_TRIPLES = 4


def waiter_triples(uni: Universe, ctxs, options) -> list[tuple]:
    """Two runs of a context that runs many at once and waits on a Condition under an `if` (not
    a `while` that tests again after waking), beside a context that notifies it: (waiter context,
    its entry, notifier context, its entry). A pair never shows the bug: both waiters must sleep
    before one notify_all wakes them (or one notify wakes one, and the other run takes the item
    before it re-acquires the lock), and the second acts on a test that no longer holds
    (tests/corpus/il501_condition_if_wait_two_takers)."""
    out = []
    for a in ctxs:
        if not a.concurrent_with(a):
            continue
        for ea in options[a.name]:
            keys = _if_waited_conditions(uni, ea)
            if not keys:
                continue
            for b in ctxs:
                if b is a or not a.concurrent_with(b):
                    continue
                eb = next((e for e in options[b.name] if _notified(uni, e) & keys), None)
                if eb is not None:
                    out.append((a, ea, b, eb))
    return out[:MAX_WAITER_TRIPLES]


def _entry_ops(uni: Universe, entry):
    return compile_entries(uni, [(uni.owner(c), m) for c, m in entry.calls], entry.is_async)


def _if_waited_conditions(uni: Universe, entry) -> set[str]:
    """The conditions the entry waits on (untimed) under an `if`: no `while` tests that test
    again after the wait (its unrolled loop ends in a `cut` branch on the test's line), no
    `wait_for` (which tests its predicate again itself)."""
    from interlock.checker.explorer.guards import guard_branch
    ops = _entry_ops(uni, entry)
    out = set()
    for pc, op in enumerate(ops):
        if op.kind != "wait" or op.c:
            continue
        g = guard_branch(ops, pc)
        if g is None or (ops[g].line, ops[g].text) == (op.line, op.text):
            continue
        if not any(o.kind == "branch" and o.c == "cut" and (o.path, o.line) == (ops[g].path, ops[g].line) for o in ops):
            out.add(op.a)
    return out


def _notified(uni: Universe, entry) -> set[str]:
    return {op.a for op in _entry_ops(uni, entry) if op.kind == "notify"}


def _built_machines(uni: Universe, sc: Scenario) -> set[str]:
    """The machine fields of a class that a thread of the scenario builds an object of (`job =
    Job(fn)` in `submit`): one instance per class, that object is the one the scenario follows,
    and it starts in its built state, not in a later one."""
    out = set()
    for key, _ in sc.machines:
        short = key.split(".")[0]
        for prog in sc.threads:
            for entry in prog.entries:
                owner, _, meth = entry.rpartition(".")
                cls = uni.find(owner) if owner else None
                fn = cls.methods.get(meth) if cls is not None else None
                if fn is not None and any(isinstance(n, ast.Call) and _called_name(n.func) == short for n in ast.walk(fn)):
                    out.add(key)
    return out


def _called_name(func) -> str:
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def thread_label(t: ThreadSpec) -> str:
    """A scenario thread as its label names it: the context, and when it runs a sequence of calls
    or more than one pass of its command loop, those (the bound of the search)."""
    calls = f" ({', '.join(m for _, m in t.calls)})" if len(t.calls) > 1 else ""
    passes = f" (bounded: {t.passes} passes of its command loop)" if t.passes > 1 else ""
    return t.name + calls + passes


MAX_COMMAND_SCENARIOS = 16


def command_sets(model: ProgramModel, ctx: RuleContext, uni: Universe, props: PropertySpec,
                 outcome_keys: tuple[str, ...]) -> list[list[ThreadSpec]]:
    """A worker's command loop (a `while` that takes the next command from a queue: `get()`, a
    polling get, or a helper method doing either; `Compiler.command_loop`) beside a context that
    sends it two commands, one call after the other (`load` then `seek`, `stop` then `pause`, `submit` then `cancel`): the first call puts on the loop's queue,
    the second puts on it too or touches what the loop touches. The loop runs COMMAND_PASSES
    passes, so it applies both commands; a pair of single calls never queues two (bugs where a
    command checked against the state *now* runs after another queued before it)."""
    from interlock.checker.explorer.relevance import entries_of, relevant_pair
    from interlock.checker.explorer.spawn_start import spawn_pins
    pool = [c for c in ctx.contexts if any(ctx.in_scope(model.functions[e].path) for e in c.entries if e in model.functions)]
    options = {c.name: entries_of(model, uni, c, props, outcome_keys) for c in pool}
    ctxs = [c for c in pool if options[c.name]]
    out: list[list[ThreadSpec]] = []
    for a in ctxs:
        for ea in options[a.name]:
            queues = _taken_queues(uni, ea)
            if not queues or not _has_command_loop(uni, ea):
                continue
            consumer = replace(ea.thread(a.name, _is_task(a)), passes=COMMAND_PASSES,
                               pins=spawn_pins(model, uni, a.entries[0]) if _spawned(a) else ())
            for b in ctxs:
                if b is a or not a.concurrent_with(b):
                    continue
                for e1, e2 in itertools.product(options[b.name], options[b.name]):
                    if not e1.ends & queues or not (e2.ends & queues or relevant_pair(ea, e2)):
                        continue
                    if not (relevant_pair(ea, e1) or relevant_pair(ea, e2)):
                        continue
                    out.append([consumer, replace(e1.thread(b.name, _is_task(b)), calls=e1.calls + e2.calls)])
    return out[:MAX_COMMAND_SCENARIOS]


def _kind_of(uni: Universe, key: str) -> str:
    owner, _, attr = key.rpartition(".")
    cls = uni.find(owner)
    return cls.kinds.get(attr, "") if cls is not None else ""


def _taken_queues(uni: Universe, entry) -> set[str]:
    """The program queues the entry takes from: with a blocking `get()` (it waits there), or
    polling (`get(timeout=...)`, `get_nowait()`)."""
    calls = [(uni.owner(c), m) for c, m in entry.calls]
    return {op.a for op in compile_entries(uni, calls, entry.is_async) if op.kind == "qget"
            and _kind_of(uni, op.a) == "queue"}


def _has_command_loop(uni: Universe, entry) -> bool:
    """The entry runs a command loop (`Compiler.command_loop`): more passes compile to more ops."""
    calls = [(uni.owner(c), m) for c, m in entry.calls]
    return len(compile_entries(uni, calls, entry.is_async, COMMAND_PASSES)) > len(compile_entries(uni, calls, entry.is_async))


def _spawned(context) -> bool:
    """A thread, task or job the program starts itself (not a declared or inferred outside caller)."""
    return getattr(context.kind, "value", context.kind) in ("thread", "task", "executor") and len(context.entries) == 1


def _is_task(context) -> bool:
    """An asyncio task (create_task, or a spec context of kind "task"): `task.cancel()` ends it."""
    return getattr(context.kind, "value", context.kind) == "task"


def triples(ctx: RuleContext, ctxs, options) -> list[list[ThreadSpec]]:
    by_name = {c.name: c for c in ctxs}
    wanted = [list(s) for s in (ctx.component.spec.scenarios if ctx.component.spec else [])]
    if ctx.bounds.depth >= 3:
        wanted += [[a.name, b.name, c.name] for a, b, c in itertools.combinations(ctxs, 3)
                   if a.concurrent_with(b) and a.concurrent_with(c) and b.concurrent_with(c)]
    out = []
    for names in wanted:
        if all(n in by_name for n in names):
            seen: dict[str, int] = {}
            threads = []
            for n in names:
                seen[n] = seen.get(n, 0) + 1
                threads.append(options[n][0].thread(n if seen[n] == 1 else f"{n}#{seen[n]}", _is_task(by_name[n])))
            out.append(threads)
    return out
