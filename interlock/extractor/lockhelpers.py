"""Lock helpers: methods and functions of a file that hand out a lock they name.

`with self._guard():` holds `self._lock` when `_guard` is a `@contextmanager` whose every `yield`
runs inside `with self._lock:` (or between `self._lock.acquire()` and its release), the same with
`@asynccontextmanager` and `async with`, or a method that just `return self._lock` (a property
doing so makes `with self.lock:` hold `self._lock`). The walker records the acquisition of the
named lock at the `with`, as if it were written there. Helpers of the same file only.
"""
from __future__ import annotations

from dataclasses import dataclass

import libcst as cst
import libcst.matchers as m

from interlock.extractor import catalogue as cat
from interlock.extractor.imports import blocks, dotted
from interlock.models.program import LOCK_KINDS

CONTEXT_MANAGERS = frozenset({"contextlib.contextmanager", "contextmanager",
                              "contextlib.asynccontextmanager", "asynccontextmanager"})
PROPERTIES = frozenset({"property", "functools.cached_property", "cached_property"})


@dataclass(frozen=True, slots=True)
class LockHelper:
    locks: tuple[str, ...]     # access paths (`self._lock`, `pkg.mod._LOCK`), outermost first
    is_property: bool = False  # used as `with self.lock:` rather than called


def find_lock_helpers(scope, defs: list[cst.FunctionDef], is_method: bool) -> dict[str, LockHelper]:
    """The helpers among `defs` (a class's methods, or a module's functions), by name.

    Which paths are locks is decided at the `with` (`helper_locks`)."""
    from interlock.extractor.functions import decorator_text, param_names

    out: dict[str, LockHelper] = {}
    for node in defs:
        params = param_names(node.params)
        self_name = params[0] if is_method and params and not params[0].startswith("*") else None
        decorators = {decorator_text(scope, d) for d in node.decorators}
        namer = _PathNamer(scope, self_name)
        if decorators & CONTEXT_MANAGERS:
            held: list[tuple[str, ...]] = []
            _held_at_yields(_stmts(node.body), (), namer, held)
            common = [p for p in held[0] if all(p in h for h in held[1:])] if held else []
            if common:
                out[node.name.value] = LockHelper(tuple(common))
        elif decorators <= PROPERTIES:
            path = _returned(node, namer)
            if path is not None:
                out[node.name.value] = LockHelper((path,), is_property=bool(decorators))
    return out


@dataclass(frozen=True, slots=True)
class _PathNamer:
    scope: object
    self_name: str | None

    def __call__(self, expr: cst.BaseExpression) -> str | None:
        """`self._lock` or a module global (`_LOCK` -> `pkg.mod._LOCK`); else None."""
        name = dotted(expr)
        if name is None:
            return None
        head, _, rest = name.partition(".")
        if head == self.self_name and rest:
            return f"self.{rest}"
        if self.self_name != head and head in self.scope.globals:
            return self.scope.qualify(name)
        return None


def _stmts(block) -> list:
    return [block] if isinstance(block, cst.SimpleStatementSuite) else list(block.body)


def _returned(node: cst.FunctionDef, namer: _PathNamer) -> str | None:
    body = [s for s in _stmts(node.body) if not _is_docstring(s)]
    if len(body) != 1 or not isinstance(body[0], cst.SimpleStatementLine) or len(body[0].body) != 1:
        return None
    small = body[0].body[0]
    return namer(small.value) if isinstance(small, cst.Return) and small.value is not None else None


def _is_docstring(s) -> bool:
    return (isinstance(s, cst.SimpleStatementLine) and len(s.body) == 1 and isinstance(s.body[0], cst.Expr)
            and isinstance(s.body[0].value, (cst.SimpleString, cst.ConcatenatedString)))


def _held_at_yields(stmts: list, held: tuple[str, ...], namer: _PathNamer, out: list) -> tuple[str, ...]:
    """Append the locks held at each `yield` to `out`; return those held after the statements."""
    for s in stmts:
        if isinstance(s, (cst.SimpleStatementLine, cst.SimpleStatementSuite)):
            for small in s.body:
                held = _small(small, held, namer, out)
        elif isinstance(s, cst.With):
            inner = tuple(p for item in s.items if (p := namer(item.item)) is not None)
            _held_at_yields(_stmts(s.body), held + inner, namer, out)
        elif isinstance(s, cst.Try):
            held = _held_at_yields(_stmts(s.body), held, namer, out)
            for arm in (*s.handlers, s.orelse):
                if arm is not None:
                    _held_at_yields(_stmts(arm.body), held, namer, out)
            if s.finalbody is not None:
                held = _held_at_yields(_stmts(s.finalbody.body), held, namer, out)
        elif not isinstance(s, (cst.FunctionDef, cst.ClassDef)):
            for block in blocks(s):          # a branch arm's acquisitions stay in the arm
                _held_at_yields(block, held, namer, out)
    return held


def _small(small, held: tuple[str, ...], namer: _PathNamer, out: list) -> tuple[str, ...]:
    call = small.value if isinstance(small, cst.Expr) else None
    if isinstance(call, cst.Await):
        call = call.expression
    if isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute) and not call.args:
        path = namer(call.func.value)
        if path is not None and call.func.attr.value == "acquire":
            return held + (path,)
        if path is not None and call.func.attr.value == "release":
            return tuple(p for p in held if p != path)
    if m.findall(small, m.Yield()):
        out.append(held)
    return held


def helper_locks(walker, expr: cst.BaseExpression, acc) -> list:
    """The locks the helper used in `with <expr>:` hands out, as the walker's accesses
    (`with self._guard():`, `with locked():`, `with self.lock:` of a property). Empty unless
    all of them are locks."""
    from interlock.extractor.events_expr import GLOBAL, IMPORTED, SELF

    cls, helper = walker.cls, None
    if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute) and cls is not None:
        recv = walker.access(expr.func.value)
        if recv is not None and recv.root == SELF and recv.path == "self":
            helper = cls.lock_helpers.get(expr.func.attr.value)
    elif isinstance(expr, cst.Call) and isinstance(expr.func, cst.Name):
        name = expr.func.value
        if name not in walker.locals and walker.root_of(name)[1] != IMPORTED:
            helper = walker.scope.lock_helpers.get(name)
    elif acc is not None and acc.root == SELF and acc.depth == 1 and cls is not None:
        helper = cls.lock_helpers.get(acc.path.split(".", 1)[1])
    if helper is None or helper.is_property != (not isinstance(expr, cst.Call)):
        return []
    locks = [_lock_access(walker, path, GLOBAL, SELF) for path in helper.locks]
    return locks if all(_is_lock(walker, lock) for lock in locks) else []


def _lock_access(walker, path: str, global_root: str, self_root: str):
    from interlock.extractor.events_expr import Access

    if path.startswith("self."):
        return Access(path, path, self_root, path.count("."))
    return Access(path, path, global_root, len(path.split(".")) - len(walker.scope.qualify("_").split(".")))


def _is_lock(walker, acc) -> bool:
    # stricter than a bare `with self.x:`: an attribute of another class must be named as a lock
    kind = walker.kind_of(acc)
    return kind in LOCK_KINDS or (kind is None and bool(cat.LOCKISH.search(acc.path.rsplit(".", 1)[-1])))
