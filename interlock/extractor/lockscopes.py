"""Lock helpers of other files: `with self._holding():` where `_holding` is a `@contextmanager` of a
base class, a mixin or a module defined in another file, holding a lock at every `yield`
(FunctionInfo.guards).

The walker applies the helpers of its own file as it goes (lockhelpers.py). Any other `with
helper():` is left as a call of the helper followed by the events of its body, each naming the
helper in its `scopes`. Once calls and scopes are resolved, that call becomes the acquisition of
the helper's locks, the body's events hold them and a release follows the body: the events a
helper of the same file gives. A method helper counts when called on `self` (any depth of
inheritance); its locks must be locks of the caller's class (or named like one).

`with obj:` / `async with obj:` of an object whose class is a lock wrapper (its `__enter__` returns
holding a lock of its own that `__exit__` releases; lockhelpers.py) is the same: the body holds
`obj`'s lock (`with self.volume:` holds `self.volume._lock`).
"""
from __future__ import annotations

from interlock.extractor import catalogue as cat
from interlock.extractor.flag_locals import UNLESS
from interlock.extractor.records import construct
from interlock.extractor.resolution import CallResolver
from interlock.models.arguments import bind_params
from interlock.extractor.tree import map_events, rebuild_blocks, same_nodes
from interlock.models.program import LOCK_KINDS, Event, EventKind, FunctionInfo, ModuleInfo, Node, iter_events


def hold_guard_scopes(resolver: CallResolver, functions: dict[str, FunctionInfo],
                      modules: dict[str, ModuleInfo]) -> tuple[dict[str, FunctionInfo], dict[str, ModuleInfo]]:
    """Functions and module bodies with the `with` of a guard of another file holding its locks."""
    guards = {q: f.guards for q, f in functions.items() if f.guards}
    if not guards:
        return functions, modules
    unless = {q: f.guard_unless for q, f in functions.items() if f.guards and f.guard_unless}
    waits = {q for q, f in functions.items() if f.guards and f.guard_waits}
    functions = {q: _apply(_Openers(resolver, guards, f, f.module, unless, waits), f) for q, f in functions.items()}
    modules = {m: _apply(_Openers(resolver, guards, None, m, unless, waits), info) for m, info in modules.items()}
    return functions, modules


def _apply(openers: "_Openers", owner):
    if not any(ev.scopes for ev in iter_events(owner.body)):
        return owner
    body = _block(owner.body, openers)
    return owner if body is owner.body else owner.model_copy(update={"body": body})


class _Openers:
    """Which call events open a guard's `with`, and the locks (caller's terms) each one takes."""

    def __init__(self, resolver: CallResolver, guards: dict[str, tuple[str, ...]], fn: FunctionInfo | None,
                 module: str, unless: dict[str, str] | None = None, waits: set[str] | None = None):
        self.resolver, self.names, self.guards, self.fn, self.module = resolver, resolver.names, guards, fn, module
        self.unless = unless or {}      # guard -> the flag under which it takes no lock (FunctionInfo.guard_unless)
        self.waits = waits or set()     # guards waiting for their lock in their own body (FunctionInfo.guard_waits)

    def opened(self, ev: Event) -> tuple[str | None, tuple[str, ...]]:
        """The scope the call event `ev` opens (the guard's qualname) and the locks it takes."""
        if ev.kind is not EventKind.CALL:
            return None, ()
        if ev.op in ("with", "async with") and ev.resolved is None and ev.callee:
            return self._entered(ev)
        if (ev.resolved or "").endswith(".__init__") and ev.callee:
            return self._built(ev)
        locks = self.guards.get(ev.resolved or "")
        if not locks:
            return None, ()
        helper = self.names.functions.get(ev.resolved)
        recv = (ev.callee or "").rpartition(".")[0]
        if helper is not None and helper.cls and recv != "self":
            # a guard of another object (`with self.registry.guard():`): its locks on that object
            # (`self.registry._lock`), when the receiver is a plain path
            if not recv or not all(p.isidentifier() for p in recv.split(".")) \
                    or not all(p.startswith("self.") and self._is_lock(p, helper.cls) for p in locks):
                return None, ()
            return ev.resolved, tuple(recv + p[len("self"):] for p in locks)
        own = self.fn.cls if self.fn is not None else None
        return (ev.resolved, locks) if all(self._is_lock(p, own) for p in locks) else (None, ())

    def _entered(self, ev: Event) -> tuple[str | None, tuple[str, ...]]:
        """`with obj:` of a lock wrapper: its `__enter__`, and its locks on `obj` (`self._lock` of
        the wrapper is `self.volume._lock` when `obj` is `self.volume`)."""
        method = "__aenter__" if ev.op == "async with" else "__enter__"
        enter = self.resolver.resolve_call(self.fn, self.module, f"{ev.callee}.{method}")
        locks = self.guards.get(enter or "")
        wrapper = self.names.functions.get(enter or "")
        if not locks or wrapper is None or not wrapper.cls or not all(self._is_lock(p, wrapper.cls) for p in locks):
            return None, ()
        return enter, tuple(ev.callee + p[len("self"):] for p in locks)

    def _built(self, ev: Event) -> tuple[str | None, tuple[str, ...]]:
        """`with TimedLock(self._lock, timeout=2):`: a lock wrapper built in the `with` (its body is
        in the scope of the wrapper's `__enter__`, link._ScopeResolver) holds the lock the call
        hands the constructor for the field its `__enter__` takes (`self._lock = lock`)."""
        init = self.names.functions.get(ev.resolved)
        if init is None or not init.cls:
            return None, ()
        for method in ("__enter__", "__aenter__"):
            enter = self.names.functions.get(self.resolver.resolve_call(self.fn, self.module, f"{ev.callee}.{method}") or "")
            if enter is not None and self.resolver.one_line(enter.cls, init.cls) and self.guards.get(enter.qualname):
                break
        else:
            return None, ()
        passed = bind_params(list(init.params[1:]), ev.args)
        fields = {e.target: e.value for e in iter_events(init.body)
                  if e.kind is EventKind.WRITE and e.op == "=" and e.target and e.value in init.params[1:]}
        own = self.fn.cls if self.fn is not None else None
        locks = []
        for path in self.guards[enter.qualname]:
            param = fields.get(f"{init.params[0]}{path[len('self'):]}") if path.startswith("self.") else None
            arg = passed.get(param) if passed is not None and param else None
            if not arg or not all(p.isidentifier() for p in arg.split(".")):
                return None, ()
            if "." not in arg and arg in getattr(self.names.modules.get(self.module), "globals", {}):
                arg = f"{self.module}.{arg}"          # a lock global of the caller's module
            if not self._is_lock(arg, own):
                return None, ()
            locks.append(arg)
        return enter.qualname, tuple(locks)

    def _is_lock(self, path: str, cls_name: str | None) -> bool:
        """`path` (`self._lock` of `cls_name`, or a module global) names a lock."""
        head, _, rest = path.partition(".")
        if head == "self":
            cls = self.names.classes.get(cls_name) if cls_name else None
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
        scope, locks = openers.opened(n) if type(n) is Event else (None, ())
        if locks and (n.resolved or "").endswith(".__init__") and not (
                i + 1 < len(nodes) and any(scope in ev.scopes for ev in iter_events((nodes[i + 1],)))):
            locks = ()          # a lock wrapper built outside a `with` (`self._guard = TimedLock(...)`) takes nothing
        if not locks:
            out.append(n if type(n) is Event else rebuild_blocks(n, lambda b: _block(b, openers)))
            i += 1
            continue
        end = i + 1
        while end < len(nodes) and any(scope in ev.scopes for ev in iter_events((nodes[end],))):
            end += 1
        out.extend(_guarded(n, scope, locks, nodes[i + 1:end], openers))
        i = end
    return same_nodes(nodes, out)


def _guarded(call: Event, scope: str, locks: tuple[str, ...], body: tuple[Node, ...], openers: _Openers) -> list[Node]:
    """`call` (the guard's call, or the entering of a lock wrapper) and its `with` body as the
    guard's acquisitions, the body holding its locks, and the releases."""
    outer = call.held
    first = body[0] if body else None
    op = "async with" if type(first) is Event and first.kind is EventKind.AWAIT and first.op == "async with" else "with"

    def inside(ev: Event) -> Event:
        scopes = list(ev.scopes)
        if scope in scopes:
            del scopes[len(scopes) - 1 - scopes[::-1].index(scope)]
        held = ev.held[:len(outer)] + locks + ev.held[len(outer):]
        return ev.model_copy(update={"held": held, "scopes": tuple(scopes)})

    flag = openers.unless.get(scope)

    def lock_op(kind: EventKind, i: int) -> Event:
        # a guard skipping its lock under a flag: flag_locals.confirm keeps the lock only where
        # the flag picks per-thread state (tests/corpus/il103_flag_skipped_polling_guard)
        value = f"{UNLESS}{flag}" if flag and kind is EventKind.ACQUIRE else None
        return construct(Event, kind=kind, loc=call.loc, target=locks[i], op=op,
                         held=outer + locks[:i], value=value)

    acquire = [lock_op(EventKind.ACQUIRE, i) for i in range(len(locks))]
    release = [lock_op(EventKind.RELEASE, i) for i in reversed(range(len(locks)))]
    # a guard waiting for its lock in its own body (FunctionInfo.guard_waits): its call stays, so
    # that its polls and sleeps are reached (tests/corpus/il201_timed_guard_contextmanager)
    called = [call] if scope in openers.waits and call.kind is EventKind.CALL else []
    return [*called, *acquire, *_block(map_events(body, inside), openers), *release]

