"""Happens-before at spawn, for objects a function builds and hands to the job it starts.

    scanner = LibraryScanner(manager)          # fresh: this call's own object
    scanner.set_progress_callback(cb)          # before the spawn: ordered before the job
    await asyncio.to_thread(scanner.scan)      # awaited: the job ends before the next line

A spawn site is *fresh* when its target is `v.method`, the spawning function built `v` with
`Cls(...)`, spawns it only there (not in a loop) or only in jobs each awaited to its end and never lets it escape (stored, passed,
returned). When every spawn site of a context's entries is fresh, that context's accesses to
`self.<attr>` (through `self.` calls only) touch an object nobody else holds, except the spawner
through `v.method(...)` calls: those made before the spawn, or after an awaited spawn, are ordered
with the job. Another instance of the job, a `public:` caller, or unrelated code hold other objects
(tests/corpus/il101_configure_then_spawn). The same holds for a local a function builds and only
calls methods on: each call of the function has its own object (il101_local_meter), also when it
returns the object at the end (il103_job_returns_its_object), or gets it from a factory method
(il103_factory_method_object); and an open-world `public:` entry's argument it only calls methods
on is its outside caller's (il101_public_entry_argument_object). Known limit:
a job or method that hands `self` out (registers `self.on_x` somewhere) is not noticed.
"""
from __future__ import annotations

import re
from functools import cached_property
from typing import TYPE_CHECKING

from interlock.models.program import AttrKind, ContextKind, Event, EventKind, FunctionInfo, ProgramModel
from interlock.models.wiring import Wiring, strip_strings
from interlock.checker.analysis import argument

if TYPE_CHECKING:
    from interlock.checker.analysis import Access

Site = tuple[FunctionInfo, Event]


class SpawnOrder:
    def __init__(self, model: ProgramModel):
        self.model = model
        self.sites: dict[str, list[Site]] = {}
        for fn in model.functions.values():
            for ev in fn.events():
                if ev.kind is EventKind.SPAWN and ev.spawn is not None and ev.spawn.resolved:
                    self.sites.setdefault(ev.spawn.resolved, []).append((fn, ev))
        self._fresh: dict[int, bool] = {}
        self._kept: dict[tuple[str, str], bool] = {}
        self._kept_calls: dict[tuple[str, str, int], tuple[Event, bool]] = {}   # by id of the call: it is kept alive
        self._nested: dict[str, list[FunctionInfo]] | None = None
        self._class_attrs: dict[tuple[str, str], bool] = {}
        self._confined: dict[str, bool] = {}

    def apart(self, a: Access, b: Access) -> bool:
        """The two accesses cannot overlap: one is on a fresh object and the other on another
        object, or it is the spawner's use of that object ordered by the spawn. An object bound
        only in the class body (`headers: dict = {}`) is the class's, whichever instance reaches it
        (tests/corpus/il202_class_level_default_dict)."""
        if self._on_class(a) or self._on_class(b):
            return False
        if self._in_own_local(a) or self._in_own_local(b) or self._callers_object(a) or self._callers_object(b) \
                or self._wired(a) or self._wired(b):
            return True
        return any(self._apart_spawner(x, y) or self._apart_job(x, y) for x, y in ((a, b), (b, a)))

    def _on_class(self, a: Access) -> bool:
        info = self.model.attribute(a.owner, a.attr)
        return info is not None and info.on_class

    def _in_own_local(self, a: Access) -> bool:
        """`a` is on `self` of an object a function on its chain built as a local (`m = Meter();
        m.measure()`) and never lets out: each call of that function has its own object
        (RacerD's ownership; tests/corpus/il101_local_meter)."""
        chain = a.reach.chain
        if not _is_self_attr(a):
            return False
        for i, call in enumerate(chain):
            if call.receiver and self._stays_inside(chain, i):
                fn = a.reach.caller(self.model, i)
                if fn is not None and self._kept_local(fn, call.receiver):
                    return True
        return False

    def _wired(self, a: Access) -> bool:
        """`a` is on `self` of an object reached through a wiring call (`p = Pipeline();
        p.attach(sink); p.start()`, models/wiring.py): its caller built the object and nobody
        else holds it or runs on it yet, so the access happens before every other use of it
        A class attribute no method assigns is one object for every instance: not the caller's
        (tests/corpus/il102_attach_before_start_in_method)."""
        chain = a.reach.chain
        if not chain or not _is_self_attr(a) or not a.reach.cls \
                or self._class_level(a.reach.cls, (a.event.target or "").split(".")[1]):
            return False
        for i, call in enumerate(chain):
            fn = a.reach.caller(self.model, i)
            if fn is not None and self._wiring.is_wiring(fn, call) and self._stays_inside(chain, i):
                return True
        return False

    @cached_property
    def _wiring(self) -> Wiring:
        return Wiring(self.model)

    def _callers_object(self, a: Access) -> bool:
        """`a` is on `self` of an object handed down the chain as an argument from where it is
        someone's own: a local a function built (or got from a factory) and keeps, or the argument
        of an open-world `public:` entry (`def do_draw(self, data): data.draw()`), which is its
        outside caller's object, like a direct `data.x` of the entry (checker/shared_args.py: entry
        parameters are not followed). Each run has its own object
        (tests/corpus/il101_public_entry_argument_object, il103_factory_method_object)."""
        chain = a.reach.chain
        if not chain or not _is_self_attr(a):
            return False
        for i, call in enumerate(chain):
            head, _, rest = (call.callee or "").partition(".")
            if not rest or "." in rest or head in ("self", "cls") or not self._stays_inside(chain, i):
                continue
            return self._own_argument(a, i, head)
        return False

    def _own_argument(self, a: Access, i: int, name: str) -> bool:
        """`name`, a local or parameter of the function making `chain[i]`, is bound back along the
        chain to a kept local or to a `public:` entry's parameter; no function on the way lets it out."""
        chain = a.reach.chain
        for j in range(i, -1, -1):
            fn = a.reach.caller(self.model, j)
            if fn is None or not self._kept_but(fn, name, chain[j]):
                return False
            if name not in fn.params:
                return name in fn.built
            if j == 0:
                return a.context.kind is ContextKind.PUBLIC and fn.qualname in a.context.entries
            arg = argument(chain[j - 1], fn, name)
            if arg is None or not arg.isidentifier():
                return False
            name = arg
        return False

    def _stays_inside(self, chain: tuple[Event, ...], i: int) -> bool:
        """After `v.m()`, every call is `self.m()` or `self.f.m()` on a field `f` the object
        builds in its constructor: the accessed object is `v` or one it owns."""
        return all(_is_self_call(call) or _owned_call(self.model, self.model.functions.get(prev.resolved or ""), call)
                   for prev, call in zip(chain[i:], chain[i + 1:]))

    def _kept_local(self, fn: FunctionInfo, v: str) -> bool:
        key = (fn.qualname, v)
        hit = self._kept.get(key)
        if hit is None:
            hit = _kept_local(self.model, fn, v, nested=self._nested_in(fn))
            self._kept[key] = hit
        return hit

    def _kept_but(self, fn: FunctionInfo, v: str, call: Event) -> bool:
        key = (fn.qualname, v, id(call))
        hit = self._kept_calls.get(key)
        if hit is None or hit[0] is not call:
            hit = self._kept_calls[key] = (call, _kept_but(self.model, fn, v, call, self._nested_in(fn)))
        return hit[1]

    def _nested_in(self, fn: FunctionInfo) -> list[FunctionInfo]:
        if self._nested is None:
            self._nested = nested_functions(self.model)
        return self._nested.get(fn.qualname, [])

    def _apart_spawner(self, mine: Access, other: Access) -> bool:
        """`mine` is the spawner's `v.method(...)` on the fresh object `v`."""
        via = self._spawner_call(mine)
        if via is None:
            return False
        call, (fn, spawn) = via
        started_here = other.context.kind is not ContextKind.PUBLIC and spawn.spawn.resolved in other.context.entries
        if _on_self(other) and started_here:
            events = list(fn.events())        # the job started at this site runs on `v`
            return _index(events, call) < _started_at(events, spawn) or spawn.awaited
        return not _spawned_on_self(self, other)

    def _apart_job(self, job: Access, other: Access) -> bool:
        """`job` runs on a fresh object (every site that starts its context is fresh)."""
        if not self._confined_context(job) or not self._on_own(job) or self._spawner_call(other) is not None:
            return False
        if other.context.name == job.context.name:
            return self._on_own(other)                # two instances, two fresh objects
        return other.context.kind is ContextKind.PUBLIC or not _spawned_on_self(self, other)

    def _on_own(self, a: Access) -> bool:
        """`self.<attr>` of the job's object, or of an object it builds for itself in its
        constructor (`self._source.close()`): no one else holds either."""
        chain = a.reach.chain
        if not _is_self_attr(a):
            return False
        if chain and not (_is_self_call(chain[0]) or _owned_call(self.model, a.reach.caller(self.model, 0), chain[0])):
            return False
        return self._stays_inside(chain, 0)

    def in_own_object(self, a: Access) -> bool:
        """`a` is on the object its context's entry runs on, or on one that object holds for
        itself: every call on the way is on `self` or on such a field, and so is the access
        (`self.bytes += n`, `self.progress.done += 1`). A field is held for itself when the
        constructor builds its object or every construction hands in a fresh one
        (`Client(sock, Parser())`: rules/_ownership.owned_per_holder). A class attribute that no
        method assigns (`seen = []` in the class body) is one object for all instances."""
        from interlock.checker.rules._ownership import owned_per_holder   # local: it imports this module

        model = self.model
        parts = (a.event.target or "").split(".")
        if parts[0] != "self" or len(parts) not in (2, 3) or not a.reach.cls:
            return False
        if (len(parts) == 3 and not owned_per_holder(model, a.reach.cls, parts[1])) \
                or self._class_level(a.reach.cls, parts[1]):
            return False
        for i, call in enumerate(a.reach.chain):
            head, *fields = (call.callee or "").split(".")
            caller = a.reach.caller(model, i)
            if head != "self" or not fields or len(fields) > 2 or (
                    len(fields) == 2 and (caller is None or not owned_per_holder(model, caller.cls, fields[0]))):
                return False
        return True

    def _class_level(self, cls: str, attr: str) -> bool:
        """`cls.<attr>` is set in a class body and never assigned by a method: one object shared
        by every instance (`self.seen.append(x)` on `seen = []`)."""
        key = (cls, attr)
        hit = self._class_attrs.get(key)
        if hit is None:
            info = self.model.attribute(cls, attr)
            hit = info is not None and info.is_class_attr and not any(
                fn.path == w.path and fn.loc.line <= w.line <= (fn.loc.end_line or fn.loc.line)
                for w in info.writes for fn in self.model.functions.values())
            self._class_attrs[key] = hit
        return hit

    def _confined_context(self, a: Access) -> bool:
        ctx = a.context
        hit = self._confined.get(ctx.name)
        if hit is None:
            hit = bool(ctx.entries) and all(
                self.sites.get(e) and all(self._is_fresh(s) for s in self.sites[e]) for e in ctx.entries)
            self._confined[ctx.name] = hit
        return hit

    def _is_fresh(self, site: Site) -> bool:
        fn, ev = site
        hit = self._fresh.get(id(ev))
        if hit is None:
            hit = _is_fresh(fn, ev)
            self._fresh[id(ev)] = hit
        return hit

    def _spawner_call(self, a: Access) -> tuple[Event, Site] | None:
        """`v.method(...)` in a fresh spawn site's function, on the way to `a` (then `self.` only);
        or `a` itself, a direct `v.attr` there (`d.done = 0` beside `Thread(target=d.run)`;
        tests/corpus/il101_main_thread_writes_the_field_its_worker_counts)."""
        chain = a.reach.chain
        if not chain:
            head, _, rest = (a.event.target or "").partition(".")
            if rest and "." not in rest and head not in ("self", "cls"):
                for sites in self.sites.values():
                    for site in sites:
                        if site[0].qualname == a.function.qualname and site[1].spawn.receiver == head \
                                and self._is_fresh(site):
                            return a.event, site
            return None
        for i, call in enumerate(chain):
            head, _, rest = (call.callee or "").partition(".")
            if not rest or "." in rest or head in ("self", "cls"):
                continue
            if not all(_is_self_call(c) for c in chain[i + 1:]) or not _is_self_attr(a):
                return None
            for sites in self.sites.values():
                for site in sites:
                    fn, ev = site
                    if ev.spawn.receiver == head and self._is_fresh(site) and any(e is call for e in fn.events()):
                        return call, site
            return None
        return None


def _is_fresh(fn: FunctionInfo, site: Event) -> bool:
    v = site.spawn.receiver
    if not v or site.spawn.many:
        return False
    spawns = [e for e in fn.events() if e.kind is EventKind.SPAWN and e.spawn is not None and e.spawn.receiver == v]
    # several jobs on `v` are still its only users when each is awaited to its end before the
    # next line runs (`await to_thread(v.work)` ... `await to_thread(v.close)`)
    if len(spawns) != 1 and not all(e.awaited and e.spawn.kind is ContextKind.EXECUTOR for e in spawns):
        return False
    bare = re.compile(rf"(?<![\w.]){re.escape(v)}\b(?!\s*\.)")     # `v` itself, not `v.attr`
    for e in fn.events():
        texts = [*e.args, *e.reads, e.value or ""]
        if any(bare.search(strip_strings(t)) for t in texts if t):
            return False
    return True


#: builtins that look at an object without keeping it (`getattr(data, name)` is no escape of `data`)
_LOOK_CALLS = frozenset({"getattr", "hasattr", "isinstance", "type", "len", "id", "repr", "str", "callable", "bool"})
_LOOKS = "|".join(sorted(_LOOK_CALLS))


def _kept_local(model: ProgramModel, fn: FunctionInfo, v: str, skip: Event | None = None,
                nested: list[FunctionInfo] | None = None) -> bool:
    """`v` never leaves `fn` while `fn` runs: not passed, stored, spawned on, or seen by a nested
    function (`nested`: the functions defined inside `fn`, when known). Returning it is no escape:
    `fn` is done with it by then, so whoever gets it next touches it after `fn`'s own uses (a job's
    result: tests/corpus/il103_job_returns_its_object)."""
    return _kept_in_body(fn, v, skip) and not _seen_nested(
        _nested_in(model, fn) if nested is None else nested, v)


def _kept_in_body(fn: FunctionInfo, v: str, skip: Event | None) -> bool:
    """`fn`'s own events (but `skip`) neither pass, store nor spawn on `v`."""
    bare = re.compile(rf"(?<![\w.]){re.escape(v)}\b(?!\s*\.)")
    mention = re.compile(rf"(?<![\w.]){re.escape(v)}\b")
    looked_at = re.compile(rf"\b({_LOOKS})\(\s*{re.escape(v)}\s*(?=[,)])")
    for e in fn.events():
        if e.kind is EventKind.RETURN or e is skip or e.callee in _LOOK_CALLS:
            continue
        if any(bare.search(looked_at.sub(r"\1(_", strip_strings(t))) for t in (*e.args, *e.reads, e.value or "") if t):
            return False
        if e.kind is EventKind.SPAWN and any(mention.search(strip_strings(t)) for t in (*e.args, e.spawn.target if e.spawn else "") if t):
            return False
    return True


def _seen_nested(nested: list[FunctionInfo], v: str) -> bool:
    """One of the `nested` functions mentions `v` (a closure over it)."""
    mention = re.compile(rf"(?<![\w.]){re.escape(v)}\b")
    return any(mention.search(strip_strings(t)) for inner in nested for e in inner.events()
               for t in (*e.args, *e.reads, e.value or "", e.target or "", e.callee or "") if t)


def _nested_in(model: ProgramModel, fn: FunctionInfo) -> list[FunctionInfo]:
    """The functions defined (at any depth) inside `fn`, in model order."""
    prefix = fn.qualname + "."
    return [inner for q, inner in model.functions.items() if q.startswith(prefix)]


def nested_functions(model: ProgramModel) -> dict[str, list[FunctionInfo]]:
    """Every function's `_nested_in` list at once (one pass over the model, not one per function)."""
    out: dict[str, list[FunctionInfo]] = {}
    for q, inner in model.functions.items():
        head = q
        while "." in head:
            head = head.rpartition(".")[0]
            out.setdefault(head, []).append(inner)
    return out


def _kept_but(model: ProgramModel, fn: FunctionInfo, v: str, call: Event,
              nested: list[FunctionInfo] | None = None) -> bool:
    """`_kept_local`, except that `call` (the next call on a chain) may be handed `v`."""
    if not any(e is call for e in fn.events()):
        return False
    return _kept_local(model, fn, v, skip=call, nested=nested)


def _owned_call(model: ProgramModel, caller: FunctionInfo | None, call: Event) -> bool:
    """`self.f.m()` in `caller`, on a field `f` its class builds in its constructor."""
    parts = (call.callee or "").split(".")
    return caller is not None and len(parts) == 3 and parts[0] == "self" and _owns(model, caller.cls, parts[1])


def _owns(model: ProgramModel, cls: str | None, field: str) -> bool:
    """`self.<field>` is an object `cls` builds in its constructor and never rebinds."""
    info = model.attribute(cls, field) if cls else None
    value = (info.value or "") if info is not None else ""
    return info is not None and info.kind is AttrKind.OBJECT and info.init_only and "(" in value and value.endswith(")")


def _is_self_call(call: Event) -> bool:
    callee = call.callee or ""
    return callee.startswith("self.") and callee.count(".") == 1


def _is_self_attr(a: Access) -> bool:
    target = a.event.target or ""
    return target.startswith("self.") and target.count(".") == 1


def _on_self(a: Access) -> bool:
    """`self.<attr>` of the object the context's entry runs on."""
    return _is_self_attr(a) and all(_is_self_call(c) for c in a.reach.chain)


def _spawned_on_self(order: SpawnOrder, a: Access) -> bool:
    """`a`'s context is started with a `self.method` target: it may share the job's object."""
    return any(ev.spawn.target.startswith("self.") for e in a.context.entries for _, ev in order.sites.get(e, ()))


#: spawns that build a thread or process object, which runs from its `start()` on
_STARTED_LATER = re.compile(r"(^|\.)(Thread|Process|Timer)$")


def _started_at(events: list[Event], spawn: Event) -> int:
    """Where the job starts: the spawn, or for `t = Thread(target=v.run)` the first `x.start()`
    after it (configuring `v` between the two is still before the job runs)."""
    at = _index(events, spawn)
    if not _STARTED_LATER.search(spawn.spawn.via) or (spawn.callee or "").endswith(".start"):
        return at
    nxt = events[at + 1] if at + 1 < len(events) else None
    if nxt is not None and nxt.kind is EventKind.CALL and not nxt.receiver and (nxt.callee or "").endswith(").start"):
        return at                                   # `Thread(target=v.run).start()`
    return next((i for i in range(at + 1, len(events)) if events[i].kind is EventKind.CALL
                 and events[i].receiver and (events[i].callee or "") == f"{events[i].receiver}.start"
                 and not events[i].args), at)


def _index(events: list[Event], ev: Event) -> int:
    return next(i for i, e in enumerate(events) if e is ev)
