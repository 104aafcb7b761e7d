"""Helpers for the explorer tests: scenarios from source, Mazurkiewicz classes by brute force."""
from __future__ import annotations

from textwrap import dedent

from interlock.checker.explorer.checks import deadlock_check, invariant_checks, transition_check
from interlock.checker.explorer.ir import Scenario
from interlock.checker.explorer.por import conflicts, op_footprint
from interlock.checker.explorer.scenario import (
    PropertySpec, ThreadSpec, build, from_exhausted_semaphores, from_full_queues, from_later_states, from_pending_tasks,
    with_any_sizes,
)
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
    """The pair scenarios of a corpus case's declared contexts, built from source (no extractor)."""
    import tomllib
    spec = tomllib.loads((case / "spec.toml").read_text())
    props = PropertySpec(
        tuple((i["name"], i["class"], i["expr"]) for i in spec.get("invariant", [])),
        tuple((m["class"], m["field"], tuple(map(tuple, m["transitions"]))) for m in spec.get("state_machine", [])))
    uni = universe_from_source("\n".join(p.read_text() for p in sorted((case / twin).glob("*.py"))))
    ctxs = spec["context"]
    out = []
    for i, a in enumerate(ctxs):
        for b in ctxs[i:]:
            if a is b and a.get("instances") != "many":
                continue
            for ca in a["calls"]:
                for cb in b["calls"]:
                    threads = [ThreadSpec(a["name"], (_call(ca),), task=a.get("kind") == "task"),
                               ThreadSpec(b["name"] + ("#2" if a is b else ""), (_call(cb),),
                                          task=b.get("kind") == "task")]
                    out.append(build(uni, threads, props, label=" || ".join(t.name for t in threads)))
    # as the explorer runs them: then from the later states each call is meant for, from full
    # bounded queues, and with the containers an invariant reads at any size
    later = [v for sc in out for v in from_later_states(sc) if admissible(v)[0]]
    return out + later + [v for sc in out for v in (*from_full_queues(sc), *from_exhausted_semaphores(sc),
                                                     *from_pending_tasks(sc), *with_any_sizes(sc))]


def _call(name: str) -> tuple[str, str]:
    """`Class.method`, or a module-level function (`bake`) of the sources' module `mod`."""
    return tuple(name.split(".")) if "." in name else ("mod", name)


def outcome_keys(sc: Scenario) -> tuple[str, ...]:
    return tuple(k for k, _ in sc.machines)
