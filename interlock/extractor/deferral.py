"""Deferral scopes: a `@contextmanager` method that sets a flag of its object to a true constant
before its `yield` (`self._deferring = True`, `self._state.deferring = True` on a thread-local).
Code run inside the scope can test the flag and hold back what it would do (queue notifications
for the scope to deliver when it exits); the checker follows that (checker/deferral.py)."""
from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from interlock.extractor.imports import blocks
from interlock.extractor.lockhelpers import CONTEXT_MANAGERS, _PathNamer


def deferral_flags(scope, node: cst.FunctionDef, decorators: tuple[str, ...], self_name: str | None) -> tuple[str, ...]:
    """The `self.` paths `node` sets to `True` before its first `yield`, when it is a context manager."""
    if self_name is None or not set(decorators) & CONTEXT_MANAGERS:
        return ()
    out: list[str] = []
    _before_yield(list(_stmts(node.body)), _PathNamer(scope, self_name), out)
    return tuple(dict.fromkeys(p for p in out if p.startswith("self.")))


def _stmts(block) -> list:
    return [block] if isinstance(block, cst.SimpleStatementSuite) else list(block.body)


def _before_yield(stmts: list, namer: _PathNamer, out: list[str]) -> bool:
    """Collect the flags set in `stmts` in source order; True once a `yield` is reached."""
    for s in stmts:
        if isinstance(s, (cst.FunctionDef, cst.ClassDef)):
            continue
        if isinstance(s, (cst.SimpleStatementLine, cst.SimpleStatementSuite)):
            for small in s.body:
                if _has_yield(small):
                    return True
                if isinstance(small, cst.Assign) and isinstance(small.value, cst.Name) and small.value.value == "True":
                    out.extend(p for t in small.targets if (p := namer(t.target)) is not None)
            continue
        for block in blocks(s):
            if _before_yield(block, namer, out):
                return True
    return False


def _has_yield(node: cst.CSTNode) -> bool:
    return bool(m.findall(node, m.Yield()))
