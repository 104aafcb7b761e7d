"""Benign unlocked accesses that publish one reference: lazy initialisation and stop flags.

Both are single reference loads and stores, atomic under the GIL, and the code is written so
that the one value read is all it needs:

- Double-checked lazy initialisation: an unlocked read that is tested for None (directly or
  through a local copy) in a function that re-tests the field under the lock before building it,
  while every write after construction holds that lock. The reader sees None (and takes the
  lock) or a fully built object (tests/corpus/il102_lazy_session, il201_lazy_singleton).
- Cooperative flags: every write stores True or False, every read is a loop or `if` condition,
  and no write of the flag depends on a test of the flag (that test-and-set is a check-then-act)
  (tests/corpus/il103_pause_toggle_flag).
- Publication through a thread's start and join: a field written before `self._thread.start()`
  (or the `Thread(target=...)` started there) is seen by that thread, and what the thread wrote
  is seen after `self._thread.join()`, when the thread runs once (il101_published_by_start_join).
  A write (or read) before the first start of many threads (workers built in a comprehension),
  made by code that runs once (a script, a lifecycle call; not a public method that starts one
  more thread per call) and not inside a loop, is published to every one of them
  (il101_global_built_before_lambda_workers_start).
  A thread stored where the function just built it (`self._timer = Timer(t, self._tick);
  self._timer.start()`) counts too: a timer that re-arms itself from its own callback stores each
  new timer before it can run (il101_self_rearming_timer). A function that starts workers and
  joins them all reads their results before the first start or after the last join
  (il202_fork_join_workers, il202_iterate_after_joining_workers).
  The same start publishes to the callback of an audio stream (`sd.InputStream(callback=...)`)
  started by `self._stream.start()` (il402_audio_stream_callback).
- Publication through a queue's join: a worker thread that writes the field between taking an
  item (`self._q.get()`) and marking it done (`self._q.task_done()`, also in `finally`), and
  never after that mark, has made every write before `self._q.join()` returns; a read after that
  join sees them (il101_read_after_queue_join). A worker that marks the item done first is not.
- Publication through an Event: the writer stores the field and then sets a `threading.Event`
  (and never writes it again after that), the other side waits for that Event before it reads,
  directly, by awaiting `to_thread(ev.wait)`, or tests `ev.is_set()` first
  (tests/corpus/il101_published_by_event). A wait with a timeout publishes only where its
  result was tested True (il101_event_wait_timeout). An asyncio.Event set from a thread through
  `loop.call_soon_threadsafe(ev.set)` and awaited by the reader orders the same way
  (il101_published_by_threadsafe_set). The reader may reach the Event through a parameter typed
  with the writer's class (`svc: Library = Depends(get_library)`: il101_published_by_event_to_typed_param,
  il101_published_by_threadsafe_set_to_typed_param).
- Reset after a fork: a guard that tests the object's recorded pid against `os.getpid()`, then
  again under a lock, calls a reset whose last write stores the new pid. A fork leaves one
  thread; every other thread of the child that passes the guard sees the whole reset or waits
  for it (tests/corpus/il102_fork_reset_pid_written_first). Accesses on paths that skip the
  guard stay reported.

Each yields the access pairs it explains, so the generic race rules leave them out.
"""
from __future__ import annotations

import ast
import re
from typing import Iterator

from interlock.checker.analysis import Access, ConcurrencyIndex, typed_path
from interlock.checker.context import RuleContext
from interlock.checker.rules._shared_state import Key, is_array, pair_id, shape, siblings
from interlock.checker.callgraph import frames
from interlock.models.program import AttrKind, ContextKind, EventKind, iter_events

Pairs = set[tuple[int, int]]
_NONE_TEST = re.compile(r"\b(is\s+not|is|==|!=)\s+None\b")
_BOOLS = frozenset({"True", "False"})


def benign(ctx: RuleContext, idx: ConcurrencyIndex, key: Key, accesses: list[Access]) -> Iterator[tuple[None, Pairs]]:
    yield from lazy_publications(ctx, idx, key, accesses)
    yield from keyed_lazy_lookups(ctx, idx, key, accesses)
    yield from flag_signals(ctx, idx, key, accesses)
    yield from event_publications(ctx, idx, key, accesses)
    yield from start_join_publications(ctx, idx, key, accesses)
    yield from queue_join_publications(ctx, idx, key, accesses)
    yield from snapshot_reads(ctx, idx, key, accesses)
    yield from fork_resets(ctx, idx, key, accesses)


# -- immutable snapshots swapped whole ----------------------------------------------------------

_FROZEN_CALLS = frozenset({"tuple", "frozenset", "MappingProxyType", "types.MappingProxyType"})


def snapshot_reads(ctx, idx, key, accesses: list[Access]) -> Iterator[tuple[None, Pairs]]:
    """A field only ever rebound to a new immutable value (`self._handlers = self._handlers +
    (fn,)`, a frozen dataclass, a tuple, a fresh copy built and filled before it is stored), never
    changed in place: a function that reads it once gets one whole snapshot, old or new; reading
    the reference is atomic. Copy-on-write (tests/corpus/il202_copy_on_write_snapshot). Writes
    still race with writes (IL103)."""
    writes = [a for a in accesses if a.is_write]
    if not writes or any(a.kind is not EventKind.WRITE for a in writes):
        return
    array = is_array(idx, key)
    kinds = [_fresh_array(idx, a) if array else _snapshot(idx, a) for a in writes]
    if None in kinds or not any(kinds):
        return                 # scalars (a status string, a position) stay IL101's: only containers
    if _mutated_anywhere(idx, key) or any(_signals(idx, w) for w in writes):
        return
    reads_in: dict[tuple, set[int]] = {}
    for x in accesses:
        if not x.is_write and x.event.op != "alias" and not x.event.through:   # through a local alias: the same load
            reads_in.setdefault((x.function.qualname, x.context.name, x.reach.chain), set()).add(id(x.event))
    pairs: Pairs = set()
    for r in accesses:
        if r.kind in (EventKind.READ, EventKind.ITERATE) \
                and len(reads_in.get((r.function.qualname, r.context.name, r.reach.chain), ())) == 1:
            pairs |= {pair_id(r, w) for w in writes}     # read twice: two reads, maybe two snapshots
    if pairs:
        yield None, pairs


_FRESH = frozenset({"dict", "list", "set", "copy.copy", "copy.deepcopy", "sorted"})
_FRESH_NODES = (ast.Dict, ast.List, ast.Set, ast.DictComp, ast.ListComp, ast.SetComp)


def parse(value: str | None) -> ast.expr | None:
    try:
        return ast.parse(value or "", mode="eval").body
    except SyntaxError:
        return None


def _snapshot(idx, w: Access) -> bool | None:
    """True: the write stores a whole immutable snapshot (a tuple, a frozen object, what a program
    function that only returns those makes, or a local the writing function built as a fresh copy,
    `new = dict(self._handlers); new[k] = v; self._handlers = new`, or as an immutable value,
    `new = tuple(stages)`: tests/corpus/il102_immutable_local_swap); False: None, a placeholder;
    None: anything else (a scalar, a list, an unknown call)."""
    node = parse(w.event.value)
    if isinstance(node, ast.Name):
        # `fresh = load(path)` ... `self._current = fresh`: the local's every binding a snapshot
        built = [parse(e.value) for e in w.function.events() if e.kind is EventKind.WRITE and e.target == node.id]
        fresh = built and all(c is not None and (_fresh_value(idx, c) or _makes_snapshots(idx, w, c))
                              for c in built)
        return True if fresh else None
    if isinstance(node, ast.Call) and isinstance(node.func, (ast.Name, ast.Attribute)):
        made = _makes_snapshots(idx, w, node)
        if made is not None:
            return made or None
    if isinstance(node, ast.Call) and ast.unparse(node.func) in _FRESH and (node.args or node.keywords):
        # `_rules = dict(loaded)`: a copy, filled before its one store, as when it is built in a
        # local first (a literal display stays a publication: il101_imported_module_instance;
        # tests/corpus/il202_global_rebound_to_a_copy)
        return True
    # copy-on-write inline: a fresh container made from the field's own value (which is then one too)
    cow = node is not None and w.event.target in w.event.reads and _fresh_value(idx, node)
    return True if cow else _immutable(idx, node)


def _makes_snapshots(idx, w: Access, node: ast.expr) -> bool | None:
    """`load(path)`, `self._load()`: a call of a program function, True when its every return is
    an immutable snapshot (a frozen object, a tuple); None when the function is unknown."""
    if not isinstance(node, ast.Call) or not isinstance(node.func, (ast.Name, ast.Attribute)):
        return None
    fn = _called(idx, w, ast.unparse(node.func))
    if fn is None:
        return None
    returns = [parse(e.value) for e in fn.events() if e.kind is EventKind.RETURN]
    return bool(returns) and all(r is not None and (_frozen_expr(idx, r) or _replaced_self(idx, fn, r)) for r in returns)


def _fresh_value(idx, node: ast.expr) -> bool:
    """The expression builds a new container itself: a display or comprehension (`[*self.x, v]`,
    `{**self.d, k: v}`), a copying call (`dict(self.d, k=v)`, `list(x)`), an immutable value, or a
    concatenation or union with one (`self.x + [v]`, `self.d | {k: v}`): stored inline from the
    field's old value, it is published whole, like a copy built in a local first
    (tests/corpus/il102_copy_on_write_inline)."""
    if isinstance(node, _FRESH_NODES) or _frozen_expr(idx, node):
        return True
    if isinstance(node, ast.Call):
        return ast.unparse(node.func) in _FRESH
    return isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.BitOr)) \
        and (_fresh_value(idx, node.left) or _fresh_value(idx, node.right))


#: numpy functions and array methods that may return a view of (or the very) array they are given
_ARRAY_VIEWS = frozenset({"asarray", "asanyarray", "ascontiguousarray", "asfortranarray", "require", "frombuffer",
                          "reshape", "ravel", "squeeze", "transpose", "swapaxes", "moveaxis", "broadcast_to",
                          "expand_dims", "atleast_1d", "atleast_2d", "atleast_3d", "view", "as_strided", "flip",
                          "fliplr", "flipud", "rot90", "diagonal"})


def _fresh_array(idx, w: Access) -> bool | None:
    """For an array field: True when the write stores a new array nothing else holds (a numpy
    call that allocates, `x.copy()`, `x.astype(t)`, arithmetic `a * g`), the copy-on-write
    repair of IL602 (tests/corpus/il101_array_rebound_read_twice); False for None; None for
    anything else (a view `x[:n]`, `np.asarray(x)`, another field, an unknown call)."""
    node = parse(w.event.value) if w.event.op == "=" else None
    if isinstance(node, ast.Constant) and node.value is None:
        return False
    if isinstance(node, ast.BinOp):
        return True
    if not isinstance(node, ast.Call) or not isinstance(node.func, (ast.Name, ast.Attribute)) \
            or any(k.arg == "copy" for k in node.keywords):
        return None
    name = node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id
    if name in _ARRAY_VIEWS:
        return None
    if isinstance(node.func, ast.Attribute) and name in ("copy", "astype"):
        return True
    module = idx.model.modules.get(w.function.module)
    head = ast.unparse(node.func).split(".")[0]
    imported = module.imports.get(head, "") if module is not None else ""
    return True if imported.split(".")[0] == "numpy" else None


def _called(idx, w: Access, func: str):
    """The program function that `func(...)` in the writing function runs (None when unknown)."""
    fn = idx.model.functions.get(f"{w.function.module}.{func}") if "." not in func else None
    if fn is not None:
        return fn
    for e in w.function.events():
        if e.kind is EventKind.CALL and e.callee == func and e.resolved:
            return idx.model.functions.get(e.resolved)
    return None


def _replaced_self(idx, fn, node: ast.expr) -> bool:
    """`return replace(self, gains=...)` (`dataclasses.replace`) in a method of a frozen class: a
    new frozen object of it."""
    cls = idx.model.classes.get(fn.cls or "")
    return cls is not None and cls.is_frozen and isinstance(node, ast.Call) and bool(node.args) \
        and ast.unparse(node.func).rsplit(".", 1)[-1] == "replace" and ast.unparse(node.args[0]) == "self"


def _immutable(idx, node: ast.expr | None) -> bool | None:
    if isinstance(node, ast.Constant) and node.value is None:
        return False
    return True if node is not None and _frozen_expr(idx, node) else None


def _frozen_expr(idx, node: ast.expr) -> bool:
    if isinstance(node, ast.Tuple):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return (isinstance(node.left, ast.Tuple) or isinstance(node.right, ast.Tuple)) \
            and all(isinstance(x, (ast.Tuple, ast.Attribute, ast.Name)) for x in (node.left, node.right))
    if isinstance(node, ast.Call):
        name = ast.unparse(node.func)
        if name in _FROZEN_CALLS:
            return True
        short = name.rsplit(".", 1)[-1]
        hits = [c for c in idx.model.classes.values() if c.name == short]
        return bool(hits) and all(c.is_frozen for c in hits)
    return False


def _signals(idx, w: Access) -> bool:
    """The writing function also sets an Event (`ready.set()`, before or after the store): readers
    wait for it to see the table, so an old one is no snapshot they may act on; the order of the
    set and the store decides (event_publications; tests/corpus/il101_published_by_event,
    il101_published_by_threadsafe_set)."""
    cls = w.reach.cls or w.function.cls
    return any(_event_symbol(idx, cls, w.function, _set_event_path(e)) is not None
               for e in w.function.events())


def _mutated_anywhere(idx, key) -> bool:
    """Any in-place change of the field's object (append, setitem, ...), in any function."""
    for fn in idx.model.functions.values():
        for e in fn.events():
            if e.kind is EventKind.MUTATE and e.target and idx.model.resolve(fn.cls, e.target) == key:
                return True
    return False


# -- publication through Thread.start / Thread.join -------------------------------------------

def start_join_publications(ctx, idx, key, accesses: list[Access]) -> Iterator[tuple[None, Pairs]]:
    pairs: Pairs = set()
    for a in accesses:
        for b in accesses:
            if b.context.kind not in (ContextKind.THREAD, ContextKind.CALLBACK) \
                    or a.context.name == b.context.name or not b.context.entries:
                continue
            entry = b.context.entries[0]
            if b.context.multiplicity == "one":
                if (a.is_write or b.is_write) and _before_start(idx, a, entry, key, b.context.kind):
                    pairs.add(pair_id(a, b))
                elif (a.is_write or b.is_write) and b.context.kind is ContextKind.THREAD \
                        and (not a.is_write or not _rearms(idx, entry)) and _after_join(idx, a, entry):
                    pairs.add(pair_id(a, b))
            elif (a.is_write or b.is_write) and not a.event.repeated and _runs_once(idx, a) \
                    and _before_start(idx, a, entry, key, b.context.kind):
                pairs.add(pair_id(a, b))
            elif not a.is_write and b.is_write and b.context.kind is ContextKind.THREAD \
                    and not _overlaps_itself(idx, a, entry) and _fork_join(idx, a, entry):
                pairs.add(pair_id(a, b))
    if pairs:
        yield None, pairs


def _thread_ops(idx, fn, cls, entry: str, method: str, kind: ContextKind = ContextKind.THREAD) -> list[int]:
    """Positions in `fn` of `<thread>.<method>()` on a thread whose target is `entry`, and (for
    start) of spawns of `entry` made right there. For a callback, of `<stream>.start()` on a
    stream built with `callback=entry` (an audio stream's thread runs it only once started)."""
    model = idx.model
    short = entry.rsplit(".", 1)[-1]
    # `Thread(target=self.f)`, `Timer(30, self.f)` / `Timer(interval, function=self.f)`
    named = (rf"(\btarget\s*=\s*|\bfunction\s*=\s*|\bTimer\(\s*[^,()]+,\s*)self\.{re.escape(short)}\b"
             if kind is ContextKind.THREAD
             else rf"\b(stream_)?callback\s*=\s*self\.{re.escape(short)}\b")
    out = []
    spawned = False                    # a spawn of `entry` seen so far: `t = Thread(...); t.join()`
    holders: set[str] = set()          # where this function stored such a thread: `self._timer = Timer(...)`
    prev = None
    for i, e in enumerate(fn.events()):
        before, prev = prev, e
        if kind is ContextKind.THREAD and e.kind is EventKind.SPAWN and e.spawn is not None and e.spawn.resolved == entry:
            spawned = True
            if method == "start":
                out.append(i)
        elif e.kind is EventKind.WRITE and e.target:
            made_here = before is not None and before.kind is EventKind.SPAWN and before.spawn is not None \
                and before.spawn.resolved == entry and kind is ContextKind.THREAD
            (holders.add if made_here else holders.discard)(e.target)
        elif e.kind in (EventKind.CALL, EventKind.BLOCKING) and (e.callee or "").endswith("." + method):
            recv = (e.callee or "")[:-len(method) - 1]
            if (method == "join" and "." not in recv and spawned) or recv in holders:
                out.append(i)
                continue
            res = model.resolve(cls, recv) if recv.startswith("self.") else None
            info = model.attribute(*res) if res else None
            if info is not None and (info.kind is AttrKind.THREAD) == (kind is ContextKind.THREAD) \
                    and (re.search(named, info.value or "")
                         or kind is ContextKind.THREAD and _stores_spawn(idx, res, entry)):
                out.append(i)
    return out


def _stores_spawn(idx, res: Key, entry: str) -> bool:
    """Some function stores a thread of `entry` in the field `res` right where it builds it:
    `self._thread = Thread(target=self._run)` in `start`, the field declared None in `__init__`
    (tests/corpus/il101_thread_handle_stored_by_start)."""
    memo = idx.__dict__.setdefault("_spawn_holders", {})
    if entry not in memo:
        held = set()
        for fn in idx.model.functions.values():
            prev = None
            for e in fn.events():
                before, prev = prev, e
                if e.kind is EventKind.WRITE and e.target and before is not None \
                        and before.kind is EventKind.SPAWN and before.spawn is not None \
                        and before.spawn.resolved == entry:
                    held.add(idx.model.resolve(fn.cls, e.target))
        memo[entry] = held
    return res in memo[entry]


def _not_written_after(idx, events, i: int, cls, key: Key) -> bool:
    """No write of the field `key` in `events` after position `i`."""
    return not any(x.kind in (EventKind.WRITE, EventKind.MUTATE) and x.target
                   and idx.model.resolve(cls, x.target) == key for x in events[i + 1:])


def _before_start(idx, w: Access, entry: str, key: Key, kind: ContextKind = ContextKind.THREAD) -> bool:
    """`w` is followed in its function by the start of the thread running `entry`, and the field is
    not written again after it there."""
    fn = w.function
    events = list(fn.events())
    at = next((i for i, e in enumerate(events) if e is w.event), None)
    if at is None:
        return False
    cls = w.reach.cls or fn.cls
    starts = [i for i in _thread_ops(idx, fn, cls, entry, "start", kind) if i > at]
    return bool(starts) and _not_written_after(idx, events, starts[0], cls, key)


def _runs_once(idx, a: Access) -> bool:
    """No other run of `a`'s code is under way with it: a context of one instance, or an outside
    caller's lifecycle call (`start`). A public method that starts one more thread per call
    (`add_child_handler`) writes again while the threads of its earlier calls run."""
    return not idx.concurrent(a.context, a.context) or idx._lifecycle_entry(a.reach)


def _overlaps_itself(idx, a: Access, entry: str) -> bool:
    """Another run of `a`'s code may be under way at the same time (its threads are not the ones
    this run joined): a context of many instances, unless `a` is in a lifecycle call (`run`), or
    is an open-world caller's call of the one function that starts (and joins) every thread of
    `entry`: a second run at once would be the owner running one batch twice on one object, not a
    context the program has (tests/corpus/il202_iterate_after_joining_workers)."""
    if not idx.concurrent(a.context, a.context) or idx._lifecycle_entry(a.reach):
        return False
    return not (a.context.kind is ContextKind.PUBLIC and _only_started_in(idx, entry, a.function))


def _only_started_in(idx, entry: str, fn) -> bool:
    """Every spawn of `entry` in the program is in `fn`."""
    sites = idx._spawn_order.sites.get(entry, ())
    return bool(sites) and all(where is fn for where, _ in sites)


def _fork_join(idx, r: Access, entry: str) -> bool:
    """Threads of `entry` that the reader's own function starts and joins, in a loop (`for t in
    threads: t.join()`) or the one thread it starts per run: a read there before the first start,
    or after the joins, does not overlap their writes (tests/corpus/il202_fork_join_workers)."""
    fn = r.function
    events = list(fn.events())
    at = next((i for i, e in enumerate(events) if e is r.event), None)
    if at is None:
        return False
    cls = r.reach.cls or fn.cls
    starts = [i for i, e in enumerate(events) if e.kind is EventKind.SPAWN and e.spawn is not None
              and e.spawn.resolved == entry]
    one_each = starts and not any(events[i].repeated for i in starts)     # one thread per run, joined
    joins = [i for i in _thread_ops(idx, fn, cls, entry, "join")
             if (events[i].repeated or one_each) and starts and i > starts[-1]]
    if not starts or not joins:
        return False
    return at < starts[0] or at > joins[-1]


def _after_join(idx, r: Access, entry: str) -> bool:
    """`r` comes after a join of the thread running `entry` in its own function: the thread has
    ended, so what it wrote is seen and what `r` writes is not seen by it (`close()` that joins
    the writer, then closes and drops its file: tests/corpus/il101_close_after_joining_writer).
    A join with a timeout (`join(timeout=2)`) may return with the thread still running: it only
    counts when an `is_alive()` test follows it before `r` (il101_reuse_after_join_timeout)."""
    fn = r.function
    events = list(fn.events())
    at = next((i for i, e in enumerate(events) if e is r.event), None)
    if at is None:
        return False
    cls = r.reach.cls or fn.cls
    return any(i < at and (not _has_timeout(events[i].args) or _alive_tested(events[i + 1:at]))
               for i in _thread_ops(idx, fn, cls, entry, "join"))


def _alive_tested(events) -> bool:
    """A branch among `events` tests whether a thread is still alive (`if t.is_alive(): raise`)."""
    return any(e.kind is EventKind.BRANCH and ".is_alive()" in (e.value or "") for e in events)


def _rearms(idx, entry: str) -> bool:
    """The thread running `entry` starts another one of itself (a `Timer` its callback re-arms):
    joining the one held in a field does not end the chain, whose next link may still run."""
    fn = idx.model.functions.get(entry)
    return fn is not None and any(e.kind is EventKind.SPAWN and e.spawn is not None
                                  and e.spawn.resolved == entry for e in fn.events())


# -- publication through Queue.join / task_done ------------------------------------------------

def queue_join_publications(ctx, idx, key, accesses: list[Access]) -> Iterator[tuple[None, Pairs]]:
    pairs: Pairs = set()
    for w in accesses:
        if not w.is_write or w.context.kind is not ContextKind.THREAD:
            continue
        queues = _done_after(idx, w, key)
        for r in accesses if queues else ():
            if r.context.name != w.context.name and _joined_before(idx, r, queues):
                pairs.add(pair_id(w, r))
    if pairs:
        yield None, pairs


def _queue_calls(idx, fn, cls, method: str) -> list[tuple[int, Key]]:
    """(position, queue field) of each `<field>.<method>()` in `fn` on a field holding a queue."""
    out = []
    for i, e in enumerate(fn.events()):
        if e.kind in (EventKind.CALL, EventKind.BLOCKING) and (e.callee or "").endswith("." + method):
            res = idx.model.resolve(cls, e.callee[:-len(method) - 1])
            info = idx.model.attribute(*res) if res else None
            if info is not None and info.kind is AttrKind.QUEUE:
                out.append((i, res))
    return out


def _done_after(idx, w: Access, key: Key) -> set[Key]:
    """The queues whose item `w`'s function takes before `w` and marks done after it, with no
    write of the field after that mark: all its writes happen before the item is done."""
    fn = w.function
    events = list(fn.events())
    at = next((i for i, e in enumerate(events) if e is w.event), None)
    if at is None:
        return set()
    cls = w.reach.cls or fn.cls
    taken = {q for i, q in _queue_calls(idx, fn, cls, "get") if i < at}
    done = [(i, q) for i, q in _queue_calls(idx, fn, cls, "task_done") if i > at and q in taken]
    return {q for i, q in done if _not_written_after(idx, events, i, cls, key)}


def _joined_before(idx, r: Access, queues: set[Key]) -> bool:
    """`r` comes after a `join()` of one of `queues` in its own function."""
    fn = r.function
    at = next((i for i, e in enumerate(fn.events()) if e is r.event), None)
    cls = r.reach.cls or fn.cls
    return at is not None and any(i < at and q in queues for i, q in _queue_calls(idx, fn, cls, "join"))


# -- publication through an Event --------------------------------------------------------------

def event_publications(ctx, idx, key, accesses: list[Access]) -> Iterator[tuple[None, Pairs]]:
    writes = [a for a in accesses if a.is_write]
    pairs: Pairs = set()
    for w in writes:
        signal = _set_after(idx, w, key)
        if signal is None:
            continue
        readers = [r for r in accesses
                   if r is not w and r.context.name != w.context.name and _waits_before(ctx, idx, r, signal)]
        if readers and _stored_again(ctx, idx, w, signal) \
                and (not _cleared(idx, signal) or _several_at_once(readers)):
            continue
        for r in readers:
            pairs.add(pair_id(w, r))
    if pairs:
        yield None, pairs


def _stored_again(ctx, idx, w: Access, signal: str) -> bool:
    """The writer's loop stores the field again after it set the Event (`while True: item =
    q.get(); self.reply = ...; self.done.set()`): a reader let through by the last set may still
    be reading when the next store comes."""
    fn = w.function
    cls = w.reach.cls or fn.cls
    for loop in shape(ctx, fn).loops.values():
        body = list(iter_events(loop.body))
        if any(e is w.event for e in body) and any(
                _event_symbol(idx, cls, fn, _set_event_path(e)) == signal for e in body):
            return True
    return False


def _cleared(idx, signal: str) -> bool:
    """Some code clears the Event again (`ev.clear()`): a handshake made once per round."""
    for fn in idx.model.functions.values():
        for e in fn.events():
            callee = e.callee or ""
            if callee.endswith(".clear") and _event_symbol(idx, fn.cls, fn, callee[:-len(".clear")]) == signal:
                return True
    return False


def _several_at_once(readers: list[Access]) -> bool:
    """The reading side runs in more than one context, or in one that runs many times at once:
    two rounds of a cleared handshake overlap (one caller clears and waits while the other's
    answer is being stored; tests/corpus/il101_event_handshake_shared_by_callers)."""
    return len({r.context.name for r in readers}) > 1 or any(r.context.multiplicity == "many" for r in readers)


def _event_symbol(idx, cls, fn, path: str | None) -> str | None:
    """The Event `path` names in `fn` (a method of `cls`): a field, a module global's or an
    imported one's, or a field of an object a parameter or local of `fn` is typed with (`svc:
    Library = Depends(get_library)`; `svc.ready.wait()`: tests/corpus/il101_published_by_event_to_typed_param)."""
    if not path:
        return None
    model = idx.model
    module = fn.module
    res = model.resolve(cls, path)
    if res is None and not path.startswith(("self.", "cls.")):
        res = typed_path(model, fn, path)
    if res is None and "." in path and not path.startswith(("self.", "cls.")):
        mod = model.modules.get(module)
        head, _, rest = path.partition(".")
        if mod is not None and head in mod.globals:
            res = model.resolve(None, f"{module}.{path}")     # `holder.ready` of a module global
        elif mod is not None and head in mod.imports:
            res = model.resolve(None, f"{mod.imports[head]}.{rest}")   # ... or of an imported one
    if res is None:
        return None
    info = model.attribute(*res)
    return f"{res[0]}.{res[1]}" if info is not None and info.kind in (AttrKind.EVENT, AttrKind.ASYNC_EVENT) else None


def _set_after(idx, w: Access, key: Key) -> str | None:
    """The Event `w`'s function sets after `w`, with no write of the field after that set."""
    fn = w.function
    events = list(fn.events())
    at = next((i for i, e in enumerate(events) if e is w.event), None)
    if at is None:
        return None
    cls = w.reach.cls or fn.cls
    for i in range(at + 1, len(events)):
        e = events[i]
        sym = _event_symbol(idx, cls, fn, _set_event_path(e))
        if sym is not None:
            return sym if _not_written_after(idx, events, i, cls, key) else None
    return None


def _set_event_path(e) -> str | None:
    """The Event `e` sets: `ev.set()`, or `loop.call_soon_threadsafe(ev.set)`, which sets it on
    the loop after this point (tests/corpus/il101_published_by_threadsafe_set)."""
    if e.kind is EventKind.NOTIFY and (e.callee or "").endswith(".set"):
        return e.target
    if e.kind is EventKind.CALL and (e.callee or "").endswith(".call_soon_threadsafe") and e.args \
            and e.args[0].endswith(".set"):
        return e.args[0][:-len(".set")]
    return None


def _waits_before(ctx, idx, r: Access, signal: str) -> bool:
    """Some frame on `r`'s path waits for `signal` before going on towards `r` (a wait with a
    timeout only on the side where it returned True)."""
    fs = frames(idx.model, r.reach)
    for i, fn in enumerate(fs):
        boundary = r.reach.chain[i] if i < len(r.reach.chain) else r.event
        cls = r.reach.cls if fn.cls and r.reach.cls else fn.cls
        for e in fn.events():
            if e is boundary:
                break
            if e.kind is EventKind.WAIT and _event_symbol(idx, cls, fn, e.target) == signal:
                if _set_when_passed(ctx, fn, e, e.args, boundary):
                    return True
            if (e.kind is EventKind.CALL and (e.callee or "").endswith(".is_set")      # `if not ev.is_set(): return`
                    and _event_symbol(idx, cls, fn, (e.callee or "")[:-len(".is_set")]) == signal):
                return True
            if (e.kind is EventKind.SPAWN and e.awaited and e.spawn is not None
                    and e.spawn.target.endswith(".wait")
                    and _event_symbol(idx, cls, fn, e.spawn.target[:-len(".wait")]) == signal
                    and _set_when_passed(ctx, fn, e, e.args[1:], boundary)):    # `to_thread(ev.wait, 5)`
                return True
    return False


def _set_when_passed(ctx, fn, wait, args: tuple[str, ...], boundary) -> bool:
    """`boundary` runs only once the Event is set: the wait has no timeout, or it has one and
    `boundary` is on the side of a test where it returned True (`if ev.wait(1): ...`, after
    `if not ev.wait(1): return` or `while not ev.wait(1): ...`, also through `ok = ev.wait(1)`).
    A timed wait whose result is dropped orders nothing: on a timeout the write may not have
    happened (tests/corpus/il101_event_wait_timeout)."""
    if not _has_timeout(args):
        return True
    sh = shape(ctx, fn)
    at = sh.order.get(id(wait), -1)
    copy = _copied_to(ctx, wait)
    for b in sh.branches:
        arm = _true_arm(b.cond, wait, copy, sh.order.get(id(b.cond), -1) > at)
        if arm == "then" and any(e is boundary for e in iter_events(b.then)):
            return True
        if arm == "else" and sh.controlled_by(b, boundary) and not any(e is boundary for e in iter_events(b.then)):
            return True             # the else arm, or after a guard clause `if not ev.wait(1): return`
    for header, loop in sh.loops.items():
        if _true_arm(loop.header, wait, copy, sh.order.get(header, -1) >= at) == "else" \
                and sh.order.get(id(boundary), -1) > max([sh.order.get(id(e), -1) for e in iter_events(loop.body)] or [-1]) \
                and not any(e is boundary for e in iter_events(loop.body)):
            return True             # after `while not ev.wait(1): ...`
    return False


_COPY = re.compile(r"\s*(\w+)\s*(?::[^=]+)?=[^=]")


def _copied_to(ctx, wait) -> str | None:
    """`ok = ev.wait(1)`: the local the result goes to (a plain local store makes no event)."""
    lines = ctx.lines(wait.loc.path, wait.loc.line)
    m = _COPY.match(lines[0]) if lines else None
    return m.group(1) if m and m.end() <= wait.loc.column + 1 else None


def _has_timeout(args: tuple[str, ...]) -> bool:
    for a in args:
        key, eq, value = a.partition("=")
        if eq and key.strip() != "timeout":
            continue
        return (value if eq else a).strip() != "None"
    return False


def _true_arm(cond, wait, copy: str | None, after_wait: bool) -> str | None:
    """Where a condition that tests the wait's result (inline or through the local `copy`) has
    it True: "then" for `W` / `W and ...`, "else" for `not W`, None for anything else (`or`)."""
    value = " ".join((cond.value or "").split())
    inline = after_wait and cond.loc.line <= wait.loc.line <= (cond.loc.end_line or cond.loc.line)
    named = copy is not None and re.search(rf"(?<![\w.]){re.escape(copy)}\b", value) is not None
    if not (inline or named) or re.search(r"\bor\b", value):
        return None
    if value.startswith("not ") and not re.search(r"\b(and|not)\b", value[4:]):
        return "else" if inline or re.fullmatch(rf"not \(?\s*{re.escape(copy)}\s*\)?", value) else None
    return "then" if not re.search(r"\bnot\b", value) else None


# -- double-checked lazy initialisation -----------------------------------------------------

def lazy_publications(ctx, idx, key, accesses: list[Access]) -> Iterator[tuple[None, Pairs]]:
    writes = [a for a in accesses if a.is_write]
    if not writes or any(w.kind is not EventKind.WRITE or w.event.op != "=" for w in writes):
        return
    guards = frozenset.intersection(*(w.locks for w in writes))
    if not guards:
        return                      # a write outside the lock: the fast path can see anything
    rechecked = _rechecking_functions(ctx, idx, writes, guards)
    resets = any((w.event.value or "").strip() == "None" for w in writes)
    ok = [a for a in accesses if a.kind is EventKind.READ and not (a.locks & guards)
          and (a.function.qualname in rechecked or _calls_rechecking(a.function, rechecked))
          # with resets to None, only a value tested for None is safe; a re-read may see None
          and (not resets or _none_tested(ctx, a))]
    if ok:
        yield None, {pair_id(r, w) for r in ok for w in writes}


def keyed_lazy_lookups(ctx, idx, key, accesses: list[Access]) -> Iterator[tuple[None, Pairs]]:
    """Double-checked lookup per key: every store into the table (`self._results[key] = v`) holds
    one guard (a lock per key), but for stores of keys that were missing
    (_shared_state.keyed_access); a lookup without it is tested for None, and the same run looks
    the table up again holding the guard before it goes on. The lookup is one dict call: it sees
    None (or the entry missing) and takes the guard, or the value a store finished
    (tests/corpus/il101_lock_table_filled_when_absent)."""
    from interlock.checker.rules._shared_state import keyed_access

    stores = [a for a in accesses if a.is_write and keyed_access(a) != "fill"]
    if not stores or any(a.kind is not EventKind.MUTATE or a.event.op != "setitem" for a in stores):
        return
    guards = frozenset.intersection(*(w.locks for w in stores))
    if not guards:
        return
    ok = [a for a in accesses if a.kind is EventKind.READ and not (a.locks & guards)
          and any(r.kind is EventKind.READ and r.function is a.function and r.context is a.context
                  and r.locks & guards and r.event.loc.line > a.event.loc.line for r in accesses)
          and _none_tested(ctx, a)]
    if ok:
        yield None, {pair_id(r, w) for r in ok for w in stores}


def _calls_rechecking(fn, rechecked: set[str]) -> bool:
    """The reader's fast path hands the slow path to a helper that re-tests the field under the
    lock (`t = self._t if self._t is not None else self._build()`; il501_lazy_build_through_conditional)."""
    return bool(rechecked) and any(ev.kind is EventKind.CALL and ev.resolved in rechecked for ev in fn.events())


def _rechecking_functions(ctx, idx, writes: list[Access], guards: frozenset[str]) -> set[str]:
    """Functions that build the field under a None-test of it made while holding a guard."""
    out = set()
    for w in writes:
        sh = shape(ctx, w.function)
        for branch in sh.controls.get(id(w.event), ()):
            cond = branch.cond
            reach = siblings(ctx, idx, w.reach).get(id(cond))
            if not (_NONE_TEST.search(cond.value or "") and reach is not None and reach.locks & guards):
                continue
            if w.event.target in cond.reads or _tests_copy_of(sh, cond, w.event.target):
                out.add(w.function.qualname)
    return out


def _tests_copy_of(sh, cond, target: str) -> bool:
    """`reg = _registry; if reg is None:`, the field re-read into a local under the lock and the
    local tested (double-checked locking through a local copy; tests/corpus/il103_dcl_local_copy)."""
    locals_ = {e.target for e in sh.events if e.kind is EventKind.WRITE and e.target and "." not in e.target
               and target in e.reads and e.loc.line <= cond.loc.line}
    value = cond.value or ""
    return any(re.search(rf"(?<![\w.]){re.escape(v)}\s+(is|==|!=)", value) for v in locals_)


def _none_tested(ctx, a: Access) -> bool:
    """The read is a None test (`if self._x is None`), or is copied to a local that one is."""
    sh = shape(ctx, a.function)
    target, line = a.event.target, a.event.loc.line
    after = sh.events[sh.order.get(id(a.event), 0) + 1:]
    local = next((e.target for e in after[:3] if e.kind is EventKind.WRITE and e.loc.line == line
                  and e.target and "." not in e.target and target in e.reads), None)
    for b in sh.branches:
        value = b.cond.value or ""
        if not _NONE_TEST.search(value):
            continue
        if b.cond.loc.line == line and target in b.cond.reads:
            return True
        if local and re.search(rf"(?<![\w.]){re.escape(local)}\s+(is|==|!=)", value):
            return True
    return False


# -- reset after a fork, the pid written last -------------------------------------------------

#: `self.pid != os.getpid()` (either side): the object was set up in another process
_PID_TEST = re.compile(r"^\s*(?:(self\.\w+)\s*!=\s*(?:os\.)?getpid\(\)|(?:os\.)?getpid\(\)\s*!=\s*(self\.\w+))\s*$")


def fork_resets(ctx, idx, key, accesses: list[Access]) -> Iterator[tuple[None, Pairs]]:
    """A fork-safe object resets itself in a child process: a guard tests its recorded pid
    against `os.getpid()`, takes a lock, tests again and calls the reset, which stores
    `self.pid = os.getpid()` as its last write. A fork leaves one thread, so in the child every
    other thread starts later: one that passed the guard saw the new pid, stored after the whole
    reset, or waited for the lock until the reset was done. The reset's accesses before the pid
    store (and the store itself) are ordered before everything another thread does after the
    guard, and before the guard's own pid tests (tests/corpus/il102_fork_reset_pid_written_first,
    whose fixed twin writes the pid last)."""
    pairs: Pairs = set()
    for a in accesses:
        guard = _fork_reset(ctx, idx, a)
        if guard is None:
            continue
        for r in accesses:
            if r is not a and _passes_guard(idx, r, *guard):
                pairs.add(pair_id(a, r))
    if pairs:
        yield None, pairs


def fork_reset_accesses(ctx, idx, accesses: list[Access]) -> frozenset[int]:
    """The ids of the accesses made in a fork reset (`_fork_reset`): a forked child's first use
    re-initialising the object before any other of its threads passes the guard. The lock the
    guard takes serialises the reset, it does not guard the fields (redis `ConnectionPool._fork_lock`),
    so these sites do not vote for a field's guard, and against an access that skips the guard the
    other side is the one to report (tests/corpus/il202_fork_reset_lock_is_no_guard)."""
    return frozenset(id(a) for a in accesses if a.locks and _fork_reset(ctx, idx, a) is not None)


def _fork_reset(ctx, idx, a: Access) -> tuple[str, str] | None:
    """(guard function, pid field) when `a` runs in a reset called under a double-checked pid
    test made while a lock is held, before (or at) the reset's last write, which stores the pid."""
    if not a.locks:
        return None
    fs = frames(idx.model, a.reach)
    for i in range(len(fs) - 1):
        call = a.reach.chain[i]
        tests = [m.group(1) or m.group(2) for b in shape(ctx, fs[i]).controls.get(id(call), ())
                 for m in [_PID_TEST.match(b.cond.value or "")] if m]
        if len(tests) >= 2 and len(set(tests)) == 1:
            boundary = a.reach.chain[i + 1] if i + 1 < len(a.reach.chain) else a.event
            return (fs[i].qualname, tests[0]) if _before_pid_store(idx.model, fs[i + 1], boundary, tests[0]) else None
    return None


def _before_pid_store(model, reset, boundary, pid: str, depth: int = 3) -> bool:
    """`boundary` comes before, or is, the reset's store of the pid, and that store is its last
    write; or the reset is an override whose last step (no write after it) is the base's reset
    (`super().reset()`), which stores the pid last (tests/corpus/il101_fork_reset_not_an_entry)."""
    events = list(reset.events())
    steps = [i for i, e in enumerate(events) if e.kind in (EventKind.WRITE, EventKind.MUTATE)
             or (e.kind is EventKind.CALL and _base_reset(model, reset, e) is not None)]
    at = next((i for i, e in enumerate(events) if e is boundary), None)
    if not steps or at is None or at > steps[-1]:
        return False
    last = events[steps[-1]]
    if last.kind is EventKind.CALL:
        base = _base_reset(model, reset, last)
        return depth > 0 and any(_before_pid_store(model, base, e, pid, depth - 1) for e in base.events()
                                 if e.kind in (EventKind.WRITE, EventKind.MUTATE))
    return last.kind is EventKind.WRITE and last.target == pid and "getpid()" in (last.value or "")


def _base_reset(model, reset, ev):
    """The base class's method of the same name that `ev` calls from the override `reset`."""
    base = model.functions.get(ev.resolved or "")
    cls = model.classes.get(reset.cls or "")
    if base is None or base is reset or base.name != reset.name or cls is None or base.cls not in cls.ancestors:
        return None
    return base


def _passes_guard(idx, r: Access, guard: str, pid: str) -> bool:
    """`r` is one of the guard's own pid tests, or some frame on its path calls the guard first."""
    if r.function.qualname == guard and r.kind is EventKind.READ and r.event.target == pid:
        return True
    for i, fn in enumerate(frames(idx.model, r.reach)):
        boundary = r.reach.chain[i] if i < len(r.reach.chain) else r.event
        for e in fn.events():
            if e is boundary:
                break
            if e.kind is EventKind.CALL and e.resolved == guard:
                return True
    return False


# -- cooperative flags -----------------------------------------------------------------------

def flag_signals(ctx, idx, key, accesses: list[Access]) -> Iterator[tuple[None, Pairs]]:
    writes = [a for a in accesses if a.is_write]
    reads = [a for a in accesses if not a.is_write]
    if not writes or not reads:
        return
    if any(w.kind is not EventKind.WRITE or w.event.op != "=" or (w.event.value or "").strip() not in _BOOLS
           for w in writes):
        return
    if not all(_is_condition(ctx, r) for r in reads) or any(_tested_before(ctx, w) for w in writes):
        return
    yield None, {pair_id(r, w) for r in reads for w in writes} | {pair_id(w, v) for w in writes for v in writes}


def _is_condition(ctx, a: Access) -> bool:
    """The read is the test of an `if`/`while` (its whole use is the decision)."""
    if a.kind is not EventKind.READ:
        return False
    sh = shape(ctx, a.function)
    line, target = a.event.loc.line, a.event.target
    return any(b.cond.loc.line == line and target in b.cond.reads for b in sh.branches) or any(
        lp.header.kind is EventKind.BRANCH and lp.header.loc.line == line and target in lp.header.reads
        for lp in sh.loops.values())


def _tested_before(ctx, w: Access) -> bool:
    """`if not self._running: self._running = True`: the store depends on a test of the flag."""
    sh = shape(ctx, w.function)
    return any(w.event.target in b.cond.reads for b in sh.controls.get(id(w.event), ()))
