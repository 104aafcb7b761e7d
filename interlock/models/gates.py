"""Gates on an object's state: the helpers that read `if self.F != V: raise` tests and the value
F holds after construction (extractor/state_gates.py, checker/start_order.py)."""
from __future__ import annotations

import ast

from interlock.models.program import EventKind, ProgramModel, flat_events

_FALSY = {"None", "False", "0", "''", '""', "()", "[]", "{}"}


def leaves(arm) -> bool:
    events = flat_events(arm)
    return bool(events) and events[-1].kind in (EventKind.RAISE, EventKind.RETURN) \
        and not any(e.kind in (EventKind.WRITE, EventKind.MUTATE, EventKind.SPAWN) for e in events)


def self_field(expr: ast.expr) -> str | None:
    if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name) and expr.value.id == "self":
        return expr.attr
    return None


def initial_value(model: ProgramModel, cls, field: str) -> str | None:
    """The value the object holds in F after construction: the last `self.F = v` at the top level
    of an `__init__` of its lineage, else the class-level value."""
    for a in cls.ancestors:
        info = model.classes.get(a)
        init = model.functions.get(info.methods.get("__init__", "")) if info is not None else None
        if init is None:
            continue
        writes = [n for n in init.body if getattr(n, "node", None) == "event"
                  and n.kind is EventKind.WRITE and n.target == f"self.{field}"]
        if writes:
            return writes[-1].value
    for a in cls.ancestors:
        info = model.classes.get(a)
        attr = info.attributes.get(field) if info is not None else None
        if attr is not None and attr.is_class_attr:
            return attr.value
    return None


def same_value(a: str, b: str) -> bool:
    if a == "None":
        return b.strip() in _FALSY
    a, b = a.strip(), b.strip()
    return a == b or (_dotted(a) and _dotted(b) and a.rsplit(".", 1)[-1] == b.rsplit(".", 1)[-1]
                      and (a.count(".") == 0 or b.count(".") == 0))


def _dotted(text: str) -> bool:
    return all(part.isidentifier() for part in text.split("."))
