"""IL403 race-across-await: shared state checked or read before an `await` and written after it.

What it finds
-------------
In an `async def`, a shared attribute or global that is read (in a condition, or into a local
that the later write uses) before an `await` and written after it, while another concurrent
task - another request to the same handler, or a different task or handler - also writes it.
An `asyncio.Lock` held across the whole read-await-write span makes it atomic and silences it,
when every other writer takes that lock too; a writer that skips it can still write during the
await, and that writer is reported (the access to fix).

The other way round too: a run that stores a fresh object in the attribute for itself (`self.buf
= []`, `self.parser = Parser()`), or a value computed from its own arguments (`current_id =
request.headers[...]`), or a counter of its own (`self.attempt = 0` and later `self.attempt +=
1`), before an await and uses it after (`self.buf.append(x)`, `return
self.buf`), while another run of the same handler (or another task) can store its own during the
await: the first run then fills or returns the second one's object.

Why it matters
--------------
Tasks switch only at awaits, so code between awaits is atomic - but the await in the middle
lets another task run the same check and act on the same stale value: two clients both see
"no stream running" and both start one, a counter loses increments, a cache is filled twice.

Example
-------
    async def start_stream(self, track_id):
        if self.active is None:                    # check
            self.active = await self._open(track_id)   # act after the await: two streams
    # fixed
        async with self._lock:
            if self.active is None:
                self.active = await self._open(track_id)

Fix
---
Hold an `asyncio.Lock` from the check to the write, or re-check after the await, or write a
placeholder before awaiting (claim the slot first, fill it later).

An element of a shared container changed through a local bound once to it (`seats =
self.holds.get(show)` / `self.holds[show]` / `self.holds.setdefault(show, set())`, then `if seat
not in seats: return; await ...; seats.remove(seat)`) is a write of the container: every run that
looks the same key up shares the element (rules/_element_locals.py). A run that changes the same
item before it awaits (`seats.discard(seat)`, put back on failure) has taken it.

A write inside a check of its attribute made after the last await before it (the re-check) is
fresh: the check and the write run without a switch in between.

A write that stores a new value (the local read from the attribute rebound before it, `value =
await load(key)`) acts on the read only through the test of that local it sits under. When that
test found nothing (`if value is None:`), a rival that only takes items out (`d.pop(k, None)`,
`del d[k]`) leaves the item absent during the await, as the run found it: not a rival. So does a
membership test of the attribute itself that lets the run on only when the key is absent (`if
client in self.active: raise ...`, or the write inside `if client not in self.active:`).

A run that took the container away before the await (`batch, self.buffer = self.buffer, []`)
and afterwards only adds items to whatever is there (`self.buffer[:0] = batch` to put a failed
batch back, `.extend(batch)`) keeps what other runs added meanwhile: no stale write. The
reverse, reading it and emptying it only after the await (`n = self.unread`; `await send(n)`;
`self.unread = 0`, or `batch = list(self.pending)` ... `self.pending.clear()`), throws away what
a rival that adds to it (`+= 1`, `append`, `d[k] = ...`) stored during the await
(tests/corpus/il403_total_reset_after_awaited_send); rivals that store new values or take items
out lose nothing there, nor does a get-or-create cache whose rival fills only a key it found
absent (il403_cache_emptied_after_close_await): the next look-up builds it again.

A store of a constant after a guard clause is a reset, not an act on the check, unless it moves a
state away from the one the check let through and the check does not name it (`if self.state !=
"idle": raise`; `await ...`; `self.state = "starting"`): another run of the same code passes the
same stale check. A store of a new object after the run ended the old one and awaited
(`self._task.cancel(); await self._task; self._task = create_task(...)`) overwrites the one
another run stored meanwhile, which is never ended.

A take after a check whose arm awaits a wait (`if not self.pending: await self._ready.wait()`,
then `self.pending.pop(0)`) acts on what the wait was for; only a rival that takes items out
(another consumer) can empty the container again during the await; producers cannot. An
`asyncio.Condition`'s wait lets go of its lock, so holding it around the test and the take
(`async with cond: if not items: await cond.wait()` ... `items.popleft()`) does not help.

A value of the run's own stored before an await and compared with the attribute after it (`if
generation != self.generation: return`) is a generation token, written to be superseded.

A run that claims the state before it awaits (`if self.state is not IDLE: return; self.state =
BUSY; await ...; self.state = DONE`, no await between the check and the claim) owns it during the
await: a rival write is reported only when it can run while the claim stands, that is when it
does not act on a check (with no await in between) that the claimed value fails, directly or
through a claim of its own that the run's check rejects.

A busy flag tested and set with no await in between (`if self._connecting: ... return`, then
`self._connecting = True`, released in `finally:`) is a claim, as one under a mutex is for
threads (rules/_claims.py): while it stands every other run of code that claims the same flag is
turned away at its test, so what the run writes under it (`self._writer = ...` after the await)
has no rival there. Tested, then awaited, then set, it claims nothing: both runs pass the test.

A local read from the attribute before the await and tested after it (`previous =
self.best.get(k, 0)`; `await ...`; `if score > previous: self.best[k] = score`) is a check of
the attribute, whether or not the write uses the local; a local read afresh after the last await
and tested there (`current = self.best.get(k)`) is a re-check.

Known limits
------------
The dependency between read and write is found syntactically (a condition that reads the
attribute, or a local assigned from it, or from a sync method of the object that returns a value
read from it, `left = self._seats_left()`, and used by the write). Awaits that never suspend are
still treated as switch points. A writer that skips the lock only to store a constant (`self.cache
= {}`, `self.conn = None`) is not reported: the locked run then behaves as if the reset came first.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from typing import Iterator

from interlock.checker import accessors
from interlock.checker.analysis import Access, ConcurrencyIndex, index
from interlock.checker.callgraph import describe, step, where
from interlock.checker.context import RuleContext
from interlock.checker.registry import RuleInfo
from interlock.checker.rules._element_locals import element_writes
from interlock.checker.rules._shared_state import is_primitive, may_meet
from interlock.models.finding import Finding
from interlock.models.program import (
    AttrKind, Branch, Event, EventKind, Loop, ProgramModel, Try, iter_events, short_symbol,
)

RULE = RuleInfo(
    code="IL403", name="race-across-await", severity="high", dimension="Backend Streaming",
    summary="Shared state is read before an await and written after it while other tasks write it too.",
    fix="Hold an asyncio.Lock from the check to the write, or re-check the state after the await.",
)
CONSTANT = re.compile(r"None|True|False|-?\d+(\.\d*)?|'[^']*'|\"[^\"]*\"|\[\]|\{\}|set\(\)")
ASYNC_LOCKS = frozenset({AttrKind.ASYNC_LOCK, AttrKind.ASYNC_CONDITION, AttrKind.ASYNC_SEMAPHORE})
#: locks that keep the loop's other tasks and other threads out while a task holds them over an await
SPAN_LOCKS = ASYNC_LOCKS | {AttrKind.LOCK}


def check(model: ProgramModel, ctx: RuleContext) -> Iterator[Finding]:
    idx = index(ctx)
    seen: set[tuple] = set()
    elements = element_writes(idx)
    for (owner, attr), accesses in sorted(idx.by_attr.items()):
        if _in_invariant(ctx, owner, attr):
            continue             # the explorer proves the consequence (IL501); see il501_async_listener_count
        if is_primitive(idx, (owner, attr)):
            continue             # a lazily made executor/queue/future: only its creation races (IL201)
        # an element changed through a local (`seats = self.holds.get(k)` ... `seats.remove(x)`)
        # is a write of the container (tests/corpus/il403_element_local_checked_then_removed)
        writes = [a for a in accesses if a.is_write] + elements.get((owner, attr), [])
        bypasses: list[tuple[Access, tuple[Event, Event, frozenset[str]], Access]] = []
        for w in writes:
            fn = w.function
            if not fn.is_async or (fn.qualname, owner, attr) in seen:
                continue
            hit = _stale_read(idx, w, writes)
            if hit is None:
                continue
            read, aw, locks, other = hit
            if locks:
                bypasses.append((w, (read, aw, locks), other))
                continue
            seen.add((fn.qualname, owner, attr))
            yield _finding(ctx, w, (read, aw), other)
        for w, hit, other in bypasses:
            # reported where the lock is missing, once; not when that writer has its own IL403 above
            key = (other.function.qualname, owner, attr)
            if key not in seen:
                seen.add(key)
                yield _bypass_finding(ctx, w, hit, other)
        for u in accesses:
            fn = u.function
            if u.kind is EventKind.WRITE or not fn.is_async or (fn.qualname, owner, attr) in seen:
                continue
            hit = _reset_before_await(idx, u)
            rivals = sorted(writes, key=lambda o: o.context.name == u.context.name) if hit is not None else []
            other = next((o for o in rivals if may_meet(idx, u, o)), None)
            if other is not None:
                seen.add((fn.qualname, owner, attr))
                yield _reset_finding(ctx, u, hit, other)


def _in_invariant(ctx: RuleContext, owner: str, attr: str) -> bool:
    spec = ctx.component.spec
    if spec is None:
        return False
    short = owner.rsplit(".", 1)[-1]
    return any(inv.class_ in (owner, short) and re.search(rf"\bself\.{re.escape(attr)}\b", inv.expr)
               for inv in spec.invariant)


def _stale_read(idx: ConcurrencyIndex, w: Access,
                writes: list[Access]) -> tuple[Event, Event, frozenset[str], Access] | None:
    """(read, await, locks, other writer) when `w` depends on a read of its attribute made before
    an await and `other` can write it during that await. `locks` are the asyncio locks held from
    the read to the write, which `other` does not take (empty when none is held). A rival that
    respects the run's claim (see `_claim`) cannot write during the await. `d.setdefault(k, v)`
    tests and inserts in one step, keeping what a rival stored during the await: it acts on no
    stale read (tests/corpus/il201_fill_with_setdefault_then_look_up)."""
    if w.event.kind is EventKind.MUTATE and w.event.op == "setdefault":
        return None
    events = list(w.function.events())
    try:
        j = next(i for i, e in enumerate(events) if e is w.event or e == w.event)
    except StopIteration:
        return None
    path = w.event.target
    shape = _shape(w.function)
    events = _through_accessors(idx.model, events, shape)
    if _rechecked(shape, events, j, path):
        return None
    for i in range(j - 1, -1, -1):
        ev = events[i]
        if not (_reads(ev, path) or _own_load(ev, w.event, path) or _reads_through_accessor(idx, w, events[:i], ev)):
            continue
        if not shape.reaches(ev, w.event):
            continue        # a look in an arm that returns first (`if self.busy: while self.busy: ...; return`)
        arms = shape.arms
        mine = arms.get(id(w.event), frozenset())
        # an await in an arm that returns/raises before the write is not on the path to it;
        # one in the body of a `while` check happens before the check's last look
        inner = shape.loop_body.get(id(ev), frozenset())
        awaits = [e for e in events[i + 1:j] if e.kind is EventKind.AWAIT
                  and arms.get(id(e), frozenset()) <= mine and id(e) not in inner]
        if not awaits:
            continue
        first = next(x for x in range(i + 1, j) if events[x] is awaits[0])
        waited = drains = False
        if ev.kind is EventKind.BRANCH:
            dep, absent, tested = _guards(shape, ev, w.event), _tested_absent(shape, ev, w.event, path), True
            # a transition made on a stale look: the rival is another run making the same one
            again = dep and _plain_reset(w.event) and id(w.event) not in shape.guarded.get(id(ev), ())
            if not dep:
                dep = waited = _waited_under(shape, events[i + 1:j], ev, w.event)
            if not dep and _replaces_cleaned(events[i + 1:first], w.event, path):
                dep = again = True
        else:
            dep, absent, tested = _depends(shape, ev, w.event, events[i + 1:j])
            again = False
            if not dep and _replaces_cleaned_local(events[i + 1:first], ev, w.event, path):
                dep = again = True
            if not dep and _empties(w.event):
                dep = drains = True
        if _gives_back(events[i + 1:first], w.event, path) or _taken_first(shape, events[i + 1:first], w.event, path) \
                or _took_then_adds(shape, events[i:first], w.event, path):
            continue
        claim = _claim(shape, events, i, first, j, path) if dep else None
        key = _slot_claim(shape, events, i, j, path) if dep and claim is None else None
        slot = key is not None and key == _slot(w.event)
        flags = {f for f, c in _flag_claims(shape, events, j).items() if c < first and f != path} if dep else set()
        mine_key = (_slot(w.event) or "").strip()
        registries = {r for (r, k), c in _registry_claims(shape, events, j).items()
                      if c < first and r != path and k == mine_key} if dep and mine_key else set()
        candidates = [o for o in writes if (claim is None or not _respects(o, claim, idx.model)) and not (slot and _in_own_slot(o))
                      and not (flags and _claims_too(o, w, flags, idx.model))
                      and not (registries and _claims_registry_too(o, registries))
                      and not (absent and _removes(o.event)) and (not waited or _undoes(o.event, w.event))
                      and (not again or o.event is w.event) and (not drains or (_accumulates(o.event, path) and not _fills_absent(o)))]
        locks = _span_locks(idx, w, events[i:j + 1])
        if waited:
            locks -= _released_by_waits(idx, w, events[i + 1:j])
        if locks:
            # a reset to a constant (`self.cache = {}`) puts back a state the check allows: it is
            # ordered before the locked run's check-and-fill (tests/corpus/il403_aiohttp_routes)
            rivals = [o for o in candidates if not (o.locks & locks) and not _plain_reset(o.event)]
            other = _other_writer(idx, w, rivals)
            if other is None:
                if dep and tested:
                    return None    # a check under the lock that every writer takes: earlier looks do not matter
                continue
        else:
            other = _other_writer(idx, w, candidates)
        if dep:
            return (ev, awaits[0], locks, other) if other is not None else None
    return None


INVERSE = {"+=": "-=", "-=": "+="}


def _gives_back(before_await: list[Event], write: Event, path: str) -> bool:
    """`self.inflight += 1; await ...; self.inflight -= 1` (or `self.open[ip] += 1` ... `-= 1`):
    the write after the await returns the run's own reservation, made after the check and before
    the await. It reads the attribute afresh (no await inside `-=`) and does not act on the check
    (tests/corpus/il403_reservation_given_back)."""
    inverse = INVERSE.get(write.op or "")
    return inverse is not None and any(e.kind is write.kind and e.target == path and e.op == inverse
                                       and (e.value or "").strip() == (write.value or "").strip()
                                       for e in before_await)


def _taken_first(shape: "_Shape", before_await: list[Event], write: Event, path: str) -> bool:
    """`seats.discard(seat); await ...; seats.add(seat)`: after the check and before the await, on
    every way to the write, the run already changed the same item of the container in place (took
    the seat out, marked the key): other runs see it taken during the await, and the write after
    it handles the run's own item (tests/corpus/il403_element_local_checked_then_removed)."""
    item = _item(write)
    return write.kind is EventKind.MUTATE and item is not None and any(
        e.kind is EventKind.MUTATE and e.target == path and _item(e) == item and shape.dominates(e, write)
        for e in before_await)


#: in-place changes that only add items to a sequence or set: what is already there stays
ADDITIONS = frozenset({"append", "appendleft", "extend", "extendleft", "insert", "add"})
#: slice assignments that insert at the front or the end (`buf[:0] = items`, `buf[len(buf):] = items`)
EDGE_SLICE = re.compile(r"\s*(0?\s*:\s*0|len\(.*\)\s*:)\s*")


def _took_then_adds(shape: "_Shape", before_await: list[Event], write: Event, path: str | None) -> bool:
    """`batch, self.buffer = self.buffer, []` ... `await write(batch)` ... `self.buffer[:0] = batch`
    (or `.extend(batch)`): before the await the run took the container away, storing a new one,
    on every way to the write; the write only adds items to whatever container is there now, so
    what other runs added during the await stays (tests/corpus/il403_flush_puts_batch_back)."""
    adds = write.kind is EventKind.MUTATE and (write.op in ADDITIONS or (
        write.op == "setslice" and EDGE_SLICE.fullmatch(write.key or "") is not None))
    return adds and any(e.kind is EventKind.WRITE and e.target == path and e.op in (None, "=")
                        and shape.dominates(e, write) for e in before_await)


def _item(ev: Event) -> str | None:
    """The key or element an in-place change names: `d[k] = v`/`del d[k]` -> k, `s.remove(x)` -> x."""
    if ev.op in ("setitem", "delitem"):
        return ev.key
    return ev.args[0].strip() if ev.args else None


#: values that free a slot rather than take it (`self.task = None` before awaiting the old task)
RELEASE = re.compile(r"None|False|0|''|\"\"|\[\]|\{\}|set\(\)|\(\)")


@dataclass(frozen=True)
class _Claim:
    """The run's check before the await and the values it stores on it until the write."""

    check: str            # the condition's source
    path: str             # the attribute as the check names it
    want: bool            # the condition's value on the way to the write
    values: tuple[str, ...]


def _claim(shape: "_Shape", events: list[Event], i: int, k: int, j: int, path: str) -> _Claim | None:
    """Between the check at `i` and the first await at `k`, on every way to the write at `j`, the
    run stores a new value of the attribute (`if self.state is IDLE: ... self.state = BUSY`, no
    await in between): check and claim are atomic, and other tasks see the claim during the await
    (tests/corpus/il403_claim_before_await). Storing None/False/empty frees the slot instead."""
    read, write = events[i], events[j]
    if read.kind is not EventKind.BRANCH:
        return None
    for x in range(i + 1, k):
        c = events[x]
        if c.kind is not EventKind.WRITE or c.target != path or not shape.dominates(c, write):
            continue
        if c.op not in (None, "=") or RELEASE.fullmatch((c.value or "").strip()):
            continue
        want = shape.outcome(read, write, after=True)
        later = tuple((e.value or "").strip() for e in events[x:j] if e.kind is EventKind.WRITE and e.target == path
                      and shape.reaches(e, write))
        return _Claim(read.value or "", path, want, later)
    return None


def _respects(o: Access, claim: _Claim, model) -> bool:
    """The rival write `o` cannot run while the claim stands: it acts on a check of the attribute,
    made with no await in between, that every value the run stores fails (`if self.state is not
    IDLE: raise`); or it follows such a store of its own code whose values fail the run's check
    (another run of the claiming code, or a rival with a claim of its own: the two exclude each
    other)."""
    events = list(o.function.events())
    j = next((x for x, e in enumerate(events) if e is o.event), None)
    if j is None:
        return False
    shape, path = _shape(o.function), o.event.target
    events = _through_accessors(model, events, shape)
    if _checked(shape, events, j, path, claim.values):
        return True
    for x in range(j - 1, -1, -1):
        c = events[x]
        if c.kind is not EventKind.WRITE or c.target != path or not shape.dominates(c, events[j]):
            continue
        # the values its own code stores on the way to the write (not an `except` arm's rollback that re-raises)
        mine = [(e.value or "").strip() for e in events[x:j] if e.kind is EventKind.WRITE and e.target == path
                and shape.reaches(e, events[j])]
        if _checked(shape, events, x, path, claim.values) and \
                all(_holds(claim.check, claim.path, v) is (not claim.want) for v in mine):
            return True
    return False


def _flag_claims(shape: "_Shape", events: list[Event], j: int) -> dict[str, int]:
    """The busy flags the run holds at the event at `j` (flag -> position of its claim): on every
    way to it, the run tested the flag (`if self._connecting: ... return`) and then stored a
    constant that fails the test (`self._connecting = True`) with no await in between (one step
    of the loop, as `_claims.py`'s claim is one critical section of a mutex), and stores nothing
    else in it before `j` (the release, `finally: self._connecting = False`, comes later). While
    the flag stands, every other run of code that claims it is turned away at its test: what the
    claim covers never runs in two tasks at once (tests/corpus/il403_busy_flag_claim_serialises_refresh)."""
    out: dict[str, int] = {}
    target = events[j]
    for c in range(j - 1, -1, -1):
        st = events[c]
        flag = st.target
        if st.kind is not EventKind.WRITE or st.op not in (None, "=") or not flag or "." not in flag or flag in out \
                or not CONSTANT.fullmatch((st.value or "").strip()) or not shape.dominates(st, target):
            continue
        if any(e.kind is EventKind.WRITE and e.target == flag and shape.reaches(e, target) for e in events[c + 1:j]):
            continue                # released (or stored again) before `j`
        for t in range(c - 1, -1, -1):
            b = events[t]
            if b.kind is EventKind.AWAIT and shape.reaches(b, st):
                break
            if b.kind is EventKind.BRANCH and flag in b.reads and b.op != "assert":
                want = shape.outcome(b, st, after=True)
                if want is not None and _holds(b.value or "", flag, (st.value or "").strip()) is (not want):
                    out[flag] = c
                    break
    return out


def _claims_too(o: Access, w: Access, flags: set[str], model) -> bool:
    """The rival write `o` runs under a claim of one of the busy `flags` of the run's object (its
    own test and claim, `_flag_claims`): it cannot run while the run holds that flag."""
    if o.function.cls is None or o.function.cls != w.function.cls:
        return False
    events = list(o.function.events())
    j = next((x for x, e in enumerate(events) if e is o.event), None)
    if j is None:
        return False
    shape = _shape(o.function)
    events = _through_accessors(model, events, shape)
    return bool(flags & set(_flag_claims(shape, events, j)))


def _slot(ev: Event) -> str | None:
    """The one key of the container that `ev` stores or removes (`d[k] = v`, `del d[k]`, `d.pop(k)`)."""
    if ev.kind is EventKind.MUTATE and ev.op in ("setitem", "delitem"):
        return ev.key
    return ev.args[0] if ev.kind is EventKind.MUTATE and ev.op == "pop" and ev.args else None


def _slot_claim(shape: "_Shape", events: list[Event], i: int, j: int, path: str) -> str | None:
    """The key whose absence the check at `i` tests (`if k in self.d: return`, `if k not in
    self.d:`) when the run then stores that key (`self.d[k] = None`) before it awaits, on every
    way to the event at `j`: check and claim are atomic, and during the await every other run
    finds the key taken (tests/corpus/il403_key_claimed_before_await)."""
    key, negated = _membership(events[i], path)
    target = events[j]
    if key is None or shape.outcome(events[i], target, after=True) is not negated:
        return None
    mine = shape.arms.get(id(target), frozenset())
    for c in events[i + 1:j + 1]:
        if c.kind is EventKind.AWAIT and shape.arms.get(id(c), frozenset()) <= mine:
            return None           # an await in an arm that returns first is not on the way
        if c.kind is EventKind.MUTATE and c.op == "setitem" and c.target == path and c.key == key \
                and shape.dominates(c, target):
            return key
    return None


def _registry_claims(shape: "_Shape", events: list[Event], j: int) -> dict[tuple[str, str], int]:
    """The keys the run holds in registries of the object at the event at `j` ((registry, key)
    -> position of the claim): on every way to `j` it tested the key's absence (`if key in
    self._inflight: return await self._inflight[key]`, or `fut = self._inflight.get(key)`; `if
    fut is not None: ...; return`) and stored it (`self._inflight[key] = fut`, or
    `self._busy.add(key)` in an in-progress set) with no await in between, and does not drop it before `j` (the `finally: del self._inflight[key]` comes
    later). While the claim stands every other run of code that claims the same key is turned
    away at its test: single flight (tests/corpus/il403_single_flight_registry_claim)."""
    target = events[j]
    out: dict[tuple[str, str], int] = {}
    for c in range(j):
        st = events[c]
        claimed = _claimed_key(st)
        if claimed is None or not st.target or "." not in st.target or not shape.dominates(st, target):
            continue
        reg, key = st.target, claimed.strip()
        if (reg, key) in out or any(e.kind is EventKind.MUTATE and e.target == reg
                                    and (_slot(e) or _member(e) or "").strip() == key
                                    and shape.reaches(e, target) for e in events[c + 1:j]):
            continue                # dropped (or stored again) before `j`
        for t in range(c - 1, -1, -1):
            b = events[t]
            if b.kind is EventKind.AWAIT and shape.reaches(b, st):
                break
            if b.kind is EventKind.BRANCH and b.op != "assert" and _tests_absent_key(shape, events, t, reg, key, st):
                out[(reg, key)] = c
                break
    return out


def _claimed_key(ev: Event) -> str | None:
    """The key a store claims in a registry: `self._inflight[key] = fut`, or the member of an
    in-progress set, `self._busy.add(key)` (tests/corpus/il403_in_progress_set_claims_key)."""
    if ev.kind is not EventKind.MUTATE:
        return None
    if ev.op == "setitem":
        return ev.key or None
    return ev.args[0] if ev.op == "add" and len(ev.args) == 1 else None


def _member(ev: Event) -> str | None:
    """The member a set mutation adds or takes out (`s.add(k)`, `s.discard(k)`, `s.remove(k)`)."""
    return ev.args[0] if ev.kind is EventKind.MUTATE and ev.op in ("add", "discard", "remove") and len(ev.args) == 1 else None


def _tests_absent_key(shape: "_Shape", events: list[Event], t: int, reg: str, key: str, store: Event) -> bool:
    """The branch at `t` lets the run on to `store` only when `key` is absent from `reg`: `key in
    reg` (or `not in`), or a test of a local read with `reg.get(key)` (`is None`, `is not None`,
    `not fut`) made with no await since that read."""
    b = events[t]
    want = shape.outcome(b, store, after=True)
    if want is None:
        return False
    k, negated = _membership(b, reg)
    if k is not None:
        return k.strip() == key and want is negated
    for x in range(t - 1, -1, -1):
        e = events[x]
        if e.kind is EventKind.AWAIT:
            return False
        if e.kind is not EventKind.WRITE or not e.target or "." in e.target or not accessors.mentions(b.value, e.target):
            continue
        try:
            node = ast.parse((e.value or "").strip(), mode="eval").body
        except SyntaxError:
            return False
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get" \
                and ast.unparse(node.func.value) == reg and node.args and ast.unparse(node.args[0]) == key:
            return _holds_when_empty(b.value or "", e.target) is want
        return False
    return False


def _claims_registry_too(o: Access, registries: set[str]) -> bool:
    """The rival write `o` stores at the key its own run claimed in one of `registries`
    (`_registry_claims`): while the run's claim stands, the two keys differ."""
    key = (_slot(o.event) or "").strip()
    events = list(o.function.events())
    j = next((x for x, e in enumerate(events) if e is o.event), None)
    if not key or j is None:
        return False
    return any(r in registries and k == key for r, k in _registry_claims(_shape(o.function), events, j))


def _membership(branch: Event, path: str) -> tuple[str | None, bool]:
    """(`k`, negated) for a condition `k in <path>` / `k not in <path>`; (None, False) otherwise."""
    import ast
    if branch.kind is not EventKind.BRANCH or path not in branch.reads:
        return None, False
    try:
        node = ast.parse((branch.value or "").strip(), mode="eval").body
    except SyntaxError:
        return None, False
    if isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], (ast.In, ast.NotIn)) \
            and isinstance(node.comparators[0], (ast.Name, ast.Attribute)):
        return ast.unparse(node.left), isinstance(node.ops[0], ast.NotIn)
    return None, False


def _in_own_slot(o: Access) -> bool:
    """The rival write `o` stores or frees a key its own run claimed the same way: while the
    run's claim stands the two keys differ."""
    key = _slot(o.event)
    events = list(o.function.events())
    j = next((x for x, e in enumerate(events) if e is o.event), None)
    if key is None or j is None:
        return False
    shape = _shape(o.function)
    return any(_slot_claim(shape, events, i, j, o.event.target) == key for i in range(j))


def _checked(shape: "_Shape", events: list[Event], j: int, path: str, values: tuple[str, ...]) -> bool:
    """The write at `j` acts on a check of `path`, made with no await in between, that each of
    `values` fails."""
    for b in reversed(events[:j]):
        if b.kind is EventKind.AWAIT:
            return False
        if b.kind is not EventKind.BRANCH or path not in b.reads:
            continue
        want = shape.outcome(b, events[j], after=id(b) in shape.exits and shape.dominates(b, events[j]))
        if want is None:
            continue
        if values and all(_holds(b.value or "", path, v) is (not want) for v in values):
            return True
    return False


def _holds(cond: str, path: str, value: str) -> bool | None:
    """Whether the condition holds when `path` has the value written as `value` (states compared
    by their source text: `State.IDLE`, `"idle"`, `IDLE`), or None when that does not decide it."""
    import ast
    try:
        tree = ast.parse(cond.strip(), mode="eval").body
    except SyntaxError:
        return None

    def ev(n) -> bool | None:
        if ast.unparse(n) == path:
            # `if self._connecting:` tests the flag's truth: a literal stored decides it
            return _truth(value)
        if isinstance(n, ast.BoolOp):
            parts = [ev(v) for v in n.values]
            if isinstance(n.op, ast.And):
                return False if False in parts else (True if all(p is True for p in parts) else None)
            return True if True in parts else (False if all(p is False for p in parts) else None)
        if isinstance(n, ast.UnaryOp) and isinstance(n.op, ast.Not):
            inner = ev(n.operand)
            return None if inner is None else not inner
        if isinstance(n, ast.Compare) and len(n.ops) == 1 and ast.unparse(n.left) == path:
            op, right = n.ops[0], n.comparators[0]
            if isinstance(op, (ast.Eq, ast.Is, ast.NotEq, ast.IsNot)):
                same = ast.unparse(right) == value
                if not same and not _distinct(ast.unparse(right), value):
                    return None
                return same if isinstance(op, (ast.Eq, ast.Is)) else not same
            if isinstance(op, (ast.In, ast.NotIn)) and isinstance(right, (ast.Tuple, ast.List, ast.Set)):
                texts = [ast.unparse(e) for e in right.elts]
                if value in texts:
                    inside = True
                elif all(_distinct(t, value) for t in texts):
                    inside = False
                else:
                    return None
                return inside if isinstance(op, ast.In) else not inside
        return None
    return ev(tree)


def _truth(value: str) -> bool | None:
    """The truth of a literal written as `value` (`True`, `0`, `None`, `''`, `[]`), or None."""
    import ast
    try:
        return bool(ast.literal_eval(value.strip())) if CONSTANT.fullmatch(value.strip()) else None
    except (ValueError, SyntaxError):
        return None


def _distinct(a: str, b: str) -> bool:
    """Two state values known to differ: two members of one enum, or two different literals."""
    if CONSTANT.fullmatch(a) and CONSTANT.fullmatch(b):
        return a != b
    ha, _, ta = a.rpartition(".")
    hb, _, tb = b.rpartition(".")
    return bool(ha) and ha == hb and ta != tb


#: a fresh object for this run: an empty or built container, or a new instance (`Parser()`)
FRESH = re.compile(r"\[.*\]|\{.*\}|((collections\.|io\.)?(set|list|dict|deque|defaultdict|OrderedDict|bytearray|"
                   r"BytesIO|StringIO)|(\w+\.)*[A-Z]\w*)\(.*\)", re.S)


def _reset_before_await(idx: ConcurrencyIndex, u: Access) -> tuple[Event, Event] | None:
    """(reset, await) when `u` uses its attribute after an await, and the last store of it before
    `u` in the same function puts a fresh object there before that await: the run takes the
    attribute for its own (`self.buf = []` ... `await` ... `self.buf.append(x)`), but another run
    may replace it during the await (tests/corpus/il403_reset_then_use_after_await)."""
    events = list(u.function.events())
    j = next((i for i, e in enumerate(events) if e is u.event), None)
    if j is None:
        return None
    path, arms = u.event.target, _shape(u.function).arms
    mine = arms.get(id(u.event), frozenset())
    awaits: list[Event] = []
    for i in range(j - 1, -1, -1):
        ev = events[i]
        if ev.kind is EventKind.AWAIT and arms.get(id(ev), frozenset()) <= mine:
            awaits.append(ev)
        elif ev.kind is EventKind.WRITE and ev.target == path:
            own = _own_value(u.function, ev) or _per_call_counter(events[i + 1:], ev, path)
            if not awaits or not own or _span_locks(idx, u, events[i:j + 1]) \
                    or _ownership_checked(events[i + 1:], ev, path):
                return None
            return ev, awaits[-1]
    return None


def _per_call_counter(after: list[Event], store: Event, path: str | None) -> bool:
    """`self.attempt = 0` and later, in the same run, `self.attempt += 1`: a counter of this call
    (attempts, retries, pages) kept on the shared object; another call resets it during an await
    (tests/corpus/il403_retry_counter_on_shared_client)."""
    return re.fullmatch(r"-?\d+(\.\d*)?", (store.value or "").strip()) is not None and store.op in (None, "=") \
        and any(e.kind is EventKind.WRITE and e.target == path and e.op in ("+=", "-=") for e in after)


def _ownership_checked(after: list[Event], store: Event, path: str | None) -> bool:
    """`self.generation = generation` ... `await` ... `if generation != self.generation: return`:
    the run compares the attribute with the value it stored, to learn whether another run
    replaced it: it is written for being superseded (a generation token), not fooled by it."""
    value = (store.value or "").strip()
    return not FRESH.fullmatch(value) and any(
        e.kind is EventKind.BRANCH and path in e.reads and accessors.mentions(e.value, value) for e in after)


def _own_value(fn, ev: Event) -> bool:
    """The store puts a value of this run in the attribute: a fresh object, or one computed from
    the run's own arguments (`current_id = request.headers.get("x-request-id")`: each request
    stores its own; tests/corpus/il403_request_value_in_global)."""
    value = (ev.value or "").strip()
    if FRESH.fullmatch(value):
        return True
    params = [p.lstrip("*") for p in fn.params if p.lstrip("*") not in ("self", "cls")]
    return ev.op in (None, "=") and any(accessors.mentions(value, p) for p in params)


def _rechecked(shape: "_Shape", events: list[Event], j: int, path: str | None) -> bool:
    """The write sits in an arm of a check of its attribute made after the last await before it:
    `if self.conn is None: self.conn = conn` right after `conn = await connect()` acts on a fresh
    look, atomic with the write (tests/corpus/il403_recheck_after_await). So does a write after
    such a check's guard clause (`if self.state != CONNECTING: return`, then `self.state =
    CONNECTED`): the run goes on only on what it saw after the await
    (tests/corpus/il403_guard_clause_recheck_after_await). A test of a local read afresh from the
    attribute after that await (`remaining = self.subs.get(k)`; `if not remaining: self.subs.pop(k)`)
    is such a look too (tests/corpus/il403_stale_local_tested_after_await)."""
    # an await in an arm that returns or raises before the write (`if self.state != OPENING:
    # await f.close(); return False`) is not on the way to it
    on_way = [x for x in range(j) if events[x].kind is not EventKind.AWAIT or shape.reaches(events[x], events[j])]
    start = next((x for x in reversed(on_way) if events[x].kind is EventKind.AWAIT), -1)
    fresh = [e.target for e in events[start + 1:j] if e.kind is EventKind.WRITE and e.target
             and "." not in e.target and path in e.reads]
    for ev in (events[x] for x in reversed(on_way)):
        if ev.kind is EventKind.AWAIT:
            return _loop_exit_looked(shape, events, ev, events[j], path)
        if ev.kind is not EventKind.BRANCH:
            continue
        for name in [path] + fresh if _looks_at(ev, path) else fresh:
            if name is not path and not accessors.mentions(ev.value, name):
                continue
            if id(events[j]) in shape.guarded.get(id(ev), ()) \
                    or ev.op != "assert" and id(ev) in shape.exits and shape.dominates(ev, events[j]) \
                    and any(_pins(c, name or "") for c in _exit_tests(shape, ev)):
                return True
    return False


def _loop_exit_looked(shape: "_Shape", events: list[Event], aw: Event, write: Event, path: str | None) -> bool:
    """The await sits in the body of a `while` loop that tests the attribute alone and that the
    write follows (`while not self._idle: await self._returned.wait()`, then
    `self._idle.popleft()`): the loop tests it again after every await and leaves only on a test
    made after the last one, with no `break` skipping it (tests/corpus/il403_while_recheck_before_take)."""
    for h in events:
        if h.kind is not EventKind.BRANCH or h.op == "assert" or id(h) in shape.breaks:
            continue
        body = shape.loop_body.get(id(h))
        if body is None or id(aw) not in body or id(write) in body or not _looks_at(h, path):
            continue
        if shape.dominates(h, write) and _pins(h.value or "", path or ""):
            return True
    return False


def _exit_tests(shape: "_Shape", branch: Event) -> list[str]:
    """The tests a guard clause makes on its own: `if a or b: raise` goes on only when both fail,
    so each of `a`, `b` is a guard clause of its own; any other condition is one test."""
    cond = (branch.value or "").strip()
    if id(branch) in shape.then_exits:
        try:
            node = ast.parse(cond, mode="eval").body
        except SyntaxError:
            return [cond]
        if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or):
            return [ast.unparse(v) for v in node.values]
    return [cond]


def _pins(cond: str, path: str) -> bool:
    """`cond` tests `path` alone (`self.state != CONNECTING`, `self.conn is None`, `not
    self.items`): a guard clause on it lets the run on only in the state it names. A test mixed
    with others (`if self._closed and not self._items: return`) lets it on in states it never
    looked at (tests/corpus/il403_async_condition_wait_under_if)."""
    import ast
    try:
        node = ast.parse(cond.strip(), mode="eval").body
    except SyntaxError:
        return False
    while isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        node = node.operand
    if ast.unparse(node) == path:
        return True
    if not isinstance(node, ast.Compare) or len(node.ops) != 1:
        return False
    sides = [ast.unparse(node.left), ast.unparse(node.comparators[0])]
    return path in sides and not any("self" in {n.id for n in ast.walk(ast.parse(x, mode="eval"))
                                                 if isinstance(n, ast.Name)} for x in sides if x != path)


@dataclass
class _Shape:
    """Where each event sits: exiting arms around it, and which events each branch guards."""

    arms: dict[int, frozenset[int]] = field(default_factory=dict)   # id(event) -> exiting arms around it
    guarded: dict[int, set[int]] = field(default_factory=dict)      # id(branch cond) -> ids inside its arms
    exits: set[int] = field(default_factory=set)                    # id(branch cond) with an arm that exits
    nest: dict[int, frozenset[int]] = field(default_factory=dict)   # id(event) -> arms and loop bodies around it
    only: set[int] = field(default_factory=set)                     # arms whose sibling exits: the only way on
    then: dict[int, set[int]] = field(default_factory=dict)         # id(branch cond) -> ids in its `then` arm
    then_exits: set[int] = field(default_factory=set)               # id(branch cond) whose `then` arm exits
    loop_body: dict[int, frozenset[int]] = field(default_factory=dict)  # id(while header) -> ids in its body
    breaks: set[int] = field(default_factory=set)                   # id(while header) whose body has a `break`

    def outcome(self, branch: Event, ev: Event, after: bool) -> bool | None:
        """The value of `branch`'s condition on the way to `ev`: True in its `then` arm, False in
        its `else` arm; when `ev` follows the branch (`after`: a guard clause), the value of the
        arm that does not exit; else None."""
        if id(ev) in self.guarded.get(id(branch), ()):
            return id(ev) in self.then.get(id(branch), ())
        return id(branch) not in self.then_exits if after else None

    def reaches(self, a: Event, b: Event) -> bool:
        """`a` (earlier) may run on a path that goes on to `b`: it sits in no arm that returns or
        raises (an `except` arm that re-raises included) that `b` is not in."""
        return self.arms.get(id(a), frozenset()) <= self.arms.get(id(b), frozenset())

    def dominates(self, a: Event, b: Event) -> bool:
        """`a` (earlier) runs on every path that reaches `b`: it sits in no arm or loop body
        that `b` is not in, except an arm whose sibling returns or raises."""
        return self.nest.get(id(a), frozenset()) - self.only <= self.nest.get(id(b), frozenset())


def _shape(fn) -> _Shape:
    shape = _Shape()

    def exiting(arm) -> bool:
        return bool(arm) and isinstance(arm[-1], Event) and arm[-1].kind in (EventKind.RETURN, EventKind.RAISE)

    def walk(nodes, arms: frozenset[int], conds: tuple[int, ...], nest: frozenset[int], thens: tuple[int, ...]) -> None:
        for n in nodes:
            if isinstance(n, Event):
                shape.arms[id(n)] = arms
                shape.nest[id(n)] = nest
                for c in conds:
                    shape.guarded[c].add(id(n))
                for c in thens:
                    shape.then[c].add(id(n))
            elif isinstance(n, Branch):
                shape.arms[id(n.cond)] = arms
                shape.nest[id(n.cond)] = nest
                shape.guarded[id(n.cond)] = set()
                shape.then[id(n.cond)] = set()
                if exiting(n.then):
                    shape.then_exits.add(id(n.cond))
                for arm, other in ((n.then, n.orelse), (n.orelse, n.then)):
                    exits = exiting(arm)
                    if exits:
                        shape.exits.add(id(n.cond))
                    if exiting(other):
                        shape.only.add(id(arm))
                    walk(arm, arms | {id(arm)} if exits else arms, conds + (id(n.cond),), nest | {id(arm)},
                         thens + (id(n.cond),) if arm is n.then else thens)
            elif isinstance(n, Loop):
                shape.arms[id(n.header)] = arms
                shape.nest[id(n.header)] = nest
                if n.kind == "while":
                    body = list(iter_events(n.body))
                    shape.loop_body[id(n.header)] = frozenset(id(e) for e in body)
                    if any(e.kind is EventKind.JUMP and e.op == "break" for e in body):
                        shape.breaks.add(id(n.header))
                walk(n.body, arms, conds, nest | {id(n.body)}, thens)
                walk(n.orelse, arms, conds, nest | {id(n.orelse)}, thens)
            elif isinstance(n, Try):
                walk(n.body, arms, conds, nest, thens)
                for part in (*(h.body for h in n.handlers), n.orelse, n.final):
                    exits = part is not n.final and exiting(part)
                    walk(part, arms | {id(part)} if exits else arms, conds, nest | {id(part)}, thens)

    walk(fn.body, frozenset(), (), frozenset(), ())
    return shape


def _tested_absent(shape: _Shape, branch: Event, write: Event, path: str | None) -> bool:
    """`if client in self.active: raise ...` (or `if client not in self.active:` around the
    write): the run goes on to the write only when the key was absent. A rival that takes items
    out (`self.active.pop(client, None)`) keeps it absent during the await: no rival
    (tests/corpus/il403_absent_key_test_then_fill)."""
    if not path or not branch.value:
        return False
    try:
        node = ast.parse(branch.value.strip(), mode="eval").body
    except (SyntaxError, ValueError):
        return False
    if not (isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], (ast.In, ast.NotIn))):
        return False
    if ast.unparse(node.comparators[0]).rpartition(".")[2] != path.rpartition(".")[2]:
        return False
    value = shape.outcome(branch, write, True)
    return value is not None and value == isinstance(node.ops[0], ast.NotIn)


def _guards(shape: _Shape, branch: Event, write: Event) -> bool:
    """The write acts on the check: inside its arms, or after a guard clause or a `while` loop
    that waits for it (`while self.free <= 0: await ...`), and not a plain reset unless it moves
    the state away from the one the check let through."""
    if id(write) in shape.guarded.get(id(branch), ()):
        return True
    body = shape.loop_body.get(id(branch))
    after = id(branch) in shape.exits or (body is not None and id(write) not in body)
    return after and (not _plain_reset(write) or _leaves_checked_state(shape, branch, write))


#: methods that end what an object runs or holds (a task, a connection, a timer)
CLEANUPS = frozenset({"cancel", "close", "aclose", "stop", "shutdown", "terminate", "kill", "disconnect"})


def _replaces_cleaned(before_await: list[Event], write: Event, path: str | None) -> bool:
    """`if self._task is not None: self._task.cancel(); await self._task` and then `self._task =
    create_task(...)`: the run ended the object the attribute held, then awaited, and stores its
    successor. A successor another run stored during the await is overwritten without being
    ended: a task or connection leaked (tests/corpus/il403_cancel_await_replace)."""
    value = (write.value or "").strip()
    if write.kind is not EventKind.WRITE or write.op not in (None, "=") or not value or RELEASE.fullmatch(value):
        return False
    return any(e.kind is EventKind.CALL and e.callee and e.callee.rpartition(".")[0] == path
               and e.callee.rpartition(".")[2] in CLEANUPS for e in before_await)


def _replaces_cleaned_local(before_await: list[Event], read: Event, write: Event, path: str | None) -> bool:
    """`old = self.active.get(cid)` (or `= self._task`), `old.cancel()`, `await old`, then
    `self.active[cid] = new`: the run ended the object it read into a local, awaited, and stores
    the successor in the same slot; one another run stored there during the await is overwritten
    without being ended (tests/corpus/il403_cancel_await_replace_through_local)."""
    local = read.target
    if read.kind is not EventKind.WRITE or not local or "." in local or not path or not read.value:
        return False
    try:
        node = ast.parse(read.value.strip(), mode="eval").body
    except (SyntaxError, ValueError):
        return False
    value = (write.value or "").strip()
    if not value or RELEASE.fullmatch(value):
        return False
    if write.kind is EventKind.WRITE and write.op in (None, "="):
        same = ast.unparse(node) == path
    elif write.kind is EventKind.MUTATE and write.op == "setitem" and write.key:
        key = None
        if isinstance(node, ast.Subscript) and ast.unparse(node.value) == path:
            key = ast.unparse(node.slice)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("get", "pop") \
                and ast.unparse(node.func.value) == path and node.args:
            key = ast.unparse(node.args[0])
        same = key is not None and key == write.key.strip()
    else:
        return False
    return same and any(e.kind is EventKind.CALL and e.callee and e.callee.rpartition(".")[0] == local
                        and e.callee.rpartition(".")[2] in CLEANUPS for e in before_await)


def _leaves_checked_state(shape: _Shape, branch: Event, write: Event) -> bool:
    """`if self.state != "idle": raise ...` then, after an await, `self.state = "starting"`: the
    constant stored fails the check the run passed, and the check does not name it (it tests the
    state the run starts from, not the one it sets: `if self.state == "stopped": return` ...
    `self.state = "stopped"` is idempotent). A second run passes the same stale check during the
    await and makes the same transition (tests/corpus/il403_state_check_await_transition)."""
    want = shape.outcome(branch, write, after=True)
    value = (write.value or "").strip()
    if want is None or not value or write.target not in branch.reads or value in (branch.value or ""):
        return False
    return _holds(branch.value or "", write.target, value) is (not want)


EMPTY = re.compile(r"0|0\.0|''|\"\"|b''|b\"\"|\[\]|\{\}|\(\)|(set|list|dict|deque|bytearray)\(\)")


def _empties(write: Event) -> bool:
    """`self.unread = 0`, `self.buf = []`, `self.titles.clear()`: the run empties an accumulator."""
    if write.kind is EventKind.MUTATE:
        return write.op == "clear"
    return write.kind is EventKind.WRITE and write.op in (None, "=") \
        and EMPTY.fullmatch((write.value or "").strip()) is not None


def _accumulates(ev: Event, path: str | None) -> bool:
    """A write that builds on what is there (`self.unread += 1`, `self.n = self.n + 1`,
    `self.titles.append(t)`, `counts[k] = ...`): what it adds while another run is suspended
    between its read and its emptying store is thrown away by that store, unread (the reset after
    the await: `n = self.unread`; `await send(n)`; `self.unread = 0`; tests/corpus/
    il403_total_reset_after_awaited_send). Stores of a new value and removals lose nothing."""
    if ev.kind is EventKind.MUTATE:
        return ev.op in ADDITIONS or ev.op in ("setitem", "update", "setdefault", "+=", "iadd")
    if ev.kind is not EventKind.WRITE:
        return False
    if (ev.op or "").endswith("=") and ev.op != "=":
        return True
    return bool(path) and accessors.mentions(ev.value, path) and not _empties(ev)


def _fills_absent(o: Access) -> bool:
    """The rival stores at a key only when it found the key absent (`client = self._clients.get(k)`;
    `if client is None: ... self._clients[k] = client`): a get-or-create cache, whose emptying loses
    nothing the next look-up does not build again (tests/corpus/il403_cache_emptied_after_close_await)."""
    ev = o.event
    if ev.kind is not EventKind.MUTATE or ev.op != "setitem" or not ev.key or not ev.target:
        return False
    events = list(o.function.events())
    j = next((x for x, e in enumerate(events) if e is ev), None)
    if j is None:
        return False
    shape = _shape(o.function)
    return any(events[t].kind is EventKind.BRANCH and _tests_absent_key(shape, events, t, ev.target, ev.key.strip(), ev)
               for t in range(j))


def _plain_reset(write: Event) -> bool:
    """`self.x = None` / `= 0` / `= {}`: a store of a constant, not an update of the old value."""
    augmented = (write.op or "").endswith("=") and write.op != "="        # `-= 1` updates the old value
    return not augmented and CONSTANT.fullmatch((write.value or "").strip()) is not None


def _reads(ev: Event, path: str | None) -> bool:
    if ev.kind is EventKind.BRANCH:
        # an `assert` states what the code takes for granted; no later write acts on it
        # (tests/corpus/il403_assert_is_no_check)
        return _looks_at(ev, path) and ev.op != "assert"
    return ev.kind is EventKind.WRITE and ev.target and "." not in ev.target and path in ev.reads


def _own_load(ev: Event, write: Event, path: str | None) -> bool:
    """`ev` is the load the write's own statement makes before its value's await
    (`self.done += await fetch()`, `total = total + await f()`)."""
    return ev.kind is EventKind.READ and ev.target == path == write.target and path in write.reads \
        and ev.loc.line >= write.loc.line


def _looks_at(branch: Event, path: str | None) -> bool:
    """The condition reads `path`: a field or global among its reads, or a local (a container's
    element, `if seat not in seats`) named in its source."""
    if path in branch.reads:
        return True
    return bool(path) and path.isidentifier() and accessors.mentions(branch.value, path)


def _through_accessors(model, events: list[Event], shape: "_Shape") -> list[Event]:
    """`events` with each condition that tests a getter (`if self.busy:` on a property, `if not
    self.is_idle():`) seen as the test of what the getter returns (`self._state != "idle"`, on the
    same object): a check of the state made through an accessor before an await is a check of the
    state (tests/corpus/il403_state_checked_through_property). The condition's copy takes the
    original's place in `shape`."""
    getters: dict[str, tuple[str, tuple[str, ...]]] = {}     # callee text -> (its return, its reads)
    out = []
    for e in events:
        guard = _guard_call(model, e)
        if guard is not None:
            value, reads = guard
            seen = e.model_copy(update={"kind": EventKind.BRANCH, "value": value, "reads": reads,
                                        "callee": None, "resolved": None, "args": ()})
            _alias(shape, e, seen)
            for table in (shape.guarded, shape.then):
                table[id(seen)] = set()
            shape.exits.add(id(seen))
            shape.then_exits.add(id(seen))
            out.append(seen)
            continue
        if e.kind is EventKind.CALL and e.callee and not e.awaited and e.resolved:
            got = _getter_result(model.functions.get(e.resolved), accessors.receiver(e.callee))
            if got is not None:
                getters[e.callee] = got
        if e.kind is EventKind.BRANCH and e.value and getters:
            value, reads = e.value, list(e.reads)
            for text, (result, got_reads) in getters.items():
                pattern = rf"(?<![\w.]){re.escape(text)}(\(\s*\))?(?![\w.(])"
                if re.search(pattern, value):
                    value = re.sub(pattern, lambda _m, r=result: f"({r})", value)
                    reads += got_reads
            if value != e.value:
                seen = e.model_copy(update={"value": value, "reads": tuple(dict.fromkeys(reads))})
                _alias(shape, e, seen)
                out.append(seen)
                continue
        out.append(e)
    return out


def _guard_call(model, call: Event) -> tuple[str, tuple[str, ...]] | None:
    """(the condition, its field reads) under which a call of a sync guard helper raises, in the
    caller's terms: `self._require(count)` with `def _require(self, n): if self.seats_left < n:
    raise SoldOut()` is the guard clause `if self.seats_left < count: raise` written in place
    (getters it tests, `seats_left` on a property, replaced by what they return). The helper
    must do nothing but such tests (reads and calls of getters before them): each `if` whose arm
    only raises, with no `else`; several are joined with `or` (tests/corpus/
    il403_check_in_raising_guard_helper)."""
    if call.kind is not EventKind.CALL or call.awaited or not call.resolved or not call.callee \
            or any("=" in a or a.startswith("*") for a in call.args):
        return None
    fn = model.functions.get(call.resolved)
    if fn is None or fn.is_async or not fn.cls or fn.is_static or fn.is_classmethod:
        return None
    recv = accessors.receiver(call.callee)
    params = [p for p in fn.params[1:]]
    if not recv or len(call.args) > len(params) or any(p.startswith("*") for p in params):
        return None
    getters: dict[str, tuple[str, tuple[str, ...]]] = {}
    conds: list[tuple[str, tuple[str, ...]]] = []
    for n in fn.body:
        if isinstance(n, Event):
            if n.kind is EventKind.CALL and not n.awaited and n.callee and n.resolved:
                got = _getter_result(model.functions.get(n.resolved), accessors.receiver(n.callee))
                if got is None:
                    return None
                getters[n.callee] = got
            elif n.kind is not EventKind.READ:
                return None
            continue
        if not isinstance(n, Branch) or n.orelse or not n.then or not n.cond.value:
            return None
        arm = list(iter_events(n.then))
        if arm[-1].kind is not EventKind.RAISE or any(e.kind not in (EventKind.READ, EventKind.CALL, EventKind.RAISE)
                                                     or e.awaited for e in arm):
            return None
        value, reads = n.cond.value, list(n.cond.reads)
        for text, (result, got_reads) in getters.items():
            pattern = rf"(?<![\w.]){re.escape(text)}(\(\s*\))?(?![\w.(])"
            if re.search(pattern, value):
                value = re.sub(pattern, lambda _m, r=result: f"({r})", value)
                reads += got_reads
        if any(r == "self" or r.startswith("self.") for r in reads):
            conds.append((value, tuple(reads)))     # a test of the arguments alone checks no state
    if not conds:
        return None
    subst = dict(zip(params, call.args))

    def rebase(text: str) -> str:
        text = re.sub(r"(?<![\w.])self\b", recv, text) if recv != "self" else text
        for p, a in subst.items():
            if a.strip() != p:
                text = re.sub(rf"(?<![\w.]){re.escape(p)}\b", f"({a})", text)
        return text
    value = " or ".join(rebase(v) if len(conds) == 1 else f"({rebase(v)})" for v, _r in conds)
    reads = tuple(dict.fromkeys(rebase(r) for _v, rs in conds for r in rs if r == "self" or r.startswith("self.")))
    return value, reads


_PURE_CALLS = frozenset({"len", "bool", "isinstance", "min", "max", "abs"})


def _getter_result(fn, recv: str) -> tuple[str, tuple[str, ...]] | None:
    """(the expression, its field reads) a sync getter of no arguments returns, rebased on
    `recv` (the receiver of the call): one `return` of an expression over the object's fields
    and names it does not bind (`return self._state != "idle"`, `with self._lock: return
    self._state`); None for anything else."""
    import ast
    if fn is None or fn.is_async or not fn.cls or len(fn.params) != 1 or not recv:
        return None
    events = list(fn.events())
    returns = [e for e in events if e.kind is EventKind.RETURN]
    if len(returns) != 1 or not returns[0].value or any(e.kind is EventKind.AWAIT for e in events):
        return None
    try:
        tree = ast.parse(returns[0].value.strip(), mode="eval")
    except SyntaxError:
        return None
    bound = {e.target for e in events if e.kind is EventKind.WRITE and e.target and "." not in e.target}
    if any(isinstance(n, ast.Name) and (n.id in bound or n.id in fn.params[1:]) for n in ast.walk(tree)) \
            or any(isinstance(n, (ast.Lambda, ast.comprehension, ast.NamedExpr)) or isinstance(n, ast.Call)
                   and not (isinstance(n.func, ast.Name) and n.func.id in _PURE_CALLS) for n in ast.walk(tree)):
        return None

    def rebase(text: str) -> str:
        return re.sub(r"(?<![\w.])self\b", recv, text) if recv != "self" else text
    reads = tuple(rebase(r) for r in returns[0].reads if r == "self" or r.startswith("self."))
    return rebase(ast.unparse(tree.body)), reads


def _alias(shape: "_Shape", old: Event, new: Event) -> None:
    """`new` stands where `old` stood in `shape`."""
    a, b = id(old), id(new)
    for table in (shape.arms, shape.nest, shape.guarded, shape.then, shape.loop_body):
        if a in table:
            table[b] = table[a]
    for ids in (shape.exits, shape.then_exits):
        if a in ids:
            ids.add(b)
    for table in (shape.guarded, shape.then):
        for ids in table.values():
            if a in ids:
                ids.add(b)


def _reads_through_accessor(idx: ConcurrencyIndex, w: Access, before: list[Event], ev: Event) -> bool:
    """`tokens = self._current()` where `_current` returns `self._tokens`: the local holds a read
    of the attribute `w` writes, made inside the (sync) accessor (tests/corpus/
    il403_read_through_helper)."""
    if ev.kind is not EventKind.WRITE or not ev.target or "." in ev.target or ev.reads:
        return False
    recv = accessors.receiver(w.event.target or "")
    for call in reversed(before):
        if call.kind is EventKind.CALL and call.callee and not call.awaited and accessors.mentions(ev.value, call.callee):
            callee = idx.model.functions.get(call.resolved or "")
            return accessors.receiver(call.callee) == recv and accessors.call_returns(idx.model, callee, (w.owner, w.attr))
    return False


#: in-place changes that only take items out of a container
REMOVALS = frozenset({"pop", "popleft", "popitem", "delitem", "discard", "remove", "clear"})


def _released_by_waits(idx: ConcurrencyIndex, w: Access, between: list[Event]) -> frozenset[str]:
    """The locks of the Conditions waited on in `between`: `await cond.wait()` lets go of the lock
    until it is notified, so other tasks take items under it meanwhile
    (tests/corpus/il403_async_condition_wait_under_if)."""
    return frozenset(sym for e in between if e.kind is EventKind.WAIT and e.target
                     and (sym := idx.lock_symbol(w.reach.cls, w.function, e.target)) is not None)


def _removes(ev: Event) -> bool:
    """`d.pop(k, None)`, `del d[k]`, `s.discard(x)`: the write only takes items out."""
    return ev.kind is EventKind.MUTATE and ev.op in REMOVALS


def _waited_under(shape: "_Shape", between: list[Event], branch: Event, write: Event) -> bool:
    """`if not self.pending: await self._ready.wait()` and then `self.pending.pop(0)`: the write
    follows a check whose arm waits for a primitive, so it acts on what the wait was for (the
    asyncio form of a Condition wait under `if`; `while` looks again). Only a rival that takes
    items out can undo it while the run is suspended: one that adds items keeps the container
    filled (tests/corpus/il403_wait_under_if_then_pop)."""
    arm = shape.guarded.get(id(branch), set())
    return id(write) not in arm and (_removes(write) or _counts(write)) \
        and any((e.kind is EventKind.WAIT or _polls(e, write)) and id(e) in arm for e in between)


#: awaited calls that only let time pass
SLEEPS = frozenset({"asyncio.sleep", "anyio.sleep", "trio.sleep"})


def _polls(ev: Event, write: Event) -> bool:
    """`if self._tokens < 1: await asyncio.sleep(delay)` and then `self._tokens -= 1`: a timed wait
    under `if` for the tested counter to refill, the polling form of a primitive's wait; every run
    that slept takes a token without looking again (tests/corpus/il403_token_bucket_sleeps_under_if).
    Only counters: a container taken from after a sleep is left to the other checks."""
    return ev.kind is EventKind.AWAIT and ev.target in SLEEPS and _counts(write)


def _counts(ev: Event) -> bool:
    """`self.in_use += 1`: a counter stepped by a constant, as a hand-made semaphore takes a slot
    after `if self.in_use >= self.limit: await self._freed.wait()`."""
    return ev.kind is EventKind.WRITE and ev.op in INVERSE and CONSTANT.fullmatch((ev.value or "").strip()) is not None


def _undoes(rival: Event, write: Event) -> bool:
    """A rival that can undo what the run waited for while it is suspended: one that takes items
    out of the container, or that steps the counter the way the run does (another run taking a
    slot after the same wait, tests/corpus/il403_slot_counter_wait_under_if); one that steps it
    back (gives a slot back) or adds items keeps the wait's outcome."""
    if _counts(write):
        return rival.kind is EventKind.WRITE and rival.op == write.op
    return _removes(rival)


def _depends(shape: "_Shape", read: Event, write: Event, between: list[Event]) -> tuple[bool, bool, bool]:
    """(the write depends on the read; it does so only through a test that found nothing; it does
    so only through a test). When the local read from the attribute is rebound on every way to the
    write (`value = self._data.get(key)`; `if value is None: value = await load(key)`;
    `self._data[key] = value`), or the write does not use it at all (`previous =
    self.best.get(k, 0)`; `await ...`; `if score > previous: self.best[k] = score`), the write acts
    on the read only through the test it sits under, a check like a condition on the attribute
    itself: a test of the local (or of a local computed from it) while it still holds the read. A
    test that the write passes when the local is empty (`is None`, `not value`) looked for an
    absent item: a rival that takes items out during the await keeps it absent
    (tests/corpus/il403_key_dropped_during_locked_fill, il403_per_key_lock_helper,
    il403_stale_local_tested_after_await)."""
    if _flows(read, write, between, shape):
        return True, False, False
    names = {read.target} if read.target else set()
    for b in between:
        if b.kind is EventKind.WRITE and b.target and "." not in b.target:
            if any(accessors.mentions(b.value, n) for n in names):
                names.add(b.target)
            elif b.target in names:
                names.discard(b.target)     # `peak = self.peaks.get(k)` again after the await
            continue
        if b.kind is not EventKind.BRANCH or not _guards(shape, b, write):
            continue
        name = next((n for n in names if accessors.mentions(b.value, n)), None)
        if name is not None:
            want = shape.outcome(b, write, after=True)
            return True, want is not None and _holds_when_empty(b.value or "", name) is want, True
    return False, False, False


def _holds_when_empty(cond: str, name: str) -> bool | None:
    """The value of `cond` when the local `name` holds None (or nothing): `name is None` -> True,
    `name is not None` / `name` -> False, `not name` -> True; None for other tests."""
    import ast
    try:
        node = ast.parse(cond.strip(), mode="eval").body
    except SyntaxError:
        return None
    if isinstance(node, ast.Name) and node.id == name:
        return False
    if isinstance(node, ast.BoolOp):
        # `sess is None or sess.stale()`: the first operand that settles it when empty decides
        # (tests/corpus/il403_refill_when_missing_or_stale)
        settles = isinstance(node.op, ast.Or)
        for operand in node.values:
            got = _holds_when_empty(ast.unparse(operand), name)
            if got is None:
                return None
            if got is settles:
                return settles
        return not settles
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        inner = _holds_when_empty(ast.unparse(node.operand), name)
        return None if inner is None else not inner
    if isinstance(node, ast.Compare) and len(node.ops) == 1 and ast.unparse(node.left) == name \
            and ast.unparse(node.comparators[0]) == "None" and isinstance(node.ops[0], (ast.Is, ast.IsNot, ast.Eq, ast.NotEq)):
        return isinstance(node.ops[0], (ast.Is, ast.Eq))
    return None


def _flows(read: Event, write: Event, between: list[Event] = (), shape: "_Shape | None" = None) -> bool:
    """The local assigned from the attribute before the await is used by the write, directly or
    through locals computed from it in between, the awaited result of a call it was passed to
    included (`c = self.cursor; page = await get(c); self.cursor = page.next`;
    tests/corpus/il403_value_from_awaited_result). With `shape`, a local rebound to something
    else on every way to the write no longer carries the read."""
    if not read.target:
        return False
    if _own_load(read, write, read.target):
        # the statement's own load: Python reads the attribute, then awaits, then stores
        # (tests/corpus/il403_augmented_await_in_statement)
        return True
    names = {read.target}
    for e in between:
        if e.kind is not EventKind.WRITE or not e.target or "." in e.target:
            continue
        if any(accessors.mentions(e.value, n) for n in names):
            names.add(e.target)
        elif shape is not None and e.target in names and shape.dominates(e, write):
            names.discard(e.target)     # rebound to something else on every way to the write
    text = " ".join(filter(None, (write.value, " ".join(write.args))))
    return any(accessors.mentions(text, n) for n in names)


def _span_locks(idx: ConcurrencyIndex, w: Access, span: list[Event]) -> frozenset[str]:
    """The asyncio locks held on every event from the read to the write: taken in the function,
    or held by its caller for the whole call (tests/corpus/il403_async_lock_helper). A permit of a
    counting semaphore excludes no one (il403_counting_async_semaphore_across_gather). A plain
    `threading.Lock` held across the await excludes its other takers too: a thread waits for it,
    and another task on the loop blocks the loop on it, which IL402 reports, not a race
    (tests/corpus/il402_thread_lock_across_await_not_il403); an `RLock` lets the loop's other tasks in."""
    def excludes(sym: str | None) -> bool:
        return bool(sym) and idx.lock_kind(sym) in SPAN_LOCKS and not idx.counts_permits(sym)

    def locks(e: Event) -> set[str]:
        return {sym for p in e.held if excludes(sym := idx.lock_symbol(w.reach.cls, w.function, p))}
    here = locks(w.event) & w.locks           # a lock per key guards no write of shared state
    common = {sym for sym in w.locks - here if excludes(sym)} | here
    for e in span:
        common &= locks(e) | (w.locks - here)
    return frozenset(common)


def _other_writer(idx: ConcurrencyIndex, w: Access, writes: list[Access]) -> Access | None:
    best = None
    for o in writes:
        if idx.overlap(w.reach, o.reach):
            if o.context.name != w.context.name:
                return o
            best = best or o
    return best


def _reset_finding(ctx: RuleContext, u: Access, hit: tuple[Event, Event], other: Access) -> Finding:
    reset, aw = hit
    fn, name, oname = u.function, u.context.name, other.context.name
    same = other.event is reset and oname == name
    other_desc = f"another `{name}` task running the same code" if same else f"`{oname}` in `{describe(other.function)}`"
    trace = (step(name, reset.loc, f"stores its own {u.symbol} for this run in {describe(fn)}"),
             step(name, aw.loc, "suspends at await"),
             step(oname, other.event.loc, f"replaces {u.symbol} in {describe(other.function)}"),
             step(name, u.event.loc, f"uses {u.symbol}, which is no longer its own"))
    related = (where(fn, reset.loc, f"{u.symbol} set for this run"),
               where(fn, aw.loc, "await: other tasks run here"),
               where(other.function, other.event.loc, f"{oname} writes {u.symbol}"))
    return Finding(
        code=RULE.code, rule=RULE.name, severity=RULE.severity, dimension=ctx.dimension(RULE.dimension),
        title=f"{u.symbol} set before an await and used after it in {describe(fn)}",
        message=f"`{name}` stores its own `{u.symbol}` in `{describe(fn)}`, awaits, then uses it, while {other_desc} "
                f"can replace it during the await.",
        location=where(fn, u.event.loc), related=related, symbols=(u.symbol,),
        contexts=tuple(dict.fromkeys((name, oname))), trace=trace,
        trigger=f"{other_desc[0].upper() + other_desc[1:]} runs while `{describe(fn)}` is suspended at line {aw.loc.line}.",
        evidence=ctx.snippet(fn.path, reset.loc.line, u.event.loc.line if u.event.loc.line - reset.loc.line <= 15 else None),
        impact=f"After the await, `{describe(fn)}` works on the object another run stored: its results mix with or "
               f"replace the other run's.",
        fix=f"Keep the per-run object in a local (and publish it with one store when done), or hold an "
            f"`asyncio.Lock` from line {reset.loc.line} to the last use.",
    )


def _finding(ctx: RuleContext, w: Access, hit: tuple, other: Access) -> Finding:
    read, aw = hit[:2]
    fn, name, oname = w.function, w.context.name, other.context.name
    same = other.event == w.event and oname == name
    other_desc = f"another `{name}` task running the same code" if same else f"`{oname}` in `{describe(other.function)}`"
    trace = (step(name, read.loc, f"reads {w.symbol} in {describe(fn)}"),
             step(name, aw.loc, "suspends at await"),
             step(oname, other.event.loc, f"writes {w.symbol} in {describe(other.function)}"),
             step(name, w.event.loc, f"empties {w.symbol}, dropping what was added during the await"
                  if (drained := _empties(w.event) and _accumulates(other.event, w.event.target))
                  else f"writes {w.symbol} from the stale value"))
    related = (where(fn, read.loc, f"{w.symbol} read before the await"),
               where(fn, aw.loc, "await: other tasks run here"),
               where(other.function, other.event.loc, f"{oname} writes {w.symbol}"))
    return Finding(
        code=RULE.code, rule=RULE.name, severity=RULE.severity, dimension=ctx.dimension(RULE.dimension),
        title=f"{w.symbol} read before an await and written after it in {describe(fn)}",
        message=f"`{name}` reads `{w.symbol}` in `{describe(fn)}`, awaits, then writes it, while {other_desc} "
                f"writes it during the await.",
        location=where(fn, w.event.loc), related=related, symbols=(w.symbol,),
        contexts=tuple(dict.fromkeys((name, oname))), trace=trace,
        trigger=f"{other_desc[0].upper() + other_desc[1:]} runs while `{describe(fn)}` is suspended at line {aw.loc.line}.",
        evidence=ctx.snippet(fn.path, read.loc.line, w.event.loc.line if w.event.loc.line - read.loc.line <= 15 else None),
        impact=f"The write at line {w.event.loc.line} is based on a value of `{w.symbol}` that is stale after the "
               f"await: duplicate work, lost updates, or two tasks both acting on the same check.",
        fix=f"Take the value and empty `{w.symbol}` in one step before the await (`batch, self.x = self.x, []`), "
            f"or hold an `asyncio.Lock` that the writers take too from the read at line {read.loc.line} to the reset."
        if drained else
            f"Hold an `asyncio.Lock` from the read at line {read.loc.line} to the write, or re-read `{w.symbol}` "
            f"after the await before writing it.",
    )


def _bypass_finding(ctx: RuleContext, w: Access, hit: tuple[Event, Event, frozenset[str]], other: Access) -> Finding:
    """`w`'s read-await-write holds an asyncio lock that `other` does not take: reported at
    `other`'s write, the access that skips the lock (tests/corpus/il403_write_bypasses_async_lock)."""
    read, aw, locks = hit
    fn, ofn, name, oname = w.function, other.function, w.context.name, other.context.name
    lock = min(locks)
    lk = short_symbol(*lock.rsplit(".", 1)) if "." in lock else lock
    trace = (step(name, read.loc, f"reads {w.symbol} in {describe(fn)} holding {lk}"),
             step(name, aw.loc, f"suspends at await, still holding {lk}"),
             step(oname, other.event.loc, f"writes {w.symbol} in {describe(ofn)} without {lk}"),
             step(name, w.event.loc, f"writes {w.symbol} from the stale value"))
    related = (where(fn, read.loc, f"{w.symbol} read under {lk}"),
               where(fn, aw.loc, f"await while holding {lk}: other tasks run here"),
               where(fn, w.event.loc, f"{w.symbol} written under {lk}"))
    return Finding(
        code=RULE.code, rule=RULE.name, severity=RULE.severity, dimension=ctx.dimension(RULE.dimension),
        title=f"{w.symbol} written in {describe(ofn)} without {lk}, across the await of {describe(fn)}",
        message=f"`{name}` holds `{lk}` in `{describe(fn)}` from its read of `{w.symbol}` across an await to its "
                f"write, but `{oname}` writes `{w.symbol}` in `{describe(ofn)}` without `{lk}`, so it can write "
                f"during that await.",
        location=where(ofn, other.event.loc), related=related, symbols=(w.symbol, lk),
        contexts=tuple(dict.fromkeys((oname, name))), trace=trace,
        trigger=f"`{oname}` runs `{describe(ofn)}` while `{describe(fn)}` is suspended at line {aw.loc.line}.",
        evidence=ctx.snippet(ofn.path, other.event.loc.line, None),
        impact=f"`{describe(fn)}` acts on a value of `{w.symbol}` that `{describe(ofn)}` changed during the await: "
               f"one of the two writes is lost (a connection or object leaked, a check acted on twice).",
        fix=f"Take `{lk}` in `{describe(ofn)}` around its read-modify-write of `{w.symbol}` too.",
    )
