"""Which entry calls are worth a scenario: they touch a checked field, or block on a shared lock.

Keeps the run modest on whole components: a pair is explored only when the two entries
interact and something can go wrong there: one writes what the other reads or writes and a checked
field is written, or one side blocks (join, wait, queue get) and the two share a lock (every
blocked state IL504 reports has a context waiting on a lock another holds: without a common lock,
the blocked side waits only for something outside the pair, an idle wait), or both wait on events
or queues one of them ends (a lock-free deadlock, reported when nothing else can end the wait),
or one waits on an event the other sets after writing what the waiter tested, and one of them
clears it (a lost wake-up).
"""
from __future__ import annotations

from dataclasses import dataclass

from interlock.checker.explorer.compile import compile_entries
from interlock.checker.explorer.ir import expr_fields
from interlock.checker.explorer.scenario import PropertySpec, ThreadSpec, _invariant
from interlock.checker.explorer.universe import Universe
from interlock.models.program import Context, EventKind, ProgramModel

BLOCKING = ("join", "wait", "qget", "qjoin", "evwait", "bwait")
MAX_ENTRIES = 12


@dataclass(frozen=True)
class Entry:
    calls: tuple[tuple[str, str], ...]
    reads: frozenset[str]
    writes: frozenset[str]
    locks: frozenset[str]
    blocking: bool
    checked: bool                     # writes a field some property reads
    is_async: bool = False
    waits: frozenset[str] = frozenset()     # events and queues it waits on (no timeout)
    ends: frozenset[str] = frozenset()      # events it sets, queues it puts on
    joins: frozenset[tuple[str, str]] = frozenset()   # (class, method) of the threads and tasks it waits for
    clears: frozenset[str] = frozenset()    # events it clears

    def thread(self, name: str, task: bool = False) -> ThreadSpec:
        return ThreadSpec(name, self.calls, self.is_async, task)


def property_keys(uni: Universe, props: PropertySpec, outcome_keys: tuple[str, ...]) -> set[str]:
    keys = set(outcome_keys)
    for name, cls, expr in props.invariants:
        if uni.find(cls):
            keys |= expr_fields(_invariant(uni, name, cls, expr)[1])
    for cls, fld, _ in props.machines:
        if uni.find(cls):
            keys.add(f"{uni.find(cls).short}.{fld}")
    return keys


def entries_of(model: ProgramModel, uni: Universe, context: Context, props: PropertySpec,
               outcome_keys: tuple[str, ...]) -> list[Entry]:
    keys = property_keys(uni, props, outcome_keys)
    out = []
    for qual in _methods(model, uni, context.entries[:MAX_ENTRIES * 3]):
        fn = model.functions.get(qual)
        cls = uni.owner(fn.cls or fn.module) if fn else None
        if cls is None or fn.name not in cls.methods or fn.name.startswith("__"):
            continue
        # a context the event loop runs (a task, a loop callback, the plain methods of a class that
        # only coroutines call) switches at awaits only, as an async route that calls the method
        # (tests/corpus/il503_task_owner_methods_called_on_loop)
        entry = _entry(uni, cls.qualname, fn.name, keys, fn.is_async or context.is_async or context.on_loop)
        if entry.writes or entry.locks or entry.blocking or entry.ends:
            out.append(entry)
    return out[:MAX_ENTRIES]


def _methods(model: ProgramModel, uni: Universe, entries: tuple[str, ...]) -> list[str]:
    """The entries. A module-level one (a route function) runs itself when the universe holds its
    module (module globals typed, universe.py), and it stands for the methods of the program's
    objects it calls too (`await uploads.get(uid).finalize()`: the compiler cannot follow
    the getter's result, the method alone still runs)."""
    out: list[str] = []
    for qual in entries:
        fn = model.functions.get(qual)
        module = uni.owner(fn.module) if fn is not None and fn.cls is None else None
        if fn is None or fn.cls is not None:
            calls = [qual]
        else:
            calls = [qual] if module is not None and fn.name in module.methods else []
            calls += [ev.resolved for ev in fn.events() if ev.kind is EventKind.CALL and ev.resolved]
        out.extend(q for q in calls if q not in out and (q == qual or _is_method(model, q)))
    return out


def _is_method(model: ProgramModel, qual: str) -> bool:
    fn = model.functions.get(qual)
    return fn is not None and fn.cls is not None and not fn.name.startswith("__")


def _entry(uni: Universe, cls: str, method: str, keys: set[str], is_async: bool) -> Entry:
    ops = compile_entries(uni, [(uni.owner(cls), method)], is_async)
    reads, writes, locks, waits, ends, joins, clears = set(), set(), set(), set(), set(), set(), set()
    blocking = False
    for op in ops:
        if (op.kind == "evwait" and not op.b) or (op.kind == "qget" and op.b):
            waits.add(op.a)
        elif op.kind in ("evset", "qput"):
            ends.add(op.a)
        elif op.kind == "evclear":
            clears.add(op.a)
        reads |= expr_fields(op.b) | expr_fields(op.a)
        if op.kind in ("assign", "mutate"):
            writes.add(op.a)
        if op.kind in ("acquire", "wait"):
            locks.add(op.a if op.kind == "acquire" else op.b)
        if op.kind == "join" and (target := _join_target(uni, op.a)) is not None:
            joins.add(target)
        blocking = blocking or op.kind in BLOCKING or (op.kind == "qput" and bool(op.b)) \
            or (op.kind == "acquire" and not op.b and _kind(uni, op.a) == "semaphore")
    return Entry(((cls, method),), frozenset(reads), frozenset(writes), frozenset(locks), blocking,
                 bool(writes & keys), is_async, frozenset(waits), frozenset(ends), frozenset(joins),
                 frozenset(clears))


def _join_target(uni: Universe, key: str) -> tuple[str, str] | None:
    """(class, method) of the thread or task whose handle `key` (`Pool.tasks`) holds."""
    owner, _, attr = key.rpartition(".")
    cls = uni.find(owner)
    target = cls.thread_targets.get(attr) if cls is not None else None
    return (cls.qualname, target) if target else None


def _kind(uni: Universe, key: str) -> str:
    owner, _, attr = key.rpartition(".")
    cls = uni.find(owner)
    return cls.kinds.get(attr, "") if cls is not None else ""


def relevant_pair(a: Entry, b: Entry) -> bool:
    shares = bool(a.writes & (b.reads | b.writes) or b.writes & (a.reads | a.writes))
    if (a.checked or b.checked) and shares:
        return True
    # a deadlock between the two needs one to block while holding a lock the other takes, or
    # both to wait on events or queues that one of them sets or fills (explorer/signals.py)
    if a.waits and b.waits and (a.waits | b.waits) & (a.ends | b.ends):
        return True
    # one waits on an event the other sets after writing what the waiter tested, and one of them
    # clears it: the clear may undo the set the waiter needed, a lost wake-up (explorer/guards.py)
    for w, e in ((a, b), (b, a)):
        if w.waits & e.ends & (w.clears | e.clears) and e.writes & w.reads:
            return True
    # one waits for the other to end (join, `await gather(*self._tasks)`) while the other may be
    # parked on a queue or event with no timeout: a stop flag it only reads between items
    if any(j in b.calls for j in a.joins) and b.waits or any(j in a.calls for j in b.joins) and a.waits:
        return True
    return (a.blocking or b.blocking) and bool(a.locks & b.locks)
