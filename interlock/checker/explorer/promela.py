"""Promela export of the same abstract model, so SPIN can cross-check the explorer.

One proctype per scenario thread, globals for fields (mtype for enum-valued ones, int
otherwise), locks as bytes with an atomic test-and-set, z3 symbols as globals chosen in `init`
from the model's "interesting" constants (c-1, c, c+1), the inferred method contracts and
initial invariants as guards in `init` (an `end` label: a failed guard is no error), a
monitor process per invariant (checked only while the class's locks are free), transitions
asserted against the state machine, deadlocks as SPIN's invalid end states (idle waits are
`end` labels, as interlock ignores them too, until the test guarding the wait goes false: a
lost wake-up, explorer/guards.py). `init` picks one scenario per run.
"""
from __future__ import annotations

import re
from pathlib import Path

import z3

from interlock.checker.explorer.guards import guarded_waits
from interlock.checker.explorer.ir import Op, Scenario
from interlock.checker.explorer.semantics import Machine, checked_writes
from interlock.checker.explorer.smt import Sym
from interlock.checker.explorer.values import _MAYBE_NONE

_OPS = {"+": "+", "-": "-", "*": "*", "//": "/", "/": "/", "%": "%"}


def ident(name: str) -> str:
    """A Promela identifier for `name` (a string value may be empty or start with a digit)."""
    out = re.sub(r"[^A-Za-z0-9_]", "_", name)
    return out if out and not out[0].isdigit() else f"S_{out}"


class Exporter:
    """Collects declarations over several scenarios and renders one Promela model."""

    def __init__(self) -> None:
        self.fields: dict[str, object] = {}
        self.syms: set[str] = set()
        self.used: set[str] = set()             # the symbols the scenario being added refers to
        self.scenario_syms: list[set[str]] = []
        self.consts: set[int] = {0, 1}
        self.mtypes: set[str] = set()
        self.procs: list[str] = []
        self.inits: list[str] = []
        self.monitors: list[str] = []
        self.n = 0

    # ------------------------------------------------------------------ values
    def value(self, v) -> str:
        if isinstance(v, bool):
            return "1" if v else "0"
        if isinstance(v, int):
            self.consts.add(v)
            return str(v)
        if isinstance(v, str):
            self.mtypes.add(v)
            return ident(v)
        if v is None:
            return "-999"
        if isinstance(v, Sym):
            if v._id in _MAYBE_NONE and z3.is_const(v.term):
                # a value that may be None (a field left None for a lazy build, a `.get()`):
                # None on the paths where the explorer's own `<sym> is None` Bool holds
                flag = self.term(z3.Bool(f"{v.term} is None"))
                return f"({flag} -> -999 : {self.term(v.term)})"
            return self.term(v.term)
        return "0"

    def term(self, t: z3.ExprRef) -> str:
        if z3.is_int_value(t):
            return self.value(t.as_long())
        if z3.is_true(t) or z3.is_false(t):
            return "1" if z3.is_true(t) else "0"
        if z3.is_const(t):
            self.syms.add(str(t))
            self.used.add(str(t))
            return "S_" + ident(str(t))
        kids = [self.term(c) for c in t.children()]
        k = t.decl().kind()
        table = {z3.Z3_OP_ADD: "+", z3.Z3_OP_SUB: "-", z3.Z3_OP_MUL: "*", z3.Z3_OP_LE: "<=",
                 z3.Z3_OP_GE: ">=", z3.Z3_OP_LT: "<", z3.Z3_OP_GT: ">", z3.Z3_OP_EQ: "==",
                 z3.Z3_OP_AND: "&&", z3.Z3_OP_OR: "||", z3.Z3_OP_IDIV: "/", z3.Z3_OP_MOD: "%"}
        if k == z3.Z3_OP_NOT:
            return f"!({kids[0]})"
        if k == z3.Z3_OP_UMINUS:
            return f"(0 - {kids[0]})"
        if k == z3.Z3_OP_DISTINCT:
            return f"({kids[0]} != {kids[1]})"
        if k == z3.Z3_OP_ITE:
            return f"({kids[0]} -> {kids[1]} : {kids[2]})"
        if k in table:
            return "(" + f" {table[k]} ".join(kids) + ")"
        return "0"

    def expr(self, e: tuple, thread: str) -> str:
        tag = e[0]
        if tag == "c":
            return self.value(e[1])
        if tag == "taskdone":     # `task.done()`: the scenario's other tasks have all finished
            return getattr(self, "tasks_done", "1")
        if tag == "taskref":      # the task from a container of tasks: non-zero while one runs
            return f"(1 - {getattr(self, 'tasks_done', '1')})"
        if tag == "f":       # primitives' own state (`is_set()`, `qsize()`) lives in their globals
            base, _, part = e[1].rpartition("#")
            prefix = {"set": "E_", "size": "Q_"}.get(part) if base else None
            return prefix + ident(base) if prefix else "F_" + ident(e[1])
        if tag == "l":
            return "l_" + ident(e[1])
        if tag in ("sym", "opt"):       # Promela has no None: an optional answer is a number too
            base, _, n = e[1].partition("#")
            name = f"{base}@{thread}" + (f"#{n}" if n else "")
            self.syms.add(name)
            self.used.add(name)
            return "S_" + ident(name)
        x = lambda i: self.expr(e[i], thread)   # noqa: E731
        if tag == "idx":                # an element of a tuple a local holds (`nxt, size = self._peek()`)
            held = e[1][1] if e[1][0] == "l" else None
            if held is not None and getattr(self, "tuples", {}).get(held) == e[3]:
                return f"l_{ident(held)}_p{e[2]}"
            return x(4)                 # of a queue item: any number here
        if tag == "part":               # a display's part, as values.evaluate takes it
            return x(2) if _unknowns_only(e[1]) else x(1)
        if tag == "attr":               # a field of a queue item: any number here
            return x(3)
        if tag == "bin":
            return f"({x(2)} {_OPS.get(e[1], '+')} {x(3)})"
        if tag == "cmp":
            return f"({x(2)} {e[1]} {x(3)})"
        if tag in ("and", "or"):
            return f"({x(1)} {'&&' if tag == 'and' else '||'} {x(2)})"
        if tag == "not":
            return f"!({x(1)})"
        if tag == "neg":
            return f"(0 - {x(1)})"
        if tag == "ite":
            return f"({x(1)} -> {x(2)} : {x(3)})"
        if tag in ("min", "max"):
            a, b = x(1), x(2)
            return f"(({a} <= {b}) -> {a if tag == 'min' else b} : {b if tag == 'min' else a})"
        return "0"

    # ------------------------------------------------------------------ scenarios
    def add(self, sc: Scenario, assumed: set) -> None:
        k = self.n
        self.n += 1
        self.used = set()
        for key, v in sc.init.items():
            self.fields.setdefault(key, v)
            self.value(v)
        names = [f"P{k}_{i}" for i in range(len(sc.threads))]
        self.guards = guarded_waits(sc)
        for i, prog in enumerate(sc.threads):
            self.procs.append(self.proc(sc, k, i, names[i], prog))
        guards = [self.value(f) for f in assumed] + [f"({self.expr(e, '')})" for e in sc.assume]
        guards += [f"({self.expr(e, '')})" for _, e, _ in sc.invariants]
        guards += [f"(F_{ident(key)} >= 0)" for key, v in sc.init.items() if key.endswith("#len") and isinstance(v, Sym)]
        # symbolic values are chosen per scenario; so is a concrete one other than the declared
        # (first) value: a scenario that starts in a later state of a machine
        body = "".join(f"    F_{ident(key)} = {self.value(v)};\n" for key, v in sorted(sc.init.items())
                       if isinstance(v, Sym) or (not key.rsplit("#", 1)[-1] in ("owner", "count", "set", "size", "tasks")
                                                 and not isinstance(self.fields[key], Sym) and v != self.fields[key]))
        body += "".join(f"    {self.primitive(key)} = {v};\n" for key, v in sorted(sc.init.items())
                        if self.primitive(key) and v != PRIMITIVE_START[key.rsplit("#", 1)[1]])
        body += "".join(f"    end_pre{k}_{j}: {g};\n" for j, g in enumerate(guards))
        body += f"    atomic {{\n      scenario = {k + 1};\n" + "".join(f"      run {n}();\n" for n in names) + "    }\n"
        self.inits.append(body)
        for name, e, locks in sc.invariants:
            free = " && ".join([f"(L_{ident(lk)} == 0)" for lk in locks] + ["(loop == 0)"])
            self.monitors.append(f"(scenario == {k + 1}) && {free} && !({self.expr(e, '')})")
        self.scenario_syms.append(self.used)

    def proc(self, sc: Scenario, k: int, tid: int, name: str, prog) -> str:
        locals_ = sorted({op.a for op in prog.ops if op.kind == "local"}
                         | {op.d for op in prog.ops if op.kind == "qget" and op.d is not None})
        self.tuples = _tuple_locals(prog.ops)
        lines = [f"proctype {name}() {{"] + [f"  int l_{ident(l)};" for l in locals_]
        lines += [f"  int l_{ident(l)}_p{i};" for l, n in sorted(self.tuples.items()) for i in range(n)]
        if any(op.kind == "branch" and op.c == "cut" for op in prog.ops):
            lines.append("  bit cut;")
        others = [u for u, p in enumerate(sc.threads) if u != tid and p.task]
        self.tasks_done = "(" + " && ".join(f"D_{k}_{u} == 1" for u in others) + ")" if others else "1"
        # a cancelled task raises CancelledError where it resumes: at its start or after an await
        self.cancel_check = (f"if :: X_{k}_{tid} == 1 -> goto LCANCEL :: else -> skip fi;"
                             if prog.task and any(op.kind == "cancel" for p in sc.threads for op in p.ops) else "")
        if prog.is_async:
            lines.append("  atomic { loop == 0 -> loop = _pid + 1 };")
        if self.cancel_check:
            lines.append("  " + self.cancel_check)
        for pc, op in enumerate(prog.ops):
            lines.append(f"L{pc}:")
            lines += ["  " + s for s in self.op(sc, k, tid, prog, pc, op)]
        if self.cancel_check:
            lines.append("LCANCEL:")
            lines += ["  " + s for s in self.raise_(sc, tid, prog)]
        lines.append("LEND: skip")
        lines.append("}")
        return "\n".join(lines)

    def op(self, sc: Scenario, k: int, tid: int, prog, pc: int, op: Op) -> list[str]:
        t = prog.name
        kind = op.kind
        lk = lambda key: "L_" + ident(key)   # noqa: E731
        if kind == "local":
            n = self.tuples.get(op.a)
            if n is not None:           # a tuple: one local per part (an `idx` reads them)
                parts = [self.expr(x, t) for x in op.b[1:]] if op.b[0] == "tup" else \
                    [f"l_{ident(op.b[1])}_p{i}" for i in range(n)]
                return [f"l_{ident(op.a)}_p{i} = {v};" for i, v in enumerate(parts)] + [f"l_{ident(op.a)} = 0;"]
            return [f"l_{ident(op.a)} = {self.expr(op.b, t)};"]
        if kind == "assign":
            checked = pc in checked_writes(prog.ops, {key for key, _ in sc.machines})
            out = self.transition_asserts(sc, op, t, checked, prog.ops)
            return out + [f"F_{ident(op.a)} = {self.expr(op.b, t)};"]
        if kind == "branch" and op.c == "cut":
            # the loop goes on past the unrolled passes: the thread runs on unexplored (it can
            # always move, so no state where it is cut is a deadlock), giving the loop away
            away = "loop = 0; " if prog.is_async else ""
            return [f"if :: ({self.expr(op.a, t)}) -> {away}end_cut{pc}: do :: cut = 1 - cut od :: else -> goto L{op.b} fi;"]
        if kind == "branch":
            return [f"if :: ({self.expr(op.a, t)}) -> skip :: else -> goto L{op.b} fi;"]
        if kind == "jump":
            return [f"goto L{op.a};"]
        if kind == "mutate":
            f = "F_" + ident(op.a)
            if op.b in ("pop", "popleft", "remove"):
                return [f"if :: {f} > 0 -> {f} = {f} - 1 :: else -> goto LRAISE{pc} fi;", f"goto L{pc + 1};",
                        f"LRAISE{pc}:"] + self.raise_(sc, tid, prog)
            if op.b == "popdefault":
                return [f"if :: {f} > 0 -> {f} = {f} - 1 :: true -> skip fi;"]
            new = "0" if op.b == "clear" else f"{f} + 1" if op.b in ("append", "appendleft", "insert", "add") else f
            return [f"{f} = {new};"]
        if kind == "acquire":
            # waiting for a permit alone is idle (an `end` state), as the explorer's deadlock check
            # wants a lock among the blocked: the lock's waiter is then the invalid end state
            idle = f"end_w{pc}: " if sc.kinds.get(op.a) == "semaphore" else ""
            return [_yielding(self.acquire(sc, op.a), prog.is_async, idle)]
        if kind == "release":
            return [self.release(sc, op.a)]
        def idle(obj: str) -> str:
            # a wait that only the scenario's own threads can end (signals.closed_waits) is no
            # idle wait: blocked there at the end is a deadlock, as the explorer's check says
            return "" if obj in sc.closed else f"end_w{pc}: "
        guard = getattr(self, "guards", {}).get((tid, pc))

        def asleep(ready: str, is_async: bool = False) -> str:
            # a wait whose guarding test went false while it sleeps (explorer/guards.py) is no
            # idle wait: it leaves its `end` label for a state that is none, and blocked there
            # at the end is an invalid end state, as the explorer's lost wake-up
            if guard is None or not idle(op.a):
                return f"{idle(op.a)}{ready};"
            g = self.expr(guard, t)
            wake = f"atomic {{ {ready} && loop == 0 -> loop = _pid + 1 }}" if is_async else ready
            return (f"{'loop = 0; ' if is_async else ''}{idle(op.a)}do :: {wake} -> break :: !({g}) -> "
                    f"if :: {wake} -> break :: ({g}) -> skip fi od;")
        if kind == "wait":
            w = f"W_{ident(op.a)}[_pid]"
            cnt = "C_" + lk(op.b)[2:]        # the hold count (an RLock's too) goes with the lock
            return [f"atomic {{ {w} = 1; {lk(op.b)} = 0; {cnt} = 0 }};", asleep(f"({w} == 0{' || 1' if op.c else ''})"),
                    f"atomic {{ {lk(op.b)} == 0 -> {lk(op.b)} = _pid + 1; {cnt} = 1 }};"]
        if kind == "notify":
            arr = f"W_{ident(op.a)}"
            if op.b:
                return [f"atomic {{ int i = 0; do :: i < 16 -> {arr}[i] = 0; i++ :: else -> break od }};"]
            return [f"atomic {{ int i = 0; do :: i < 16 && {arr}[i] == 0 -> i++ :: i < 16 && {arr}[i] == 1 -> "
                    f"{arr}[i] = 0; break :: else -> break od }};"]
        if kind in ("evset", "evclear"):
            return [f"E_{ident(op.a)} = {1 if kind == 'evset' else 0};"]
        if kind == "evwait":
            if op.b:
                return ["skip;"]
            if guard is not None and idle(op.a):
                return [asleep(f"(E_{ident(op.a)} == 1)", prog.is_async)]
            return [_yielding(f"atomic {{ E_{ident(op.a)} == 1 -> skip }};", prog.is_async, idle(op.a))]
        if kind == "qput":
            q = f"Q_{ident(op.a)}"
            getters = [u for u, p in enumerate(sc.threads) if u != tid and any(o.kind == "qget" and o.a == op.a for o in p.ops)]
            tasks = f"; T_{ident(op.a)}++" if op.a + "#tasks" in sc.init else ""
            if not op.b or not getters:
                return [f"atomic {{ {q}++{tasks} }};"]
            done = " && ".join(f"D_{k}_{u} == 1" for u in getters)
            return [_yielding(f"atomic {{ ({q} < 1 || ({done})) -> {q}++{tasks} }};", prog.is_async, f"end_p{pc}: ")]
        if kind in ("qjoin", "qdone") and op.a + "#tasks" in sc.init:
            t = f"T_{ident(op.a)}"
            if kind == "qdone":
                return [f"if :: {t} > 0 -> {t}-- :: else -> skip fi;"]
            return [_yielding(f"atomic {{ {t} == 0 -> skip }};", prog.is_async, f"end_w{pc}: ")]
        if kind == "qget":
            q = f"Q_{ident(op.a)}"
            # items carry no values here: the item taken is any number (the explorer hands over
            # the value put, primitives/queue.py; this export does not)
            item = [f"l_{ident(op.d)} = {self.expr(('sym', f'item#{op.d}'), t)};"] if op.d is not None else []
            if op.b:
                return [_yielding(f"atomic {{ {q} > 0 -> {q}-- }};", prog.is_async, idle(op.a))] + item
            if op.c is not None:        # `except Empty:`: an item arrives in time, or Empty is raised
                return [f"if :: {q} > 0 -> {q}-- :: {q} <= 0 -> skip :: {q} <= 0 -> goto L{op.c} fi;"] + item
            return [f"if :: {q} > 0 -> {q}-- :: else -> skip fi;"] + item
        if kind == "join":
            target = sc.joins.get(op.a)
            if target is None:
                return ["skip;"]
            return [_yielding(f"atomic {{ D_{k}_{target} == 1 -> skip }};", prog.is_async)]
        if kind == "await":
            resume = [self.cancel_check] if getattr(self, "cancel_check", "") else []
            if resume and op.c is not None:     # unwinds through its `finally` blocks (cancel_path)
                # the CancelledError is delivered once: the `finally` it unwinds through runs on
                resume = [resume[0].replace("goto LCANCEL", f"X_{k}_{tid} = 0; goto L{op.c}")]
            return ["loop = 0;", "atomic { loop == 0 -> loop = _pid + 1 };"] + resume if prog.is_async else ["skip;"]
        if kind == "cancel":
            targets = [u for u, p in enumerate(sc.threads) if u != tid and p.task]
            return [f"X_{k}_{u} = 1;" for u in targets] or ["skip;"]
        if kind == "raise":
            return self.raise_(sc, tid, prog)
        if kind == "end":
            return (["loop = 0;"] if prog.is_async else []) + [f"D_{k}_{tid} = 1;", "goto LEND;"]
        return ["skip;"]

    def raise_(self, sc: Scenario, tid: int, prog) -> list[str]:
        out = [f"if :: L_{ident(key)} == _pid + 1 -> L_{ident(key)} = 0; C_{ident(key)} = 0 :: else -> skip fi;"
               for key, kind in sc.kinds.items() if kind in ("lock", "rlock")]
        k = self.n - 1
        return out + (["loop = 0;"] if prog.is_async else []) + [f"D_{k}_{tid} = 1;", "goto LEND;"]

    def primitive(self, key: str) -> str | None:
        """The global of a counter a scenario may start elsewhere than its default (a semaphore
        with no permit left, a queue with a pending task): None for the other fields."""
        base, _, part = key.rpartition("#")
        if part == "count" and base + "#owner" not in self.fields:
            return f"K_{ident(base)}"
        return {"size": "Q_", "tasks": "T_"}.get(part, "") + ident(base) if part in ("size", "tasks") else None

    def acquire(self, sc: Scenario, key: str) -> str:
        kind = sc.kinds.get(key, "lock")
        name = ident(key)
        if kind == "semaphore":
            return f"atomic {{ K_{name} > 0 -> K_{name}-- }};"
        if kind == "rlock":
            return f"atomic {{ (L_{name} == 0 || L_{name} == _pid + 1) -> L_{name} = _pid + 1; C_{name}++ }};"
        return f"atomic {{ L_{name} == 0 -> L_{name} = _pid + 1; C_{name} = 1 }};"

    def release(self, sc: Scenario, key: str) -> str:
        kind = sc.kinds.get(key, "lock")
        name = ident(key)
        if kind == "semaphore":
            return f"K_{name}++;"
        return f"atomic {{ C_{name}--; if :: C_{name} <= 0 -> C_{name} = 0; L_{name} = 0 :: else -> skip fi }};"

    def transition_asserts(self, sc: Scenario, op: Op, t: str, checked: bool, ops: tuple = ()) -> list[str]:
        """The field holds a declared source of the value written; or that value already, unless
        the thread tested the field before this write (a self-loop then needs declaring, as in
        `semantics.Machine.x_assign`)."""
        allowed = dict(sc.machines).get(op.a)
        values = _constants(op.b, ops)
        if allowed is None or not values:
            return []
        out = []
        for new in sorted(values, key=str):
            sources = sorted({src for src, dst in allowed if dst == new} | (set() if checked else {new}))
            cond = " || ".join(f"F_{ident(op.a)} == {self.value(s)}" for s in sources) or "false"
            taken = "" if len(values) == 1 else f"!({self.expr(op.b, t)} == {self.value(new)}) || "
            out.append(f"assert({taken}{cond});")
        return out

    # ------------------------------------------------------------------ render
    def render(self) -> str:
        out = ["/* generated by interlock: the explorer's abstract model */"]
        if self.mtypes:
            out.append("mtype = { " + ", ".join(sorted(ident(m) for m in self.mtypes)) + " };")
        out.append("byte scenario; byte loop;")
        for key, v in sorted(self.fields.items()):
            if key.endswith(("#owner", "#count")) or key.rsplit("#", 1)[-1] in ("set", "size", "tasks"):
                continue
            typ = "mtype" if isinstance(v, str) else "int"
            init = self.value(v) if not isinstance(v, Sym) else None
            out.append(f"{typ} F_{ident(key)}" + (f" = {init};" if init is not None else ";"))
        out += self.primitive_decls()
        out += [f"int S_{ident(s)};" for s in sorted(self.syms)]
        out += [f"bit D_{k}_{i};" for k in range(self.n) for i in range(8)]
        out += [f"bit X_{k}_{i};" for k in range(self.n) for i in range(8)]
        out += self.procs
        if self.monitors:
            body = " ".join(f":: atomic {{ {m} -> assert(false) }}" for m in self.monitors)
            out.append(f"active proctype monitor() {{ end: do {body} od }}")
        out.append(self.init_proc())
        return "\n".join(out) + "\n"

    def primitive_decls(self) -> list[str]:
        out = []
        for key in sorted(self.fields):
            name = ident(key.rsplit("#", 1)[0])
            if key.endswith("#owner"):
                out += [f"byte L_{name};", f"byte C_{name};"]
            elif key.endswith("#set"):
                out.append(f"bit E_{name};")
            elif key.endswith("#size"):
                out.append(f"int Q_{name};")
            elif key.endswith("#tasks"):
                out.append(f"int T_{name};")
            elif key.endswith("#count") and key[:-6] + "#owner" not in self.fields:
                out.append(f"byte K_{name} = 1;")
        conds = {m for p in self.procs for m in re.findall(r"W_([A-Za-z0-9_]+)\[", p)}
        out += [f"bit W_{c}[16];" for c in sorted(conds)]
        return out

    def init_proc(self) -> str:
        values = sorted({c + d for c in self.consts for d in (-1, 0, 1)})
        lines = ["init {", "  if"]
        # a scenario chooses only the symbolic values it refers to: choosing every scenario's
        # symbols up front multiplies the state space by the others' choices for nothing
        for body, syms in zip(self.inits, self.scenario_syms):
            choose = "".join(f"    if {' '.join(f':: S_{ident(s)} = {v}' for v in values)} fi;\n"
                             for s in sorted(syms))
            lines.append(f"  ::\n{choose}{body}")
        lines.append("  fi\n}")
        return "\n".join(lines)


PRIMITIVE_START = {"count": 1, "size": 0, "tasks": 0}     # as scenario._primitive_fields builds them


def _yielding(step: str, is_async: bool, label: str = "") -> str:
    """An asyncio task blocked on a lock, Event or Queue gives the loop to the other tasks (as
    the explorer schedules them): `atomic { g -> e }` becomes loop-free while it waits."""
    if not is_async:
        return label + step
    guard, effect = step[len("atomic { "):-len(" };")].split(" -> ", 1)
    return f"loop = 0; {label}atomic {{ ({guard}) && loop == 0 -> {effect}; loop = _pid + 1 }};"


def _tuple_locals(ops: tuple) -> dict[str, int]:
    """The locals every binding of which is a tuple of one size (`return a, b` in an inlined
    helper, then the caller's copy it unpacks): local -> the number of parts."""
    binds: dict[str, list] = {}
    for op in ops:
        if op.kind == "local":
            binds.setdefault(op.a, []).append(op.b)
    out: dict[str, int] = {}
    changed = True
    while changed:
        changed = False
        for name, values in binds.items():
            sizes = {len(v) - 1 if v[0] == "tup" else out.get(v[1]) if v[0] == "l" else None for v in values}
            if name not in out and len(sizes) == 1 and None not in sizes:
                out[name] = sizes.pop()
                changed = True
    return out


def _unknowns_only(e: tuple) -> bool:
    """The expression is made of fresh unknown answers alone (no field, local, constant or
    argument): `values.only_unknowns`, decided on the expression."""
    if not isinstance(e, tuple) or not e:
        return False
    if e[0] in ("sym", "opt"):
        return "#" in e[1]              # an entry argument (`pos`) has no number: it is known
    if e[0] in ("c", "f", "l"):
        return False
    return all(_unknowns_only(x) for x in e[1:] if isinstance(x, tuple))


def _constants(e: tuple, ops: tuple = ()) -> set | None:
    """The constants an assigned expression can take (`A if c else B`, or a local every binding
    of which in `ops` is such: a setter's parameter), None when any is unknown."""
    if e[0] == "c":
        return {e[1]}
    if e[0] == "l" and ops:
        found = [_constants(op.b) for op in ops if op.kind == "local" and op.a == e[1]]
        return set().union(*found) if found and None not in found else None
    if e[0] == "ite":
        a, b = _constants(e[2]), _constants(e[3])
        return a | b if a is not None and b is not None else None
    return None


def export_scenarios(scenarios: list[Scenario]) -> str:
    """Promela for scenarios (method contracts inferred with z3, as the explorer does)."""
    from interlock.checker.explorer.run import infer_contracts
    from interlock.checker.explorer.scheduler import Limits
    ex = Exporter()
    for sc in scenarios:
        m = Machine(sc)
        infer_contracts(sc, m, Limits())
        ex.add(sc, m.assumed)
    # symbolic initial values of fields referenced by assumptions are chosen in init too
    return ex.render()


class ExportError(Exception):
    """Nothing to export (one line for the command line)."""


def export(model, component, contexts) -> str:
    """`interlock export promela COMPONENT`: every scenario of the component, one per SPIN run."""
    from interlock.checker.context import RuleContext
    from interlock.checker.explorer.run import prelude
    ctx = RuleContext(model=model, component=component, contexts=contexts, root=Path(model.root))
    # the pairs `interlock verify` explores, built by the same steps (object wiring, element
    # states of a machine on a container, the waits only a context ends)
    scenarios = prelude(model, ctx).pairs
    if not scenarios:       # an `if` with no option is no Promela SPIN accepts
        raise ExportError(f"component {component.name!r} has no scenario to export (no two concurrent "
                          f"contexts share state it tracks; `interlock extract` lists the contexts)")
    return export_scenarios(scenarios)
