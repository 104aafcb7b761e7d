"""Waits that only the scenario's own threads can end: the evidence for a lock-free deadlock.

    def server(self):                 def client(self):
        self.ack.wait()                   self.ready.wait()
        self.ready.set()                  self.ack.set()

Both threads block on an Event, and each event is set only after the other thread's wait. A
pair blocked on events or queues alone is usually an idle wait (a worker waiting for a job that
some caller outside the pair will put), so IL504 reports it only when the wait is *closed*: every
place in the program that could end it (`ev.set()`, `q.put(...)`) runs only in the scenario's
own contexts, each one entry run once (a thread's target, a task's coroutine). Then nothing else
can ever end the wait. A signal sent from
any other context (the main thread, an API call, another worker), or from a context that runs
many at once, keeps the wait open (tests/corpus/il504_handshake_events_wait_each_other,
il504_task_awaits_event_only_it_sets).
"""
from __future__ import annotations

from interlock.checker.analysis import reachable_functions
from interlock.checker.context import RuleContext
from interlock.checker.explorer.ir import Scenario
from interlock.models.program import EventKind

#: primitive kind -> the methods that end a wait on it (a Condition's `notify` too: a reader
#: waiting `while not self.chunks and self.state != CLOSED: cond.wait()` for a producer whose
#: `close()` forgets `notify_all()` waits for good once that producer is done,
#: tests/corpus/il504_condition_closed_without_notify)
ENDS = {"event": ("set",), "queue": ("put", "put_nowait"), "condition": ("notify", "notify_all")}


def waited(sc: Scenario) -> set[str]:
    """Primitives the scenario's threads wait on without a timeout: untimed `Event.wait()`,
    blocking `Queue.get()`, untimed `Condition.wait()`."""
    return {op.a for p in sc.threads for op in p.ops
            if (op.kind == "evwait" and not op.b) or (op.kind == "qget" and op.b) or (op.kind == "wait" and not op.c)}


def closed_waits(ctx: RuleContext, sc: Scenario) -> frozenset[str]:
    """The waited primitives whose every ending call runs only in the scenario's contexts."""
    conds = {op.a for p in sc.threads for op in p.ops if op.kind == "wait" and not op.c}
    keys = {k for k in waited(sc) if k in conds or sc.kinds.get(k) in ENDS}
    if not keys:
        return frozenset()
    names = {p.name.split("#")[0] for p in sc.threads}
    mine = [c for c in ctx.contexts if c.name in names]
    if len(mine) != len(names):
        return frozenset()
    # a context that runs many at once, or several entries (an API: any call, any time), may
    # send the signal from another run than the scenario's
    single = all(_once(ctx, c) for c in mine)
    reach = _reach(ctx)
    inside = set().union(*(reach[c.name] for c in mine))
    outside = set().union(*(reach[c.name] for c in ctx.contexts if c.name not in names))
    out = set()
    for key in keys:
        kind = "condition" if key in conds else sc.kinds[key]
        sites = _ending_sites(ctx, key.rpartition(".")[2], ENDS[kind])
        if not sites or not sites <= inside or sites & outside:
            continue
        if kind == "condition":
            # a notify wakes only who waits then: what matters is that each context that
            # notifies runs once, one entry; the waiters may be an API's many calls
            senders = [c for c in mine if reach[c.name] & sites]
            if all(_once(ctx, c) and _runs_whole(ctx, sc, c) for c in senders):
                out.add(key)
        elif single:
            out.add(key)
    return frozenset(out)


#: primitive kind -> the methods that end a wait on it for good, for the waits another context
#: may end: an event stays set (every later wait returns). A queue item or a notify ends one
#: wait, and a worker that loops back to `get()` waits again (il504_cancel_loop_before_gather)
OPEN_ENDS = {k: v for k, v in ENDS.items() if k in ("event", "async_event")}


def open_waits(ctx: RuleContext, sc: Scenario) -> frozenset[str]:
    """The events the scenario's threads wait on (untimed) that a context left out of the
    scenario can set. A blocked state whose
    thread waits on one is no deadlock: the scenario pairs a few contexts, and the one it left
    out may run and end the wait (tests/corpus/il504_left_out_context_ends_the_wait)."""
    keys = {op.a for p in sc.threads for op in p.ops
            if (op.kind == "evwait" and not op.b) or (op.kind == "qget" and op.b)
            or (op.kind == "wait" and not op.c)}
    keys = {k for k in keys if sc.kinds.get(k) in OPEN_ENDS}
    if not keys:
        return frozenset()
    names = {p.name.split("#")[0] for p in sc.threads}
    others = [c for c in ctx.contexts if c.name not in names]
    if not others:
        return frozenset()
    reach = _reach(ctx)
    outside = set().union(*(reach[c.name] for c in others))
    return frozenset(k for k in keys
                     if _ending_sites(ctx, k.rpartition(".")[2], OPEN_ENDS[sc.kinds[k]]) & outside)


def _once(ctx: RuleContext, context) -> bool:
    """The context is one run of one entry: one instance, one entry, and that entry a thread's
    target or a task's coroutine. A spec context naming a method no thread or task of the program
    starts (an API call: `top_up`) may be called again, and its next signal ends the wait
    (tests/corpus/il504_condition_waits_for_api_deposit)."""
    if context.multiplicity == "many" or len(context.entries) != 1:
        return False
    spec = ctx.component.spec
    if spec is None or context.name not in {c.name for c in spec.context}:
        return True         # inferred: a thread's target, a task's coroutine
    started = ctx.cache.get("signals.started")
    if started is None:
        started = ctx.cache["signals.started"] = {
            ev.spawn.resolved for fn in ctx.model.functions.values() for ev in fn.events()
            if ev.kind is EventKind.SPAWN and ev.spawn is not None and ev.spawn.resolved}
    return context.entries[0] in started


def _runs_whole(ctx: RuleContext, sc: Scenario, context) -> bool:
    """The scenario's threads of `context` run its entry itself, not one of the methods it calls
    standing for it (relevance._methods: a module function the universe does not hold): a
    stand-in ends where the real run goes on, and may still notify."""
    fn = ctx.model.functions.get(context.entries[0])
    if fn is None:
        return False
    name = fn.name if fn.cls is None else f"{fn.cls.rpartition('.')[2]}.{fn.name}"
    return all(p.entries == (name,) for p in sc.threads if p.name.split("#")[0] == context.name)


def _reach(ctx: RuleContext) -> dict[str, set[str]]:
    """Each context's reachable functions (cached for the component)."""
    got = ctx.cache.get("signals.reach")
    if got is None:
        got = ctx.cache["signals.reach"] = {c.name: reachable_functions(ctx.model, c.entries) for c in ctx.contexts}
    return got


def _ending_sites(ctx: RuleContext, attr: str, methods: tuple[str, ...]) -> set[str]:
    """Functions anywhere in the program that call `<...>.<attr>.<method>()` for an ending method:
    matched by the attribute's name, so an object of another class with a field of that name
    counts too (more senders keep more waits open: never a false deadlock)."""
    cache = ctx.cache.setdefault("signals.sites", {})
    key = (attr, methods)
    if key not in cache:
        calls = {f"{attr}.{m}" for m in methods}
        cache[key] = {fn.qualname for fn in ctx.model.functions.values() for ev in fn.events()
                      if ev.callee and (ev.callee in calls or ev.callee.endswith(tuple("." + c for c in calls)))}
    return cache[key]


#: waits a call from another run can end once: a Condition's notify, a queue's put
FREE_ENDS = {"condition": ENDS["condition"], "queue": ENDS["queue"]}


def free_enders(ctx: RuleContext, sc: Scenario) -> tuple[tuple[str, frozenset[str]], ...]:
    """For each condition or queue a scenario thread waits on (untimed), the lock sets under which
    a run that is not blocked in the scenario can end the wait: a context the scenario left out,
    or another call of a context that runs many times or has many entries (an API: `submit()`
    while one call of it is blocked in `done()`). Each pair is (waited key, the locks, as the
    explorer names them, held at one ending call). The deadlock check
    (checks.deadlock_check) lets a blocked state go when such a call needs none of the locks the
    blocked threads hold and the others only wait for locks: the waiter wakes and releases them.
    That is a thread blocking under a lock (IL304), not a deadlock
    (tests/corpus/il304_condition_wait_under_other_lock, il304_queue_get_under_lock_put_lock_free)."""
    conds = {op.a for p in sc.threads for op in p.ops if op.kind == "wait" and not op.c}
    keys = {op.a for p in sc.threads for op in p.ops if op.kind == "qget" and op.b
            and sc.kinds.get(op.a) == "queue"} | conds
    if not keys:
        return ()
    names = {p.name.split("#")[0] for p in sc.threads}
    senders = {c.name for c in ctx.contexts if c.name not in names or not _once(ctx, c)}
    if not senders:
        return ()
    from interlock.checker.analysis import index       # local: the index walks the whole model
    out = set()
    for key in keys:
        kind = "condition" if key in conds else "queue"
        sites = _ending_sites(ctx, key.rpartition(".")[2], FREE_ENDS[kind])
        if not sites:
            continue
        for r in index(ctx).reaches:
            if r.context.name in senders and r.function.qualname in sites and _ends(r.event, key, FREE_ENDS[kind]):
                out.add((key, frozenset(".".join(lk.split(".")[-2:]) for lk in r.locks)))
    return tuple(sorted(out, key=lambda x: (x[0], sorted(x[1]))))


def _ends(ev, key: str, methods: tuple[str, ...]) -> bool:
    attr = key.rpartition(".")[2]
    return bool(ev.callee) and any(ev.callee == f"{attr}.{m}" or ev.callee.endswith(f".{attr}.{m}") for m in methods)
