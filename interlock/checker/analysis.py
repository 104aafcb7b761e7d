"""Shared concurrency analysis: which events each context reaches, and with which locks held.

Context-sensitive walk from each context's entries along resolved calls (RacerD-style summaries
would be cheaper; a bounded walk with memoisation on (function, class, locks) is precise and fast
enough for component-sized models). Locks are global symbols (`pkg.mod.Cls._lock`): instance-
insensitive, like lockdep's lock classes. Built once per component and cached in `ctx.cache`.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Iterable

from interlock.checker.context import RuleContext
from interlock.checker.cells import cell_owner, private_cell
from interlock.checker.confined import confined_classes, own_context
from interlock.checker.fresh import _handed_out as fresh_handed_out
from interlock.checker.fresh import builder_local, on_fresh_local, own_fresh_local
from interlock.checker.handover import given_at_start, release_held
from interlock.checker.keyed import element_of, same_index, table_keys
from interlock.models.arguments import parse_expr
from interlock.models.construction import skips_init_of
from interlock.models.marshalled import marshalled
from interlock.models.objects import element_locals, param_class
from interlock.models.arguments import bind_arguments
from interlock.models.pooling import checked_in, checks_out_local, holds_check_out, lent_classes, pool_checkouts
from interlock.models.runners import handed_to_runner
from interlock.checker.deferral import Deferrals, active_scopes, deferrals
from interlock.checker.regions import held_regions, mode_locks, region_locks
from interlock.models.program import (
    LOCK_KINDS, THREAD_SAFE_KINDS, AttrKind, ClassInfo, Context, ContextKind, Event, EventKind, FunctionInfo,
    LOCALS, ProgramModel, body_events, is_lifecycle, iter_events, short_symbol, split_symbol,
)

ACCESS_KINDS = frozenset({EventKind.READ, EventKind.WRITE, EventKind.MUTATE, EventKind.ITERATE})
CONSTRUCTORS = frozenset({"__init__", "__post_init__", "__new__", "setUp", "__init_subclass__"})
MAX_DEPTH = 12


class _NoClass:
    ancestors: tuple[str, ...] = ()


_NO = _NoClass()
_RUN = ("run",)                     # a borrower's local: no other borrower has its object
_FRESH = ("fresh",)                 # a holder the run built and keeps: not itself a borrowed object


def _own_borrow(r: Reach) -> tuple[str, ...] | None:
    """Who has the object `r` accesses checked out, when it is `self`'s own field (`self.x`)."""
    target = r.event.target or ""
    return r.borrow if r.borrow is not None and r.borrow[0] != _FRESH[0] and target.count(".") == 1 \
        and target.startswith("self.") else None


@dataclass(frozen=True, slots=True)
class Reach:
    """One event reachable from one context, with the locks held there."""

    context: Context
    function: FunctionInfo
    cls: str | None                 # the concrete class `self` is along this chain
    event: Event
    locks: frozenset[str]           # lock symbols held (call chain + this function)
    chain: tuple[Event, ...]        # CALL events from the context entry down to this function
    awaits_before: int = 0          # AWAIT events before this one in the function
    regions: frozenset[str] = frozenset()   # hand-made lock regions open here (checker/regions.py)
    handed: frozenset[str] = frozenset()    # of `locks`, those held only as handed over (checker/handover.py)
    #: who has `self` checked out of a pool along this chain (models/pooling.py): `_RUN` for a
    #: borrower's local, ("field", owner, attr) for a holder's field, ("held", owner, attr, holder
    #: class) for the field of a holder the run built, ("fresh", ...) on such a holder itself
    borrow: tuple[str, ...] | None = None

    def caller(self, model: ProgramModel, i: int) -> FunctionInfo | None:
        """The function that made `chain[i]` (the callee of `chain[i - 1]`, or an entry)."""
        call = self.chain[i]
        for q in ([self.chain[i - 1].resolved] if i else list(self.context.entries)):
            fn = model.functions.get(q or "")
            if fn is not None and any(e is call for e in fn.events()):
                return fn
        return None


@dataclass(frozen=True, slots=True)
class Access:
    """A read/write/mutate/iterate of shared state."""

    reach: Reach
    owner: str
    attr: str
    symbol: str
    kind: EventKind
    concrete: str | None = None     # the concrete owner when `owner` is the declaring base class

    @property
    def context(self) -> Context:
        return self.reach.context

    @property
    def function(self) -> FunctionInfo:
        return self.reach.function

    @property
    def event(self) -> Event:
        return self.reach.event

    @property
    def locks(self) -> frozenset[str]:
        """The locks held, and the reader/writer regions that guard this access (a write under a
        shared hold is unguarded by it)."""
        return self.reach.locks | mode_locks(self.reach.regions, self.is_write) if self.reach.regions else self.reach.locks

    @property
    def is_write(self) -> bool:
        return self.kind in (EventKind.WRITE, EventKind.MUTATE)


@dataclass
class ConcurrencyIndex:
    model: ProgramModel
    contexts: tuple[Context, ...]
    reaches: list[Reach] = field(default_factory=list)
    public_owners: dict[str, str] = field(default_factory=dict)   # PUBLIC context -> its class
    root: Path | None = None        # the analysed folder: the source around an access (checker/keyed.py)

    @cached_property
    def accesses(self) -> list[Access]:
        out = []
        for r in self.reaches:
            if r.event.kind in ACCESS_KINDS and r.event.target:
                acc = self._access(r)
                if acc is not None:
                    out.append(acc)
        return out

    @cached_property
    def by_attr(self) -> dict[tuple[str, str], list[Access]]:
        out: dict[tuple[str, str], list[Access]] = {}
        for a in self.accesses:
            out.setdefault((a.owner, a.attr), []).append(a)
        return out

    @cached_property
    def _by_function(self) -> dict[str, list[Reach]]:
        out: dict[str, list[Reach]] = {}
        for r in self.reaches:
            out.setdefault(r.function.qualname, []).append(r)
        return out

    def reaches_in(self, fn_qualname: str) -> list[Reach]:
        return self._by_function.get(fn_qualname, [])

    def same_object(self, a: Access, b: Access) -> bool:
        """Can the two accesses touch one object? Not when they are on sibling classes:
        `LifoQueue.mutex` and `PriorityQueue.mutex` are never the same lock, their `queue` never
        the same list (tests/corpus/il102_sibling_subclasses). A base and its subclass may be."""
        if self._runs_on_own_objects(a, b) or self._borrowed_apart(a.reach, b.reach):
            return False
        x, y = self._object_class(a), self._object_class(b)
        if self._confined_apart(a, b, x, y):
            return False
        if x == y:
            return True
        cx, cy = self.model.classes.get(x), self.model.classes.get(y)
        if cx is None or cy is None:
            return True
        if x in cy.ancestors:
            return not self._exactly(a, b, x, y) and not self._runs_overridden(a, y)
        if y in cx.ancestors:
            return not self._exactly(b, a, y, x) and not self._runs_overridden(b, x)
        return False

    def _runs_overridden(self, a: Access, sub: str) -> bool:
        """`a` (on `self` of a base class) runs, on its object, a method that `sub` overrides: a
        `BlockingPool` would have run its own `get_connection`, so the object `a`'s walk stands for
        is not one (tests/corpus/il102_base_entry_subclass_overrides_with_lock). The methods on the
        object are the access's function and those up the chain that called it on `self`, up to
        the call that entered the object; one entered through `super()` says nothing."""
        r = a.reach
        target = r.event.target or ""
        if r.cls is None or target.count(".") != 1 or not target.startswith("self."):
            return False
        info = self.model.classes.get(sub)
        if info is None:
            return False
        run = [r.function]
        for i in range(len(r.chain) - 1, -1, -1):
            callee = r.chain[i].callee or ""
            head, _, method = callee.partition(".")
            if head not in ("self", "cls") or "." in method:
                if callee.startswith("super("):
                    return False
                break
            caller = r.caller(self.model, i)
            if caller is None:
                return False
            run.append(caller)
        return any(fn.cls and fn.name in info.methods and info.methods[fn.name] != fn.qualname
                   and not fn.name.startswith("__") for fn in run)

    def _borrowed_apart(self, a: Reach, b: Reach) -> bool:
        """Both accesses are on objects their callers have checked out of a pool (models/pooling.py),
        held by different borrowers: a run's local, or two different holder fields. A pool lends one
        object to one borrower at a time, so the two are never one object while both have it
        (tests/corpus/il101_pool_checkin_and_holder_borrowers). Two accesses through one holder
        field are on one object when the holder is. A "held" borrow is through the field of a
        holder the run built in a local of its own (`with self.pipeline() as pipe: pipe.execute()`):
        two such runs built two holders, whatever else reaches the holder's class, and each holder
        checked out its own object (il201_pooled_link_of_each_runs_own_batch)."""
        x, y = _own_borrow(a), _own_borrow(b)
        if x is None or y is None:
            return False
        if x == _RUN or y == _RUN or x != y:
            return True
        return x[0] == "held"

    def _confined_apart(self, a: Access, b: Access, x: str, y: str) -> bool:
        """An object of a class confined to one thread (checker/confined.py) used by two contexts
        that only use it: each has its own. Not when one is work the class starts itself, nor
        for two contexts on one event loop (they interleave at awaits: IL403)."""
        confined = confined_classes(self.model)
        cls = x if x in confined else y if y in confined else None
        if cls is None or (a.context.is_async or a.context.on_loop) and (b.context.is_async or b.context.on_loop):
            return False
        memo = self.__dict__.setdefault("_own_contexts", {})

        def own(c: Context) -> bool:
            key = (c.name, cls)
            if key not in memo:
                memo[key] = own_context(self.model, self._spawn_order.sites, c, cls)
            return memo[key]
        return not (own(a.context) or own(b.context))

    def _runs_on_own_objects(self, a: Access, b: Access) -> bool:
        """Two runs of a context whose every run has an object of its own (`per_request`: a
        request handler the server builds per request, the thread each object starts on itself),
        both on that object or on one it builds for itself: two objects
        (tests/corpus/il101_http_server_handler, il103_worker_threads_share_module_stats)."""
        order = self._spawn_order
        same = a.context.name == b.context.name and (a.context.per_request or a.context.per_object)
        # two request contexts (`do_GET`, `do_POST` of one handler class): each request builds its own
        # (tests/corpus/il103_http_verbs_each_own_handler)
        requests = all(c.kind is ContextKind.HTTP and c.per_request for c in (a.context, b.context))
        return (same or requests) and order.in_own_object(a) and order.in_own_object(b)

    def _object_class(self, a: Access) -> str:
        """The class of the object accessed: `self.x` is on the walk's concrete class."""
        if a.reach.cls and (a.event.target or "").count(".") == 1 and a.event.target.startswith("self."):
            return a.reach.cls
        return a.concrete or a.owner

    def _exactly(self, a: Access, b: Access, base: str, sub: str) -> bool:
        """Two PUBLIC contexts, `a`'s on `base` and `b`'s on `sub`, which has a context of its own:
        the one of `base` calls the methods of `base` and of its subclasses without one, so never
        on a `sub` (tests/corpus/il102_subclass_own_context)."""
        owners = self.public_owners
        return owners.get(a.context.name) == base and owners.get(b.context.name) == sub

    @cached_property
    def _first_spawn(self) -> dict[str, int]:
        """Context name -> position (in its walk, which is execution order) of the first event
        that leaves work running: a spawn other than an awaited `to_thread`/`run_in_executor`."""
        out: dict[str, int] = {}
        for i, r in enumerate(self.reaches):
            ev = r.event
            if ev.kind is EventKind.SPAWN and ev.spawn is not None and r.context.name not in out:
                # an awaited to_thread/run_in_executor, or an awaited `gather(...)` of coroutines,
                # has finished its work when the next line runs (il401_lone_main_coroutine)
                finished = ev.awaited and (ev.spawn.kind is ContextKind.EXECUTOR or (
                    ev.spawn.kind is ContextKind.TASK and ev.spawn.via.rsplit(".", 1)[-1] == "gather"))
                if not finished:
                    out[r.context.name] = i
        return out

    @cached_property
    def _positions(self) -> dict[int, int]:
        return {id(r): i for i, r in enumerate(self.reaches)}

    def alone_at_startup(self, reaches: list[Reach]) -> bool:
        """Every reach is the ASGI lifespan's, or the main coroutine's of `asyncio.run(main())`,
        before it starts any task, thread or job: nothing else runs on the loop yet
        (tests/corpus/il401_startup_before_tasks, il401_lone_main_coroutine)."""
        if not reaches or not all(r.context.kind is ContextKind.LIFESPAN
                                  or (r.context.kind is ContextKind.MAIN and r.context.on_loop) for r in reaches):
            return False
        pos, first = self._positions, self._first_spawn
        return all(pos[id(r)] < first.get(r.context.name, len(self.reaches)) for r in reaches)

    @cached_property
    def _spawn_order(self):
        from interlock.checker.spawn_order import SpawnOrder   # local: it reads Access from here
        return SpawnOrder(self.model)

    @cached_property
    def _signal_order(self):
        from interlock.checker.signal_order import SignalOrder   # local: it reads Access from here
        return SignalOrder(self.model)

    @cached_property
    def _callback_order(self):
        from interlock.checker.callback_order import CallbackOrder   # local: it reads Access from here
        return CallbackOrder(self.model, self._spawn_order.sites)

    @cached_property
    def _start_order(self):
        from interlock.checker.start_order import StartOrder   # local: it reads Access from here
        return StartOrder(self.model, self._spawn_order.sites)

    @cached_property
    def _barriers(self):
        from interlock.checker.barriers import Barriers       # local: it reads Access from here
        return Barriers(self, self._spawn_order.sites)

    def ordered(self, a: Access, b: Access) -> bool:
        """Cannot overlap because of a spawn: a job's own fresh object against another object,
        or against its spawner's use of it before the spawn (checker/spawn_order.py); or one
        runs after its function waited for every job of the other's context (checker/barriers.py);
        or one is made before its flow registered the signal handler the other runs in
        (checker/signal_order.py), or before its flow scheduled, once, the callback the other runs in
        (checker/callback_order.py); or one is in an outside call of the object's start and the
        other after a gate that only start opens (checker/start_order.py)."""
        return self._spawn_order.apart(a, b) or self._barriers.after_jobs(a, b) or self._barriers.after_jobs(b, a) \
            or self._signal_order.apart(a, b) or self._callback_order.apart(a, b) or self._start_order.apart(a, b)

    def concurrent(self, a: Context, b: Context) -> bool:
        """Can code of `a` and `b` run at the same time?"""
        return a.concurrent_with(b)

    @staticmethod
    def objects_apart(a: Context, b: Context) -> bool:
        """Two runs of a `per_object` context: the threads of two objects, at the same time. Only
        the shared-state rules count these (rules/_shared_state.may_meet), where `same_object`
        keeps each run's own object apart; the lock rules name a lock per class, which here is
        one lock per object, so for them it stays one run."""
        return a.name == b.name and a.per_object

    def overlap(self, a: Reach, b: Reach) -> bool:
        """Can these two reaches run at the same time? Their contexts are concurrent, and they
        are not both an outside caller driving an object's lifecycle (`start`/`stop`/`close`...):
        whoever owns an object starts and stops it from one thread, one call after the other;
        those calls still overlap the object's own threads, tasks and other public methods
        (tests/corpus/il101_lifecycle_calls_of_the_owner)."""
        if not self.concurrent(a.context, b.context):
            return False
        return not (self._lifecycle_entry(a) and self._lifecycle_entry(b))

    def _lifecycle_entry(self, r: Reach) -> bool:
        """`r` runs in an outside call of a lifecycle method (`start`, `stop`...): a public entry,
        or a job that only runs one and that every spawner waits for (`await
        asyncio.to_thread(bridge.stop)`): the owner's call, moved to a worker thread
        (tests/corpus/il402_reader_stopped_through_to_thread)."""
        if r.context.kind is not ContextKind.PUBLIC and r.context.name not in self._awaited_lifecycle_jobs:
            return False
        first = r.chain[0] if r.chain else r.event
        return any(path == first.loc.path and start <= first.loc.line <= end
                   for path, start, end in self._lifecycle_spans(r.context))

    def _lifecycle_spans(self, ctx: Context) -> tuple[tuple[str, int, int], ...]:
        """The spans of the context's entries that are lifecycle methods or steps (once per context)."""
        hit = self._spans_memo.get(ctx.name)
        if hit is None or hit[0] is not ctx:
            spans = []
            for q in ctx.entries:
                fn = self.model.functions.get(q)
                if fn is not None and (is_lifecycle(fn) or q in self._lifecycle_steps):
                    spans.append((fn.path, fn.loc.line, fn.loc.end_line or fn.loc.line))
            hit = self._spans_memo[ctx.name] = (ctx, tuple(spans))
        return hit[1]

    @cached_property
    def _spans_memo(self) -> dict[str, tuple[Context, tuple]]:
        return {}

    @cached_property
    def _lifecycle_steps(self) -> frozenset[str]:
        """Public methods that only lifecycle calls make, directly or through other such steps
        (`run` -> `self.set_accept_enabled(...)`, `init_process` -> `self.load_wsgi()`, the select
        loop of `run` -> a helper object's `run_callbacks`): a step of the owner's call, made on
        its thread, not an entry other threads use at the same time. A method that any other code
        in scope calls (or that nothing calls) stays an entry (tests/corpus/il103_lifecycle_steps)."""
        callers: dict[str, set[str]] = {}
        for fn in self.model.functions.values():
            for e in fn.events():
                callee = self.model.functions.get(e.resolved or "") if e.kind is EventKind.CALL else None
                if callee is not None and callee.cls and not callee.name.startswith("_") and callee is not fn:
                    callers.setdefault(callee.qualname, set()).add(fn.qualname)
        steps: set[str] = set()
        changed = True
        while changed:
            changed = False
            for q, who in callers.items():
                if q not in steps and all(c in steps or is_lifecycle(self.model.functions[c]) for c in who):
                    steps.add(q)
                    changed = True
        return frozenset(steps)

    @cached_property
    def _awaited_lifecycle_jobs(self) -> frozenset[str]:
        """Executor contexts whose entries are lifecycle methods and whose every spawn is awaited
        to its end (`await asyncio.to_thread(x.stop)`, `await loop.run_in_executor(None, x.close)`)
        by code that runs once, as the owner's: a startup/shutdown hook that no context reaches, or
        the lifespan or main coroutine. A request handler closing an object is not the owner: two
        requests may close it at once (tests/corpus/il103_awaited_jobs_on_own_object)."""
        owned: dict[str, bool] = {}           # job entry -> every spawn of it is the owner's, awaited
        for fn in self.model.functions.values():
            once = all(r.context.kind in (ContextKind.LIFESPAN, ContextKind.MAIN) for r in self.reaches_in(fn.qualname))
            for e in fn.events():
                if e.kind is EventKind.SPAWN and e.spawn is not None and e.spawn.resolved:
                    q = e.spawn.resolved
                    owned[q] = owned.get(q, True) and once and e.awaited and e.spawn.kind is ContextKind.EXECUTOR
        out = set()
        for c in self.model.contexts:
            fns = [self.model.functions.get(q) for q in c.entries]
            if c.kind is ContextKind.EXECUTOR and fns and all(owned.get(q, False) for q in c.entries) \
                    and all(fn is not None and fn.cls and is_lifecycle(fn) for fn in fns):
                out.add(c.name)
        return frozenset(out)

    def lock_symbol(self, cls: str | None, fn: FunctionInfo | None, path: str) -> str | None:
        return lock_symbol(self.model, cls if cls else (fn.cls if fn else None), path, fn)

    def lock_kind(self, symbol: str) -> AttrKind | None:
        owner, attr = (self.model.resolve(None, symbol) if LOCALS in symbol else None) or split_symbol(symbol)
        info = self.model.attribute(owner, attr)
        if info is not None and info.kind is AttrKind.CONDITION and info.lock_of == "<Lock>":
            return AttrKind.LOCK              # Condition(threading.Lock()): not re-entrant
        if info is not None and info.kind is AttrKind.CONTAINER and (owner, attr) in self._async_lock_tables:
            return AttrKind.ASYNC_LOCK        # `async with self._locks[key]:` a lock per key
        return info.kind if info else None

    def counts_permits(self, symbol: str) -> bool:
        """A semaphore made with more than one permit (`BoundedSemaphore(size)`, `Semaphore(4)`,
        `asyncio.Semaphore(5)`): several holders at once, so no mutual exclusion; `Semaphore()`,
        `Semaphore(1)` are a mutex and `Semaphore(0)` a signal
        (tests/corpus/il403_counting_async_semaphore_across_gather), also through a module
        constant bound once, `Semaphore(MAX_WRITERS)` with `MAX_WRITERS = 1`
        (tests/corpus/il103_semaphore_permits_from_module_constant)."""
        memo = self.__dict__.setdefault("_permits", {})
        if symbol not in memo:
            memo[symbol] = self.lock_kind(symbol) in (AttrKind.SEMAPHORE, AttrKind.ASYNC_SEMAPHORE) \
                and _many_permits(self._attribute_of(symbol), self._module_int(symbol))
        return memo[symbol]

    def _module_int(self, symbol: str):
        """A resolver of names to the int literal a module global (of the module `symbol` is
        declared in, or imported into it from another module) is bound to once."""
        owner, _ = (self.model.resolve(None, symbol) if LOCALS in symbol else None) or split_symbol(symbol)
        cls = self.model.classes.get(owner)
        module = cls.module if cls is not None else owner

        def value(name: str, mod: str = module, depth: int = 0) -> int | None:
            info = self.model.modules.get(mod)
            if info is None or depth > 2:
                return None
            glob = info.globals.get(name)
            if glob is not None:
                text = (glob.value or "").strip()
                return int(text) if len(glob.writes) == 1 and text.isdigit() else None
            target = info.imports.get(name)
            if target and "." in target:
                src, _, nm = target.rpartition(".")
                return value(nm, src, depth + 1)
            return None
        return value

    def _attribute_of(self, symbol: str):
        owner, attr = (self.model.resolve(None, symbol) if LOCALS in symbol else None) or split_symbol(symbol)
        return self.model.attribute(owner, attr)

    @cached_property
    def _async_lock_tables(self) -> frozenset[tuple[str, str]]:
        """Containers of asyncio locks: what `async with self._locks[key]:` (or a local taken from
        it, `async with lock:`) acquires (tests/corpus/il201_cache_fill_per_key_lock)."""
        out = set()
        for fn in self.model.functions.values():
            if not fn.is_async:
                continue
            for ev in fn.events():
                if ev.kind is EventKind.ACQUIRE and ev.op == "async with" and ev.target:
                    resolved = self.model.resolve(fn.cls, ev.target)
                    if resolved is not None:
                        out.add(resolved)
        return frozenset(out)

    def access_of(self, r: Reach) -> Access | None:
        """The access `r`'s event makes of shared state; None when it touches no shared state."""
        return self._access(r) if r.event.kind in ACCESS_KINDS and r.event.target else None

    def _access(self, r: Reach) -> Access | None:
        target = r.event.target or ""
        element = False
        if "." not in target:
            # locals are confined to the call; a parameter used as a container names what the
            # caller passed, which may be shared
            through = self._through_param(r, target)
            resolved = self.model.resolve(*through) if through is not None else None
        else:
            resolved = self.model.resolve(r.cls, target)
            element = resolved is None          # a field of an object a local or parameter names
            resolved = resolved or self._object_field(r, target) or self._shared_typed(r, target) \
                or self._handed_local(r, target)
        if resolved is None:
            return None
        owner, attr = resolved
        # a cell, or a field of the object a cell holds (`report.n` of a captured `report = Report()`)
        defining = cell_owner(owner, attr) or (target.rsplit(LOCALS, 1)[0] if LOCALS in target else None)
        if defining is not None and private_cell(self.model, r, defining, self.__dict__.setdefault("_cells", {})):
            return None                       # a closure cell of this run only: a local
        info = self.model.attribute(owner, attr)
        if info is None or ((info.kind in THREAD_SAFE_KINDS or info.kind in LOCK_KINDS) and not _made_lazily(info)):
            return None
        if r.context.kind is ContextKind.PROCESS and not (info.type_name or "").startswith("multiprocessing."):
            return None                       # a child process changes its own copy (il103_child_process_has_its_own_copy)
        if (info.init_only and (owner, attr) not in self._changed_after_init) or info.is_property:
            return None
        if (owner, attr) in self._running_loop_fields:
            return None
        if info.init_only and r.event.kind is EventKind.READ and r.event.op == "ref" and info.kind is not AttrKind.ARRAY:
            # the reference of a field never rebound (`buf = self._buf`); an array's is a view of
            # its samples, which in-place writes change (IL602, il602_whole_array_taken_under_lock_used_after)
            return None
        if r.event.kind is EventKind.MUTATE and r.event.op == "next" and not self._generator(owner, info):
            return None                       # a C iterator's step is atomic (`next(self._ids)` of a count())
        cls_info = self.model.classes.get(owner)
        if cls_info is not None and cls_info.is_frozen:
            return None
        if self._in_construction(r, owner) and not self._on_class(target, owner):
            return None
        if on_fresh_local(self.model, r, self._alone):
            return None                       # an object its builder has not handed out yet
        reach = self._excluding(r) if element else self._per_key(self._excluding(r))
        return Access(reach, owner, attr, short_symbol(owner, attr), r.event.kind)

    def _alone(self, cls: str) -> bool:
        return cls not in self._reached_otherwise

    def per_run(self, cls: str) -> bool:
        """Every object of `cls` is reached only by the run of the function that built it in a
        local and works on it itself (checker/fresh.py): no two contexts, nor two runs of one,
        share one. A class no code builds or reaches is not one."""
        return cls in self.model.classes and cls not in self._reached_otherwise \
            and cls in self._built_in_locals

    @cached_property
    def _built_in_locals(self) -> frozenset[str]:
        """Classes some function builds into a local (`x = Cls(...)`)."""
        return frozenset(c for fn in self.model.functions.values() for c in fn.built.values())

    @cached_property
    def _reached_otherwise(self) -> frozenset[str]:
        """Classes whose objects some code reaches other than through a local its builder made
        (checker/fresh.py): a field of `self` on a chain that starts on no such local (a thread or
        public method of the class, a call on a field or parameter holding one), or a field of an
        object that another field, a parameter or a local names (`self.pipe.commands`,
        `job.status`): that field's class and the classes below it."""
        out: set[str] = set()
        for r in self.reaches:
            ev = r.event
            if ev.kind not in ACCESS_KINDS or not ev.target or "." not in ev.target:
                continue
            head, _, rest = ev.target.partition(".")
            if head in ("self", "cls") and "." not in rest:
                if r.cls is not None and r.cls not in out and not self._in_construction(r, r.cls) \
                        and builder_local(self.model, r) is None and not self._borrower(r):
                    out.add(r.cls)
                continue
            resolved = self.model.resolve(r.cls, ev.target) or typed_path(self.model, r.function, ev.target) \
                or self._object_field(r, ev.target)
            if resolved is not None and resolved[0] in self.model.classes and resolved[0] not in out:
                out.add(resolved[0])
                out.update(q for q, c in self.model.classes.items() if resolved[0] in c.ancestors)
        return frozenset(out)

    def _borrower(self, r: Reach) -> bool:
        """`r` is in the public context of a class a pool lends (models/pooling.py): that outside
        caller is the one borrower that has the object checked out."""
        return r.context.kind is ContextKind.PUBLIC and self.public_owners.get(r.context.name) == r.cls \
            and r.cls in lent_classes(self.model)

    def _per_key(self, r: Reach) -> Reach:
        """`r` without the locks of lock tables when it reaches no one element of a container: a
        lock per key guards the elements of its key, not what every key shares (checker/keyed.py).
        Not called for a field of an object a local names (`entry.hits += 1` after `entry =
        self._entries[key]`): that is a part of the key's element, and keeps them."""
        tables = frozenset(lk for lk in r.locks if self.is_lock_table(lk))
        if not tables:
            return r
        index = element_of(self.root, r.event)
        loose = tables if index is None else frozenset(lk for lk in tables if not self._same_key(r, lk, index))
        return replace(r, locks=r.locks - loose) if loose else r

    def _same_key(self, r: Reach, table: str, index: str) -> bool:
        """The element at `index` is one the lock of `table` held at `r` was taken for: its function
        takes it with that index (`with self._locks[k]:` ... `self._data[k]`), or with one it does not
        name (a helper's, the caller's), which is taken to be the element's."""
        memo = self.__dict__.setdefault("_table_keys", {})
        key = (r.function.qualname, r.cls)
        if key not in memo:
            memo[key] = table_keys(r.function, lambda path: self.lock_symbol(r.cls, r.function, path))
        held = {self.lock_symbol(r.cls, r.function, p) for p in r.event.held}
        taken = memo[key].get(table)
        return table not in held or taken is None or same_index(r.function, index, taken)

    def section_locks(self, r: Reach, paths: Iterable[str]) -> frozenset[str]:
        """The locks that guard `r`'s test of `paths` (a branch condition, or the local it tests):
        `r.locks`, without the locks of lock tables unless a read of the test reaches one element
        of a container (`if k in self._d:`, not `if len(self._d) < cap:` nor `if used < cap:` after
        `used = self.total`)."""
        tables = frozenset(lk for lk in r.locks if self.is_lock_table(lk))
        if not tables:
            return r.locks
        ev, wanted = r.event, set(paths)
        reads = [e for e in r.function.events() if e.kind is EventKind.READ and e.target in wanted
                 and ev.loc.line <= e.loc.line <= (ev.loc.end_line or ev.loc.line)]
        return r.locks if any(element_of(self.root, e) is not None for e in reads) else r.locks - tables

    @cached_property
    def _held_symbols(self) -> frozenset[str]:
        return frozenset(lk for r in self.reaches for lk in r.locks)

    def holds_locks(self, owner: str, attr: str) -> bool:
        """The container field `owner.attr` is a lock table some context takes a lock of."""
        symbol = _declared(self.model, owner, attr)
        return symbol in self._held_symbols and self.is_lock_table(symbol)

    def is_lock_table(self, symbol: str) -> bool:
        """A lock symbol naming a container of locks (`self._locks[key]` holds `Cls._locks`)."""
        memo = self.__dict__.setdefault("_lock_tables", {})
        if symbol not in memo:
            info = self._attribute_of(symbol) if not symbol.startswith("?") else None
            memo[symbol] = info is not None and info.kind is AttrKind.CONTAINER
        return memo[symbol]

    def _excluding(self, r: Reach) -> Reach:
        """`r` holding only the locks that exclude each other's holders: a permit of a counting
        semaphore guards no state (tests/corpus/il201_counting_semaphore_guards_no_state)."""
        counting = frozenset(lk for lk in r.locks if self.counts_permits(lk))
        return replace(r, locks=r.locks - counting) if counting else r

    def _generator(self, owner: str, info) -> bool:
        """The field holds a generator: a generator expression, or what a call of a generator
        function of the program returns (`numbers()`, `self._produce()`, `feeds.ticks()`)."""
        value = (info.value or "").strip()
        if value.startswith("(") and " for " in value:
            return True
        callee = value.partition("(")[0]
        if not callee or not value.endswith(")"):
            return False
        cls = self.model.classes.get(owner)
        module = cls.module if cls is not None else owner
        head, _, rest = callee.partition(".")
        names = [f"{owner}.{rest}"] if head in ("self", "cls") and rest else [f"{module}.{callee}", callee]
        fn = next((self.model.functions[q] for q in names if q in self.model.functions), None)
        if fn is None and "." not in callee:
            fn = self.model.find_function(callee)
        return fn is not None and fn.is_generator

    def _object_field(self, r: Reach, target: str) -> tuple[str, str] | None:
        """`job.status` where `job` names a shared object (`shared_object`): that class's field."""
        head, _, rest = target.partition(".")
        if not rest or "." in rest or head in ("self", "cls"):
            return None
        cls = self.shared_object(r, head)
        return self.model.resolve(cls, f"self.{rest}") if cls is not None else None

    def shared_object(self, r: Reach, name: str, depth: int = 0) -> str | None:
        """The class of the object the local `name` of `r`'s function names, when it is an element
        of a container field (models/objects.py), directly or handed down the call chain as an
        argument for a parameter of a class (`self._claim(job)` in the loop over the jobs). A
        parameter at the context's entry, or one whose caller built its object, is no element:
        the object may be the caller's own (tests/corpus/il503_claim_element_looked_up_by_key)."""
        fn = r.function
        memo = self.__dict__.setdefault("_element_locals", {})
        key = (fn.qualname, r.cls)
        if key not in memo:
            memo[key] = element_locals(self.model, fn, r.cls)
        if name in memo[key]:
            return memo[key][name]
        if not r.chain or depth > MAX_DEPTH or param_class(self.model, fn, name) is None:
            return None
        caller, arg = self.caller_reach(r), argument(r.chain[-1], fn, name)
        if caller is None or arg is None or not arg.isidentifier():
            return None
        return self.shared_object(caller, arg, depth + 1)

    def _through_param(self, r: Reach, name: str, depth: int = 0) -> tuple[str | None, str] | None:
        """`stats[k] = v` / `stats.append(x)` in a function whose parameter `stats` is never rebound
        (extractor: `param_container`): the argument this chain's call passes for it, as
        (class, path) in the caller, when it names shared state there: a field of the caller's
        object (`self._stats`), a module global (`STATS`), a local alias of either
        (`stats = STATS`), or again a parameter, followed up the chain. None at the context's
        entry (who calls it with what is unknown) or for the caller's own object."""
        fn = r.function
        if name not in fn.params or not r.chain or depth > MAX_DEPTH or (depth == 0 and r.event.kind is EventKind.WRITE):
            return None
        if any(e.kind is EventKind.WRITE and e.target == name for e in fn.events()):
            return None                       # rebound: not (only) what the caller passed
        caller, arg = self.caller_reach(r), argument(r.chain[-1], fn, name)
        if caller is None or arg is None:
            return None
        cfn, head = caller.function, arg.partition(".")[0]
        if head in ("self", "cls") and "." in arg and caller.cls is not None:
            return caller.cls, arg
        if not arg.isidentifier():
            return None
        glob = f"{cfn.module}.{arg}"
        if any(e.kind is EventKind.READ and e.target == glob for e in cfn.events()):
            return caller.cls, glob
        writes = [e for e in cfn.events() if e.kind is EventKind.WRITE and e.target == arg]
        sources = {p for e in writes for p in e.reads if "." in p}
        if len(writes) == 1 and len(sources) == 1:
            src, value = sources.pop(), (writes[0].value or "").strip()
            if r.event.kind is EventKind.READ and value != src and not src.endswith("." + value):
                # `entry = self._memo.get(k)`, then `_fresh(entry)`: an element taken out, not
                # the container; reading it reads no slot of the container, which a store of
                # a new element replaces (tests/corpus/il102_memo_entry_checked_in_helper)
                return None
            return caller.cls, src
        return self._through_param(caller, arg, depth + 1) if arg in cfn.params else None

    def caller_reach(self, reach: Reach) -> Reach | None:
        """The reach of the call `reach.chain[-1]` in the same walk of its caller."""
        memo = self.__dict__.get("_call_reaches")
        if memo is None:
            memo = self.__dict__["_call_reaches"] = {}
            for r in self.reaches:
                if r.event.kind is EventKind.CALL:
                    memo.setdefault(id(r.event), []).append(r)
        call, outer = reach.chain[-1], tuple(map(id, reach.chain[:-1]))
        return next((r for r in memo.get(id(call), ()) if r.context.name == reach.context.name
                     and tuple(map(id, r.chain)) == outer), None)

    def _shared_typed(self, r: Reach, target: str) -> tuple[str, str] | None:
        """`target.hp` through a parameter or local typed with a class in scope, when the object
        it names is shared by concurrent runs (checker/shared_args.py)."""
        if not typed_receiver(r.function, target):
            return None
        resolved = typed_path(self.model, r.function, target)
        return resolved if resolved is not None and self._shared_args.shared(r, target.partition(".")[0]) else None

    def _handed_local(self, r: Reach, target: str) -> tuple[str, str] | None:
        """`d.done = 0` on an object the function built (`d = Downloader()`) after it started a
        run that holds it too (`Thread(target=d.run)`, `Thread(target=work, args=(d,))`): both
        go on using the one object (checker/shared_args.py `handed_before`)."""
        head, _, rest = target.partition(".")
        cls = r.function.built.get(head)
        if not rest or "." in rest or cls is None or not self._shared_args.handed_before(r.function, head, r.event):
            return None
        for q in (cls, f"{r.function.module}.{cls}"):
            if q in self.model.classes:
                return self.model.resolve(q, f"self.{rest}")
        return None

    @cached_property
    def _shared_args(self):
        from interlock.checker.shared_args import SharedArgs     # local: it reads Reach from here
        return SharedArgs(self.model)

    @cached_property
    def _changed_after_init(self) -> set[tuple[str, str]]:
        """`init_only` attributes (bound only in a constructor) whose object still changes later:
        containers/arrays mutated in place (directly or through a local alias of them), and fields
        written through another object (`self.ctl.x = v`), which the per-class `init_only` misses."""
        out: set[tuple[str, str]] = set()
        for r in self.reaches:
            ev, target = r.event, r.event.target or ""
            through = ev.kind is EventKind.WRITE and (target.count(".") >= 2 or typed_receiver(r.function, target) or (
                not target.startswith(("self.", "cls.")) and target.count(".") == 1))
            if ev.kind is EventKind.MUTATE or through:
                paths = (target,) if "." in target else self._alias_sources(r.function, target)
                through = self._through_param(r, target) if "." not in target else None
                if through is not None and (resolved := self.model.resolve(*through)) is not None:
                    out.add(resolved)
                for path in paths:
                    resolved = (self.model.resolve(r.cls, path) or self._object_field(r, path)
                                or typed_path(self.model, r.function, path) or self._handed_local(r, path))
                    if resolved is not None and (not self._in_construction(r, resolved[0])
                                                 or self._on_class(path, resolved[0]) or self._class_level(resolved)):
                        # a constructor changing the class's own container (`Conn.instances.append(self)`)
                        # changes the one object every instance shares (il202_class_registry_of_instances)
                        out.add(resolved)
        return out

    def _class_level(self, key: tuple[str, str]) -> bool:
        """An object bound only in the class body (`instances = []`): every instance reaches it."""
        info = self.model.attribute(*key)
        return info is not None and info.on_class

    @staticmethod
    def _alias_sources(fn: FunctionInfo, local: str) -> tuple[str, ...]:
        return tuple(p for e in fn.events() if e.kind is EventKind.WRITE and e.target == local for p in e.reads)

    @staticmethod
    def _on_class(target: str, owner: str) -> bool:
        """`cls.x`, `type(self).x`, `Job.x`: the class object's attribute, which every instance
        shares, so building one instance does not own it (tests/corpus/il103_class_attribute_counter)."""
        return target.startswith("cls.") or target.rpartition(".")[0] == owner

    @cached_property
    def _running_loop_fields(self) -> frozenset[tuple[str, str]]:
        """Fields that code on the event loop only ever sets to the loop it runs on (`self._loop =
        asyncio.get_running_loop()` in a coroutine; None or the same in a constructor): every run
        stores the same object, so a thread reading the field sees that loop whichever run stored
        it last (tests/corpus/il202_scan_progress_loop_stored_per_request)."""
        loop, other = set(), set()
        for r in self.reaches:
            ev = r.event
            if ev.kind is not EventKind.WRITE or not (ev.target or "").startswith("self."):
                continue
            resolved = self.model.resolve(r.cls, ev.target)
            if resolved is None:
                continue
            value = (ev.value or "").strip()
            if (r.function.is_async and RUNNING_LOOP.fullmatch(value)) or self._loop_passed(r.function, value):
                loop.add(resolved)
            elif not (self._in_construction(r, resolved[0]) and value in ("None", "asyncio.get_running_loop()")):
                other.add(resolved)
        return frozenset(loop - other)

    def _loop_passed(self, fn: FunctionInfo, param: str) -> bool:
        """`param` is a parameter of `fn` that every call of `fn` in scope (one at least) fills
        from a coroutine with the loop it runs on (`scanner.start(asyncio.get_running_loop())`):
        the field it is stored in holds that loop whoever stores it (tests/corpus/
        il101_running_loop_passed_to_start). An open-world caller off the loop keeps it open."""
        if param not in fn.params or param in ("self", "cls") or any(
                c.kind is ContextKind.PUBLIC and not c.on_loop and fn.qualname in c.entries for c in self.model.contexts):
            return False              # an open-world caller on any thread may pass any loop
        calls = self._calls_of.get(fn.qualname, ())
        return bool(calls) and all(caller.is_async and RUNNING_LOOP.fullmatch((argument(ev, fn, param) or "").strip())
                                   for caller, ev in calls)

    @cached_property
    def _calls_of(self) -> dict[str, list[tuple[FunctionInfo, Event]]]:
        """Function -> its calls in scope (the calling function and the call event); a function
        also started, registered or called at import time gets a caller that is no coroutine."""
        out: dict[str, list] = {}
        for fn in self.model.functions.values():
            for e in fn.events():
                if e.kind is EventKind.CALL and e.resolved:
                    out.setdefault(e.resolved, []).append((fn, e))
                elif e.kind is EventKind.SPAWN and e.spawn is not None and e.spawn.resolved:
                    out.setdefault(e.spawn.resolved, []).append((_NOT_A_COROUTINE, e))
        for info in self.model.modules.values():
            for e in iter_events(info.body):
                if e.kind is EventKind.CALL and e.resolved:
                    out.setdefault(e.resolved, []).append((_NOT_A_COROUTINE, e))
                elif e.kind is EventKind.SPAWN and e.spawn is not None and e.spawn.resolved:
                    out.setdefault(e.spawn.resolved, []).append((_NOT_A_COROUTINE, e))
        return out

    def _in_construction(self, r: Reach, owner: str) -> bool:
        """Inside `owner`'s own constructor (directly or via helpers): not yet published."""
        if r.function.name in CONSTRUCTORS and r.cls == owner:
            return True
        for call in r.chain:
            if call.resolved and call.resolved.rsplit(".", 1)[-1] in CONSTRUCTORS:
                ctor_cls = call.resolved.rsplit(".", 1)[0]
                if ctor_cls == owner or owner in (self.model.classes.get(ctor_cls) or _NO).ancestors:
                    return True
        return False


class _NotACoroutine:
    is_async = False


#: the caller of a function started, registered or called at import time: no coroutine
_NOT_A_COROUTINE = _NotACoroutine()

#: the loop the calling coroutine runs on
RUNNING_LOOP = re.compile(r"(asyncio\.)?(get_running_loop|get_event_loop)\(\)")


def argument(call: Event, fn: FunctionInfo, param: str) -> str | None:
    """The source of the argument a call of `fn` passes for `param` (a method's `self`/`cls` is
    bound, not passed)."""
    keyword = next((x for x in call.args if x.startswith(f"{param}=")), None)
    if keyword is not None:
        return keyword.partition("=")[2]
    positional = [x for x in call.args if not re.match(r"\*|\w+=", x)]
    i = fn.params.index(param) - (1 if fn.cls and not fn.is_static else 0)
    return positional[i] if 0 <= i < len(positional) else None


def _made_lazily(info) -> bool:
    """A thread-safe primitive (executor, queue, lock) its owner creates later than construction
    (`if self._pool is None: self._pool = ThreadPoolExecutor()`): using the object is safe,
    creating or replacing it is not (two threads may each make one; rt8 il201_lazy_executor_property)."""
    return not info.init_only and not info.is_class_attr


def lock_symbol(model: ProgramModel, cls: str | None, path: str, fn: FunctionInfo | None = None) -> str | None:
    """An access path naming a lock, in a method of `cls`, as a lock symbol (Conditions → their lock).
    In `fn`, a path through a parameter annotated with a class in scope (`other: Account`) or a
    local naming such objects in a computed order (`first, second = sorted((self, other))`) is
    that class's lock: locks are named by class, whatever the instance."""
    resolved = model.resolve(cls, path)
    if resolved is None and fn is not None:
        resolved = typed_path(model, fn, path)
    if resolved is None:
        return None
    owner, attr = model.same_lock(*resolved)
    info = model.attribute(owner, attr)
    if info is not None and info.kind in (AttrKind.CONDITION, AttrKind.ASYNC_CONDITION) and info.lock_of:
        inner = model.resolve(owner if owner in model.classes else None, info.lock_of)
        if inner is not None:
            return _declared(model, *inner)
    return _declared(model, owner, attr)


def typed_path(model: ProgramModel, fn: FunctionInfo, path: str) -> tuple[str, str] | None:
    head, _, rest = path.partition(".")
    type_name = fn.ordered.get(head) or fn.fetched.get(head) or (fn.param_types.get(head) if head in fn.params else None)
    if not rest or not type_name or head in ("self", "cls"):
        return None
    for q in (type_name, f"{fn.module}.{type_name}"):
        if q in model.classes:
            return model.resolve(q, f"self.{rest}")
    return None


def typed_receiver(fn: FunctionInfo, path: str) -> bool:
    """`path` starts at a parameter or ordered local of `fn` that names an object of a class."""
    head = path.partition(".")[0]
    return head in fn.ordered or head in fn.fetched or (head in fn.params and head in fn.param_types)


def _declared(model: ProgramModel, owner: str, attr: str) -> str:
    """A lock by the class that declares it: `AutoFlushSink(Sink)`'s thread and `Sink`'s public
    methods take one `Sink._lock` (tests/corpus/il202_base_lock_subclass_thread). Objects of two
    sibling classes are told apart by the accesses (`same_object`), not by the lock's name."""
    return f"{declaring_class(model, owner, attr)}.{attr}" if owner in model.classes else f"{owner}.{attr}"


def declaring_class(model: ProgramModel, owner: str, attr: str) -> str:
    """The topmost in-scope class of `owner`'s MRO that has `attr`: every subclass that writes
    `self.stream` still shares `StreamHandler`'s declaration (one line of code, one finding)."""
    info = model.classes.get(owner)
    for anc in reversed(info.ancestors if info is not None else ()):
        base = model.classes.get(anc)
        if base is not None and not base.is_mixin and attr in base.attributes:
            return anc               # a mixin's `self.x` belongs to the class mixing it in
    return owner


def declared_symbol(model: ProgramModel, symbol: str) -> str:
    """`pkg.RotatingFileHandler.lock` -> `pkg.Handler.lock`, the declaring class's name for it."""
    owner, _, attr = symbol.rpartition(".")
    return f"{declaring_class(model, owner, attr)}.{attr}" if owner in model.classes else symbol


_CONCRETE: dict[int, tuple[ProgramModel, dict[str, list[str | None]]]] = {}     # last model only


def concrete_classes(model: ProgramModel, fn: FunctionInfo) -> list[str | None]:
    """Classes whose instances run `fn` as `self`: its class, or the leaf classes mixing it in."""
    if not fn.cls:
        return [None]
    hit = _CONCRETE.get(id(model))
    if hit is None or hit[0] is not model:
        _CONCRETE.clear()
        hit = _CONCRETE[id(model)] = (model, {})
    out = hit[1].get(fn.qualname)
    if out is None:
        out = hit[1][fn.qualname] = _concrete_classes(model, fn)
    return list(out)


def _concrete_classes(model: ProgramModel, fn: FunctionInfo) -> list[str | None]:
    users = [c.qualname for c in model.classes.values()
             if fn.cls in c.ancestors and c.methods.get(fn.name) == fn.qualname]
    leaves = [q for q in users if not any(q in o.ancestors and o.qualname != q for o in model.classes.values())]
    if fn.cls in leaves or not leaves:
        return [fn.cls]
    return sorted(leaves)


def _many_permits(info, constant=None) -> bool:
    """The semaphore `info` describes is made with a permit count other than 0 or 1 (a name
    `constant` resolves to its module's int literal)."""
    node = parse_expr(info.value) if info is not None else None
    if not isinstance(node, ast.Call):
        return False
    permits = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "value"), None)
    if isinstance(permits, ast.Name) and constant is not None and constant(permits.id) in (0, 1):
        return False
    return permits is not None and not (isinstance(permits, ast.Constant) and permits.value in (0, 1))


#: events of a main thread's own set-up that overlap nothing (Context.alone)
_ALONE_KINDS = frozenset({EventKind.READ, EventKind.WRITE, EventKind.MUTATE, EventKind.ITERATE, EventKind.CALL})


#: (class, lock paths, function) -> lock symbols, for the last model only
_LOCK_SETS: dict[int, tuple[ProgramModel, dict[tuple, frozenset[str]]]] = {}


class _Walker:
    """Depth-first walk of one context, memoised on (function, class, locks)."""

    def __init__(self, model: ProgramModel, context: Context, out: list[Reach] | None, deferrals: Deferrals | None = None,
                 regions: dict[str, str] | None = None):
        self.model, self.context, self.out = model, context, out
        self.deferrals = deferrals               # None: no deferral scope in the model
        self.regions = regions or {}             # region function -> its pseudo-lock (checker/regions.py)
        self.seen: set[tuple] = set()
        self.alone = frozenset(context.alone) if context is not None else frozenset()   # a main thread's own events that run alone
        self.pooled = bool(pool_checkouts(model))   # the program has check-outs (models/pooling.py)

    def _borrows(self, fn: FunctionInfo, ev: Event, callee: FunctionInfo, borrow, lent) -> tuple:
        """The borrow of the callee's `self` and its check-in parameters' at the call `ev` in `fn`."""
        recv = (ev.callee or "").rpartition(".")[0]
        mine = dict(lent)
        if recv in ("self", "cls"):
            tag = borrow
        elif recv in fn.built and not fresh_handed_out(self.model, fn, recv, ev):
            # a holder this run built: what it checks out is the run's, when no one else can reach
            # the holder (checked where two accesses meet: ConcurrencyIndex._borrowed_apart)
            tag = (*_FRESH, fn.built[recv], "own" if own_fresh_local(self.model, fn, recv, ev) else "")
        else:
            tag = self._borrow_of(fn, recv, mine, borrow)
        ins = checked_in(self.model, callee.qualname)
        if not ins:
            return tag, ()
        args = bind_arguments(callee, ev.args) or {}
        given = ((p, self._borrow_of(fn, (args.get(p) or "").strip(), mine, borrow)) for p in sorted(ins))
        return tag, tuple((p, t) for p, t in given if t is not None)

    def _borrow_of(self, fn: FunctionInfo, text: str, lent: dict, borrow) -> tuple[str, ...] | None:
        """Who has the object `text` names in `fn` checked out: a local bound to a check-out (or a
        check-out's own local) is this run's, a check-in's parameter its caller's, a holder's field
        the holder's (models/pooling.py), or this run's when the holder (`self`, its `borrow`) is."""
        if text.isidentifier():
            if text in lent:
                return lent[text]
            if checks_out_local(self.model, fn, text):
                return _RUN
            # `conn = self.connection` then `self.pool.release(conn)`: the local names what the
            # holder's field holds, so it is that field's borrower's
            bound = {(ev.value or "").strip() for ev in fn.events() if ev.kind is EventKind.WRITE and ev.target == text}
            field = next(iter(bound)) if len(bound) == 1 and text not in fn.params else ""
            if field.startswith("self.") and field.count(".") == 1 and field[5:].isidentifier():
                return self._borrow_of(fn, field, lent, borrow)
            return None
        if text.startswith("self.") and text.count(".") == 1 and fn.cls:
            field = self.model.resolve(fn.cls, text)
            if field is not None and holds_check_out(self.model, *field):
                if borrow == _RUN or borrow is not None and borrow[0] == _FRESH[0] and borrow[2]:
                    return _RUN
                if borrow is not None and borrow[0] == _FRESH[0]:
                    return ("held", *field, borrow[1])     # one holder per run, if no one else reaches its class
                return ("field", *field)
        return None

    def walk(self, fn: FunctionInfo, cls: str | None, held: frozenset[str], chain: tuple[Event, ...],
             given_in: frozenset[str] = frozenset(), borrow: tuple[str, ...] | None = None, lent: tuple = ()) -> None:
        """`given_in`: locks held only as handed over (checker/handover.py); `borrow`: who has `self`
        checked out of a pool (Reach.borrow); `lent`: (parameter, its borrow) for the parameters of
        a check-in that its caller gives back (models/pooling.py)."""
        scopes = active_scopes(self.model, chain) if self.deferrals is not None else frozenset()
        inside = held_regions(self.regions, [q for ev in chain for q in ev.scopes]) if self.regions else frozenset()
        # entered from outside: a lock the function releases without taking it is held until
        # then; a thread started with such a lock takes it from its spawner (checker/handover.py)
        pending = release_held(self.model, fn, cls, self._symbol) if not chain else {}
        key = (fn.qualname, cls, held, scopes, inside, bool(pending), given_in, borrow, lent)
        if key in self.seen or len(chain) > MAX_DEPTH:
            return
        self.seen.add(key)
        awaits = 0
        helper: frozenset[str] = frozenset()     # held through an `acquire()`-style helper call
        skipped = self.deferrals.skipped(fn, cls, scopes) if scopes else frozenset()
        handed = handed_to_runner(self.model.functions, fn)     # run by a `main:` context instead
        out = self.out                           # None: only the calls matter (hooks.py's edge walk)
        before = frozenset(pending.values())
        given: frozenset[str] = frozenset()
        for ev in fn.events():
            if before and id(ev) in pending:
                before = before - {pending[id(ev)]}
            if ev.free and held & self._locks(cls, ev.free, fn):
                continue          # only reached when `lock.acquire(False)` succeeded: not with it held
            if id(ev) in skipped:                # held back by a deferral scope (checker/deferral.py)
                continue
            if self.alone and not chain and ev.kind in _ALONE_KINDS and (ev.loc.line, ev.loc.column) in self.alone:
                continue          # the main thread's set-up, before it starts anything (extractor/setup_phase.py)
            call = ev.kind is EventKind.CALL and ev.resolved and id(ev) not in handed
            if out is None and not call:
                continue
            locks = held | helper | self._locks(cls, ev.held, fn) if ev.held else held | helper
            over = given_in
            if before:
                locks = locks | before
                over = over | before
            if given:
                locks = locks - given
            if over and ev.held:
                over = over - self._locks(cls, ev.held, fn)
            if ev.kind is EventKind.SPAWN:
                given = given | given_at_start(self.model, ev, self._symbol)
            if out is not None:
                regions = inside | held_regions(self.regions, ev.scopes) if self.regions and ev.scopes else inside
                out.append(Reach(self.context, fn, cls, ev, locks, chain, awaits, regions, over & locks, borrow))
                if ev.kind is EventKind.AWAIT:
                    awaits += 1
            if call:
                callee = self.model.functions.get(ev.resolved)
                if callee is not None:
                    callee, target_cls = self._dispatch(cls, ev, callee, fn)
                    if callee.qualname in marshalled(self.model):
                        continue      # only scheduled: its body runs as a loop callback (models/marshalled.py)
                    if out is not None and self.pooled:
                        self.walk(callee, target_cls, locks, chain + (ev,), over & locks,
                                  *self._borrows(fn, ev, callee, borrow, lent))
                    else:
                        self.walk(callee, target_cls, locks, chain + (ev,), over & locks)
                    gained, dropped = self._lock_effect(callee, target_cls)
                    helper = (helper | gained) - dropped

    def _symbol(self, cls: str | None, path: str, fn: FunctionInfo | None) -> str | None:
        return lock_symbol(self.model, cls, path, fn)

    def _lock_effect(self, fn: FunctionInfo, cls: str | None) -> tuple[frozenset[str], frozenset[str]]:
        """Locks a helper leaves acquired (`def acquire(self): self.lock.acquire()`) or releases
        without having taken them (`def release(self): self.lock.release()`): logging's
        `Handler.acquire/release`, `_acquireLock()/_releaseLock()`."""
        gained: set[str] = set()
        dropped: set[str] = set()
        for ev in fn.events():
            if ev.target and ev.op == "call" and ev.kind in (EventKind.ACQUIRE, EventKind.RELEASE):
                sym = lock_symbol(self.model, cls, ev.target) or f"?{ev.target}"
                if ev.kind is EventKind.ACQUIRE:
                    gained.add(sym)
                elif sym in gained:
                    gained.discard(sym)
                else:
                    dropped.add(sym)
        return frozenset(gained), frozenset(dropped)

    def _locks(self, cls: str | None, paths: tuple[str, ...], fn: FunctionInfo | None = None) -> frozenset[str]:
        memo = _LOCK_SETS.get(id(self.model))
        if memo is None or memo[0] is not self.model:
            _LOCK_SETS.clear()
            memo = _LOCK_SETS[id(self.model)] = (self.model, {})
        key = (cls, paths, fn.qualname if fn is not None else None)
        hit = memo[1].get(key)
        if hit is None:
            out = set()
            for p in paths:
                sym = lock_symbol(self.model, cls, p, fn)
                out.add(sym if sym else f"?{p}")
            hit = memo[1][key] = frozenset(out)
        return hit

    def _callee_class(self, cls: str | None, ev: Event, callee: FunctionInfo,
                      caller: FunctionInfo | None = None) -> str | None:
        if not callee.cls:
            return None
        callee_path = ev.callee or ""
        built = self._built_class(caller, callee_path)
        if built is not None and callee.cls in self.model.classes[built].ancestors:
            return built              # `e.stop()` on `e = Emitter()`: a base's method, on an Emitter
        if callee_path.startswith(("self.", "cls.")) and callee_path.count(".") == 1 and cls:
            return cls
        if callee_path.startswith("super()") or self._unbound_call(cls, ev, callee):
            return cls
        if callee_path.startswith("self.") and cls:
            resolved = self.model.resolve(cls, callee_path.rsplit(".", 1)[0] + ".__x")
            if resolved and resolved[0] in self.model.classes:
                # a field typed with a base whose override runs (extractor/overrides.py): the
                # object is of the override's class
                own = self.model.classes.get(callee.cls)
                return callee.cls if own is not None and resolved[0] in own.ancestors[1:] else resolved[0]
        return callee.cls

    def _built_class(self, caller: FunctionInfo | None, callee_path: str) -> str | None:
        """The class of the local `v` of `v.m` that `caller` built (`v = Cls(...)`), when in scope;
        also of a thread object it took out of a container of them (`for e in list(self._emitters):
        e.stop()`: the thread class's own stop hooks run; tests/corpus/il202_emitters_built_from_class_parameter)."""
        head, _, method = callee_path.partition(".")
        if caller is None or not method or "." in method:
            return None
        written = caller.built.get(head)
        fetched = not written
        written = written or caller.fetched.get(head)
        if not written:
            return None
        found = next((q for q in (written, f"{caller.module}.{written}") if q in self.model.classes), None)
        if fetched and found is not None and not any(
                self.model.classes[a].is_thread for a in self.model.classes[found].ancestors if a in self.model.classes):
            return None
        return found

    def _unbound_call(self, cls: str | None, ev: Event, callee: FunctionInfo) -> bool:
        """`Base.m(self, x)` in a subclass: `m` of that base (no override), on the caller's `self`."""
        info = self.model.classes.get(cls) if cls else None
        return (info is not None and bool(ev.args) and ev.args[0] == "self" and callee.cls in info.ancestors
                and not (ev.callee or "").startswith(("self.", "cls.", "super()")))

    def _dispatch(self, cls: str | None, ev: Event, callee: FunctionInfo,
                  caller: FunctionInfo | None = None) -> tuple[FunctionInfo, str | None]:
        """The function a call runs and the class of its `self`: `self.m()` the concrete class's
        most derived `m`, as is a base's method called on a local `caller` built from a subclass
        (`e = Emitter(); e.stop()`, the base's `stop` calling `self.on_thread_stop()`); `super().m()`
        and `Base.m(self)` exactly the resolved base method (the subclass's override calling
        `super()` must not run itself again)."""
        target_cls = self._callee_class(cls, ev, callee, caller)
        if (ev.callee or "").startswith("super(") or self._unbound_call(cls, ev, callee):
            return callee, target_cls
        return self._override(target_cls, callee), target_cls

    def _override(self, cls: str | None, callee: FunctionInfo) -> FunctionInfo:
        """`self.m()` runs the most derived `m` of the concrete class."""
        info: ClassInfo | None = self.model.classes.get(cls) if cls else None
        if info is not None and callee.cls != cls:
            q = info.methods.get(callee.name)
            if q and q in self.model.functions and q != callee.qualname:
                return self.model.functions[q]
        return callee


class _Reachability(_Walker):
    """The walker's call resolution (concrete class, overrides) without recording events."""

    def __init__(self, model: ProgramModel):
        super().__init__(model, None, [])    # type: ignore[arg-type]
        self.functions: set[str] = set()

    def walk(self, fn: FunctionInfo, cls: str | None, held=frozenset(), chain=()) -> None:
        stack = [(fn, cls)]
        while stack:
            fn, cls = stack.pop()
            if (fn.qualname, cls) in self.seen:
                continue
            self.seen.add((fn.qualname, cls))
            self.functions.add(fn.qualname)
            handed = handed_to_runner(self.model.functions, fn)
            for ev in fn.events():
                callee = self.model.functions.get(ev.resolved or "") \
                    if ev.kind is EventKind.CALL and id(ev) not in handed else None
                if callee is not None:
                    target = self._dispatch(cls, ev, callee, fn)
                    if target[0].qualname not in marshalled(self.model):
                        stack.append(target)


def reachable_functions(model: ProgramModel, entries: Iterable[str]) -> set[str]:
    """Qualnames of the functions that code entering at `entries` runs, along resolved calls."""
    walker = _Reachability(model)
    for entry in entries:
        fn = model.functions.get(entry)
        if fn is not None:
            for cls in concrete_classes(model, fn):
                walker.walk(fn, cls)
    return walker.functions


def _entry_held(model: ProgramModel, fn: FunctionInfo, cls: str | None) -> frozenset[str]:
    return frozenset(filter(None, (lock_symbol(model, cls, p) for p in fn.entry_held)))


def index(ctx: RuleContext) -> ConcurrencyIndex:
    """The component's concurrency index (built once, cached in `ctx.cache["index"]`)."""
    cached = ctx.cache.get("index")
    if cached is not None:
        return cached
    model = ctx.model
    owners = _public_owners(model, ctx.contexts)
    idx = ConcurrencyIndex(model, ctx.contexts, public_owners=owners, root=ctx.root)

    def classes(context: Context, fn: FunctionInfo) -> list[str | None]:
        owner = owners.get(context.name)
        out = [c for c in concrete_classes(model, fn) if owner is None or _runs_as(model, c, owner, owners)]
        if not out and owner is not None and model.classes[owner].methods.get(fn.name) == fn.qualname:
            out = [owner]    # its own instances, when every subclass has a context of its own
        return out

    from interlock.checker.hooks import hook_held     # local: it walks with this module's walker
    hooks = hook_held(model, ctx.contexts, classes)
    awaited = _awaited_job_locks(model)
    deferred = deferrals(model)
    regions = region_locks(model)
    for context in ctx.contexts:
        walker = _Walker(model, context, idx.reaches, deferred, regions)
        public = context.kind is ContextKind.PUBLIC
        for entry in context.entries:
            fn = model.functions.get(entry)
            if fn is None:
                continue
            for cls in classes(context, fn):
                held = _entry_held(model, fn, cls)
                if public:
                    held |= hooks.get((fn.qualname, cls), frozenset())
                if context.kind is ContextKind.EXECUTOR:
                    held |= awaited.get(fn.qualname, frozenset())
                # an outside caller gives back to a check-in what it has checked out itself
                lent = tuple((p, _RUN) for p in sorted(checked_in(model, fn.qualname))) if public else ()
                walker.walk(fn, cls, held, (), lent=lent)
    ctx.cache["index"] = idx
    return idx


def _awaited_job_locks(model: ProgramModel) -> dict[str, frozenset[str]]:
    """Executor job -> the locks every code that starts it holds while it awaits the job right
    there (`async with self._lock: await asyncio.to_thread(self._write)`): no one else takes them
    until the job ends, so they guard what the job does (tests/corpus/il102_job_awaited_under_async_lock).
    A start of the job that is not awaited at once, or holds none of them, leaves it nothing."""
    found: dict[str, frozenset[str]] = {}
    bodies = [(fn, fn.events()) for fn in model.functions.values()]
    bodies += [(None, body_events(m.body)) for m in model.modules.values()]
    for fn, events in bodies:
        for ev in events:
            spawn = ev.spawn
            if ev.kind is not EventKind.SPAWN or spawn is None or not spawn.resolved \
                    or spawn.kind is not ContextKind.EXECUTOR:
                continue
            locks = frozenset()
            if ev.awaited and fn is not None:
                locks = frozenset(filter(None, (lock_symbol(model, fn.cls, p, fn) for p in ev.held)))
            found[spawn.resolved] = found[spawn.resolved] & locks if spawn.resolved in found else locks
    return {q: locks for q, locks in found.items() if locks}


def _public_owners(model: ProgramModel, contexts: tuple[Context, ...]) -> dict[str, str]:
    """PUBLIC context name -> the class whose public methods it calls (by its origin)."""
    by_loc = {(c.loc.path, c.loc.line): q for q, c in model.classes.items() if c.loc is not None}
    out = {}
    for c in contexts:
        if c.kind is ContextKind.PUBLIC and c.origin is not None:
            q = by_loc.get((c.origin.path, c.origin.line))
            if q is not None:
                out[c.name] = q
    return out


def _runs_as(model: ProgramModel, cls: str | None, owner: str, owners: dict[str, str]) -> bool:
    """The public methods of `owner` run on instances of `owner`'s own subclasses, and only on
    those without a PUBLIC context of their own (which say where their methods run): a
    lock-free base's context must not call a sibling's methods (tests/corpus/il101_base_context_subclass).
    Nor on a subclass whose construction never runs `owner`'s own `__init__`: it lacks what makes
    `owner` shared (tests/corpus/il101_base_api_on_subclass_skipping_init)."""
    if cls is None or cls == owner:
        return True
    info = model.classes.get(cls)
    return info is not None and owner in info.ancestors and cls not in set(owners.values()) \
        and not skips_init_of(model, info, owner)