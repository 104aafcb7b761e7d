"""What the compiler needs to know about the classes in a scenario: method asts and attribute kinds.

Built from the ProgramModel (kinds, types, method qualnames; method bodies re-parsed from the
source with `ast`, because local assignments that read no shared state are not extracted
events and the explorer must follow them, e.g. `pos = d` clamping) or, for tests, from source.
"""
from __future__ import annotations

import ast
import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from interlock.models.program import APP_ITEMS, APP_STATE, ProgramModel, is_unbounded_queue

FuncNode = ast.FunctionDef | ast.AsyncFunctionDef
_CTOR_KINDS = {
    "Lock": "lock", "RLock": "rlock", "Condition": "condition", "Semaphore": "semaphore",
    "BoundedSemaphore": "semaphore", "Event": "event", "Barrier": "barrier", "Queue": "queue", "LifoQueue": "queue",
    "PriorityQueue": "queue", "SimpleQueue": "queue", "Thread": "thread", "list": "container",
    "dict": "container", "set": "container", "deque": "container", "defaultdict": "container",
    "OrderedDict": "container",
}
#: calls that wrap a coroutine in a scheduled asyncio task
TASK_FACTORIES = ("create_task", "ensure_future")
_MODEL_KINDS = {
    "lock": "lock", "mp_lock": "lock", "rlock": "rlock", "condition": "condition",
    "semaphore": "semaphore", "event": "event", "queue": "queue", "thread": "thread", "barrier": "barrier",
    "container": "container", "async_lock": "lock", "async_event": "event", "async_queue": "queue",
    "async_condition": "condition", "async_semaphore": "semaphore",
}


@dataclass
class ClassSrc:
    short: str
    qualname: str
    path: str
    methods_: dict[str, FuncNode] = field(default_factory=dict)
    kinds_: dict[str, str] = field(default_factory=dict)       # attr -> lock|rlock|...|object:<qualname>
    lock_of_: dict[str, str] = field(default_factory=dict)     # condition attr -> its lock attr
    thread_targets_: dict[str, str] = field(default_factory=dict)   # thread attr -> target method
    #: thread_targets attrs holding asyncio tasks (`create_task(self.m())`, stored or appended):
    #: a handle of one is cancellable (`for t in self._workers: t.cancel()`)
    tasks_: set[str] = field(default_factory=set)
    bases: tuple[str, ...] = ()                                 # short names of in-scope ancestors
    elements_: dict[str, str] = field(default_factory=dict)     # container attr -> element class name
    bounded: set[str] = field(default_factory=set)              # queue attrs built with a maxsize
    unordered: set[str] = field(default_factory=set)            # LIFO and priority queues (not FIFO)
    #: values the class body gives its fields (`state: S = S.QUEUED` in a dataclass): what
    #: `self.state` reads before (or without) an `__init__` assignment
    defaults_: dict[str, ast.expr] = field(default_factory=dict)
    #: UPPER_CASE names the class body binds once to a literal and no method assigns
    #: (`IDLE, PLAYING = range(2)`): `self.IDLE` and `Player.IDLE` read that value
    consts_: dict[str, Any] = field(default_factory=dict)
    #: a module's pseudo-class (`Universe.modules`): its module-level functions as methods, and
    #: as kinds its global instances of the program's classes (`workshop = Workshop(20)`)
    module: bool = False
    #: fills the method asts and inferred kinds on first use: a scenario touches a few classes,
    #: and parsing every file of a large tree up front cost more than exploring it
    loader: Callable[[ClassSrc], None] | None = field(default=None, repr=False, compare=False)
    dispatch_: dict | None = field(default=None, repr=False, compare=False)

    def _loaded(self) -> ClassSrc:
        if self.loader is not None:
            load, self.loader = self.loader, None
            load(self)
        return self

    @property
    def methods(self) -> dict[str, FuncNode]:
        return self._loaded().methods_

    @property
    def kinds(self) -> dict[str, str]:
        return self._loaded().kinds_

    @property
    def lock_of(self) -> dict[str, str]:
        return self._loaded().lock_of_

    @property
    def thread_targets(self) -> dict[str, str]:
        return self._loaded().thread_targets_

    @property
    def tasks(self) -> set[str]:
        return self._loaded().tasks_

    @property
    def defaults(self) -> dict[str, ast.expr]:
        return self._loaded().defaults_

    @property
    def consts(self) -> dict[str, Any]:
        return self._loaded().consts_

    @property
    def elements(self) -> dict[str, str]:
        return self.elements_

    @property
    def dispatch(self) -> dict[str, tuple[tuple[ast.expr | None, str], ...]]:
        """Dispatch tables (`dispatch_tables`), computed on first use."""
        if self.dispatch_ is None:
            self.dispatch_ = dispatch_tables(self)
        return self.dispatch_

    def element_type(self, attr: str) -> str | None:
        """The element type name of a container attribute, or of a property returning one."""
        if attr in self.elements_:
            return self.elements_[attr]
        fn = self.methods.get(attr)
        if fn is not None and fn.returns is not None and any(_dotted(d).endswith("property") for d in fn.decorator_list):
            return _element_type(ast.unparse(fn.returns))
        return None


@dataclass
class Universe:
    classes: dict[str, ClassSrc] = field(default_factory=dict)  # qualname -> class
    enums: dict[str, tuple[str, ...]] = field(default_factory=dict)   # short enum name -> members
    #: module-level UPPER_CASE names bound once to an int/str literal (`CONNECTED = 2`): states
    #: and limits written as constants; a name two modules bind differently is left out
    consts: dict[str, Any] = field(default_factory=dict)
    #: module-level UPPER_CASE names bound once to a dict literal from enum members to sets of
    #: them (`ALLOWED = {S.A: frozenset({S.B}), ...}`): a transition table, member -> members
    tables: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)

    _names: dict = field(default_factory=dict, repr=False, compare=False)   # see _by_name
    _consts: dict = field(default_factory=dict, repr=False, compare=False)  # see class_constant
    compiled: dict = field(default_factory=dict, repr=False, compare=False)  # see compile_entries
    spawners: dict = field(default_factory=dict, repr=False, compare=False)  # see spawn_start._spawners
    #: (file, name as called there) -> a module-level function's ast, resolved through the model
    function_loader: Callable[[str, str], "FuncNode | None"] | None = field(default=None, repr=False,
                                                                            compare=False)

    #: module qualname -> its pseudo-class, for entries that are module-level functions (a route
    #: handler, a thread's target function); only modules with global instances of a class
    modules: dict[str, ClassSrc] = field(default_factory=dict)
    #: file path -> the names its imports bind to numpy (`import numpy as np`): `np.tanh(x)` has
    #: the length of `x` (see `Compiler.length_expr`)
    array_modules: dict[str, frozenset] = field(default_factory=dict)
    #: state-machine fields that are containers (`self.jobs[job_id] = JobState.RUNNING`): the spec's
    #: machine is followed by each value; the explorer tracks one representative element, read as
    #: `self.jobs[k]` / `self.jobs.get(k)` and written as `self.jobs[k] = v` (key -> initial state)
    element_states: dict[str, Any] = field(default_factory=dict)
    #: (path, text) of every file of the program, read on demand (reach.py: the writes of a field
    #: by name); None when unknown (no start value is then ruled out)
    sources: Callable[[], Iterable[tuple[str, str]]] | None = field(default=None, repr=False, compare=False)
    reach: dict = field(default_factory=dict, repr=False, compare=False)    # see reach.start_interval
    parsed: dict = field(default_factory=dict, repr=False, compare=False)   # path -> ast, for reach.py

    def function(self, path: str, name: str) -> FuncNode | None:
        """The top-level function `name` means in the file `path` (defined or imported there)."""
        return self.function_loader(path, name) if self.function_loader is not None else None

    def owner(self, name: str) -> ClassSrc | None:
        """The class (most derived, see `concrete`) or module pseudo-class an entry call names."""
        if name in self.modules:
            return self.modules[name]
        cls = self.find(name)
        return self.concrete(cls) if cls is not None else None

    def find(self, name: str) -> ClassSrc | None:
        if name in self.classes:
            return self.classes[name]
        hits = self._by_name().get(name, ())
        return hits[0] if len(hits) == 1 else None

    def _by_name(self) -> dict[str, list[ClassSrc]]:
        """Short name and every dotted suffix of the qualname -> classes (rebuilt when classes
        are added): `find` is called per call site, a scan of thousands of classes each time."""
        if self._names.get("size") != len(self.classes):
            index: dict[str, list[ClassSrc]] = {}
            for c in self.classes.values():
                parts = c.qualname.split(".")
                keys = dict.fromkeys([c.short] + [".".join(parts[i:]) for i in range(1, len(parts))])
                for key in keys:
                    index.setdefault(key, []).append(c)
            self._names.clear()
            self._names.update(size=len(self.classes), index=index)
        return self._names["index"]

    def class_constant(self, cls: ClassSrc, attr: str) -> Any:
        """`attr`'s value in `cls`'s body or the nearest base's that binds it as a constant
        (`ClassSrc.consts`); None when it is no constant there or a subclass binds it again (a
        `self.LIMIT` in the base's methods may read the subclass's)."""
        key = (cls.qualname, attr)
        if key in self._consts:
            return self._consts[key]
        value = None
        for c in (cls, *(self.find(b) for b in cls.bases)):
            if c is None:
                continue
            if attr in c.consts:
                value = c.consts[attr]
                subs = [o for o in self.classes.values() if c.short in o.bases and o is not c]
                if any(attr in o.defaults or o.consts.get(attr, value) != value for o in subs):
                    value = None
                break
            if attr in c.defaults:       # bound there, but to no constant
                break
        self._consts[key] = value
        return value

    def concrete(self, cls: ClassSrc) -> ClassSrc:
        """The one most-derived class that mixes `cls` in (a mixin's `self` is that class), else `cls`."""
        subs = [c for c in self.classes.values() if cls.short in c.bases]
        leaves = [c for c in subs if not any(c.short in o.bases for o in subs)]
        return leaves[0] if len(leaves) == 1 else cls


def _dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return ""


def _self_attr(node: ast.AST) -> str | None:
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self":
        return node.attr
    return None


def _infer_kinds(cls: ClassSrc, known: dict[str, str]) -> None:
    """Attribute kinds from `self.x = Ctor(...)` assignments (fills only what is missing)."""
    for fn in cls.methods.values():
        for node in ast.walk(fn):
            t = type(node)
            if t is not ast.Call and t is not ast.Assign and t is not ast.AnnAssign:
                continue                          # what follows looks at these three only
            if isinstance(node, ast.AnnAssign) and node.value is not None and _self_attr(node.target):
                attr = _self_attr(node.target)
                _note_value(cls, attr, node.value, known)
                element = _element_type(ast.unparse(node.annotation))
                if element and cls.kinds.get(attr) == "container":
                    cls.elements_.setdefault(attr, element)
                continue
            if _appended(node) is not None:       # `self._threads.append(Thread(target=self._loop))`
                _note_thread(cls, _appended(node), _built(fn, node.args[0]))
            if (job := submitted(node)) is not None:       # `fut = self._pool.submit(self._fill, k)`
                cls.thread_targets.setdefault(job_handle(job), job)
            if not isinstance(node, ast.Assign):
                continue
            for tgt in node.targets:
                attr = _self_attr(tgt)
                if attr is None:
                    continue
                _note_value(cls, attr, node.value, known)


def _note_value(cls: ClassSrc, attr: str, value: ast.AST, known: dict[str, str]) -> None:
    if isinstance(value, (ast.List, ast.Dict, ast.Set, ast.ListComp, ast.DictComp)):
        cls.kinds.setdefault(attr, "container")
        elements = value.elts if isinstance(value, ast.List) else [value.elt] if isinstance(value, ast.ListComp) else []
        for element in elements:          # a list of threads: `[Thread(target=self._loop) for _ in range(n)]`
            _note_thread(cls, attr, element)
        return
    if not isinstance(value, ast.Call):
        return
    name = _dotted(value.func).rsplit(".", 1)[-1]
    kind = _CTOR_KINDS.get(name) or (f"object:{known[name]}" if name in known else None)
    if kind and attr not in cls.kinds:
        cls.kinds[attr] = kind
    if _CTOR_KINDS.get(name) == "queue":
        size = value.args[0] if value.args else next((k.value for k in value.keywords if k.arg == "maxsize"), None)
        if is_bounded(_dotted(value.func), {"maxsize": ast.unparse(size) if size is not None else "0"}):
            cls.bounded.add(attr)
        if name in _UNORDERED:
            cls.unordered.add(attr)
    if name == "Condition" and value.args and _self_attr(value.args[0]):
        cls.lock_of.setdefault(attr, _self_attr(value.args[0]))
    _note_thread(cls, attr, value)


def submitted(node: ast.AST) -> str | None:
    """The method of `<executor>.submit(self.m, ...)`: the future it returns is that job's handle,
    and `future.result()` waits for the job to finish (a join)."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "submit" \
            and node.args:
        return _self_attr(node.args[0])
    return None


def job_handle(method: str) -> str:
    """The pseudo-attribute naming the handle of a job running `method` (`submit:_fill`)."""
    return f"submit:{method}"


def _note_thread(cls: ClassSrc, attr: str, value: ast.AST) -> None:
    """`Thread(target=self.m)` stored in `attr` (or as an element of it): joining it waits for `m`.
    Likewise a task running one of the class's coroutines, `create_task(self.m())` (or
    `ensure_future`): awaiting it waits for `m`, and `attr` is of kind "task" (cancellable)."""
    if not isinstance(value, ast.Call):
        return
    name = _dotted(value.func).rsplit(".", 1)[-1]
    if name == "Thread":
        for kw in value.keywords:
            if kw.arg == "target" and _self_attr(kw.value):
                cls.thread_targets.setdefault(attr, _self_attr(kw.value))
    elif name in TASK_FACTORIES and value.args and isinstance(value.args[0], ast.Call) \
            and _self_attr(value.args[0].func):
        cls.thread_targets.setdefault(attr, _self_attr(value.args[0].func))
        cls.tasks_.add(attr)
        if cls.kinds.get(attr) in (None, "task"):
            cls.kinds[attr] = "task"


def dispatch_tables(cls: ClassSrc) -> dict[str, tuple[tuple[ast.expr | None, str], ...]]:
    """Fields of the class that hold a table of its own bound methods, by key: field -> ((key
    node, method name), ...), the key None where it is not written as a literal. Built in the
    constructor (`self._h = {"add": self._on_add}`) or filled by any method (`self._h = {}`, then
    `self._h["add"] = self._on_add`, `self._h.update({...})`, or a registering method `def
    register(self, name, fn): self._h[name] = fn` called as `self.register("add", self._on_add)`).
    A field that is ever given anything else (a parameter from another caller, a lambda, another
    object's method) is no table: where a call through it lands is unknown."""
    methods = cls.methods
    arms: dict[str, list] = {}
    spoiled: set[str] = set()
    registers: dict[str, tuple[str, int, int]] = {}     # method -> (field, key param index, value param index)

    def own(value: ast.expr) -> str | None:
        attr = _self_attr(value)
        return attr if attr is not None and attr in methods else None

    def store(attr: str, key: ast.expr | None, value: ast.expr) -> None:
        m = own(value)
        if m is None:
            spoiled.add(attr)
        else:
            arms.setdefault(attr, []).append((key, m))

    for name, fn in methods.items():
        params = [a.arg for a in fn.args.args[1:]]
        for node in ast.walk(fn):
            if isinstance(node, ast.Assign) and len(node.targets) == 1:
                tgt = node.targets[0]
                if (attr := _self_attr(tgt)) is not None and isinstance(node.value, ast.Dict):
                    for k, v in zip(node.value.keys, node.value.values):
                        if k is None:
                            spoiled.add(attr)
                        else:
                            store(attr, k, v)
                    arms.setdefault(attr, [])
                elif (attr := _self_attr(tgt)) is not None:
                    if not (isinstance(node.value, ast.Call) and _dotted(node.value.func).rsplit(".", 1)[-1]
                            in ("dict", "OrderedDict") and not node.value.args and not node.value.keywords):
                        spoiled.add(attr)
                elif isinstance(tgt, ast.Subscript) and (attr := _self_attr(tgt.value)) is not None:
                    v = node.value
                    if isinstance(v, ast.Name) and v.id in params and isinstance(tgt.slice, ast.Name) \
                            and tgt.slice.id in params:
                        registers[name] = (attr, params.index(tgt.slice.id), params.index(v.id))
                    else:
                        store(attr, tgt.slice, v)
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and (attr := _self_attr(node.func.value)) is not None and node.func.attr == "update" \
                    and len(node.args) == 1 and isinstance(node.args[0], ast.Dict):
                for k, v in zip(node.args[0].keys, node.args[0].values):
                    store(attr, k, v) if k is not None else spoiled.add(attr)
    for fn in methods.values():
        for node in ast.walk(fn):
            if isinstance(node, ast.Call) and (m := own(node.func)) in registers and not node.keywords:
                attr, ki, vi = registers[m]
                if max(ki, vi) < len(node.args):
                    store(attr, node.args[ki], node.args[vi])
                else:
                    spoiled.add(attr)
    return {attr: tuple(dict.fromkeys((k if _literal_key(k) else None, m) for k, m in found))
            for attr, found in arms.items() if found and attr not in spoiled}


def _literal_key(node: ast.expr | None) -> bool:
    """A key the compiler can compare with: a constant, a (dotted) name such as an enum member."""
    return isinstance(node, ast.Constant) or isinstance(node, (ast.Name, ast.Attribute)) and bool(_dotted(node))


def _appended(node: ast.AST) -> str | None:
    """The attribute of `self.<attr>.append(x)`."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "append" \
            and len(node.args) == 1:
        return _self_attr(node.func.value)
    return None


def _built(fn: FuncNode, value: ast.expr) -> ast.expr:
    """`value`, or for a local name the value this function assigns to it (`t = Thread(...)`)."""
    if isinstance(value, ast.Name):
        for node in ast.walk(fn):
            if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == value.id for t in node.targets):
                return node.value
    return value


def _class_nodes(tree: ast.Module) -> list[ast.ClassDef]:
    return [n for n in statements(tree) if isinstance(n, ast.ClassDef)]


_BLOCKS = (ast.stmt, ast.excepthandler, ast.match_case)


def statements(node: ast.AST) -> list[ast.AST]:
    """`node` and the statements below it (with the `except` clauses and `case`s that hold
    some), in `ast.walk` order: what `ast.walk` yields of them, without walking the expressions
    (no statement is inside one), a fraction of the nodes."""
    out = [node]
    i = 0
    while i < len(out):
        n = out[i]
        i += 1
        for name in n._fields:
            value = getattr(n, name, None)
            if type(value) is list and value and isinstance(value[0], _BLOCKS):
                out.extend(value)
    return out


def class_defaults(node: ast.ClassDef) -> dict[str, ast.expr]:
    """`name: T = v` and `name = v` in the class body (not `ClassVar`s): the fields' first values."""
    out: dict[str, ast.expr] = {}
    for st in node.body:
        if isinstance(st, ast.AnnAssign) and isinstance(st.target, ast.Name) and st.value is not None \
                and "ClassVar" not in ast.unparse(st.annotation):
            out[st.target.id] = st.value
        elif isinstance(st, ast.Assign) and len(st.targets) == 1 and isinstance(st.targets[0], ast.Name):
            out[st.targets[0].id] = st.value
    return out


def class_constants(node: ast.ClassDef) -> dict[str, Any]:
    """The class body's constants (`_constants`), less the names a method of the class assigns
    through an attribute (`self.LIMIT = n`: a field after all)."""
    bound: dict[str, list[str]] = {}
    for st in node.body:
        if isinstance(st, ast.Assign) and len(st.targets) == 1:
            for name, src in bindings(st.targets[0], st.value):
                bound.setdefault(name, []).append(src)
    stored = {t.attr for n in statements(node) if isinstance(n, (ast.Assign, ast.AugAssign, ast.AnnAssign))
              for t in (n.targets if isinstance(n, ast.Assign) else [n.target]) if isinstance(t, ast.Attribute)}
    return {k: v for k, v in _constants(bound).items() if k not in stored}


def bindings(target: ast.expr, value: ast.expr) -> list[tuple[str, str]]:
    """(name, value source) of an assignment's names: `X = v`; `OPEN, CLOSED = "open", "closed"`
    element by element; `IDLE, BUSY, DONE = range(3)` number by number."""
    if isinstance(target, ast.Name):
        return [(target.id, ast.unparse(value))]
    if not isinstance(target, (ast.Tuple, ast.List)):
        return []
    if isinstance(value, (ast.Tuple, ast.List)) and len(target.elts) == len(value.elts):
        return [(t.id, ast.unparse(v)) for t, v in zip(target.elts, value.elts) if isinstance(t, ast.Name)]
    numbers = range_values(value)
    if numbers is not None and len(numbers) == len(target.elts):
        return [(t.id, str(i)) for t, i in zip(target.elts, numbers) if isinstance(t, ast.Name)]
    return []


def range_values(value: ast.expr) -> list[int] | None:
    """The numbers of `range(...)` over int literals (at most 64 of them), else None."""
    if not (isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "range"
            and 1 <= len(value.args) <= 3 and not value.keywords):
        return None
    try:
        bounds = [ast.literal_eval(a) for a in value.args]
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return None
    if not all(type(b) is int for b in bounds) or (len(bounds) == 3 and bounds[2] == 0):
        return None
    numbers = list(range(*bounds))
    return numbers if len(numbers) <= 64 else None


def _class_node(path: str, name: str, line: int, root: Path, files: dict) -> ast.ClassDef | None:
    """The class `name` defined nearest to `line` in the file at `path`."""
    hits = _file_nodes(path, root, files).classes.get(name, ())
    return min(hits, key=lambda n: abs(n.lineno - line)) if hits else None


def _is_enum(node: ast.ClassDef) -> bool:
    return any(_dotted(b).rsplit(".", 1)[-1] in ("Enum", "IntEnum", "StrEnum", "Flag") for b in node.bases)


def _enum_members(node: ast.ClassDef) -> tuple[str, ...]:
    return tuple(t.id for s in node.body if isinstance(s, ast.Assign) for t in s.targets if isinstance(t, ast.Name))


def universe_from_source(src: str, path: str = "mod.py", module: str = "mod") -> Universe:
    """A universe for one source file (tests, micro cases): kinds inferred from constructors."""
    return universe_from_sources([(path, module, src)])


def universe_from_sources(files: list[tuple[str, str, str]]) -> Universe:
    """A universe for (path, module, source) files; bases and methods merged by short class name."""
    uni = Universe()
    nodes: list[tuple[str, str, ast.ClassDef]] = []
    functions: dict[str, FuncNode] = {}
    bound: dict[str, list] = {}
    for path, module, src in files:
        tree = ast.parse(src)
        nodes += [(path, module, n) for n in _class_nodes(tree)]
        for st in tree.body:
            if isinstance(st, ast.Assign) and len(st.targets) == 1:
                for name, src in bindings(st.targets[0], st.value):   # `OPEN, CLOSED = "open", "closed"`
                    bound.setdefault(name, []).append(src)
        for f in tree.body:
            if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef)):
                f.interlock_path = path
                functions.setdefault(f.name, f)
    uni.function_loader = lambda path, name: functions.get(name)
    uni.sources = lambda: [(path, src) for path, _, src in files]
    uni.consts = _constants(bound)
    known = {n.name: f"{m}.{n.name}" for _, m, n in nodes if not _is_enum(n)}
    for path, module, node in nodes:
        if _is_enum(node):
            uni.enums[node.name] = _enum_members(node)
            continue
        cls = ClassSrc(node.name, f"{module}.{node.name}", path,
                       {_method_key(f): f for f in node.body if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))},
                       bases=tuple(_dotted(b).rsplit(".", 1)[-1] for b in node.bases),
                       defaults_=class_defaults(node), consts_=class_constants(node))
        uni.classes[cls.qualname] = cls
    uni.tables = _tables(bound, uni.enums)
    for cls in uni.classes.values():
        _inherit(uni, cls, cls.bases)
    for cls in uni.classes.values():
        _infer_kinds(cls, known)
    for path, module, src in files:
        _source_singletons(uni, path, module, ast.parse(src))
    return uni


def _method_key(f: FuncNode) -> str:
    """A method's name in `ClassSrc.methods`: a property's setter is `name<setter>`, as the model names it."""
    setter = any(isinstance(d, ast.Attribute) and d.attr == "setter" for d in f.decorator_list)
    return f"{f.name}<setter>" if setter else f.name


def _source_singletons(uni: Universe, path: str, module: str, tree: ast.Module) -> None:
    """The module pseudo-class (see `_module_singletons`) of one source file."""
    kinds = {}
    for st in tree.body:
        if isinstance(st, ast.Assign) and len(st.targets) == 1 and isinstance(st.targets[0], ast.Name) \
                and isinstance(st.value, ast.Call) and (cls := uni.find(_dotted(st.value.func))) is not None:
            kinds[st.targets[0].id] = f"object:{cls.qualname}"
    functions = {f.name: f for f in tree.body if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))}
    if kinds and functions:
        uni.modules[module] = ClassSrc(module, module, path, functions, kinds, module=True)


def _constants(bound: dict[str, list[str]]) -> dict[str, Any]:
    """UPPER_CASE names each bound once, all to one int/float/bool/str literal (sources as written),
    or to a sentinel `object()` (a value of its own, which only the name itself is: `item is
    _DONE` holds for the item a producer put as `_DONE`)."""
    out: dict[str, Any] = {}
    for name, values in bound.items():
        if not name.isupper() or len(values) != 1:
            continue
        if values[0].replace(" ", "") in ("object()", "builtins.object()"):
            out[name] = f"<sentinel {name}>"
            continue
        try:
            value = ast.literal_eval(values[0])
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            continue
        if type(value) in (int, float, bool, str):
            out[name] = value
    return out


def _tables(bound: dict[str, list[str]], enums: dict[str, tuple[str, ...]]) -> dict[str, dict[str, tuple[str, ...]]]:
    """UPPER_CASE names bound once to a dict literal whose keys are enum members and whose
    values are set/frozenset/tuple/list literals of enum members (sources as written)."""
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for name, values in bound.items():
        if not name.isupper() or len(values) != 1 or not values[0].lstrip().startswith("{"):
            continue
        try:
            node = ast.parse(values[0], mode="eval").body
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        if not isinstance(node, ast.Dict) or not node.keys:
            continue
        table: dict[str, tuple[str, ...]] = {}
        for key, value in zip(node.keys, node.values):
            member = _member(key, enums)
            members = _members(value, enums)
            if member is None or members is None or member in table:
                table = {}
                break
            table[member] = members
        if table:
            out[name] = table
    return out


def _table_sources(model: ProgramModel, root: Path, bound: dict[str, list[str]]) -> dict[str, list[str]]:
    """The dict literals of UPPER_CASE module names bound once, whole from their files (the
    model keeps a long literal's outline only)."""
    out: dict[str, list[str]] = {}
    for mod in model.modules.values():
        names = [n for n, g in mod.globals.items() if n.isupper() and len(bound.get(n, ())) == 1
                 and (g.value or "").startswith("{")]
        if not names:
            continue
        try:
            tree = ast.parse((root / mod.path).read_text(encoding="utf-8", errors="replace"))
        except (OSError, SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        for st in tree.body:
            target = st.targets[0] if isinstance(st, ast.Assign) and len(st.targets) == 1 \
                else st.target if isinstance(st, ast.AnnAssign) and st.value is not None else None
            if isinstance(target, ast.Name) and target.id in names and isinstance(st.value, ast.Dict):
                out[target.id] = [ast.unparse(st.value)]
    return out


def _member(node: ast.expr | None, enums: dict[str, tuple[str, ...]]) -> str | None:
    """`State.READY` -> "READY" when `State` is an enum with that member."""
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
            and node.attr in enums.get(node.value.id, ()):
        return node.attr
    return None


def _members(node: ast.expr, enums: dict[str, tuple[str, ...]]) -> tuple[str, ...] | None:
    """`{A, B}`, `(A, B)`, `[A]`, `frozenset({A, B})`, `set()`, `frozenset()` over enum members."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("set", "frozenset") \
            and not node.keywords and len(node.args) <= 1:
        return _members(node.args[0], enums) if node.args else ()
    if not isinstance(node, (ast.Set, ast.Tuple, ast.List)):
        return None
    found = tuple(_member(e, enums) for e in node.elts)
    return None if None in found else tuple(dict.fromkeys(found))


def _inherit(uni: Universe, cls: ClassSrc, bases: tuple[str, ...]) -> None:
    for base in bases:
        parent = uni.find(base)
        if parent is None or parent is cls:
            continue
        cls.bases = tuple(dict.fromkeys(cls.bases + parent.bases))
        for name, node in parent.methods.items():
            cls.methods.setdefault(name, node)
        _inherit(uni, cls, parent.bases)


def universe_from_model(model: ProgramModel, root: Path) -> Universe:
    """A universe for every class of the model whose source can be read under `root`."""
    uni = Universe()
    trees: dict[str, _FileNodes] = {}         # one parse and one walk per file (classes and functions)
    known: dict[str, str] = {}

    def load(cls: ClassSrc) -> None:          # methods from the (shared) file parses, then kinds
        info = model.classes[cls.qualname]
        node = _class_node(info.path, info.name, info.loc.line, root, trees)
        cls.defaults_ = class_defaults(node) if node is not None else {}
        cls.consts_ = class_constants(node) if node is not None else {}
        for name, qual in info.methods.items():
            fn = model.functions.get(qual)
            node = _method_node(fn, root, trees) if fn else None
            if node is not None:
                cls.methods_[name] = node
        _infer_kinds(cls, known)

    for info in model.classes.values():
        if info.is_enum:
            uni.enums[info.name] = tuple(info.enum_members)
    bound: dict[str, list] = {}
    for mod in model.modules.values():
        for name, g in mod.globals.items() if mod.name not in (APP_STATE, APP_ITEMS) else ():
            bound.setdefault(name, []).extend([g.value or ""] * max(1, len(g.writes)))
    uni.consts = _constants(bound)
    uni.tables = _tables(_table_sources(model, root, bound), uni.enums)
    for mod in model.modules.values():
        names = frozenset(n for n, target in mod.imports.items() if target == "numpy")
        if names:
            uni.array_modules[mod.path] = names
    for info in model.classes.values():
        if info.is_enum:
            continue
        cls = ClassSrc(info.name, info.qualname, info.path,
                       bases=tuple(a.rsplit(".", 1)[-1] for a in info.ancestors[1:]), loader=load)
        for name, attr in info.attributes.items():
            kind = _MODEL_KINDS.get(attr.kind.value)
            if attr.kind.value == "object" and attr.type_name:
                kind = f"object:{attr.type_name}"
            if kind:
                cls.kinds_[name] = kind
            if attr.lock_of and attr.lock_of.startswith("self."):
                cls.lock_of_[name] = attr.lock_of[5:]
            if kind == "queue" and is_bounded(attr.type_name, attr.call_kwargs):
                cls.bounded.add(name)
            if kind == "queue" and (attr.type_name or "").rsplit(".", 1)[-1] in _UNORDERED:
                cls.unordered.add(name)
            element = _element_type(attr.annotation) if attr.kind.value == "container" else None
            if element:
                cls.elements_[name] = element
        uni.classes[info.qualname] = cls
    known.update({c.short: c.qualname for c in uni.classes.values()})
    by_path = {m.path: m for m in model.modules.values()}
    found: dict[tuple[str, str], FuncNode | None] = {}

    def function(path: str, name: str) -> FuncNode | None:
        if (path, name) not in found:
            node = None
            mod = by_path.get(path)
            for qual in (_candidates(mod, name) if mod is not None else ()):
                fn = model.functions.get(qual)
                if fn is not None and fn.cls is None and qual == f"{fn.module}.{fn.name}":
                    node = _method_node(fn, root, trees)
                    break
            found[(path, name)] = node
        return found[(path, name)]

    uni.function_loader = function
    paths = sorted({m.path for m in model.modules.values() if m.name not in (APP_STATE, APP_ITEMS)})

    def sources():
        for path in paths:
            try:
                yield path, (root / path).read_text(encoding="utf-8", errors="replace")
            except OSError:
                yield path, None          # unread: its writes are unknown
    uni.sources = sources
    _module_singletons(model, uni, function)
    return uni


def _module_singletons(model: ProgramModel, uni: Universe, function: Callable[[str, str], FuncNode | None]) -> None:
    """A pseudo-class per module that holds global instances of the program's classes: its
    module-level functions run as entries (a route `await workshop.register()`), and the global
    names are typed (`workshop.booked` is `Workshop.booked`, one instance per class)."""
    by_module: dict[str, list] = {}
    for fn in model.functions.values():
        if fn.cls is None and fn.qualname == f"{fn.module}.{fn.name}":
            by_module.setdefault(fn.module, []).append(fn.name)
    for mod in model.modules.values():
        kinds = {name: f"object:{g.type_name}" for name, g in mod.globals.items()
                 if g.kind.value == "object" and g.type_name in uni.classes and not uni.classes[g.type_name].module}
        if kinds or any(g.kind.value in _MODEL_KINDS for g in mod.globals.values()):
            # module-level locks, events, queues of the module's functions (`done.wait()`)
            kinds.update({name: _MODEL_KINDS[g.kind.value] for name, g in mod.globals.items()
                          if g.kind.value in _MODEL_KINDS and name not in kinds})
        if not kinds or not by_module.get(mod.name):
            continue

        primitives = frozenset(n for n, k in kinds.items() if not k.startswith("object:"))

        def load(cls: ClassSrc, path=mod.path, names=tuple(by_module[mod.name]), primitives=primitives) -> None:
            for name in names:
                node = function(path, name)
                if node is not None:
                    cls.methods_[name] = _globals_on_self(node, primitives)
        uni.modules[mod.name] = ClassSrc(mod.name, mod.name, mod.path, kinds_=kinds, module=True, loader=load)


def _globals_on_self(fn: FuncNode, names: frozenset[str]) -> FuncNode:
    """A module function whose code names module-level primitives (`done.wait()`, `with LOCK:`)
    as fields of the module's pseudo-object (`self.done`), as a method names its own: a copy;
    names the function binds itself (a parameter, a local) stay locals."""
    if not names:
        return fn
    bound = {a.arg for a in (*fn.args.posonlyargs, *fn.args.args, *fn.args.kwonlyargs)}
    bound |= {a.arg for a in (fn.args.vararg, fn.args.kwarg) if a is not None}
    stored, declared, named = set(), set(), set()      # one walk for the three sets
    for n in ast.walk(fn):
        t = type(n)
        if t is ast.Name:
            named.add(n.id)
            if isinstance(n.ctx, (ast.Store, ast.Del)):
                stored.add(n.id)
        elif t is ast.Global:
            declared.update(n.names)
    bound |= stored
    bound -= declared
    used = (names - bound) & named
    if not used or "self" in bound:
        return fn

    class OnSelf(ast.NodeTransformer):
        def visit_Name(self, node: ast.Name) -> ast.AST:
            if node.id in used and isinstance(node.ctx, ast.Load):
                return ast.copy_location(ast.Attribute(ast.Name("self", ast.Load()), node.id, ast.Load()), node)
            return node

    out = OnSelf().visit(copy.deepcopy(fn))
    ast.fix_missing_locations(out)
    out.interlock_path = getattr(fn, "interlock_path", "")
    return out


#: queues that do not hand items over in the order they were put
_UNORDERED = frozenset({"LifoQueue", "PriorityQueue"})


def is_bounded(type_name: str | None, call_kwargs: dict[str, str]) -> bool:
    """A queue built here with a bound (`Queue(maxsize=n)`, `Queue(8)`): its blocking `put` waits
    for room. A queue handed in, of unknown bound, is not assumed full: the explorer proves."""
    return "maxsize" in call_kwargs and not is_unbounded_queue(type_name, call_kwargs)


def _candidates(mod, name: str) -> list[str]:
    """Qualnames `name` may mean in module `mod`: its own function, the imported one, and the
    imported one under the module's ancestors as source roots (`core.x.f` imported in
    `app.backend.core.y` when `app/backend` is on sys.path)."""
    out = [f"{mod.name}.{name}"]
    target = mod.imports.get(name)
    if target:
        parts = mod.name.split(".")
        out += [target] + [f"{'.'.join(parts[:i])}.{target}" for i in range(len(parts) - 1, 0, -1)]
    return out


def _element_type(annotation: str | None) -> str | None:
    """`dict[str, Job]` / `list[Job]` / `deque[Job]` -> `Job` (the last type argument, by name)."""
    if not annotation:
        return None
    try:
        node = ast.parse(annotation, mode="eval").body
    except SyntaxError:
        return None
    if not isinstance(node, ast.Subscript):
        return None
    arg = node.slice.elts[-1] if isinstance(node.slice, ast.Tuple) and node.slice.elts else node.slice
    if isinstance(arg, ast.Subscript):         # `asyncio.Task[None]`: the generic's name
        arg = arg.value
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return arg.value
    return arg.id if isinstance(arg, ast.Name) else arg.attr if isinstance(arg, ast.Attribute) else None


def _method_node(fn, root: Path, trees: dict) -> FuncNode | None:
    for node in _file_nodes(fn.path, root, trees).functions.get(fn.name.split("<", 1)[0], ()):      # `phase<setter>` is a `def phase`
        first = min([node.lineno] + [d.lineno for d in node.decorator_list])
        if first <= fn.loc.line <= (node.end_lineno or node.lineno):
            node.interlock_path = fn.path          # where the code is (a mixin's file)
            return node
    return None


@dataclass
class _FileNodes:
    """A file's class and function nodes by name, each list in `ast.walk` order."""

    classes: dict[str, list[ast.ClassDef]]
    functions: dict[str, list[FuncNode]]


def _file_nodes(path: str, root: Path, files: dict[str, _FileNodes]) -> _FileNodes:
    """The nodes of the file at `root / path`: parsed and walked once per file, not per class or method."""
    got = files.get(path)
    if got is None:
        got = files[path] = _walk_file(root / path)
    return got


def _walk_file(path: Path) -> _FileNodes:
    out = _FileNodes({}, {})
    try:
        tree = ast.parse(path.read_text(encoding="utf-8", errors="replace"))
    except (OSError, SyntaxError, ValueError, RecursionError, MemoryError):
        return out
    for node in statements(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            out.functions.setdefault(node.name, []).append(node)
        elif isinstance(node, ast.ClassDef):
            out.classes.setdefault(node.name, []).append(node)
    return out
