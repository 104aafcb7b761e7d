"""Finding construction shared by the shared-state rules: locations, notes, trace steps, evidence."""
from __future__ import annotations

from interlock.checker.analysis import Access
from interlock.checker.callgraph import instance_names
from interlock.checker.context import RuleContext
from interlock.checker.registry import RuleInfo
from interlock.checker.rules._shared_state import Candidate, short_lock
from interlock.models.finding import Finding, FindingLocation, TraceStep
from interlock.models.program import Event, EventKind

MAX_RELATED = 6


def verb(a: Access) -> str:
    if a.kind is EventKind.MUTATE:
        return f"mutated (`{a.event.op}`)" if a.event.op else "mutated"
    return {EventKind.READ: "read", EventKind.WRITE: "written", EventKind.ITERATE: "iterated"}[a.kind]


def lock_example(ctx: RuleContext, a: Access) -> str:
    """The `with` to suggest for `a`'s state: the object's own lock for a field of a class in
    scope, a module-level lock for a module global (`tally.COUNTS` has no `self`)."""
    cls = ctx.model.classes.get(a.concrete or a.owner)
    if cls is None:
        return "with _LOCK:"
    return "with self._lock:" if a.function.cls is not None else f"with {a.owner.rsplit('.', 1)[-1].lower()}._lock:"


def holding(locks) -> str:
    names = sorted(short_lock(lk) for lk in locks)
    return "holding " + ", ".join(f"`{n}`" for n in names) if names else "with no lock held"


def fn(a: Access) -> str:
    return a.function.name


def class_name(a: Access) -> str | None:
    return a.function.cls.rsplit(".", 1)[-1] if a.function.cls else None


def location(a: Access, event: Event | None = None, note: str | None = None, end: int | None = None) -> FindingLocation:
    ev = event or a.event
    return FindingLocation(path=ev.loc.path, line=ev.loc.line, end_line=max(end or 0, ev.loc.end_line or ev.loc.line),
                           column=ev.loc.column, function=fn(a), note=note, **{"class": class_name(a)})


def describe(a: Access, name: str | None = None) -> str:
    """"written by `playback-thread` in `_advance` holding `Player._lock`"."""
    return f"{verb(a)} by `{name or a.context.name}` in `{fn(a)}` {holding(a.locks)}"


def names(site: Access, other: Access) -> tuple[str, str]:
    """The two sides' context names; two instances of one many-context are `api` and `api#2`."""
    first, second = instance_names([site.context.name, other.context.name])
    return first, second


def related(others: list[Access], note=describe) -> tuple[FindingLocation, ...]:
    out, seen = [], set()
    for o in sorted(others, key=lambda o: (o.event.loc.path, o.event.loc.line, o.context.name)):
        k = (o.event.loc.path, o.event.loc.line)
        if k in seen:
            continue
        seen.add(k)
        out.append(location(o, note=note(o)))
        if len(out) == MAX_RELATED:
            break
    return tuple(out)


def step(a: Access, action: str, event: Event | None = None, name: str | None = None) -> TraceStep:
    ev = event or a.event
    return TraceStep(context=name or a.context.name, path=ev.loc.path, line=ev.loc.line, action=action)


def first_other(cand: Candidate) -> Access:
    """The conflicting access to show: another context first, then the earliest."""
    return min(cand.others, key=lambda o: (o.context.name == cand.site.context.name,
                                           o.event.loc.path, o.event.loc.line))


def evidence(ctx: RuleContext, loc: FindingLocation, other: Access | None, other_name: str | None = None) -> str:
    text = f"{loc.path}:\n" + ctx.snippet(loc.path, loc.line, loc.end_line)
    if other is not None and (other.event.loc.path, other.event.loc.line) != (loc.path, loc.line):
        ol = other.event.loc
        text += f"\n\n{ol.path} ({other_name or other.context.name}):\n" + ctx.snippet(ol.path, ol.line, ol.end_line or ol.line)
    return text


def build(rule: RuleInfo, ctx: RuleContext, cand: Candidate, *, loc: FindingLocation, title: str, message: str,
          trace: list[TraceStep], trigger: str, impact: str, fix: str, symbols: list[str]) -> Finding:
    other = first_other(cand) if cand.others else None
    pair = list(names(cand.site, other)) if other is not None else [cand.site.context.name]
    contexts = pair + [o.context.name for o in cand.others]
    note = (lambda o: describe(o, pair[1] if o is other else None))
    return Finding(
        code=rule.code, rule=rule.name, severity=rule.severity, dimension=ctx.dimension(rule.dimension),
        title=title, message=message, location=loc, related=related(cand.others, note), symbols=tuple(symbols),
        contexts=tuple(dict.fromkeys(contexts)), trace=tuple(trace), trigger=trigger,
        evidence=evidence(ctx, loc, other, pair[-1]), impact=impact, fix=fix)
