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
_MISSING = object()
_DEFAULTS: dict[type, tuple[tuple[str, Any, bool], ...]] = {}


def _defaults(cls: type[BaseModel]) -> tuple[tuple[str, Any, bool], ...]:
    """(field name, default or _MISSING, default is mutable) in declaration order, once per class."""
    found = _DEFAULTS.get(cls)
    if found is None:
        found = []
        for name, f in cls.model_fields.items():
            value = _MISSING if f.is_required() else f.get_default(call_default_factory=True)
            found.append((name, value, isinstance(value, (dict, list, set))))
        found = _DEFAULTS[cls] = tuple(found)
    return found


_TEMPLATES: dict[type, tuple[dict[str, Any], tuple[tuple[str, Any], ...], tuple[str, ...]]] = {}


def _template(cls: type[BaseModel]) -> tuple[dict[str, Any], tuple[tuple[str, Any], ...], tuple[str, ...]]:
    """(every field in declaration order with its default, _MISSING if required; the mutable
    defaults; the required fields), once per class."""
    found = _TEMPLATES.get(cls)
    if found is None:
        fields = _defaults(cls)
        found = _TEMPLATES[cls] = ({name: default for name, default, _ in fields},
                                   tuple((name, default) for name, default, mutable in fields if mutable),
                                   tuple(name for name, default, _ in fields if default is _MISSING))
    return found


def construct(model: type[M], /, **values: Any) -> M:
    """`model(**values)` without validation; immutable defaults shared, mutable ones copied."""
    obj = model.__new__(model)
    template, mutables, required = _TEMPLATES.get(model) or _template(model)
    # the template's copy keeps the declaration order of the fields (updating a key keeps its place)
    data = template.copy()
    data.update(values)
    if len(data) != len(template):            # a name that is no field: left out
        data = {name: data[name] for name in template}
    for name, default in mutables:
        if name not in values:
            data[name] = type(default)(default)
    for name in required:
        if name not in values:
            del data[name]                   # a required field not given stays unset
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
