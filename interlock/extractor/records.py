"""Cheap construction of frozen pydantic records that are valid by construction (hot path).

`model_construct` resolves every default on each call; here the defaults are resolved once per
class and the instance dict is filled directly, which is what `model_construct` does.
"""
from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

from interlock.models.location import Location
from interlock.models.program import Branch, Event, Loop

M = TypeVar("M", bound=BaseModel)
_DEFAULTS: dict[type, dict[str, Any]] = {}


def _defaults(cls: type[BaseModel]) -> dict[str, Any]:
    found = _DEFAULTS.get(cls)
    if found is None:
        found = {n: f.get_default(call_default_factory=True) for n, f in cls.model_fields.items()
                 if not f.is_required()}
        _DEFAULTS[cls] = found
    return found


def construct(model: type[M], /, **values: Any) -> M:
    """`model(**values)` without validation; immutable defaults shared, mutable ones copied."""
    obj = model.__new__(model)
    defaults = _defaults(model)
    data = {}
    for name in model.model_fields:
        if name in values:
            data[name] = values[name]
        else:
            v = defaults[name]
            data[name] = type(v)(v) if isinstance(v, (dict, list, set)) else v
    object.__setattr__(obj, "__dict__", data)
    object.__setattr__(obj, "__pydantic_fields_set__", set(values))
    object.__setattr__(obj, "__pydantic_extra__", None)
    object.__setattr__(obj, "__pydantic_private__", None)
    return obj


def location(path: str, line: int, column: int, end_line: int, end_column: int) -> Location:
    return construct(Location, path=path, line=line, column=column, end_line=end_line, end_column=end_column)


def event(**values: Any) -> Event:
    return construct(Event, **values)


def branch(**values: Any) -> Branch:
    return construct(Branch, **values)


def loop(**values: Any) -> Loop:
    return construct(Loop, **values)
