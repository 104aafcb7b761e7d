"""Statement-level control flow of one function, on the stdlib `ast` of its source.

The program model keeps events in control-flow order, but not the shape every question needs:
which `with` block a statement is in, where a `break` leaves a loop, which local a call's result
is bound to. `Flow` answers "can control get from here to there without passing that point?"
over a graph of the function's statements (nested `def`s and classes are single statements).

The graph over-approximates: any statement of a `try` body may jump to any handler and to the
`finally` (and, re-raised, to the handlers around it); `return`/`raise` go wherever an exception
may; a loop may run its body zero times. More paths only make a point reachable more often, so a
"no path avoids the barrier" answer stays sound.
"""
from __future__ import annotations

import ast
from collections import deque
from typing import Iterable, Iterator

EXIT = "exit"
#: comprehensions: only the iterable of the first `for` is computed when the expression is
_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)


def done(loop: ast.stmt) -> tuple[str, ast.stmt]:
    """The node a loop passes when it has run out of items (not on `break`)."""
    return ("done", loop)


class Flow:
    """The statements of one function and the edges between them: `succ` when a statement
    completes normally, `exc` where an exception raised in it may go."""

    def __init__(self, fn: ast.FunctionDef | ast.AsyncFunctionDef):
        self.fn = fn
        self.succ: dict[object, set] = {}
        self.exc: dict[object, set] = {}
        self.parent: dict[ast.AST, ast.AST] = {}
        self.stmts: list[ast.stmt] = []
        for node in _own_nodes(fn):
            for child in ast.iter_child_nodes(node):
                self.parent[child] = node
        self._block(fn.body, EXIT, None, (EXIT,))

    # -- building ------------------------------------------------------------------------------
    def _block(self, stmts: list[ast.stmt], cont, loop, handlers: tuple) -> object:
        """Add the edges of `stmts`, which go on to `cont`; return the block's first node."""
        nxt = cont
        for s in reversed(stmts):
            self._stmt(s, nxt, loop, handlers)
            nxt = s
        return nxt

    def _stmt(self, s: ast.stmt, nxt, loop, handlers: tuple) -> None:
        self.stmts.append(s)
        self.exc[s] = set(handlers)
        succ = self.succ.setdefault(s, set())
        if isinstance(s, (ast.Return, ast.Raise)):
            return                                    # goes where an exception goes (exc)
        if isinstance(s, ast.Break):
            succ.add(loop[0] if loop else EXIT)
        elif isinstance(s, ast.Continue):
            succ.add(loop[1] if loop else EXIT)
        elif isinstance(s, ast.If):
            succ.add(self._block(s.body, nxt, loop, handlers))
            succ.add(self._block(s.orelse, nxt, loop, handlers))
        elif isinstance(s, (ast.For, ast.AsyncFor, ast.While)):
            succ.add(self._block(s.body, s, (nxt, s), handlers))
            succ.add(done(s))
            self.succ[done(s)] = {self._block(s.orelse, nxt, loop, handlers)}
            self.exc[done(s)] = set()
        elif isinstance(s, (ast.With, ast.AsyncWith)):
            succ.add(self._block(s.body, nxt, loop, handlers))
        elif isinstance(s, (ast.Try, getattr(ast, "TryStar", ast.Try))):
            self._try(s, nxt, loop, handlers)
        elif isinstance(s, getattr(ast, "Match", ())):
            succ.add(nxt)
            succ.update(self._block(case.body, nxt, loop, handlers) for case in s.cases)
        else:
            succ.add(nxt)

    def _try(self, s: ast.Try, nxt, loop, handlers: tuple) -> None:
        final = self._block(s.finalbody, nxt, loop, handlers) if s.finalbody else None
        after = final if final is not None else nxt
        if final is not None:
            handlers = (final, *handlers)
        caught = tuple(self._block(h.body, after, loop, handlers) for h in s.handlers)
        orelse = self._block(s.orelse, after, loop, handlers)
        self.succ[s] = {self._block(s.body, orelse, loop, (*caught, *handlers))}

    # -- queries -------------------------------------------------------------------------------
    def reachable(self, start: ast.stmt, cut: Iterable[object] = ()) -> set:
        """Nodes control may enter after `start` completes or raises, never crossing a node in
        `cut` (a statement in `cut` may still raise; a loop's `done` node in `cut` is not entered)."""
        cut = set(cut)
        seen: set = set()
        todo = deque(self._next(start, cut))
        while todo:
            n = todo.popleft()
            if n in seen or (isinstance(n, tuple) and n in cut):
                continue
            seen.add(n)
            todo.extend(self._next(n, cut))
        return seen

    def _next(self, n, cut: set) -> Iterator[object]:
        yield from self.exc.get(n, ())
        if n not in cut:
            yield from self.succ.get(n, ())

    def statement_of(self, node: ast.AST) -> ast.stmt | None:
        while node is not None and not isinstance(node, ast.stmt):
            node = self.parent.get(node)
        return node

    def statement_at(self, line: int, col: int) -> ast.stmt | None:
        """The innermost statement whose source covers (line, byte column)."""
        best = None
        for s in self.stmts:
            if (s.lineno, s.col_offset) <= (line, col) <= (s.end_lineno or s.lineno, s.end_col_offset or 0):
                if best is None or _inside(s, best):
                    best = s
        return best

    def always_evaluated(self, node: ast.AST) -> bool:
        """`node` is computed whenever its statement runs (not in one arm of `a if c else b`, a
        later operand of `and`/`or`, a lambda or a comprehension's element); for a compound
        statement, in its header."""
        child, up = node, self.parent.get(node)
        while up is not None and not isinstance(up, ast.stmt):
            if isinstance(up, ast.IfExp) and child is not up.test:
                return False
            if isinstance(up, ast.BoolOp) and child is not up.values[0]:
                return False
            if isinstance(up, ast.Lambda) or isinstance(up, _COMPREHENSIONS) and child is not up.generators[0]:
                return False
            if isinstance(up, ast.comprehension) and child is not up.iter:
                return False
            child, up = up, self.parent.get(up)
        return up is None or _in_header(up, child)

    def enclosing(self, node: ast.AST) -> Iterator[ast.stmt]:
        """The statements around `node`, innermost first."""
        up = self.parent.get(node)
        while up is not None:
            if isinstance(up, ast.stmt):
                yield up
            up = self.parent.get(up)

    def nodes(self) -> Iterator[ast.AST]:
        """Every node of the function's own body (not of functions nested in it)."""
        return _own_nodes(self.fn)

    def calls(self) -> Iterator[ast.Call]:
        return (node for node in _own_nodes(self.fn) if isinstance(node, ast.Call))

    def loop_jumps(self, loop: ast.stmt) -> Iterator[ast.stmt]:
        """The `break`/`continue` statements of `loop` itself (not of loops inside it)."""
        todo = list(loop.body)
        while todo:
            s = todo.pop()
            if isinstance(s, (ast.Break, ast.Continue)):
                yield s
            elif not isinstance(s, (ast.For, ast.AsyncFor, ast.While, *_DEFS)):
                todo.extend(c for c in ast.iter_child_nodes(s) if isinstance(c, ast.stmt))
                todo.extend(st for c in ast.iter_child_nodes(s) if isinstance(c, (ast.ExceptHandler, ast.match_case))
                            for st in c.body)


def _in_header(s: ast.stmt, child: ast.AST) -> bool:
    """`child` (a direct child of `s`) is evaluated before `s` runs a body: not in a body."""
    return not any(child in getattr(s, f, ()) for f in ("body", "orelse", "finalbody", "handlers", "cases"))


def _inside(a: ast.AST, b: ast.AST) -> bool:
    return (b.lineno, b.col_offset) <= (a.lineno, a.col_offset) \
        and (a.end_lineno or a.lineno, a.end_col_offset or 0) <= (b.end_lineno or b.lineno, b.end_col_offset or 0)


def _own_nodes(fn: ast.AST) -> Iterator[ast.AST]:
    """Every node of `fn`'s body, not descending into nested functions, classes or lambdas."""
    todo = list(ast.iter_child_nodes(fn))
    while todo:
        node = todo.pop()
        yield node
        if not isinstance(node, _DEFS):
            todo.extend(ast.iter_child_nodes(node))


def function_node(tree: ast.Module, name: str, line: int) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    """The `def name` whose header (decorators included) starts at `line`; the module itself for a
    script's top-level code (`<module>`: extractor/setup_phase.script_bodies)."""
    if name == "<module>":
        return tree
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name:
            first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            if first <= line <= node.lineno:
                return node
    return None
