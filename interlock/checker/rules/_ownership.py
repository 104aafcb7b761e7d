"""Instance ownership along a call chain: is the object an access touches held by a field its
owner built in its own constructor (RacerD's ownership), and whose field is that?

Locks and attributes are named per class, so `Compressor.settings.threshold_db` and
`Limiter.settings.threshold_db` look like one attribute guarded by two locks. When both objects
sit in fields that two different owners construct for themselves, they are two objects
(tests/corpus/il102_settings_of_two_owners).
"""
from __future__ import annotations

from interlock.checker.analysis import Access, ConcurrencyIndex
from interlock.models.program import AttrKind, Event, FunctionInfo

Hop = tuple[str, str, bool]          # (holder class qualname, field, built by the holder's constructor)


def distinct_objects(idx: ConcurrencyIndex, a: Access, b: Access) -> bool:
    """True when `a` and `b` reach their object through different owned fields: walking both
    field paths from the object outwards, the first hops that differ are both fields the
    holder constructed itself (so no other holder can see the object)."""
    ha, hb = hops(idx, a), hops(idx, b)
    for x, y in zip(reversed(ha), reversed(hb)):
        if x[:2] == y[:2]:
            continue
        return x[2] and y[2] and _unrelated_or_other_field(idx, x, y)
    return False


def hops(idx: ConcurrencyIndex, a: Access) -> tuple[Hop, ...]:
    memo = idx.__dict__.setdefault("_ownership_hops", {})    # per index, like its cached_property
    key = (a.context.name, id(a.reach.chain), id(a.event), a.reach.cls)
    out = memo.get(key)
    if out is None:
        memo[key] = out = _hops(idx, a)
    return out


def _hops(idx: ConcurrencyIndex, a: Access) -> tuple[Hop, ...]:
    model = idx.model
    path: list[Hop] = []
    cls = _entry_class(idx, a)
    for ev in a.reach.chain:
        parts = (ev.callee or "").split(".")
        nxt = None
        if parts[0] in ("self", "cls") and cls is not None:
            nxt = _walk(model, cls, parts[1:-1], path)
        else:
            path = []                           # the callee's `self` came from elsewhere: root unknown
        callee = model.functions.get(ev.resolved or "")
        cls = nxt or (callee.cls if callee is not None else None)
    target = (a.event.target or "").split(".")
    if target[0] in ("self", "cls") and a.reach.cls:
        _walk(model, a.reach.cls, target[1:-1], path)
    return tuple(path)


def _walk(model, cls: str, fields: list[str], path: list[Hop]) -> str | None:
    for name in fields:
        info = model.attribute(cls, name)
        if info is None:
            path.clear()
            return None
        value = info.value or ""
        owned = info.kind is AttrKind.OBJECT and value.endswith(")") and "(" in value
        path.append((cls, name, owned))
        nxt = model.find_class(info.type_name) if info.type_name else None
        if nxt is None:
            return None
        cls = nxt.qualname
    return cls


def _entry_class(idx: ConcurrencyIndex, a: Access) -> str | None:
    """The class whose method holds the first call of the chain (or the access itself)."""
    first: Event | FunctionInfo = a.reach.chain[0] if a.reach.chain else a.event
    loc = first.loc
    for q in a.context.entries:
        fn = idx.model.functions.get(q)
        if fn is not None and fn.path == loc.path and fn.loc.line <= loc.line <= (fn.loc.end_line or fn.loc.line):
            return fn.cls
    return None


def _lineage(model, cls: str) -> tuple[str, ...]:
    info = model.classes.get(cls)
    return info.ancestors if info is not None else (cls,)


def _unrelated_or_other_field(idx: ConcurrencyIndex, x: Hop, y: Hop) -> bool:
    if x[1] != y[1]:
        return True
    cx, cy = idx.model.classes.get(x[0]), idx.model.classes.get(y[0])
    if cx is None or cy is None:
        return False
    return x[0] not in cy.ancestors and y[0] not in cx.ancestors
