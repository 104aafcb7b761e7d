"""Callables registered in a container field and called from it (the observer pattern).

`def add_listener(self, cb): self._listeners.append(cb)` keeps its parameter in a container field
of its object (append/add/insert, `self.f[k] = cb`, `self.f.setdefault(k, []).append(cb)`);
`player.add_listener(self._on_track)` registers a bound method there (a function, a lambda and
`functools.partial(f, ...)` resolve too); `for cb in list(self._listeners): cb(evt)` then runs
every callable the program registers. Each call of an element of the field (see
models/listeners.py, the notion IL303 uses) becomes one call per registered target, in the order
of their names: the notifying context runs them all, so their accesses and lock acquisitions
are its own (tests/corpus/il301_listener_takes_own_lock). Like a constructor-injected callable
(link.py `_call_stored_callables`), the call gets the target as its callee and keeps the field
in `target`: still a stored callable for IL303. A field nothing in scope registers a resolvable
callable into resolves to nothing.
"""
from __future__ import annotations

from interlock.extractor.index import flatten
from interlock.extractor.resolution import PARTIAL_CALL as _PARTIAL, CallResolver, callable_named
from interlock.extractor.tree import splice_events
from interlock.models.listeners import element_calls, stored_in_field
from interlock.models.arguments import bind_arguments
from interlock.models.program import Event, EventKind, FunctionInfo, ModuleInfo

Key = tuple[str, str]                   # (class, field)


def call_registered_callables(resolver: CallResolver, functions: dict[str, FunctionInfo],
                              modules: dict[str, ModuleInfo]) -> dict[str, FunctionInfo]:
    own: set[tuple[Key, str]] = set()
    targets = _registered(resolver, functions, modules, _registering_methods(functions), own)
    if not targets:
        return functions
    out = {}
    for q, fn in functions.items():
        body = _expand(resolver, fn, targets, own) if fn.cls else fn.body
        out[q] = fn if body is fn.body else fn.model_copy(update={"body": body})
    return out


def _registering_methods(functions: dict[str, FunctionInfo]) -> dict[str, dict[str, set[str]]]:
    """Method qualname -> parameter -> the container fields of `self` it stores that parameter in."""
    out: dict[str, dict[str, set[str]]] = {}
    for fn in functions.values():
        if not fn.cls or fn.is_static or not fn.params:
            continue
        params = set(fn.params[1:])
        for ev in flatten(fn.body):
            hit = stored_in_field(ev)
            if hit is not None and hit[1] in params:
                out.setdefault(fn.qualname, {}).setdefault(hit[1], set()).add(hit[0])
    return out


def _registered(resolver: CallResolver, functions: dict[str, FunctionInfo], modules: dict[str, ModuleInfo],
                registering: dict[str, dict[str, set[str]]], own: set | None = None) -> dict[Key, set[str]]:
    """(class, field) -> the functions the program registers there. `own` collects ((class,
    field), method) of an object's own bound methods registered on itself (`self.register("add",
    self._on_add)`): a call through the field runs that method on the same object."""
    out: dict[Key, set[str]] = {}
    if not registering:
        return out
    bodies = [(f, f.module, f.body) for f in functions.values()] + [(None, m, i.body) for m, i in modules.items()]
    for fn, module, body in bodies:
        for ev in flatten(body):
            method = functions.get(ev.resolved or "") if ev.kind in (EventKind.CALL, EventKind.SPAWN) else None
            if method is None or method.qualname not in registering:
                continue
            for param, value in bind_arguments(method, ev.args).items():
                hit = _callable(resolver, fn, module, value, ev)
                for field in registering[method.qualname].get(param, ()) if hit else ():
                    out.setdefault((method.cls, field), set()).add(hit)
                    # on the registering object itself (`self.register(...)`), not on one of its
                    # fields (`self.dl.add_done_callback(self._on_done)` registers on another
                    # object, whose threads run the method: il103_callback_registered_on_field_object)
                    if own is not None and fn is not None and (ev.callee or "").startswith("self.") \
                            and (ev.callee or "").count(".") == 1 \
                            and value.strip().startswith("self.") and value.strip().count(".") == 1:
                        own.add(((method.cls, field), hit))
    return out


def _callable(resolver: CallResolver, fn: FunctionInfo | None, module: str, text: str, ev: Event) -> str | None:
    """The function a registered value runs: a function or bound method, the first argument of a
    `partial`, a lambda (its own function, written inside the registering call)."""
    m = _PARTIAL.match(text)
    if m:
        text = m.group(1)
    if not text.startswith("lambda"):
        return callable_named(resolver, fn, module, text)
    scope = fn.qualname if fn is not None else module
    lambdas = sorted((f.loc.line, f.loc.column, q) for q, f in resolver.functions.items()
                     if q.startswith(scope + ".<lambda:") and "." not in q[len(scope) + 1:]
                     and ev.loc.line <= f.loc.line <= (ev.loc.end_line or ev.loc.line))
    return lambdas[0][2] if len(lambdas) == 1 else None


def _expand(resolver: CallResolver, fn: FunctionInfo, targets: dict[Key, set[str]], own: set = frozenset()):
    sources = element_calls(fn.body)
    if not sources:
        return fn.body
    ancestors = resolver.classes[fn.cls].ancestors if fn.cls in resolver.classes else (fn.cls,)

    def each_target(ev: Event) -> tuple[Event, ...]:
        path = sources.get(id(ev), "")
        if ev.resolved in resolver.functions or not path.startswith("self.") or path.count(".") != 1:
            return (ev,)
        key = next(((anc, path[5:]) for anc in ancestors if (anc, path[5:]) in targets), None)
        hits = targets[key] if key is not None else ()
        # an own bound method registered on the object itself runs on it: `self.m`, as a direct call
        return tuple(ev.model_copy(update={"resolved": q, "target": path,
                                           "callee": f"self.{q.rsplit('.', 1)[-1]}" if (key, q) in own else q})
                     for q in sorted(hits)) or (ev,)

    return splice_events(fn.body, each_target)
