"""IL304 blocking-under-lock: a thread blocks (join, sleep, I/O, wait) while holding a lock others need.

What it finds
-------------
A blocking operation - `Thread.join`, `time.sleep`, file/socket/subprocess/HTTP/database I/O,
`Event.wait`, `Queue.get`/`put`, `Future.result`, a blocking `Semaphore.acquire()` - executed while holding a threading lock that
another concurrent context also acquires. The blocking call may be in a helper called under the
lock. `Condition.wait` on the held lock's own condition is fine (it releases that lock) and is
not reported; other locks held across it are. Nor is I/O on the one object a lock serialises
(a shared connection or file handle that every use reaches under that lock), including opening
the object that replaces it (`self._fh = open(path)` when a log rotates) or the file a guarded
attribute names (`open(self._path, "a")`, while a rotation changes `_path` under the lock):
other contexts that take the lock do so to use that object, so they would wait for it anyway.
When the lock also guards other state (a buffer that `log()` appends to), the finding names such
a caller: it waits out the I/O for nothing.
A permit of a counting semaphore (`BoundedSemaphore(size)`, `Semaphore(4)`) held while blocking
is not reported either: limiting how many run the blocking call at once is its purpose. Nor is a
lock handed over (taken by a spawner or a `begin` method, released by the started thread or the
`finish` method, checker/handover.py): it marks work in progress, and making others wait for that
work is its purpose.

Why it matters
--------------
Every context that needs the lock waits as long as the blocking call takes: audio underruns,
hung API calls. When the blocked-on work itself needs the lock (joining a thread that takes it,
waiting for an event its setter sets under the lock, putting on a full bounded queue whose
consumer takes the lock between its gets), it is a deadlock: where the interleaving
explorer proves it with the blocked schedule, it is reported once, as IL504 at the same call,
and this rule stays silent there. A condition wait or a queue `get()` that another call can end
without the held lock (`submit()` puts with no lock, a decoder thread notifies with no lock) is a
stall, not a deadlock, and is reported here (tests/corpus/il304_condition_wait_under_other_lock,
il304_queue_get_under_lock_put_lock_free).

Example
-------
    def save(self):
        with self._lock:
            self._dirty = False
            time.sleep(self.debounce)   # every reader of the player waits out the sleep
            self._write_file()          # ... and the file write
    # fixed
        with self._lock:
            self._dirty = False
            snapshot = dict(self._state)
        time.sleep(self.debounce)
        self._write_file(snapshot)

Fix
---
Change the state under the lock, release it, then block: join, sleep, wait or do I/O outside
the critical section. Use a Condition on the same lock when you need to wait for state.

Known limits
------------
A lock that only one function ever acquires serialises whole runs of that operation (an
export, a mastering job); blocking inside it is by design and not reported, unless the critical
section has a path that does not block (a cache hit that returns, a download only on a miss):
runs on that quick path then wait out the blocking one. Blocking calls are
recognised from a catalogue (standard library, requests/httpx, sqlite3, SQLAlchemy, soundfile);
unknown library calls that block are not. Waits with a timeout are
reported too (they still stall the other contexts for the timeout).
"""
from __future__ import annotations

import re
from typing import Iterator

from interlock.checker.analysis import ConcurrencyIndex, Reach, index
from interlock.checker.callgraph import (
    acquirers as acquirers_of, acquisition_site, attribute_uses, chain_steps, describe, frames, instance_names,
    is_spawned, other_acquirer, receiver, short_lock, step, used_attribute, where,
)
from interlock.checker.context import RuleContext
from interlock.checker.registry import RuleInfo
from interlock.models.finding import Finding
from interlock.checker.rules._body import shape_of
from interlock.models.program import (
    THREAD_WAIT_KINDS, AttrKind, Branch, Event, EventKind, ProgramModel, is_lifecycle, iter_events,
)

RULE = RuleInfo(
    code="IL304", name="blocking-under-lock", severity="high", dimension="Player Thread Safety",
    summary="A blocking call (join, sleep, I/O, wait, Queue.get) runs while holding a lock another context needs.",
    fix="Update the state under the lock, release it, and only then join, sleep, wait or do I/O.",
)
THREAD_LOCKS = frozenset({AttrKind.LOCK, AttrKind.RLOCK, AttrKind.CONDITION, AttrKind.MP_LOCK, AttrKind.SEMAPHORE})
WAITS = frozenset({"wait", "wait_for"})
NOT_BLOCKING = frozenset({"cpu", "fs", "lock_acquire"})
ALL_KINDS = frozenset(AttrKind)


def check(model: ProgramModel, ctx: RuleContext) -> Iterator[Finding]:
    idx = index(ctx)
    seen: set[tuple] = set()
    for r in idx.reaches:
        what = _blocking(idx, r)
        if what is None or (r.function.qualname, r.event.loc.line) in seen:
            continue
        released = _released(idx, r)
        needed = []
        for lock in sorted(r.locks):
            users = _resource_users(ctx, idx, r, lock)
            if (lock == released or lock in r.handed or idx.lock_kind(lock) not in THREAD_LOCKS or idx.counts_permits(lock)
                    or users is not None and _all_use(ctx, idx, lock, users)
                    or _serialises_lifecycle(ctx, idx, lock)
                    or (_serialises_one_operation(ctx, idx, lock) and not _skippable(ctx, idx, r, lock)
                        and not _waits_for_parties(idx, r))):
                continue
            other = (_bystander(ctx, idx, r, lock, users) if users is not None else None) \
                or other_acquirer(ctx, idx, r, lock)
            if other is not None:
                needed.append((lock, other))
        if needed:
            seen.add((r.function.qualname, r.event.loc.line))
            yield _finding(model, ctx, r, needed, what)


def _blocking(idx: ConcurrencyIndex, r: Reach) -> str | None:
    """A description of the blocking operation at `r`, or None."""
    ev = r.event
    if ev.awaited:
        return None
    if ev.kind is EventKind.BLOCKING and ev.op not in NOT_BLOCKING:
        return f"{ev.callee or ev.op} ({ev.op})"
    if _waited_kind(idx, r) in THREAD_WAIT_KINDS:
        return f"{ev.target}.{ev.op}()"
    if _semaphore_wait(idx, r) is not None:
        return f"{ev.target}.acquire() (semaphore)"
    return None


def _waited_kind(idx: ConcurrencyIndex, r: Reach) -> AttrKind | None:
    """The kind of the primitive a `wait()` / `wait_for()` at `r` waits on."""
    ev = r.event
    if ev.kind is not EventKind.WAIT or ev.op not in WAITS or not ev.target:
        return None
    owner = idx.model.resolve(r.cls, ev.target)
    info = idx.model.attribute(*owner) if owner else None
    return info.kind if info is not None else None


def _waits_for_parties(idx: ConcurrencyIndex, r: Reach) -> bool:
    """A `Barrier.wait()`: it returns only once the other parties arrive, and they are the other
    runs of the code that takes the lock on their way there. A lock that one function takes still
    serialises nothing here: its holder waits for the very runs it keeps out
    (tests/corpus/il504_barrier_wait_holding_tally_lock)."""
    return _waited_kind(idx, r) is AttrKind.BARRIER


def _semaphore_wait(idx: ConcurrencyIndex, r: Reach) -> str | None:
    """The semaphore a blocking `acquire()` (or `with sem:`) waits on: it sleeps until a holder
    releases a permit, a wait like `Event.wait`. Alone it is the ordinary throttle; under another
    lock, that lock's other users wait too (tests/corpus/il304_semaphore_acquire_under_lock)."""
    ev = r.event
    if ev.kind is not EventKind.ACQUIRE or ev.op == "try" or not ev.target:
        return None
    sym = idx.lock_symbol(r.cls, r.function, ev.target)
    return sym if sym is not None and idx.lock_kind(sym) is AttrKind.SEMAPHORE else None


def _all_use(ctx: RuleContext, idx: ConcurrencyIndex, lock: str, users: set[str]) -> bool:
    return all(o.function.qualname in users for o in acquirers_of(ctx, idx, lock))


def _bystander(ctx: RuleContext, idx: ConcurrencyIndex, r: Reach, lock: str, users: set[str]) -> Reach | None:
    """A concurrent acquirer of the lock that takes it for other state than the object the
    blocking call uses (`log()` appending to a buffer the lock also guards): the one that waits
    out the call for nothing, named in the finding (another context first)."""
    others = [o for o in acquirers_of(ctx, idx, lock) if o.function.qualname not in users
              and idx.concurrent(r.context, o.context)]
    return next((o for o in others if o.context.name != r.context.name), others[0] if others else None)


def _resource_users(ctx: RuleContext, idx: ConcurrencyIndex, r: Reach, lock: str) -> set[str] | None:
    """The lock exists to serialise this very object (a shared connection, a file handle it
    reopens): every use holds it, and every function that takes the lock takes it to use the
    object. A lock that also guards other state (a buffer that `add()` appends to under it) makes
    those callers wait out the I/O (tests/corpus/il304_socket_lock_shared_with_buffer). A join
    is no I/O on the thread handle: it waits for another thread, and the handle's other users
    (`is_alive()`) need not wait with it (tests/corpus/il304_join_under_lock_that_guards_the_handle).
    Returns the functions that take the lock on the way to a use of the object (all of the lock's
    acquirers when it guards the object alone), or None when the blocking call uses no such object."""
    if r.event.kind is not EventKind.BLOCKING or r.event.op == "join":
        return None
    res = (used_attribute(idx.model, r.cls, r.event, r.function.module) or _stored_in(idx, r)
           or _file_named_by(idx, r) or _handed_out_by(idx, r))
    if res is None:
        return None
    uses = attribute_uses(ctx, idx, ALL_KINDS).get(res, [])
    if not uses or not all(lock in u.locks for u in uses):
        return None
    users: set[str] = set()
    # the functions on the way to each use (or swap under the lock) may hold the lock
    for u in uses + [w for w in _replacements(ctx, idx, res) if lock in w.locks]:
        users.add(u.function.qualname)
        users.update(ev.resolved for ev in u.chain if ev.resolved)
        if u.chain:
            users.update(_entry_of(idx.model, u))
    users.update(o.function.qualname for o in acquirers_of(ctx, idx, lock) if _helper_uses(idx.model, o, res))
    return users


def _helper_uses(model: ProgramModel, o: Reach, res: tuple[str, str]) -> bool:
    """`o` takes the lock through the object's own `@contextmanager` (`with self._cursor() as
    cur:`), whose body uses the object under it (`self._conn.cursor()`, `self._conn.commit()`): a
    use of that object, though the helper's body is not walked as a call
    (tests/corpus/il304_close_connection_guarded_through_cursor_helper)."""
    head, _, name = (o.event.value or "").partition(".")
    cls = model.classes.get(o.cls or "") if head in ("self", "cls") and name and "." not in name else None
    helper = model.functions.get(cls.methods.get(name, "")) if cls is not None else None
    return helper is not None and any(
        e.kind is not EventKind.WRITE and used_attribute(model, helper.cls, e, helper.module) == res
        for e in helper.events())


def _replacements(ctx: RuleContext, idx: ConcurrencyIndex, res: tuple[str, str]) -> list[Reach]:
    """The writes of the attribute after construction: a context that swaps the object under
    the lock (a new path, a reconnected socket) takes the lock to use it too."""
    writes = ctx.cache.get("il304_writes")
    if writes is None:
        writes = ctx.cache["il304_writes"] = {}
        for r in idx.reaches:
            if r.event.kind is EventKind.WRITE and r.function.name not in ("__init__", "__post_init__"):
                key = used_attribute(idx.model, r.cls, r.event, r.function.module)
                writes.setdefault(key, []).append(r)
    return writes.get(res, [])


def _entry_of(model: ProgramModel, r: Reach) -> list[str]:
    """The context entry whose body makes the first call of `r`'s chain."""
    first = r.chain[0].loc
    return [q for q in r.context.entries if (fn := model.functions.get(q)) is not None and fn.path == first.path
            and fn.loc.line <= first.line <= max(fn.loc.end_line, fn.loc.line)]


def _stored_in(idx: ConcurrencyIndex, r: Reach) -> tuple[str, str] | None:
    """The attribute that a blocking call's result is stored in: opening the object the lock
    serialises (`self._fh = open(path)` when a log rotates, `self._conn = connect(url)`) is a use of it."""
    ev = r.event
    if not ev.callee:
        return None
    for e in r.function.events():
        if (e.kind is EventKind.WRITE and e.target and e.loc.line == ev.loc.line and e.value
                and e.value.startswith(f"{ev.callee}(") and _whole_call(e.value, len(ev.callee))):
            return idx.model.resolve(r.cls, e.target)
    return None


def _whole_call(text: str, start: int) -> bool:
    """`text[start:]` is the call's argument list and nothing after it: `self._fh = open(p)`
    stores the object the call makes; `self.latest = urlopen(url).read()` stores data read
    through it (tests/corpus/il304_fetch_result_stored_under_lock)."""
    depth, quote = 0, None
    for i in range(start, len(text)):
        c = text[i]
        if quote:
            quote = None if c == quote and text[i - 1] != "\\" else quote
        elif c in "'\"":
            quote = c
        elif c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
            if depth == 0:
                return not text[i + 1:].strip()
    return False


def _handed_out_by(idx: ConcurrencyIndex, r: Reach) -> tuple[str, str] | None:
    """The shared handle a local the call runs on came from: `cur = self._conn.cursor()`,
    `with engine.begin() as conn`, `with self._sessions() as s`. A lock that every use of the
    connection (engine, session factory) holds serialises the cursors and sessions it hands out
    too (tests/corpus/il304_cursor_of_lock_guarded_connection)."""
    fn, target = r.function, r.event.target or ""
    maker = fn.made.get(target) or fn.built.get(target)
    if maker is None:
        return None
    for path in (maker, receiver(maker), *_binds(fn, maker)):
        if path:
            path = path if "." in path else f"{fn.module}.{path}"
            hit = idx.model.resolve(r.cls, path)
            if hit is not None:
                return hit
    return None


def _binds(fn, maker: str) -> list[str]:
    """The engine a session is built on, `Session(engine)` / `Session(bind=engine)`: the handle
    that session's connection comes from (tests/corpus/il304_lock_serialising_engine_sessions)."""
    out = []
    for e in fn.events():
        if e.kind is EventKind.CALL and e.callee == maker and e.args:
            bind = next((a.partition("=")[2] for a in e.args if a.startswith("bind=")), None)
            out.append(bind or (e.args[0] if "=" not in e.args[0] else ""))
    return [b for b in out if b.replace(".", "").isidentifier()]


def _file_named_by(idx: ConcurrencyIndex, r: Reach) -> tuple[str, str] | None:
    """The attribute naming the file that a file I/O call opens (`open(self._path, "a")`): the
    lock that guards the path serialises that file; a context that takes it to change the path
    (a log rotation) waits for the write on purpose (tests/corpus/il304_append_to_file_named_by_locked_path)."""
    ev = r.event
    if ev.op != "io":
        return None
    named = [idx.model.resolve(r.cls, e.target) for e in r.function.events()
             if e.kind is EventKind.READ and e.target and e.loc.line == ev.loc.line and e.target in ev.args]
    return named[0] if len(named) == 1 else None


def _serialises_one_operation(ctx: RuleContext, idx: ConcurrencyIndex, lock: str) -> bool:
    """Only one function ever takes the lock: it serialises whole runs of that operation, so the
    next run waiting for the blocking call is the lock's purpose (tests/corpus/il304_export_lock_getter)."""
    return len({o.function.qualname for o in acquirers_of(ctx, idx, lock)}) == 1


def _serialises_lifecycle(ctx: RuleContext, idx: ConcurrencyIndex, lock: str) -> bool:
    """Only the object's lifecycle methods take the lock (`start`, `stop`, `close`, ...: a lock
    that serialises them), each called by its owner, none from a thread, job or task of the
    program: a `start` waiting while `stop` joins the worker is the lock's purpose
    (tests/corpus/il504_lifecycle_lock_held_over_join). A worker that calls `stop()` itself still
    needs the lock it holds: reported."""
    found = acquirers_of(ctx, idx, lock)
    return bool(found) and all(is_lifecycle(o.function) and not is_spawned(o.context) for o in found)


def _skippable(ctx: RuleContext, idx: ConcurrencyIndex, r: Reach, lock: str) -> bool:
    """The critical section has a path that does not block: the call leading to the blocking
    one is inside a branch taken under the lock, or after a guard clause that returns
    (`if key in self._cache: return ...`), and no other blocking call of the section is
    unconditional. Runs that take the quick path (a cache hit) wait out the blocking one, so even
    a lock that one function takes is then needed by others
    (tests/corpus/il304_cache_miss_fetch_under_lock). A section that blocks on every path (a
    frame reader that may skip the header read but always reads the payload) serialises one
    blocking operation (tests/corpus/il304_frame_reader_blocks_on_every_path)."""
    at = _blocking_point(ctx, r, lock)
    if at is None or not _conditional(*at) or _fills_once(*at):
        return False
    fn, acquire, shape, _ = at
    memo = ctx.cache.setdefault("il304_always_blocks", {})
    key = (fn.qualname, id(acquire))
    if key not in memo:
        leads = _leading_to(ctx, idx, lock)
        memo[key] = any(acquire.target in e.held and not _conditional(fn, acquire, shape, e)
                        and (e.kind is EventKind.BLOCKING and e.op not in NOT_BLOCKING
                             or e.kind is EventKind.CALL and e.resolved in leads and e.resolved != fn.qualname)
                        for e in shape.events)
    return not memo[key]


def _leading_to(ctx: RuleContext, idx: ConcurrencyIndex, lock: str, depth: int = 3) -> set[str]:
    """The functions that lead to a blocking call under `lock`: those on the chains of its blocking
    reaches (the walk reaches a function once per context, so another path to the same call is no
    reach of its own), and their callers up to `depth` calls away. Once per lock."""
    memo = ctx.cache.setdefault("il304_leading_to", {})
    if lock in memo:
        return memo[lock]
    callers = ctx.cache.get("il304_callers")
    if callers is None:
        callers = ctx.cache["il304_callers"] = {}
        for fn in ctx.model.functions.values():
            for e in fn.events():
                if e.kind is EventKind.CALL and e.resolved:
                    callers.setdefault(e.resolved, set()).add(fn.qualname)
    out = {c.resolved for o in idx.reaches if lock in o.locks and _blocking(idx, o) is not None
           for c in o.chain if c.resolved}
    frontier = set(out)
    for _ in range(depth):
        frontier = {q for f in frontier for q in callers.get(f, ())} - out
        out |= frontier
    memo[lock] = out
    return out


def _blocking_point(ctx: RuleContext, r: Reach, lock: str):
    """(function that takes `lock`, its acquire, its shape, the event there that leads to `r`'s
    blocking call), or None."""
    site = acquisition_site(ctx.model, r, lock)
    if site is None:
        return None
    fn, acquire = site
    fs = frames(ctx.model, r)
    depth = next((i for i, f in enumerate(fs) if f.qualname == fn.qualname), len(fs) - 1)
    boundary = r.chain[depth] if depth < len(r.chain) else r.event
    shape = shape_of(fn, ctx.cache.setdefault("shapes", {}))
    here = next((e for e in shape.events if e == boundary), None)
    return (fn, acquire, shape, here) if here is not None else None


def _conditional(fn, acquire: Event, shape, here: Event) -> bool:
    """`here` runs only on some paths through the critical section."""
    return any(acquire.target in b.cond.held and (_inside(b, here) or _returns(b.then))
               for b in shape.controls.get(id(here), ()))


_SLOT_TEST = re.compile(r"^(?:not\s+)?([A-Za-z_][\w.]*)(?:\s+is(?:\s+not)?\s+None)?$")


def _fills_once(fn, acquire: Event, shape, here: Event) -> bool:
    """Every test that lets a run skip the blocking call is a lazy initialisation's: `if
    self._pool is None:` (or `not _engine`, or a guard clause `if self._pool is not None: return`)
    on one field or global that the section then binds (`self._pool = Pool(...)`). The quick path
    exists only once the slow one has filled the slot, so a run that waits for the lock while the
    object is built needs that object too: nobody waits out the build for nothing, unlike a hit
    on a keyed cache waiting behind another key's miss (tests/corpus/il304_lazy_init_builds_under_lock)."""
    tests = [b.cond for b in shape.controls.get(id(here), ())
             if acquire.target in b.cond.held and (_inside(b, here) or _returns(b.then))]
    if not tests:
        return False
    for cond in tests:
        m = _SLOT_TEST.match((cond.value or "").strip())
        if m is None or len(cond.reads) != 1 or not cond.reads[0].endswith(m.group(1).rpartition(".")[2]):
            return False
        slot = cond.reads[0]
        if not any(e.kind is EventKind.WRITE and e.op == "=" and e.target == slot and acquire.target in e.held
                   for e in shape.events):
            return False
    return True


def _inside(branch: Branch, ev: Event) -> bool:
    return any(e == ev for e in iter_events(branch.then + branch.orelse))


def _returns(nodes: tuple) -> bool:
    return bool(nodes) and isinstance(nodes[-1], Event) and nodes[-1].kind is EventKind.RETURN


def _released(idx: ConcurrencyIndex, r: Reach) -> str | None:
    """`Condition.wait` releases the condition's own lock while it waits; a semaphore being
    acquired is not held yet."""
    ev = r.event
    if (sem := _semaphore_wait(idx, r)) is not None:
        return sem
    if ev.kind is EventKind.WAIT and ev.target:
        sym = idx.lock_symbol(r.cls, r.function, ev.target)
        if sym and idx.lock_kind(sym) in (AttrKind.LOCK, AttrKind.RLOCK, AttrKind.CONDITION):
            owner = idx.model.resolve(r.cls, ev.target)
            info = idx.model.attribute(*owner) if owner else None
            if info is not None and info.kind is AttrKind.CONDITION:
                return sym
    return None


def _finding(model: ProgramModel, ctx: RuleContext, r: Reach, needed: list, what: str) -> Finding:
    lock, other = needed[0]
    name, oname = instance_names([r.context.name, other.context.name])
    lk = short_lock(lock)
    site = acquisition_site(model, r, lock)
    trace, related = [], []
    if site is not None:
        trace.append(step(name, site[1].loc, f"acquires {lk} in {describe(site[0])}"))
        related.append(where(site[0], site[1].loc, f"{lk} acquired here by {name}"))
        depth = next((i for i, f in enumerate(frames(model, r)) if f.qualname == site[0].qualname), 0)
        trace.extend(chain_steps(model, r, depth, name))
    trace.append(step(name, r.event.loc, f"blocks in {what} in {describe(r.function)} holding {lk}"))
    trace.append(step(oname, other.event.loc, f"waits for {lk} in {describe(other.function)}"))
    related.append(where(other.function, other.event.loc, f"{oname} needs {lk} here"))
    start = site[1].loc.line if site and site[1].loc.path == r.event.loc.path and 0 <= r.event.loc.line - site[1].loc.line <= 12 else r.event.loc.line
    return Finding(
        code=RULE.code, rule=RULE.name, severity=RULE.severity, dimension=ctx.dimension(RULE.dimension),
        title=f"Blocking call {what.split(' ')[0]} while holding {lk}",
        message=f"`{name}` blocks in `{what}` in `{describe(r.function)}` while holding `{lk}`, which "
                f"`{oname}` acquires in `{describe(other.function)}`.",
        location=where(r.function, r.event.loc), related=tuple(related),
        symbols=tuple(short_lock(l) for l, _ in needed),
        contexts=tuple(dict.fromkeys((name, oname))), trace=tuple(trace),
        trigger=f"`{oname}` needs `{lk}` while `{name}` is blocked in `{what}` inside the critical section.",
        evidence=ctx.snippet(r.event.loc.path, start, r.event.loc.line),
        impact=f"`{oname}` stalls for as long as `{what}` blocks; if the blocked-on work itself needs `{lk}` "
               f"(a joined thread, a producer, the setter of an event), both contexts deadlock.",
        fix=f"In `{describe(r.function)}`, update the shared state while holding `{lk}`, release it, and only "
            f"then call `{what.split(' ')[0]}`.",
    )
