"""One step of one thread: `successors(state, tid)` -> [(state, Step)], forking on symbolic branches.

A step executes the thread's next op. Blocked ops (a held lock, an empty queue, a clear Event,
an unfinished join, an un-notified wait) are not enabled. Branches on z3 conditions fork when
both sides are feasible with the path condition; the taken condition joins the path.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import z3

from interlock.checker.explorer.guards import guarded_waits
from interlock.checker.explorer.ir import Op, Scenario, cancel_landing, entry_arguments, expr_fields
from interlock.checker.explorer.primitives import KINDS, barrier, lock, queue
from interlock.checker.explorer.smt import Sym, Solver, to_z3, wrap
from interlock.checker.explorer.state import CUT, DONE, RAISED, RUN, Draft, Layout, State, View
from interlock.checker.explorer.values import as_bool, evaluate, is_num, negate, symbol, unknown


@dataclass(frozen=True, slots=True)
class Step:
    """What a step did, for traces and checks."""

    tid: int
    pc: int
    note: str
    value: Any = None                      # value written / condition taken (rendered with the model)
    transition: tuple | None = None        # (field, old, new) when a state field changed


class Machine:
    """The semantics of one scenario."""

    def __init__(self, scenario: Scenario, solver: Solver | None = None):
        self.sc = scenario
        self.solver = solver or Solver()
        keys = set(scenario.init)
        self.layout = Layout(tuple(sorted(keys)))
        self.kinds = scenario.kinds
        self.joins = scenario.joins
        self.threads = scenario.threads
        self.machine_fields = {k for k, _ in scenario.machines}
        self.checked_writes = [checked_writes(p.ops, self.machine_fields) for p in scenario.threads]
        self.assumed: set = set()              # facts the initial path assumes (method contracts)
        self.live = [live_locals(p.ops) for p in scenario.threads]
        #: (thread, pc) of an untimed wait another thread wakes -> the test it waits under (guards.py)
        self.wait_guards = guarded_waits(scenario)
        #: queue key -> the threads that get from it (they make room for a bounded put)
        self.getters: dict[str, tuple[int, ...]] = {}
        for t, p in enumerate(scenario.threads):
            for key in dict.fromkeys(op.a for op in p.ops if op.kind == "qget"):
                self.getters[key] = self.getters.get(key, ()) + (t,)
        self._field_syms: dict[int, tuple] = {}       # id(fields) -> (fields, their symbols)
        #: symbols never sliced off: the initial facts' (assumptions, invariants, method contracts
        #: on entry arguments) and the entry arguments', which a thread binds only when it starts
        self.pinned: frozenset = frozenset()
        self.task_status = any(_has_taskdone(op.a) or _has_taskdone(op.b) for p in scenario.threads for op in p.ops)

    # ------------------------------------------------------------------ queries
    def op(self, state: State, tid: int) -> Op:
        return self.threads[tid].ops[state.pcs[tid]]

    def enabled(self, state: State, tid: int) -> bool:
        st = state.status[tid]
        if st in (DONE, RAISED, CUT):
            return False
        if st.startswith("wait:"):
            return st.endswith(":1")              # a timed wait may return on its own
        if st.startswith("reacq:"):
            return state.fields[self.layout.index[st.split(":")[1] + "#owner"]] == -1
        if st.startswith(barrier.WAITING):
            return False                          # the last party to arrive lets it go
        op = self.op(state, tid)
        mod = KINDS.get(op.kind)
        return mod is None or not mod.blocked(View(state, self.layout), tid, op, self)

    def enabled_set(self, state: State) -> list[int]:
        return [t for t in range(len(self.threads)) if self.enabled(state, t)]

    def mid_segment(self, state: State, last: int | None) -> bool:
        """An asyncio task between two awaits runs on: only awaits switch tasks."""
        if last is None or not self.threads[last].is_async or state.status[last] != RUN:
            return False
        return state.pcs[last] > 0 and self.op(state, last).kind not in ("await", "end")

    def yields(self, state: State, tid: int) -> bool:
        """An asyncio task about to await gives the loop away: switching there is no preemption."""
        return self.threads[tid].is_async and state.status[tid] == RUN and self.op(state, tid).kind == "await"

    def schedulable(self, state: State, last: int | None) -> list[int]:
        if self.mid_segment(state, last) and self.enabled(state, last):
            return [last]
        return self.enabled_set(state)

    # ------------------------------------------------------------------ stepping
    def successors(self, state: State, tid: int) -> list[tuple[State, Step]]:
        d = Draft(state, self.layout)
        st = state.status[tid]
        if st.startswith("wait:"):
            _, cond, lk, count, _ = st.split(":")
            d.status[tid] = f"reacq:{lk}:{count}"
            return [(d.freeze(), Step(tid, state.pcs[tid], f"wait on {cond} times out"))]
        if st.startswith("reacq:"):
            _, lk, count = st.split(":")
            lock.take(d, tid, lk, int(count))
            d.status[tid] = RUN
            d.pcs[tid] += 1
            return [(d.freeze(), Step(tid, state.pcs[tid], f"wakes up and re-acquires {lk}"))]
        op = self.op(state, tid)
        handler = getattr(self, f"x_{op.kind}", None)
        if handler is not None:
            return [(self.prune(s, tid), st) for s, st in handler(d, tid, op)]
        mod = KINDS.get(op.kind)
        note = mod.apply(d, tid, op, self) if mod else op.kind
        if not d.status[tid].startswith(("wait:", barrier.WAITING)):
            d.pcs[tid] += 1
        return [(d.freeze(), Step(tid, state.pcs[tid], note))]

    def step_plain(self, d: Draft, tid: int) -> Step | None:
        """Run the thread's next op on the draft itself when it is a plain local assignment or a
        jump (one successor, nothing shared): a run of them merges without a state per step."""
        if d.status[tid]:
            return None
        pc = d.pcs[tid]
        op = self.threads[tid].ops[pc]
        if op.kind == "local":
            value = self.eval(d, tid, op.b)
            d.locals[tid][op.a] = value
            d.pcs[tid] = pc + 1
            return Step(tid, pc, "", value)
        if op.kind == "jump":
            d.pcs[tid] = op.a
            return Step(tid, pc, "jump")
        return None

    def prune(self, s: State, tid: int) -> State:
        """Forget dead locals: states that differ only in them are the same state."""
        live = self.live[tid][s.pcs[tid]] if s.pcs[tid] < len(self.live[tid]) else frozenset()
        frame = s.locals[tid]
        kept = tuple(kv for kv in frame if kv[0] in live)
        if len(kept) != len(frame):
            locals_ = s.locals[:tid] + (kept,) + s.locals[tid + 1:]
            s = State(s.pcs, s.status, locals_, s.fields, s.path, s.dropped, s._fh)
        elif s._fh:                     # no local died and the fields are the origin's: no symbol died
            return s
        return self.slice(s) if len(s.path) > 1 else s

    def slice(self, s: State) -> State:
        """Drop the path's fact groups whose symbols no field or local holds any more (a result
        tested once and forgotten, an argument no longer read): independent of everything live
        and of every later fresh symbol, they cannot decide a later branch. Paths that differ
        only in them then meet in one state, as a symbolic executor's path merging."""
        groups, _, ok = self.solver.split(s.path)
        if not ok:                       # an infeasible path stays as it is
            return s
        live = self._live(s) | self.pinned
        keep = tuple(g for g in groups if not g[0] or g[0] & live)
        if len(keep) == len(groups):
            return s
        path = self.solver.restrict(s.path, keep)
        return State(s.pcs, s.status, s.locals, s.fields, path, s.dropped | (s.path - path), s._fh)

    def _live(self, s: State) -> frozenset:
        hit = self._field_syms.get(id(s.fields))
        if hit is None or hit[0] is not s.fields:
            syms = frozenset().union(*(v.constants for v in _syms(s.fields)))
            hit = self._field_syms[id(s.fields)] = (s.fields, syms)
        local = [v.constants for frame in s.locals for v in _syms(v for _, v in frame)]
        return hit[1].union(*local) if local else hit[1]

    def eval(self, d: Draft, tid: int, e: tuple) -> Any:
        if self.task_status:
            done = all(d.status[u] in (DONE, RAISED) for u, p in enumerate(self.threads) if u != tid and p.task)
            e = _with_taskdone(e, done)
        name = self.threads[tid].name
        frame = d.locals[tid]

        def local(n: str) -> Any:
            return frame[n] if n in frame else symbol(f"{n}@{name}")

        def fresh(label: str) -> Any:
            base, _, n = label.partition("#")
            return unknown(symbol(f"{base}@{name}#{n}")) if n else symbol(f"{base}@{name}")
        return evaluate(e, d.get, local, fresh)

    def x_local(self, d: Draft, tid: int, op: Op):
        st = self.step_plain(d, tid)          # first: it moves the draft on
        return [(d.freeze(), st)]

    def x_assign(self, d: Draft, tid: int, op: Op):
        old = d.get(op.a)
        value = self.eval(d, tid, op.b)
        if isinstance(value, tuple):        # an item taken from a queue, kept whole: an unknown value
            value = self.eval(d, tid, ("sym", f"tuple#{op.a}:{d.pcs[tid]}"))
        d.set(op.a, value)
        # writing the value the field already holds is a transition too (RUNNING -> RUNNING),
        # where the thread checked the field first: the check went stale or allowed it
        same = old == value if not isinstance(old, Sym) and not isinstance(value, Sym) else False
        trans = (op.a, old, value) if op.a in self.machine_fields and (
            not same or d.pcs[tid] in self.checked_writes[tid]) else None
        return self.advance(d, tid, op, f"{op.a} = {{}}", value, trans)

    def x_mutate(self, d: Draft, tid: int, op: Op):
        size = d.get(op.a)
        if op.b in ("pop", "popleft", "remove"):
            return self.fork(d, tid, op, ("cmp", ">", ("f", op.a), ("c", 0)),
                             lambda dd: dd.set(op.a, _add(dd.get(op.a), -1)), "IndexError")
        if op.b == "popdefault":             # removes one item, or none when the key is absent
            if size == 0:
                new = 0
            else:
                gone = symbol(f"{op.a}-@{self.threads[tid].name}#{d.pcs[tid]}")
                d.assume(wrap(gone.term >= 0))
                d.assume(wrap(gone.term <= 1))
                if is_num(size):
                    d.assume(wrap(to_z3(size) - gone.term >= 0))
                new = wrap(to_z3(size) - gone.term) if is_num(size) else size
            d.set(op.a, new)
            return self.advance(d, tid, op, f"{op.a.replace('#len', '')} pop (len {{}})", new)
        if op.b in ("extend", "update"):     # grows by an unknown, non-negative count
            grow = symbol(f"{op.a}+@{self.threads[tid].name}#{d.pcs[tid]}")
            d.assume(wrap(grow.term >= 0))
            new = wrap(to_z3(size) + grow.term) if is_num(size) else grow
        else:
            new = 0 if op.b == "clear" else _add(size, 1) if op.b in ("append", "appendleft", "insert", "add") else size
        d.set(op.a, new)
        return self.advance(d, tid, op, f"{op.a.replace('#len', '')} {op.b} (len {{}})", new)

    def x_branch(self, d: Draft, tid: int, op: Op):
        cond = as_bool(self.eval(d, tid, op.a))
        pc = d.pcs[tid]
        out = []
        for taken, value in ((True, cond), (False, negate(cond))):
            if value is False:
                continue
            dd = Draft(d.freeze(), self.layout) if isinstance(cond, Sym) else d
            if isinstance(value, Sym):
                grown = self.solver.extend(dd.path, value)
                if grown is None:
                    continue
                dd.path = grown
            if taken and op.c == "cut":     # the loop goes on past its unrolled iterations
                dd.status[tid] = CUT
                out.append((dd.freeze(), Step(tid, pc, f"while {op.text} -> True (loop goes on; not explored further)", taken)))
                continue
            dd.pcs[tid] = pc + 1 if taken else op.b
            out.append((dd.freeze(), Step(tid, pc, f"{'while' if op.c == 'cut' else 'if'} {op.text} -> {taken}", taken)))
        return out

    def x_qget(self, d: Draft, tid: int, op: Op):
        """A get. A non-blocking one (`get(timeout=...)`, `get_nowait()`) on an empty queue inside
        `try: ... except Empty:` has two outcomes: an item arrives in time (from a context outside
        the scenario), or Empty is raised and the handler runs."""
        pc = d.pcs[tid]
        if op.b or op.c is None or d.get(op.a + "#size") > 0:
            self.take(d, tid, op)
            note = KINDS["qget"].apply(d, tid, op, self)
            d.pcs[tid] = pc + 1
            return [(d.freeze(), Step(tid, pc, note))]
        empty = Draft(d.freeze(), self.layout)
        empty.pcs[tid] = op.c
        self.take(d, tid, op)
        note = KINDS["qget"].apply(d, tid, op, self)
        d.pcs[tid] = pc + 1
        return [(d.freeze(), Step(tid, pc, note)),
                (empty.freeze(), Step(tid, pc, f"get from {op.a}: queue empty, raises Empty"))]

    def take(self, d: Draft, tid: int, op: Op) -> None:
        """Bind the get's local to the item it takes: the value its put handed over, else unknown."""
        if op.d is None:
            return
        known = queue.taken(d, op, self)
        d.locals[tid][op.d] = known[0] if known else self.eval(d, tid, ("sym", f"item#{op.d}"))

    x_jump = x_local

    def x_raise(self, d: Draft, tid: int, op: Op):
        lock.release_all(d, tid, self)
        d.status[tid] = RAISED
        return [(d.freeze(), Step(tid, d.pcs[tid], f"raises {op.a or 'an exception'}"))]

    def x_cancel(self, d: Draft, tid: int, op: Op):
        """`task.cancel()`: every other task of the scenario that has not finished gets
        CancelledError at the await it is suspended in (or before it starts) and unwinds, freeing
        its locks: through its open `finally` blocks when it has any (see `cancel_landing`),
        else at once. One instance per class: the task of "the job" is the scenario's task."""
        targets = [u for u, p in enumerate(self.threads)
                   if u != tid and p.task and d.status[u] not in (DONE, RAISED)]
        for u in targets:
            landing = cancel_landing(self.threads[u].ops, d.pcs[u]) if d.status[u] == RUN else None
            if landing is not None:        # unwinds through its `finally` blocks (which may block)
                d.pcs[u] = landing
                continue
            lock.release_all(d, u, self)
            d.status[u] = RAISED
        names = ", ".join(self.threads[u].name for u in targets) or "no task of the scenario"
        return self.advance(d, tid, op, f"{op.a}.cancel() -> cancels {names}", None)

    def x_end(self, d: Draft, tid: int, op: Op):
        d.status[tid] = DONE
        return [(d.freeze(), Step(tid, d.pcs[tid], "returns"))]

    def x_await(self, d: Draft, tid: int, op: Op):
        return self.advance(d, tid, op, "await (task may switch)", None)

    def fork(self, d: Draft, tid: int, op: Op, precond: tuple, then, error: str):
        """An op with a precondition: it holds (effect) or it fails (the thread raises)."""
        ok = as_bool(self.eval(d, tid, precond))
        out = []
        for good, value in ((True, ok), (False, negate(ok))):
            grown = self.solver.extend(d.path, value) if isinstance(value, Sym) else d.path
            if value is False or grown is None:
                continue
            dd = Draft(d.freeze(), self.layout)
            dd.path = grown
            if good:
                then(dd)
                dd.pcs[tid] += 1
                out.append((dd.freeze(), Step(tid, d.pcs[tid], f"{op.text}", dd.get(op.a))))
            else:
                lock.release_all(dd, tid, self)
                dd.status[tid] = RAISED
                out.append((dd.freeze(), Step(tid, d.pcs[tid], f"{op.text} raises {error}")))
        return out

    def advance(self, d: Draft, tid: int, op: Op, note: str, value: Any, trans=None):
        pc = d.pcs[tid]
        d.pcs[tid] += 1
        return [(d.freeze(), Step(tid, pc, note, value, trans))]


def checked_writes(ops, fields: set[str]) -> frozenset[int]:
    """The indexes of writes of a state field that come after the thread tested the field
    (a branch on it, or a local copied from it): a double `start` whose check went stale writes
    RUNNING over RUNNING, while an unconditional `stop()` that finds the field STOPPED does not
    claim a transition."""
    out, tested = set(), set()
    for i, op in enumerate(ops):
        if op.kind in ("branch", "local"):
            tested |= expr_fields(op.a if op.kind == "branch" else op.b) & fields
        elif op.kind == "assign" and op.a in tested:
            out.add(i)
    return frozenset(out)


def _has_taskdone(e: Any) -> bool:
    return isinstance(e, tuple) and bool(e) and (e[0] in ("taskdone", "taskref")
                                                 or any(_has_taskdone(x) for x in e[1:]))


def _with_taskdone(e: Any, done: bool) -> Any:
    """`task.done()` on the scenario's tasks: whether they have all finished in this state; a task
    looked up in a container of tasks (`self._tasks.get(id)`) is there while it runs (one
    instance per class: the job's task is the scenario's task), and gone once it finished."""
    if not isinstance(e, tuple) or not e:
        return e
    if e[0] == "taskdone":
        return ("c", done)
    if e[0] == "taskref":
        return ("c", None if done else "task")
    return (e[0],) + tuple(_with_taskdone(x, done) for x in e[1:]) if any(_has_taskdone(x) for x in e[1:]) else e


def live_locals(ops) -> list[frozenset]:
    """Locals read at or after each pc before being redefined (backward, programs are DAGs)."""
    live: list[frozenset] = [frozenset()] * (len(ops) + 1)
    for pc in range(len(ops) - 1, -1, -1):
        op = ops[pc]
        if op.kind == "jump":
            after = live[op.a]
        elif op.kind in ("end", "raise"):
            after = frozenset()
        else:
            after = live[pc + 1] | (live[op.b] if op.kind == "branch" else frozenset())
            landing = cancel_landing(ops, pc)
            if landing is not None:        # a cancel may continue there
                after |= live[landing]
        if op.kind == "local":
            after = after - {op.a}
        elif op.kind == "qget" and op.d is not None:
            after = after - {op.d}
        live[pc] = after | _uses(op.a) | _uses(op.b) | _uses(op.c)
    return live


def _syms(values) -> list[Sym]:
    """The symbols among values, and inside the tuples among them (queue items, `#items`)."""
    out = []
    for v in values:
        if isinstance(v, Sym):
            out.append(v)
        elif isinstance(v, tuple):
            out.extend(_syms(v))
    return out


def _uses(e: Any) -> frozenset:
    if not isinstance(e, tuple) or not e:
        return frozenset()
    if e[0] == "l":
        return frozenset({e[1]})
    out: frozenset = frozenset()
    for part in e[1:]:
        out |= _uses(part)
    return out


def _add(v: Any, n: int) -> Any:
    if isinstance(v, Sym):
        return wrap(v.term + n)
    return v + n if isinstance(v, int) else v


def initial_state(machine: Machine) -> State:
    """Every thread at pc 0 with an empty frame; the path assumes the scenario's facts."""
    sc = machine.sc
    d0 = State(tuple(0 for _ in sc.threads), tuple(RUN for _ in sc.threads),
               tuple(() for _ in sc.threads), tuple(sc.init[k] for k in machine.layout.keys))
    facts = set()
    d = Draft(d0, machine.layout)
    for e in sc.assume + tuple(inv for _, inv, _ in sc.invariants):
        v = as_bool(evaluate(e, d.get, lambda n: symbol(n), lambda label: symbol(label)))
        if isinstance(v, Sym):
            facts.add(v)
    for k in machine.layout.keys:
        v = sc.init[k]
        if k.endswith("#len") and isinstance(v, Sym):
            facts.add(wrap(v.term >= 0))
    facts |= machine.assumed
    args = [symbol(name) for p in sc.threads for name in entry_arguments(p)]
    machine.pinned = frozenset().union(*(f.constants for f in facts if isinstance(f, Sym)),
                                       *(a.constants for a in args))
    return State(d0.pcs, d0.status, d0.locals, d0.fields, frozenset(f for f in facts if f is not True))


__all__ = ["Machine", "Step", "initial_state", "z3"]
