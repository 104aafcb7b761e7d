"""Call-graph helpers shared by the lock, async and database rules (IL3xx, IL4xx, IL7xx).

Interprocedural may-block reachability over resolved sync calls, the frames of a context's call
chain (to find where a held lock was taken), which attribute an event uses, and small builders
for finding locations and trace steps so every rule words them the same way.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from interlock.checker.analysis import Reach, lock_symbol
from interlock.models.finding import FindingLocation, TraceStep
from interlock.models.location import Location
from interlock.models.marshalled import marshalled
from interlock.models.program import (
    AttrKind, AttributeInfo, Context, ContextKind, Event, EventKind, FunctionInfo, ProgramModel, short_symbol, split_symbol,
)

MAX_BLOCK_DEPTH = 8
#: contexts whose code runs on threads other than the one that built the object
THREAD_KINDS = frozenset({ContextKind.THREAD, ContextKind.EXECUTOR, ContextKind.CALLBACK})


def short_lock(symbol: str) -> str:
    """`pkg.mod.Cls._lock` -> `Cls._lock` (module globals: `mod.LOCK`)."""
    owner, attr = split_symbol(symbol)
    return short_symbol(owner, attr) if owner else symbol


def short_name(qualname: str | None) -> str | None:
    return qualname.rsplit(".", 1)[-1] if qualname else None


def where(fn: FunctionInfo, loc: Location, note: str | None = None) -> FindingLocation:
    """A finding location in `fn` (class and function as short names)."""
    return FindingLocation(path=loc.path, line=loc.line, end_line=max(loc.end_line, loc.line),
                           class_=short_name(fn.cls), function=fn.name, column=loc.column, note=note)


def step(context: str, loc: Location, action: str) -> TraceStep:
    return TraceStep(context=context, path=loc.path, line=loc.line, action=action)


def instance_names(names: Iterable[str]) -> list[str]:
    """Each side's context name, a repeated name numbered as the explorer does (`api`, `api#2`):
    two instances of one many-instance context are two lifelines of a trace, not one."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name}#{seen[name]}")
    return out


def describe(fn: FunctionInfo) -> str:
    """`Cls.method` or `function`, for messages."""
    return f"{short_name(fn.cls)}.{fn.name}" if fn.cls else fn.name


def runs_on_loop(context: Context) -> bool:
    """Code the event loop runs on its own thread: a task, a callback it schedules
    (`call_soon_threadsafe(f)`, `add_done_callback(f)`), the methods of a loop-confined class."""
    return context.on_loop


def is_thread_like(context: Context) -> bool:
    """Runs on a thread of its own (or on any thread): not the event loop, not one fixed caller."""
    if runs_on_loop(context):
        return False
    if context.kind in THREAD_KINDS or context.kind is ContextKind.PUBLIC:
        return True
    if context.kind in (ContextKind.HTTP, ContextKind.WEBSOCKET):
        return not context.is_async          # sync FastAPI handlers run in a threadpool
    return context.kind in (ContextKind.SPEC, ContextKind.MAIN) and not context.is_async


def is_spawned(context: Context) -> bool:
    """A thread, executor job or callback: certainly not the thread that built the objects."""
    if context.kind in THREAD_KINDS and not runs_on_loop(context):
        return True
    return context.kind in (ContextKind.HTTP, ContextKind.WEBSOCKET) and not context.is_async


def frames(model: ProgramModel, reach: Reach) -> list[FunctionInfo]:
    """The functions along `reach.chain`, from the context entry down to `reach.function`.

    `frames[i]` is the function that makes the call `reach.chain[i]`; the last is `reach.function`.
    """
    out: list[FunctionInfo] = []
    for i, call in enumerate(reach.chain):
        prev = reach.chain[i - 1].resolved if i else (reach.context.entries or ("",))[0]
        hint = model.functions.get(prev or "")
        out.append(_function_containing(model, call, hint) or hint or reach.function)
    out.append(reach.function)
    return out


_OWNERS: dict[int, tuple[ProgramModel, dict[tuple, FunctionInfo]]] = {}   # last model only: a cache


def _call_key(ev: Event) -> tuple:
    return (ev.loc.path, ev.loc.line, ev.loc.column, ev.kind, ev.callee)


def _function_containing(model: ProgramModel, call: Event, hint: FunctionInfo | None) -> FunctionInfo | None:
    cached = _OWNERS.get(id(model))
    if cached is None or cached[0] is not model:
        owners = {_call_key(e): fn for fn in model.functions.values() for e in fn.events()
                  if e.kind is EventKind.CALL}
        _OWNERS.clear()
        _OWNERS[id(model)] = (model, owners)
        cached = _OWNERS[id(model)]
    return cached[1].get(_call_key(call), hint)


def acquisition_site(model: ProgramModel, reach: Reach, lock: str) -> tuple[FunctionInfo, Event] | None:
    """Where the context took `lock` before reaching `reach` (outermost frame first)."""
    fs = frames(model, reach)
    for i, fn in enumerate(fs):
        boundary = reach.chain[i] if i < len(reach.chain) else reach.event
        best = None
        for ev in fn.events():
            if ev == boundary:
                break
            if ev.kind is EventKind.ACQUIRE and ev.target and _names_lock(model, reach, fn, ev.target, lock):
                if ev.target in boundary.held or ev.op == "call":
                    best = ev
        if best is not None:
            return fn, best
    return None


def _lock_of(model: ProgramModel, reach: Reach, fn: FunctionInfo, path: str) -> str | None:
    cls = reach.cls if fn.cls and reach.cls and fn.cls in _ancestors(model, reach.cls) else fn.cls
    return lock_symbol(model, cls, path, fn)


def _names_lock(model: ProgramModel, reach: Reach, fn: FunctionInfo, path: str, lock: str) -> bool:
    """Does `path` in `fn` name `lock`? In a mixin's method `self` is a subclass, which may
    declare the lock (`PlaybackMixin._switch_track` takes `AudioPlayer._track_lock`)."""
    if _lock_of(model, reach, fn, path) == lock:
        return True
    return fn.cls is not None and any(
        fn.cls in info.ancestors and lock_symbol(model, info.qualname, path, fn) == lock
        for info in model.classes.values() if info.qualname != fn.cls)


def _ancestors(model: ProgramModel, cls: str) -> tuple[str, ...]:
    info = model.classes.get(cls)
    return info.ancestors if info else (cls,)


def chain_steps(model: ProgramModel, reach: Reach, start: int = 0, context: str | None = None) -> list[TraceStep]:
    """One trace step per call of the chain from frame `start` on (`context`: the instance's name)."""
    fs = frames(model, reach)
    out = []
    for i, call in enumerate(reach.chain[start:], start=start):
        caller = fs[i] if i < len(fs) else reach.function
        # the function that ran: an override of the resolved method when `self` is a subclass
        callee = describe(fs[i + 1]) if i + 1 < len(fs) and fs[i + 1].name == (call.resolved or "").rsplit(".", 1)[-1] \
            else short_callee(call)
        out.append(step(context or reach.context.name, call.loc, f"{describe(caller)} calls {callee}"))
    return out


def short_callee(ev: Event) -> str:
    if ev.resolved:
        parts = ev.resolved.split(".")
        return ".".join(parts[-2:]) if len(parts) > 1 else parts[0]
    return ev.callee or "?"


def receiver(callee: str | None) -> str | None:
    """`self.conn.execute` -> `self.conn`."""
    if not callee or "." not in callee:
        return None
    return callee.rsplit(".", 1)[0]


def used_attribute(model: ProgramModel, cls: str | None, ev: Event, module: str | None = None) -> tuple[str, str] | None:
    """The shared attribute an event touches: its target, or the receiver of a call on it."""
    paths = []
    if ev.target and ev.kind not in (EventKind.CALL, EventKind.BLOCKING, EventKind.SPAWN):
        paths.append(ev.target)
    if ev.kind in (EventKind.CALL, EventKind.BLOCKING, EventKind.WAIT, EventKind.NOTIFY, EventKind.ACQUIRE):
        rec = receiver(ev.callee)
        if rec:
            paths.append(rec)
        if ev.kind is EventKind.CALL and ev.callee and not ev.resolved:
            paths.append(ev.callee)          # calling a stored callable / factory: `SessionLocal()`
        if ev.target:
            paths.append(ev.target)
    return next((res for p in paths if (res := resolve_path(model, cls, p, module)) is not None), None)


def resolve_path(model: ProgramModel, cls: str | None, path: str, module: str | None = None) -> tuple[str, str] | None:
    """The attribute an access path names (`self._ready`, or a bare module-level name of `module`)."""
    if "." not in path and module:
        path = f"{module}.{path}"            # a bare module-level name: `SessionLocal()`, `CONN.execute`
    return model.resolve(cls, path) if "." in path else None


def all_attributes(model: ProgramModel) -> Iterable[tuple[str, AttributeInfo]]:
    """(owner qualname, attribute) for every class attribute and module global, each once."""
    seen: set[tuple[str, str]] = set()
    for c in model.classes.values():
        for a in c.attributes.values():
            owner = a.declared_in if a.declared_in in model.classes else c.qualname
            if (owner, a.name) not in seen:
                seen.add((owner, a.name))
                yield owner, a
    for m in model.modules.values():
        for a in m.globals.values():
            yield m.name, a


@dataclass(frozen=True, slots=True)
class BlockPath:
    """A sync call chain from a function to a blocking call: calls[i] is made in funcs[i]."""

    calls: tuple[Event, ...]
    funcs: tuple[FunctionInfo, ...]
    leaf: Event                      # the BLOCKING (or WAIT) event
    leaf_fn: FunctionInfo


class BlockingReach:
    """Interprocedural may-block: the shortest path from a sync function to each blocking call."""

    def __init__(self, model: ProgramModel, is_leaf):
        self.model, self.is_leaf = model, is_leaf
        self.memo: dict[str, list[BlockPath]] = {}

    def paths(self, fn: FunctionInfo, depth: int = 0, stack: frozenset[str] = frozenset()) -> list[BlockPath]:
        """Blocking calls `fn` makes itself or through sync callees (one path per leaf site)."""
        if fn.qualname in self.memo:
            return self.memo[fn.qualname]
        if depth > MAX_BLOCK_DEPTH or fn.qualname in stack:
            return []
        found: dict[tuple, BlockPath] = {}
        for ev in fn.events():
            if self.is_leaf(fn, ev):
                found.setdefault(_site(ev), BlockPath((), (), ev, fn))
            elif ev.kind is EventKind.CALL and ev.resolved and not ev.awaited:
                callee = self.model.functions.get(ev.resolved)
                if callee is None or callee.is_async or ev.resolved in marshalled(self.model):
                    continue          # a marshalled method only schedules its body (models/marshalled.py)
                for p in self.paths(callee, depth + 1, stack | {fn.qualname}):
                    cand = BlockPath((ev,) + p.calls, (fn,) + p.funcs, p.leaf, p.leaf_fn)
                    old = found.get(_site(p.leaf))
                    if old is None or len(cand.calls) < len(old.calls):
                        found[_site(p.leaf)] = cand
        out = sorted(found.values(), key=lambda p: (len(p.calls), p.leaf.loc.path, p.leaf.loc.line))
        self.memo[fn.qualname] = out     # under recursion this may miss paths through the cycle
        return out


def _site(ev: Event) -> tuple:
    return (ev.loc.path, ev.loc.line, ev.loc.column, ev.callee)


def acquirers(ctx, idx, lock: str | None = None):
    """Lock symbol -> reaches that acquire it (built once per component, in `ctx.cache`);
    with `lock`, just that lock's list."""
    cached = ctx.cache.get("acquirers")
    if cached is not None:
        return cached if lock is None else cached.get(lock, [])
    out: dict[str, list[Reach]] = {}
    for r in idx.reaches:
        if r.event.kind is EventKind.ACQUIRE and r.event.target and r.event.op != "try":
            sym = idx.lock_symbol(r.cls, r.function, r.event.target)
            if sym:
                out.setdefault(sym, []).append(r)
    ctx.cache["acquirers"] = out
    return out if lock is None else out.get(lock, [])


def other_acquirer(ctx, idx, r: Reach, lock: str) -> Reach | None:
    """A context concurrent with `r`'s that acquires `lock`, preferring a different context."""
    same = None
    for o in acquirers(ctx, idx).get(lock, ()):
        if idx.concurrent(r.context, o.context):
            if o.context.name != r.context.name:
                return o
            same = same or o
    return same


def function_at(model: ProgramModel, loc: Location) -> FunctionInfo | None:
    """The innermost function whose span contains `loc`."""
    best = None
    for fn in model.functions.values():
        if fn.path == loc.path and fn.loc.line <= loc.line <= max(fn.loc.end_line, fn.loc.line):
            if best is None or fn.loc.line >= best.loc.line:
                best = fn
    return best


def where_at(model: ProgramModel, loc: Location, note: str | None = None) -> FindingLocation:
    """A finding location for a bare source location (module level when no function holds it)."""
    fn = function_at(model, loc)
    if fn is not None:
        return where(fn, loc, note)
    return FindingLocation(path=loc.path, line=loc.line, end_line=max(loc.end_line, loc.line), note=note)


def attribute_uses(ctx, idx, kinds) -> dict[tuple[str, str], list[Reach]]:
    """(owner, attr) of the given kinds -> reaches that use it after construction."""
    key = ("attribute_uses", frozenset(kinds))
    cached = ctx.cache.get(key)
    if cached is not None:
        return cached
    out: dict[tuple[str, str], list[Reach]] = {}
    for res, kind, r in _attribute_reaches(ctx, idx):
        if kind in kinds:
            out.setdefault(res, []).append(r)
    ctx.cache[key] = out
    return out


def _attribute_reaches(ctx, idx) -> list[tuple[tuple[str, str], AttrKind, Reach]]:
    """Every reach that uses an attribute after construction, with the attribute and its kind:
    resolved once per component, whatever kinds the rules then ask for."""
    key = "attribute_reaches"
    cached = ctx.cache.get(key)
    if cached is not None:
        return cached
    out = []
    for r in idx.reaches:
        if r.event.kind is EventKind.WRITE or r.function.name in ("__init__", "__post_init__"):
            continue
        res = used_attribute(idx.model, r.cls, r.event, r.function.module)
        if res is None:
            continue
        info = idx.model.attribute(*res)
        if info is not None:
            out.append((res, info.kind, r))
    ctx.cache[key] = out
    return out


def captured_handles(model: ProgramModel, idx, kind: AttrKind) -> dict[tuple[str, str], list[Reach]]:
    """(function, local) -> the uses of the handle of `kind` (a session, a sqlite connection) a
    function keeps in a local by the closures it starts as threads, pool jobs or tasks: every run
    of the closure the function starts shares that one handle (tests/corpus/il702_session_captured_by_pool_job,
    il701_closure_worker_threads_share_conn). Runs of the function itself each make their own."""
    out: dict[tuple[str, str], list[Reach]] = {}
    for r in idx.reaches:
        owner, _, name = (r.event.target or "").rpartition(".")
        if r.event.kind is not EventKind.BLOCKING or not owner or not r.function.qualname.startswith(owner + "."):
            continue
        fn = model.functions.get(owner)
        if fn is not None and fn.handles.get(name) is kind \
                and any(e.startswith(owner + ".") for e in r.context.entries):
            out.setdefault((owner, name), []).append(r)
    return out


def unlocked_pair(idx, uses: list[Reach], apart=None) -> tuple[Reach, Reach] | None:
    """Two uses from concurrent contexts with no lock in common, preferring different contexts;
    `apart(a, b)` says when two uses cannot touch one object."""
    ordered = sorted(uses, key=lambda r: (not is_spawned(r.context), not is_thread_like(r.context), r.context.name,
                                          r.event.loc.path, r.event.loc.line))
    fallback = None
    for i, a in enumerate(ordered):
        for b in ordered[i:]:
            if idx.concurrent(a.context, b.context) and not (a.locks & b.locks) and not (apart and apart(a, b)):
                if a.context.name != b.context.name:
                    return a, b
                fallback = fallback or (a, b)
    return fallback
