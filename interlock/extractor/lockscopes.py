"""Lock helpers of other files: `with self._holding():` where `_holding` is a `@contextmanager` of a
base class, a mixin or a module defined in another file, holding a lock at every `yield`
(FunctionInfo.guards).

The walker applies the helpers of its own file as it goes (lockhelpers.py). Any other `with
helper():` is left as a call of the helper followed by the events of its body, each naming the
helper in its `scopes`. Once calls and scopes are resolved, that call becomes the acquisition of
the helper's locks, the body's events hold them and a release follows the body: the events a
helper of the same file gives. A method helper counts when called on `self` (any depth of
inheritance); its locks must be locks of the caller's class (or named like one).
"""
from __future__ import annotations

from interlock.extractor import catalogue as cat
from interlock.extractor.records import construct
from interlock.extractor.resolution import NameResolver
from interlock.extractor.tree import map_events, rebuild_blocks
from interlock.models.program import LOCK_KINDS, Event, EventKind, FunctionInfo, ModuleInfo, Node, iter_events


def hold_guard_scopes(names: NameResolver, functions: dict[str, FunctionInfo],
                      modules: dict[str, ModuleInfo]) -> tuple[dict[str, FunctionInfo], dict[str, ModuleInfo]]:
    """Functions and module bodies with the `with` of a guard of another file holding its locks."""
    guards = {q: f.guards for q, f in functions.items() if f.guards}
    if not guards:
        return functions, modules
    functions = {q: _apply(_Openers(names, guards, f, f.module), f) for q, f in functions.items()}
    modules = {m: _apply(_Openers(names, guards, None, m), info) for m, info in modules.items()}
    return functions, modules


def _apply(openers: "_Openers", owner):
    if not any(ev.scopes for ev in iter_events(owner.body)):
        return owner
    body = _block(owner.body, openers)
    return owner if body is owner.body else owner.model_copy(update={"body": body})


class _Openers:
    """Which call events open a guard's `with`, and the locks (caller's terms) each one takes."""

    def __init__(self, names: NameResolver, guards: dict[str, tuple[str, ...]], fn: FunctionInfo | None, module: str):
        self.names, self.guards, self.fn, self.module = names, guards, fn, module

    def locks(self, ev: Event) -> tuple[str, ...]:
        locks = self.guards.get(ev.resolved or "") if ev.kind is EventKind.CALL else None
        if not locks:
            return ()
        helper = self.names.functions.get(ev.resolved)
        if helper is not None and helper.cls and (ev.callee or "").rpartition(".")[0] != "self":
            return ()               # a guard of another object: its `self` is not ours
        return locks if all(map(self._is_lock, locks)) else ()

    def _is_lock(self, path: str) -> bool:
        head, _, rest = path.partition(".")
        if head == "self":
            cls = self.names.classes.get(self.fn.cls) if self.fn is not None and self.fn.cls else None
            if cls is None or "." in rest:
                return False
            attr = cls.attributes.get(rest)
        else:
            mod, _, name = path.rpartition(".")
            info = self.names.modules.get(mod)
            attr = info.globals.get(name) if info is not None else None
        if attr is not None and attr.kind is not None and attr.kind is not cat.K.CONTAINER:
            return attr.kind in LOCK_KINDS
        return bool(cat.LOCKISH.search(path.rsplit(".", 1)[-1]))     # or a table of locks per key


def _block(nodes: tuple[Node, ...], openers: _Openers) -> tuple[Node, ...]:
    out: list[Node] = []
    i = 0
    while i < len(nodes):
        n = nodes[i]
        locks = openers.locks(n) if type(n) is Event else ()
        if not locks:
            out.append(n if type(n) is Event else rebuild_blocks(n, lambda b: _block(b, openers)))
            i += 1
            continue
        end = i + 1
        while end < len(nodes) and any(n.resolved in ev.scopes for ev in iter_events((nodes[end],))):
            end += 1
        out.extend(_guarded(n, locks, nodes[i + 1:end], openers))
        i = end
    return nodes if len(out) == len(nodes) and all(a is b for a, b in zip(out, nodes)) else tuple(out)


def _guarded(call: Event, locks: tuple[str, ...], body: tuple[Node, ...], openers: _Openers) -> list[Node]:
    """`call` (the guard's call) and its `with` body as the guard's acquisitions, the body holding
    its locks, and the releases."""
    outer, scope = call.held, call.resolved
    first = body[0] if body else None
    op = "async with" if type(first) is Event and first.kind is EventKind.AWAIT and first.op == "async with" else "with"

    def inside(ev: Event) -> Event:
        scopes = list(ev.scopes)
        if scope in scopes:
            del scopes[len(scopes) - 1 - scopes[::-1].index(scope)]
        held = ev.held[:len(outer)] + locks + ev.held[len(outer):]
        return ev.model_copy(update={"held": held, "scopes": tuple(scopes)})

    def lock_op(kind: EventKind, i: int) -> Event:
        return construct(Event, kind=kind, loc=call.loc, target=locks[i], op=op,
                         held=outer + locks[:i])

    acquire = [lock_op(EventKind.ACQUIRE, i) for i in range(len(locks))]
    release = [lock_op(EventKind.RELEASE, i) for i in reversed(range(len(locks)))]
    return [*acquire, *_block(map_events(body, inside), openers), *release]
