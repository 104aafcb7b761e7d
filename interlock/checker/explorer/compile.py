"""Python method asts -> IR ops: calls on self inlined, loops unrolled, `with` cleanups on every exit.

The compiler follows the same statements the extractor reports as events (reads, writes,
mutations, acquire/release, wait/notify, awaits) plus local assignments, so branch conditions
over locals (`if pos > d: pos = d`) are interpreted, not guessed.
"""
from __future__ import annotations

import ast
import copy
from dataclasses import dataclass, field, replace
from typing import Any

from interlock.checker.explorer.ir import Op, expr_fields
from interlock.checker.explorer.universe import ClassSrc, Universe, job_handle, submitted
from interlock.checker.rules._multiply import _own_nodes

UNROLL = 1          # loop iterations interpreted; then a `while` test runs again: false leaves the
                    # loop, true stops the thread there (CUT: it runs on, unexplored). One pass
                    # of a worker loop racing one API call shows the bugs of the corpus and the
                    # example; two passes multiplied the playback loop's states by ~20
#: passes of a command loop (a `while` whose body takes from a queue with a blocking `get`) in a
#: scenario whose producer sends it a sequence of commands (run.thread_sets: COMMANDS): the bound
#: is named in the scenario's label
COMMAND_PASSES = 2
MAX_INLINE = 4      # depth of inlined self-calls
_BINOPS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.FloorDiv: "//", ast.Mod: "%", ast.Div: "/"}
_CMPOPS = {ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=",
           ast.Is: "==", ast.IsNot: "!="}
GROW = {"append", "appendleft", "insert", "add"}
_SHRINK = {"pop", "popleft", "remove"}
#: builtins that leave the lists they are given as they are
_PURE = {"len", "min", "max", "sum", "abs", "int", "float", "str", "bool", "repr", "range", "enumerate",
         "zip", "sorted", "reversed", "list", "tuple", "set", "frozenset", "dict", "isinstance", "any", "all",
         "print", "iter", "hash", "id", "round", "type"}
#: calls that reorder the list they are given or called on and keep its length
#: (`random.shuffle(xs)`, `xs.sort()`, `xs.reverse()`)
_REORDER = {"shuffle", "sort", "reverse"}
#: numpy functions whose answer has the length of their first argument (elementwise, no reduction)
_ELEMENTWISE = {"abs", "absolute", "tanh", "sin", "cos", "exp", "log", "log10", "log1p", "sqrt", "square",
                "clip", "multiply", "divide", "true_divide", "subtract", "negative", "sign", "round", "around",
                "rint", "floor", "ceil", "nan_to_num", "asarray", "ascontiguousarray", "array", "copy",
                "float32", "float64", "int16", "int32"}
#: array methods that keep the length of their receiver (`x.copy()` also for lists, dicts, sets)
_SAME_LENGTH = {"copy", "astype", "clip", "round"}
#: methods that store their argument in the receiver and leave the argument itself alone
_STORES = {"append", "appendleft", "add", "insert", "extend", "extendleft"}


@dataclass
class Frame:
    cls: ClassSrc
    depth: int
    func: str                                     # short Class.method
    ret: str | None = None                        # local receiving the return value
    returns: list[int] = field(default_factory=list)
    cleanups: list[list[ast.stmt] | tuple] = field(default_factory=list)   # ("release", key) or finally body
    loops: list[tuple[list[int], list[int]]] = field(default_factory=list)  # (breaks, continues)
    loop_depths: list[int] = field(default_factory=list)  # len(cleanups) where each loop starts
    active: tuple[str, ...] = ()                  # method qualnames on the inline stack
    path: str = ""                                # file of the running method (a mixin's, not its class's)
    #: locals whose class is known: annotated parameters (`job: ProcessingJob`) and elements taken
    #: from an annotated container attribute (`job = self.jobs.get(id)`, `dict[str, ProcessingJob]`).
    #: One instance per class, as for `self.ctl`: `job.status` is `ProcessingJob.status`.
    types: dict = field(default_factory=dict)
    tasks: set = field(default_factory=set)       # locals holding an asyncio Task (create_task, dict of tasks)
    #: open `try` blocks with an `except Empty` handler: (cleanups open at the try, the indices of
    #: the non-blocking gets in their body that jump to the handler when the queue is empty)
    empties: list = field(default_factory=list)
    #: `len(x)` of a plain local, as the local holding it: `n = len(samples)` and `for s in samples`
    #: see the same length. Dropped when `x` is rebound or may change (a method call on it, passed
    #: to a call, an item assigned or deleted), and at the end of a block for entries made in it.
    lens: dict = field(default_factory=dict)
    #: loop variables bound to the elements of a list of threads (`for t in self._threads:`):
    #: local -> the list's field key, which joins as the thread the list holds
    threads: dict = field(default_factory=dict)
    #: locals bound to an item taken from a queue: `chunk.frames` is the field of the object put
    #: (`put(Chunk(frames, data))`), when the put's value is known
    items: set = field(default_factory=set)
    #: locals bound to a lookup in a dispatch table (`handler = self._handlers.get(cmd)`):
    #: local -> (the table's class, field, the key expression)
    handlers: dict = field(default_factory=dict)
    outer: Frame | None = None                    # the caller this frame is inlined into


class Compiler:
    """Emits the ops of entry calls for one scenario thread."""

    def __init__(self, uni: Universe, is_async: bool = False, passes: int = UNROLL):
        self.uni = uni
        #: passes of a command loop (`command_loop`); other loops run UNROLL passes
        self.passes = passes
        #: entry method -> how many times this thread called it so far
        self.entered: dict[str, int] = {}
        self.ops: list[Op] = []
        self.fresh = 0
        self.is_async = is_async
        #: id(call node) -> the local holding its result, for calls of the program's own methods
        #: run (inlined) before the condition or value that uses them (see `strict_expr`)
        self.hoisted: dict[int, tuple] = {}
        #: > 0 while a `finally` body is compiled: its awaits get no cancellation path of their own
        self.unwinding = 0
        #: (start, end) of each cancellation path emitted, for awaits that unwind the same way
        self.cancel_paths: list[tuple[int, int]] = []

    # ------------------------------------------------------------------ emission
    def emit(self, kind: str, a=None, b=None, c=None, node: ast.AST | None = None, frame: Frame | None = None,
             d=None, site: tuple = ()) -> int:
        text = _first_line(node) if node is not None else ""
        line = getattr(node, "lineno", 0) if node is not None else 0
        path = (frame.path or frame.cls.path) if frame else ""
        if kind == "local" and frame is not None and frame.lens:
            frame.lens.pop(a, None)
        self.ops.append(Op(kind, a, b, c, line, path, frame.func if frame else "", text, frame.depth if frame else 0, d,
                           site))
        return len(self.ops) - 1

    def patch(self, idx: int, target: int) -> None:
        op = self.ops[idx]
        if op.kind == "jump":
            self.ops[idx] = Op("jump", target, None, None, op.line, op.path, op.func, op.text, op.depth)
        else:
            self.ops[idx] = replace(op, b=target)

    def sym(self, label: str, none: bool = False) -> tuple:
        """A fresh unknown value; `none`: an answer that may be None (`("opt", ...)`)."""
        self.fresh += 1
        return ("opt" if none else "sym", f"{label}#{self.fresh}")

    # ------------------------------------------------------------------ entries and calls
    def entry(self, cls: ClassSrc, method: str) -> None:
        """One entry call with symbolic arguments (named after the parameters)."""
        fn = cls.methods[method]
        frame = Frame(cls, 0, method if cls.module else f"{cls.short}.{method}", active=(cls.qualname + "." + method,),
                      path=getattr(fn, "interlock_path", ""))
        if cls.module:          # a module-level function: the module's global instances are known
            frame.types.update({name: found for name, kind in cls.kinds.items()
                                if kind.startswith("object:") and (found := self.uni.find(kind[7:])) is not None})
        # a thread that calls one method twice (a sequence of commands) passes each call its own
        # arguments: `load(length)` then `load(length__2)`
        self.entered[frame.func] = n = self.entered.get(frame.func, 0) + 1
        for arg in fn.args.args[(0 if cls.module else 1):] + fn.args.kwonlyargs:
            name = arg.arg if n == 1 else f"{arg.arg}__{n}"
            self.emit("local", self.local(arg.arg, frame), ("sym", name), None, fn, frame)
        self.type_params(fn, frame, skip_self=not cls.module)
        self.body(fn.body, frame)
        for idx in frame.returns:
            self.patch(idx, len(self.ops))

    @staticmethod
    def site(node: ast.AST | None, caller: Frame) -> tuple:
        """Where `caller` passes an inlined call its arguments: (path, line, short `Class.method`)."""
        line = getattr(node, "lineno", 0) if node is not None else 0
        return (caller.path or caller.cls.path, line, caller.func) if line else ()

    def inline(self, cls: ClassSrc, method: str, args: list[ast.expr], caller: Frame, ret: str | None,
               node: ast.AST | None = None) -> bool:
        """`node`: the call (or the property write) that passes `args`, for `Op.site`."""
        fn = cls.methods.get(method)
        key = cls.qualname + "." + method
        if fn is None or caller.depth >= MAX_INLINE or key in caller.active:
            return False
        frame = Frame(cls, caller.depth + 1, f"{cls.short}.{method}", ret, active=caller.active + (key,),
                      path=getattr(fn, "interlock_path", ""), outer=caller)
        params = [a.arg for a in fn.args.args[1:]]
        site = self.site(node, caller)
        for i, name in enumerate(params):       # an argument is source, or a value already computed
            value = (args[i] if isinstance(args[i], tuple) else self.expr(args[i], caller)) if i < len(args) \
                else ("sym", name)
            self.emit("local", self.local(name, frame), value, None, fn, frame, site=site if i < len(args) else ())
        self.type_params(fn, frame, skip_self=True)
        self.inline_body(fn, frame, ret)
        return True

    def inline_function(self, fn: ast.FunctionDef | ast.AsyncFunctionDef, args: list[ast.expr], caller: Frame,
                        ret: str | None, node: ast.AST | None = None) -> bool:
        """A module-level function the running code calls (`prepare_job(self, job)`), inlined
        like a method: service layers split a method's work into helpers in other modules."""
        path = getattr(fn, "interlock_path", "")
        key = f"{path}:{fn.name}"
        if caller.depth >= MAX_INLINE or key in caller.active:
            return False
        frame = Frame(caller.cls, caller.depth + 1, fn.name, ret, active=caller.active + (key,), path=path,
                      outer=caller)
        self.type_params(fn, frame, skip_self=False)
        site = self.site(node, caller)
        for i, a in enumerate(fn.args.args):
            known = self.receiver_class(args[i], caller) if i < len(args) else None
            if known is not None:                 # an object (`engine` bound to the caller's `self`)
                frame.types.setdefault(a.arg, known)
                value = ("sym", a.arg)
            else:
                value = self.expr(args[i], caller) if i < len(args) else ("sym", a.arg)
            self.emit("local", self.local(a.arg, frame), value, None, fn, frame,
                      site=site if i < len(args) and known is None else ())
        self.inline_body(fn, frame, ret)
        return True

    def inline_body(self, fn: ast.FunctionDef | ast.AsyncFunctionDef, frame: Frame, ret: str | None) -> None:
        """The callee's body; its returns jump to the end, and a callee that never returns a
        value still binds the caller's result local (None)."""
        start = len(self.ops)
        self.body(fn.body, frame)
        for idx in frame.returns:
            self.patch(idx, len(self.ops))
        if ret and not any(op.kind == "local" and op.a == ret for op in self.ops[start:]):
            self.emit("local", ret, ("c", None), None, fn, frame)

    def takes_objects(self, fn: ast.FunctionDef | ast.AsyncFunctionDef, args: list[ast.expr], caller: Frame) -> bool:
        """A helper worth inlining works on the program's objects: one is passed to it, or a
        parameter is annotated with a class in scope. Logging and math helpers are not followed."""
        return any(self.receiver_class(a, caller) is not None for a in args) or \
            any(self.annotated(a.annotation) is not None for a in fn.args.args + fn.args.kwonlyargs)

    def type_params(self, fn: ast.FunctionDef | ast.AsyncFunctionDef, frame: Frame, skip_self: bool) -> None:
        params = fn.args.args[1:] if skip_self else fn.args.args
        for a in params + fn.args.kwonlyargs:
            cls = self.annotated(a.annotation)
            if cls is not None:
                frame.types[a.arg] = cls

    def annotated(self, ann: ast.expr | None) -> ClassSrc | None:
        """The in-scope class an annotation names: `X`, `mod.X`, `"X"`, `X | None`, `Optional[X]`."""
        if ann is None:
            return None
        if isinstance(ann, ast.Constant) and isinstance(ann.value, str):
            try:
                ann = ast.parse(ann.value, mode="eval").body
            except SyntaxError:
                return None
        if isinstance(ann, ast.BinOp) and isinstance(ann.op, ast.BitOr):
            sides = [x for x in (ann.left, ann.right) if not (isinstance(x, ast.Constant) and x.value is None)]
            return self.annotated(sides[0]) if len(sides) == 1 else None
        if isinstance(ann, ast.Subscript) and isinstance(ann.value, (ast.Name, ast.Attribute)) \
                and (ann.value.id if isinstance(ann.value, ast.Name) else ann.value.attr) == "Optional":
            return self.annotated(ann.slice)
        name = ann.id if isinstance(ann, ast.Name) else ann.attr if isinstance(ann, ast.Attribute) else None
        cls = self.uni.find(name) if name else None
        return self.uni.concrete(cls) if cls is not None else None

    def local(self, name: str, frame: Frame) -> str:
        return name if frame.depth == 0 else f"{name}@{frame.depth}"

    def local_len(self, name: str, frame: Frame, node: ast.AST) -> tuple:
        """The length of the plain local `name` (a list argument, say), one symbol while the list
        cannot have changed: `if free < len(samples): return` then `for s in samples` runs at most
        `len(samples)` times."""
        key = self.local(name, frame)
        hit = frame.lens.get(key)
        if hit is None:
            self.fresh += 1
            hit = self.local(f"$len{self.fresh}", frame)
            # a length is never negative (`files = await load()`: `len(files)` is some n >= 0)
            self.emit("local", hit, ("max", self.sym("len"), ("c", 0)), None, node, frame)
            frame.lens[key] = hit
        return ("l", hit)

    def touch(self, call: ast.Call, frame: Frame) -> None:
        """A call may change the lists it is given or called on: their lengths are new after it."""
        if not frame.lens or (isinstance(call.func, ast.Name) and call.func.id in _PURE):
            return
        if isinstance(call.func, ast.Attribute) and call.func.attr in _REORDER or self.elementwise(call, frame):
            return
        recv = call.func.value if isinstance(call.func, ast.Attribute) else None
        stores = isinstance(call.func, ast.Attribute) and call.func.attr in _STORES
        for n in (recv, *(() if stores else (*call.args, *(k.value for k in call.keywords)))):
            if isinstance(n, ast.Starred):
                n = n.value
            if isinstance(n, ast.Name):
                frame.lens.pop(self.local(n.id, frame), None)

    @staticmethod
    def joined(before: dict, *afters: dict) -> dict:
        """The lengths known after a block that may or may not run: those known before it that
        no arm dropped (one made inside an arm is not set on the other paths)."""
        return {k: v for k, v in before.items() if all(a.get(k) == v for a in afters)}

    # ------------------------------------------------------------------ statements
    def body(self, stmts: list[ast.stmt], frame: Frame) -> None:
        for s in stmts:
            self.stmt(s, frame)

    def stmt(self, s: ast.stmt, frame: Frame) -> None:
        handler = getattr(self, f"s_{type(s).__name__}", None)
        if handler is not None:
            handler(s, frame)

    def s_Expr(self, s: ast.Expr, frame: Frame) -> None:
        if _calls_behind_short_circuit(s.value):
            self.body(_short_circuit_as_branch(s, s.value), frame)
            return
        self.effect(s.value, frame, s)

    def s_Assign(self, s: ast.Assign, frame: Frame) -> None:
        if _calls_behind_short_circuit(s.value):
            # `ok = self._ready or self._load()`: the call runs only when the left side is false
            self.body(_short_circuit_as_branch(s, s.value), frame)
            return
        if isinstance(s.value, ast.IfExp) and (_is_value_choice(s.value) or _calls_in_arms(s.value)):
            # `self.state = DONE if ok else FAILED`: one branch per value, so a symbolic test
            # explores both (an `ite` of two non-numbers would be an unknown value)
            self.s_If(_as_branch(s, s.value), frame)
            return
        for tgt in s.targets:
            if isinstance(tgt, ast.Tuple) and isinstance(s.value, ast.Tuple) and len(tgt.elts) == len(s.value.elts):
                for t, v in zip(tgt.elts, s.value.elts):
                    self.assign(t, self.value(v, frame, s), frame, s, v)
            elif isinstance(tgt, ast.Tuple):
                got = self.value(s.value, frame, s)    # the call's effects (`a, b = await self.prep()`)
                whole = None
                if got[0] == "l" and not any(isinstance(t, ast.Starred) for t in tgt.elts):
                    self.fresh += 1
                    whole = ("l", self.local(f"$unpack{self.fresh}", frame))
                    self.emit("local", whole[1], got, None, s, frame)
                for i, t in enumerate(tgt.elts):
                    # a local may hold a tuple (an item taken from a queue): its elements
                    part = self.sym("unpack")
                    self.assign(t, ("idx", whole, i, len(tgt.elts), part) if whole else part, frame, s)
            else:
                self.assign(tgt, self.value(s.value, frame, s), frame, s)

    def s_AnnAssign(self, s: ast.AnnAssign, frame: Frame) -> None:
        if s.value is not None:
            self.assign(s.target, self.value(s.value, frame, s), frame, s)
            # `session: ClientSession = self.server.sessions.setdefault(...)`: the annotation
            # names the object's class where the value alone does not
            cls = self.annotated(s.annotation) if isinstance(s.target, ast.Name) else None
            if cls is not None and s.target.id not in frame.types:
                frame.types[s.target.id] = cls

    def s_AugAssign(self, s: ast.AugAssign, frame: Frame) -> None:
        key = self.field_key(s.target, frame)
        if key and self.kind(s.target, frame) == "container":
            self.emit("mutate", key + "#len", "extend", None, s, frame)
            return
        op = _BINOPS.get(type(s.op), "?")
        cur = ("f", key) if key else self.expr(s.target, frame)
        if key:   # `self.x += v` is a read, then a write: another thread may run in between
            tmp = self.local(f"${s.lineno}", frame)
            self.emit("local", tmp, cur, None, s, frame)
            cur = ("l", tmp)
        self.assign(s.target, ("bin", op, cur, self.expr(s.value, frame)), frame, s)

    def assign(self, tgt: ast.expr, value: tuple, frame: Frame, node: ast.AST, source: ast.expr | None = None) -> None:
        if isinstance(tgt, ast.Name):
            source = getattr(node, "value", None) if source is None else source
            handle = self.handle_key(source, frame) if source is not None else None
            if handle:
                frame.threads[tgt.id] = handle      # `old = self._worker`: awaiting `old` joins it
            else:
                frame.threads.pop(tgt.id, None)
            if self.element_name(source, frame) and self.is_task(source, frame):
                value = ("taskref",)       # `self._tasks.get(id)`: the scenario's task while it runs
            size = self.length_expr(source, frame) if _sized_source(source) else None
            if size is not None:           # its length as it is now (`head = self.items[:k]`)
                self.fresh += 1
                held = self.local(f"$len{self.fresh}", frame)
                self.emit("local", held, size, None, node, frame)
            self.emit("local", self.local(tgt.id, frame), value, None, node, frame)
            if size is not None:
                frame.lens[self.local(tgt.id, frame)] = held
            known = self.element_class(source, frame)
            if known is not None:
                frame.types[tgt.id] = known
            else:
                frame.types.pop(tgt.id, None)
            if self.is_task(source, frame):
                frame.tasks.add(tgt.id)
            else:
                frame.tasks.discard(tgt.id)
            lookup = self.table_lookup(source, frame) if source is not None else None
            if lookup is not None:
                frame.handlers[tgt.id] = lookup
            else:
                frame.handlers.pop(tgt.id, None)
            if value[0] == "l" and "$item" in value[1]:      # `chunk = self._chunks.get()`
                frame.items.add(tgt.id)
            else:
                frame.items.discard(tgt.id)
            return
        if isinstance(tgt, ast.Subscript):
            if isinstance(tgt.value, ast.Name):
                frame.lens.pop(self.local(tgt.value.id, frame), None)
            key = self.field_key(tgt.value, frame)
            if key in self.uni.element_states and not isinstance(tgt.slice, ast.Slice):
                self.write_field(key, value, node, frame)     # the representative element's state
            elif key:
                self.emit("mutate", key, "setitem", self.expr(tgt.slice, frame), node, frame)
            return
        if self.through_setter(tgt, value, frame):
            return
        key = self.field_key(tgt, frame)
        if key is None:
            return
        kind = self.kind(tgt, frame)
        if kind == "container":
            if self.none_initialised(key):
                # `self._table = {}` for a table built on first use: no longer None (a reset
                # `self._table = None` makes it None again); scenario.generic starts it maybe-None
                source = getattr(node, "value", None)
                built = ("c", None) if isinstance(source, ast.Constant) and source.value is None else self.sym("built")
                self.write_field(key, built, node, frame)
            key, value = key + "#len", self.length_of(node, value, frame)
        if value[0] == "tup" and value[1:] and value[1][0] == "part":
            # `self.last = (self.index, len(self.tracks))`: a field holds a tuple as one unknown
            # value (x_assign), so its parts are no reads of their own before the write
            value = self.sym("tuple")
        self.write_field(key, value, node, frame)

    def none_initialised(self, key: str) -> bool:
        """The constructor (or the class body) sets the field to None: a container built later."""
        cls = self.uni.find(key.split(".")[0])
        attr = key.split(".", 1)[1]
        if cls is None:
            return False
        default = cls.defaults.get(attr)
        if isinstance(default, ast.Constant) and default.value is None:
            return True
        ctor = cls.methods.get("__init__")
        return ctor is not None and any(
            isinstance(st, ast.Assign) and isinstance(st.value, ast.Constant) and st.value.value is None
            and any(isinstance(t, ast.Attribute) and t.attr == attr and isinstance(t.value, ast.Name) and t.value.id == "self"
                    for t in st.targets)
            for st in ctor.body)

    def write_field(self, key: str, value: tuple, node: ast.AST, frame: Frame) -> None:
        if expr_fields(value):
            tmp = self.local(f"${getattr(node, 'lineno', 0)}v", frame)   # read, then write: two steps
            self.emit("local", tmp, value, None, node, frame)
            value = ("l", tmp)
        self.emit("assign", key, value, None, node, frame)

    def through_setter(self, tgt: ast.expr, value: tuple, frame: Frame) -> bool:
        """`obj.status = v` where `status` is a property with a setter: the setter runs (inlined,
        with `v`), so its lock and the field it stores (`self._status`) are what the write does."""
        if not isinstance(tgt, ast.Attribute):
            return False
        owner = self.receiver_class(tgt.value, frame)
        setter = f"{tgt.attr}<setter>"
        return owner is not None and setter in owner.methods and self.inline(owner, setter, [value], frame, None, tgt)

    def length_of(self, node: ast.AST, value: tuple, frame: Frame) -> tuple:
        src = getattr(node, "value", None)
        size = self.length_expr(src, frame) if src is not None else None
        return size if size is not None else ("max", ("sym", "len"), ("c", 0))

    def length_expr(self, src: ast.expr, frame: Frame) -> tuple | None:
        """The length of the list `src` makes, in terms of the lengths it is made from, or None
        when unknown: a literal, an empty constructor, a copy (`list(xs)`, `sorted(xs)`), a slice
        `xs[a:b]` (Python's clamping of its bounds), a concatenation `a + b` (the sum), so
        `self.items = items[:k] + items[k:]` keeps the length it had."""
        if isinstance(src, (ast.List, ast.Tuple, ast.Set)):
            return None if any(isinstance(e, ast.Starred) for e in src.elts) else ("c", len(src.elts))
        if isinstance(src, ast.Dict):
            return None if None in src.keys else ("c", len(src.keys))
        if isinstance(src, ast.Call) and self.elementwise(src, frame):
            return self.array_length(src.args[0], frame)
        if isinstance(src, ast.Call) and isinstance(src.func, ast.Attribute) and src.func.attr in _SAME_LENGTH:
            return self.array_length(src.func.value, frame)
        if isinstance(src, ast.Call) and isinstance(src.func, ast.Name):
            if not src.args:
                return ("c", 0)
            if len(src.args) == 1 and not src.keywords and src.func.id in ("list", "tuple", "sorted"):
                return self.length_expr(src.args[0], frame)
            return None
        if isinstance(src, ast.BinOp) and isinstance(src.op, ast.Add):
            a, b = self.length_expr(src.left, frame), self.length_expr(src.right, frame)
            return ("bin", "+", a, b) if a is not None and b is not None else None
        if isinstance(src, ast.Subscript) and isinstance(src.slice, ast.Slice) and src.slice.step is None:
            whole = self.length_expr(src.value, frame)
            if whole is None:
                return None
            lo = self.bound(src.slice.lower, whole, ("c", 0), frame)
            hi = self.bound(src.slice.upper, whole, whole, frame)
            return ("max", ("bin", "-", hi, lo), ("c", 0))
        if isinstance(src, ast.Attribute):
            key = self.field_key(src, frame)
            return ("f", key + "#len") if key and self.kind(src, frame) == "container" else None
        if isinstance(src, ast.Name) and src.id != "self" and src.id not in self.uni.consts:
            hit = frame.lens.get(self.local(src.id, frame))
            return ("l", hit) if hit is not None else None
        return None

    def elementwise(self, call: ast.Call, frame: Frame) -> bool:
        """`np.tanh(x)`, `np.clip(x, lo, hi)`: a numpy function (the module as the file imports it)
        that works element by element, so its answer has the length of `x` and `x` is left alone."""
        func = call.func
        return isinstance(func, ast.Attribute) and func.attr in _ELEMENTWISE and bool(call.args) \
            and isinstance(func.value, ast.Name) \
            and func.value.id in self.uni.array_modules.get(frame.path or frame.cls.path, ())

    def array_length(self, src: ast.expr, frame: Frame) -> tuple | None:
        """The length of the array `src`: a local (a fresh symbol for it when none is held yet, so
        `out = np.tanh(chunk)` and a later `len(chunk)` agree), a scaled or shifted array (`chunk *
        gain`, `x - mean`: broadcasting a scalar keeps the length), or what `length_expr` knows."""
        if isinstance(src, ast.Name) and src.id != "self" and src.id not in self.uni.consts:
            return self.local_len(src.id, frame, src)
        if isinstance(src, ast.BinOp) and isinstance(src.op, (ast.Mult, ast.Div, ast.Sub, ast.Pow)):
            sides = [self.array_length(x, frame) if isinstance(x, (ast.Name, ast.BinOp, ast.Call)) else None
                     for x in (src.left, src.right)]
            known = [x for x in sides if x is not None]
            return known[0] if len(known) == 1 else None
        return self.length_expr(src, frame)

    def bound(self, b: ast.expr | None, whole: tuple, default: tuple, frame: Frame) -> tuple:
        """A slice bound as Python clamps it: negative counts from the end, then into [0, len]."""
        if b is None:
            return default
        v = self.expr(b, frame)
        if v[0] == "c" and isinstance(v[1], int):
            return ("min", v, whole) if v[1] >= 0 else ("max", ("bin", "+", whole, v), ("c", 0))
        return ("ite", ("cmp", "<", v, ("c", 0)), ("max", ("bin", "+", whole, v), ("c", 0)), ("min", v, whole))

    def s_Delete(self, s: ast.Delete, frame: Frame) -> None:
        for tgt in s.targets:
            if isinstance(tgt, ast.Subscript) and isinstance(tgt.value, ast.Name):
                frame.lens.pop(self.local(tgt.value.id, frame), None)
            if isinstance(tgt, ast.Subscript) and self.kind(tgt.value, frame) == "container":
                self.emit("mutate", self.field_key(tgt.value, frame) + "#len", "pop", None, s, frame)

    def s_If(self, s: ast.If, frame: Frame) -> None:
        br = self.emit("branch", self.strict_expr(self.test(s.test, frame), frame, cond=True), None, None, s.test, frame)
        before = dict(frame.lens)
        self.body(s.body, frame)
        then, frame.lens = frame.lens, dict(before)
        if s.orelse:
            j = self.emit("jump", None, None, None, None, frame)
            self.patch(br, len(self.ops))
            self.body(s.orelse, frame)
            self.patch(j, len(self.ops))
        else:
            self.patch(br, len(self.ops))
        frame.lens = self.joined(before, then, frame.lens)

    def s_While(self, s: ast.While, frame: Frame) -> None:
        exits: list[int] = []
        before = dict(frame.lens)
        passes = self.passes if self.passes != UNROLL and self.command_loop(s, frame) else UNROLL
        for _ in range(passes):
            exits.append(self.emit("branch", self.strict_expr(self.test(s.test, frame), frame, cond=True), None, None,
                                   s.test, frame))
            self.loop_body(s.body, frame, exits)
            frame.lens = self.joined(before, frame.lens)
        # after the unrolled passes the test runs again: the loop is left only when it is false
        # (a wait loop re-checks its predicate); when it holds, the thread goes on past what is
        # explored and stops there (semantics: CUT), instead of leaving the loop with it true
        cut = self.emit("branch", self.strict_expr(self.test(s.test, frame), frame, cond=True), None, "cut", s.test, frame)
        self.patch(cut, len(self.ops))
        for idx in exits:
            self.patch(idx, len(self.ops))

    def test(self, test: ast.expr, frame: Frame) -> ast.expr:
        """An `if`/`while` test whose `and`/`or` has a call after its first operand (`if self._warm
        or self._mount():`): the operands run as branches first (`_short_circuit_as_branch`, so the
        call's effects happen only when the left side leaves the answer open), and the test reads
        their answer; any other test as it is."""
        negated = isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not)
        e = test.operand if negated else test
        if not _calls_behind_short_circuit(e):
            return test
        name = f"$test{test.lineno}_{test.col_offset}"
        s = ast.copy_location(ast.Assign(targets=[ast.Name(id=name, ctx=ast.Store())], value=e), test)
        self.body(_short_circuit_as_branch(s, e), frame)
        out: ast.expr = ast.Name(id=name, ctx=ast.Load())
        if negated:
            out = ast.UnaryOp(op=ast.Not(), operand=out)
        return ast.fix_missing_locations(ast.copy_location(out, test))

    def command_loop(self, s: ast.While, frame: Frame) -> bool:
        """A worker's command loop: its body takes the next command from a queue of the program,
        with a blocking `get()` (`cmd, arg = self._commands.get()`, `await self._queue.get()`), a
        polling one (`get(timeout=...)`, `get_nowait()`, whose pass may find no command), or
        through a method of the program that does (`cmd = self._next_command()`)."""
        return any(self.takes_command(node, frame, frame.cls, 0) for node in _own_nodes(s.body))

    def takes_command(self, node: ast.AST, frame: Frame | None, cls: ClassSrc, depth: int) -> bool:
        """`node` gets from a queue of the program, or calls a method of the program (on `self`,
        at most MAX_INLINE deep) whose body does."""
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            return False
        recv = node.func.value
        if node.func.attr in ("get", "get_nowait"):
            kind = self.kind(recv, frame) if frame is not None else \
                cls.kinds.get(recv.attr) if isinstance(recv, ast.Attribute) and isinstance(recv.value, ast.Name) \
                and recv.value.id == "self" else None
            if kind == "queue":
                return True
        target = (self.receiver_class(recv, frame) if frame is not None else
                  cls if isinstance(recv, ast.Name) and recv.id == "self" else None)
        fn = target.methods.get(node.func.attr) if target is not None else None
        if fn is None or depth >= MAX_INLINE:
            return False
        return any(self.takes_command(n, None, target, depth + 1) for n in _own_nodes(fn.body))

    def s_For(self, s: ast.For | ast.AsyncFor, frame: Frame) -> None:
        key = self.field_key(s.iter, frame)
        exits: list[int] = []
        before = dict(frame.lens)
        for i in range(UNROLL):
            if key:
                cond = ("cmp", ">", ("f", key + "#len"), ("c", i))
            elif isinstance(s.iter, ast.Name) and s.iter.id not in self.uni.consts:
                cond = ("cmp", ">", self.local_len(s.iter.id, frame, s.iter), ("c", i))
                before = before if i else dict(frame.lens)
            else:
                cond = self.sym("more")
            exits.append(self.emit("branch", cond, None, None, s.iter, frame))
            if isinstance(s, ast.AsyncFor):
                self.emit("await", None, None, None, s.iter, frame)
            element = self.element_class(s.iter, frame) if isinstance(s.target, ast.Name) else None
            self.bind_threads(s, key, frame)
            for name in ast.walk(s.target):
                if isinstance(name, ast.Name):
                    self.emit("local", self.local(name.id, frame), self.sym("item"), None, s.target, frame)
                    if element is not None:
                        frame.types[name.id] = element
                    else:
                        frame.types.pop(name.id, None)
            self.loop_body(s.body, frame, exits)
            frame.lens = self.joined(before, frame.lens)
        for idx in exits:
            self.patch(idx, len(self.ops))

    s_AsyncFor = s_For

    def bind_threads(self, s: ast.For | ast.AsyncFor, key: str | None, frame: Frame) -> None:
        """`for t in self._threads:` over a list of `Thread(target=self.m)`: `t.join()` joins it.
        Over a list of tasks (`self._workers.append(create_task(self.m()))`) `t` is a task too:
        `t.cancel()` cancels it (tests/corpus/il504_cancel_loop_before_gather)."""
        owner = self.receiver_class(s.iter.value, frame) if key and isinstance(s.iter, ast.Attribute) else None
        for name in ast.walk(s.target):
            if isinstance(name, ast.Name):
                frame.threads.pop(name.id, None)
                frame.tasks.discard(name.id)
                if owner is not None and isinstance(s.target, ast.Name) and s.iter.attr in owner.thread_targets:
                    frame.threads[name.id] = key
                    if s.iter.attr in owner.tasks:
                        frame.tasks.add(name.id)

    def loop_body(self, body: list[ast.stmt], frame: Frame, exits: list[int]) -> None:
        breaks: list[int] = []
        conts: list[int] = []
        frame.loops.append((breaks, conts))
        frame.loop_depths.append(len(frame.cleanups))
        self.body(body, frame)
        frame.loops.pop()
        frame.loop_depths.pop()
        for idx in conts:
            self.patch(idx, len(self.ops))
        exits.extend(breaks)

    def s_Break(self, s: ast.Break, frame: Frame) -> None:
        if frame.loops:          # leaving `with` blocks (and `finally:`) opened inside the loop
            self.run_cleanups(frame, frame.loop_depths[-1])
            frame.loops[-1][0].append(self.emit("jump", None, None, None, s, frame))

    def s_Continue(self, s: ast.Continue, frame: Frame) -> None:
        if frame.loops:
            self.run_cleanups(frame, frame.loop_depths[-1])
            frame.loops[-1][1].append(self.emit("jump", None, None, None, s, frame))

    def s_Match(self, s: ast.Match, frame: Frame) -> None:
        """`match self.state: case Mode.PLAYING: ...` as the `if`/`elif` chain it means: a value
        pattern is `==`, `None`/`True`/`False` are `is`, `_` and a bare name always match (the
        name bound to the subject), `|` is `or`; class, sequence and mapping patterns are tests
        whose answer is unknown. A subject with a call is evaluated once."""
        stmts: list[ast.stmt] = []
        subject = s.subject
        if _has_call(subject):
            name = f"$match{s.lineno}_{s.col_offset}"
            stmts.append(ast.Assign(targets=[ast.Name(id=name, ctx=ast.Store())], value=subject))
            subject = ast.Name(id=name, ctx=ast.Load())
        chain: list[ast.stmt] = []
        for case in reversed(s.cases):
            test, binds = _pattern_test(case.pattern, subject)
            body = [ast.Assign(targets=[ast.Name(id=n, ctx=ast.Store())], value=subject) for n in binds] + case.body
            if case.guard is not None:
                test = case.guard if test is True else ast.BoolOp(op=ast.And(), values=[test, case.guard])
            chain = body if test is True else [ast.If(test=test, body=body, orelse=chain)]
        stmts += chain
        for node in stmts:
            ast.copy_location(node, s)
            ast.fix_missing_locations(node)
        self.body(stmts, frame)

    def s_Return(self, s: ast.Return, frame: Frame) -> None:
        if s.value is not None and _calls_behind_short_circuit(s.value):
            self.body(_short_circuit_as_branch(s, s.value), frame)
            return
        if isinstance(s.value, ast.IfExp) and (_is_value_choice(s.value) or _calls_in_arms(s.value)):
            self.s_If(_as_branch(s, s.value), frame)
            return
        if s.value is not None:      # evaluated for its effects even when nobody uses the result
            self.emit("local", frame.ret or self.local("$return", frame), self.value(s.value, frame, s), None, s, frame)
        self.run_cleanups(frame, 0)
        frame.returns.append(self.emit("jump", None, None, None, s, frame))

    def s_Raise(self, s: ast.Raise, frame: Frame) -> None:
        self.run_cleanups(frame, 0)
        self.emit("raise", ast.unparse(s.exc) if s.exc else "", None, None, s, frame)

    def s_Assert(self, s: ast.Assert, frame: Frame) -> None:
        br = self.emit("branch", ("not", self.strict_expr(s.test, frame, cond=True)), None, None, s.test, frame)
        self.emit("raise", "AssertionError", None, None, s, frame)
        self.patch(br, len(self.ops))

    def s_With(self, s: ast.With | ast.AsyncWith, frame: Frame) -> None:
        held = []
        for item in s.items:
            for key in self.helper_locks(item.context_expr, frame) or [self.lock_key(item.context_expr, frame)]:
                if not key:
                    continue
                idx = self.emit("await", None, None, None, item.context_expr, frame) \
                    if isinstance(s, ast.AsyncWith) else None
                self.emit("acquire", key, None, None, item.context_expr, frame)
                if idx is not None:            # cancelled while it waits for the lock: not yet held
                    self.cancel_path(idx, frame)
                frame.cleanups.append(("release", key, item.context_expr))
                held.append(key)
        self.body(s.body, frame)
        for _ in held:
            self.pop_cleanup(frame)

    s_AsyncWith = s_With

    def helper_locks(self, node: ast.expr, frame: Frame) -> list[str]:
        """`with self._locked():` of a `@contextmanager` method whose every `yield` runs inside
        `with self._lock:` (the extractor's lock helpers): the keys of those locks of the receiver,
        outermost first (tests/corpus/il501_invariant_under_contextmanager_lock_helper,
        il504_queue_get_under_contextmanager_lock)."""
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            return []
        owner = self.receiver_class(node.func.value, frame)
        fn = owner.methods.get(node.func.attr) if owner is not None else None
        if fn is None or not fn.args.args or not any(
                _dotted_name(d) in ("contextmanager", "asynccontextmanager") for d in fn.decorator_list):
            return []
        found = _yield_withs(fn.body, fn.args.args[0].arg, ())
        if not found or any(f != found[0] for f in found[1:]):
            return []
        keys = [self.lock_key(ast.Attribute(value=node.func.value, attr=attr, ctx=ast.Load()), frame) for attr in found[0]]
        return keys if keys and all(keys) else []

    def s_Try(self, s: ast.Try, frame: Frame) -> None:
        if s.finalbody:
            frame.cleanups.append(list(s.finalbody))
        empty = next((h for h in s.handlers if _catches_empty(h)), None)
        if empty is not None:
            frame.empties.append((len(frame.cleanups), []))
        before = dict(frame.lens)
        self.body(s.body, frame)
        gets = frame.empties.pop()[1] if empty is not None else []
        self.body(s.orelse, frame)
        if gets:                        # `except Empty:` is compiled when a get in the body can raise it
            skip = self.emit("jump", None, None, None, None, frame)
            for idx in gets:
                self.ops[idx] = replace(self.ops[idx], c=len(self.ops))
            done, frame.lens = frame.lens, self.joined(before, frame.lens)
            self.body(empty.body, frame)
            frame.lens = self.joined(before, done, frame.lens)
            self.patch(skip, len(self.ops))
        if s.finalbody:
            self.pop_cleanup(frame)

    def pop_cleanup(self, frame: Frame) -> None:
        item = frame.cleanups.pop()
        self.do_cleanup(item, frame)

    def do_cleanup(self, item, frame: Frame) -> None:
        if isinstance(item, tuple):
            self.emit("release", item[1], None, None, item[2], frame)
        else:
            saved, frame.cleanups = frame.cleanups, list(frame.cleanups)
            self.unwinding += 1
            try:
                self.body(item, frame)
            finally:
                self.unwinding -= 1
                frame.cleanups = saved

    def cancel_path(self, idx: int, frame: Frame) -> None:
        """What a task cancelled while suspended at the await `idx` runs: CancelledError unwinds
        through the open `finally` bodies and `with` blocks of this frame and of the frames it
        is inlined into, then ends the task. Emitted right after the await (and the lock acquire
        or join it waits in), jumped over on the normal path; the await's `c` points at it.
        Only where a `finally` is open: otherwise ending the task releases all it holds."""
        chain = []
        f: Frame | None = frame
        while f is not None:
            chain.append(f)
            f = f.outer
        if not self.is_async or self.unwinding or not any(isinstance(i, list) for f in chain for i in f.cleanups):
            return
        skip = self.emit("jump", None, None, None, None, frame)
        start = len(self.ops)
        kept = [(f, dict(f.lens), dict(f.types), set(f.tasks), dict(f.threads)) for f in chain]
        pending = _pending(chain)
        self.unwinding += 1
        try:
            for f in chain:
                for item in reversed(f.cleanups):
                    self.do_cleanup(item, f)
        finally:
            self.unwinding -= 1
        for f, lens, types, tasks, threads in kept:
            f.lens, f.types, f.tasks, f.threads = lens, types, tasks, threads
        self.emit("raise", "CancelledError", None, None, None, chain[-1])
        same = self.same_cancel_path(start) if _pending(chain) == pending else None
        if same is not None:           # the unwinding of an earlier await, op for op: land there
            del self.ops[skip:]
            self.ops[idx] = replace(self.ops[idx], c=same)
            return
        self.cancel_paths.append((start, len(self.ops)))
        self.patch(skip, len(self.ops))
        self.ops[idx] = replace(self.ops[idx], c=start)

    def same_cancel_path(self, start: int) -> int | None:
        """The start of an earlier cancellation path that runs the same ops as the one just
        emitted at `start` (jumps inside it relocated, fresh symbols equal up to their number):
        awaits under the same `finally` blocks share one, so a cancel landing at any of them
        continues in the same states instead of in a copy per await."""
        new = self.ops[start:]
        for old_start, old_end in self.cancel_paths:
            if old_end - old_start == len(new) and all(
                    _relocated(a, old_start, old_end) == _relocated(b, start, len(self.ops))
                    for a, b in zip(self.ops[old_start:old_end], new)):
                return old_start
        return None

    def run_cleanups(self, frame: Frame, keep: int) -> None:
        for item in reversed(frame.cleanups[keep:]):
            self.do_cleanup(item, frame)

    # ------------------------------------------------------------------ calls with effects
    def effect(self, call: ast.expr, frame: Frame, stmt: ast.stmt) -> None:
        if isinstance(call, ast.Await):
            self.effect(call.value, frame, stmt)
            self.suspend(call, frame)
            return
        if isinstance(call, ast.Call):
            self.call(call, frame, None)

    def value(self, v: ast.expr, frame: Frame, stmt: ast.stmt) -> tuple:
        """The value of an assignment's right side, running calls with effects first."""
        awaited = isinstance(v, ast.Await)
        inner = v.value if awaited else v
        for nested in _strict_awaits(inner, top=True):    # `return {"seat": await w.book()}`
            self.effect(nested, frame, stmt)
        result = self.call(inner, frame, self.local(f"$r{getattr(stmt, 'lineno', 0)}", frame)) \
            if isinstance(inner, ast.Call) else None
        if awaited:
            self.suspend(v, frame)
        if result is not None:
            return result
        return self.expr(inner, frame) if isinstance(inner, ast.Call) else self.strict_expr(inner, frame)

    def suspend(self, node: ast.Await, frame: Frame) -> None:
        """`await x`: the task may switch; awaiting a task handle (or gathering it) waits for
        the task's context to finish, a join; a cancel lands here (see `cancel_path`)."""
        idx = self.emit("await", None, None, None, node, frame)
        for key in self.awaited_handles(node.value, frame):
            self.emit("join", key, None, None, node, frame)
        self.cancel_path(idx, frame)

    def awaited_handles(self, e: ast.expr, frame: Frame) -> list[str]:
        """The task handles `await e` waits for: `t`, `gather(t, ...)`, `shield(t)`,
        `wait_for(t, None)`, `wait([t, ...])`. A wait with a timeout is no join: `wait([t],
        timeout=s)` returns with `t` pending, and `wait_for(t, s)` cancels `t` at the timeout,
        which interrupts whatever `t` waits in (a lock in its `finally` too), so the waiter
        gets TimeoutError after the stall instead of hanging."""
        key = self.handle_key(e, frame)
        if key or not isinstance(e, ast.Call):
            return [key] if key else []
        name = _dotted_name(e.func)
        timeout = _argument(e, 1, "timeout")
        if name in ("gather", "shield"):
            parts = e.args
        elif name == "wait_for" and e.args and timeout is not None and _is_none(timeout):
            parts = e.args[:1]
        elif name == "wait" and e.args and (timeout is None or _is_none(timeout)):
            seq = e.args[0]
            parts = seq.elts if isinstance(seq, (ast.List, ast.Tuple, ast.Set)) else [seq]
            if _argument(e, 2, "return_when") is not None and len(parts) != 1:
                return []                  # FIRST_COMPLETED: returns when any one finishes
        else:
            return []
        parts = [p.value if isinstance(p, ast.Starred) else p for p in parts]    # `gather(*self._tasks)`
        return [k for k in (self.handle_key(p, frame) for p in parts) if k]

    def handle_key(self, node: ast.expr, frame: Frame) -> str | None:
        """The field key of a thread or task handle (`self._worker`, built by `Thread(target=
        self.m)` or `create_task(self.m())`), of the handle a local holds, or of the future
        `self._pool.submit(self.m, ...)` returns (the job running `m`)."""
        if isinstance(node, ast.Name):
            return frame.threads.get(node.id)
        if (job := submitted(node)) is not None:
            return f"{frame.cls.short}.{job_handle(job)}"
        if isinstance(node, ast.Attribute):
            owner = self.receiver_class(node.value, frame)
            if owner is not None and node.attr in owner.thread_targets:
                return self.field_key(node, frame)
        return None

    def strict_expr(self, e: ast.expr, frame: Frame, cond: bool = False) -> tuple:
        """`e`, with the calls of the program's own methods that it always makes run first, inlined:
        `if not self._is_idle(): return` checks what `_is_idle` read under its lock, as the same
        check written out would. Calls behind `and`/`or`/`if-else` may not run and stay unknown."""
        found: dict[int, tuple] = {}
        for call in _strict_calls(e):
            if isinstance(call, ast.Attribute):       # a property read runs its getter
                self.hoist_getter(call, frame, found)
                continue
            self.fresh += 1
            tmp = self.local(f"$c{self.fresh}", frame)
            saved, self.hoisted = self.hoisted, found       # its arguments' calls, run just before
            try:
                done = self.inline_call(call, frame, tmp)
            finally:
                self.hoisted = saved
            if done:
                found[id(call)] = ("l", tmp)
        saved, self.hoisted = self.hoisted, found
        try:
            return self.truth(e, frame) if cond else self.expr(e, frame)
        finally:
            self.hoisted = saved

    def hoist_getter(self, node: ast.Attribute, frame: Frame, found: dict[int, tuple]) -> None:
        """`self.state` where `state` is a `@property` of a known object: its getter runs (inlined,
        with the locks it takes) and the read is its result, as `self.get_state()` would be
        (tests/corpus/il503_state_checked_through_locked_property)."""
        owner = self.receiver_class(node.value, frame)
        fn = owner.methods.get(node.attr) if owner is not None else None
        if fn is None or not any(_dotted_name(d) == "property" for d in fn.decorator_list):
            return
        self.fresh += 1
        tmp = self.local(f"$c{self.fresh}", frame)
        if self.inline(owner, node.attr, [], frame, tmp):
            found[id(node)] = ("l", tmp)

    def inline_call(self, call: ast.Call, frame: Frame, ret: str) -> bool:
        """Inline `call` when it calls a method of a known object or a helper working on the
        program's objects (as `call` would); primitives (locks, queues, ...) are left alone."""
        func = call.func
        if isinstance(func, ast.Name):
            node = self.uni.function(frame.path or frame.cls.path, func.id)
            return node is not None and self.takes_objects(node, call.args, frame) \
                and self.inline_function(node, call.args, frame, ret, call)
        if not isinstance(func, ast.Attribute):
            return False
        kind = self.kind(func.value, frame)
        if kind and self.field_key(func.value, frame) and not kind.startswith("object:"):
            return False
        target = self.receiver_class(func.value, frame)
        return target is not None and self.inline(target, func.attr, call.args, frame, ret, call)

    def table_lookup(self, node: ast.expr, frame: Frame) -> tuple | None:
        """`self._handlers[cmd]` or `self._handlers.get(cmd[, default])` of a dispatch table
        (`ClassSrc.dispatch`): (its class, field, the key expression)."""
        if isinstance(node, ast.Subscript) and not isinstance(node.slice, ast.Slice):
            table, key = node.value, node.slice
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get" \
                and 1 <= len(node.args) <= 2 and not node.keywords:
            table, key = node.func.value, node.args[0]
        else:
            return None
        if not isinstance(table, ast.Attribute):
            return None
        owner = self.receiver_class(table.value, frame)
        return (owner, table.attr, key) if owner is not None and table.attr in owner.dispatch else None

    def dispatch(self, lookup: tuple, call: ast.Call, frame: Frame, ret: str | None) -> None:
        """A call through a dispatch table: one arm per handler, taken when the key equals the
        handler's (a fresh choice where either is not a literal), the handler inlined with the
        call's arguments; a last arm runs nothing (a key the table lacks, or a handler registered
        from outside the class)."""
        owner, attr, key = lookup
        at = self.expr(key, frame)
        ends = []
        for k, method in owner.dispatch[attr]:
            lit = self.key_value(k) if k is not None else None
            cond = ("cmp", "==", at, lit) if lit is not None else self.sym("dispatch")
            br = self.emit("branch", cond, None, None, call, frame)
            if not self.inline(owner, method, list(call.args), frame, ret, call) and ret:
                self.emit("local", ret, self.sym(method), None, call, frame)
            ends.append(self.emit("jump", None, None, None, None, frame))
            self.patch(br, len(self.ops))
        if ret:
            self.emit("local", ret, self.sym("dispatch"), None, call, frame)
        for idx in ends:
            self.patch(idx, len(self.ops))

    def key_value(self, k: ast.expr) -> tuple | None:
        """A table key written as a literal: a constant, an enum member, a module constant."""
        if isinstance(k, ast.Constant) and isinstance(k.value, (int, str, bool)):
            return ("c", k.value)
        if isinstance(k, ast.Attribute) and isinstance(k.value, ast.Name) and k.value.id in self.uni.enums:
            return ("c", k.attr)
        if isinstance(k, ast.Name) and k.id in self.uni.consts:
            return ("c", self.uni.consts[k.id])
        return None

    def call(self, call: ast.Call, frame: Frame, ret: str | None) -> tuple | None:
        """Emit a call's effect; return its value expression when known."""
        self.touch(call, frame)
        func = call.func
        lookup = frame.handlers.get(func.id) if isinstance(func, ast.Name) else self.table_lookup(func, frame)
        if lookup is not None and not call.keywords and not any(isinstance(a, ast.Starred) for a in call.args):
            self.dispatch(lookup, call, frame, ret)
            return ("l", ret) if ret else None
        if isinstance(func, ast.Name):
            node = self.uni.function(frame.path or frame.cls.path, func.id)
            if node is not None and self.takes_objects(node, call.args, frame) \
                    and self.inline_function(node, call.args, frame, ret, call):
                return ("l", ret) if ret else None
            return None
        if not isinstance(func, ast.Attribute):
            return None
        recv, meth = func.value, func.attr
        if meth == "cancel" and not call.args and isinstance(recv, ast.Name) and recv.id in frame.tasks:
            self.emit("cancel", recv.id, None, None, call, frame)
            return None
        kind = self.kind(recv, frame)
        key = self.field_key(recv, frame)
        if isinstance(recv, ast.Name) and recv.id in frame.threads:
            kind, key = "thread", frame.threads[recv.id]
        elif submitted(recv) is not None:          # `self._pool.submit(self.m, k).result()`
            kind, key = "thread", self.handle_key(recv, frame)
        if kind and key and not kind.startswith("object:"):
            return self.primitive_call(kind, key, meth, call, frame)
        target = self.receiver_class(recv, frame)
        if target is not None and self.inline(target, meth, call.args, frame, ret, call):
            return ("l", ret) if ret else None
        return None

    def primitive_call(self, kind: str, key: str, meth: str, call: ast.Call, frame: Frame) -> tuple | None:
        lockish = kind in ("lock", "rlock", "semaphore", "condition")
        if lockish and meth == "acquire":
            # a semaphore's `acquire(False)` / `acquire(timeout=...)` never waits for good
            tries = kind == "semaphore" and bool(call.args or call.keywords)
            self.emit("acquire", self.lock_alias(key, frame), tries or None, None, call, frame)
        elif lockish and meth == "release":
            self.emit("release", self.lock_alias(key, frame), None, None, call, frame)
        elif kind == "condition" and meth in ("wait", "wait_for"):
            timed = any(k.arg == "timeout" for k in call.keywords) or len(call.args) > (1 if meth == "wait_for" else 0)
            ready = self.predicate(call, frame) if meth == "wait_for" else None
            skip = self.emit("branch", ("not", ready), None, None, call, frame) if ready is not None else None
            self.emit("wait", key, self.lock_alias(key, frame), timed, call, frame)
            if skip is not None:
                self.patch(skip, len(self.ops))
        elif kind == "condition" and meth in ("notify", "notify_all"):
            self.emit("notify", key, meth == "notify_all", None, call, frame)
        elif kind == "event" and meth in ("set", "clear", "wait"):
            timed = bool(call.args or call.keywords)
            self.emit({"set": "evset", "clear": "evclear", "wait": "evwait"}[meth], key, timed, None, call, frame)
        elif kind == "barrier" and meth == "wait" and not call.args and not call.keywords:
            self.emit("bwait", key, None, None, call, frame)
        elif kind == "queue" and meth in ("put", "put_nowait"):
            owner, _, attr = key.rpartition(".")
            cls = self.uni.find(owner)
            waits = meth == "put" and not any(k.arg in ("timeout", "block") for k in call.keywords) \
                and len(call.args) < 2 and cls is not None and attr in cls.bounded
            ordered = cls is None or attr not in cls.unordered
            self.emit("qput", key, waits or None, self.put_value(call, frame) if ordered else None, call, frame)
        elif kind == "queue" and meth in ("get", "get_nowait"):
            blocking = meth == "get" and not any(k.arg in ("timeout", "block") for k in call.keywords)
            # the item it takes: the value the matching put handed over (`queue.py`), bound to a
            # local of its own when the get runs
            self.fresh += 1
            item = self.local(f"$item{self.fresh}", frame)
            idx = self.emit("qget", key, blocking, None, call, frame, d=item)
            # a get that can raise Empty right into this frame's `except Empty:` (no `with` opened
            # since the try, whose release the jump would skip): the handler is its other outcome
            if not blocking and (catcher := _empty_catcher(frame)) is not None:
                catcher.empties[-1][1].append(idx)
            return ("l", item)
        elif kind == "queue" and meth in ("join", "task_done"):
            self.emit("qjoin" if meth == "join" else "qdone", key, None, None, call, frame)
        elif kind == "thread" and (meth == "join" or meth == "result" and not call.args and not call.keywords):
            # a job's `future.result()` with no timeout waits for the job, as a join does
            self.emit("join", key, None, None, call, frame)
        elif kind == "task" and meth == "cancel" and not call.args:
            self.emit("cancel", key, None, None, call, frame)
        elif kind == "container" and meth in GROW | _SHRINK | {"clear", "extend", "update"}:
            # `d.pop(k, default)` never raises: it removes one item or none
            self.emit("mutate", key + "#len", "popdefault" if meth == "pop" and len(call.args) >= 2 else meth,
                      None, call, frame)
            return self.sym("popped", _none_default(call, "pop")) if meth in ("pop", "popleft") else None
        return None

    def put_value(self, call: ast.Call, frame: Frame) -> tuple | None:
        """The item a put hands over: its value, a tuple literal element by element (a command
        `("seek", pos)` the consumer unpacks), as it is when the put runs."""
        item = call.args[0] if call.args else next((k.value for k in call.keywords if k.arg == "item"), None)
        if item is None or isinstance(item, ast.Starred):
            return None
        if isinstance(item, ast.Tuple) and not any(isinstance(e, ast.Starred) for e in item.elts):
            return ("tup", *(self.expr(e, frame) for e in item.elts))
        built = self.built_fields(item, frame) if isinstance(item, ast.Call) else None
        return ("rec", *built) if built else self.expr(item, frame)

    def built_fields(self, call: ast.Call, frame: Frame) -> tuple | None:
        """`Chunk(frames, data)` of a program class whose constructor stores its parameters
        (`self.frames = frames`): ((".field", value), ...) of the object it builds, for the getter
        of the queue it is put on (`chunk.frames`)."""
        cls = self.uni.find(_dotted_name(call.func))
        init = cls.methods.get("__init__") if cls is not None and not cls.module else None
        if init is None or any(isinstance(a, ast.Starred) for a in call.args):
            return None
        params = [a.arg for a in init.args.args[1:]]
        given = dict(zip(params, call.args))
        given.update({k.arg: k.value for k in call.keywords if k.arg})
        out = []
        for st in init.body:
            if isinstance(st, ast.Assign) and len(st.targets) == 1 and isinstance(st.value, ast.Name) \
                    and st.value.id in given and isinstance(t := st.targets[0], ast.Attribute) \
                    and isinstance(t.value, ast.Name) and t.value.id == "self":
                out.append((f".{t.attr}", self.expr(given[st.value.id], frame)))   # not an expression's tag
        return tuple(out) or None

    def predicate(self, call: ast.Call, frame: Frame) -> tuple | None:
        """`cond.wait_for(lambda: self._ready)`: the predicate, which `wait_for` tests before it
        waits (and returns at once when it holds); one pass, as `while not ready: cond.wait()`."""
        fn = call.args[0] if call.args else next((k.value for k in call.keywords if k.arg == "predicate"), None)
        if isinstance(fn, ast.Lambda) and not fn.args.args and not fn.args.vararg:
            return self.expr(fn.body, frame)
        return None

    # ------------------------------------------------------------------ names and expressions
    def field_key(self, node: ast.expr, frame: Frame) -> str | None:
        """`self.x` -> `Cls.x`; `self.ctl.x` -> `Ctl.x` when ctl's class is known (one instance per class)."""
        if not isinstance(node, ast.Attribute):
            return None
        if isinstance(node.value, ast.Name) and node.value.id == "self":
            return f"{frame.cls.short}.{node.attr}"
        owner = self.receiver_class(node.value, frame)
        if owner is not None:
            return f"{owner.short}.{node.attr}"
        base = self.field_key(node.value, frame)
        return f"{base}.{node.attr}" if base else None

    def receiver_class(self, node: ast.expr, frame: Frame) -> ClassSrc | None:
        if isinstance(node, ast.Name) and node.id == "self":
            return frame.cls
        if isinstance(node, ast.Name):
            return frame.types.get(node.id)
        if isinstance(node, ast.Attribute):
            owner = self.receiver_class(node.value, frame)
            kind = owner.kinds.get(node.attr, "") if owner else ""
            if kind.startswith("object:"):
                return self.uni.find(kind[7:])
        if isinstance(node, (ast.Subscript, ast.Call)):      # `self.jobs[k].state = ...`
            return self.element_class(node, frame)
        return None

    def is_task(self, v: ast.expr | None, frame: Frame) -> bool:
        """`asyncio.create_task(...)`, `loop.create_task(...)`, `asyncio.ensure_future(...)`, or an
        element of a container (attribute or property) annotated with Task values."""
        if isinstance(v, ast.Call) and isinstance(v.func, (ast.Attribute, ast.Name)):
            name = v.func.attr if isinstance(v.func, ast.Attribute) else v.func.id
            if name in ("create_task", "ensure_future"):
                return True
        if self.kind(v, frame) == "task":  # `old = self._renewer`, a handle built by create_task
            return True
        name = self.element_name(v, frame)
        return bool(name) and name.split("[", 1)[0].rsplit(".", 1)[-1] in ("Task", "Future")

    def element_name(self, v: ast.expr | None, frame: Frame) -> str | None:
        """The annotated element type of `self.attr.get(k)` / `self.attr[k]` / ... (see element_class)."""
        if isinstance(v, ast.Await):
            v = v.value
        if isinstance(v, ast.Call) and isinstance(v.func, ast.Attribute) \
                and v.func.attr in ("get", "pop", "values", "popleft", "copy"):
            v = v.func.value
        elif isinstance(v, ast.Subscript):
            v = v.value
        if not isinstance(v, ast.Attribute):
            return None
        owner = self.receiver_class(v.value, frame)
        return owner.element_type(v.attr) if owner is not None else None

    def element_class(self, v: ast.expr | None, frame: Frame) -> ClassSrc | None:
        """The class of an element taken from an annotated container attribute:
        `self.jobs.get(k)`, `self.jobs[k]`, `self.jobs.pop(k)`, `self.jobs.values()`, `self.jobs`."""
        name = self.element_name(v, frame)
        cls = self.uni.find(name) if name else None
        return self.uni.concrete(cls) if cls is not None else None

    def kind(self, node: ast.expr, frame: Frame) -> str | None:
        if not isinstance(node, ast.Attribute):
            return None
        owner = self.receiver_class(node.value, frame)
        return owner.kinds.get(node.attr) if owner else None

    def lock_key(self, node: ast.expr, frame: Frame) -> str | None:
        if self.kind(node, frame) in ("lock", "rlock", "semaphore", "condition"):
            return self.lock_alias(self.field_key(node, frame), frame)
        return None

    def lock_alias(self, key: str, frame: Frame) -> str:
        """A Condition built on a lock is that lock (`with self._cond` takes `self._lock`)."""
        cls_short, attr = key.split(".", 1)
        cls = self.uni.find(cls_short) or frame.cls
        base = cls.lock_of.get(attr)
        return f"{cls_short}.{base}" if base else key

    def expr(self, n: ast.expr, frame: Frame) -> tuple:
        if isinstance(n, ast.Constant):
            return ("c", n.value) if isinstance(n.value, (int, float, str, bool, type(None))) else self.sym("const")
        if isinstance(n, ast.Name):
            if n.id in self.uni.consts:          # `self.state = CONNECTED`, `if n > MAX_RETRIES`
                return ("c", self.uni.consts[n.id])
            return ("l", self.local(n.id, frame))
        if isinstance(n, ast.Attribute):
            return self.attribute(n, frame)
        if isinstance(n, ast.BinOp) and type(n.op) in _BINOPS:
            return ("bin", _BINOPS[type(n.op)], self.expr(n.left, frame), self.expr(n.right, frame))
        if isinstance(n, ast.UnaryOp):
            inner = self.truth(n.operand, frame) if isinstance(n.op, ast.Not) else self.expr(n.operand, frame)
            return ("not", inner) if isinstance(n.op, ast.Not) else ("neg", inner) if isinstance(n.op, ast.USub) else inner
        if isinstance(n, ast.BoolOp):
            out = self.expr(n.values[0], frame)
            for v in n.values[1:]:
                out = ("and" if isinstance(n.op, ast.And) else "or", out, self.expr(v, frame))
            return out
        if isinstance(n, ast.Compare):
            return self.compare(n, frame)
        if isinstance(n, ast.IfExp):
            return ("ite", self.expr(n.test, frame), self.expr(n.body, frame), self.expr(n.orelse, frame))
        if isinstance(n, ast.Call):
            return self.call_expr(n, frame)
        if isinstance(n, ast.Subscript) and not isinstance(n.slice, ast.Slice) and self.uni.element_states:
            key = self.field_key(n.value, frame)
            if key in self.uni.element_states:
                return ("f", key)          # `self.jobs[k]`: the representative element's state
        if isinstance(n, ast.Tuple) and n.elts and not any(isinstance(e, ast.Starred) for e in n.elts):
            # `return self.index + 1, len(self.tracks)`: a caller that unpacks it gets each part
            # as it was read (`nxt, size = self._peek()`), not unknown values; a part holding
            # only unknown answers stays an unknown of its own (`("part", e, d)`, values.py)
            return ("tup", *(("part", self.expr(e, frame), self.sym("tuple")) for e in n.elts))
        return self.sym(type(n).__name__.lower())

    def truth(self, n: ast.expr, frame: Frame) -> tuple:
        """`n` as a condition: a container field is true when it holds items (`if not
        self.pending:` tests its length, which appends and pops move), not an unrelated value."""
        if isinstance(n, ast.BoolOp):
            out = self.truth(n.values[0], frame)
            for v in n.values[1:]:
                out = ("and" if isinstance(n.op, ast.And) else "or", out, self.truth(v, frame))
            return out
        if isinstance(n, ast.UnaryOp) and isinstance(n.op, ast.Not):
            return ("not", self.truth(n.operand, frame))
        if isinstance(n, ast.Attribute) and id(n) not in self.hoisted and self.kind(n, frame) == "container":
            key = self.field_key(n, frame)
            if key:
                return ("cmp", ">", ("f", key + "#len"), ("c", 0))
        return self.expr(n, frame)

    def attribute(self, n: ast.Attribute, frame: Frame) -> tuple:
        hit = self.hoisted.get(id(n))
        if hit is not None:
            return hit
        if isinstance(n.value, ast.Name) and n.value.id in self.uni.enums:
            return ("c", n.attr)
        if n.attr in ("value", "name") and isinstance(n.value, ast.Attribute) \
                and isinstance(n.value.value, ast.Name) and n.value.value.id in self.uni.enums:
            return ("c", n.value.attr)
        const = self.class_constant(n, frame)
        if const is not None:                # `self.state = self.IDLE`, `Player.IDLE`
            return ("c", const)
        key = self.field_key(n, frame)
        if key is None and isinstance(n.value, ast.Name) and n.value.id in frame.items:
            return ("attr", ("l", self.local(n.value.id, frame)), n.attr, self.sym(ast.unparse(n)))
        return ("f", key) if key else self.sym(ast.unparse(n))

    def class_constant(self, n: ast.Attribute, frame: Frame) -> Any:
        """The value of `self.X`, `cls.X` or `Cls.X` when X is a constant of the class body
        (`ClassSrc.consts`) or of a base's (`Universe.class_constant`), else None."""
        if not n.attr.isupper() or not isinstance(n.value, ast.Name):
            return None
        owner = frame.cls if n.value.id in ("self", "cls") else self.uni.find(n.value.id)
        if owner is None or owner.module:
            return None
        return self.uni.class_constant(owner, n.attr)

    def compare(self, n: ast.Compare, frame: Frame) -> tuple:
        out = None
        left = self.expr(n.left, frame)
        for op, right_node in zip(n.ops, n.comparators):
            right = self.expr(right_node, frame)
            if type(op) in _CMPOPS:
                part = ("cmp", _CMPOPS[type(op)], left, right)
            elif isinstance(op, (ast.In, ast.NotIn)) and isinstance(right_node, (ast.Tuple, ast.List, ast.Set)) \
                    and right_node.elts:
                part = self.membership(left, right_node, frame)
                part = ("not", part) if isinstance(op, ast.NotIn) else part
            elif isinstance(op, (ast.In, ast.NotIn)) and self.table_row(right_node) is not None:
                part = self.table_membership(left, *self.table_row(right_node), frame)
                part = ("not", part) if isinstance(op, ast.NotIn) else part
            else:
                part = self.sym("in")
            out = part if out is None else ("and", out, part)
            left = right
        return out

    def table_row(self, n: ast.expr) -> tuple | None:
        """`TABLE[k]` or `TABLE.get(k[, default])` over a constant transition table (see
        `Universe.tables`): (the table, the index expression)."""
        if isinstance(n, ast.Subscript) and isinstance(n.value, ast.Name) and n.value.id in self.uni.tables \
                and not isinstance(n.slice, ast.Slice):
            return self.uni.tables[n.value.id], n.slice
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "get" \
                and isinstance(n.func.value, ast.Name) and n.func.value.id in self.uni.tables \
                and 1 <= len(n.args) <= 2 and not n.keywords:
            return self.uni.tables[n.func.value.id], n.args[0]
        return None

    def table_membership(self, left: tuple, table: dict, index: ast.expr, frame: Frame) -> tuple:
        """`x in TABLE[k]`: some row `k == K and x in TABLE[K]` (false for a key not in the table;
        `TABLE[k]` raises there and `.get` answers its default, usually empty)."""
        at = self.expr(index, frame)
        out: tuple = ("c", False)
        for key, members in table.items():
            if not members:
                continue
            inside = None
            for m in members:
                eq = ("cmp", "==", left, ("c", m))
                inside = eq if inside is None else ("or", inside, eq)
            row = ("and", ("cmp", "==", at, ("c", key)), inside)
            out = row if out == ("c", False) else ("or", out, row)
        return out

    def membership(self, left: tuple, seq: ast.Tuple | ast.List | ast.Set, frame: Frame) -> tuple:
        """`x in (A, B)` over a literal: `x == A or x == B` (enum states are checked this way)."""
        out = None
        for elt in seq.elts:
            eq = ("cmp", "==", left, self.expr(elt, frame))
            out = eq if out is None else ("or", out, eq)
        return out

    def call_expr(self, n: ast.Call, frame: Frame) -> tuple:
        hit = self.hoisted.get(id(n))
        if hit is not None:
            return hit
        name = n.func.id if isinstance(n.func, ast.Name) else ""
        if name == "len" and n.args:
            key = self.field_key(n.args[0], frame)
            if key and self.kind(n.args[0], frame) in ("container", None):
                return ("f", key + "#len")
            arg = n.args[0]
            if isinstance(arg, ast.Name) and arg.id != "self" and arg.id not in self.uni.consts:
                return self.local_len(arg.id, frame, n)
        if isinstance(n.func, ast.Attribute) and n.func.attr == "get" and 1 <= len(n.args) <= 2 \
                and self.uni.element_states and self.field_key(n.func.value, frame) in self.uni.element_states:
            return ("f", self.field_key(n.func.value, frame))     # `self.jobs.get(k)`: the element's state
        self.touch(n, frame)
        if isinstance(n.func, ast.Attribute) and n.func.attr == "is_set" and self.kind(n.func.value, frame) == "event":
            return ("f", self.field_key(n.func.value, frame) + "#set")
        if isinstance(n.func, ast.Attribute) and n.func.attr in ("done", "cancelled") and not n.args \
                and isinstance(n.func.value, ast.Name) and n.func.value.id in frame.tasks:
            return ("taskdone",)       # whether the scenario's other tasks have finished (at run time)
        if name in ("min", "max") and len(n.args) == 2:
            return (name, self.expr(n.args[0], frame), self.expr(n.args[1], frame))
        if name in ("int", "float") and len(n.args) == 1:
            return self.expr(n.args[0], frame)
        return self.sym(ast.unparse(n.func), self.may_answer_none(n, frame))

    def may_answer_none(self, n: ast.Call, frame: Frame) -> bool:
        """A call that answers None when it finds nothing: `d.get(k)`, `d.pop(k, None)`,
        `getattr(o, name, None)`, `next(it, None)`, or a function or method of the program
        (not inlined here) annotated `Optional[...]` or with a `return None`."""
        func = n.func
        if isinstance(func, ast.Attribute) and func.attr in ("get", "pop"):
            return _none_default(n, func.attr)
        if isinstance(func, ast.Name) and func.id in ("getattr", "next"):
            default = _argument(n, 2 if func.id == "getattr" else 1, "default")
            return default is not None and _is_none(default)
        if isinstance(func, ast.Name):
            fn = self.uni.function(frame.path or frame.cls.path, func.id)
        else:
            target = self.receiver_class(func.value, frame) if isinstance(func, ast.Attribute) else None
            fn = target.methods.get(func.attr) if target is not None else None
        return fn is not None and _answers_none(fn)


def _empty_catcher(frame: Frame) -> Frame | None:
    """The frame whose innermost `try: ... except Empty:` a non-blocking get raising Empty lands
    in, when nothing is open in between (no `with` or `finally` whose exit the jump would skip):
    this frame's, or that of the caller a helper is inlined into (`try: cmd = self._poll()` over
    `return self._q.get(timeout=0.1)`)."""
    f: Frame | None = frame
    while f is not None:
        if f.empties and f.empties[-1][0] == len(f.cleanups):
            return f
        if f.cleanups or f.empties:
            return None
        f = f.outer
    return None


def _pending(chain: list[Frame]) -> int:
    """How many emitted jumps of these frames wait to be patched (returns, breaks, continues,
    `except Empty` landings): a cancellation path that adds one cannot be dropped for a copy."""
    return sum(len(f.returns) + sum(len(b) + len(c) for b, c in f.loops) + sum(len(g) for _, g in f.empties)
               for f in chain)


def _relocated(op: Op, start: int, end: int) -> tuple:
    """`op` of the ops [start, end) in a form that compares equal across copies of them: its
    targets inside the range made relative to `start`, fresh symbols without their number."""
    def target(v):
        return ("@", v - start) if isinstance(v, int) and not isinstance(v, bool) and start <= v <= end else v
    a, b, c = op.a, op.b, op.c
    if op.kind == "jump":
        a = target(a)
    elif op.kind == "branch":
        b = target(b)
    return (op.kind, _unnumbered(a), _unnumbered(b), _unnumbered(c), op.line, op.path, op.func, op.text, op.depth)


def _unnumbered(e):
    if isinstance(e, tuple):
        if len(e) == 2 and e[0] in ("sym", "opt") and isinstance(e[1], str):
            return (e[0], e[1].rsplit("#", 1)[0])
        return tuple(_unnumbered(x) for x in e)
    return e


def _yield_withs(stmts: list[ast.stmt], self_name: str, held: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Per `yield` of a generator body, the fields of `self_name` that the `with` blocks around it
    take, or that a `self._lock.acquire()` before it took and no `release()` gave back yet (`acquire()`
    then `try: yield` / `finally: self._lock.release()`, as extractor/lockhelpers.py reads them)."""
    out: list[tuple[str, ...]] = []
    _held_at_yields(stmts, self_name, held, out)
    return out


def _held_at_yields(stmts: list[ast.stmt], self_name: str, held: tuple[str, ...], out: list) -> tuple[str, ...]:
    """Append the fields held at each `yield` in `stmts` to `out`; return those held after them."""
    for st in stmts:
        if isinstance(st, (ast.With, ast.AsyncWith)):
            inner = held + tuple(i.context_expr.attr for i in st.items if isinstance(i.context_expr, ast.Attribute)
                                 and isinstance(i.context_expr.value, ast.Name) and i.context_expr.value.id == self_name)
            _held_at_yields(st.body, self_name, inner, out)
        elif isinstance(st, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        elif isinstance(st, ast.Try):
            held = _held_at_yields(st.body, self_name, held, out)
            for block in [h.body for h in st.handlers] + [st.orelse]:
                _held_at_yields(block, self_name, held, out)
            held = _held_at_yields(st.finalbody, self_name, held, out)
        elif (attr := _self_lock_call(st, self_name)) is not None:
            meth, name = attr
            held = held + (name,) if meth == "acquire" else tuple(h for h in held if h != name)
        elif any(isinstance(n, (ast.Yield, ast.YieldFrom)) for n in ast.walk(st)):
            nested = [b for f in ("body", "orelse") for b in [getattr(st, f, None)] if isinstance(b, list)]
            if nested and not isinstance(st, ast.Expr):
                for block in nested:        # a branch arm's acquisitions stay in the arm
                    _held_at_yields(block, self_name, held, out)
            else:
                out.append(held)
    return held


def _self_lock_call(st: ast.stmt, self_name: str) -> tuple[str, str] | None:
    """`self._lock.acquire()` (waiting, no arguments) or `self._lock.release()` as a statement:
    (the method, the field)."""
    call = st.value if isinstance(st, ast.Expr) else None
    if isinstance(call, ast.Await):
        call = call.value
    if isinstance(call, ast.Call) and not call.args and not call.keywords and isinstance(call.func, ast.Attribute) \
            and call.func.attr in ("acquire", "release") and isinstance(recv := call.func.value, ast.Attribute) \
            and isinstance(recv.value, ast.Name) and recv.value.id == self_name:
        return call.func.attr, recv.attr
    return None


def _dotted_name(func: ast.expr) -> str:
    """The called name: `gather` of `asyncio.gather` or of a bare `gather`."""
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def _argument(call: ast.Call, pos: int, name: str) -> ast.expr | None:
    """The argument at position `pos` or passed as `name=`, if given."""
    if len(call.args) > pos:
        return call.args[pos]
    return next((k.value for k in call.keywords if k.arg == name), None)


def _is_none(e: ast.expr) -> bool:
    return isinstance(e, ast.Constant) and e.value is None


def _none_default(call: ast.Call, meth: str) -> bool:
    """`d.get(k)`, `d.get(k, None)`, `d.pop(k, None)`: the answer for a missing key is None."""
    if not call.args:
        return False
    default = _argument(call, 1, "default")
    return default is None and meth == "get" or default is not None and _is_none(default)


def _answers_none(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """A function that may answer None: annotated `Optional[X]` / `X | None`, or a `return`
    without a value or with None on some path (its own body, not nested functions')."""
    if fn.returns is not None and any(_is_none(n) or isinstance(n, ast.Name) and n.id == "Optional"
                                      or isinstance(n, ast.Attribute) and n.attr == "Optional"
                                      for n in ast.walk(fn.returns)):
        return True
    return any(isinstance(n, ast.Return) and (n.value is None or _is_none(n.value)) for n in _own_nodes(fn.body))



def _strict_awaits(e: ast.expr, top: bool = False):
    """The awaits inside `e` that evaluating it always runs (in call arguments, displays, operands;
    not behind a short-circuit, in lambdas or comprehensions), outermost first; not `e` itself."""
    if isinstance(e, ast.Await) and not top:
        yield e
        return
    if isinstance(e, ast.Call):
        parts = [*e.args, *(k.value for k in e.keywords)] + ([e.func.value] if isinstance(e.func, ast.Attribute) else [])
    elif isinstance(e, ast.Dict):
        parts = [*(k for k in e.keys if k is not None), *e.values]
    elif isinstance(e, (ast.Tuple, ast.List, ast.Set)):
        parts = e.elts
    elif isinstance(e, ast.BinOp):
        parts = [e.left, e.right]
    elif isinstance(e, (ast.UnaryOp, ast.Starred)):
        parts = [e.operand if isinstance(e, ast.UnaryOp) else e.value]
    else:
        parts = []
    for part in parts:
        yield from _strict_awaits(part)


def _strict_calls(e: ast.expr):
    """The calls evaluating `e` always makes, innermost first (arguments before the call), and
    its attribute reads (a property's getter is a call too): not those behind a short-circuit (`and`/`or` after the first operand, an `if-else`'s arms),
    in lambdas or comprehensions, or awaited."""
    if isinstance(e, ast.Call):
        for a in (*e.args, *(k.value for k in e.keywords)):
            yield from _strict_calls(a.value if isinstance(a, ast.Starred) else a)
        if isinstance(e.func, ast.Attribute):
            yield from _strict_calls(e.func.value)
        yield e
    elif isinstance(e, ast.UnaryOp):
        yield from _strict_calls(e.operand)
    elif isinstance(e, ast.BinOp):
        yield from _strict_calls(e.left)
        yield from _strict_calls(e.right)
    elif isinstance(e, ast.BoolOp):
        yield from _strict_calls(e.values[0])
    elif isinstance(e, ast.IfExp):
        yield from _strict_calls(e.test)
    elif isinstance(e, ast.Compare):
        yield from _strict_calls(e.left)
        if e.comparators:
            yield from _strict_calls(e.comparators[0])
    elif isinstance(e, (ast.Tuple, ast.List)):
        for x in e.elts:
            yield from _strict_calls(x)
    elif isinstance(e, ast.Attribute) and isinstance(e.ctx, ast.Load):
        yield e                  # perhaps a property (Compiler.hoist_getter)


def compile_entries(uni: Universe, calls: list[tuple[ClassSrc, str]], is_async: bool = False,
                    passes: int = UNROLL) -> tuple[Op, ...]:
    """The ops of one thread running `calls` in order, ending with an `end` op. Kept on the universe:
    the relevance pass and the scenarios compile the same entries (compiling is deterministic).
    `passes`: of its command loops (`Compiler.command_loop`)."""
    key = (tuple((cls.qualname, method) for cls, method in calls), is_async) + ((passes,) if passes != UNROLL else ())
    hit = uni.compiled.get(key)
    if hit is None:
        comp = Compiler(uni, is_async, passes)
        for cls, method in calls:
            comp.entry(cls, method)
        comp.emit("end")
        hit = uni.compiled[key] = tuple(comp.ops)
    return hit


def compile_respawn(uni: Universe, spawner: ClassSrc, method: str, prefix: tuple[ast.stmt, ...],
                    calls: list[tuple[ClassSrc, str]], is_async: bool) -> tuple[Op, ...]:
    """The ops of a second copy of a spawned task: the spawner's guard clauses and stores
    (`prefix`, statements of `spawner.method`; spawn_start.respawn_prefix) run first, a guard's
    `return` ending the thread (no copy is started), then a switch (the task starts later), then
    `calls` as in `compile_entries`."""
    comp = Compiler(uni, is_async)
    fn = spawner.methods[method]
    frame = Frame(spawner, 0, f"{spawner.short}.{method}", active=(spawner.qualname + "." + method,),
                  path=getattr(fn, "interlock_path", ""))
    for arg in fn.args.args[1:] + fn.args.kwonlyargs:
        comp.emit("local", comp.local(arg.arg, frame), ("sym", f"{arg.arg}"), None, fn, frame)
    comp.type_params(fn, frame, skip_self=True)
    comp.body(list(prefix), frame)
    returns = list(frame.returns)
    if is_async:
        comp.emit("await", None, None, None, prefix[-1], frame)
    for cls, m in calls:
        comp.entry(cls, m)
    end = comp.emit("end")
    for idx in returns:
        comp.patch(idx, end)
    return tuple(comp.ops)


_BLOCKS = ("body", "orelse", "handlers", "finalbody", "cases")


def _first_line(node: ast.AST) -> str:
    """The first line of the node's source as `ast.unparse` writes it (at most 80 characters).
    Blocks are left out before unparsing (only the header shows), and the text is kept on the
    node: every scenario that inlines the method emits the same statements again."""
    text = getattr(node, "interlock_text", None)
    if text is None:
        shallow = node
        blocks = [b for b in _BLOCKS if isinstance(getattr(node, b, None), list) and getattr(node, b)]
        if blocks:                     # statement lists only (a lambda's or IfExp's body is an expression)
            shallow = copy.copy(node)
            for b in blocks:
                setattr(shallow, b, [ast.Pass()] if b == "body" else [])
        text = ast.unparse(shallow).split("\n")[0][:80]
        node.interlock_text = text
    return text


_EMPTY = {"Empty", "QueueEmpty", "Exception", "BaseException"}


def _catches_empty(handler: ast.ExceptHandler) -> bool:
    """`except Empty`, `except queue.Empty`, `except asyncio.QueueEmpty`, broader, or bare."""
    if handler.type is None:
        return True
    types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return any((t.id if isinstance(t, ast.Name) else t.attr if isinstance(t, ast.Attribute) else "") in _EMPTY
               for t in types)


def _sized_source(e: ast.expr | None) -> bool:
    """A right side whose length we can follow into a local: a slice, a concatenation, a copy,
    an elementwise array function (`np.tanh(x)`, `x.astype(...)`; `length_expr` decides)."""
    return isinstance(e, ast.BinOp) and isinstance(e.op, ast.Add) \
        or isinstance(e, ast.Subscript) and isinstance(e.slice, ast.Slice) \
        or isinstance(e, ast.Call) and isinstance(e.func, ast.Name) and e.func.id in ("list", "sorted") and len(e.args) == 1 \
        or isinstance(e, ast.Call) and isinstance(e.func, ast.Attribute) and bool(e.args) and e.func.attr in _ELEMENTWISE \
        or isinstance(e, ast.Call) and isinstance(e.func, ast.Attribute) and e.func.attr in _SAME_LENGTH


_EFFECTS = (ast.Call, ast.Await, ast.Yield, ast.YieldFrom, ast.NamedExpr, ast.Lambda,
            ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp, ast.IfExp)


def _is_value_choice(e: ast.IfExp) -> bool:
    """Both arms are values without effects (constants, names, attributes, `xs[i]`, `n + 1`):
    no call or effect runs twice."""
    return not any(isinstance(n, _EFFECTS) for x in (e.body, e.orelse) for n in ast.walk(x))


def _pattern_test(p: ast.pattern, subject: ast.expr) -> tuple:
    """(test, names bound) of a `case` pattern; test True when the pattern always matches."""
    if isinstance(p, ast.MatchValue):
        return ast.Compare(left=subject, ops=[ast.Eq()], comparators=[p.value]), []
    if isinstance(p, ast.MatchSingleton):
        return ast.Compare(left=subject, ops=[ast.Is()], comparators=[ast.Constant(value=p.value)]), []
    if isinstance(p, ast.MatchAs):
        test, binds = (True, []) if p.pattern is None else _pattern_test(p.pattern, subject)
        return test, binds + ([p.name] if p.name else [])
    if isinstance(p, ast.MatchOr):
        parts = [_pattern_test(alt, subject) for alt in p.patterns]
        if any(t is True for t, _ in parts):
            return True, parts[0][1]
        return ast.BoolOp(op=ast.Or(), values=[t for t, _ in parts]), parts[0][1]
    # a class, sequence, mapping or star pattern: an answer the model does not know
    return ast.Call(func=ast.Name(id="$pattern", ctx=ast.Load()), args=[], keywords=[]), []


def _has_call(e: ast.expr) -> bool:
    return any(isinstance(n, (ast.Call, ast.Await)) for n in ast.walk(e))


def _calls_in_arms(e: ast.IfExp) -> bool:
    """`t = self._table if self._table is not None else self._build()`: an arm runs a call, which
    must run on its own branch only (an `ite` of the two would drop the call's effects)."""
    return _has_call(e.body) or _has_call(e.orelse)


def _calls_behind_short_circuit(e: ast.expr) -> bool:
    """`a or self._load()`, `a and self._flush()`: a call after the first operand, which runs only
    when the operands before it leave the answer open."""
    return isinstance(e, ast.BoolOp) and any(_has_call(v) for v in e.values[1:])


def _short_circuit_as_branch(s: ast.Assign | ast.Return | ast.Expr, e: ast.BoolOp) -> list[ast.stmt]:
    """`t = a or b` as `t = a` / `if not t: t = b` (`and`: `if t:`), through a temporary name
    when the target is not a plain name (an attribute written once, the answer of a `return`);
    the rest of a longer chain (`a or b or c`) is the inner assignment's own short circuit."""
    rest = e.values[1] if len(e.values) == 2 else ast.copy_location(ast.BoolOp(op=e.op, values=e.values[1:]), e.values[1])
    if isinstance(s, ast.Expr):
        test = e.values[0] if isinstance(e.op, ast.And) else ast.UnaryOp(op=ast.Not(), operand=e.values[0])
        out = [ast.If(test=test, body=[ast.Expr(value=rest)], orelse=[])]
    else:
        direct = isinstance(s, ast.Assign) and len(s.targets) == 1 and isinstance(s.targets[0], ast.Name)
        name = s.targets[0].id if direct else f"$short{s.lineno}_{s.col_offset}"
        load = lambda: ast.Name(id=name, ctx=ast.Load())       # noqa: E731
        store = lambda: ast.Name(id=name, ctx=ast.Store())     # noqa: E731
        test = load() if isinstance(e.op, ast.And) else ast.UnaryOp(op=ast.Not(), operand=load())
        out = [ast.Assign(targets=[store()], value=e.values[0]),
               ast.If(test=test, body=[ast.Assign(targets=[store()], value=rest)], orelse=[])]
        if isinstance(s, ast.Return):
            out.append(ast.Return(value=load()))
        elif not direct:
            out.append(ast.Assign(targets=s.targets, value=load()))
    for node in out:
        ast.copy_location(node, s)
        ast.fix_missing_locations(node)
    return out


def _as_branch(s: ast.Assign | ast.Return, e: ast.IfExp) -> ast.If:
    """`t = a if c else b` as `if c: t = a` / `else: t = b`, at the statement's position
    (`return a if c else b` likewise: the caller's test of the answer follows the condition)."""
    if isinstance(s, ast.Return):
        arm = lambda v: ast.copy_location(ast.Return(value=v), s)   # noqa: E731
    else:
        arm = lambda v: ast.copy_location(ast.Assign(targets=s.targets, value=v), s)   # noqa: E731
    return ast.copy_location(ast.If(test=e.test, body=[arm(e.body)], orelse=[arm(e.orelse)]), s)
