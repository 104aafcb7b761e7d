"""Statement walking: a function body -> a tree of Event / Branch / Loop / Try nodes.

One `FunctionWalker` per function (and one for the module body). It keeps the locks held
(`with` blocks and acquire()/release() pairs, outermost first), the loop depth (spawns in loops
run many times), and the locals that alias shared state (`buf = self._buffer`).
"""
from __future__ import annotations

import libcst as cst

from interlock.extractor.cells import nonlocal_names
from interlock.extractor.cstwalk import DEFS, LINES
from interlock.extractor.events_calls import CallWalker
from interlock.extractor.events_expr import ExprWalker
from interlock.extractor.events_spawn import SpawnWalker
from interlock.extractor.events_stmt import StatementWalker
from interlock.extractor.imports import blocks
from interlock.extractor.parse import Span
from interlock.extractor.scope import ClassFacts, FileScope
from interlock.models.program import Event, EventKind
from interlock.extractor.records import construct


class FunctionWalker(StatementWalker, CallWalker, SpawnWalker, ExprWalker):
    """Walks one function (or module) body; `walk()` returns its node tree."""

    def __init__(self, scope: FileScope, qualname: str, cls: ClassFacts | None, params: list[str],
                 *, is_async: bool = False, parent: FunctionWalker | None = None,
                 self_names: dict[str, str] | None = None, is_module: bool = False) -> None:
        self.scope, self.qualname, self.cls, self.parent = scope, qualname, cls, parent
        self.is_async, self.is_module = is_async, is_module
        self.self_names = dict(self_names or {})
        self.locals: set[str] = {p.lstrip("*") for p in params} - set(self.self_names)
        self.global_decls: set[str] = set()
        self.nonlocal_decls: set[str] = set()
        self.rebound: set[str] = set()           # locals nested functions rebind (`nonlocal`): cells.py
        self.bound_at: dict = {}                  # local -> span of its first assignment
        self.local_defs: set[str] = set()
        self.aliases: set[str] = set()
        self.yields = False                      # a `yield` in this body: calling it makes a generator
        self.yield_line: int | None = None       # the line of the first `yield`
        self.params: set[str] = {p.lstrip("*") for p in params}
        self.binds: dict[str, int] = {}          # binding sites per local name (prescan)
        self.displays: dict[str, tuple] = {}     # local bound once to a display -> (its source, loop depth)
        self.body_node = None                    # the function's cst body (events_stmt._used_after)
        #: `first, second = src, dst` (bound once, parameters never rebound): first -> src, so
        #: `with first.lock:` is on the object the caller passed as `src`
        self.param_aliases: dict[str, str] = {}
        self.field_aliases: dict = {}            # `m = self.meter` (bound once): m -> Access of self.meter
        self.lock_elements: set[str] = set()     # `lock = self._locks.setdefault(k, Lock())`: aliases of self._locks
        self.lock_element_keys: dict[str, str] = {}   # such a local -> the index it was taken with (`k`)
        self.element_keys: list = []              # (path, index) of the table locks the current `with` takes
        self.derived: set[str] = set()           # locals computed from shared reads (values)
        self.local_kinds: dict = {}
        self.yield_target = False     # binding the `as` name of a lock helper's `with` (events_stmt.py)
        self.local_types: dict[str, str] = {}     # locals this function built: `v = Cls(...)`
        self.typed: dict[str, str] = {}           # locals declared of a class: `repo: Repo = ...`, params
        self.fetched: dict[str, str] = {}         # locals a call annotated `-> Cls` handed out
        self.local_elements: dict[str, str] = {}  # `ws = [Worker(i) for i in ...]`: name -> the class of its elements
        self.element_targets: dict[str, str | None] = {}   # loop targets over such a local: class, None when also bound otherwise
        self.captured: dict[str, str] = {}        # free variables naming a typed parameter of an enclosing function
        self.made: dict[str, str] = {}            # locals a call of unknown result handed out: name -> callee
        self.class_refs: dict[str, str] = {}      # locals bound to a class named as a value: `f = Conn`
        self.keyed: dict[str, tuple[str, str]] = {}   # `hub = services.get("hub")`: name -> (dict, key)
        self.ordered: dict[str, str] = {}         # `first, second = sorted((self, other), ...)`: name -> class
        self.lambdas: dict[int, str] = {}
        self.held: list[str] = []
        self.exit_stacks: dict[str, list[str]] = {}   # `with ExitStack() as stack:` -> locks it entered
        #: set by an `if` one arm of which entered locks on an open ExitStack: (arm, its held locks)
        self.stack_split: tuple[int, list[str]] | None = None
        self.known_flags: dict[str, bool] = {}    # parameters whose truth the split's arm fixed
        self.free: list[str] = []                 # locks a successful `acquire(False)` here shows were not held
        self.tried: dict[str, str] = {}           # `ok = lock.acquire(timeout=t)`: ok -> the lock, held once `ok` is tested
        self.tried_calls: set[int] = set()        # calls of a helper returning a try-acquire's result (lockhelpers.LockTaker)
        self.scopes: list[str] = []               # context managers of enclosing non-lock `with` items
        self.loop_depth = 0
        self.fn_locals: dict[str, object] = {}   # locals bound once to a function reference: name -> the cst expr
        self.ref_values: dict[str, str] = {}     # locals bound to a name, attribute, lambda or `a if c else b`: source
        self.comps: list[tuple[str, str] | None] = []   # enclosing comprehensions: (target, iterable) of a single `for`
        self.each: dict[str, tuple] = {}          # loop target over a literal tuple -> its elements (nodes)
        self.param_walks: list[tuple[str, str]] = []   # comprehensions over a parameter: (target, iterable)
        self.nonblocking = 0                      # inside `try:` bodies that catch BlockingIOError
        self.nonblocking_paths: set[str] = set(cls.nonblocking) if cls is not None else set()  # sockets put in non-blocking mode (here or by the class)
        self.span: Span | None = None
        self.spawns_here: dict = {}               # (statement span, spawned target) -> sites so far
        self.header = False
        self.out: list = []
        self.reads: list[str] = []

    def emit(self, kind: EventKind, anchor: str | None, **fields) -> Event:
        loc = self.scope.positions.locate(self.span, anchor, self.header)
        if self.free:
            fields["free"] = tuple(self.free)
        if self.scopes:
            fields["scopes"] = tuple(self.scopes)
        if kind is EventKind.ITERATE and anchor and anchor.partition(".")[0] in self.field_aliases:
            fields.setdefault("through", anchor.partition(".")[0])    # one load of the field, made earlier
        event = construct(Event, kind=kind, loc=loc, held=tuple(self.held), **fields)
        self.out.append(event)
        return event

    def walk(self, body: cst.BaseSuite | list) -> tuple:
        stmts = body if isinstance(body, list) else _statements(body)
        if not self.is_module:
            prescan_locals(stmts, self)
        return tuple(self.block(stmts))

    def lambda_function(self, node: cst.Lambda) -> str:
        """A lambda becomes its own function `<enclosing>.<lambda:LINE>` (it runs later)."""
        from interlock.extractor.functions import build_lambda

        qualname = build_lambda(self, node)
        self.lambdas[id(node)] = qualname
        return qualname


def _statements(body: cst.BaseSuite) -> list:
    return [body] if isinstance(body, cst.SimpleStatementSuite) else list(body.body)


def prescan_locals(stmts, walker: FunctionWalker) -> None:
    """Names assigned anywhere in the body are locals (Python's rule), `global` names are not."""
    for s in stmts:
        if type(s) in LINES:
            for small in s.body:
                _small_names(small, walker)
            continue
        if type(s) in DEFS:
            walker.locals.add(s.name.value)
            walker.binds[s.name.value] = walker.binds.get(s.name.value, 0) + 1
            if isinstance(s, cst.FunctionDef):
                walker.local_defs.add(s.name.value)
                walker.rebound |= nonlocal_names(s)
            continue
        if isinstance(s, cst.For):
            _target_names(s.target, walker.locals, walker.binds)
        elif isinstance(s, cst.With):
            for item in s.items:
                if item.asname is not None:
                    _target_names(item.asname.name, walker.locals, walker.binds)
        for h in getattr(s, "handlers", ()) or ():
            if h.name is not None:
                _target_names(h.name.name, walker.locals, walker.binds)
        for block in blocks(s):
            prescan_locals(block, walker)
    walker.locals -= walker.global_decls | walker.nonlocal_decls


def _small_names(small, walker: FunctionWalker) -> None:
    if type(small) is cst.Assign:
        for t in small.targets:
            _target_names(t.target, walker.locals, walker.binds)
    elif type(small) is cst.AnnAssign and small.value is None:
        _target_names(small.target, walker.locals)     # `pipe: Pipeline` declares, binds nothing
    elif type(small) is cst.AnnAssign or type(small) is cst.AugAssign:
        _target_names(small.target, walker.locals, walker.binds)
    elif type(small) is cst.Global or type(small) is cst.Nonlocal:
        names = {n.name.value for n in small.names}
        (walker.global_decls if isinstance(small, cst.Global) else walker.nonlocal_decls).update(names)


def name_head(node: cst.BaseExpression) -> str:
    while isinstance(node, cst.Attribute):
        node = node.value
    return node.value if isinstance(node, cst.Name) else ""


def _target_names(target: cst.BaseExpression, out: set[str], counts: dict[str, int] | None = None) -> None:
    if isinstance(target, cst.Name):
        out.add(target.value)
        if counts is not None:
            counts[target.value] = counts.get(target.value, 0) + 1
    elif isinstance(target, (cst.Tuple, cst.List)):
        for el in target.elements:
            _target_names(el.value, out, counts)
    elif isinstance(target, cst.StarredElement):
        _target_names(target.value, out, counts)
