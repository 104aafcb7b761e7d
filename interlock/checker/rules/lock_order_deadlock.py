"""IL301 lock-order-deadlock: two contexts take the same locks in opposite orders.

What it finds
-------------
A cycle in the lock-order graph (lock B acquired while lock A is held, and elsewhere A while B
is held) where each edge of the cycle is taken by a different concurrent context: two threads,
a thread and an API call, or two calls of a context that runs many times at once. Edges are
found interprocedurally: a lock taken by a helper called under another lock counts.

Two objects of one class count too: a method that holds `self.lock` and takes `other.lock` of
a parameter of the same class (`def transfer(self, other: "Account")`), or a function that
locks two such parameters one after the other, deadlocks when two contexts (or two runs of a
many-instance context) call it with the objects swapped (`a.transfer(b)`, `b.transfer(a)`).
A local bound once to such a parameter is that object (`first, second = src, dst`, then `with
first.lock: with second.lock:`; tests/corpus/il301_locks_through_tuple_aliases); one bound to an
order computed from the objects (`sorted((src, dst), key=...)`) is not. Two spawns of one target
in one statement (`[Thread(target=move, args=(a, b)), Thread(target=move, args=(b, a))]`) are two
runs at once (tests/corpus/il301_opposite_spawns_in_one_list).
So do two locks of one table taken at indexes the caller passes (`with self._locks[src]: with
self._locks[dst]:`, or `lock_a = LOCKS[a]` ... `with lock_a: with lock_b:`).

Why it matters
--------------
When each context holds its first lock and asks for the second, both wait forever: the player
freezes, requests hang, and nothing is logged. It happens rarely, so it survives testing.

Example
-------
    def play(self):                     # api thread
        with self._state_lock:
            with self.queue._lock: ...
    def _advance(self):                 # playback thread
        with self.queue._lock:
            with self._state_lock: ...  # opposite order: deadlock

Fixed: take the locks in one global order everywhere (`_state_lock` before `queue._lock`), or
release the first lock before calling into the other object. For two objects of one class, order
them by something of their own first: `first, second = sorted((self, other), key=id)`,
`min`/`max`, or `if self.key < other.key:` with the two orders in the two arms.

Fix
---
Pick one acquisition order for the locks of the cycle and follow it in every path; or narrow
the critical sections so no lock is held while the other is taken (copy what you need under
the first lock, release it, then take the second).

Known limits
------------
Locks are identified by class and attribute (lockdep classes), so two instances of the same
class are one lock, except for the two-object order above, which is found within one function
(both locks taken in it, on `self` or parameters annotated with the class); an order computed
from the objects (`sorted`, `min`/`max`, a conditional tuple, both orders under a comparison) is
taken as a global one. Cycles are searched up to four locks. Cycles whose edges all hold a common
gate lock, that come from one single-instance context, or whose inner acquisition is
non-blocking (`acquire(blocking=False)` or a timeout) are not reported. Branch conditions are
not checked for joint feasibility.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Iterator

import networkx as nx

from interlock.checker.analysis import ConcurrencyIndex, Reach, index, typed_receiver
from interlock.checker.callgraph import (
    acquisition_site, chain_steps, describe, frames, instance_names, short_lock, step, where,
)
from interlock.checker.context import RuleContext
from interlock.checker.registry import RuleInfo
from interlock.models.finding import Finding, FindingLocation, TraceStep
from interlock.checker.rules._table_order import int_value, ring
from interlock.models.program import AttrKind, Event, EventKind, ProgramModel

RULE = RuleInfo(
    code="IL301", name="lock-order-deadlock", severity="critical", dimension="Player Thread Safety",
    summary="Two concurrent contexts acquire the same locks in opposite orders (deadlock).",
    fix="Acquire the locks in one global order everywhere, or release the first lock before taking the second.",
)
MAX_CYCLE = 4
MAX_COMBOS = 2000


@dataclass(frozen=True, slots=True)
class OrderEdge:
    """`target` requested while `source` is held, by `reach.context`."""

    source: str
    target: str
    reach: Reach
    gates: frozenset[str]            # other locks held at the inner acquisition

    @property
    def key(self) -> tuple:
        ev = self.reach.event
        ctx = self.reach.context     # named threads first: they make the better story than `public:`
        return (ctx.kind.value == "public", ctx.name, ev.loc.path, self.reach.function.qualname, ev.loc.line)


def order_edges(idx: ConcurrencyIndex) -> dict[tuple[str, str], list[OrderEdge]]:
    """Every blocking acquisition under another lock, per (held, acquired) pair."""
    out: dict[tuple[str, str], list[OrderEdge]] = {}
    for r in idx.reaches:
        ev = r.event
        if ev.kind is not EventKind.ACQUIRE or not ev.target or ev.op == "try":
            continue
        sym = idx.lock_symbol(r.cls, r.function, ev.target)
        if sym is None:
            continue
        held = frozenset(h for h in r.locks if not h.startswith("?")) - {sym}
        for h in held:
            out.setdefault((h, sym), []).append(OrderEdge(h, sym, r, held - {h}))
    for edges in out.values():
        edges.sort(key=lambda e: e.key)
    return out


def check(model: ProgramModel, ctx: RuleContext) -> Iterator[Finding]:
    idx = index(ctx)
    edges = order_edges(idx)
    graph = nx.DiGraph()
    graph.add_edges_from(k for k in edges if k[0] != k[1])
    for cycle in nx.simple_cycles(graph, length_bound=MAX_CYCLE):
        pairs = [(cycle[i], cycle[(i + 1) % len(cycle)]) for i in range(len(cycle))]
        chosen = _witnesses(idx, [edges[p] for p in pairs])
        if chosen is not None:
            yield _finding(model, ctx, chosen)
    for group in instance_edges(idx).values():
        pair = next(((a, b) for i, a in enumerate(group) for b in group[i:]
                     if idx.concurrent(a[0].context, b[0].context)), None)
        if pair is not None:
            yield _instance_finding(model, ctx, *pair)
    for a, b in field_pairs(idx):
        yield _field_finding(model, ctx, a, b)
    for group in table_edges(idx).values():
        pair = next(((a, b) for i, a in enumerate(group) for b in group[i:]
                     if idx.concurrent(a[0].context, b[0].context)), None)
        if pair is not None:
            yield _table_finding(model, ctx, *pair)


def table_edges(idx: ConcurrencyIndex) -> dict[tuple, list[tuple[Reach, Event, list]]]:
    """Two locks of one table taken one inside the other, each at an index the caller passed
    (`with self._locks[src]: with self._locks[dst]:` in `transfer(self, src, dst)`):
    `transfer(a, b)` and `transfer(b, a)` take them in opposite orders. Not when the indexes are
    first put in an order (`lo, hi = sorted((src, dst))`, `min`/`max`: locals, not parameters), nor
    when the function takes them in both orders. (function, line) -> [(reach, the outer
    acquisition, z3's ring witness)]."""
    out: dict[tuple, list[tuple[Reach, Event, list]]] = {}
    nestings: dict[str, list[tuple[Event, Event]]] = {}
    rings: dict[tuple, list | None] = {}
    for r in idx.reaches:
        ev, fn = r.event, r.function
        if ev.kind is not EventKind.ACQUIRE or not ev.key or not ev.target or ev.op == "try":
            continue
        if fn.qualname not in nestings:
            nestings[fn.qualname] = _table_nesting(fn)
        pairs = nestings[fn.qualname]
        for outer, inner in pairs:
            if inner is not ev or outer.key == ev.key \
                    or any(o.target == ev.target and o.key == ev.key and i.key == outer.key for o, i in pairs):
                continue            # the same index twice, or both orders (a comparison picks one)
            key = (fn.qualname, outer.key, ev.key, outer.held)
            if key not in rings:
                rings[key] = _ring(idx, fn, outer.key, ev.key, _gate_capacity(idx, r, outer))
            if rings[key] is not None:
                out.setdefault((fn.qualname, ev.loc.line), []).append((r, outer, rings[key]))
                break
    return out


def _table_nesting(fn) -> list[tuple[Event, Event]]:
    """(outer, inner) for each table-lock acquisition of `fn` made while another lock of the same
    table, taken in `fn`, is held; one pass over its events."""
    held: list[Event] = []
    out = []
    for e in fn.events():
        if e.kind is EventKind.ACQUIRE and e.key:
            out.extend((o, e) for o in held if o.target == e.target)
            held.append(e)
        elif e.kind is EventKind.RELEASE and e.key:
            for i in range(len(held) - 1, -1, -1):
                if held[i].target == e.target and held[i].key == e.key:
                    del held[i]
                    break
    return out


def _gate_capacity(idx: ConcurrencyIndex, r: Reach, outer: Event) -> int | None:
    """How many runs can be between the two acquisitions at once when a lock or semaphore other
    than the table is held around them: 1 for a lock, the count of a `Semaphore(N - 1)` (the
    dining philosophers' waiter), 0 for a semaphore whose count is unknown (taken as enough); None
    when nothing gates them."""
    capacity = None
    table = idx.lock_symbol(r.cls, r.function, outer.target)
    here = {idx.lock_symbol(r.cls, r.function, path) for path in outer.held}
    callers = set(r.locks) - {idx.lock_symbol(r.cls, r.function, path) for path in r.event.held}
    for sym in (here | callers) - {None, table}:      # held before the first of the two
        kind = idx.lock_kind(sym)
        if kind in (AttrKind.SEMAPHORE, AttrKind.ASYNC_SEMAPHORE):
            count = _semaphore_count(idx, sym)
            cap = count if count is not None else 0
        elif kind in (AttrKind.LOCK, AttrKind.RLOCK, AttrKind.CONDITION, AttrKind.ASYNC_LOCK):
            cap = 1
        else:
            continue
        capacity = cap if capacity is None else min(capacity, cap)
    return capacity


def _semaphore_count(idx: ConcurrencyIndex, sym: str) -> int | None:
    """The initial count of `threading.Semaphore(N - 1)`, with the module's int constants."""
    owner, _, attr = sym.rpartition(".")
    info = idx.model.attribute(owner, attr)
    m = re.search(r"Semaphore\((.*)\)\s*$", (info.value or "") if info is not None else "")
    if m is None:
        return None
    text = m.group(1).strip() or "1"
    module = owner if owner in idx.model.modules else owner.rpartition(".")[0]
    return int_value(text, _int_constants(idx, module, text))


def _int_constants(idx: ConcurrencyIndex, module: str, text: str) -> dict[str, int]:
    """The module globals `text` names that are int literals bound once (`N = 5`)."""
    info = idx.model.modules.get(module)
    out = {}
    for name in set(re.findall(r"[A-Za-z_]\w*", text)):
        glob = info.globals.get(name) if info is not None else None
        if glob is not None and len(glob.writes) == 1 and (glob.value or "").strip().isdigit():
            out[name] = int(glob.value.strip())
    return out


def _ring(idx: ConcurrencyIndex, fn, outer: str, inner: str, gate: int | None = None) -> list | None:
    """z3's witness of a ring of waits over the table among runs of `fn` (_table_order.py), when
    both indexes are arithmetic over its parameters (never rebound), module constants and unknowns
    shared by the runs; None for an index computed in the function (`lo, hi = sorted(...)`), or
    when a gate admits fewer runs than any ring needs."""
    names = set(re.findall(r"[A-Za-z_]\w*", f"{outer} {inner}"))
    written = {e.target for e in fn.events() if e.kind is EventKind.WRITE and e.target}
    params = {p.lstrip("*") for p in fn.params} - {"self", "cls"}
    if names & written or not names & params or (gate is not None and gate < 2):
        return None
    constants = _int_constants(idx, fn.module, " ".join(names - params))
    return ring(outer, inner, params & names, constants, max_runs=gate)


def instance_edges(idx: ConcurrencyIndex) -> dict[tuple, list[tuple[Reach, str]]]:
    """A class's lock taken on one object while the same class's lock is held on another, both
    objects as the caller passed them (`self` and a parameter `other: Account`, or two
    parameters): `a.transfer(b)` and `b.transfer(a)` take the two locks in opposite orders. Not
    when the objects are first put in an order computed from them (`sorted((self, other),
    key=id)`, `min`/`max`: the function's `ordered` locals), nor when the function takes them in
    both orders (a comparison picks the order: `if id(self) < id(other)`). (function, line) ->
    [(reach, the held path)]."""
    out: dict[tuple, list[tuple[Reach, str]]] = {}
    for r in idx.reaches:
        ev, fn = r.event, r.function
        if ev.kind is not EventKind.ACQUIRE or not ev.target or ev.op == "try" or not _role(fn, ev.target):
            continue
        sym = idx.lock_symbol(r.cls, fn, ev.target)
        if sym is None or sym not in r.locks:
            continue
        inner = ev.target.partition(".")[0]
        outer = next((p for p in ev.held if _role(fn, p) and p.partition(".")[0] != inner
                      and idx.lock_symbol(r.cls, fn, p) == sym), None)
        if outer is None or _both_orders(idx, r, outer.partition(".")[0], inner, sym):
            continue
        out.setdefault((fn.qualname, ev.loc.line), []).append((r, outer))
    return out


def field_pairs(idx: ConcurrencyIndex) -> list[tuple[tuple[Reach, str], tuple[Reach, str]]]:
    """Two fields of one object holding objects of one class (`self.local`, `self.remote`, both
    `Store`), whose locks one function takes as `self.local.lock` then `self.remote.lock` and
    another, in a concurrent context, the other way round: the lock symbols are one class's, but
    the objects are two, so the opposite orders deadlock
    (tests/corpus/il301_two_fields_of_one_class). Not when both runs hold a common other lock
    (a gate), nor within one function (a comparison picks the order). [((reach, outer path), ...)]."""
    groups: dict[tuple, list[tuple[Reach, str]]] = {}
    for r in idx.reaches:
        ev, fn = r.event, r.function
        if ev.kind is not EventKind.ACQUIRE or not ev.target or ev.op == "try":
            continue
        parts = ev.target.split(".")
        if len(parts) != 3 or parts[0] != "self":
            continue
        sym = idx.lock_symbol(r.cls, fn, ev.target)
        if sym is None or sym not in r.locks:
            continue
        for outer in ev.held:
            op = outer.split(".")
            if len(op) == 3 and op[0] == "self" and op[2] == parts[2] and op[1] != parts[1] \
                    and idx.lock_symbol(r.cls, fn, outer) == sym:
                groups.setdefault((r.cls, op[1], parts[1], sym), []).append((r, outer))
    out, done = [], set()
    for (cls, first, second, sym), mine in sorted(groups.items(), key=lambda kv: str(kv[0])):
        theirs = groups.get((cls, second, first, sym), [])
        if (cls, second, first, sym) in done:
            continue
        pair = next(((a, b) for a in mine for b in theirs
                     if a[0].function is not b[0].function and idx.concurrent(a[0].context, b[0].context)
                     and not ((a[0].locks - {sym}) & (b[0].locks - {sym}))), None)
        if pair is not None:
            done.add((cls, first, second, sym))
            out.append(pair)
    return out


def _role(fn, path: str) -> bool:
    """A lock path on an object the caller chose: `self.x`, or `p.x` of a parameter of a class."""
    head = path.partition(".")[0]
    return "." in path and head not in fn.ordered and (head == "self" or typed_receiver(fn, path))


def _both_orders(idx: ConcurrencyIndex, r: Reach, outer: str, inner: str, sym: str) -> bool:
    """`fn` also takes `inner`'s lock while holding `outer`'s the other way round."""
    for ev in r.function.events():
        if ev.kind is EventKind.ACQUIRE and ev.target and ev.target.partition(".")[0] == outer \
                and any(p.partition(".")[0] == inner and idx.lock_symbol(r.cls, r.function, p) == sym for p in ev.held):
            return True
    return False


def _witnesses(idx: ConcurrencyIndex, options: list[list[OrderEdge]]) -> list[OrderEdge] | None:
    """One edge per cycle step, from pairwise-concurrent contexts, with no common gate lock."""
    for combo in itertools.islice(itertools.product(*options), MAX_COMBOS):
        if any(e.target in e.reach.locks for e in combo):
            continue                  # already held: RLock re-entry, or IL302's self-deadlock
        if not all(idx.concurrent(a.reach.context, b.reach.context) for a, b in itertools.combinations(combo, 2)):
            continue
        if frozenset.intersection(*(e.gates for e in combo)):
            continue
        return list(combo)
    return None


def _finding(model: ProgramModel, ctx: RuleContext, cycle: list[OrderEdge]) -> Finding:
    start = min(range(len(cycle)), key=lambda i: (cycle[i].reach.event.loc.path, cycle[i].reach.function.qualname))
    cycle = cycle[start:] + cycle[:start]
    first = cycle[0]
    locks = [short_lock(e.source) for e in cycle]
    names = instance_names(e.reach.context.name for e in cycle)
    trace, related, outers = _trace(model, cycle, names)
    order = " -> ".join(locks + [locks[0]])
    desc = [f"`{names[i]}` holds `{short_lock(e.source)}` and requests `{short_lock(e.target)}` "
            f"in `{describe(e.reach.function)}`" for i, e in enumerate(cycle)]
    evidence = "\n\n".join(
        f"# {names[i]}: {short_lock(e.target)} under {short_lock(e.source)}\n"
        + ctx.snippet(e.reach.event.loc.path, *_span(outers[i], e)) for i, e in enumerate(cycle))
    return Finding(
        code=RULE.code, rule=RULE.name, severity=RULE.severity, dimension=ctx.dimension(RULE.dimension),
        title=f"Lock-order deadlock: {order}",
        message="; ".join(desc) + " - the opposite orders can deadlock.",
        location=where(first.reach.function, first.reach.event.loc),
        related=tuple(related), symbols=tuple(locks), contexts=tuple(dict.fromkeys(names)),
        trace=tuple(trace),
        trigger=f"{' and '.join(f'`{n}`' for n in dict.fromkeys(names))} run at the same time; each takes its "
                f"first lock, then waits for the lock the other holds ({order}).",
        evidence=evidence,
        impact="Every context in the cycle blocks forever: the threads hang, and whatever waits on them "
               "(API calls, playback, shutdown) hangs too, with no error logged.",
        fix=f"Acquire {', '.join(f'`{l}`' for l in sorted(set(locks)))} in one fixed order on every path "
            f"(or release `{locks[0]}` before `{describe(first.reach.function)}` takes `{short_lock(first.target)}`).",
    )


def _instance_finding(model: ProgramModel, ctx: RuleContext, a: tuple[Reach, str], b: tuple[Reach, str]) -> Finding:
    """Two runs of one acquisition order over two objects of one class, with the objects swapped."""
    (ra, outer), (rb, _) = a, b
    fn, ev = ra.function, ra.event
    lock = short_lock(index(ctx).lock_symbol(ra.cls, fn, ev.target) or "")
    attr = lock.rpartition(".")[2]
    first, second = outer.partition(".")[0], ev.target.partition(".")[0]
    names = instance_names([ra.context.name, rb.context.name])
    site = next((e for e in fn.events() if e.kind is EventKind.ACQUIRE and e.target == outer
                 and e.loc.line <= ev.loc.line), None)
    start = site.loc if site is not None else ev.loc
    x, y = "x", "y"
    trace = [
        step(names[0], start, f"acquires {x}.{attr} ({first} = {x}, {second} = {y}) in {describe(fn)}"),
        step(names[1], start, f"acquires {y}.{attr} ({first} = {y}, {second} = {x}) in {describe(rb.function)}"),
        step(names[0], ev.loc, f"waits for {y}.{attr} while holding {x}.{attr}"),
        step(names[1], rb.event.loc, f"waits for {x}.{attr} while holding {y}.{attr}"),
    ]
    related = [where(fn, start, f"`{first}.{attr}` acquired here"),
               where(fn, ev.loc, f"`{second}.{attr}` acquired while holding `{first}.{attr}`")]
    return Finding(
        code=RULE.code, rule=RULE.name, severity=RULE.severity, dimension=ctx.dimension(RULE.dimension),
        title=f"Lock-order deadlock between two {lock.rpartition('.')[0]} objects: {first}.{attr} -> {second}.{attr}",
        message=f"`{describe(fn)}` holds `{first}.{attr}` and requests `{second}.{attr}`, two `{lock}` locks of "
                f"objects its caller chooses; `{names[0]}` and `{names[1]}` can run it with the objects swapped, "
                f"each holding the lock the other requests - the opposite orders can deadlock.",
        location=where(fn, ev.loc), related=tuple(related), symbols=(lock,),
        contexts=tuple(dict.fromkeys(names)), trace=tuple(trace),
        trigger=f"`{names[0]}` runs `{describe(fn)}` with `{first}` = x, `{second}` = y while `{names[1]}` runs it "
                f"with `{first}` = y, `{second}` = x (`x.{fn.name}(y)` and `y.{fn.name}(x)`).",
        evidence=ctx.snippet(ev.loc.path, start.line if 0 <= ev.loc.line - start.line <= 12 else ev.loc.line,
                             ev.loc.line),
        impact="Both contexts block forever, each holding one object's lock: the threads hang, and whatever "
               "waits on them (API calls, shutdown) hangs too, with no error logged.",
        fix=f"Take the two `{attr}` locks in one global order whatever the roles: "
            f"`first, second = sorted(({first}, {second}), key=id)` (or a stable key), then "
            f"`with first.{attr}: with second.{attr}:`.",
    )


def _field_finding(model: ProgramModel, ctx: RuleContext, a: tuple[Reach, str], b: tuple[Reach, str]) -> Finding:
    """Two fields' objects of one class locked in opposite orders by two concurrent functions."""
    (ra, outer), (rb, other_outer) = sorted((a, b), key=lambda x: (x[0].event.loc.path, x[0].event.loc.line))
    lock = short_lock(index(ctx).lock_symbol(ra.cls, ra.function, ra.event.target) or "")
    first, second = outer, ra.event.target
    names = instance_names([ra.context.name, rb.context.name])

    def held_at(r: Reach, path: str):
        site = next((e for e in r.function.events() if e.kind is EventKind.ACQUIRE and e.target == path
                     and e.loc.line <= r.event.loc.line), None)
        return site.loc if site is not None else r.event.loc
    start_a, start_b = held_at(ra, outer), held_at(rb, other_outer)
    trace = [
        step(names[0], start_a, f"acquires {first} in {describe(ra.function)}"),
        step(names[1], start_b, f"acquires {second} in {describe(rb.function)}"),
        step(names[0], ra.event.loc, f"waits for {second} while holding {first}"),
        step(names[1], rb.event.loc, f"waits for {first} while holding {second}"),
    ]
    related = [where(ra.function, start_a, f"`{first}` acquired here"),
               where(rb.function, rb.event.loc, f"`{first}` requested here while holding `{second}`")]
    return Finding(
        code=RULE.code, rule=RULE.name, severity=RULE.severity, dimension=ctx.dimension(RULE.dimension),
        title=f"Lock-order deadlock between {first} and {second}",
        message=f"`{describe(ra.function)}` holds `{first}` and requests `{second}`, while `{describe(rb.function)}` "
                f"holds `{second}` and requests `{first}`: two `{lock}` locks of the objects in two fields, taken "
                f"in opposite orders by `{names[0]}` and `{names[1]}`.",
        location=where(ra.function, ra.event.loc), related=tuple(related), symbols=(lock,),
        contexts=tuple(dict.fromkeys(names)), trace=tuple(trace),
        trigger=f"`{names[0]}` runs `{describe(ra.function)}` and `{names[1]}` runs `{describe(rb.function)}` at "
                f"the same time; each takes its first lock before the other takes its second.",
        evidence=ctx.snippet(ra.event.loc.path, start_a.line if 0 <= ra.event.loc.line - start_a.line <= 12
                             else ra.event.loc.line, ra.event.loc.line),
        impact="Both contexts block forever, each holding one object's lock: the threads hang, and whatever "
               "waits on them (API calls, shutdown) hangs too, with no error logged.",
        fix=f"Take `{first}` and `{second}` in one order in every function (or release one before taking the other).",
    )


def _table_finding(model: ProgramModel, ctx: RuleContext, a: tuple[Reach, Event, list],
                   b: tuple[Reach, Event, list]) -> Finding:
    """Runs of one acquisition order over two locks of one table that wait on each other in a
    ring: two with the indexes swapped, or k of them around the table (dining philosophers)."""
    (ra, outer, witness), (rb, _, _) = a, b
    k = len(witness)
    fn, ev = ra.function, ra.event
    lock = short_lock(index(ctx).lock_symbol(ra.cls, fn, ev.target) or ev.target)
    table = ev.target
    first, second = outer.key, ev.key
    names = instance_names([ra.context.name, rb.context.name])
    if k > 2:
        names = [f"{ra.context.name}#{j + 1}" if j else ra.context.name for j in range(k)]
    # z3's witness: each run's arguments, the lock it holds and the one it waits for
    args = [", ".join(f"{p} = {v}" for p, v in params.items()) for params, _, _ in witness]
    trace = [step(names[j], outer.loc, f"acquires {table}[{first}] = [{held}] ({args[j]}) in {describe(fn)}")
             for j, (_, held, _) in enumerate(witness)]
    trace += [step(names[j], ev.loc, f"waits for {table}[{second}] = [{wanted}], held by {names[(j + 1) % k]}")
              for j, (_, _, wanted) in enumerate(witness)]
    names = names[:2]
    related = [where(fn, outer.loc, f"`{table}[{first}]` acquired here"),
               where(fn, ev.loc, f"`{table}[{second}]` acquired while holding `{table}[{first}]`")]
    return Finding(
        code=RULE.code, rule=RULE.name, severity=RULE.severity, dimension=ctx.dimension(RULE.dimension),
        title=f"Lock-order deadlock between two locks of {lock}: [{first}] -> [{second}]",
        message=(f"`{describe(fn)}` holds `{table}[{first}]` and requests `{table}[{second}]`, two locks of one "
                 f"table at indexes its caller chooses; `{names[0]}` and `{names[1]}` can run it with the indexes "
                 f"swapped, each holding the lock the other requests - the opposite orders can deadlock." if k == 2
                 else f"`{describe(fn)}` holds `{table}[{first}]` and requests `{table}[{second}]`; {k} runs of it "
                 f"at once can each hold one lock of the table and wait for the next run's: a ring of {k} waits "
                 f"that never ends."),
        location=where(fn, ev.loc), related=tuple(related), symbols=(lock,),
        contexts=tuple(dict.fromkeys(names)), trace=tuple(trace),
        trigger=(f"`{names[0]}` runs `{describe(fn)}` with `{first}` = x, `{second}` = y while `{names[1]}` runs it "
                 f"with `{first}` = y, `{second}` = x." if k == 2 else
                 f"{k} runs of `{describe(fn)}` each take `{table}[{first}]` before any of them takes "
                 f"`{table}[{second}]`."),
        evidence=ctx.snippet(ev.loc.path, outer.loc.line if 0 <= ev.loc.line - outer.loc.line <= 12 else ev.loc.line,
                             ev.loc.line),
        impact="Both contexts block forever, each holding one lock of the table: the threads hang, and whatever "
               "waits on them (API calls, shutdown) hangs too, with no error logged.",
        fix=f"Take the two locks in one global order whatever the roles: `lo, hi = sorted(({first}, {second}))`, "
            f"then `with {table}[lo]: with {table}[hi]:` (and skip the second when they are equal).",
    )


def _span(outer, edge: OrderEdge) -> tuple[int, int]:
    line = edge.reach.event.loc.line
    if outer is not None and outer[1].loc.path == edge.reach.event.loc.path and 0 < line - outer[1].loc.line <= 12:
        return outer[1].loc.line, line
    return line, line


def _trace(model: ProgramModel, cycle: list[OrderEdge], names: list[str]):
    trace: list[TraceStep] = []
    related: list[FindingLocation] = []
    outers = []
    for e, ctx_name in zip(cycle, names):
        site = acquisition_site(model, e.reach, e.source)
        outers.append(site)
        if site is not None:
            fn, ev = site
            trace.append(step(ctx_name, ev.loc, f"acquires {short_lock(e.source)} in {describe(fn)}"))
            related.append(where(fn, ev.loc, f"{ctx_name} acquires {short_lock(e.source)} here"))
            depth = next((i for i, f in enumerate(frames(model, e.reach)) if f.qualname == fn.qualname), 0)
            trace.extend(chain_steps(model, e.reach, depth, ctx_name))
    for e, ctx_name in zip(cycle, names):
        ev = e.reach.event
        trace.append(step(ctx_name, ev.loc, f"waits for {short_lock(e.target)} in {describe(e.reach.function)} "
                                            f"while holding {short_lock(e.source)}"))
    for e, ctx_name in zip(cycle[1:], names[1:]):
        related.append(where(e.reach.function, e.reach.event.loc,
                             f"{ctx_name} acquires {short_lock(e.target)} while holding {short_lock(e.source)}"))
    return trace, related, outers
