"""Can runs of one function, each taking two locks of one table, wait on each other in a ring?

    def philosopher(i):
        with forks[i]:
            with forks[(i + 1) % N]:      # run i holds fork i and waits for fork i+1

Run j holds `outer(p_j)` and waits for `inner(p_j)`; a deadlock is a ring of k runs where each
waits for the lock the next one holds: `inner(p_j) == outer(p_{j+1})` (indexes mod k), every held
lock distinct (one holder each). The index expressions are integer arithmetic over the
function's parameters (their values differ per run), module constants (`N = 5`) and other names
(one unknown value shared by every run, such as a table size). z3 decides the ring for k = 2 ..
MAX_RING: `forks[i]` then `forks[i + 1]` never closes one (the order always ascends), `forks[i]`
then `forks[(i + 1) % N]` closes one of N runs; `transfer(src, dst)` closes one of two
(tests/corpus/il301_lock_table_indexes_swapped, il301_dining_philosophers_fork_table).
"""
from __future__ import annotations

import ast

import z3

MAX_RING = 8
_OPS = {ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b, ast.Mult: lambda a, b: a * b,
        ast.Mod: lambda a, b: a % b, ast.FloorDiv: lambda a, b: a / b}


def ring(outer: str, inner: str, params: set[str], constants: dict[str, int],
         max_runs: int | None = None) -> list[tuple[dict[str, int], int, int]] | None:
    """The smallest ring of runs whose acquisitions (`outer` held, then `inner`) wait on each
    other, at most `max_runs` of them (a semaphore around them admits that many), as z3's witness:
    per run, its parameters' values, the index it holds and the index it waits for
    (`({"i": 0}, 0, 1)`, `({"i": 1}, 1, 2)`, ...). None when no ring up to MAX_RING closes, or the
    expressions are not integer arithmetic over at least one parameter."""
    try:
        o_node, i_node = ast.parse(outer, mode="eval").body, ast.parse(inner, mode="eval").body
    except SyntaxError:
        return None
    if not (_names(o_node) | _names(i_node)) & params:
        return None
    for k in range(2, min(MAX_RING, max_runs or MAX_RING) + 1):
        solver = z3.Solver()
        solver.set("timeout", 2000)
        shared: dict[str, z3.ArithRef] = {}
        held, wanted = [], []
        for j in range(k):
            env = _Env(j, params, constants, shared, solver)
            o, w = env.term(o_node), env.term(i_node)
            if o is None or w is None:
                return None
            held.append(o)
            wanted.append(w)
        for j in range(k):
            solver.add(wanted[j] == held[(j + 1) % k], held[j] != wanted[j], held[j] >= 0)
        solver.add(z3.Distinct(*held))
        if solver.check() == z3.sat:
            model = solver.model()
            value = lambda t: model.eval(t, model_completion=True).as_long()     # noqa: E731
            return [({p: value(z3.Int(f"{p}#{j}")) for p in sorted(params)}, value(held[j]), value(wanted[j]))
                    for j in range(k)]
    return None


def int_value(text: str, constants: dict[str, int]) -> int | None:
    """The value of integer arithmetic over `constants` (`N - 1` with N = 5 -> 4); None when it
    names anything else or is not arithmetic."""
    try:
        node = ast.parse(text, mode="eval").body
    except SyntaxError:
        return None
    term = _Env(0, set(), constants, {}, z3.Solver()).term(node)
    term = z3.simplify(term) if term is not None else None
    return term.as_long() if term is not None and z3.is_int_value(term) else None


def _names(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


class _Env:
    """Terms of one run: its own parameters, the shared unknowns, the constants."""

    def __init__(self, run: int, params: set[str], constants: dict[str, int],
                 shared: dict[str, z3.ArithRef], solver: z3.Solver):
        self.run, self.params, self.constants, self.shared, self.solver = run, params, constants, shared, solver

    def term(self, node: ast.AST):
        if isinstance(node, ast.Constant) and type(node.value) is int:
            return z3.IntVal(node.value)
        if isinstance(node, ast.Name):
            if node.id in self.params:
                return z3.Int(f"{node.id}#{self.run}")
            if node.id in self.constants:
                return z3.IntVal(self.constants[node.id])
            return self._shared(node.id)
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            if node.value.id in self.params:        # `src.id`: a value of the run's own argument
                return z3.Int(f"{node.value.id}.{node.attr}#{self.run}")
            return self._shared(f"{node.value.id}.{node.attr}")
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            inner = self.term(node.operand)
            return -inner if inner is not None else None
        if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
            left, right = self.term(node.left), self.term(node.right)
            if left is None or right is None:
                return None
            if isinstance(node.op, (ast.Mod, ast.FloorDiv)):
                self.solver.add(right > 0)          # a table size or a stride
            return _OPS[type(node.op)](left, right)
        return None

    def _shared(self, name: str) -> z3.ArithRef:
        """An unknown every run sees the same: a table size, a field of the object."""
        if name not in self.shared:
            self.shared[name] = z3.Int(name)
            self.solver.add(self.shared[name] >= 1)
        return self.shared[name]
