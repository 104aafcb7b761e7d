"""The explorer's intermediate representation: one flat op list per scenario thread.

Expressions are hashable tuples: ("c", value) constant, ("f", key) shared field
(`Class.attr`, containers as `Class.attr#len`), ("l", name) local, ("sym", label) a fresh
symbol, ("opt", label) a fresh symbol that may be None (`d.get(k)`), ("bin", op, a, b), ("cmp", op, a, b), ("and"|"or", a, b), ("not", a), ("neg", a),
("ite", c, a, b), ("min"|"max", a, b), ("tup", a, ...) a tuple put on a queue or a tuple display,
("part", a, d) a display's part: `a`, or `d` when `a` is made of unknown answers only,
("rec", (".field", a), ...) an object put on a queue (`put(Chunk(n, data))`), ("attr", e, field, d) its field
(`chunk.frames`, else d), ("idx", e, i, n, d) the
i-th of `e` when it is a tuple of n values, else `d` (`cmd, arg = q.get()`). Jumps only go forward (loops are unrolled), so every
program is a DAG: exploration terminates and the cycle proviso of POR is moot.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Expr = tuple


@dataclass(frozen=True, slots=True)
class Op:
    """One atomic step. `kind` picks the semantics; a, b, c are its operands."""

    kind: str            # local assign mutate branch jump acquire release wait notify evset evclear
                         # evwait qput qget join await raise end nop cancel
    a: Any = None
    b: Any = None
    c: Any = None
    line: int = 0
    path: str = ""
    func: str = ""       # short `Class.method`
    text: str = ""       # source of the statement, for traces
    depth: int = 0       # inline depth of the method it belongs to (0: the entry call)
    #: the local a `qget` binds to the item it takes (what the matching `qput`, its `c`, put)
    d: Any = None
    #: a parameter binding of an inlined call: (path, line, short `Class.method`) of the call
    #: that passes the argument (the caller a helper's write of that parameter reports)
    site: tuple = ()


@dataclass(frozen=True)
class Program:
    """The ops one scenario thread runs (its entry calls inlined, one after the other)."""

    name: str                         # context name (`api`, `api#2`)
    ops: tuple[Op, ...]
    entries: tuple[str, ...]          # short `Class.method` of each entry call
    is_async: bool = False
    task: bool = False                # an asyncio task another context may cancel (`task.cancel()`)


@dataclass(frozen=True)
class Scenario:
    """Threads over a shared initial store, with what to check."""

    threads: tuple[Program, ...]
    init: dict[str, Any]                                   # field key -> initial value
    kinds: dict[str, str] = field(default_factory=dict)    # primitive key -> kind (lock, rlock, ...)
    assume: tuple[Expr, ...] = ()                          # facts about the initial store
    invariants: tuple[tuple[str, Expr, tuple[str, ...]], ...] = ()   # (name, expr, guarding locks)
    machines: tuple[tuple[str, frozenset], ...] = ()       # (state field key, allowed (src, dst) pairs)
    joins: dict[str, int] = field(default_factory=dict)    # thread field key -> thread index
    label: str = ""
    labels: dict = field(default_factory=dict)             # a state value -> the constant naming it
    later: bool = False                                    # starts in a later state of a machine
    closed: frozenset = frozenset()                        # waited primitives only these threads end (signals.py)
    opened: frozenset = frozenset()                        # waited primitives a left-out context ends (signals.py)
    #: (waited condition or queue, the locks its ending call needs) for each ending call another run
    #: can make: a left-out context, or another call of an API in the scenario (signals.free_enders)
    freed: tuple = ()
    pinned: frozenset = frozenset()                        # keys a spawned thread's spawner set (spawn_start.py)
    #: queues that start with items of unknown value (put before the scenario: scenario.from_full_queues)
    prefilled: frozenset = frozenset()

    @property
    def property_fields(self) -> frozenset[str]:
        keys = {k for _, e, _ in self.invariants for k in expr_fields(e)}
        return frozenset(keys | {k for k, _ in self.machines})

    @property
    def property_locks(self) -> frozenset[str]:
        return frozenset(l for _, _, locks in self.invariants for l in locks)


def entry_arguments(prog: Program) -> list[str]:
    """The symbols of a thread's entry arguments, `<param>@<thread>`: the entry binds each
    parameter to `("sym", param)` (values of unknown calls are `<label>#<n>`, fields `Class.f@0`)."""
    return [f"{op.b[1]}@{prog.name}" for op in prog.ops
            if op.kind == "local" and isinstance(op.b, tuple) and op.b[0] == "sym" and "#" not in op.b[1]]


def expr_fields(e: Any) -> set[str]:
    """Field keys an expression reads."""
    if not isinstance(e, tuple) or not e:
        return set()
    if e[0] == "f":
        return {e[1]}
    out: set[str] = set()
    for part in e[1:]:
        out |= expr_fields(part)
    return out


def cancel_landing(ops: tuple[Op, ...], pc: int) -> int | None:
    """Where a task suspended at `pc` continues when it is cancelled: the cancellation path of
    the await it is suspended in (`Compiler.cancel_path`, the await's `c`), at the await itself,
    in the lock acquire or join that follows it (`async with lock`, `await task`) or in the
    wait or get made just before it (`await event.wait()`). None: the task just ends."""
    if pc >= len(ops):
        return None
    kind = ops[pc].kind
    near = () if kind == "await" else (pc - 1, pc + 1) if kind in ("acquire", "join") \
        else (pc + 1,) if kind in ("evwait", "qget", "qput", "wait") else None
    if near is None:
        return None
    for i in (pc, *near) if kind == "await" else near:
        if 0 <= i < len(ops) and ops[i].kind == "await":
            return ops[i].c
    return None
