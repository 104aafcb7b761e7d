"""Flat event lists per function and module, built once per model for the program-level passes.

`iter_events` is a chain of generators; contexts, locksets, the lock graph and state machines
each scan every body, so on a stdlib-sized tree one flat list per body is several times cheaper.
"""
from __future__ import annotations

from interlock.models.program import Branch, Event, Loop, Node, ProgramModel, Try


def flatten(nodes: tuple[Node, ...], out: list[Event] | None = None) -> list[Event]:
    """The events of a body in `iter_events` order (branch conditions before their arms)."""
    if out is None:
        out = []
    for n in nodes:
        t = type(n)
        if t is Event:
            out.append(n)
        elif t is Branch:
            out.append(n.cond)
            flatten(n.then, out)
            flatten(n.orelse, out)
        elif t is Loop:
            out.append(n.header)
            flatten(n.body, out)
            flatten(n.orelse, out)
        elif t is Try:
            flatten(n.body, out)
            for h in n.handlers:
                flatten(h.body, out)
            flatten(n.orelse, out)
            flatten(n.final, out)
    return out


class EventIndex:
    """Flat events of every function (by qualname) and every module body (by module name)."""

    def __init__(self, model: ProgramModel) -> None:
        self.functions = {q: flatten(f.body) for q, f in model.functions.items()}
        self.modules = {m: flatten(info.body) for m, info in model.modules.items()}

    def of(self, qualname: str) -> list[Event]:
        return self.functions.get(qualname, [])
