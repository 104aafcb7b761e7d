"""Static partial-order reduction: footprints and persistent (stubborn) sets.

Why static persistent sets and not (optimal) DPOR: our states are small hashable values, so a
stateful search with state caching removes revisits outright, and the compiler knows every
thread's whole future footprint (its remaining ops), which is exactly what a persistent-set
closure needs. DPOR exists for checkers that cannot store states or know futures (see the
research note, section 1.2). Programs are DAGs (loops unrolled), so the cycle proviso is moot.
C2 (visibility): a proper persistent set may only hold ops that cannot change a checked
property: writes to invariant/state-machine fields and releases of the invariant's locks are
visible; deadlocks and terminal states are preserved by persistent sets without that condition.
"""
from __future__ import annotations

from interlock.checker.explorer.ir import Op, Scenario, expr_fields

Footprint = frozenset[tuple[str, str]]     # (key, "r" | "w")


def op_footprint(op: Op, tid: int, sc: Scenario) -> Footprint:
    reads: set[str] = set()
    writes: set[str] = set()
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
        writes.add(op.a + "#cond")
    elif k in ("evset", "evclear"):
        writes.add(op.a + "#set")
    elif k == "evwait":
        reads.add(op.a + "#set")
    elif k in ("qput", "qget"):
        writes.add(op.a + "#size")
    elif k == "join":
        target = sc.joins.get(op.a)
        if target is not None:
            reads.add(f"#thread{target}")
    elif k in ("end", "raise"):
        writes.add(f"#thread{tid}")
        if k == "raise":       # an exception releases every lock the thread holds
            writes |= {key + "#lock" for key, kind in sc.kinds.items() if kind in ("lock", "rlock")}
    if k in ("mutate",) and op.b in ("pop", "popleft", "remove"):
        writes.add(f"#thread{tid}")             # may raise IndexError and end the thread
    return frozenset({(r, "r") for r in reads - writes} | {(w, "w") for w in writes})


def conflicts(a: Footprint, b: Footprint) -> bool:
    for key, mode in a:
        if (key, "w") in b or (mode == "w" and (key, "r") in b):
            return True
    return False


class Footprints:
    """Per thread: the footprint of each op and of everything reachable from each pc."""

    def __init__(self, sc: Scenario):
        self.sc = sc
        self.op: list[list[Footprint]] = []
        self.future: list[list[Footprint]] = []
        visible_fields, visible_locks = sc.property_fields, sc.property_locks
        self.visible: list[list[bool]] = []
        for tid, prog in enumerate(sc.threads):
            fps = [op_footprint(op, tid, sc) for op in prog.ops]
            if prog.is_async:      # one event loop: which task runs next is itself shared state
                fps = [fp | {("#loop", "w")} for fp in fps]
            self.op.append(fps)
            self.visible.append([
                any(m == "w" and key in visible_fields for key, m in fp)
                or (op.kind == "release" and op.a in visible_locks)
                or (op.kind == "raise" and bool(visible_locks))
                for op, fp in zip(prog.ops, fps)])
            self.future.append(_futures(prog.ops, fps))


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
    st = state.status[u]
    if st.startswith("wait:"):
        return frozenset({(st.split(":")[1] + "#cond", "w"), (st.split(":")[2] + "#lock", "w")})
    if st.startswith("reacq:"):
        return frozenset({(st.split(":")[1] + "#lock", "w")})
    return fp.op[u][state.pcs[u]]
