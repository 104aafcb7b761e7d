"""z3 glue: symbolic values that hash by term, and one incremental solver with a result cache.

Symbolic values live inside hashable explorer states, so `Sym` compares by z3 term identity
(z3 hash-conses terms: structurally equal terms have equal ids). Queries use one long-lived
solver with push/pop (the research note measured ~10x over fresh solvers) and a resource
limit (z3's `rlimit`, counted in work, not time, so a query's verdict does not depend on the
machine); `unknown` counts as satisfiable for feasibility (keep paths) and never as a proof.
The timeout is only a safety net; `timeouts` counts the queries it cut (a speed-dependent result).
"""
from __future__ import annotations

from typing import Any, Iterable

import z3

RLIMIT = 5_000_000       # per check; ordinary path conditions take a few thousand
TIMEOUT_MS = 20_000


class Sym:
    """A z3 term inside a hashable state."""

    __slots__ = ("term", "_id", "ast", "_constants")

    def __init__(self, term: z3.ExprRef):
        self.term = term
        self._id = term.get_id()      # unique among live asts: equal ids are equal terms
        self.ast = term.as_ast()      # the native pointer, valid while `term` lives (for Solver.sat)
        self._constants = None

    @property
    def constants(self) -> frozenset:
        """The ids of the symbols in this term."""
        if self._constants is None:
            self._constants = constants(self.term)
        return self._constants

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sym) and self._id == other._id

    def __hash__(self) -> int:
        return self._id

    def __repr__(self) -> str:
        return str(self.term)


def to_z3(v: Any) -> z3.ExprRef:
    if isinstance(v, Sym):
        return v.term
    if isinstance(v, bool):
        return z3.BoolVal(v)
    if isinstance(v, int):
        return z3.IntVal(v)
    if isinstance(v, float):
        return z3.RealVal(v)
    raise TypeError(f"no z3 value for {v!r}")


_WRAPPED: dict[int, tuple[z3.ExprRef, Any]] = {}   # term id -> (term, wrap(term)); holding the term keeps its id


def wrap(term: z3.ExprRef) -> Any:
    """Simplify; return a Python constant when the term is one. Memoised by term identity
    (z3 hash-conses terms and `simplify` is a function of the term), so each term is simplified once."""
    key = term.get_id()
    hit = _WRAPPED.get(key)
    if hit is not None:
        return hit[1]
    out = _wrap(term)
    _WRAPPED[key] = (term, out)
    return out


def _wrap(term: z3.ExprRef) -> Any:
    term = z3.simplify(term)
    if z3.is_true(term):
        return True
    if z3.is_false(term):
        return False
    if z3.is_int_value(term):
        return term.as_long()
    return Sym(term)


_CONSTANTS: dict[int, tuple[z3.ExprRef, frozenset]] = {}   # term id -> (term, ids of its constants)


def constants(term: z3.ExprRef) -> frozenset:
    """The ids of the uninterpreted constants (the symbols) in `term`, memoised per subterm."""
    key = term.get_id()
    hit = _CONSTANTS.get(key)
    if hit is not None:
        return hit[1]
    if z3.is_app(term) and term.num_args() == 0:
        out = frozenset((key,)) if term.decl().kind() == z3.Z3_OP_UNINTERPRETED else frozenset()
    else:
        out = frozenset().union(*(constants(c) for c in term.children()))
    _CONSTANTS[key] = (term, out)
    return out


Group = tuple[frozenset, frozenset]               # (symbol ids, facts)


def independent(facts: Iterable[Any], groups: tuple[Group, ...] = ()) -> tuple[Group, ...]:
    """`groups` with `facts` added, split so that no two groups share a symbol (transitively): a
    conjunction is satisfiable exactly when each group is, and a group recurs far more often
    than a whole path condition does."""
    out = list(groups)
    for f in facts:
        syms = f.constants if isinstance(f, Sym) else frozenset()
        touching = [g for g in out if g[0] & syms]
        if touching:
            out = [g for g in out if not g[0] & syms]
            syms = syms.union(*(g[0] for g in touching))
            out.append((syms, frozenset((f,)).union(*(g[1] for g in touching))))
        else:
            out.append((syms, frozenset((f,))))
    return tuple(out)


class Solver:
    """Satisfiability of conjunctions of path conditions: split into independent groups (no shared
    symbol), each group solved once per process (the cache is shared by every scenario)."""

    cache: dict[frozenset, bool] = {}              # class-wide: a verdict is a function of the terms
    cut: set[frozenset] = set()                    # groups whose verdict z3's timeout decided

    def __init__(self) -> None:
        self.solver = _solver()
        self.queries = 0
        self.timeouts = 0
        # path -> (its groups, symbol -> group index, satisfiable?): states share paths
        self._groups: dict[frozenset, tuple[tuple[Group, ...], dict, bool]] = {}

    def split(self, path: frozenset) -> tuple[tuple[Group, ...], dict, bool]:
        """The path's groups, symbol -> its group, and whether the path is satisfiable."""
        split = self._groups.get(path)
        if split is None:
            groups = independent(f for f in path if f is not True) if False not in path else ()
            where = {sym: g for g in groups for sym in g[0]}
            # the smallest groups first: cheap to refute, and most often cached
            ok = False not in path and all(self._sat(g[1]) for g in sorted(groups, key=lambda g: len(g[1])))
            split = self._groups[path] = (groups, where, ok)
        return split

    def sat(self, path: Iterable[Any], *extra: Any) -> bool:
        """Is `path and extra...` satisfiable? `path` (a state's path condition, typically) is
        split and solved once per distinct path; the `extra` facts then join the groups whose
        symbols they share, and only that merged group is solved (the others are the path's)."""
        return self.extend(path, *extra) is not None

    def extend(self, path: Iterable[Any], *extra: Any) -> frozenset | None:
        """`path` with `extra` added when that is satisfiable (its split is derived from the
        path's, so a path grown fact by fact is never split from scratch), else None."""
        path = path if isinstance(path, frozenset) else frozenset(path)
        groups, where, ok = self.split(path)
        extra = [e for e in extra if e is not True and e not in path]
        if not ok or any(e is False for e in extra):
            return None
        if not extra:
            return path
        syms = frozenset().union(*(e.constants for e in extra if isinstance(e, Sym)))
        touched = {where[sym] for sym in syms if sym in where}
        merged = (syms.union(*(g[0] for g in touched)), frozenset(extra).union(*(g[1] for g in touched)))
        if not self._sat(merged[1]):
            return None
        grown = path.union(extra)
        if grown not in self._groups:
            moved = dict(where)
            moved.update((sym, merged) for sym in merged[0])
            self._groups[grown] = (tuple(g for g in groups if g not in touched) + (merged,), moved, True)
        return grown

    def restrict(self, path: frozenset, keep: tuple[Group, ...]) -> frozenset:
        """`path` reduced to the groups `keep` (a sliced path), its split remembered."""
        ok = self.split(path)[2]
        kept = frozenset().union(*(g[1] for g in keep))
        if kept not in self._groups:
            self._groups[kept] = (keep, {sym: g for g in keep for sym in g[0]}, ok)
        return kept

    def _sat(self, key: frozenset) -> bool:
        hit = self.cache.get(key)
        if hit is not None:
            if key in self.cut:
                self.timeouts += 1
            return hit
        self.queries += 1
        self.solver.push()
        ctx, native = self.solver.ctx.ref(), self.solver.solver
        for f in key:       # Bool terms, asserted without z3py's per-term sort cast (the hot spot)
            z3.Z3_solver_assert(ctx, native, f.ast if isinstance(f, Sym) else to_z3(f).as_ast())
        verdict = self.solver.check()
        if verdict == z3.unknown and "timeout" in self.solver.reason_unknown():
            self.timeouts += 1
            self.cut.add(key)
        result = verdict != z3.unsat
        self.solver.pop()
        self.cache[key] = result
        return result

    def model(self, facts: Iterable[Any]) -> dict[str, str]:
        """Concrete values for the symbols of a satisfiable conjunction."""
        s = _solver()
        s.add(*[to_z3(f) for f in facts if f is not True])
        if s.check() != z3.sat:
            return {}
        m = s.model()
        return {str(d.name()): str(m[d]) for d in sorted(m.decls(), key=lambda d: str(d.name()))}

    def value(self, facts: Iterable[Any], v: Any) -> str:
        """A concrete rendering of `v` under one model of `facts`."""
        if not isinstance(v, Sym):
            return repr(v) if isinstance(v, str) else str(v)
        s = _solver()
        s.add(*[to_z3(f) for f in facts if f is not True])
        if s.check() != z3.sat:
            return str(v.term)
        return str(s.model().eval(v.term, model_completion=True))


def _solver() -> z3.Solver:
    s = z3.Solver()
    s.set("rlimit", RLIMIT)
    s.set("timeout", TIMEOUT_MS)
    return s
