"""Container and buffer candidates: iteration during mutation (IL202), in-place buffer writes (IL602).

IL602 follows one level of local aliasing: `buf = self._buffer[a:b]` is a numpy view (basic
slicing, `.reshape`, `.view`, `.T`, `np.asarray`), so `buf *= g` writes the shared array.
`.copy()`, `np.array(...)`, `np.copy(...)` and fancy indexing make copies and end the alias.
"""
from __future__ import annotations

import re
from typing import Iterator

from interlock.checker import accessors
from interlock.checker.analysis import Access, ConcurrencyIndex
from interlock.checker.rules._body import has_await
from interlock.checker.rules._races import dominant_lock, shared_locks
from interlock.checker.rules._shared_state import (
    Candidate, Key, is_array, is_snapshot, may_interleave, may_meet, on_loop_thread, pair_id, shape, siblings,
)
from interlock.models.program import EventKind

#: MUTATE ops that rewrite array contents in place.
IN_PLACE_OPS = frozenset({
    "*=", "/=", "+=", "-=", "//=", "%=", "**=", "&=", "|=", "^=", "<<=", ">>=", "@=",
    "copyto", "out", "setslice",
})
_COPY = re.compile(r"\.copy\(|\b(np|numpy)\.(array|copy)\(|\bcopy\.(deep)?copy\(|\.astype\(|\.tolist\(")
_VIEW_TAIL = re.compile(r"^(\[[^\[\]]*\]|\.(T|reshape\([^()]*\)|view\([^()]*\)|ravel\(\)|transpose\([^()]*\)))*$")


# -- IL202 -----------------------------------------------------------------------------------

def iterations(ctx, idx: ConcurrencyIndex, key: Key, accesses: list[Access],
               ordered: set = frozenset()) -> Iterator[tuple[Candidate, set]]:
    """`ordered`: access pairs that cannot overlap (an iteration after the mutating threads were
    joined, before they were started, after the Event that publishes their writes)."""
    mutations = [m for m in accesses if m.kind is EventKind.MUTATE]
    guard = dominant_lock([a for a in accesses if not is_snapshot(a)])
    walks = [(it, it, None) for it in accesses if it.kind is EventKind.ITERATE and not is_snapshot(it)
             and not _skips_the_guard(it, accesses, guard)]
    for it, proxy, element in walks + list(_through_accessors(ctx, idx, key, accesses)):
        suspends = _loop_suspends(ctx, it)
        rivals = [m for m in mutations if may_meet(idx, proxy, m) and pair_id(proxy, m) not in ordered
                  and _changes_the_walk(it, m, element)
                  and not (it.locks & m.locks)
                  and (suspends or not (on_loop_thread(idx, it) and on_loop_thread(idx, m)))]
        if rivals:
            yield Candidate("IL202", key, it, rivals), {pair_id(proxy, m) for m in rivals}


#: a mutation of an element of the container (`self._subs[topic].add(cb)`), not of the container
_ELEMENT_CALL = re.compile(r"\]\.\w+$")
#: a walk of one element (`for ws in self.rooms[name]`, `self.rooms.get(name, [])`)
ELEMENT_WALKS = frozenset({"[]", "get"})
#: the container's own methods that add, drop or rebind entries and leave every element object as it
#: was (not `setdefault`, whose element is usually changed next: `d.setdefault(k, set()).add(x)`)
_ENTRY_OPS = frozenset({"pop", "popitem", "clear", "update", "append", "appendleft", "extend", "insert",
                        "remove", "popleft"})


def _changes_the_walk(it: Access, m: Access, element: bool | None) -> bool:
    """Can mutation `m` change what loop `it` walks? A loop over the container: any mutation. A loop
    over what an accessor hands back as one element (`element`): only that element's own
    mutations. A loop over one element of a dict (`for ws in self.rooms[name]`): not a method of the
    container itself that drops or adds entries (`self.rooms.pop(name)`, `.clear()`, `.update()`),
    which leaves the list being walked as it was (tests/corpus/il202_room_members_walked_while_room_closed);
    `d[k] = v` / `del d[k]` may be the element's own item, so they still count."""
    if element:
        return bool(_ELEMENT_CALL.search(m.event.callee or ""))
    if element is None and (it.event.op or "") in ELEMENT_WALKS:
        return not (m.event.callee == f"{m.event.target}.{m.event.op}" and m.event.op in _ENTRY_OPS)
    return True


def _through_accessors(ctx, idx: ConcurrencyIndex, key: Key, accesses: list[Access]) -> Iterator[tuple[Access, Access, bool]]:
    """A loop over what an accessor hands back as it is (`for cb in self._handlers():`, or
    through a local, where `_handlers` does `with self._lock: return self._subs`, or an element
    of it, `self._subs[topic]`): the loop walks the live container after the accessor's lock is
    released (tests/corpus/il202_live_container_returned). Yields (the loop as an iteration of
    the field, the accessor's read of it in the same context: which object, which context, and
    whether the loop walks an element, which only an element's own mutation changes)."""
    for reach, callee in _loops_over_calls(ctx, idx):
        element = accessors.live_element(idx.model, callee, key)
        if element is None:
            continue
        proxy = next((a for a in accesses if a.kind is EventKind.READ and a.function is callee
                      and a.context.name == reach.context.name), None)
        if proxy is not None:
            yield Access(reach, key[0], key[1], proxy.symbol, EventKind.ITERATE, proxy.concrete), proxy, element


def _loops_over_calls(ctx, idx: ConcurrencyIndex) -> list:
    """(reach of a `for` loop, the function of the program whose result it walks)."""
    memo = ctx.cache.get("loops_over_calls")
    if memo is None:
        memo = ctx.cache["loops_over_calls"] = []
        for r in idx.reaches:
            if r.event.kind is EventKind.ITERATE and not r.event.target and r.event.op in ("for", "async for") \
                    and r.event.value and (call := _iterated_call(ctx, r)) is not None:
                callee = idx.model.functions.get(call.resolved or "")
                if callee is not None:
                    memo.append((r, callee))
    return memo


def _iterated_call(ctx, reach):
    """The call of the program whose result the loop walks: `for x in self.m():`, or `for x in v:`
    after `v = self.m()`."""
    sh = shape(ctx, reach.function)
    earlier = sh.events[:sh.order.get(id(reach.event), 0)]
    text = reach.event.value.strip()
    if re.fullmatch(r"\w+", text):
        bound = next((e for e in reversed(earlier) if e.kind is EventKind.WRITE and e.target == text), None)
        if bound is None:
            return None
        text, earlier = (bound.value or "").strip(), earlier[:sh.order.get(id(bound), 0)]
    return next((e for e in reversed(earlier) if e.kind is EventKind.CALL and e.callee and e.resolved
                 and re.fullmatch(rf"{re.escape(e.callee)}\([^()]*\)(\.(items|keys|values)\(\))?", text)), None)


def _skips_the_guard(it: Access, accesses: list[Access], guard: str | None) -> bool:
    """The run that iterates also writes the container without the lock that guards it in most
    accesses: the function ignores the locking discipline altogether, and the lockset rule (IL102)
    reports it, its walk included. IL202 is for a walk that alone escapes the lock (a listener
    broadcast, a sweep that deletes under the lock; tests/corpus/il102_walk_and_delete_without_lock)."""
    if guard is None or guard in shared_locks(it):
        return False
    return any(a.is_write and guard not in shared_locks(a) and a.function.qualname == it.function.qualname
               and a.context.name == it.context.name for a in accesses)


def _loop_suspends(ctx, it: Access) -> bool:
    """An `async for`/`for` body with an await lets other tasks of the loop run mid-iteration."""
    loop = shape(ctx, it.function).loops.get(id(it.event))
    return loop is not None and has_await(loop.body)


# -- IL602 -----------------------------------------------------------------------------------

def in_place(ctx, idx: ConcurrencyIndex, key: Key, accesses: list[Access]) -> Iterator[tuple[Candidate, set]]:
    if not is_array(idx, key):
        return
    readers = [r for r in accesses if r.kind in (EventKind.READ, EventKind.ITERATE)]
    escaped = {id(r) for r in readers if r.locks and _view_escapes(ctx, idx, key, r)}
    for site, how in _in_place_sites(ctx, idx, key, accesses):
        rivals = [r for r in readers if _other_run(site, r)
                  and may_interleave(idx, site, r) and (id(r) in escaped or not (site.locks & r.locks))]
        if rivals:
            how["escaped"] = frozenset(id(r) for r in rivals if id(r) in escaped)
            yield Candidate("IL602", key, site, rivals, detail=how), {pair_id(site, r) for r in rivals}


def _other_run(site: Access, r: Access) -> bool:
    """`r` reads what another run wrote: another function, or the same one run by several
    contexts or instances at once (pool jobs sharing a scratch array written with `out=`,
    tests/corpus/il602_pool_jobs_share_out_scratch). A function reading back its own in-place
    write is fine on its own; `may_interleave` decides whether two runs of it can overlap."""
    return r.function.qualname != site.function.qualname or r.context.multiplicity == "many" \
        or r.context.name != site.context.name


def _in_place_sites(ctx, idx, key, accesses) -> Iterator[tuple[Access, dict]]:
    """Direct in-place writes of the array, and in-place writes through a local view of it."""
    for a in accesses:
        if a.kind is EventKind.MUTATE and (a.event.op or "") in IN_PLACE_OPS:
            yield a, {"alias": None}
    seen = set()
    for a in accesses:
        if a.kind is not EventKind.READ or (a.context.name, id(a.reach.chain), a.function.qualname) in seen:
            continue
        seen.add((a.context.name, id(a.reach.chain), a.function.qualname))
        yield from _alias_sites(ctx, idx, key, a)


def _alias_sites(ctx, idx, key, a: Access) -> Iterator[tuple[Access, dict]]:
    sh = shape(ctx, a.function)
    aliases = {}
    for ev in sh.events:
        if ev.kind is EventKind.WRITE and ev.target and "." not in ev.target:
            src = _view_source(idx, a, ev, key)
            if src:
                aliases[ev.target] = ev
            else:
                aliases.pop(ev.target, None)        # rebound to something else (or a copy)
        elif ev.kind is EventKind.MUTATE and ev.target in aliases and (ev.op or "") in IN_PLACE_OPS | {"setitem"}:
            reach = siblings(ctx, idx, a.reach).get(id(ev))
            if reach is not None:
                site = Access(reach, key[0], key[1], a.symbol, EventKind.MUTATE)
                yield site, {"alias": ev.target, "alias_event": aliases[ev.target]}


def _view_escapes(ctx, idx, key: Key, r: Access) -> bool:
    """`r` takes a view of the array into a local under a lock (`block = self._wave[a:b]`), and the
    view is used after a lock held there is released, or returned from under it: the lock
    guarded the slicing, not the samples read later (tests/corpus/il602_view_used_after_lock)."""
    events = shape(ctx, r.function).events
    start = next((i for i, ev in enumerate(events) if ev is r.event), None)
    if start is not None and _handed_out(idx, key, r, events[start:]):
        return True
    view = next((ev for ev in events[start:] if ev.kind is EventKind.WRITE and ev.target
                 and "." not in ev.target and ev.loc.line == r.event.loc.line
                 and _view_source(idx, r, ev, key)), None) if start is not None else None
    if view is None:
        return False
    used = re.compile(rf"(?<![\w.]){re.escape(view.target)}\b")
    for ev in events[events.index(view) + 1:]:
        if ev.kind is EventKind.WRITE and ev.target == view.target:
            return False                        # rebound: the view is gone
        texts = (*ev.args, *ev.reads, ev.value or "", ev.target or "", ev.callee or "")
        if ev.kind is EventKind.RETURN and (ev.value or "").strip(" ()") == view.target:
            return True                         # the view itself leaves the function
        if any(used.search(t) for t in texts if t) and not set(view.held) <= set(ev.held):
            return True
    return False


def _handed_out(idx, key: Key, r: Access, events) -> bool:
    """The statement that reads the array under the lock returns a view of it (`return
    self._ring[a:b]`) or stores one in another attribute: the caller keeps reading samples the
    writer changes after the lock is released (tests/corpus/il602_view_returned_from_getter).
    Only a certain view counts: an element `self._a[i]` of a 1-D array is a scalar copy."""
    for ev in events:
        if ev.loc.line != r.event.loc.line:
            return False
        stored = ev.kind is EventKind.WRITE and "." in (ev.target or "") and ev.target not in ev.reads
        if ev.kind is EventKind.RETURN or stored:
            path = _view_source(idx, r, ev, key)
            return path is not None and all(_SLICED.search(s) for s in _SUBSCRIPTS.findall(_tail(ev.value, path)))
    return False


#: a subscript of a view tail, and one that keeps a dimension (basic slicing, `...`, `None`)
_SUBSCRIPTS = re.compile(r"\[[^\[\]]*\]")
_SLICED = re.compile(r":|\.\.\.|\bNone\b|newaxis")


def _tail(value: str, path: str) -> str:
    inner = _ASARRAY.sub(r"\2", value.strip())
    return inner[len(path):].replace(" ", "")


_ASARRAY = re.compile(r"^(np|numpy)\.asarray\((.*)\)$")


def _view_source(idx, a: Access, ev, key: Key) -> str | None:
    """The shared path when `ev.value` is a view of the attribute `key`, else None."""
    value = (ev.value or "").strip()
    if not value or _COPY.search(value):
        return None
    for path in ev.reads:
        if idx.model.resolve(a.reach.cls, path) != key:
            continue
        inner = _ASARRAY.sub(r"\2", value)
        if inner.startswith(path) and _VIEW_TAIL.match(_tail(value, path)):
            if not re.search(r"\[[^\]]*\[", inner[len(path):]):      # fancy indexing copies
                return path
    return None
