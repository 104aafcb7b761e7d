"""Checker: program model + specs → findings. Knows no output format."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Callable, Iterable

from interlock import __version__
from interlock.checker.closed_world import closed_world
from interlock.checker import forked
from interlock.checker.context import Bounds, Component, RuleContext
from interlock.checker.suppress import Suppressions, ignored_for_path, in_scope, suppression_diagnostics
from interlock.models.finding import SEVERITY_ORDER, Finding
from interlock.models.program import Context, ContextKind, Diagnostic, ProgramModel, is_under
from interlock.models.result import ComponentResult, VerifyResult
from interlock.models.spec import ComponentSpec, SpecError, close_matches

__all__ = ["Bounds", "Component", "RuleContext", "check", "components_for", "contexts_for"]


def components_for(specs: list[ComponentSpec], names: Iterable[str] = ()) -> list[Component]:
    """The components to verify: the named ones of the specs, all of them, or the whole root."""
    names = list(names)
    comps = [Component(s.name, s.component.dimension, tuple(s.component.paths), s) for s in specs]
    if not comps:
        return [Component(n, None, ()) for n in names] or [Component("all", None, ())]
    if names:
        known = {c.name for c in comps}
        missing = [n for n in names if n not in known]
        if missing:
            where = specs[0].source.rsplit("/", 1)[0] if specs[0].source else "specs"
            raise SpecError(where, "component", f"no component named {missing[0]!r} (known: {', '.join(sorted(known))})")
        comps = [c for c in comps if c.name in names]
    return comps


_SELF_ATTR = re.compile(r"\bself\.([A-Za-z_]\w*)")


def check_spec_names(model: ProgramModel, component: Component) -> None:
    """Invariants and state machines must name a class in the analysed code, and attributes it
    has: a misspelt name would otherwise check nothing and pass silently. (Context calls are
    checked as they are resolved, in `contexts_for`.)"""
    spec = component.spec
    if spec is None:
        return
    files = [m.path for m in model.modules.values()]
    for i, path in enumerate(spec.component.paths):
        if not any(is_under(f, (path,)) for f in files):
            raise SpecError(spec.source, f"component.paths[{i}]",
                            f"{path!r} matches no analysed Python file (files or folders relative to the root)")
    for key, items in (("invariant", spec.invariant), ("state_machine", spec.state_machine)):
        for i, item in enumerate(items):
            cls = model.find_class(item.class_, within=component.paths)
            if cls is None:
                raise SpecError(spec.source, f"{key}[{i}].class", f"no class {item.class_!r} in the analysed code")
            names = [item.field] if key == "state_machine" else _SELF_ATTR.findall(item.expr)
            missing = [n for n in names if n not in cls.attributes and n not in cls.methods]
            if missing:
                what = "field" if key == "state_machine" else "expr"
                raise SpecError(spec.source, f"{key}[{i}].{what}",
                                f"class {cls.name} has no attribute {missing[0]!r}{_known_fields(cls, missing[0])}")
            if key == "state_machine":
                _check_states(model, cls, item, f"{key}[{i}]", spec.source)


def _known_fields(cls, name: str) -> str:
    """What a misspelt spec name could have meant: the close matches, else the class's fields."""
    close = close_matches(name, sorted(cls.attributes) + sorted(cls.methods))
    return close if "did you mean" in close else close_matches(name, sorted(cls.attributes), "its fields")


def _check_states(model: ProgramModel, cls, item, where: str, source: str) -> None:
    """A state machine on an enum field names members of that enum: a misspelt state would make
    every real transition into it "illegal" (without `states` in the spec, nothing else checks it)."""
    ancestry = {cls.qualname, *cls.ancestors}
    sm = next((m for m in model.state_machines if m.field == item.field and m.cls in ancestry), None)
    if sm is None or sm.enum is None or sm.enum not in model.classes:
        return
    members = tuple(model.classes[sm.enum].enum_members)
    named = [(f"{where}.initial", item.initial)] if item.initial is not None else []
    named += [(f"{where}.states[{i}]", s) for i, s in enumerate(item.states)]
    named += [(f"{where}.transitions[{i}]", s) for i, pair in enumerate(item.transitions) for s in pair]
    for key, name in named:
        if name not in members:
            raise SpecError(source, key, f"{name!r} is not a member of {sm.enum.rsplit('.', 1)[-1]}, the enum of "
                                         f"{cls.name}.{item.field}{close_matches(name, members)}")


def contexts_for(model: ProgramModel, component: Component) -> tuple[Context, ...]:
    """The spec's declared contexts plus inferred ones (declared names win for their entries).

    Declared contexts close the world (`closed_world`): only what they start and the handlers in
    the component's paths are added. Without them, every inferred context is (open world: the
    public methods of a class that owns locks may be called from any thread)."""
    spec = component.spec
    declared: list[Context] = []
    if spec is not None:
        for i, ctx in enumerate(spec.context):
            entries = []
            for j, call in enumerate(ctx.calls):
                fn = model.find_function(call, within=component.paths)
                if fn is None:
                    raise SpecError(spec.source, f"context[{i}].calls[{j}]",
                                    f"no function or method {call!r} in the analysed code")
                entries.append(fn.qualname)
                # a property named as a call stands for its accessors: the context may read it
                # or assign it (`limiter.rate = n` runs `rate<setter>`)
                entries.extend(q for q in (f"{fn.qualname}<setter>", f"{fn.qualname}<deleter>")
                               if q in model.functions and q not in entries)
            declared.append(Context(
                name=ctx.name, kind=ContextKind(ctx.kind) if ctx.kind in ContextKind._value2member_map_ else ContextKind.SPEC,
                entries=tuple(entries), multiplicity=ctx.instances,
                is_async=any(model.functions[e].is_async for e in entries), detail=f"declared in {spec.source}"))
    covered = {e for c in declared for e in c.entries}
    inferred = []
    pool = closed_world(model, component, declared) if declared else model.contexts
    for c in pool:
        rest = tuple(e for e in c.entries if e not in covered)
        if rest:
            inferred.append(c if rest == c.entries else c.model_copy(update={"entries": rest}))
    return tuple(declared) + tuple(inferred)


#: a static rule's finding -> the model-checked rule that proves the same bug when it fires at
#: the same site: a blocking call under a lock whose blocked-on work needs that lock (a joined
#: thread, the setter of an event, the consumer of a full queue) is the explorer's deadlock
DEFERS_TO = {"IL304": "IL504"}


def _defer_to_proofs(found: dict[str, list[Finding]]) -> None:
    """Drop, in place, each finding that a proof of its `DEFERS_TO` rule covers: one bug, one
    code. Where the explorer cannot prove it (bounded, or a shape it does not model), the static
    finding stays."""
    for code, proof in DEFERS_TO.items():
        sites = {(loc.path, loc.line) for f in found.get(proof, ()) for loc in (f.location,) + f.related}
        if code in found and sites:
            found[code] = [f for f in found[code] if (f.location.path, f.location.line) not in sites]


#: a static rule's finding -> the model-checked rule whose counterexample runs the same code: a
#: check-then-act whose check, rival write and act the explorer ran to break a declared invariant;
#: a lost update whose read, rival write and write-back it ran (tests/corpus/il501_lost_update_proved_once)
PROVED_BY = {"IL201": "IL501", "IL103": "IL501"}


def _proved_by_explorer(found: dict[str, list[Finding]]) -> None:
    """Drop, in place, each finding whose race a `PROVED_BY` counterexample runs (`_runs_through`):
    one bug, one code, and the one with the proof and the consequence (the invariant it breaks).
    A check-then-act the explorer did not run (no invariant on its field, another check in the
    same function, a bounded search) keeps its own finding
    (tests/corpus/il501_check_then_act_proved_once)."""
    for code, proof in PROVED_BY.items():
        proofs = found.get(proof, ())
        if code in found and proofs:
            found[code] = [f for f in found[code] if not any(_runs_through(f, g) for g in proofs)]


def _runs_through(f: Finding, proof: Finding) -> bool:
    """`proof` is in `f`'s function, names one of its fields, and its trace runs `f`'s first step
    (the check), then a step of another context, then `f`'s last step (the act) in the context
    that checked: the same interleaving, shown by the explorer on real values."""
    here = (f.location.path, f.location.class_, f.location.function)
    if here != (proof.location.path, proof.location.class_, proof.location.function) \
            or not set(f.symbols) & set(proof.symbols) or len(f.trace) < 2:
        return False
    check, act = (f.trace[0].path, f.trace[0].line), (f.trace[-1].path, f.trace[-1].line)
    steps = proof.trace
    lost = f.code == "IL103"     # the first step reads a field, a rival step writes it
    for i, first in enumerate(steps):
        if (first.path, first.line) != check or (lost and not _touches(first, f.symbols, "reads ")):
            continue
        for k in range(i + 1, len(steps)):
            last = steps[k]
            if last.context == first.context and (last.path, last.line) == act \
                    and any(s.context != first.context and (not lost or _touches(s, f.symbols, ""))
                            for s in steps[i + 1:k]):
                return True
    return False


def _touches(step, symbols, how: str) -> bool:
    """The explorer's step reads (`how` "reads ") or writes ("") one of `symbols`: its action
    ends in `[reads Cls.f = v]` / `[Cls.f = v]`."""
    return any(f"[{how}{sym} = " in step.action or f", {how}{sym} = " in step.action for sym in symbols)


#: the generic lockset rules (whatever access pair is left unexplained) and the specific rules that
#: explain a race on a field in one function: a lost update, a check-then-act, an iteration during
#: mutation, a non-atomic transition (the explorer's), an in-place buffer write
GENERIC_RACES = frozenset({"IL101", "IL102"})
SPECIFIC_RACES = frozenset({"IL103", "IL201", "IL202", "IL503", "IL602"})


def _yield_to_specific(found: dict[str, list[Finding]]) -> None:
    """Drop, in place, each generic race finding on a field in a function where a specific rule
    reports a race on that field: one bug, one finding per (field, function). The shared-state
    pass already claims such functions for its own rules (_shared_state.analyse); this applies
    the same claim to the specific findings made elsewhere (the explorer's IL503)
    (tests/corpus/il503_cursor_step_no_lockset_twin)."""
    specific = [(f.location.class_, f.location.function, set(f.symbols))
                for code in SPECIFIC_RACES for f in found.get(code, ())]
    if not specific:
        return
    for code in GENERIC_RACES & found.keys():
        found[code] = [f for f in found[code] if not any(
            (cls, fn) == (f.location.class_, f.location.function) and set(f.symbols) <= syms
            for cls, fn, syms in specific)]


def _merge(findings: list[Finding]) -> list[Finding]:
    """Equal fingerprints are the same finding: keep the shortest trace, union `related`."""
    by_fp: dict[str, Finding] = {}
    for f in findings:
        old = by_fp.get(f.fingerprint)
        if old is None:
            by_fp[f.fingerprint] = f
            continue
        best = f if (len(f.trace) or 10**6, f.location.line) < (len(old.trace) or 10**6, old.location.line) else old
        other = old if best is f else f
        related = tuple(dict.fromkeys(best.related + tuple(r for r in other.related if r not in best.related)))
        by_fp[f.fingerprint] = best.model_copy(update={"related": related})
    return list(by_fp.values())


def _number(findings: list[Finding]) -> list[Finding]:
    """IDs by severity in report order: C-01, H-01, M-01, L-01 ..."""
    counters: dict[str, int] = {}
    out = []
    for f in findings:
        letter = f.severity[0].upper()
        counters[letter] = counters.get(letter, 0) + 1
        out.append(f.model_copy(update={"id": f"{letter}-{counters[letter]:02d}"}))
    return out


def check(model: ProgramModel, components: list[Component], root: Path, *, bounds: Bounds = Bounds(),
          select: list[str] = (), ignore: list[str] = (), per_path: dict[str, list[str]] | None = None,
          rules: tuple | None = None, progress: Callable[[int, int, str], None] | None = None,
          jobs: int | None = None) -> VerifyResult:
    """Run every selected rule over every component and return the sorted, numbered findings.

    `progress(done, total, label)` is called before each (component, rule) step and once at the end.
    On a large model with `jobs` > 1 (default: the cores), the model-checking rules run in a forked
    process meanwhile (checker/forked.py); the findings are the same either way.
    """
    if rules is None:
        from interlock.checker.rules import all_rules   # here: a cached run needs no rule (or z3)
        rules = all_rules()
    total, done = len(components) * len(rules), 0
    findings: list[Finding] = []
    comp_results: list[ComponentResult] = []
    timings: dict[str, float] = {}
    failed: dict[tuple[str, str], str] = {}        # (component, rule code) -> the error it raised
    # Every component's model-checking child is started first, so the explorers of several
    # components run at the same time (and beside the static rules), not one after the other.
    prepared = []
    for comp in components:
        check_spec_names(model, comp)
        contexts = contexts_for(model, comp)
        spec_bounds = comp.spec.bounds if comp.spec else None
        b = bounds if spec_bounds is None else Bounds(
            steps=max(bounds.steps, spec_bounds.steps) if bounds.steps != Bounds().steps else spec_bounds.steps,
            preemptions=bounds.preemptions if bounds.preemptions != Bounds().preemptions else spec_bounds.preemptions,
            seconds=bounds.seconds if bounds.seconds != Bounds().seconds else spec_bounds.seconds,
            states=bounds.states if bounds.states != Bounds().states else spec_bounds.states,
            depth=bounds.depth)
        ctx = RuleContext(model=model, component=comp, contexts=contexts, root=root, bounds=b)

        # inline suppressions apply here, not in `accept` (which a forked shard runs), so that the
        # comments that matched are known: the others are reported as unused
        def accept(f: Finding, comp=comp) -> bool:
            return comp.contains(f.location.path) and in_scope(f, list(select), list(ignore), per_path or {})

        chosen = [r for r in rules if _selected(r.RULE.code, select, ignore)]
        # the model-checking rules run once per explorer shard (see explorer.run.SHARDS), in child
        # processes on a large model with cores to spare, else here: the same findings either way
        aside = [r for r in chosen if forked.is_forked_rule(r)]
        sharded = forked.Sharded(model, ctx, aside, accept, forked.should_fork(model, chosen, jobs)) \
            if aside else None
        prepared.append((comp, contexts, ctx, accept, chosen, aside, sharded))
    suppressions = Suppressions(root)
    ran: dict[str, set[str]] = {}          # path -> codes of the rules that ran to completion on it
    for comp, contexts, ctx, accept, chosen, aside, sharded in prepared:
        found: dict[str, list[Finding]] = {}
        for rule in rules:
            if progress is not None:
                progress(done, total, f"{comp.name}: {rule.RULE.code} {rule.RULE.name}")
            done += 1
            if rule in chosen and rule not in aside:
                rule_found, seconds, _, errors = forked.run_rules(model, ctx, [rule], accept)
                failed.update({(comp.name, code): e for code, e in errors.items()})
                found.update(rule_found)
                timings[rule.RULE.code] = timings.get(rule.RULE.code, 0.0) + seconds[rule.RULE.code]
        # the static part of a model-checking rule runs here, beside the static rules whose
        # analysis it shares (a shard would redo that analysis)
        statics = {}
        for r in aside:
            if hasattr(r, "static"):
                statics[r.RULE.code], error = forked.guarded(lambda r=r: [f for f in r.static(model, ctx) if accept(f)])
                if error:
                    failed[(comp.name, r.RULE.code)] = error
        outcomes = sharded.results() if sharded is not None else []
        for rule_found, seconds, shard_bounded, errors in outcomes:
            failed.update({(comp.name, code): e for code, e in errors.items()})
            for code, items in rule_found.items():
                found.setdefault(code, []).extend(items)
            for code, sec in seconds.items():
                timings[code] = timings.get(code, 0.0) + sec
            if shard_bounded and not ctx.cache.get("bounded_by"):
                ctx.cache["bounded_by"] = shard_bounded
        found = {code: [f for f in items if suppressions.keep(f)] for code, items in found.items()}
        statics = {code: [f for f in items if suppressions.keep(f)] for code, items in statics.items()}
        for code, items in statics.items():
            proved = {(f.location.class_, f.location.function, f.symbols) for f in found.get(code, ())}
            found.setdefault(code, []).extend(f for f in items
                                              if (f.location.class_, f.location.function, f.symbols) not in proved)
        _defer_to_proofs(found)
        _yield_to_specific(found)          # before: a generic race yields to the IL201 a proof covers
        _proved_by_explorer(found)
        findings += [f for r in chosen for f in found.get(r.RULE.code, ())]    # rule order, as run alone
        bounded = ctx.cache.get("bounded_by")
        complete = {r.RULE.code for r in chosen if (comp.name, r.RULE.code) not in failed
                    and (bounded is None or r not in aside)}
        for m in model.modules.values():       # a file in two components: what both ran completely
            if comp.contains(m.path):
                here = {c for c in complete if not ignored_for_path(m.path, c, per_path or {})}
                ran[m.path] = ran[m.path] & here if m.path in ran else here
        comp_results.append(ComponentResult(
            name=comp.name, dimension=comp.dimension or "", paths=comp.paths,
            contexts=tuple(c.name for c in contexts), complete=bounded is None, bounded_by=bounded,
            spec=_shown_path(comp.spec.source) if comp.spec else None))
    if progress is not None:
        progress(total, total, "done")
    merged = sorted(_merge(findings), key=lambda f: (SEVERITY_ORDER[f.severity],) + f.sort_key())
    numbered = sorted(_number(merged), key=Finding.sort_key)
    stats = {
        "files": len(model.modules),
        # files found but not analysed (unparsable, unreadable): `files` alone would read as the tree
        "files_skipped": len({d.path for d in model.diagnostics if d.severity == "error"}),
        "classes": len(model.classes), "functions": len(model.functions),
        "contexts": len(model.contexts), "findings": len(numbered),
        "by_severity": {s: sum(f.severity == s for f in numbered) for s in SEVERITY_ORDER},
        "rule_seconds": {k: round(v, 4) for k, v in sorted(timings.items())},
        "rule_errors": len(failed),
    }
    crashed = tuple(Diagnostic(path="", severity="error",
                               message=f"rule {code} raised {error} on component {name}: its findings are missing "
                                       f"(a bug in interlock: please report it; INTERLOCK_DEBUG=1 shows the traceback)")
                    for (name, code), error in sorted(failed.items()))
    return VerifyResult(tool={"name": "interlock", "version": __version__}, root=str(root),
                        components=tuple(comp_results), findings=tuple(numbered), stats=stats,
                        diagnostics=model.diagnostics + crashed + tuple(
                            suppression_diagnostics(root, {m.path for m in model.modules.values()}, ran,
                                                    suppressions.used)))


def _selected(code: str, select, ignore) -> bool:
    from interlock.checker.registry import is_selected
    return is_selected(code, list(select), list(ignore))


def _shown_path(source: str) -> str:
    """A spec path as the user would type it: relative to the working directory when under it."""
    try:
        return Path(source).resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):
        return source
