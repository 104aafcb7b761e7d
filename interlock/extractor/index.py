"""Flat event lists per function and module, built once per model for the program-level passes.

Contexts, locksets, the lock graph and state machines each scan every body, so each body's
events are collected once (`flat_events`) instead of once per pass (`iter_events`).
"""
from __future__ import annotations

from interlock.models.program import Event, ProgramModel, flat_events


#: The events of a body in `iter_events` order (branch conditions before their arms), as a list.
flatten = flat_events


class EventIndex:
    """Flat events of every function (by qualname) and every module body (by module name)."""

    def __init__(self, model: ProgramModel) -> None:
        self.functions = {q: flatten(f.body) for q, f in model.functions.items()}
        self.modules = {m: flatten(info.body) for m, info in model.modules.items()}

    def of(self, qualname: str) -> list[Event]:
        return self.functions.get(qualname, [])
