"""Helpers for the explorer tests: scenarios from source, Mazurkiewicz classes by brute force."""
from __future__ import annotations

from textwrap import dedent

from interlock.checker.explorer.checks import deadlock_check, invariant_checks, transition_check
from interlock.checker.explorer.ir import Scenario
from interlock.checker.explorer.por import conflicts, op_footprint
from interlock.checker.explorer.scenario import PropertySpec, ThreadSpec, build
from interlock.checker.explorer.run import admissible, infer_contracts
from interlock.checker.explorer.scheduler import Limits, explore
from interlock.checker.explorer.semantics import Machine
from interlock.checker.explorer.universe import universe_from_source


def scenario(src: str, *threads: tuple[str, str], invariants=(), machines=()) -> Scenario:
    """`threads` are (name, "Class.method[;Class.method]")."""
    uni = universe_from_source(dedent(src))
    specs = [ThreadSpec(name, tuple(tuple(c.split(".")) for c in calls.split(";"))) for name, calls in threads]
    return build(uni, specs, PropertySpec(tuple(invariants), tuple(machines)),
                 label=" || ".join(n for n, _ in threads))


def run(sc: Scenario, por: bool = True, **limits):
    """Explore with every check, after inferring method contracts (as the rules do)."""
    m = Machine(sc)
    infer_contracts(sc, m, Limits(**limits))
    return explore(sc, [invariant_checks(m), transition_check, deadlock_check], por=por, machine=m,
                   limits=Limits(**limits), keep_finals=True), m


def canonical(sc: Scenario, steps) -> tuple:
    """The lexicographically least linearisation of an execution's happens-before order."""
    labels = [(st.tid, st.pc, str(st.value) if sc.threads[st.tid].ops[st.pc].kind == "branch" else "") for st in steps]
    fps = [op_footprint(sc.threads[st.tid].ops[st.pc], st.tid, sc) for st in steps]
    preds = [set() for _ in steps]
    for j in range(len(steps)):
        for i in range(j):
            if steps[i].tid == steps[j].tid or conflicts(fps[i], fps[j]) or _async_pair(sc, steps[i], steps[j]):
                preds[j].add(i)
    done: set[int] = set()
    out = []
    while len(done) < len(steps):
        ready = [k for k in range(len(steps)) if k not in done and preds[k] <= done]
        k = min(ready, key=lambda k: labels[k])
        done.add(k)
        out.append(labels[k])
    return tuple(out)


def _async_pair(sc: Scenario, a, b) -> bool:
    return sc.threads[a.tid].is_async and sc.threads[b.tid].is_async


def field_values(m: Machine, finals) -> set[tuple]:
    return {tuple(str(v) for v in s.fields) for s in finals}


def corpus_scenarios(case, twin: str) -> list[Scenario]:
    """The scenarios `interlock verify` explores for a corpus case that run one call per context:
    the pairs (and triples) of its contexts, then the same from the later states each call is
    meant for, from full bounded queues, with the containers an invariant reads at any size. Built
    by the pipeline's own steps (the extracted model and its object wiring, checker.contexts_for,
    explorer.run.prelude), not a copy of them; the command-loop sequences are left out."""
    from interlock.checker import components_for, contexts_for
    from interlock.checker.context import RuleContext
    from interlock.checker.explorer.run import prelude
    from interlock.extractor import extract
    from interlock.models.spec import load_specs
    root = case / twin
    model = extract(root, use_cache=False)
    comp = components_for(load_specs(case / "spec.toml"), [])[0]
    ctx = RuleContext(model=model, component=comp, contexts=contexts_for(model, comp), root=root)
    pre = prelude(model, ctx)
    return pre.pairs + [v for v in pre.variants if not v.later or admissible(v)[0]]


def outcome_keys(sc: Scenario) -> tuple[str, ...]:
    return tuple(k for k, _ in sc.machines)
