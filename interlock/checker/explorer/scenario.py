"""Scenarios: which threads run which entry calls, from what initial store, checking what.

`build(uni, threads, ...)` compiles each thread's calls, runs every involved class's
constructor (top-level assignments, concretely where possible) for the initial store, and
makes every other field a z3 symbol. One instance per class (like lockdep's lock classes):
`self.ctl.position` and `PlaybackController.position` are the same field.
"""
from __future__ import annotations

import ast
import copy
from dataclasses import dataclass, replace
from typing import Any

from interlock.checker.explorer.compile import GROW, Compiler, Frame, compile_entries, compile_respawn
from interlock.checker.explorer.ir import Program, Scenario, expr_fields
from interlock.checker.explorer.primitives import queue
from interlock.checker.explorer.reach import start_interval
from interlock.checker.explorer.smt import Sym, to_z3, wrap
from interlock.checker.explorer.universe import ClassSrc, Universe
from interlock.checker.explorer.values import as_bool, evaluate, maybe_none, symbol

LOCKISH = ("lock", "rlock", "semaphore", "condition")
#: primitives a scenario models by their own fields (not a lock, not a plain value)
SIGNALS = ("event", "queue", "thread", "barrier")


@dataclass(frozen=True)
class ThreadSpec:
    name: str
    calls: tuple[tuple[str, str], ...]     # (class qualname or short name, method)
    is_async: bool = False
    task: bool = False                     # the context is an asyncio task (cancellable)
    #: (field key, value) its spawner stores before starting it (spawn_start.spawn_pins)
    pins: tuple = ()
    #: a second copy of a task: (spawner class, method, statements) it runs first (spawn_start.respawn_prefix)
    respawn: tuple = ()
    #: passes of its command loops (compile.COMMAND_PASSES when a producer sends it a sequence)
    passes: int = 1


@dataclass(frozen=True)
class PropertySpec:
    invariants: tuple[tuple[str, str, str], ...] = ()              # (name, class, expr source)
    machines: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = ()   # (class, field, transitions)


def build(uni: Universe, threads: list[ThreadSpec], props: PropertySpec = PropertySpec(), label: str = "") -> Scenario:
    programs = []
    for t in threads:
        calls = [(uni.owner(c), meth) for c, meth in t.calls]
        calls = [(c, meth) for c, meth in calls if c is not None and meth in c.methods]
        is_async = t.is_async or any(isinstance(c.methods[meth], ast.AsyncFunctionDef) for c, meth in calls)
        spawner = uni.classes.get(t.respawn[0]) if t.respawn and is_async else None
        ops = compile_respawn(uni, spawner, t.respawn[1], t.respawn[2], calls, is_async) \
            if spawner is not None and t.respawn[1] in spawner.methods else compile_entries(uni, calls, is_async, t.passes)
        programs.append(Program(t.name, ops, tuple(entry_name(c, meth) for c, meth in calls), is_async,
                                t.task and is_async))
    invariants = tuple(_invariant(uni, *inv) for inv in props.invariants if uni.find(inv[1]))
    members = {m for ms in uni.enums.values() for m in ms}
    named = {n: v for n, v in uni.consts.items() if n not in members}     # `CONNECTED = 2` states

    def own(c):                  # the machine's class constants (`IDLE, PLAYING = range(2)`) first
        cls = uni.find(c)
        return {**{n: v for b in reversed(cls.bases) if (base := uni.find(b)) for n, v in base.consts.items()},
                **cls.consts}

    def state(name, c):
        return own(c).get(name, named.get(name, name))
    machines = tuple((f"{uni.find(c).short}.{f}", frozenset((state(a, c), state(b, c)) for a, b in trans))
                     for c, f, trans in props.machines if uni.find(c))
    spec_states = {x for _, _, trans in props.machines for pair in trans for x in pair}
    labels = {v: n for n, v in named.items() if n in spec_states}
    for c, _, trans in props.machines:
        if uni.find(c):
            labels.update({v: n for n, v in own(c).items() if n in {x for pair in trans for x in pair}})
    classes = _involved(uni, programs, invariants)
    init, kinds, validated = _initial(uni, classes, {k for k, _ in machines})
    keys = set().union(*(expr_fields(op.b) | expr_fields(op.a) for p in programs for op in p.ops))
    keys |= {op.a for p in programs for op in p.ops if op.kind in ("assign", "mutate")}
    keys |= {k for _, e, _ in invariants for k in expr_fields(e)} | {k for k, _ in machines}
    for key, (c, initial) in uni.element_states.items():
        if key in keys:
            init[key] = state(initial, c)       # a new element starts in the machine's initial state
    for k in keys:
        init.setdefault(k, symbol(f"{k}@0"))
    _primitive_fields(programs, kinds, init)
    pinned = _pin(uni, threads, init)
    joins = _joins(uni, classes, programs)
    for key in joins:
        # a list of handles (`self.tasks.append(create_task(self._worker()))`) holds the scenario's
        # thread that runs its target, however it was built: a loop over it (one sentinel per
        # worker, a join of each) reaches that thread
        if isinstance(init.get(key + "#len"), int) and init[key + "#len"] < 1:
            init[key + "#len"] = 1
    assume = tuple(("c", fact) for fact in validated)
    return Scenario(tuple(programs), init, kinds, assume, invariants, machines, joins, label, labels,
                    pinned=pinned)


def _pin(uni: Universe, threads: list[ThreadSpec], init: dict[str, Any]) -> frozenset:
    """Start from what the spawners of the scenario's threads stored before starting them (the
    values all of them agree on); the keys pinned."""
    values: dict[str, ast.expr] = {}
    clash: set[str] = set()
    for t in threads:
        for key, v in t.pins:
            if key in values and ast.dump(values[key]) != ast.dump(v):
                clash.add(key)
            values.setdefault(key, v)
    comp = Compiler(uni)
    out = set()
    for key, value in values.items():
        cls = uni.find(key.split(".")[0])
        if key in clash or cls is None:
            continue
        attr = key.split(".", 1)[1]
        if cls.kinds.get(attr) == "container":
            if key + "#len" in init:
                init[key + "#len"] = _length(value, key)
                out.add(key + "#len")
            continue
        if key not in init or cls.kinds.get(attr, "") in LOCKISH + SIGNALS:
            continue
        frame = Frame(cls, 0, f"{cls.short}.<spawner>")
        init[key] = evaluate(comp.expr(value, frame), lambda k: init.get(k, symbol(f"{k}@0")),
                             lambda n: symbol(f"{n}@init"), lambda label: symbol(f"{key}@0"))
        out.add(key)
    return frozenset(out)


def entry_name(cls: ClassSrc, method: str) -> str:
    """`Class.method`, or a module-level function's own name."""
    return method if cls.module else f"{cls.short}.{method}"


class _PropertyInliner(ast.NodeTransformer):
    """`self.remaining` in an invariant, where `remaining` is a `@property` whose getter only
    returns an expression (`return self.total - self.done`): that expression, so the invariant
    reads the fields the threads write (il501_invariant_over_property)."""

    def __init__(self, cls: ClassSrc, depth: int = 0):
        self.cls, self.depth = cls, depth

    def visit_Attribute(self, node: ast.Attribute) -> ast.AST:
        if isinstance(node.value, ast.Name) and node.value.id == "self" and self.depth < 4:
            body = _property_return(self.cls.methods.get(node.attr))
            if body is not None:
                return _PropertyInliner(self.cls, self.depth + 1).visit(copy.deepcopy(body))
        return self.generic_visit(node)


def _property_return(fn) -> ast.expr | None:
    if not isinstance(fn, ast.FunctionDef) or not any(
            (d.id if isinstance(d, ast.Name) else d.attr if isinstance(d, ast.Attribute) else "") == "property"
            for d in fn.decorator_list):
        return None
    body = [st for st in fn.body if not (isinstance(st, ast.Expr) and isinstance(st.value, ast.Constant))]
    if len(body) == 1 and isinstance(body[0], ast.Return) and body[0].value is not None \
            and not any(isinstance(n, (ast.Await, ast.Lambda, ast.NamedExpr)) or isinstance(n, ast.Call) and not _pure_call(n)
                        for n in ast.walk(body[0].value)):
        return body[0].value
    return None


def _pure_call(n: ast.Call) -> bool:
    return isinstance(n.func, ast.Name) and n.func.id in ("len", "min", "max", "abs")


def _invariant(uni: Universe, name: str, cls_name: str, source: str):
    cls = uni.find(cls_name)
    tree = _PropertyInliner(cls).visit(ast.parse(source, mode="eval"))
    expr = Compiler(uni).expr(tree.body, Frame(cls, 0, cls.short))
    locks = tuple(f"{cls.short}.{a}" for a, k in cls.kinds.items() if k in ("lock", "rlock"))
    return (name, expr, locks)


def _involved(uni: Universe, programs: list[Program], invariants) -> list[ClassSrc]:
    shorts = {op.a.split(".")[0] for p in programs for op in p.ops if isinstance(op.a, str) and "." in op.a}
    shorts |= {k.split(".")[0] for p in programs for op in p.ops for k in expr_fields(op.b) | expr_fields(op.a)}
    shorts |= {k.split(".")[0] for _, e, _ in invariants for k in expr_fields(e)}
    keys = {op.a for p in programs for op in p.ops if isinstance(op.a, str)}
    # a module's pseudo-object (its name may be dotted): its module-level primitives' keys
    modules = [m for m in uni.modules.values() if any(k.startswith(m.short + ".") for k in keys)]
    return [c for c in uni.classes.values() if c.short in shorts] + modules


def _on_plain_lock(cls: ClassSrc, attr: str) -> bool:
    """`self.<attr> = Condition(Lock())` (or `lock=Lock()`) in a method of `cls`."""
    for fn in cls.methods.values():
        for node in ast.walk(fn):
            if not (isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)):
                continue
            if not any(isinstance(t, ast.Attribute) and t.attr == attr and isinstance(t.value, ast.Name)
                       and t.value.id == "self" for t in node.targets):
                continue
            base = node.value.args[0] if node.value.args else next(
                (k.value for k in node.value.keywords if k.arg == "lock"), None)
            if isinstance(base, ast.Call):
                func = base.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                return name == "Lock"
    return False


MAX_LATER_STATES = 6


def from_later_states(sc: Scenario, fresh=()) -> list[Scenario]:
    """The scenario again from each other state of its declared machines that the object reaches
    from its built state by declared transitions: `finish` checks RECORDING, which only `start`
    leaves, and a pair of single calls from IDLE would never race there. Other fields stay as
    generic as in the base scenario (any value after some use). `fresh`: machine fields of an
    object a thread of the scenario builds itself (it starts built)."""
    out = []
    for key, pairs in sc.machines:
        start = sc.init.get(key)
        if key in sc.pinned or key in fresh:    # a spawned thread starts where its spawner left the machine
            continue
        if isinstance(start, Sym) or not any(start == a for a, _ in pairs):
            continue
        seen, work = {start}, [start]
        while work:
            x = work.pop()
            for a, b in sorted(pairs, key=repr):
                if a == x and b not in seen:
                    seen.add(b)
                    work.append(b)
        later = [v for v in sorted(seen - {start}, key=repr)][:MAX_LATER_STATES]
        label = sc.labels
        out += [replace(sc, init={**sc.init, key: v}, label=f"{sc.label} (from {key} = {label.get(v, v)})",
                        later=True) for v in later]
    return out


def with_any_sizes(sc: Scenario) -> list[Scenario]:
    """The scenario again with the containers an invariant reads holding any number of items,
    as after some earlier calls (`add`): `jump_to_last() || remove_last()` breaks
    `current_index < len(tracks)` only on a non-empty queue, and the base scenario starts from
    the constructor's empty list. Numbers are generic already (`generic`); the invariants and
    the inferred contracts constrain both."""
    read = {k for _, e, _ in sc.invariants for k in expr_fields(e)}
    sized = sorted(k for k, v in sc.init.items() if k in read and k.endswith("#len") and not isinstance(v, Sym)
                   and k not in sc.pinned)
    if not sized:
        return []
    init = {**sc.init, **{k: symbol(f"{k}@0") for k in sized}}
    names = ", ".join(k[:-len("#len")] for k in sized)
    return [replace(sc, init=init, label=f"{sc.label} (any size of {names})")]


def from_full_queues(sc: Scenario) -> list[Scenario]:
    """The scenario again with a full bounded queue, when one thread puts on it with a blocking
    `put` and another gets from it: a producer that got ahead of its consumer fills the queue
    (what the bound is for), and the explorer's one loop pass never fills it from empty. It
    holds one item more than the bound: the room a get makes is taken by the producers' next
    put (another call, or the next pass of the producer's loop) before the consumer goes on."""
    putters = {op.a for p in sc.threads for op in p.ops if op.kind == "qput" and op.b}
    full = sorted(k for k in putters if sum(any(op.kind == "qget" and op.a == k for op in p.ops) for p in sc.threads))
    return [replace(sc, init={**sc.init, f"{k}#size": queue.CAPACITY + 1}, label=f"{sc.label} (from {k} full)",
                    prefilled=sc.prefilled | {k}) for k in full]


def from_pending_tasks(sc: Scenario) -> list[Scenario]:
    """The scenario again with one item put on a queue by an earlier call and not yet taken,
    when one thread joins the queue and another marks its tasks done: `join()` then waits for
    that item's `task_done()` (from empty, a join never waits in a pair)."""
    joined = sorted({op.a for p in sc.threads for op in p.ops if op.kind == "qjoin"} & {
        op.a for p in sc.threads for op in p.ops if op.kind == "qdone"})
    return [replace(sc, init={**sc.init, f"{k}#size": 1, f"{k}#tasks": 1}, label=f"{sc.label} (one task pending on {k})",
                    prefilled=sc.prefilled | {k}) for k in joined if f"{k}#tasks" in sc.init]


def from_exhausted_semaphores(sc: Scenario) -> list[Scenario]:
    """The scenario again with no permit left on a semaphore that one thread acquires (waiting)
    and only other threads release: leases taken by earlier calls are out (what the count is
    for), and the one permit the base scenario starts with never runs out in a pair. A `with
    sem:` user releases what it takes and gets no such scenario (its waits end by themselves)."""
    def uses(p, kind):
        return {op.a for op in p.ops if op.kind == kind and sc.kinds.get(op.a) == "semaphore" and not op.b}
    out = []
    for key in sorted(set().union(*(uses(p, "acquire") for p in sc.threads))):
        takers = [p for p in sc.threads if key in uses(p, "acquire")]
        givers = [p for p in sc.threads if key in uses(p, "release")]
        if givers and not any(key in uses(p, "release") for p in takers):
            out.append(replace(sc, init={**sc.init, key + "#count": 0}, label=f"{sc.label} (no permit of {key} left)"))
    return out


def _initial(uni: Universe, classes: list[ClassSrc], states: set[str] = frozenset()) \
        -> tuple[dict[str, Any], dict[str, str], list[Sym]]:
    """Field values after each constructor: top-level assignments evaluated in order. A state
    machine's field keeps its built value even when it is a number (`self.state = IDLE`, `IDLE = 0`).
    Also the facts the constructor's validation establishes (`if rate <= 0: raise ValueError`,
    `assert rate > 0`): an object that failed them was never built, so `rate@init > 0` holds."""
    init: dict[str, Any] = {}
    kinds: dict[str, str] = {}
    validated: list[Sym] = []
    built: dict[str, Any] = {}           # number fields the constructors build from a constant
    for cls in classes:
        for attr, kind in cls.kinds.items():
            if kind in LOCKISH and attr not in cls.lock_of:
                # Condition() owns an RLock (re-entry is fine); Condition(Lock()) a plain lock
                kinds[f"{cls.short}.{attr}"] = ("lock" if _on_plain_lock(cls, attr) else "rlock") \
                    if kind == "condition" else kind
            elif kind in SIGNALS:
                kinds[f"{cls.short}.{attr}"] = kind
        ctor = cls.methods.get("__init__")
        comp = Compiler(uni)
        frame = Frame(cls, 0, f"{cls.short}.__init__")
        # the class body's values first (a dataclass's field defaults), then the constructor's
        body = [(ast.Attribute(value=ast.Name(id="self", ctx=ast.Load()), attr=a, ctx=ast.Store()), v)
                for a, v in cls.defaults.items()]
        body += [pair for stmt in (ctor.body if ctor is not None else ()) for pair in _assignments(stmt)]
        for tgt, value in body:
            if tgt is None:              # a validation: `value` holds once the constructor goes on
                validated += _validated(comp, value, frame, init)
                continue
            key = comp.field_key(tgt, frame)
            if key is None or cls.kinds.get(tgt.attr, "") in LOCKISH + SIGNALS:
                continue
            if cls.kinds.get(tgt.attr) == "container":
                init[key + "#len"] = _length(value, key)
                if _is_none_constant(value):     # a table built on first use: may still be None
                    init[key] = maybe_none(symbol(f"{key}@0"))
                continue
            v = evaluate(comp.expr(value, frame), lambda k: init.get(k, symbol(f"{k}@0")),
                         lambda n: symbol(f"{n}@init"), lambda label: symbol(f"{key}@0"))
            init[key] = v if key in states and not isinstance(v, Sym) else generic(key, v)
            if isinstance(v, (int, float)) and not isinstance(v, bool) and key not in states and not cls.module:
                built[key] = v
            else:
                built.pop(key, None)
        if ctor is None:
            continue
        for attr in _filled(ctor):
            key = f"{cls.short}.{attr}"
            if key + "#len" in init:
                init[key + "#len"] = symbol(f"{key}#len@0")
    for key, v in built.items():
        validated += _reachable(uni, key, v, init)
    return init, kinds, validated


def _reachable(uni: Universe, key: str, built: Any, init: dict[str, Any]) -> list[Sym]:
    """Bounds on a number field's symbolic start value: the values the program's writes of it
    can give it from its built value (reach.py), so that no counterexample starts where no run
    gets (a countdown built as 1 and only decremented never starts at 2)."""
    sym = init.get(key)
    attr = key.split(".", 1)[1]
    if sym is not symbol(f"{key}@0") or "." in attr or "#" in attr:
        return []
    lo, hi = start_interval(uni, attr, built)
    facts = ([wrap(sym.term >= to_z3(lo))] if lo is not None else []) + \
            ([wrap(sym.term <= to_z3(hi))] if hi is not None else [])
    return [f for f in facts if isinstance(f, Sym)]


def _validated(comp: Compiler, cond: ast.expr, frame: Frame, init: dict[str, Any]) -> list[Sym]:
    """The fact a constructor's check establishes, over its arguments (`rate@init`) and the fields
    set so far; none when the check calls something unmodelled (two unknown answers would share
    one symbol and could contradict each other)."""
    unknown = []

    def fresh(label: str) -> Any:
        unknown.append(label)
        return symbol(f"{label}@init")
    fact = as_bool(evaluate(comp.expr(cond, frame), lambda k: init.get(k, symbol(f"{k}@0")),
                            lambda n: symbol(f"{n}@init"), fresh))
    return [fact] if isinstance(fact, Sym) and not unknown else []


def _filled(ctor: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    """Containers the constructor grows after building them (`self._workers.append(t)` in a
    loop): their length is not the built one. Walked once per constructor (each scenario of the
    class asks again); callers must not change the set."""
    hit = _FILLED.get(id(ctor))
    if hit is None or hit[0] is not ctor:
        if len(_FILLED) >= 4096:
            _FILLED.clear()
        grows = GROW | {"extend", "update"}
        hit = _FILLED[id(ctor)] = (ctor, {
            node.func.value.attr for node in ast.walk(ctor)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in grows
            and isinstance(node.func.value, ast.Attribute) and isinstance(node.func.value.value, ast.Name)
            and node.func.value.value.id == "self"})
    return hit[1]


#: constructor (by id, with the node itself, so the id stays its own) -> `_filled` of it
_FILLED: dict[int, tuple[ast.AST, set[str]]] = {}


def _is_none_constant(value: ast.expr) -> bool:
    return isinstance(value, ast.Constant) and value.value is None


def generic(key: str, v: Any) -> Any:
    """The scenario starts in any state the object can be in after some use, not only fresh:
    numbers (ints and floats: a position in seconds built as `0.0`) and None-initialised
    references become symbols (constrained by the invariants and the inferred method
    contracts); enum states, flags and container lengths stay as built. A None-initialised
    reference may still be None (`self._table = None` built lazily on first use: two readers
    may both find it unbuilt)."""
    if v is None:
        return maybe_none(symbol(f"{key}@0"))
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return symbol(f"{key}@0")
    return v


def _assignments(stmt: ast.stmt):
    """(target, value) of a constructor's top-level field assignment; (None, condition) for a
    check that stops construction unless the condition holds (`assert c`, `if not c: raise`)."""
    if isinstance(stmt, ast.Assert):
        yield None, stmt.test
    elif isinstance(stmt, ast.If) and not stmt.orelse and len(stmt.body) == 1 and isinstance(stmt.body[0], ast.Raise):
        yield None, ast.UnaryOp(op=ast.Not(), operand=stmt.test)
    elif isinstance(stmt, ast.Assign):
        for t in stmt.targets:
            if isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) and t.value.id == "self":
                yield t, stmt.value
    elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None and isinstance(stmt.target, ast.Attribute):
        yield stmt.target, stmt.value


def _length(value: ast.expr, key: str) -> Any:
    if isinstance(value, (ast.List, ast.Tuple, ast.Set)):
        return len(value.elts)
    if isinstance(value, ast.Dict):
        return len(value.keys)
    if isinstance(value, ast.Call) and not value.args:
        return 0
    return symbol(f"{key}#len@0")


def _primitive_fields(programs: list[Program], kinds: dict[str, str], init: dict[str, Any]) -> None:
    for p in programs:
        for op in p.ops:
            if op.kind in ("acquire", "release") and op.a not in kinds:
                kinds[op.a] = "lock"
            if op.kind == "wait" and op.b not in kinds:
                kinds[op.b] = "lock"
    for key, kind in kinds.items():
        if kind in ("lock", "rlock"):
            init[key + "#owner"], init[key + "#count"] = -1, 0
        elif kind == "semaphore":
            init[key + "#count"] = 1
        elif kind == "event":
            init[key + "#set"] = False
        elif kind == "barrier":      # its parties: the scenario threads that wait on it
            init[key + "#arrived"] = 0
            init[key + "#parties"] = sum(any(op.kind == "bwait" and op.a == key for op in p.ops) for p in programs)
        elif kind == "queue":
            init[key + "#size"] = 0
            if any(op.kind == "qget" and op.a == key for p in programs for op in p.ops):
                init[key + "#items"] = ()        # the values handed over (primitives/queue.py)
            if any(op.kind == "qjoin" and op.a == key for p in programs for op in p.ops):
                init[key + "#tasks"] = 0


def _joins(uni: Universe, classes: list[ClassSrc], programs: list[Program]) -> dict[str, int]:
    out: dict[str, int] = {}
    for cls in classes:
        for attr, target in cls.thread_targets.items():
            for i, p in enumerate(programs):
                if p.entries and p.entries[0] == f"{cls.short}.{target}":
                    out[f"{cls.short}.{attr}"] = i
    return out


def is_symbolic(v: Any) -> bool:
    return isinstance(v, Sym)
