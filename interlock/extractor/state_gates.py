"""State-gated configuration: public methods that refuse to run once the object has started.

    def __init__(self, **options):
        self.state = STOPPED
        self.configure(**options)

    def configure(self, **options):
        if self.state != STOPPED:                 # the gate: only while nothing runs yet
            raise AlreadyRunningError
        self.interval = options.get("interval", 1.0)

    def start(self):
        ...
        self.state = RUNNING                      # another method moves the state on
        self._thread.start()

A public method whose first act is such a gate (`if self.F != V: raise`/`return`, `if self.F:
raise` with F initially falsy, `assert self.F is None`, ...) where V is the value the object
holds in F after construction, that never writes F itself, while a start method of the class
(`start`, `run`, `open`, `start_*` ...) writes F a different value, is set-up code: its caller configures the object before the start
moves F on (like a constructor's writes), not concurrently with the work the running object
does. It gets no open-world `public:` caller (tests/corpus/il101_configure_gated_on_stopped_state);
a call to it from a context of the program still runs it there. `start()` itself, gated too but
writing F, stays public: work may be handed in while it runs.
"""
from __future__ import annotations

import ast

from interlock.models.gates import initial_value as _initial
from interlock.models.gates import leaves as _leaves
from interlock.models.gates import same_value as _same
from interlock.models.gates import self_field as _self_field
from interlock.models.program import Branch, EventKind, FunctionInfo, ProgramModel, Try


def state_gated(model: ProgramModel, cls, entries: tuple[str, ...]) -> frozenset[str]:
    """The entries of `cls` (public methods) that run only in the state the object starts in."""
    out = set()
    for q in entries:
        fn = model.functions.get(q)
        gate = _gate(fn) if fn is not None and not fn.is_property and not fn.is_async else None
        if gate is None:
            continue
        field, wanted = gate
        initial = _initial(model, cls, field)
        if initial is None or not _same(wanted, initial):
            continue
        if _writes(fn, field) or not _moved_on(model, cls, field, initial, q):
            continue
        out.add(q)
    return frozenset(out)


def _gate(fn: FunctionInfo) -> tuple[str, str] | None:
    """(F, V) when the body opens with a test of `self.F` that leaves (raise/return) unless F is V.
    Only reads may come before it."""
    for node in fn.body:
        if isinstance(node, Branch):
            return _test(node)
        if isinstance(node, Try) or getattr(node, "node", None) != "event" \
                or node.kind is not EventKind.READ:
            return None
    return None


def _test(node: Branch) -> tuple[str, str] | None:
    try:
        expr = ast.parse(node.cond.value or "", mode="eval").body
    except SyntaxError:
        return None
    leaves_then = _leaves(node.then) and not node.orelse
    if node.cond.op == "assert":           # `assert cond`: then empty, the raise in orelse
        if node.then or not _leaves(node.orelse):
            return None
        return _holds(expr, True)
    return _holds(expr, False) if leaves_then else None


def _holds(expr: ast.expr, truth: bool) -> tuple[str, str] | None:
    """(F, V): `expr` evaluating to `truth` says `self.F` is V (V "None" standing for any falsy value
    when only truthiness is tested)."""
    if isinstance(expr, ast.UnaryOp) and isinstance(expr.op, ast.Not):
        return _holds(expr.operand, not truth)
    field = _self_field(expr)
    if field is not None:
        return (field, "None") if not truth else None
    if isinstance(expr, ast.Compare) and len(expr.ops) == 1:
        field = _self_field(expr.left)
        if field is None:
            return None
        op = expr.ops[0]
        equal = isinstance(op, (ast.Eq, ast.Is)) if truth else isinstance(op, (ast.NotEq, ast.IsNot))
        return (field, ast.unparse(expr.comparators[0])) if equal else None
    return None


def _writes(fn: FunctionInfo, field: str) -> bool:
    return any(e.kind is EventKind.WRITE and e.target == f"self.{field}" for e in fn.events())


#: methods that bring an object to life: the state they move on from is the one before any work
_STARTS = frozenset({"start", "run", "open", "connect", "begin", "launch", "serve_forever", "run_forever",
                     "__enter__", "__aenter__"})


def _moved_on(model: ProgramModel, cls, field: str, initial: str, gated: str) -> bool:
    """A start method of the lineage (`start`, `run`, `open`, `start_*` ...) writes F a value other
    than the initial one. A gate whose state only a `close()` leaves (`if self._closed: raise`)
    guards the object's working life, not its set-up (tests/corpus/il103_own_dispatcher_callbacks)."""
    for a in cls.ancestors:
        info = model.classes.get(a)
        for name, q in (info.methods.items() if info is not None else ()):
            fn = model.functions.get(q)
            if fn is None or q == gated or not (name in _STARTS or name.startswith("start_")):
                continue
            if any(e.kind is EventKind.WRITE and e.target == f"self.{field}" and e.value is not None
                   and not _same(e.value, initial) for e in fn.events()):
                return True
    return False
