"""Calls on an object typed as a base class whose method is only a stub run a subclass's override.

`self._backend.write(line)` with `self._backend: Backend`, where `Backend.write` is abstract
(`@abstractmethod`), empty (`pass`, `...`, a docstring) or only raises `NotImplementedError`,
resolves to that stub, which does nothing; the object is of some subclass the program builds, whose
implementation runs. The call becomes a branch with an arm for the implementation (the method the
one subclass built by name somewhere in the program, `FileBackend(path)`, finds first in its MRO)
and an empty arm, as dispatch tables do (dispatch.py), so the caller reaches what each one does
(its locks, sleeps and shared state; tests/corpus/il103_override_of_an_abstract_backend).

Bounded: only calls on another object (not `self.m()` nor `super().m()`, which the resolver
already binds to the class `self` is), only stubs, never a class of the caller's own hierarchy (a
proxy of the interface holding another object of it wraps a real one), and only when the program
builds exactly one implementation (MAX_OVERRIDES). With several, which one an object holds depends on
its wiring (a threaded connection built with a select loop, a green one with a green loop); expanding
to all of them pairs each caller with implementations never on its path (false races on pika's IO
loops, tests/corpus/il101_override_of_one_of_two_loops), so the call stays on the stub.
"""
from __future__ import annotations

from interlock.extractor.resolution import CallResolver
from interlock.extractor.tree import rebuild_blocks, same_nodes
from interlock.models.program import Branch, Event, EventKind, FunctionInfo, ModuleInfo, Node, iter_events

MAX_OVERRIDES = 1
_ABSTRACT = ("abc.abstractmethod", "abstractmethod")


def is_stub(fn: FunctionInfo) -> bool:
    """An abstract method, or one whose body does nothing but raise NotImplementedError."""
    if any(d.split("(")[0] in _ABSTRACT for d in fn.decorators):
        return True
    return all(ev.kind is EventKind.RAISE and (ev.value or "").startswith("NotImplementedError")
               for ev in fn.events())


def call_overrides(resolver: CallResolver, functions: dict[str, FunctionInfo],
                   modules: dict[str, ModuleInfo]) -> dict[str, FunctionInfo]:
    arms_of: dict[tuple, tuple[str, ...] | None] = {}
    built = _built_classes(resolver, functions, modules)

    def arms(qualname: str, caller: str | None) -> tuple[str, ...] | None:
        key = (qualname, caller)
        if key not in arms_of:
            arms_of[key] = _overrides(resolver, functions, qualname, caller, built)
        return arms_of[key]

    out = {}
    for q, fn in functions.items():
        body = _rewrite(fn.body, lambda resolved, cls=fn.cls: arms(resolved, cls))
        out[q] = fn if body is fn.body else fn.model_copy(update={"body": body})
    return out


def _built_classes(resolver: CallResolver, functions: dict[str, FunctionInfo],
                   modules: dict[str, ModuleInfo]) -> set[str]:
    """Classes some code of the program builds by name (`FileBackend(path)`)."""
    out: set[str] = set()
    bodies = [(f.module, f.body) for f in functions.values()] + [(m.name, m.body) for m in modules.values()]
    for module, body in bodies:
        for ev in iter_events(body):
            if ev.kind is not EventKind.CALL or not ev.callee or "(" in ev.callee:
                continue
            if ev.resolved in resolver.classes:
                out.add(ev.resolved)
            elif (ev.resolved or "").endswith(".__init__") and ev.resolved.rsplit(".", 1)[0] in resolver.classes \
                    and ev.callee.rsplit(".", 1)[-1] == ev.resolved.rsplit(".", 2)[-2]:
                out.add(ev.resolved.rsplit(".", 1)[0])
            elif ev.callee[:1].isupper() or "." in ev.callee:
                hit = resolver.names.resolve_in_module(module, ev.callee)
                if hit in resolver.classes:
                    out.add(hit)
    return out


def _overrides(resolver: CallResolver, functions: dict[str, FunctionInfo], qualname: str,
               caller: str | None, built: set[str]) -> tuple[str, ...] | None:
    """The implementations the objects of the program can run for the stub `qualname`: the method
    each subclass the program builds (`FileBackend(...)`) finds first in its MRO. A subclass of
    the caller's own hierarchy is left out: a proxy of the base's interface that holds another
    object of it (`self._conn.send(...)` in a `CacheProxyConnection`) wraps a real one, not itself."""
    stub = functions.get(qualname)
    if stub is None or stub.cls is None or stub.is_static or stub.is_property or not is_stub(stub):
        return None
    mine = resolver.classes.get(caller or "")
    kin = set(mine.ancestors) if mine is not None else set()
    found = []
    for sub in resolver.subclasses.get(stub.cls, ()):
        info = resolver.classes.get(sub)
        if info is None or sub not in built or sub in kin \
                or (caller is not None and caller in info.ancestors):
            continue
        impl = functions.get(info.methods.get(stub.name) or "")
        if impl is not None and impl.qualname != qualname and not is_stub(impl) and impl.qualname not in found:
            found.append(impl.qualname)
    return tuple(found) if 0 < len(found) <= MAX_OVERRIDES else None


def _on_other_object(ev: Event) -> bool:
    callee = (ev.callee or "").strip()
    if not callee or "(" in callee or callee.startswith(("super", "cls.")):
        return False
    parts = callee.split(".")
    return len(parts) >= 2 and not (parts[0] == "self" and len(parts) == 2)


def _rewrite(nodes: tuple[Node, ...], arms) -> tuple[Node, ...]:
    out: list[Node] = []
    for n in nodes:
        if type(n) is not Event:
            out.append(rebuild_blocks(n, lambda b: _rewrite(b, arms)))
            continue
        found = arms(n.resolved) if n.kind is EventKind.CALL and n.resolved and _on_other_object(n) else None
        out.append(_branch(n, found) if found else n)
    return same_nodes(nodes, out)


def _branch(ev: Event, targets: tuple[str, ...]) -> Node:
    """One arm per override, the last arm empty (a subclass that keeps the stub)."""
    receiver = (ev.callee or "").rsplit(".", 1)[0]
    rest: tuple[Node, ...] = ()
    for target in reversed(targets):
        cls = target.rsplit(".", 2)[-2]
        cond = Event(kind=EventKind.BRANCH, loc=ev.loc, value=f"isinstance({receiver}, {cls})")
        rest = (Branch(cond=cond, then=(ev.model_copy(update={"resolved": target}),), orelse=rest),)
    return rest[0]
