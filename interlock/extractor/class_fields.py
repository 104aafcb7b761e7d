"""Thread objects built from a class a field holds: `self._emitter_class(queue, watch)`.

A constructor that keeps a class parameter in a field (`self._emitter_class = emitter_class`, the
parameter a class by its default or annotation, or because every caller passes one:
`super().__init__(emitter_class=PollingEmitter)`; param_types.py) makes a call of that field a
construction of the class: the call runs the class's constructor, and the local it binds holds an
object of the class (`emitter = self._emitter_class(...)`; FunctionInfo.built), so what the
function then does with it resolves as for `emitter = PollingEmitter(...)`: `emitter.start()` of a
Thread subclass spawns its `run` there (thread_starts.py), `self._emitters.add(emitter)` types the
set's elements (elements.py) (tests/corpus/il202_emitters_built_from_class_parameter).
"""
from __future__ import annotations

from interlock.extractor.index import flatten
from interlock.extractor.resolution import CallResolver
from interlock.extractor.tree import splice_events
from interlock.models.program import Event, EventKind, FunctionInfo


def construct_from_class_fields(resolver: CallResolver, functions: dict[str, FunctionInfo]) -> dict[str, FunctionInfo]:
    out = dict(functions)
    for q, fn in functions.items():
        if fn.cls is None or fn.cls not in resolver.classes:
            continue
        events = list(flatten(fn.body))
        built: dict[int, str] = {}           # id of the construction call -> the class it builds
        names: dict[str, str] = {}           # local -> the class it is bound to
        for i, ev in enumerate(events):
            cls = _field_class(resolver, functions, fn, ev)
            if cls is None:
                continue
            built[id(ev)] = cls
            nxt = events[i + 1] if i + 1 < len(events) else None
            if nxt is not None and nxt.kind is EventKind.WRITE and nxt.op == "=" and (nxt.target or "").isidentifier() \
                    and fn.made.get(nxt.target) == ev.callee:
                names[nxt.target] = cls
        if not built:
            continue

        def splice(ev: Event, built=built) -> tuple[Event, ...]:
            cls = built.get(id(ev))
            if cls is None:
                return (ev,)
            return (ev.model_copy(update={"resolved": resolver.constructor(cls)}),)

        update = {"body": splice_events(fn.body, splice)}
        if names:
            update["built"] = {**fn.built, **names}
        out[q] = fn.model_copy(update=update)
    return out


def _field_class(resolver: CallResolver, functions: dict[str, FunctionInfo], fn: FunctionInfo, ev: Event) -> str | None:
    """The class `ev` builds when it calls `self.<field>(...)` and the field holds a class: every
    store of it is the constructor's own class parameter (`self._emitter_class = emitter_class`)."""
    callee = ev.callee or ""
    if ev.kind is not EventKind.CALL or ev.resolved or not callee.startswith("self.") or callee.count(".") != 1:
        return None
    info = resolver.classes[fn.cls].attributes.get(callee[5:])
    if info is None or not info.init_only or not info.value or not info.value.isidentifier():
        return None
    owner = resolver.classes.get(info.declared_in or "")
    init = functions.get(owner.methods.get("__init__", "")) if owner is not None else None
    if init is None or info.value not in init.params:
        return None
    cls = resolver.names.resolve_in_module(init.module, init.class_params.get(info.value, ""))
    # threads only, for now: what other constructors reach this way is not yet vetted on real code
    # (redis's `self.connection_class(**kwargs)` moved its pool's findings)
    return cls if cls in resolver.classes and resolver.is_thread(cls) else None
