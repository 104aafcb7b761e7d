"""Attribute facts: kinds from constructors and annotations, and the class pre-pass.

Before events are walked, every `self.x = ...`/class-level assignment of a class is scanned at
statement level (cheap) so `self._cond.wait()` knows `_cond` is a Condition wherever `__init__`
sits in the file. Module globals get the same treatment.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from interlock.extractor import catalogue as cat
from interlock.extractor.cstwalk import findall, leaves, visit
from interlock.extractor.imports import dotted
from interlock.extractor.scope import FileScope
from interlock.models.location import Location
from interlock.models.program import LOCK_KINDS, AttributeInfo, AttrKind
from interlock.extractor.records import construct

CONTAINER_NODES = (cst.List, cst.Dict, cst.Set, cst.ListComp, cst.DictComp, cst.SetComp)
CONTAINERS = leaves(*CONTAINER_NODES)
_WRAPPERS = ("typing.Optional", "Optional", "typing.ClassVar", "ClassVar", "typing.Final", "Final",
             "typing.Annotated", "Annotated")


@dataclass
class ValueFacts:
    kind: AttrKind = AttrKind.OTHER
    type_name: str | None = None
    lock_of: str | None = None
    call_kwargs: dict[str, str] = field(default_factory=dict)


def simple_path(node: cst.BaseExpression) -> str | None:
    """`self._lock` / `lock` for a Name/Attribute chain, `self` normalised; else None."""
    return dotted(node)


def value_facts(scope: FileScope, node: cst.BaseExpression | None, local_kinds: dict | None = None) -> ValueFacts:
    """Kind, type and constructor details of an assigned value."""
    if node is None:
        return ValueFacts()
    if type(node) in CONTAINERS:
        return ValueFacts(AttrKind.CONTAINER)
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Multiply):
        if isinstance(node.left, cst.List) or isinstance(node.right, cst.List):
            return ValueFacts(AttrKind.CONTAINER)
    if isinstance(node, cst.Call):
        return _call_facts(scope, node, local_kinds)
    if isinstance(node, cst.BooleanOperation) and isinstance(node.operator, cst.Or) \
            and isinstance(node.left, (cst.Name, cst.Attribute)):
        # `lock or threading.RLock()`: the lock handed in, else a new one; a lock either way
        fallback = value_facts(scope, node.right, local_kinds)
        if fallback.kind in LOCK_KINDS:
            return fallback
    if isinstance(node, cst.IfExp):
        # `Matcher(cfg) if cfg.enabled else None`: the object it holds when it holds one
        built = [value_facts(scope, branch, local_kinds) for branch in (node.body, node.orelse)
                 if not (isinstance(branch, cst.Name) and branch.value == "None")]
        if len(built) == 1 or (len(built) == 2 and built[0] == built[1]):
            return built[0]
    return ValueFacts()


def offloaded_call(scope: FileScope, node: cst.BaseExpression) -> cst.BaseExpression:
    """`await asyncio.to_thread(Cls, a)` / `await loop.run_in_executor(ex, Cls, a)` stand for the
    call `Cls(a)` made on a worker thread: the awaited value is what that call returns
    (tests/corpus/il101_public_sync_method_of_async_class). Any other node comes back as it is."""
    call = node.expression if isinstance(node, cst.Await) else None
    if not isinstance(call, cst.Call) or any(a.star for a in call.args):
        return node
    if isinstance(call.func, cst.Attribute) and call.func.attr.value == "run_in_executor":
        skip = 2
    elif scope.imports.resolve(dotted(call.func) or "") == "asyncio.to_thread":
        skip = 1
    else:
        return node
    positional = [a for a in call.args if a.keyword is None]
    if len(positional) < skip:
        return node
    taken = {id(a) for a in positional[:skip]}
    rest = [a for a in call.args if id(a) not in taken]
    return cst.Call(func=positional[skip - 1].value, args=rest)


def _call_facts(scope: FileScope, node: cst.Call, local_kinds: dict | None) -> ValueFacts:
    if isinstance(node.func, cst.Subscript) and dotted(node.func.value) is not None:
        # `PendingQueue[str](100)`: a generic class built with its type argument is that class
        # (tests/corpus/il102_generic_class_built_with_type_argument)
        node = node.with_changes(func=node.func.value)
    if isinstance(node.func, cst.Call):          # sessionmaker(bind=engine)()
        inner = _call_facts(scope, node.func, local_kinds)
        return ValueFacts(cat.CALL_RESULT_KINDS.get(inner.kind, AttrKind.OTHER), inner.type_name)
    if isinstance(node.func, cst.Attribute) and node.func.attr.value in cat.FACTORY_METHODS:
        return ValueFacts(cat.FACTORY_METHODS[node.func.attr.value])
    name = dotted(node.func)
    if name is None:
        return ValueFacts()
    callee = scope.qualify(name) if name in scope.module_defs else scope.imports.resolve(name)
    kwargs = {a.keyword.value: scope.code(a.value) for a in node.args if a.keyword is not None}
    if callee in ("dataclasses.field", "field", "attr.ib", "attrs.field") and "default_factory" in kwargs:
        factory = next(a.value for a in node.args if a.keyword is not None and a.keyword.value == "default_factory")
        ref = dotted(factory)
        callee = scope.imports.resolve(ref) if ref else callee
        kwargs = {}
    kind = cat.CONSTRUCTORS.get(callee) or _context_factory(scope, name)
    if kind is None and name in scope.module_defs and (made := _engine_maker(scope, name)) is not None:
        return made
    if kind is None and "." in name and name.rsplit(".", 1)[1] in cat.ARRAY_METHODS:
        kind = AttrKind.ARRAY
    if kind is None:
        kind = _kind_of_factory(scope, name, local_kinds) or _made_lock(scope, name)
    if kind in (AttrKind.QUEUE, AttrKind.ASYNC_QUEUE):     # Queue(maxsize=0, ...): built here, bound known
        first = node.args[0] if node.args and node.args[0].keyword is None else None
        kwargs.setdefault("maxsize", scope.code(first.value) if first is not None else "0")
    if kind is AttrKind.EXECUTOR and node.args and node.args[0].keyword is None:
        kwargs.setdefault("max_workers", scope.code(node.args[0].value))   # ThreadPoolExecutor(4), Pool(4)
    facts = ValueFacts(kind or AttrKind.OTHER, _type_name(scope, callee), None, kwargs)
    if facts.kind in cat.CONDITION_KINDS:
        facts.lock_of = _condition_lock(scope, node)
    return facts


def _engine_maker(scope: FileScope, name: str) -> ValueFacts | None:
    """What a module function of this file hands out when it builds a database engine and returns
    it (`def make_engine(): engine = create_engine("sqlite://"); ...; return engine`): that engine's
    facts, settings included, so a field bound to `make_engine()` is configured as the call in
    the factory says (tests/corpus/il703_memory_engine_built_by_factory_function)."""
    if scope.plain_defs is None:
        scope.plain_defs = {s.name.value: s for s in scope.tree.body if isinstance(s, cst.FunctionDef)}
    fn = scope.plain_defs.get(name)
    if fn is None or fn.asynchronous is not None:
        return None
    returns = [r.value for r in findall(fn.body, cst.Return)]
    if len(returns) != 1 or returns[0] is None:
        return None
    value = returns[0]
    if isinstance(value, cst.Name):
        bound = [a.value for a in findall(fn.body, cst.Assign) if len(a.targets) == 1
                 and isinstance(a.targets[0].target, cst.Name) and a.targets[0].target.value == value.value]
        value = bound[0] if len(bound) == 1 else None
    if not isinstance(value, cst.Call) or dotted(value.func) is None:
        return None
    callee = scope.imports.resolve(dotted(value.func))
    if cat.CONSTRUCTORS.get(callee) is not AttrKind.SQL_ENGINE:
        return None
    return _call_facts(scope, value, None)


def _context_factory(scope: FileScope, name: str) -> AttrKind | None:
    """`ctx.Condition()` on a multiprocessing context (`ctx = multiprocessing.get_context()`, a
    `ctx` parameter) in a module that uses multiprocessing: the primitive of that name."""
    head, _, factory = name.partition(".")
    if not factory or "." in factory or head in ("self", "cls") or factory not in cat.MP_CONTEXT_FACTORIES:
        return None
    uses_mp = scope.module.split(".")[0] == "multiprocessing" or any(
        v.split(".")[0] == "multiprocessing" for v in scope.imports.names.values())
    return cat.CONSTRUCTORS.get(f"multiprocessing.{factory}") if uses_mp else None


def _kind_of_factory(scope: FileScope, name: str, local_kinds: dict | None) -> AttrKind | None:
    """`self.Session()` / `SessionLocal()` where the callee is a session factory."""
    head, _, attr = name.partition(".")
    kind = None
    if head in ("self", "cls") and attr and "." not in attr:
        kind = next((c.kind(attr) for c in scope.classes.values() if c.kind(attr)), None)
    elif not attr:
        glob = scope.globals.get(name)
        kind = glob.kind if glob is not None else (local_kinds or {}).get(name)
    return cat.CALL_RESULT_KINDS.get(kind) if kind is not None else None


def _made_lock(scope: FileScope, name: str) -> AttrKind | None:
    """`self._create_lock()` where a class of this file has that method hand out a new lock
    (lock_makers): a lock of that kind (tests/corpus/il102_lock_made_by_factory_method).

    On any other receiver (`host._new_lock()`, `scheduler._create_lock()` on a parameter whose class
    this file cannot see), a method named as a lock factory (LOCK_FACTORY: a maker verb, then
    `lock`) hands out a lock too (tests/corpus/il103_lock_made_by_parameter_factory): the kind of
    this file's maker of that name when there is one, else a reentrant lock, since whether it
    is reentrant is not known and a re-acquisition must not be claimed a self-deadlock."""
    head, _, attr = name.rpartition(".")
    if not head or not attr:
        return None
    own = next((c.lock_makers[attr] for c in scope.classes.values() if attr in c.lock_makers), None)
    if head in ("self", "cls"):
        return own
    if not cat.LOCK_FACTORY.match(attr):
        return None
    return own or AttrKind.RLOCK


def lock_makers(scope: FileScope, methods: list) -> dict[str, AttrKind]:
    """Methods every return of which builds a new lock of one kind (`def _create_lock(self):
    return RLock()`, a hook a subclass may override with another lock type): name -> that kind."""
    out = {}
    for d in methods:
        found = walk_returns(scope, d)
        if not found.values or found.nested or not all(isinstance(v, cst.Call) for v in found.values):
            continue
        kinds = {value_facts(scope, v).kind for v in found.values}
        if len(kinds) == 1 and (kind := kinds.pop()) in LOCK_KINDS:
            out[d.name.value] = kind
    return out


def _type_name(scope: FileScope, callee: str) -> str | None:
    last = callee.rsplit(".", 1)[-1].lstrip("_")      # private classes too (`_RunningLoop()`)
    # capitalised calls build objects; all-caps ones too (`DB()`, `LRU()`): a constant is not called
    if callee in cat.CONSTRUCTORS or last[:1].isupper():
        return scope.qualify(callee) if callee in scope.module_defs else callee
    if scope.module and callee.startswith(scope.module + ".") and callee[len(scope.module) + 1:] in scope.classes:
        return callee
    return None


#: `lock_of` of a Condition built on a fresh non-reentrant lock (`Condition(threading.Lock())`)
OWN_PLAIN_LOCK = "<Lock>"


def _condition_lock(scope: FileScope, node: cst.Call) -> str | None:
    for arg in node.args:
        if arg.keyword is None or arg.keyword.value == "lock":
            if isinstance(arg.value, cst.Call):       # `Condition(threading.Lock())`: a lock of its own
                inner = dotted(arg.value.func)
                kind = cat.CONSTRUCTORS.get(scope.imports.resolve(inner)) if inner else None
                return OWN_PLAIN_LOCK if kind in (AttrKind.LOCK, AttrKind.MP_LOCK) else None
            path = dotted(arg.value)
            if path is None:
                return None
            head = path.split(".")[0]
            return f"{scope.module}.{path}" if head in scope.globals and head == path else path
    return None


def annotation_facts(scope: FileScope, annotation: cst.BaseExpression | None) -> tuple[AttrKind, str | None]:
    """Kind and dotted type of an annotation (`threading.Lock`, `Optional[Player]`, `X | None`)."""
    node = _unwrap(annotation)
    quoted = _quoted(node)
    if quoted is not None:          # the forward reference `"queue.Queue[np.ndarray | None]"`
        return annotation_facts(scope, quoted)
    name = _annotation_name(node.value if isinstance(node, cst.Subscript) else node) if node is not None else None
    if name is None:
        return AttrKind.OTHER, None
    callee = scope.imports.resolve(name)
    kind = cat.CONSTRUCTORS.get(callee) or cat.CONSTRUCTORS.get(callee.lower())
    if kind is None and callee in ("typing.Deque", "typing.Sequence", "typing.MutableMapping",
                                   "typing.MutableSequence", "typing.MutableSet"):
        kind = AttrKind.CONTAINER
    if kind is not None and kind not in (AttrKind.CONTAINER, AttrKind.ARRAY) or kind is None:
        return kind or AttrKind.OTHER, _type_name(scope, callee)
    return kind, None


def returned_classes(scope: FileScope, defs: list) -> dict[str, str]:
    """Function name -> the class its return annotation names (`-> Wallet`, `-> Optional[Wallet]`),
    or, unannotated, of the element it keeps in a container and hands out
    (`return self._by_key.setdefault(key, Stats())`: an object other callers get too)."""
    out = {}
    for d in defs:
        if d.returns is not None:
            node, found = d.returns.annotation, None
        else:
            found = walk_returns(scope, d)
            node = _kept_element(found)
        if node is not None:
            kind, type_name = annotation_facts(scope, node)
            if type_name and kind in (AttrKind.OBJECT, AttrKind.OTHER):
                out[d.name.value] = type_name
        elif (kept := _kept_global(scope, found)) is not None:
            out[d.name.value] = kept
    return out


def walk_returns(scope: FileScope | None, d: cst.FunctionDef) -> _Returns:
    """The returns, yields and bindings of `d`'s body, walked once per file (lock_makers,
    returned_classes, factories, fresh_products and the module's singleton accessors all ask)."""
    walks = getattr(scope, "return_walks", None)
    if walks is None:
        walks = {}
    found = walks.get(id(d))
    if found is None:
        found = walks[id(d)] = _Returns()
        visit(d.body, found)
    return found


def _kept_global(scope: FileScope, found: _Returns) -> str | None:
    """Unannotated, the class of the module global every return hands out: a singleton's
    accessor (`def get_engine(): global _engine; if _engine is None: _engine = Engine(); return
    _engine`, also through a local bound only to it, `reg = _registry`): every caller gets that
    one object (tests/corpus/il102_singleton_accessor_publishes_early)."""
    globals_ = getattr(scope, "globals", None) or {}
    if not found.values or found.nested:
        return None

    def global_type(name: str) -> str | None:
        if name in found.values_of and name not in found.declared:
            return None                                 # a local of the function
        info = globals_.get(name)
        return info.type_name if info is not None and info.kind in (AttrKind.OBJECT, AttrKind.OTHER) and info.type_name else None

    types = set()
    for v in found.values:
        if not isinstance(v, cst.Name):
            return None
        t = global_type(v.value)
        if t is None and v.value not in found.declared:
            bindings = found.values_of.get(v.value, [])
            kinds = {global_type(b.value) if isinstance(b, cst.Name) else None for b in bindings}
            t = kinds.pop() if len(kinds) == 1 else None
        if t is None:
            return None
        types.add(t)
    return types.pop() if len(types) == 1 else None


def fresh_products(scope: FileScope, defs: list) -> dict[str, str]:
    """Function name -> the class of the new object every call hands out, returned or yielded
    (`def get_repo(): s = SessionLocal(); try: yield Repo(s) finally: s.close()`): as a FastAPI
    dependency, each request gets its own (tests/corpus/il702_dependency_yields_fresh_repo)."""
    out = {}
    for d in defs:
        found = walk_returns(scope, d)
        types = set()
        # the returns and yields (their order does not matter: one that is no new object ends the search)
        for v in [*(r for r in found.values if r is not None), *found.yields]:
            if isinstance(v, cst.Name) and len(found.assigned.get(v.value, [])) == 1:
                v = found.assigned[v.value][0]
            if not isinstance(v, cst.Call) or dotted(v.func) is None:
                types = set()
                break
            kind, type_name = annotation_facts(scope, v.func)
            if kind is not AttrKind.OBJECT and kind is not AttrKind.OTHER or not type_name:
                types = set()
                break
            types.add(type_name)
        if len(types) == 1 and (c := types.pop()).rpartition(".")[2][:1].isupper():
            out[d.name.value] = c
    return out


def factories(defs: list, returns: dict[str, str], confined: frozenset[str] = frozenset(),
              scope: FileScope | None = None) -> set[str]:
    """Those of `returns` that build a new object of their class on every call: each `return` is
    `Cls(...)`, or a local bound only once, to `Cls(...)` (`data = Cls(...); data.setup(); return data`).
    What a caller gets from one is its own, like a `Cls(...)` it made itself (RacerD's ownership;
    tests/corpus/il101_factory_method_object).

    So is the object a thread keeps in a `threading.local` (`confined`: the names of those, `_tls`,
    `self._local`): `return _tls.client`, or a local bound only to such a read or a new object
    (`c = getattr(_tls, "client", None)`, `c = _tls.client = Client()`): each thread gets its own
    (tests/corpus/il103_client_kept_in_thread_local)."""
    out = set()
    for d in defs:
        cls = returns.get(d.name.value, "").rpartition(".")[2]
        if not cls:
            continue
        found = walk_returns(scope, d)
        if found.values and all(_constructs(v, cls) or (isinstance(v, cst.Name) and _built_once(found, v.value, cls))
                                or _confined_read(v, confined) or _confined_local(found, v, cls, confined)
                                for v in found.values):
            out.add(d.name.value)
    return out


def _confined_read(node, confined: frozenset[str]) -> bool:
    """`_tls.client`, `getattr(_tls, "client", None)`: a read of a thread's own slot."""
    if not confined:
        return False
    if isinstance(node, cst.Attribute):
        return dotted(node.value) in confined
    return isinstance(node, cst.Call) and dotted(node.func) == "getattr" and len(node.args) >= 2 \
        and dotted(node.args[0].value) in confined


def _confined_local(found: "_Returns", node, cls: str, confined: frozenset[str]) -> bool:
    """A local bound only to a thread-local read or a new `Cls(...)` (in no closure)."""
    if not confined or not isinstance(node, cst.Name) or found.nested or node.value in found.declared:
        return False
    values = found.values_of.get(node.value, [])
    return bool(values) and all(v is not None and (_constructs(v, cls) or _confined_read(v, confined))
                                for v in values)


def thread_local_classes(scope, stmts) -> set[str]:
    """Names of the classes of this file subclassing `threading.local`."""
    out = set()
    for s in stmts:
        if isinstance(s, cst.ClassDef) and any(
                scope.imports.resolve(dotted(b.value) or "") in ("threading.local", "_threading_local.local")
                for b in s.bases):
            out.add(s.name.value)
    return out


def _built_once(found: "_Returns", name: str, cls: str) -> bool:
    """`name` is bound once, to `Cls(...)`, and used only as the receiver of its own attributes
    and calls until it is returned: not stored, passed or captured anywhere (no one else holds it)."""
    values = found.values_of.get(name, [])
    uses = [n for n in found.names if n.value == name]
    bare = [n for n in uses if id(n) not in found.receivers and id(n) not in found.bound]
    return len(values) == 1 and _constructs(values[0], cls) and not found.nested and all(
        any(n is v for v in found.values) for n in bare)


def _constructs(node, cls: str) -> bool:
    return isinstance(node, cst.Call) and (dotted(node.func) or "").rpartition(".")[2] == cls


class _Returns:
    """The returns and local bindings of one body (cstwalk.visit: the order of siblings does not matter)."""

    def __init__(self) -> None:
        self.values: list[cst.BaseExpression | None] = []
        self.values_of: dict[str, list] = {}       # local -> the value of each binding (None: not `=`)
        self.names: list[cst.Name] = []             # every name read or bound
        self.receivers: set[int] = set()            # ids of names that are `name.attr`
        self.bound: set[int] = set()                # ids of names bound by `name = ...`
        self.nested = False                         # a nested function or lambda (may capture)
        self.declared: set[str] = set()            # names declared `global` / `nonlocal`
        self.yields: list[cst.BaseExpression | None] = []   # each `yield`'s value (None: `yield from`)
        self.assigned: dict[str, list] = {}        # name -> the value of each `=` that binds it (None: unpacked)

    def visit_Name(self, node: cst.Name) -> None:
        self.names.append(node)

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if isinstance(node.value, cst.Name):
            self.receivers.add(id(node.value))

    def visit_Global(self, node: cst.Global) -> None:
        self.declared.update(n.name.value for n in node.names)

    def visit_Nonlocal(self, node: cst.Nonlocal) -> None:
        self.declared.update(n.name.value for n in node.names)

    def visit_Return(self, node: cst.Return) -> None:
        self.values.append(node.value)

    def visit_Yield(self, node: cst.Yield) -> None:
        self.yields.append(node.value if not isinstance(node.value, cst.From) else None)

    def visit_Assign(self, node: cst.Assign) -> None:
        for t in node.targets:
            if isinstance(t.target, cst.Name):
                self.values_of.setdefault(t.target.value, []).append(node.value)
                self.assigned.setdefault(t.target.value, []).append(node.value)
                self.bound.add(id(t.target))
            else:                                    # `a, b = ...`: unpacked names are bound too
                for n in _names(t.target):
                    self.values_of.setdefault(n, []).append(None)
                    self.assigned.setdefault(n, []).append(None)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        for n in _names(node.target):
            self.values_of.setdefault(n, []).append(None)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        for n in _names(node.target):
            self.values_of.setdefault(n, []).append(node.value)

    def visit_For(self, node: cst.For) -> None:
        for n in _names(node.target):
            self.values_of.setdefault(n, []).append(None)

    def visit_AsName(self, node: cst.AsName) -> None:
        for n in _names(node.name):
            self.values_of.setdefault(n, []).append(None)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        self.nested = True
        return False          # a nested function's returns are its own

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        self.nested = True
        return False


def _names(node) -> list[str]:
    if isinstance(node, cst.Name):
        return [node.value]
    if isinstance(node, (cst.Tuple, cst.List)):
        return [n for e in node.elements for n in _names(e.value)]
    if isinstance(node, cst.StarredElement):
        return _names(node.value)
    return []


def _kept_element(found: _Returns) -> cst.BaseExpression | None:
    """The class (its name node) of `Cls(...)` in `return <container>.setdefault(key, Cls(...))`,
    when every return of the body `found` walked is such a call with one class."""
    names = set()
    for v in found.values:
        ok = isinstance(v, cst.Call) and isinstance(v.func, cst.Attribute) and v.func.attr.value == "setdefault" \
            and len(v.args) == 2 and isinstance(v.args[1].value, cst.Call)
        if not ok:
            return None
        names.add(v.args[1].value.func)
    return names.pop() if len({dotted(n) for n in names}) == 1 else None


def _unwrap(node: cst.BaseExpression | None) -> cst.BaseExpression | None:
    for _ in range(4):
        if isinstance(node, cst.Subscript) and dotted(node.value) in _WRAPPERS and node.slice:
            node = node.slice[0].slice.value if isinstance(node.slice[0].slice, cst.Index) else None
        elif isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.BitOr):
            node = node.right if _is_none(node.left) else node.left
        else:
            break
    return node


def _quoted(node: cst.BaseExpression | None) -> cst.BaseExpression | None:
    """The expression a string annotation spells, when it is more than a dotted name."""
    if not isinstance(node, cst.SimpleString) or not isinstance(node.evaluated_value, str):
        return None
    text = node.evaluated_value.strip()
    if not text or all(p.isidentifier() for p in text.split(".")):
        return None
    try:
        found = cst.parse_expression(text)
    except Exception:
        return None
    return None if isinstance(found, cst.SimpleString) else found


def _annotation_name(node: cst.BaseExpression) -> str | None:
    """`Player`, `pkg.Player` or the forward reference `"Player"`."""
    if isinstance(node, cst.SimpleString):
        text = node.evaluated_value if isinstance(node.evaluated_value, str) else ""
        text = text.strip()
        if text.startswith("Optional[") and text.endswith("]"):
            text = text[len("Optional["):-1]
        text = text.split("|")[0].strip()
        return text if text and all(p.isidentifier() for p in text.split(".")) else None
    return dotted(node)


def _is_none(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.Name) and node.value == "None"


class AttributeBuilder:
    """Accumulates the assignments of one owner (class or module) into AttributeInfos."""

    def __init__(self, owner: str) -> None:
        self.owner = owner
        self.attrs: dict[str, dict] = {}

    def record(self, name: str, facts: ValueFacts, value: str | None, annotation: str | None,
               loc: Location, method: str | None, *, class_attr: bool = False) -> None:
        rec = self.attrs.get(name)
        if rec is None:
            rec = self.attrs[name] = {"name": name, "kind": AttrKind.OTHER, "type_name": None,
                                      "value": value, "annotation": annotation, "call_kwargs": {},
                                      "lock_of": None, "writes": [], "methods": set(),
                                      "is_class_attr": class_attr}
        if rec["kind"] is AttrKind.OTHER and facts.kind is not AttrKind.OTHER:
            rec.update(kind=facts.kind, lock_of=facts.lock_of, call_kwargs=facts.call_kwargs,
                       type_name=facts.type_name or rec["type_name"])
        elif rec["type_name"] is None and facts.type_name:
            rec.update(type_name=facts.type_name, call_kwargs=facts.call_kwargs)
        rec["value"] = rec["value"] or value
        rec["annotation"] = rec["annotation"] or annotation
        rec["writes"].append(loc)
        rec["methods"].add(method)

    def build(self, init_methods: set[str | None]) -> dict[str, AttributeInfo]:
        out = {}
        for name, rec in self.attrs.items():
            fields = {k: v for k, v in rec.items() if k != "methods"}
            fields["writes"] = tuple(rec["writes"])
            fields["on_class"] = rec["is_class_attr"] and rec["methods"] == {None}
            out[name] = construct(AttributeInfo, 
                declared_in=self.owner, init_only=rec["methods"] <= init_methods, is_property=False, **fields)
        return out

    rebuild = build
