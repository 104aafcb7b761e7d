"""Calls of abstract methods: the override of whichever subclass the object is runs.

    class Uploader:
        def __init__(self, storage: Storage):       # an abstract base
            self.storage = storage
        def _run(self):
            self.storage.save(key, data)            # `MemoryStorage.save`, `DiskStorage.save` ...

A call resolved to a method without a body of its own (`@abstractmethod`, `...`, `pass`, `raise
NotImplementedError`), on an object other than the caller's own, becomes a branch with one arm
per in-scope subclass that overrides it (class hierarchy analysis): what the overrides do is seen
(tests/corpus/il202_abstract_backend_called_by_thread). `self.m()` is left as it is: the checker's
walk runs the concrete class's override of it already.
"""
from __future__ import annotations

from interlock.extractor.resolution import CallResolver
from interlock.extractor.tree import one_of, splice_events
from interlock.models.program import Event, EventKind, FunctionInfo

ABSTRACT = frozenset({"abc.abstractmethod", "abstractmethod"})


def dispatch_abstract(resolver: CallResolver, functions: dict[str, FunctionInfo]) -> dict[str, FunctionInfo]:
    """`functions` with their calls of abstract methods branched over the overrides."""
    out = dict(functions)
    for q, fn in functions.items():
        body = splice_events(fn.body, lambda ev: _overrides(resolver, functions, ev))
        if body is not fn.body:
            out[q] = fn.model_copy(update={"body": body})
    return out


def _overrides(resolver: CallResolver, functions: dict[str, FunctionInfo], ev: Event) -> tuple:
    target = functions.get(ev.resolved or "") if ev.kind is EventKind.CALL else None
    receiver = (ev.callee or "").rpartition(".")[0]
    if target is None or not target.cls or not receiver or receiver in ("self", "cls") \
            or receiver.startswith("super(") or not is_abstract(target):
        return (ev,)
    hits = {}
    for sub in resolver.subclasses.get(target.cls, ()):
        q = resolver.classes[sub].methods.get(target.name) if sub in resolver.classes else None
        if q in functions and functions[q].cls == sub and not is_abstract(functions[q]):
            hits[sub] = q
    if not hits:
        return (ev,)
    arms = [(sub, ev.model_copy(update={"resolved": q})) for sub, q in sorted(hits.items())]
    return (one_of(receiver, arms),)


def is_abstract(fn: FunctionInfo) -> bool:
    """A method with no body of its own: declared abstract, or `...`/`pass`/docstring only, or
    only `raise NotImplementedError`."""
    if any(d.split("(")[0] in ABSTRACT for d in fn.decorators):
        return True
    events = list(fn.events())
    return not events or all(e.kind is EventKind.RAISE and "NotImplementedError" in (e.value or "") for e in events)
