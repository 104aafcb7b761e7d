"""Shared-state analysis behind IL101/IL102/IL103/IL201/IL202/IL602 (one pass, cached per component).

Each shared attribute is examined once. The specific rules (lost update, check-then-act,
iteration during mutation, in-place buffer) *claim* the function they report and the access
pairs they explain; the generic lockset rules (IL102 when a lock guards the attribute in most
accesses, else IL101) get what is left, so one bug yields one finding.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from interlock.checker.analysis import CONSTRUCTORS, Access, ConcurrencyIndex, declaring_class, index
from interlock.checker.cells import cell_owner, separate_runs
from interlock.checker.context import RuleContext
from interlock.checker.rules._body import FunctionShape, shape_of
from interlock.checker.rules._ownership import distinct_objects
from interlock.checker.slots import own_slots
from interlock.models.program import LOCK_KINDS, THREAD_SAFE_KINDS, AttrKind, ContextKind, EventKind, iter_events, short_symbol, split_symbol

Key = tuple[str, str]                       # (owner qualname, attribute)
#: ITERATE ops that copy the container in one C call (atomic under the GIL): a snapshot, not a walk.
SNAPSHOT_OPS = frozenset({"list", "tuple", "sorted", "set", "frozenset", "dict", "copy", "len", "deepcopy",
                          "extend", "update"})


@dataclass
class Candidate:
    """One finding to be: `site` is the reported access, `others` the conflicting ones."""

    code: str
    key: Key
    site: Access
    others: list[Access] = field(default_factory=list)
    locks: tuple[str, ...] = ()             # IL102: the guarding lock(s); IL201: the lock(s) involved
    steps: list[tuple[Access | None, str, object]] = field(default_factory=list)   # IL103/IL201 extras
    detail: dict = field(default_factory=dict)


@dataclass
class Analysis:
    idx: ConcurrencyIndex
    by_code: dict[str, list[Candidate]] = field(default_factory=dict)


def analyse(ctx: RuleContext) -> Analysis:
    """All shared-state candidates of the component (built once, cached in `ctx.cache`)."""
    cached = ctx.cache.get("shared_state")
    if cached is not None:
        return cached
    from interlock.checker.rules import _atomicity, _publication, _races, _sizes   # local: they import this module
    idx = index(ctx)
    result = Analysis(idx)
    for key, accesses in _by_declaring_class(idx).items():
        accesses = dedupe([a for a in accesses if not _built_here(idx, a)])
        if _sizes.never_resized(ctx, idx, key, accesses):     # `len(xs)` of it reads a constant
            accesses = [a for a in accesses if not _sizes.size_read(ctx, a.event)]
        # arrays may be written only through a local view (`buf = self._a[i:j]; buf *= g`: IL602)
        if not (any(a.is_write for a in accesses) or is_array(idx, key)) or not _maybe_shared(idx, accesses):
            continue
        claims: dict[str, Candidate] = {}
        explained: set[tuple[int, int]] = set()
        primitive = is_primitive(idx, key)
        for cand, pairs in _atomicity.specific(ctx, idx, key, accesses):
            explained |= pairs
            if cand is None or (primitive and cand.code != "IL201"):
                continue
            fq = cand.site.function.qualname
            if fq not in claims:
                claims[fq] = cand
                result.by_code.setdefault(cand.code, []).append(cand)
        resets = frozenset() if primitive else _publication.fork_reset_accesses(ctx, idx, accesses)
        for cand in ([] if primitive else _races.generic(idx, key, accesses, set(claims), explained, resets)):
            result.by_code.setdefault(cand.code, []).append(cand)
    ctx.cache["shared_state"] = result
    return result


def is_primitive(idx: ConcurrencyIndex, key: Key) -> bool:
    """A thread-safe primitive (executor, queue, lock) made lazily: using it is safe, only its
    creation (check-then-act, IL201) is a race (analysis._made_lazily)."""
    info = idx.model.attribute(*key)
    return info is not None and (info.kind in THREAD_SAFE_KINDS or info.kind in LOCK_KINDS)


def _by_declaring_class(idx: ConcurrencyIndex) -> dict[Key, list[Access]]:
    """One list per attribute *declaration*: `Filterer.filters` seen through 13 handler subclasses
    is one attribute (one line of code, one finding), named after the declaring class. An
    attribute with a single concrete owner keeps that owner's name (`AudioPlayer.last_error`)."""
    groups: dict[Key, list[Key]] = {}
    for owner, attr in idx.by_attr:
        base = declaring_class(idx.model, owner, attr)
        groups.setdefault((base, attr), []).append((owner, attr))
    out: dict[Key, list[Access]] = {}
    for (base, attr), keys in groups.items():
        if len(keys) == 1:
            out[keys[0]] = idx.by_attr[keys[0]]
            continue
        sym = short_symbol(base, attr)
        out[(base, attr)] = [Access(a.reach, base, attr, sym, a.kind, a.owner)
                             for k in keys for a in idx.by_attr[k]]
    return out


def _built_here(idx: ConcurrencyIndex, a: Access) -> bool:
    """`self.cfg.mode` read in the constructor that just did `self.cfg = Config()`: the object is
    owned by the one being built, nobody else can see it yet (RacerD's ownership)."""
    parts = (a.event.target or "").split(".")
    if a.function.name not in CONSTRUCTORS or len(parts) < 3 or parts[0] != "self":
        return False
    holder = idx.model.attribute(a.reach.cls or "", parts[1]) if a.reach.cls else None
    value = (holder.value or "") if holder is not None else ""
    return holder is not None and holder.kind is AttrKind.OBJECT and value.endswith(")") and "(" in value


def dedupe(accesses: list[Access]) -> list[Access]:
    """One access per (context, event, lockset, class): chains differ, the race does not."""
    seen: dict[tuple, Access] = {}
    for a in accesses:
        k = (a.context.name, id(a.event), a.locks, a.reach.cls)
        old = seen.get(k)
        if old is None or len(a.reach.chain) < len(old.reach.chain):
            seen[k] = a
    return list(seen.values())


def _maybe_shared(idx: ConcurrencyIndex, accesses: list[Access]) -> bool:
    names = {a.context.name for a in accesses}
    return len(names) > 1 or any(a.context.multiplicity == "many" or a.context.per_object for a in accesses)


def may_interleave(idx: ConcurrencyIndex, a: Access, b: Access) -> bool:
    """Two accesses can run at the same time: concurrent contexts, and not two tasks of one loop
    (those switch only at awaits, which IL403 and the await-aware checks below handle)."""
    return may_meet(idx, a, b) and not (on_loop_thread(idx, a) and on_loop_thread(idx, b))


def on_loop_thread(idx: ConcurrencyIndex, a: Access) -> bool:
    """`a` runs on the event loop's thread: an async or loop context's, or an open-world caller's
    in a method only the loop's thread may run (checker/loop_bound.py;
    tests/corpus/il101_done_callback_of_loop_task)."""
    if is_async_access(a):
        return True
    if a.context.kind is not ContextKind.PUBLIC:
        return False
    bound = idx.__dict__.get("_loop_bound")
    if bound is None:
        from interlock.checker.loop_bound import LoopBound
        bound = idx.__dict__["_loop_bound"] = LoopBound(idx.model)
    return bound(a.function)


def may_meet(idx: ConcurrencyIndex, a: Access, b: Access) -> bool:
    """Two accesses from concurrent contexts can touch one object at the same time (awaits aside)."""
    if not (idx.overlap(a.reach, b.reach) or idx.objects_apart(a.context, b.context)) or not idx.same_object(a, b):
        return False
    if distinct_objects(idx, a, b):       # owners' own sub-objects (il102_settings_of_two_owners, il101_owned_sub_object)
        return False
    if own_slots(idx, a, b):              # two jobs, each in the element at its own index (il101_nested_slot_same_index)
        return False
    if closes_again(a, b) or closes_again(b, a):
        return False
    if a.function is b.function and (_barrier_apart(idx, a, b) or _barrier_apart(idx, b, a)):
        return False                      # one party of a Barrier runs it (il103_barrier_elects_one_party)
    defining = cell_owner(a.owner, a.attr)
    if defining is not None and separate_runs(idx.model, a, b, defining):
        return False                      # closure cells of two runs (checker/cells.py)
    return not idx.ordered(a, b)          # a job's fresh object, configured before the spawn (il101_configure_then_spawn)


_ELECTED = re.compile(r"^\s*(?:([\w.]+)\.wait\([^()]*\)|(\w+))\s*==\s*0\s*$|^\s*0\s*==\s*(?:([\w.]+)\.wait\([^()]*\)|(\w+))\s*$")


def _barrier_apart(idx: ConcurrencyIndex, a: Access, b: Access) -> bool:
    """`a` runs in the arm of `if self._barrier.wait() == 0:` (or of `if i == 0:` after `i =
    barrier.wait()`): `Barrier.wait()` hands index 0 to exactly one of the parties that passed,
    so only one thread runs the arm in each round, after every party arrived. Another run of
    the same function meets it neither there nor before its own wait of the round (`b` comes
    before the wait, no loop around both) (tests/corpus/il103_barrier_elects_one_party)."""
    wait = elected(idx, a)
    if wait is None:
        return False
    if elected(idx, b) is wait:
        return True
    sh = shape_of(a.function, idx.__dict__.setdefault("_elected_shapes", {}))
    if sh.order.get(id(b.event), -1) >= sh.order.get(id(wait), -1):
        return False
    return not any(any(e is wait for e in body) and any(e is b.event for e in body)
                   for body in (list(iter_events(loop.body)) for loop in sh.loops.values()))


def elected(idx: ConcurrencyIndex, a: Access):
    """The `Barrier.wait()` event whose index 0 elects the one party that runs `a`, or None."""
    memo = idx.__dict__.setdefault("_elected", {})
    k = id(a.event)
    if k not in memo:
        memo[k] = _elected(idx, a)
    return memo[k]


def _elected(idx: ConcurrencyIndex, a: Access):
    fn = a.function
    sh = shape_of(fn, idx.__dict__.setdefault("_elected_shapes", {}))
    cls = a.reach.cls or fn.cls
    for b in sh.controls.get(id(a.event), ()):
        if not any(e is a.event for e in iter_events(b.then)):
            continue
        m = _ELECTED.match(" ".join((b.cond.value or "").split()))
        if m is None:
            continue
        path, local = m.group(1) or m.group(3), m.group(2) or m.group(4)
        at = sh.order.get(id(b.cond), 0)
        if local is not None:
            prior = next((e for e in reversed(sh.events[:at]) if e.kind is EventKind.WRITE and e.target == local), None)
            v = _WAIT_CALL.match(" ".join(((prior.value if prior else None) or "").split()))
            path = v.group(1) if v else None
        res = idx.model.resolve(cls, path) if path else None
        info = idx.model.attribute(*res) if res else None
        if info is not None and info.kind is AttrKind.BARRIER:
            return next((e for e in reversed(sh.events[:at + 1]) if e.kind is EventKind.WAIT and e.target == path), None)
    return None


_WAIT_CALL = re.compile(r"^([\w.]+)\.wait\([^()]*\)$")


def closes_again(a: Access, b: Access) -> bool:
    """`a` closes a file (MUTATE "close") and `b` is the same code run by another caller: a
    second `close()` of a closed file does nothing (tests/corpus/il101_file_closed_under_writer)."""
    return a.kind is EventKind.MUTATE and a.event.op == "close" and a.function is b.function


def is_async_access(a: Access) -> bool:
    # everything an async or loop context reaches (sync helpers included) runs on the loop
    # thread: tasks, loop callbacks, loop-confined classes (tests/corpus/il101_loop_confined_protocol)
    return a.context.is_async or a.context.on_loop


#: deque operations CPython documents as thread-safe: one atomic C call each
DEQUE_ATOMIC_OPS = frozenset({"append", "appendleft", "pop", "popleft"})
_DEQUE = re.compile(r"(collections\.|typing\.)?[dD]eque\b")


def is_deque(idx: ConcurrencyIndex, key: Key) -> bool:
    info = idx.model.attribute(*key)
    if info is None:
        return False
    return any(_DEQUE.match(x or "") for x in (info.type_name, info.annotation, info.value))


def is_atomic_deque_access(a: Access) -> bool:
    """A read of the deque (`len(q)`, `if q:`) or one of its thread-safe end operations: two of
    these never corrupt the deque, whatever the interleaving (tests/corpus/il202_deque_handoff)."""
    return a.kind is EventKind.READ or (a.kind is EventKind.MUTATE and (a.event.op or "") in DEQUE_ATOMIC_OPS)


#: a lookup or a fill of a lock table that keeps the lock stored first: every run gets one lock
TABLE_FILL_OPS = frozenset({"setdefault", "get", "__getitem__"})


def is_atomic_table_access(a: Access) -> bool:
    """A lookup of a lock per key (`self._locks[k]`, `.get(k)`) or a fill that keeps the first lock
    stored (`.setdefault(k, Lock())`, or a store only where a lookup under a lock just failed:
    `fills_absent_key`), one atomic dict call each: two of these hand every run of one key the
    same lock. Storing a new lock over one (`self._locks[k] = Lock()`) or dropping one still
    races with them (tests/corpus/il101_lock_table_entry_replaced)."""
    return a.kind is EventKind.READ or (a.kind is EventKind.MUTATE and (a.event.op or "") in TABLE_FILL_OPS) \
        or is_absent_key_fill(a)


def is_absent_key_fill(a: Access) -> bool:
    """`a` stores into a container only where the key was just found missing (`fills_absent_key`)."""
    return a.kind is EventKind.MUTATE and a.event.op == "setitem" and fills_absent_key(a.function, a.event)


def keyed_access(a: Access) -> str | None:
    """How an access of a container meets a store of a key it did not hold (`fills_absent_key`):
    "fill" for such a store, "lookup" for a read, "present" for a store of a key the function
    has just looked up (`lock = self._locks[key]` before `self._results[key] = v`: the key is
    there, or the lookup raised). A fill changes no entry a lookup can find nor one a store of a
    present key replaces, one dict call each; two fills of one missing key under different
    locks, or a fill and a blind store, still race."""
    if a.kind is EventKind.READ:
        return "lookup"
    if a.kind is not EventKind.MUTATE or a.event.op != "setitem":
        return None
    if fills_absent_key(a.function, a.event):
        return "fill"
    return "present" if _after_lookup(a.function, a.event) else None


def keyed_apart(a: Access, b: Access) -> bool:
    """One of the two is a fill of a missing key and the other a lookup or a store of a present key."""
    x, y = keyed_access(a), keyed_access(b)
    return (x == "fill" and y in ("lookup", "present")) or (y == "fill" and x in ("lookup", "present"))


_PLAIN_LOOKUP = re.compile(r"^self\.\w+\[[^\[\]]+\]$")


def _after_lookup(fn, ev) -> bool:
    """Some event of `fn` before `ev`, outside any `try`, binds a plain lookup `self.<field>[key]`."""
    from interlock.models.program import Try

    guarded: set[int] = set()

    def inside(nodes, in_try: bool) -> None:
        from interlock.models.program import Branch, Loop, flat_events
        for n in nodes:
            if isinstance(n, Try):
                guarded.update(id(e) for e in flat_events(n.body))
                for part in (n.body, n.orelse, n.final, *(h.body for h in n.handlers)):
                    inside(part, True)
            elif isinstance(n, Branch):
                inside(n.then, in_try)
                inside(n.orelse, in_try)
            elif isinstance(n, Loop):
                inside(n.body, in_try)
                inside(n.orelse, in_try)
    inside(fn.body, False)
    for e in fn.events():
        if e is ev:
            return False
        if e.kind is EventKind.WRITE and id(e) not in guarded and _PLAIN_LOOKUP.match((e.value or "").strip()):
            return True
    return False


_MISSING = re.compile(r"\b(KeyError|LookupError)\b")
_LOOKUP = re.compile(r"\bself\.\w+\[")
_NOT_IN = re.compile(r"\bnot\s+in\s+self\.\w+\s*$|\bself\.\w+\.get\([^()]*\)\s+is\s+None\s*$")
_FILLS: dict[int, tuple[object, frozenset[int]]] = {}


def fills_absent_key(fn, ev) -> bool:
    """The store `ev` in `fn` runs only when a lookup of a key in a field just failed, in the same
    critical section: in the `except KeyError:` of a `try` whose body looks up `self.<field>[key]`,
    or under `if key not in self.<field>:`, with a lock held at both the lookup and the store.
    Such a store creates an entry and never replaces one: a reader that found the key keeps the
    value it found, and every caller of one key gets the entry the first one stored (a lock per
    origin made on first use, tests/corpus/il101_lock_table_filled_when_absent)."""
    hit = _FILLS.get(id(fn))
    if hit is None or hit[0] is not fn:
        out: set[int] = set()
        _collect_fills(fn.body, out)
        _FILLS[id(fn)] = hit = (fn, frozenset(out))
    return id(ev) in hit[1]


def _collect_fills(nodes, out: set[int]) -> None:
    from interlock.models.program import Branch, Loop, Try, flat_events

    for n in nodes:
        if isinstance(n, Try):
            lookups = [e for e in flat_events(n.body) if e.held and any(_LOOKUP.search(t or "") for t in (e.value, *e.args))]
            for h in n.handlers:
                if lookups and _MISSING.search(h.exception or ""):
                    _mark(flat_events(h.body), lookups, out)
                _collect_fills(h.body, out)
            for part in (n.body, n.orelse, n.final):
                _collect_fills(part, out)
        elif isinstance(n, Branch):
            if n.cond.held and _NOT_IN.search((n.cond.value or "").strip()):
                _mark(flat_events(n.then), [n.cond], out)
            _collect_fills(n.then, out)
            _collect_fills(n.orelse, out)
        elif isinstance(n, Loop):
            _collect_fills(n.body, out)
            _collect_fills(n.orelse, out)


def _mark(events, guards, out: set[int]) -> None:
    held = set().union(*(g.held for g in guards))
    for e in events:
        if e.kind is EventKind.MUTATE and e.op == "setitem" and held & set(e.held):
            out.add(id(e))


def is_snapshot(a: Access, idx: ConcurrencyIndex | None = None, key: Key | None = None) -> bool:
    """A copy of the container in one C call: `list(self.xs)`, and `self.xs[-100:]` unless the
    field is a numpy array (its slice is a view; `idx`/`key` say)."""
    if a.kind is EventKind.READ and a.event.op == "slice":
        return idx is not None and key is not None and not is_array(idx, key)
    return a.kind is EventKind.ITERATE and (a.event.op or "") in SNAPSHOT_OPS


def is_array(idx: ConcurrencyIndex, key: Key) -> bool:
    """A numpy array by constructor, or by annotation (`np.ndarray | None` starts as None)."""
    info = idx.model.attribute(*key)
    if info is None:
        return False
    if info.kind is AttrKind.ARRAY:
        return True
    hint = f"{info.annotation or ''} {info.type_name or ''}"
    return "ndarray" in hint or "NDArray" in hint


def shape(ctx: RuleContext, fn) -> FunctionShape:
    return shape_of(fn, ctx.cache.setdefault("shapes", {}))


def pair_id(a: Access, b: Access) -> tuple[int, int]:
    x, y = id(a), id(b)
    return (x, y) if x <= y else (y, x)


def short_lock(symbol: str) -> str:
    """`pkg.mod.Cls._lock` -> `Cls._lock`; unresolved `?lock` -> `lock`."""
    if symbol.startswith("?"):
        return symbol[1:]
    owner, attr = split_symbol(symbol)
    return f"{owner.rsplit('.', 1)[-1]}.{attr}" if owner else attr


def siblings(ctx: RuleContext, idx: ConcurrencyIndex, reach) -> dict[int, object]:
    """The other events of the same function in the same walk (context, class, call chain),
    by id(event): where a rule finds the lockset at a second point of the same execution."""
    memo = ctx.cache.setdefault("siblings", {})
    # one walk of a function shares one `chain` tuple object (see analysis._Walker.walk)
    key = (reach.context.name, reach.function.qualname, reach.cls, id(reach.chain))
    out = memo.get(key)
    if out is None:
        out = {}
        for r in idx.reaches_in(reach.function.qualname):
            if r.context.name == key[0] and r.cls == key[2] and r.chain is reach.chain:
                out.setdefault(id(r.event), r)
        memo[key] = out
    return out


def lock_symbols(idx: ConcurrencyIndex, reach, paths) -> frozenset[str]:
    """Lock access paths held inside the function, as symbols (as the index names them)."""
    return frozenset(idx.lock_symbol(reach.cls, reach.function, p) or f"?{p}" for p in paths)


def released_between(idx: ConcurrencyIndex, reach, events, locks: frozenset[str]) -> frozenset[str]:
    """The locks among `locks` that some RELEASE in `events` gives up, or a Condition's `wait()`
    lets go of while it waits. A release after which the walk still holds the lock gives up
    nothing: the inner `with lock:` of a function entered holding it (checker/handover.py)."""
    out = set()
    after = None
    for e in events:
        if (e.kind is EventKind.RELEASE or (e.kind is EventKind.WAIT and e.op == "wait")) and e.target:
            sym = idx.lock_symbol(reach.cls, reach.function, e.target) or f"?{e.target}"
            if sym in locks:
                if e.kind is EventKind.RELEASE:
                    if after is None:
                        after = {id(r.event): r.locks for r in idx.reaches_in(reach.function.qualname)
                                 if r.context.name == reach.context.name and r.cls == reach.cls
                                 and r.chain is reach.chain}
                    if sym in after.get(id(e), ()):
                        continue
                out.add(sym)
    return frozenset(out)
