"""Atomicity candidates: lost updates (IL103) and check-then-act (IL201, IL503 on a state field).

Both compare two points of one execution (the read and the write, the check and the act):
the locks held *continuously* between them are the ones held at both with no RELEASE of them in
between. A concurrent write that holds none of those can land in the gap.
"""
from __future__ import annotations

import ast
import re
from dataclasses import replace
from types import SimpleNamespace
from typing import Iterator

from interlock.checker import accessors
from interlock.checker.analysis import (
    ACCESS_KINDS, Access, ConcurrencyIndex, Reach, argument, declared_symbol, declaring_class,
)
from interlock.checker.context import RuleContext
from interlock.checker.rules import _buffers, _publication, _sizes
from interlock.checker.rules._claim_values import kept_off
from interlock.checker.rules._claims import claimed, claims as claims_of
from interlock.checker.rules._ownership import distinct_objects
from interlock.checker.rules._shared_state import (
    Candidate, Key, is_async_access, lock_symbols, may_interleave, may_meet, pair_id, released_between, shape,
    siblings,
)
from interlock.models.program import Branch, Event, EventKind, iter_events

Pairs = set[tuple[int, int]]


def specific(ctx: RuleContext, idx: ConcurrencyIndex, key: Key, accesses: list[Access]) -> Iterator[tuple[Candidate, Pairs]]:
    """Every specific candidate of one attribute, with the access pairs each one explains."""
    published = list(_publication.benign(ctx, idx, key, accesses))
    ordered = set().union(*(p for _, p in published))     # pairs a start/join/Event orders
    checks = list(checks_then_acts(ctx, idx, key, accesses))
    acts = {id(c.site.event): c for c, _ in checks if c is not None}
    for cand, pairs in lost_updates(ctx, idx, key, accesses):
        # a write-back under a stale check of the same field: the check-then-act is the bug, and its
        # fix (one section around test and store) also fixes the update (il201_property_check_then_setter)
        stale = acts.get(id(cand.site.event))
        yield (None if stale is not None and not _validates(stale, cand) else cand), pairs
    yield from checks
    yield from _buffers.iterations(ctx, idx, key, accesses, ordered)
    yield from _buffers.in_place(ctx, idx, key, accesses)
    yield from published


def _validates(check: Candidate, update: Candidate) -> bool:
    """The check compares the field with the local the update read it into (`if self.v == cur:`,
    a compare-and-set made outside the storing section): the update is the bug, the check its
    failed guard (tests/corpus/il103_compare_and_set)."""
    read = update.detail.get("read")
    return read is not None and read.kind is EventKind.WRITE and bool(read.target) and "." not in read.target \
        and _mentions(check.detail["branch"].cond.value or "", read.target)


def explain(site: Access, rivals: list[Access], accesses: list[Access]) -> Pairs:
    """Pairs covered by a finding at `site`: each rival with every access of the site's function."""
    mine = [x for x in accesses if x.function.qualname == site.function.qualname and x.context.name == site.context.name]
    return {pair_id(r, x) for r in rivals for x in mine}


# -- IL103 -----------------------------------------------------------------------------------

def lost_updates(ctx, idx, key, accesses) -> Iterator[tuple[Candidate, Pairs]]:
    writes = [a for a in accesses if a.is_write]
    seen: set[tuple[str, int]] = set()
    for a in writes:
        found = _rmw(ctx, idx, a)
        if found is not None:
            yield from _lost_update(ctx, idx, key, a, a, found, writes, accesses)
            continue
        for site, found in _rmw_through_call(ctx, idx, key, a):
            if (site.context.name, id(site.event)) not in seen:
                seen.add((site.context.name, id(site.event)))
                yield from _lost_update(ctx, idx, key, site, a, found, writes, accesses)


def _lost_update(ctx, idx, key, site: Access, a: Access, found, writes, accesses) -> Iterator[tuple[Candidate, Pairs]]:
    """`site` reads and writes back the attribute (itself, or a call that stores into it: `a`)."""
    atomic, read_event = found
    guard = None if atomic else _compare_and_set(ctx, idx, site, read_event)
    if atomic or (guard is not None and guard == site.event.target):
        return              # the update itself is atomic; a writer skipping its lock is IL101/IL102's
    rivals = [w for w in writes if may_interleave(idx, a, w) and not (guard and _bumps(ctx, idx, w, guard))]
    if rivals:
        # a state written back from a stale read of itself is a non-atomic transition
        code = "IL503" if site.event.op in (None, "=") and is_state_field(ctx, idx, key) else "IL103"
        cand = Candidate(code, key, site, rivals, detail={"read": read_event, "atomic": atomic})
        yield cand, explain(a, rivals, accesses) | explain(site, rivals, accesses)


def _rmw_through_call(ctx, idx, key: Key, a: Access) -> Iterator[tuple[Access, tuple[frozenset[str], Event]]]:
    """`a` stores a parameter of its function (a setter: `with lock: self._x = value`), and a
    caller passes a value computed from the attribute read earlier, directly, through a local or
    through an accessor (`self.x = self.x + dt` on a property whose getter and setter each lock;
    `self._store(self._load() + 1)`): the read and the write are in different critical sections
    unless the caller holds one lock across both (tests/corpus/il103_property_getter_setter).
    Yields the caller's call as the site, with the locks it holds across and the read."""
    ev, fn = a.event, a.function
    if ev.kind is not EventKind.WRITE or ev.op not in (None, "=") or not (ev.target or "").startswith("self.") \
            or ev.target.count(".") != 1:
        return
    param = next((p for p in fn.params[1:] if _mentions(ev.value or "", p)), None)
    if param is None or fn.is_static or fn.is_classmethod:
        return
    for call in _calls_to(ctx, idx, fn.qualname, a.context.name):
        arg = argument(call.event, fn, param)
        if arg is None:
            continue
        read = _feeding_read(ctx, idx, key, call, arg, accessors.receiver(call.event.callee or ""))
        if read is not None:
            site = Access(call, a.owner, a.attr, a.symbol, EventKind.WRITE, a.concrete)
            yield site, (_continuous(ctx, idx, site, read), read)


def _on(model, reach: Reach, path: str, recv: str, key: Key) -> bool:
    """`path` is the attribute `key` of the object `recv` names."""
    return accessors.receiver(path) == recv and accessors.is_field(model, reach.cls, path, key)


def _calls_to(ctx, idx, qualname: str, context: str):
    memo = ctx.cache.get("calls_to")
    if memo is None:
        memo = ctx.cache["calls_to"] = {}
        for r in idx.reaches:
            if r.event.kind is EventKind.CALL and r.event.resolved:
                memo.setdefault((r.event.resolved, r.context.name), []).append(r)
    return memo.get((qualname, context), ())


def _feeding_read(ctx, idx, key: Key, call: Reach, text: str, recv: str) -> Event | None:
    """The latest event before `call` that reads the attribute on `recv` into `text`: a read of
    it, a local copied from it, or a call of an accessor of `recv` that returns it; followed
    back through up to three locals (`cur = self.x; new = cur + d; self.x = new`)."""
    sh = shape(ctx, call.function)
    earlier = sh.events[:sh.order.get(id(call.event), 0)]
    model = idx.model
    for _ in range(3):
        hop = None
        for i in range(len(earlier) - 1, -1, -1):
            e = earlier[i]
            if e.kind is EventKind.CALL and e.callee and accessors.receiver(e.callee) == recv \
                    and _mentions(text, e.callee) and accessors.call_returns(model, model.functions.get(e.resolved or ""), key):
                return e
            if e.kind is EventKind.WRITE and e.target and "." not in e.target and _mentions(text, e.target):
                if any(_on(model, call, p, recv, key) for p in e.reads):
                    return e
                hop = i
                break
            if e.kind is EventKind.READ and e.target and _on(model, call, e.target, recv, key) and _mentions(text, e.target):
                return e
        if hop is None:
            return None
        text, earlier = earlier[hop].value or "", earlier[:hop]
    return None


def _rmw(ctx, idx, a: Access) -> tuple[frozenset[str], Event] | None:
    """(locks held across the read and the write, the read event) if `a` writes a value computed
    from the attribute itself: `x += 1`, `x = x + 1`, `d[k] = d.get(k) + 1`, or a local read
    earlier (`v = self.x` ... `self.x = v + 1`; one item, `v = d.get(k, 0)` ... `d[k] = v + 1`,
    tests/corpus/il103_get_then_set_through_local), also through more locals (`n = v + 1`; `self.x = n`)."""
    ev = a.event
    if ev.kind is EventKind.WRITE and ev.op not in (None, "="):
        return a.locks, ev
    if ev.kind is EventKind.MUTATE and (ev.op or "").endswith("=") and _sizes.first_subscript(ctx, ev) is not None:
        return a.locks, ev          # `d[k] += 1`: load the item, add, store it back
    if ev.target in ev.reads and (ev.kind is EventKind.WRITE or ev.op == "setitem"):
        if ev.op == "setitem" and _other_items_only(ev):
            return None     # `d[new] = d[old]`: copies another entry, computes nothing from this one
        return a.locks, ev
    item = ev.kind is EventKind.MUTATE and ev.op == "setitem"     # `v = d.get(k, 0)` ... `d[k] = v + 1`
    if not (ev.kind is EventKind.WRITE or item) or not ev.value:
        return None
    sh = shape(ctx, a.function)
    earlier = sh.events[:sh.order.get(id(ev), 0)]
    value, hops, carried = ev.value, 0, []
    # through up to three locals: `cur = self.x` ... `new = cur + n` ... `self.x = new`
    while hops < 3:
        step = None
        for i in range(len(earlier) - 1, -1, -1):
            prior = earlier[i]
            if (prior.kind is EventKind.WRITE and prior.target and "." not in prior.target
                    and _mentions(value, prior.target)):
                step = i
                break
        if step is None:
            return None
        prior = earlier[step]
        carried.append(prior.target)
        if ev.target in prior.reads:
            if item and (ev.key and not _mentions(prior.value or "", ev.key) or _tested(sh, ev, carried)):
                return None         # another item read, or a get-or-insert (`if v is None: d[k] = ...`): IL201's
            return _continuous(ctx, idx, a, prior), prior
        value, earlier, hops = prior.value or "", earlier[:step], hops + 1
    return None


def _other_items_only(ev: Event) -> bool:
    """The stored value reads the container only through items under other keys
    (`routes[alias] = routes[name]`, `d[b] = d.get(a)`): no item is read and written back."""
    try:
        value = ast.parse(ev.value or "", mode="eval")
        target = ast.dump(ast.parse(ev.target or "", mode="eval").body)
        key = ast.dump(ast.parse(ev.key or "", mode="eval").body)
    except SyntaxError:
        return False
    parents = {id(c): n for n in ast.walk(value) for c in ast.iter_child_nodes(n)}
    seen = False
    for node in ast.walk(value):
        if not isinstance(node, (ast.Attribute, ast.Name)) or ast.dump(node) != target:
            continue
        up = parents.get(id(node))
        if isinstance(up, ast.Subscript) and up.value is node:
            item = up.slice
        elif isinstance(up, ast.Attribute) and up.attr == "get" and isinstance(parents.get(id(up)), ast.Call) \
                and parents[id(up)].args:
            item = parents[id(up)].args[0]
        else:
            return False            # the container itself (`len(d)`, `d.setdefault(...)`)
        if ast.dump(item) == key:
            return False
        seen = True
    return seen


def _tested(sh, ev: Event, names: list[str]) -> bool:
    """A branch around `ev` tests one of the locals `names` (`if sess is None:`)."""
    return any(_mentions(b.cond.value or "", n) for b in sh.controls.get(id(ev), ()) for n in names)


def _compare_and_set(ctx, idx, a: Access, read: Event) -> str | None:
    """The field a compare-and-set tests before the write, in the write's own critical section:
    the field itself (`with lock: if self.v == seen: self.v = new`; tests/corpus/il103_compare_and_set)
    or a version counter read no later than the value and bumped in that section
    (`if self._version == seen: self.data = new; self._version += 1`;
    tests/corpus/il103_version_compare_and_set). A stale value is then never stored, provided
    every other writer bumps the version too (see `_bumps`)."""
    sh = shape(ctx, a.function)
    for b in sh.controls.get(id(a.event), ()):
        cond = b.cond
        reach = siblings(ctx, idx, a.reach).get(id(cond))
        both = (reach.locks & a.locks) if reach is not None else frozenset()
        held = both - released_between(idx, a.reach, sh.between(cond, a.event), both)
        if not held:
            continue
        if a.event.target in cond.reads:
            return a.event.target
        for field in cond.reads:
            if _is_version_guard(ctx, idx, a, sh, b, field, read, held):
                return field
    return None


def _is_version_guard(ctx, idx, a: Access, sh, branch: Branch, field: str, read: Event, held: frozenset[str]) -> bool:
    """`field` is compared with a local copied from it no later than `read` (the value's read),
    and the guarded section writes `field` under a lock of `held` (the version bump)."""
    target = a.event.target or ""
    if field == target or "." not in field or field.rsplit(".", 1)[0] != target.rsplit(".", 1)[0]:
        return False        # a field of the same object
    before = sh.events[:sh.order.get(id(read), 0) + 1]
    copied = any(e.kind is EventKind.WRITE and e.target and "." not in e.target and field in e.reads
                 and _mentions(branch.cond.value or "", e.target) for e in before)
    if not copied:
        return False
    walk = siblings(ctx, idx, a.reach)
    return any(e.kind is EventKind.WRITE and e.target == field and sh.controlled_by(branch, e)
               and (r := walk.get(id(e))) is not None and r.locks & held for e in sh.events)


def _bumps(ctx, idx, w: Access, field: str) -> bool:
    """The rival write `w` also writes the version (`field`'s attribute on the object `w` writes)
    in the same critical section: it invalidates every snapshot taken before it."""
    if "." not in (w.event.target or "") or not w.locks:
        return False
    version = f"{w.event.target.rsplit('.', 1)[0]}.{field.rsplit('.', 1)[1]}"
    sh = shape(ctx, w.function)
    walk = siblings(ctx, idx, w.reach)
    for e in sh.events:
        r = walk.get(id(e)) if e.kind is EventKind.WRITE and e.target == version else None
        if r is None or not (common := r.locks & w.locks):
            continue
        first, last = sorted((e, w.event), key=lambda x: sh.order.get(id(x), 0))
        if common - released_between(idx, w.reach, sh.between(first, last), common):
            return True
    return False


def _continuous(ctx, idx, a: Access, first: Event) -> frozenset[str]:
    """Locks held from `first` to `a.event` without a release in between."""
    first_reach = siblings(ctx, idx, a.reach).get(id(first))
    first_locks = first_reach.locks if first_reach is not None else a.locks - lock_symbols(idx, a.reach, a.event.held)
    both = first_locks & a.locks
    gone = released_between(idx, a.reach, shape(ctx, a.function).between(first, a.event), both)
    return both - gone


_mentions = accessors.mentions


# -- IL201 -----------------------------------------------------------------------------------

def checks_then_acts(ctx, idx, key, accesses) -> Iterator[tuple[Candidate, Pairs]]:
    """IL201 candidates; a stale check of a state field before a transition of it is IL503's."""
    writes = [a for a in accesses if a.is_write]
    if not writes or _declared_state_field(ctx, key):
        return          # the explorer checks a declared machine with the declared contexts: it decides
    transition = "IL503" if is_state_field(ctx, idx, key) else "IL201"
    sized = _sizes.never_resized(ctx, idx, key, accesses)       # a test of its length tests a constant
    paths = {p: sized for p in _paths_of(accesses)}
    for act in accesses:
        if not (act.is_write or _dereferences(ctx, act.event)) or _checks_itself(act.event):
            continue
        yield from _stale_act(ctx, idx, key, act, accesses, writes, paths, transition)
    if transition == "IL503":
        seen: set[tuple[str, int]] = set()
        for w in writes:
            for site in _setter_calls(ctx, idx, w):
                if (site.context.name, id(site.event)) not in seen:
                    seen.add((site.context.name, id(site.event)))
                    yield from _stale_act(ctx, idx, key, site, accesses, writes, paths, transition, membership=False)


def _stale_act(ctx, idx, key, act: Access, accesses, writes, paths, transition: str,
               membership: bool = True) -> Iterator[tuple[Candidate, Pairs]]:
    """The candidate of one act: the check it depends on went stale in a gap between sections."""
    sh = shape(ctx, act.function)
    checks = [(b, ev) for b in sh.controls.get(id(act.event), ()) for ev in [_check_event(sh, b, paths)] if ev]
    if not checks:
        found = _membership_then_act(ctx, idx, key, act, accesses, writes) if membership else None
        if found is None and membership:
            found = _waited_in_helper(ctx, idx, key, act, accesses, writes)
        if found is None and membership:
            found = _raised_in_helper(ctx, idx, key, act, accesses, writes)
        if found is not None:
            yield found
        return
    branch, check = checks[-1]                    # the innermost re-check decides (double-checked locking)
    if len(checks) > 1 and not is_async_access(act) and not _informs(sh, branch, check, act.event, paths):
        # `if self.closed and not self.jobs: return` after `if not self.jobs: cond.wait()`: past
        # the guard, `not closed or jobs` holds, which says nothing of `jobs`: the outer test
        # still decides (tests/corpus/il201_condition_if_wait_then_conjunct_guard); a coroutine's
        # wait is an await, IL403's (il403_async_condition_wait_under_if)
        informing = [c for c in checks[:-1] if _informs(sh, c[0], c[1], act.event, paths)]
        if informing:
            branch, check = informing[-1]
    if not act.is_write and check is not branch.cond and not _looks_up_tested_key(ctx, check, act):
        return          # a fresh read after testing a local copy is a re-check, not a stale use
    if _undoes_reservation(idx, act, check, key) or _entry_ensured(ctx, act, check) \
            or _grows_after_nonempty(act, branch):
        return
    found = _gap(ctx, idx, act, check, branch)
    if found is None:
        yield from _benign_outer(accesses, checks)
        return
    lc, awaits = found
    if not (lc or act.locks) and is_async_access(act) \
            and any(a.is_write and a.function is act.function for a in accesses):
        return          # the coroutine also writes it after the await: one bug, IL403's
    lc = frozenset(lk for lk in lc if not idx.counts_permits(lk))     # a semaphore's permit excludes no one
    claim = _claim(ctx, idx, act, check, lc)
    lockless = not (lc or act.locks)
    lookup = lockless and not act.is_write                  # a lookup of the key found present
    rivals = [w for w in writes if _may_race(idx, act, w, lc) and idx.same_object(act, w)
              and not _claimed_apart(ctx, idx, act, check, w) and (_removes(w) or not lookup)
              and (not lockless or may_meet(idx, act, w))  # no lock: the plain race rules' ownership applies
              and (awaits or not (is_async_access(act) and is_async_access(w)))
              and (claim is None or _ends_claim(ctx, w, claim))]
    if rivals:
        code = transition if act.kind is EventKind.WRITE else "IL201"
        cand = Candidate(code, key, act, rivals, locks=tuple(sorted({declared_symbol(idx.model, lk) for lk in lc | act.locks})),
                         detail={"check": check, "branch": branch})
        if lockless and _removes_tested_entry(act, branch, check):
            # a store of a fresh entry (`put`) races the test's read as a plain unguarded write of its
            # own, reported at the store (IL101); the removals' runs are this finding's
            stores = [w for w in rivals if not _removes(w)]
            yield cand, explain(act, [w for w in rivals if _removes(w)], accesses) | {pair_id(w, act) for w in stores}
            return
        yield cand, explain(act, rivals, accesses)


def _setter_calls(ctx, idx, w: Access) -> Iterator[Access]:
    """The calls of a state setter (`def _enter(self, phase): with lock: self.phase = phase`,
    the store unconditional) as acts in their callers, holding the locks of the store: a caller
    that tested the state before the call acts on that test (tests/corpus/il503_setter_takes_the_new_state)."""
    ev, fn = w.event, w.function
    if ev.kind is not EventKind.WRITE or ev.op not in (None, "=") or fn.is_static or fn.is_classmethod \
            or shape(ctx, fn).controls.get(id(ev)):
        return
    param = next((p for p in fn.params[1:] if (ev.value or "").strip() == p), None)
    if param is None:
        return
    for call in _calls_to(ctx, idx, fn.qualname, w.context.name):
        if argument(call.event, fn, param) is not None:
            yield Access(replace(call, locks=w.locks), w.owner, w.attr, w.symbol, EventKind.WRITE, w.concrete)


def _claim(ctx, idx, act: Access, check: Event, check_locks: frozenset[str]) -> Event | None:
    """The check's critical section writes the acted-on field before it ends (`if state != IDLE:
    return; state = STARTING`, `while self._writer: wait(); self._writer = True`): the thread's
    claim, its last such write. A later act of it (`finally: self._writer = False`) releases its
    own claim and uses no stale value (tests/corpus/il201_gate_flag_claimed_then_released),
    unless a rival can move the field off the claimed value meanwhile (`_ends_claim`)."""
    found = None
    for e in shape(ctx, act.function).between(check, act.event):
        if e.kind is EventKind.RELEASE and e.target and idx.lock_symbol(act.reach.cls, act.function, e.target) in check_locks:
            break
        if e.kind is EventKind.WRITE and e.target == act.event.target:
            found = e
    return found


def _ends_claim(ctx, w: Access, claim: Event) -> bool:
    """The rival write `w` may land while the field still holds the claimed value: it is not a
    plain store kept off that value by its own test (rules/_claim_values.py; a `cancel` that
    moves RUNNING on, tests/corpus/il503_claimed_state_cancelled_during_work; a `reset` that
    stores whatever the state, tests/corpus/il503_claim_broken_by_unconditional_reset)."""
    ev = w.event
    if ev.kind is not EventKind.WRITE or ev.op not in (None, "="):
        return True
    return not kept_off(shape(ctx, w.function), ev, claim.value)


def _claimed_apart(ctx, idx, act: Access, check: Event, w: Access) -> bool:
    """The check and the act lie in one claim of a busy flag, and the rival write in a claim of
    the same flag and lock: they exclude each other (rules/_claims.py)."""
    mine = _claim_keys(ctx, idx, act, check)
    return bool(mine) and bool(mine & _claim_keys(ctx, idx, w, w.event))


def _claim_keys(ctx, idx, a: Access, first: Event) -> set[tuple]:
    sh = shape(ctx, a.function)
    found = ctx.cache.setdefault("claims", {})
    if a.function.qualname not in found:
        found[a.function.qualname] = claims_of(sh)
    cls = a.reach.cls or a.function.cls
    return {(idx.model.resolve(cls, c.flag), lock_symbols(idx, a.reach, c.locks))
            for c in found[a.function.qualname] if claimed(sh, c, first) and claimed(sh, c, a.event)}


def _may_race(idx, act: Access, w: Access, check_locks: frozenset[str]) -> bool:
    """The owner's lifecycle calls (`start`, `stop`) come one at a time (ConcurrencyIndex.overlap),
    except where the check is made under a lock and claims nothing there: a `start` that tests
    the state under the object's lock is written for callers that race, so two of them do
    (tests/corpus/il503_double_start_locked_check). One that also moves the state on in that
    section (`state = STARTING`) claimed it and has no stale act unless a rival ends the claim
    (`_claim`, `_ends_claim`). Whatever the locks, a write to another owner's own object is no
    rival (tests/corpus/il201_session_of_each_client)."""
    if distinct_objects(idx, act, w):
        return False
    if check_locks:
        return idx.concurrent(act.reach.context, w.reach.context)
    return idx.overlap(act.reach, w.reach)


RELATIVE = ("+=", "-=")


def _undoes_reservation(idx, act: Access, check: Event, key: Key) -> bool:
    """`if self.n >= limit: raise; self.n += 1` in one critical section, and later, in another,
    `self.n -= 1` on failure: the act is a relative update that gives back what the check's own
    section reserved; it needs no stale value (tests/corpus/il201_reserve_then_roll_back). A
    check whose section does not update the field (`if balance >= x` ... `balance -= x`) stays
    a check-then-act."""
    if act.event.kind is not EventKind.WRITE or act.event.op not in RELATIVE:
        return False
    cls = act.reach.cls or act.function.cls
    region = set(check.held)
    for ev in act.function.events():
        if ev is act.event:
            return False
        if ev.kind is EventKind.WRITE and ev.op in RELATIVE and region and region <= set(ev.held) \
                and ev.loc.line >= check.loc.line and idx.model.resolve(cls, ev.target or "") == key:
            return True
    return False


def _checks_itself(ev: Event) -> bool:
    """`d.setdefault(k, v)` tests and inserts in one step and hands back the entry that won: a
    stale earlier check only chose the slow path (tests/corpus/il201_setdefault_registry)."""
    return ev.kind is EventKind.MUTATE and ev.op == "setdefault"


# a membership test through the class's own `__contains__` (`if key in self:`, `if key in self.cache:`)
# or a query method of the program (`if self._has_free():`), and an act reached through another
# call (`self[key]`, `self.cache[key]`, `del self[key]`)

def _membership_then_act(ctx, idx, key: Key, act: Access, accesses, writes) -> tuple[Candidate, Pairs] | None:
    """`if key in obj:` (the class's `__contains__`, which reads the field under its lock) and an
    act on the field under that test, in the function itself or through a call it makes there,
    in different critical sections (tests/corpus/il201_contains_then_getitem)."""
    for level, reach in enumerate(_levels(ctx, idx, act)):
        sh = shape(ctx, reach.function)
        for branch in reversed(sh.controls.get(id(reach.event), ())):
            found = next(((c, r, chk) for c in _condition_calls(idx, sh, branch)
                          if (r := siblings(ctx, idx, reach).get(id(c))) is not None
                          and (chk := _read_inside(idx, key, r)) is not None), None)
            if found is None:
                continue
            call, call_reach, check = found
            check_event, check_locks = check
            if level == 0 and _undoes_reservation(idx, act, call, key):
                return None         # the query's section reserved, this gives it back (il201_reserve_through_query_then_roll_back)
            lockless = not (check_locks or act.locks)
            if lockless and (is_async_access(act) or not _lockless_through_calls(ctx, idx, sh, branch, act, level)):
                return None         # no lock on either side: the plain race rules own it
            between = sh.between(call, reach.event)
            common = call_reach.locks & reach.locks
            if common - released_between(idx, reach, between, common):
                return None         # one critical section of the caller spans the test and the act
            awaits = any(e.kind is EventKind.AWAIT or e.awaited for e in between)
            rivals = [w for w in writes if idx.overlap(act.reach, w.reach) and idx.same_object(act, w)
                      and not distinct_objects(idx, act, w) and (not lockless or may_meet(idx, act, w))
                      and (awaits or not (is_async_access(act) and is_async_access(w)))]
            if not rivals:
                return None
            site = act if level == 0 else Access(reach, act.owner, act.attr, act.symbol, act.kind, act.concrete)
            locks = tuple(sorted({declared_symbol(idx.model, lk) for lk in check_locks | act.locks}))
            code = "IL503" if act.kind is EventKind.WRITE and is_state_field(ctx, idx, key) else "IL201"
            cand = Candidate(code, key, site, rivals, locks=locks, detail={"check": call, "branch": branch})
            mine = [act] + [a for a in accesses if a.context.name == act.context.name and (
                a.event is check_event or a.function.qualname == call.resolved)]    # every read the query makes
            return cand, {pair_id(r, x) for r in rivals for x in mine}
    return None


def _lockless_through_calls(ctx, idx, sh, branch: Branch, act: Access, level: int) -> bool:
    """With no lock on either side, the test made by query methods and the act made (at `level`)
    through calls is one of the lockless check-then-acts of `_lockless_act` once the queries'
    returned expressions and the act's path are written in the caller's terms: `if not
    self._is_new(u): return` with `_is_new` returning `u not in self._seen and len(self._seen) <
    self.limit`, then `self._mark(u)` adding to `self._seen` is a growth under a size cap
    (tests/corpus/il201_lockless_cap_through_helpers)."""
    node = _publication.parse(branch.cond.value)
    if node is None:
        return False
    calls = list(_condition_calls(idx, sh, branch))
    node = _Inline(idx, calls).visit(node)
    reaches = list(_levels(ctx, idx, act, level + 1))
    if len(reaches) != level + 1:
        return False
    target = act.event.target
    for r in reaches[1:]:
        target = _in_caller(idx, r.event, target)
        if target is None:
            return False
    ev = act.event.model_copy(update={"target": target})
    site = reaches[-1].event
    in_then = any(e is site for e in iter_events(branch.then))
    cond = branch.cond.model_copy(update={"value": ast.unparse(node)})
    inlined = Branch(cond=cond, then=(ev,) if in_then else ())
    shim = SimpleNamespace(event=ev, function=reaches[-1].function)
    return _creates_when_absent(shim, inlined, cond) or _grows_under_cap(shim, inlined)


def _receiver(idx, call: Event) -> tuple[object, str | None] | None:
    """The called function of the program and the source of the object its `self` is (None for a
    plain function); None when the call is not such a call."""
    fn = idx.model.functions.get(call.resolved or "")
    if fn is None or not call.callee:
        return None
    if fn.cls is None or fn.is_static or fn.is_classmethod:
        return fn, None
    recv, dot, _ = call.callee.rpartition(".")
    return (fn, recv) if dot and recv else None


def _in_caller(idx, call: Event, path: str | None) -> str | None:
    """An access path of the callee (`self._seen`) as the caller spells it (`self.reg._seen` for
    `self.reg.mark(u)`); a module global stays as it is."""
    found = _receiver(idx, call)
    if found is None or not path:
        return None
    recv = found[1]
    if path == "self" or path.startswith("self."):
        return None if recv is None else recv + path[4:]
    return path


class _Inline(ast.NodeTransformer):
    """Replaces each call of a query method in a condition by the expression it returns, its
    parameters and `self` replaced by the call's arguments and receiver."""

    def __init__(self, idx, calls: list[Event]) -> None:
        self.idx, self.calls = idx, calls

    def visit_Call(self, node: ast.Call):
        self.generic_visit(node)
        func = ast.unparse(node.func)
        for call in self.calls:
            found = _receiver(self.idx, call) if call.callee == func else None
            body = _returned(found[0]) if found else None
            if body is None or node.keywords:
                continue
            fn, recv = found
            params = list(fn.params[1:] if recv is not None else fn.params)
            subst = {p: a for p, a in zip(params, node.args)}
            if recv is not None:
                if (r := _publication.parse(recv)) is None:
                    continue
                subst[fn.params[0]] = r
            return _Substitute(subst).visit(body)
        return node


class _Substitute(ast.NodeTransformer):
    def __init__(self, subst: dict[str, ast.expr]) -> None:
        self.subst = subst

    def visit_Name(self, node: ast.Name):
        return self.subst.get(node.id, node)


def _returned(fn) -> ast.expr | None:
    """The expression a function returns when its one return statement returns a value."""
    returns = [e for e in fn.events() if e.kind is EventKind.RETURN]
    if len(returns) != 1 or not returns[0].value:
        return None
    return _publication.parse(returns[0].value)


def _waited_in_helper(ctx, idx, key: Key, act: Access, accesses, writes) -> tuple[Candidate, Pairs] | None:
    """`with cond: self._await_work(); job = self._jobs.pop(0)` where the helper, run with the
    caller's Condition held, tests the field and waits once (`if not self._jobs: self._cond.wait()`):
    the wait lets go of the lock, so the act after the call counts on a test made before it, as
    the inline `if`-wait does (tests/corpus/il201_condition_wait_in_helper)."""
    if not act.locks or not (act.is_write or act.kind is EventKind.MUTATE):
        return None
    sh = shape(ctx, act.function)
    near = siblings(ctx, idx, act.reach)
    field = f"self.{key[1]}"
    for call in reversed(sh.events[:sh.order.get(id(act.event), 0)]):
        call_reach = near.get(id(call))
        if call.kind is not EventKind.CALL or not call.resolved or call.awaited or call_reach is None \
                or (call.target or "self").split(".")[0] != "self":
            continue
        fn = idx.model.functions.get(call.resolved)
        branch = _wait_branch(idx, fn, field, call_reach) if fn is not None else None
        if branch is None:
            continue
        common = call_reach.locks & act.locks
        if not common or sh.controls.get(id(call)):
            return None         # (an act under no test of its own: a call under one is on another path)
        rivals = [w for w in writes if _may_race(idx, act, w, common) and idx.same_object(act, w)
                  and (not (is_async_access(act) and is_async_access(w)))]
        if not rivals:
            return None
        locks = tuple(sorted({declared_symbol(idx.model, lk) for lk in common | act.locks}))
        code = "IL503" if act.kind is EventKind.WRITE and is_state_field(ctx, idx, key) else "IL201"
        cand = Candidate(code, key, act, rivals, locks=locks, detail={"check": call, "branch": branch})
        mine = [act] + [a for a in accesses if a.event is branch.cond and a.context.name == act.context.name]
        return cand, {pair_id(r, x) for r in rivals for x in mine}
    return None


def _raised_in_helper(ctx, idx, key: Key, act: Access, accesses, writes) -> tuple[Candidate, Pairs] | None:
    """`self._require(n)` (a guard helper: `with self._lock: if self._balance < n: raise ...`)
    and later, in another critical section, `with self._lock: self._balance -= n`: the act
    counts on the test the helper made, as after the inline guard clause `if ...: raise`; another
    thread can pass the same test in between (tests/corpus/il201_check_in_raising_guard_helper).
    A coroutine's check, await and act is IL403's."""
    if not (act.is_write or act.kind is EventKind.MUTATE) or is_async_access(act):
        return None
    sh = shape(ctx, act.function)
    if sh.controls.get(id(act.event)):
        return None
    near = siblings(ctx, idx, act.reach)
    field = f"self.{key[1]}"
    for call in reversed(sh.events[:sh.order.get(id(act.event), 0)]):
        call_reach = near.get(id(call))
        if call.kind is not EventKind.CALL or not call.resolved or call.awaited or call_reach is None \
                or (call.callee or "").split(".")[0] != "self" or sh.controls.get(id(call)):
            continue
        fn = idx.model.functions.get(call.resolved)
        branch = _raise_branch(fn, field) if fn is not None and not fn.is_async else None
        check = _read_inside(idx, key, call_reach) if branch is not None else None
        if check is None:
            continue
        check_locks = check[1]
        if not (check_locks or act.locks) or _undoes_reservation(idx, act, call, key):
            return None         # no lock on either side: the plain race rules own it
        between = sh.between(call, act.event)
        common = call_reach.locks & act.locks
        if common - released_between(idx, act.reach, between, common):
            return None         # one critical section of the caller spans the test and the act
        rivals = [w for w in writes if _may_race(idx, act, w, check_locks) and idx.same_object(act, w)
                  and not is_async_access(w)]
        if not rivals:
            return None
        locks = tuple(sorted({declared_symbol(idx.model, lk) for lk in check_locks | act.locks}))
        code = "IL503" if act.kind is EventKind.WRITE and is_state_field(ctx, idx, key) else "IL201"
        cand = Candidate(code, key, act, rivals, locks=locks, detail={"check": call, "branch": branch})
        mine = [act] + [a for a in accesses if a.context.name == act.context.name and a.function.qualname == call.resolved]
        return cand, {pair_id(r, x) for r in rivals for x in mine}
    return None


def _raise_branch(fn, field: str) -> Branch | None:
    """The helper's guard clause on `field` at its top level: `if <test of field>: raise ...`,
    no `else`, the arm ending in the raise."""
    for n in fn.body:
        if isinstance(n, Branch) and not n.orelse and field in n.cond.reads and n.then \
                and isinstance(n.then[-1], Event) and n.then[-1].kind is EventKind.RAISE:
            return n
    return None


def _wait_branch(idx, fn, field: str, call_reach) -> Branch | None:
    """The helper's `if <test of field>: cond.wait()` at its top level (no `else`, the arm goes
    on), waiting on a Condition the caller holds at the call."""
    for n in fn.body:
        if not isinstance(n, Branch) or n.orelse or field not in n.cond.reads:
            continue
        for w in n.then:
            if isinstance(w, Event) and w.kind is EventKind.WAIT and w.op == "wait" and w.target \
                    and idx.lock_symbol(call_reach.cls, fn, w.target) in call_reach.locks:
                return n
    return None


def _levels(ctx, idx, act: Access, depth: int = 3):
    """The act's reach, then the reach of each call on its chain, innermost first (`depth` levels)."""
    reach = act.reach
    for _ in range(depth):
        yield reach
        if not reach.chain:
            return
        reach = idx.caller_reach(reach)
        if reach is None:
            return


def _condition_calls(idx, sh, branch: Branch):
    """The program's own calls evaluated for the branch's condition, last first: `key in obj`
    (its `__contains__`) or a query method (`if not self._has_free():`, `if fm.is_loaded():`)
    whose body reads the field under its own lock and writes nothing (tests/corpus/
    il201_check_through_locked_query). A method that also acts (`if not ctl.finish(): return`,
    which tests and sets the state in one critical section) answers for its own act."""
    cond = branch.cond
    first, last = cond.loc.line, cond.loc.end_line or cond.loc.line
    for prior in reversed(sh.events[:sh.order.get(id(cond), 0)]):
        if not first <= prior.loc.line <= last:
            return
        if prior.kind is EventKind.CALL and prior.resolved and not prior.awaited and _is_query(idx, prior.resolved):
            yield prior


def _is_query(idx, qualname: str) -> bool:
    fn = idx.model.functions.get(qualname)
    return fn is not None and not any(e.kind in (EventKind.WRITE, EventKind.MUTATE) for e in fn.events())


def _read_inside(idx, key: Key, call_reach) -> tuple[Event, frozenset[str]] | None:
    """The access of the field `key` on the called object (`self.<attr>` in its `__contains__`)
    made by the call of `call_reach`, and the locks held there: the caller's at the call and the
    callee's own (a walk visits a callee once per context and lockset, so its reach may come
    from another call site)."""
    field = f"self.{key[1]}"
    for r in idx.reaches_in(call_reach.event.resolved or ""):
        if r.event.kind in ACCESS_KINDS and r.event.target == field:
            return r.event, call_reach.locks | lock_symbols(idx, r, r.event.held)
    return None


def _dereferences(ctx: RuleContext, ev: Event) -> bool:
    """A read that uses the checked object (`self.x.play()`, `self.x[k]`), not one that re-tests it."""
    if ev.kind is not EventKind.READ or not ev.loc.end_line:
        return False
    lines = ctx.lines(ev.loc.path, ev.loc.end_line)
    rest = lines[0][ev.loc.end_column:] if lines else ""
    return rest[:1] in (".", "[")


def _entry_ensured(ctx: RuleContext, act: Access, check: Event) -> bool:
    """`d.setdefault(k, v)` (or `d[k] = v`) and then `return d[k]` in one atomic step (the same
    critical section, or on the event loop with no await between): the lookup finds the entry
    whatever an earlier, stale test of `k in d` saw; the first writer wins
    (tests/corpus/il201_fill_with_setdefault_then_look_up)."""
    ev = act.event
    if ev.kind is not EventKind.READ or not ev.target or not (act.locks or act.function.is_async):
        return False
    key = _subscript_of(ctx, ev)
    if key is None:
        return False
    for e in reversed(shape(ctx, act.function).between(check, ev)):
        if e.kind in (EventKind.RELEASE, EventKind.AWAIT, EventKind.WAIT):
            return False
        if e.kind is EventKind.MUTATE and e.target == ev.target and (
                (e.op == "setdefault" and e.args and e.args[0].strip() == key)
                or (e.op == "setitem" and (e.key or "").strip() == key)):
            return True
    return False


def _subscript_of(ctx: RuleContext, ev: Event) -> str | None:
    """The index of the lookup `ev` makes (`self.items[key]` -> `key`), from the source."""
    m = re.match(r"\[([^\[\]]+)\]", _after(ctx, ev))
    return m.group(1).strip() if m else None


def _after(ctx: RuleContext, ev: Event) -> str:
    """The source right after the path `ev` reads, on its last line (`[key]` of `self.items[key]`)."""
    if not ev.loc.end_line:
        return ""
    lines = ctx.lines(ev.loc.path, ev.loc.end_line)
    return lines[0][ev.loc.end_column:] if lines else ""


def _looks_up_tested_key(ctx: RuleContext, check: Event, act: Access) -> bool:
    """`known = key in self.items` ... `if known: self.items[key].touch()`: the flag holds a
    membership test of the container and the act looks an entry up in it; that lookup relies on
    the stale test (KeyError when another context removed the key), it does not re-check it."""
    target = act.event.target or ""
    value = (check.value or "").strip()
    if check.kind is not EventKind.WRITE or not target or act.event.kind is not EventKind.READ \
            or re.search(rf"\bin\s+{re.escape(target)}$", value) is None:
        return False
    return _after(ctx, act.event).startswith("[")


def is_state_field(ctx, idx, key: Key) -> bool:
    """A state machine's field: declared by the component's spec, or inferred by the extractor
    (assigned enum members or str/int constants, module-level named ones included). A stale
    check of it before a transition is a non-atomic transition (IL503), whether or not the
    explorer also proves the bad state it reaches (tests/corpus/il503_stale_state_check_same_outcome)."""
    if _declared_state_field(ctx, key):
        return True
    return any(sm.field == key[1] and key[0] in (sm.cls, declaring_class(idx.model, sm.cls, sm.field))
               for sm in idx.model.state_machines)


def _declared_state_field(ctx, key: Key) -> bool:
    """A state machine the component's spec declares: the explorer runs the declared contexts
    against its transitions and the serial outcomes, so a stale check it finds harmless (the
    rival's write cannot happen in that state) is not reported statically."""
    spec = ctx.component.spec
    short = key[0].rsplit(".", 1)[-1]
    return spec is not None and any(m.field == key[1] and m.class_.rsplit(".", 1)[-1] == short
                                    for m in spec.state_machine)


def _paths_of(accesses: list[Access]) -> set[str]:
    return {a.event.target for a in accesses if a.event.target}


def _informs(sh, branch: Branch, check: Event, act: Event, paths) -> bool:
    """On the side of `branch` that reaches `act`, its condition tells something of the tested
    field on its own: not the fall-through of a guard `if A and <field test>: return` (nor the
    then arm of `A or <field test>`), where only `not A or ...` is known."""
    if check is not branch.cond:
        return True
    try:
        node = ast.parse(" ".join((branch.cond.value or "").split()), mode="eval").body
    except SyntaxError:
        return True
    if any(e is act for e in iter_events(branch.then)):
        side = True
    elif any(e is act for e in iter_events(branch.orelse)):
        side = False
    elif branch.then and _ends_arm(branch.then):
        side = False                                # past a guard clause
    else:
        return True                                 # `if not jobs: cond.wait()`, `while` waits
    fields = [q for q in check.reads if q in paths]
    return _tells(node, side, fields)


def _ends_arm(nodes) -> bool:
    last = nodes[-1] if nodes else None
    return isinstance(last, Event) and last.kind in (EventKind.RETURN, EventKind.RAISE, EventKind.JUMP)


def _tells(node: ast.expr, side: bool, fields: list[str]) -> bool:
    """`node` being `side` constrains one of `fields` by itself."""
    while isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        node, side = node.operand, not side
    if not isinstance(node, ast.BoolOp):
        return True
    text = [ast.unparse(v) for v in node.values]
    mine = [v for v, t in zip(node.values, text) if any(_mentions(t, f) for f in fields)]
    if len(mine) != len(node.values) and ((isinstance(node.op, ast.And) and not side)
                                          or (isinstance(node.op, ast.Or) and side)):
        return False                                # `not (A and B)`, `A or B`: neither on its own
    return any(_tells(v, side, fields) for v in mine) if mine else True


def _check_event(sh, branch: Branch, paths) -> Event | None:
    """The event that reads the checked state: the condition itself, or the local it tests.
    `paths` maps each path to whether it is a never-resized container, whose `len()` is no check."""
    cond = branch.cond
    if _tests(cond, paths):
        return cond
    if not cond.value:
        return None
    for prior in reversed(sh.events[:sh.order.get(id(cond), 0)]):
        if (prior.kind is EventKind.WRITE and prior.target and "." not in prior.target
                and _tests(prior, paths) and _mentions(cond.value, prior.target)):
            return prior
    return None


def _tests(ev: Event, paths) -> bool:
    return any(p in paths and not (paths[p] and _sizes.only_sized(ev.value, p)) for p in ev.reads)


def _gap(ctx, idx, act: Access, check: Event, branch: Branch) -> tuple[frozenset[str], bool] | None:
    """(locks at the check, an await in between) when check and act are in different critical
    sections; None when one section spans both. With no lock on either side, only lazy creation
    is one (`_creates_when_absent`); other lockless checks are left to the plain race rules."""
    check_reach = siblings(ctx, idx, act.reach).get(id(check))
    if check_reach is None:
        return None
    lc, la = idx.section_locks(check_reach, check.reads), act.locks
    between = shape(ctx, act.function).between(check, act.event)
    if not lc and not la:
        if is_async_access(act):
            # a coroutine's check, await, act is IL403's when the act writes; a lookup of the key
            # found present after an await writes nothing, and a task that removes the entry
            # meanwhile makes it raise KeyError (tests/corpus/il201_async_lookup_after_await_evicted)
            if act.is_write or not _looks_up_present_key(ctx, act, branch) \
                    or not any(e.kind is EventKind.AWAIT or e.awaited for e in between):
                return None
        elif not _lockless_act(ctx, act, branch, check):
            return None
    continuous = (lc & la) - released_between(idx, act.reach, between, lc & la)
    if continuous or _rechecked(idx, act, check, between):
        return None
    return lc, any(e.kind is EventKind.AWAIT or e.awaited for e in between)


def _lockless_act(ctx, act: Access, branch: Branch, check: Event) -> bool:
    """With no lock on either side, the acts that a stale check makes wrong whatever the rival
    writes, whose fix is one lock around both (not a lock on the act): lazy creation, growth under
    a size cap, a lookup of the key found present."""
    return _creates_when_absent(act, branch, check) or _grows_under_cap(act, branch) \
        or _looks_up_present_key(ctx, act, branch) or _removes_tested_entry(act, branch, check)


GROW_OPS = frozenset({"append", "appendleft", "add", "insert", "extend", "extendleft", "setitem", "put"})
#: changes that can take away the entry a lookup found: a KeyError/IndexError after the test
REMOVING_OPS = frozenset({"pop", "popitem", "popleft", "clear", "delitem", "remove", "discard"})


def _grows_under_cap(act: Access, branch: Branch) -> bool:
    """`if len(self._w) < cap: ... self._w.append(t)` (or a guard clause `if len(x) >= cap:
    return`): two contexts both see room for one more and both add, past the cap
    (tests/corpus/il201_lockless_size_cap_then_append)."""
    ev = act.event
    if ev.kind is not EventKind.MUTATE or ev.op not in GROW_OPS or not ev.target:
        return False
    node = _publication.parse(branch.cond.value)
    names = _names(act, ev.target)
    return node is not None and any(
        isinstance(n, ast.Compare) and any(isinstance(o, (ast.Lt, ast.LtE, ast.Gt, ast.GtE)) for o in n.ops)
        and any(_is_len_of(x, names) for x in (n.left, *n.comparators)) for n in ast.walk(node))


def _grows_after_nonempty(act: Access, branch: Branch) -> bool:
    """`if not self.todo: return` ... `self.todo.append(link)` (or the act inside `if self.todo:`):
    the act adds to the container on the path where it was found non-empty, and adding needs
    no item to be there: a rival that empties it meanwhile makes nothing wrong
    (tests/corpus/il103_crawler_pushes_after_empty_guard). Adding where it was found empty is
    lazy filling and stays a check-then-act."""
    ev = act.event
    if ev.kind is not EventKind.MUTATE or ev.op not in GROW_OPS or not ev.target:
        return False
    node = _publication.parse(branch.cond.value)
    negated = isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not)
    tested = node.operand if negated else node
    if not isinstance(tested, (ast.Name, ast.Attribute)) or ast.unparse(tested) not in _names(act, ev.target):
        return False
    in_then = any(e is ev for e in iter_events(branch.then))
    return in_then != negated                # truthy where the act runs


def _is_len_of(node, names: tuple[str, ...]) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "len" \
        and len(node.args) == 1 and ast.unparse(node.args[0]) in names


def _looks_up_present_key(ctx, act: Access, branch: Branch) -> bool:
    """`if k in self._d (and ...): return self._d[k]` (or `if k not in self._d (or ...): return`
    and the lookup after it): the entry found present is read by key later, and a context that
    removes it in between makes the lookup raise (tests/corpus/il201_lockless_contains_then_lookup)."""
    ev = act.event
    key = _sizes.first_subscript(ctx, ev) if ev.kind is EventKind.READ and ev.target else None
    if key is None:
        return False
    in_then = any(e is ev for e in iter_events(branch.then))
    node = _publication.parse(branch.cond.value)
    joined = ast.And if in_then else ast.Or                 # the test holds whenever the act runs
    tests = node.values if isinstance(node, ast.BoolOp) and isinstance(node.op, joined) else [node]
    member = ast.In if in_then else ast.NotIn
    return any(isinstance(t, ast.Compare) and len(t.ops) == 1 and isinstance(t.ops[0], member)
               and ast.unparse(t.comparators[0]) in _names(act, ev.target) and ast.unparse(t.left) == key.strip()
               for t in tests)


def _removes_tested_entry(act: Access, branch: Branch, check: Event) -> bool:
    """`deadline = self._deadlines.get(k)` and `if deadline <= now: self._deadlines.pop(k)` (or the
    entry compared in the condition itself, `if self._d[k] < now: del self._d[k]`): the removal is
    meant for the entry whose value was tested, and a context that stores a new value under `k`
    in between has its fresh entry removed (tests/corpus/il201_lockless_expire_tested_entry). A
    bare presence test (`is None`, `in`) is no such test."""
    ev = act.event
    if ev.kind is not EventKind.MUTATE or ev.op not in ("pop", "delitem") or not ev.target:
        return False
    key = ev.key or (ev.args[0] if ev.args else None)
    node = _publication.parse(branch.cond.value)
    if not key or node is None:
        return False
    names = _names(act, ev.target)
    local = check.target if check.kind is EventKind.WRITE and check.target and "." not in check.target \
        and _is_entry(_publication.parse(check.value), names, key) else None

    def tested(x) -> bool:
        return (isinstance(x, ast.Name) and x.id == local) or _is_entry(x, names, key)

    def none(x) -> bool:
        return isinstance(x, ast.Constant) and x.value is None

    for n in ast.walk(node):
        if not isinstance(n, ast.Compare) or any(isinstance(o, (ast.In, ast.NotIn)) for o in n.ops):
            continue
        sides = [n.left, *n.comparators]
        if any(tested(x) for x in sides) and not any(none(x) for x in sides):
            return True
    return False


def _is_entry(node, names: tuple[str, ...], key: str) -> bool:
    """`d.get(key, ...)` or `d[key]` for the container `d` spelled as one of `names`."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get" and node.args:
        return ast.unparse(node.func.value) in names and ast.unparse(node.args[0]) == key.strip()
    return isinstance(node, ast.Subscript) and ast.unparse(node.value) in names and ast.unparse(node.slice) == key.strip()


def _removes(w: Access) -> bool:
    return w.kind is EventKind.WRITE or (w.event.op or "") in REMOVING_OPS


def _names(act: Access, target: str) -> tuple[str, ...]:
    """How the function may spell `target`: as is, or a module global without its module."""
    prefix = f"{act.function.module}."
    return (target, target[len(prefix):]) if target.startswith(prefix) else (target,)


def _creates_when_absent(act: Access, branch: Branch, check: Event) -> bool:
    """`if _inst is None: _inst = Cls()` (or `if not self._x:`), `if k not in self._d: self._d[k] =
    ...`, `v = self._d.get(k)` then `if v is None: self._d[k] = ...`: the act, in the branch's own
    arm, stores the very field (or key) the condition found unset. With no lock at all, two
    contexts both see it unset and both create: a check-then-act, whose fix is one lock around
    both (tests/corpus/il201_lockless_lazy_create, il201_lockless_get_or_insert)."""
    ev = act.event
    if not ev.target or not any(e is ev for e in iter_events(branch.then)):
        return False
    names = _names(act, ev.target)
    if ev.kind is EventKind.MUTATE and ev.op == "setitem":
        tested = _unset_tested(branch.cond.value, container=True)
        if tested in names:
            return True                                   # `if k not in d: d[k] = ...`
        if tested and check.kind is EventKind.WRITE and check.target == tested:
            tested = check.value                          # `v = d.get(k)` ... `if v is None:`
        return bool(tested) and ".get(" in tested and tested.partition(".get(")[0] in names
    return ev.kind is EventKind.WRITE and ev.op == "=" and _unset_tested(branch.cond.value) in names


def _unset_tested(cond: str | None, container: bool = False) -> str | None:
    """The expression a condition finds unset: `x` in `not x` / `x is None` / `x == None`; with
    `container`, also the container of `k not in d`."""
    node = _publication.parse(cond)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        node = node.operand
    elif isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], (ast.Is, ast.Eq)) \
            and isinstance(node.comparators[0], ast.Constant) and node.comparators[0].value is None:
        node = node.left
    elif container and isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], ast.NotIn):
        node = node.comparators[0]
    else:
        return None
    if isinstance(node, (ast.Name, ast.Attribute)) or (container and isinstance(node, ast.Call)):
        return ast.unparse(node)
    return None


def _rechecked(idx, act: Access, check: Event, between: list[Event]) -> bool:
    """The act's own critical section reads the checked state again before acting (a branch on
    it, or the checked local re-assigned from it): the first check only chose the slow path
    (tests/corpus/il201_decoder_pool_recheck)."""
    start = None
    for i, e in enumerate(between):
        if e.kind is EventKind.ACQUIRE and e.target and idx.lock_symbol(act.reach.cls, act.function, e.target) in act.locks:
            start = i
    if start is None:
        return False
    paths = set(check.reads) | {act.event.target}
    section = between[start + 1:]
    for e in section:
        if not paths & set(e.reads):
            continue
        if e.kind is EventKind.BRANCH:
            return True
        if e.kind is EventKind.WRITE and e.target and "." not in e.target and (
                e.target == check.target or any(b.kind is EventKind.BRANCH and _mentions(b.value or "", e.target)
                                                for b in section)):
            return True
    return False


def _benign_outer(accesses: list[Access], checks: list[tuple[Branch, Event]]) -> Iterator[tuple[Candidate, Pairs]]:
    """Double-checked locking: the outer unlocked check only skips the lock; its read is benign."""
    if len(checks) < 2:
        return
    outer = {id(ev) for _, ev in checks[:-1]}
    lines = {(b.cond.loc.path, b.cond.loc.line) for b, _ in checks[:-1]}
    benign = [a for a in accesses if a.kind is EventKind.READ and (
        id(a.event) in outer or (a.event.loc.path, a.event.loc.line) in lines)]
    if benign:
        yield None, {pair_id(b, o) for b in benign for o in accesses}
