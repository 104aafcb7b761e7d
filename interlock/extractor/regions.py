"""Hand-made lock regions: a `@contextmanager` method that waits on a Condition and claims flags
of its object before it yields.

    @contextmanager
    def write(self):
        with self._cond:
            while self._writer or self._readers:    # waits: `self._writer`, `self._readers`
                self._cond.wait()
            self._writer = True                     # claims: `self._writer`
        try:
            yield
        finally:
            with self._cond:
                self._writer = False
                self._cond.notify_all()

The test and the claim are one critical section, so no other entry of the object that waits on
a claimed flag gets past its own test until this one resets it: `with rw.write():` excludes
every region whose entry waits on `_writer`, and regions that claim `_readers` are excluded
from it. The checker turns these facts into reader/writer pseudo-locks (checker/regions.py).
Only the shape above counts: the wait loop and the claims in one `with` block of the
Condition, nothing resetting a claim between it and the `yield`.
"""
from __future__ import annotations

import ast

import libcst as cst
import libcst.matchers as m

from interlock.extractor.lockhelpers import CONTEXT_MANAGERS, _PathNamer, _stmts
from interlock.models.program import Exclusion


def exclusion(scope, node: cst.FunctionDef, decorators: tuple[str, ...], self_name: str | None) -> Exclusion | None:
    """The entry of `node` when it is such a region, else None."""
    if self_name is None or not set(decorators) & CONTEXT_MANAGERS:
        return None
    namer = _PathNamer(scope, self_name)
    body = _stmts(node.body)
    at = next((i for i, s in enumerate(body) if _has_yield(s)), None)
    if at is None or not _yields_first(body[at]):
        return None
    found = [(i, e) for i, s in enumerate(body[:at]) if (e := _entry(s, namer)) is not None]
    if len(found) != 1 or not found[0][1].claims:
        return None
    i, entry = found[0]
    if any(p in entry.claims or f"not {p}" in entry.claims for s in body[i + 1:at] for p in _stored(s, namer)):
        return None                       # a claim reset before the `yield`
    return entry


def _has_yield(node: cst.CSTNode) -> bool:
    return bool(m.findall(node, m.Yield()))


def _yields_first(s) -> bool:
    """The statement is the `yield`, or a `try:`/`with` block that starts with it."""
    if isinstance(s, (cst.SimpleStatementLine, cst.SimpleStatementSuite)):
        return True
    if isinstance(s, (cst.Try, cst.With)):
        inner = _stmts(s.body)
        return bool(inner) and _has_yield(inner[0]) and _yields_first(inner[0])
    return False


def _entry(s, namer: _PathNamer) -> Exclusion | None:
    """`with <cond>: ... while <test>: <cond>.wait() ... <claims>` as an entry, else None."""
    if not isinstance(s, cst.With) or len(s.items) != 1:
        return None
    lock = namer(s.items[0].item)
    stmts = _stmts(s.body)
    loops = [i for i, t in enumerate(stmts) if isinstance(t, cst.While) and _waits_on(t, lock, namer)]
    if lock is None or len(loops) != 1:
        return None
    rest = stmts[loops[0] + 1:]
    if any(m.findall(t, m.Call(func=m.Attribute(attr=m.Name("wait")))) for t in rest):
        return None                       # another wait gives the lock away between test and claim
    claims: dict[str, str] = {}
    for t in rest:
        for path, flag in _claims(t, namer):
            claims[path] = flag
    return Exclusion(lock=lock, waits=tuple(dict.fromkeys(_waits(stmts[loops[0]].test, namer))),
                     claims=tuple(f for f in claims.values() if f))


def _waits_on(loop: cst.While, lock: str | None, namer: _PathNamer) -> bool:
    """`while <test>: <lock>.wait()` (awaited or not), no `else:`."""
    calls = [c for t in _stmts(loop.body) for c in m.findall(t, m.Call(func=m.Attribute(attr=m.Name("wait"))))]
    return lock is not None and not loop.orelse and any(namer(c.func.value) == lock for c in calls)


def _waits(test: cst.BaseExpression, namer: _PathNamer):
    """The flags the loop waits on: the operands of a top-level `or` chain that are a flag
    (`self._writer`, `self._readers > 0`) or its negation (`not self._open`)."""
    if isinstance(test, cst.BooleanOperation) and isinstance(test.operator, cst.Or):
        yield from _waits(test.left, namer)
        yield from _waits(test.right, namer)
        return
    negated = isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not)
    inner = test.expression if negated else test
    if isinstance(inner, cst.Comparison) and len(inner.comparisons) == 1 and not negated \
            and isinstance(inner.comparisons[0].operator, (cst.GreaterThan, cst.NotEqual)) \
            and _literal(inner.comparisons[0].comparator) == 0:
        inner = inner.left
    path = namer(inner)
    if path is not None:
        yield f"not {path}" if negated else path


def _claims(s, namer: _PathNamer):
    """(path, flag) of each store of a statement: the flag true (`= True`, `+= 1`), false
    (`not path`, for `= False`), or "" when the stored value is not known to be either."""
    if not isinstance(s, (cst.SimpleStatementLine, cst.SimpleStatementSuite)):
        for path in _stored(s, namer):
            yield path, ""
        return
    for small in s.body:
        if isinstance(small, cst.Assign):
            value = _literal(small.value)
            for t in small.targets:
                if (path := namer(t.target)) is not None:
                    yield path, _flag(path, value)
        elif isinstance(small, cst.AugAssign) and (path := namer(small.target)) is not None:
            step = _literal(small.value)
            up = isinstance(small.operator, cst.AddAssign) and isinstance(step, int) and step > 0
            yield path, path if up else ""


def _flag(path: str, value) -> str:
    if value is _UNKNOWN:
        return ""
    return path if value else f"not {path}"


def _stored(s, namer: _PathNamer):
    for node in m.findall(s, m.Assign() | m.AugAssign() | m.AnnAssign()):
        targets = [t.target for t in node.targets] if isinstance(node, cst.Assign) else [node.target]
        yield from (p for t in targets if (p := namer(t)) is not None)


_UNKNOWN = object()


def _literal(expr: cst.BaseExpression):
    try:
        return ast.literal_eval(cst.Module([]).code_for_node(expr))
    except (ValueError, SyntaxError):
        return _UNKNOWN
