"""Flat event lists per function and module, built once per model for the program-level passes.

Contexts, locksets, the lock graph and state machines each scan every body, so each body's
events are collected once (`flat_events`) instead of once per pass (`iter_events`).
"""
from __future__ import annotations

from interlock.models.program import Event, ProgramModel, body_events


#: The events of a body in `iter_events` order (branch conditions before their arms), as a list
#: shared by every pass that asks for the same body (callers must not change it): the linker's
#: passes each scan every body, most of them unchanged since the last pass.
flatten = body_events


class EventIndex:
    """Flat events of every function (by qualname) and every module body (by module name)."""

    def __init__(self, model: ProgramModel) -> None:
        self.functions = {q: flatten(f.body) for q, f in model.functions.items()}
        self.modules = {m: flatten(info.body) for m, info in model.modules.items()}
        self._memo: dict[str, tuple[ProgramModel, object]] = {}

    def memo(self, key: str, model: ProgramModel, build):
        """`build()` once per key for this index and `model` (the program-level passes ask for
        the same derived facts, such as the callers of every function, many times; a model
        copied with new function infos is another model)."""
        hit = self._memo.get(key)
        if hit is not None and hit[0] is model:
            return hit[1]
        value = build()
        self._memo[key] = (model, value)
        return value

    def of(self, qualname: str) -> list[Event]:
        return self.functions.get(qualname, [])
