"""Static partial-order reduction: footprints and persistent (stubborn) sets.

Why static persistent sets and not (optimal) DPOR: our states are small hashable values, so a
stateful search with state caching removes revisits outright, and the compiler knows every
thread's whole future footprint (its remaining ops), which is exactly what a persistent-set
closure needs. DPOR exists for checkers that cannot store states or know futures (see the
research note, section 1.2). Programs are DAGs (loops unrolled), so the cycle proviso is moot.
C2 (visibility): a proper persistent set may only hold ops that cannot change a checked
property: writes to invariant/state-machine fields and releases of the invariant's locks are
visible; deadlocks and terminal states are preserved by persistent sets without that condition.
Independence is finer than read/write: Event.set/set, clear/clear, Queue.put/put (put never
blocks) and notify/notify commute. Ops that touch no key another thread touches (locals, a
thread's private fields, its end when nobody joins it) run within the move before them
(`scheduler.moves`), as SPIN merges local statements.
"""
from __future__ import annotations

from interlock.checker.explorer.ir import Op, Scenario, cancel_landing, expr_fields

Footprint = frozenset[tuple[str, str]]     # (key, mode): "r", "w" or a commuting update below

# Updates that commute with themselves (not with reads, writes or other updates of the key):
# set/set and clear/clear on an Event are idempotent, put/put on a Queue (unbounded: put never
# blocks) adds one to the size either way, notify/notify wakes the same waiters in either order.
UPDATES = ("set", "clear", "put", "notify")
MODES = ("r", "w") + UPDATES
LOCAL_KINDS = ("local", "branch", "jump", "assign", "mutate", "end")


def _is_mergeable(op: Op, machine_fields: set[str]) -> bool:
    """Kinds that never block and release nothing (a failing pop raises and frees locks);
    a state-machine write stays a step of its own (transitions are checked per step)."""
    if op.kind not in LOCAL_KINDS:
        return False
    if op.kind == "mutate" and op.b in ("pop", "popleft", "remove"):
        return False
    return not (op.kind == "assign" and op.a in machine_fields)


def op_footprint(op: Op, tid: int, sc: Scenario) -> Footprint:
    reads: set[str] = set()
    writes: set[str] = set()
    updates: set[tuple[str, str]] = set()
    k = op.kind
    if k in ("local", "branch"):
        reads |= expr_fields(op.b if k == "local" else op.a)
    elif k == "assign":
        reads |= expr_fields(op.b)
        writes.add(op.a)
    elif k in ("mutate",):
        writes.add(op.a)
    elif k in ("acquire", "release"):
        writes.add(op.a + "#lock")
    elif k == "wait":
        writes |= {op.a + "#cond", op.b + "#lock"}
    elif k == "notify":
        updates.add((op.a + "#cond", "notify"))
    elif k in ("evset", "evclear"):
        updates.add((op.a + "#set", "set" if k == "evset" else "clear"))
    elif k == "bwait":                          # arrives, and the last arrival releases the others
        writes.add(op.a + "#arrived")
    elif k == "evwait":
        reads.add(op.a + "#set")
    elif k == "qput" and op.b:                  # a bounded put waits for room: not commutative
        writes |= {op.a + "#size", op.a + "#tasks"}
    elif k == "qput":
        updates |= {(op.a + "#size", "put"), (op.a + "#tasks", "put")}
    if k == "qput" and op.a + "#items" in sc.init:
        # the items carry values a getter takes in order: two puts no longer commute
        reads |= expr_fields(op.c)
        writes.add(op.a + "#items")
    elif k == "qget":
        writes |= {op.a + "#size", op.a + "#items"}
    elif k == "qjoin":
        reads.add(op.a + "#tasks")
    elif k == "qdone":
        writes.add(op.a + "#tasks")
    elif k == "join":
        target = sc.joins.get(op.a)
        if target is not None:
            reads.add(f"#thread{target}")
    elif k in ("end", "raise"):
        writes.add(f"#thread{tid}")
        if k == "raise":       # an exception releases every lock the thread holds
            writes |= {key + "#lock" for key, kind in sc.kinds.items() if kind in ("lock", "rlock")}
    elif k == "cancel":                         # ends every other task: conflicts with all their steps
        for u, prog in enumerate(sc.threads):
            if u != tid and prog.task:
                writes |= {f"#cancel{u}", f"#thread{u}"}
        writes |= {key + "#lock" for key, kind in sc.kinds.items() if kind in ("lock", "rlock")}
    if k in ("mutate",) and op.b in ("pop", "popleft", "remove"):
        writes.add(f"#thread{tid}")             # may raise IndexError and end the thread
    return frozenset({(r, "r") for r in reads - writes} | {(w, "w") for w in writes} | updates)


def conflicts(a: Footprint, b: Footprint) -> bool:
    """Two footprints conflict when they touch a key in different modes, or both write it."""
    for key, mode in a:
        for other in MODES:
            if (key, other) in b and (mode != other or mode == "w"):
                return True
    return False


class Footprints:
    """Per thread: the footprint of each op and of everything reachable from each pc.

    Fields that every thread of the scenario only touches while holding one common lock are
    left out of the footprints (lockset-based reduction, as in Stoller's model checker for
    Java): two such accesses from different threads are always ordered by that lock's
    release/acquire pair, which conflict, so dropping them changes no Mazurkiewicz class and
    makes a critical section one scheduling point. Their writes stay visible (C2) unless every
    invariant that reads them is checked only while one of those locks is free.
    """

    def __init__(self, sc: Scenario):
        self.sc = sc
        self.op: list[list[Footprint]] = []
        self.future: list[list[Footprint]] = []
        self.protected = protected_fields(sc)
        hidden = set(self.protected)
        visible_fields = sc.property_fields - {k for k, _ in sc.machines}   # transitions are per step
        visible_fields = {k for k in visible_fields if not _checked_under(sc, k, self.protected.get(k, frozenset()))}
        # with every invariant field protected by a guard lock, values only change inside critical
        # sections: which lock-free state a release exposes is fixed by the acquire order
        visible_locks = sc.property_locks if visible_fields & sc.property_fields else frozenset()
        self.visible: list[list[bool]] = []
        self.local: list[list[bool]] = []
        cancels = any(op.kind == "cancel" for p in sc.threads for op in p.ops)
        for tid, prog in enumerate(sc.threads):
            full = [op_footprint(op, tid, sc) for op in prog.ops]
            if cancels and prog.task:                 # a cancel elsewhere may end this task at any step
                full = [fp | {(f"#cancel{tid}", "r")} for fp in full]
            fps = [frozenset(e for e in fp if e[0] not in hidden) for fp in full]
            visible = [
                any(m != "r" and key in visible_fields for key, m in fp)
                or (op.kind == "release" and op.a in visible_locks)
                or (op.kind == "raise" and bool(visible_locks))
                for op, fp in zip(prog.ops, full)]
            for pc, op in enumerate(prog.ops):
                if op.kind == "acquire" and sc.kinds.get(op.a) in ("lock", "rlock"):
                    body = _simple_section(prog.ops, pc, fps, tid)
                    if body is not None:    # the whole section is one step: others see its accesses
                        # two sections that change what an invariant reads stay ordered: the
                        # lock-free state between them is checked, so both orders are
                        # (tests/corpus/il501_queue_handover_counted_before_put)
                        mode = "w" if any(m != "r" and key in sc.property_fields
                                          for i in body for key, m in full[i]) else "r"
                        fps[pc] = frozenset({(op.a + "#cs", mode)} | {e for i in body for e in full[i]})
                        visible[pc] = any(visible[i] for i in body)
                    else:
                        fps[pc] = fps[pc] | {(op.a + "#cs", "w")}
                elif op.kind == "wait":
                    fps[pc] = fps[pc] | {(op.b + "#cs", "w")}
            if prog.is_async:      # one event loop: which task runs next is itself shared state
                fps = [fp | {("#loop", "w")} for fp in fps]
            self.op.append(fps)
            self.visible.append(visible)
            self.future.append(_futures(prog.ops, fps))

        machine_fields = {k for k, _ in sc.machines}
        for tid, prog in enumerate(sc.threads):
            others = {key for v, fut in enumerate(self.future) if v != tid for key, _ in fut[0]}
            self.local.append([_is_mergeable(op, machine_fields) and not self.visible[tid][pc]
                               and not any(key in others for key, _ in self.op[tid][pc])
                               for pc, op in enumerate(prog.ops)])

    def is_local(self, state, tid: int) -> bool:
        """The thread's next op touches nothing another thread can see (no key in any other
        thread's footprint, nothing a property reads): it commutes with every other step."""
        pc = state.pcs[tid]
        return not state.status[tid] and pc < len(self.local[tid]) and self.local[tid][pc]


def _simple_section(ops: tuple[Op, ...], start: int, fps: list[Footprint], tid: int) -> list[int] | None:
    """The pcs of the critical section opened at `start` when it only computes: every op until
    the matching release is local or touches fields the lock protects (hidden). Such a section
    runs as one block (each inner step is its own persistent set), so two of them on the same
    lock commute unless their accesses conflict (Lipton: acquire moves right, release left)."""
    lock = ops[start].a
    seen: set[int] = set()
    work = [start + 1]
    while work:
        pc = work.pop()
        if pc in seen or pc >= len(ops):
            continue
        op = ops[pc]
        if op.kind == "release" and op.a == lock:
            continue
        if op.kind not in ("local", "branch", "jump", "assign", "mutate") \
                or any(key != f"#thread{tid}" for key, _ in fps[pc]):
            return None
        seen.add(pc)
        if op.kind == "jump":
            work.append(op.a)
        else:
            work.append(pc + 1)
            if op.kind == "branch":
                work.append(op.b)
    return sorted(seen)


def _checked_under(sc: Scenario, key: str, locks: frozenset[str]) -> bool:
    """Every invariant reading `key` is only checked while one of `locks` is free."""
    guards = [set(g) for _, e, g in sc.invariants if key in expr_fields(e)]
    return bool(guards) and all(g & locks for g in guards)


def protected_fields(sc: Scenario) -> dict[str, frozenset[str]]:
    """Field key -> the mutex locks held at every access to it by every thread (non-empty only)."""
    mutex = {k for k, kind in sc.kinds.items() if kind in ("lock", "rlock")}
    common: dict[str, frozenset[str]] = {}
    for tid, prog in enumerate(sc.threads):
        held = held_locks(prog.ops, mutex)
        for pc, op in enumerate(prog.ops):
            for key, _ in op_footprint(op, tid, sc):
                if key in sc.init and not key.startswith("#"):
                    common[key] = common.get(key, held[pc]) & held[pc]
    return {k: v for k, v in common.items() if v}


def held_locks(ops: tuple[Op, ...], mutex: set[str]) -> list[frozenset[str]]:
    """Locks surely held before each op (forward over the DAG; joins intersect)."""
    held: list[frozenset[str] | None] = [None] * (len(ops) + 1)
    held[0] = frozenset()

    def meet(pc: int, locks: frozenset[str]) -> None:
        held[pc] = locks if held[pc] is None else held[pc] & locks
    for pc, op in enumerate(ops):
        now = held[pc]
        if now is None:            # unreachable op
            held[pc] = now = frozenset()
        after = now
        if op.kind == "acquire" and op.a in mutex:
            after = now | {op.a}
        elif op.kind == "release":
            after = now - {op.a}
        elif op.kind == "wait":     # gives the lock away while it waits
            after = now
        if op.kind == "jump":
            meet(op.a, now)
        elif op.kind not in ("end", "raise"):
            meet(pc + 1, after)
            if op.kind == "branch":
                meet(op.b, now)
            if (landing := cancel_landing(ops, pc)) is not None:   # cancelled there, before an acquire
                meet(landing, now)
    return [h or frozenset() for h in held[:len(ops)]]


def _futures(ops: tuple[Op, ...], fps: list[Footprint]) -> list[Footprint]:
    out: list[Footprint] = [frozenset()] * (len(ops) + 1)
    for pc in range(len(ops) - 1, -1, -1):
        op = ops[pc]
        acc = set(fps[pc])
        if op.kind == "jump":
            acc |= out[op.a]
        elif op.kind not in ("end", "raise"):
            acc |= out[pc + 1]
            if op.kind == "branch":
                acc |= out[op.b]
            if (landing := cancel_landing(ops, pc)) is not None:
                acc |= out[landing]
        out[pc] = frozenset(acc)
    return out


def persistent(machine, fp: Footprints, state, enabled: list[int], seed: int | None) -> list[int]:
    """A persistent subset of `enabled` (Godefroid's conflicting-transitions closure), else all."""
    if len(enabled) <= 1:
        return enabled
    seeds = ([seed] if seed in enabled else []) + [t for t in enabled if t != seed]
    for t0 in seeds:
        group = _closure(machine, fp, state, t0)
        chosen = [t for t in enabled if t in group]
        if len(chosen) == len(enabled):
            continue
        if any(fp.visible[t][state.pcs[t]] for t in chosen if not state.status[t]):
            continue
        return chosen
    return enabled


def _closure(machine, fp: Footprints, state, t0: int) -> set[int]:
    group, work = {t0}, [t0]
    n = len(machine.threads)
    while work:
        u = work.pop()
        now = _next_footprint(machine, fp, state, u)
        for v in range(n):
            if v in group or state.finished(v):
                continue
            if conflicts(now, fp.future[v][state.pcs[v]]):
                group.add(v)
                work.append(v)
    return group


def _next_footprint(machine, fp: Footprints, state, u: int) -> Footprint:
    """What u's next step may conflict with among the steps others can take before it.

    A release of a lock u holds is a left mover (Lipton): no other thread can acquire, wait on
    or release that lock before it, so nothing they can do first conflicts with it.
    """
    st = state.status[u]
    if not st:
        op = machine.op(state, u)
        if op.kind in ("release", "acquire") and machine.kinds.get(op.a) in ("lock", "rlock"):
            owner = state.fields[machine.layout.index[op.a + "#owner"]]
            if op.kind == "release" and owner == u:
                return frozenset()
            if op.kind == "acquire" and owner not in (-1, u):     # blocked: who releases it
                return frozenset({(op.a + "#lock", "w")})
    if st.startswith("wait:"):
        return frozenset({(st.split(":")[1] + "#cond", "w"), (st.split(":")[2] + "#lock", "w")})
    if st.startswith("reacq:"):
        return frozenset({(st.split(":")[1] + "#lock", "w")})
    if st.startswith("barrier:"):
        return frozenset({(st.split(":", 1)[1] + "#arrived", "w")})
    return fp.op[u][state.pcs[u]]
