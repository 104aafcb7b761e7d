"""FunctionInfo builders: functions, methods, nested functions and lambdas of one file.

Each gets its own FunctionWalker; nested definitions are separate functions (they run when
called, not where defined) that still see the enclosing method's `self` and class.
"""
from __future__ import annotations

import re

import libcst as cst

from interlock.extractor.cstwalk import DEFS, IMPORTS, LINES
from interlock.extractor.fork_child import FORKS, parent_side
from interlock.extractor.process_exit import last_words
from interlock.extractor.sync_threads import inline_joined_threads
from interlock.extractor.events import FunctionWalker
from interlock.extractor.deferral import deferral_flags
from interlock.extractor.regions import exclusion
from interlock.extractor.imports import blocks, dotted
from interlock.extractor.scope import ClassFacts, FileScope
from interlock.extractor.thread_notes import docstring, says_threadsafe
from interlock.models.location import Location
from interlock.models.program import HANDLE_KINDS, AttrKind, EventKind, FunctionInfo
from interlock.extractor.records import construct

PROPERTY_DECORATORS = ("property", "functools.cached_property", "cached_property")
#: annotations that name no class: the parameter stays open to typing by its callers
NO_CLASS = frozenset({"typing.Any", "typing_extensions.Any", "object"})


def decorator_text(scope: FileScope, dec: cst.Decorator) -> str:
    """The decorator as written, its head name resolved through imports (`app.get('/x')`)."""
    expr = dec.decorator
    func = expr.func if isinstance(expr, cst.Call) else expr
    name = dotted(func)
    text = scope.code(expr)
    if name and text.startswith(name):
        text = scope.imports.resolve(name) + text[len(name):]
    return text


def param_names(params: cst.Parameters) -> list[str]:
    out = [p.name.value for p in (*params.posonly_params, *params.params)]
    if isinstance(params.star_arg, cst.Param):
        out.append("*" + params.star_arg.name.value)
    out += [p.name.value for p in params.kwonly_params]
    if params.star_kwarg is not None:
        out.append("**" + params.star_kwarg.name.value)
    return out


def node_location(scope: FileScope, node: cst.CSTNode) -> Location:
    span = scope.positions.span(node)
    if span is None:
        return scope.positions.locate(None, None)
    line, col, end_line, end_col, _ = span
    return construct(Location, path=scope.path, line=line, column=col, end_line=end_line, end_column=end_col)


def make_function(**fields) -> FunctionInfo:
    """FunctionInfo without re-validating the already-built event tree (hot path)."""
    return construct(FunctionInfo, **fields)


def is_property(decorators: tuple[str, ...]) -> bool:
    return any(d in PROPERTY_DECORATORS or d.endswith((".setter", ".getter", ".deleter")) for d in decorators)


def accessor_suffix(name: str, decorators: tuple[str, ...]) -> str:
    """`<setter>` / `<deleter>` for a property's other accessors (`@x.setter def x(...)`): they share
    the getter's name, and a read of the property runs the getter, so each is a function of its own
    (`Pool._creator<setter>`) instead of replacing the getter."""
    for d in decorators:
        for kind in ("setter", "deleter"):
            if d == f"{name}.{kind}":
                return f"<{kind}>"
    return ""


def build_function(scope: FileScope, node: cst.FunctionDef, prefix: str, cls: ClassFacts | None,
                   parent: FunctionWalker | None = None, is_method: bool = False) -> FunctionInfo:
    name = node.name.value
    decorators = tuple(decorator_text(scope, d) for d in node.decorators)
    qualname = f"{prefix}.{name}{accessor_suffix(name, decorators) if is_method else ''}"
    name = qualname.rsplit(".", 1)[1]         # `x<setter>`: findings name the accessor that acts
    params = param_names(node.params)
    is_static = "staticmethod" in decorators
    is_classmethod = "classmethod" in decorators
    self_names = dict(parent.self_names) if parent is not None else {}
    if is_method and not is_static and params and not params[0].startswith("*"):
        self_names = {params[0]: "cls" if is_classmethod or name in ("__new__", "__init_subclass__") else "self"}
    walker = FunctionWalker(scope, qualname, cls, params, is_async=node.asynchronous is not None,
                            parent=parent, self_names=self_names)
    param_types, walker.local_kinds = _typed_params(scope, node.params, self_names)
    for n, t in _fallback_params(scope, node, self_names, cls if is_method else None).items():
        param_types.setdefault(n, t)
    param_annotations = _generic_params(scope, node.params, self_names)
    walker.typed = dict(param_types)
    provided = _provided(scope, walker, node)
    walker.fetched.update(provided)
    walker.body_node = node.body
    # imports in this body bind names for it (and its nested functions) alone: two functions
    # that each `from .a import wrap` / `from .b import wrap` call different `wrap`s
    own = _own_imports(node.body.body) if isinstance(node.body, cst.IndentedBlock) else []
    saved = scope.imports.scoped(own) if own else None
    try:
        body = inline_joined_threads(walker.walk(node.body))
    finally:
        if saved is not None:
            scope.imports.names.clear()
            scope.imports.names.update(saved)
    body = last_words(parent_side(body, {n for n, c in walker.made.items()
                                         if scope.imports.resolve(c) in FORKS and walker.binds.get(n) == 1}))
    body = _dependency_calls(scope, walker, node) + body
    # a closure's captured typed parameters follow its own (none after a `*args`: positions)
    captured = {n: q for n, q in walker.captured.items() if not any(p.startswith("*") for p in params)}
    info = make_function(
        qualname=qualname, name=name, module=scope.module, path=scope.path, loc=node_location(scope, node),
        cls=cls.qualname if cls is not None else None, is_async=node.asynchronous is not None,
        is_property=is_property(decorators), is_static=is_static, is_classmethod=is_classmethod,
        decorators=decorators, params=tuple(params) + tuple(captured),
        param_types={**param_types, **{n: walker.typed[n] for n in captured}}, captured=captured, body=body, entry_held=(),
        param_annotations={n: a for n, a in param_annotations.items() if not walker.binds.get(n)},
        # every walk over a parameter: its callers may type its elements (param_types._agreed_elements)
        param_walks=tuple(walker.param_walks),
        defers=deferral_flags(scope, node, decorators, self_name := next((n for n, v in self_names.items() if v == "self"), None)),
        exclusion=exclusion(scope, node, decorators, self_name),
        guards=_guards(scope, name, cls if is_method else None, parent is None and prefix == scope.module),
        guard_unless=_guards(scope, name, cls if is_method else None, parent is None and prefix == scope.module,
                             unless=True),
        guard_waits=_guards(scope, name, cls if is_method else None, parent is None and prefix == scope.module,
                            waits=True),
        ordered=dict(walker.ordered),
        fetched={**{n: t for n, t in walker.fetched.items() if walker.binds.get(n) == 1 and n not in params},
                 **{n: t for n, t in provided.items() if not walker.binds.get(n)},
                 # `w` of `for w in workers` / `(... for w in workers)` over a local list of new objects
                 **{n: t for n, t in walker.element_targets.items()
                    if t and walker.binds.get(n, 0) <= 1 and n not in params}},
        built={**{n: t for n, t in walker.local_types.items() if walker.binds.get(n) == 1 and n not in walker.params},
               **{n: t for n, t in _dependency_built(scope, walker, node).items() if not walker.binds.get(n)}},
        made={n: c for n, c in walker.made.items() if walker.binds.get(n) == 1 and n not in walker.params},
        classes={n: c for n, c in walker.class_refs.items() if walker.binds.get(n) == 1},
        keyed={n: k for n, k in walker.keyed.items() if walker.binds.get(n) == 1 and n not in walker.params},
        handles={n: k for n, k in walker.local_kinds.items()
                 if k in HANDLE_KINDS and walker.binds.get(n) == 1 and n not in walker.params},
        class_params=_class_params(scope, node.params),
        ref_locals={n: v for n, v in walker.ref_values.items() if walker.binds.get(n) == 1 and n not in walker.params},
        optional=tuple(p.name.value for p in _named_params(node.params) if p.default is not None),
        none_defaults=tuple(p.name.value for p in _named_params(node.params) if _defaults_to_none(p)),
        hands_out=_hands_out(scope, node.name.value, cls if is_method else None, parent),
        builds=_builds(scope, node.name.value, cls if is_method else None, parent),
        is_generator=walker.yields and node.asynchronous is None, yield_line=walker.yield_line,
        threadsafe=is_method and says_threadsafe(docstring(node)))
    scope.functions[qualname] = info
    return info


def _named_params(params: cst.Parameters) -> tuple[cst.Param, ...]:
    """The parameters with a name of their own (not `*args`/`**kwargs`), in order."""
    return (*params.posonly_params, *params.params, *params.kwonly_params)


def _defaults_to_none(p: cst.Param) -> bool:
    return isinstance(p.default, cst.Name) and p.default.value == "None"


def _own_imports(stmts) -> list:
    """The import statements of a function body, outside nested functions and classes."""
    out = []
    for st in stmts:
        if type(st) in DEFS:
            continue
        if type(st) in LINES:
            out.extend(x for x in st.body if type(x) in IMPORTS)
            continue
        for block in blocks(st):
            out.extend(_own_imports(block))
    return out


def _guards(scope: FileScope, name: str, cls: ClassFacts | None, module_level: bool, unless: bool = False,
            waits: bool = False):
    """The locks a `@contextmanager` method or module function holds at its yields (lockhelpers.py);
    `unless`: the flag under which it yields without them instead; `waits`: whether it waits for them."""
    helpers = cls.lock_helpers if cls is not None else scope.lock_helpers if module_level else {}
    helper = helpers.get(name)
    if waits:
        return helper is not None and not helper.is_property and helper.waits
    if unless:
        return helper.unless if helper is not None and not helper.is_property else None
    return helper.locks if helper is not None and not helper.is_property else ()


def _hands_out(scope: FileScope, name: str, cls: ClassFacts | None, parent: FunctionWalker | None) -> str | None:
    """The class of the shared object a method or module function hands out (attributes.returned_classes),
    None for a factory (attributes.factories) or a nested function."""
    owner = cls if cls is not None else scope if parent is None else None
    if owner is None or name in owner.fresh:
        return None
    return owner.returns.get(name)


def _builds(scope: FileScope, name: str, cls: ClassFacts | None, parent: FunctionWalker | None) -> str | None:
    """The class of the new object a factory returns (FunctionInfo.builds)."""
    owner = cls if cls is not None else scope if parent is None else None
    return owner.returns.get(name) if owner is not None and name in owner.fresh else None


def _dependency_calls(scope: FileScope, walker: FunctionWalker, node: cst.FunctionDef) -> tuple:
    """FastAPI runs a parameter's dependency before the function, in the same request:
    `db: Session = Depends(get_db)` (also `Security(...)` and `Annotated[Session, Depends(get_db)]`)
    is a call of `get_db` at the start of the body, so what it hands out (one global session for
    every request, say) is used by the request's context (tests/corpus/il702_depends_returns_global_session)."""
    deps = []
    for p in _named_params(node.params):
        for part in (p.default, p.annotation.annotation if p.annotation is not None else None):
            for call in _depends(scope, part):
                arg = next((a.value for a in call.args if a.keyword is None or a.keyword.value == "dependency"), None)
                if arg is not None and dotted(arg):
                    deps.append(arg)
    if not deps:
        return ()
    saved = walker.out, walker.span, walker.header
    walker.out, walker.span, walker.header = [], scope.positions.span(node), True
    for dep in deps:       # a coroutine's dependencies are awaited (a sync one runs in the threadpool)
        walker.call(cst.Call(func=dep), awaited=walker.is_async)
    out = tuple(walker.out)
    walker.out, walker.span, walker.header = saved
    return out


def _provided(scope: FileScope, walker: FunctionWalker, node: cst.FunctionDef) -> dict[str, str]:
    """Parameters whose dependency hands out one shared object, not a new one per call:
    `service: QuoteService = Depends(get_quotes)` with `def get_quotes() -> QuoteService: return
    _quotes` (attributes.returned_classes, not a factory): every request gets that object, as a
    local a getter handed out (`fetched`) (tests/corpus/il103_depends_shared_service_in_sync_handler)."""
    out = {}
    for param, dep, name in _dependencies(scope, node):
        cls = walker.returned_by(name)
        if cls and not walker._from_factory(cst.Call(func=dep)):
            out[param] = cls
    return out


def _dependency_built(scope: FileScope, walker: FunctionWalker, node: cst.FunctionDef) -> dict[str, str]:
    """Parameters whose dependency, a module function of this file, builds a new object for each
    call (`repo: Repo = Depends(get_repo)` with `def get_repo(): yield Repo(SessionLocal())`):
    each request gets its own, as a local it built (tests/corpus/il702_dependency_yields_fresh_repo)."""
    return {param: scope.products[name] for param, _, name in _dependencies(scope, node)
            if "." not in name and name not in walker.locals and name in scope.products}


def _dependencies(scope: FileScope, node: cst.FunctionDef):
    """(parameter, dependency expression, its dotted name) for each `Depends(dep)` in a parameter's
    default or annotation that names its dependency."""
    for p in _named_params(node.params):
        for part in (p.default, p.annotation.annotation if p.annotation is not None else None):
            for call in _depends(scope, part):
                dep = next((a.value for a in call.args if a.keyword is None or a.keyword.value == "dependency"), None)
                name = dotted(dep) if dep is not None else None
                if name:
                    yield p.name.value, dep, name


def _depends(scope: FileScope, node: cst.CSTNode | None):
    """`Depends(...)`/`Security(...)` calls in a parameter's default or annotation."""
    if node is None:
        return
    if type(node) is cst.Call:
        name = dotted(node.func) or ""
        full = scope.imports.resolve(name) if name else ""
        if name.rsplit(".", 1)[-1] in ("Depends", "Security") and (full.startswith("fastapi") or full == name):
            yield node
        return
    if isinstance(node, cst.Name) and (alias := type_alias(scope, node)) is not None:
        yield from _depends(scope, alias)
        return
    if type(node) is cst.Subscript:
        for el in node.slice:
            if isinstance(el.slice, cst.Index):
                yield from _depends(scope, el.slice.value)


def type_alias(scope: FileScope, node: cst.BaseExpression) -> cst.BaseExpression | None:
    """What a module-level type alias names: `StatsDep` after `StatsDep = Annotated[PlayStats,
    Depends(get_stats)]` (or `Optional[...]`, `X | None`) in this file; None for anything else."""
    if not isinstance(node, cst.Name):
        return None
    glob = scope.globals.get(node.value)
    text = (glob.value or "").strip() if glob is not None else ""
    head = text.partition("[")[0].rsplit(".", 1)[-1]
    if head not in ("Annotated", "Optional", "Union") and "|" not in text:
        return None
    try:
        return cst.parse_expression(text)
    except Exception:           # libcst's ParserSyntaxError, or a value cut short
        return None


def _typed_params(scope: FileScope, params: cst.Parameters, self_names: dict[str, str]) -> tuple[dict, dict]:
    """Parameters annotated with a class (`repo: UserRepo`, `svc: Optional[Service] = Depends(...)`)."""
    from interlock.extractor.attributes import annotation_facts

    types, kinds = {}, {}
    for p in _named_params(params):
        if p.annotation is not None and p.name.value not in self_names:
            kind, type_name = annotation_facts(scope, type_alias(scope, p.annotation.annotation)
                                               or p.annotation.annotation)
            if type_name and type_name not in NO_CLASS:
                types[p.name.value] = type_name
            if kind is not AttrKind.OTHER:
                kinds[p.name.value] = kind      # `q: queue.Queue`, `lock: threading.Lock`
    return types, kinds


def _fallback_params(scope: FileScope, node: cst.FunctionDef, self_names: dict[str, str],
                     cls: ClassFacts | None) -> dict[str, str]:
    """Unannotated parameters defaulted to None that a top-level statement of the body replaces by an
    object of one class when left out: `p = self if p is None else p`, `p = p if p is not None
    else Cls()`, `p = p or Cls()`, `if p is None: p = Cls()` -> the class (as written; `self`: the
    method's class). What a caller passes instead is taken to be of that kind, as an annotation
    would say (redis `PubSub.run_in_thread(pubsub=None)`: `pubsub = self if pubsub is None else
    pubsub`, handed to the worker thread; tests/corpus/il202_worker_gets_defaulted_param)."""
    defaults = {p.name.value for p in _named_params(node.params)
                if p.annotation is None and p.name.value not in self_names and _defaults_to_none(p)}
    if not defaults or not isinstance(node.body, cst.IndentedBlock):
        return {}
    me = next((n for n, v in self_names.items() if v == "self"), None)

    def named(expr, name) -> bool:
        return isinstance(expr, cst.Name) and expr.value == name

    def none_test(test, name) -> bool | None:
        """True for `name is None`, False for `name is not None`, None for anything else."""
        if isinstance(test, cst.Comparison) and named(test.left, name) and len(test.comparisons) == 1 \
                and named(test.comparisons[0].comparator, "None"):
            op = test.comparisons[0].operator
            return True if isinstance(op, cst.Is) else False if isinstance(op, cst.IsNot) else None
        if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not) and named(test.expression, name):
            return True
        return None

    def kind(expr) -> str | None:
        if me is not None and cls is not None and named(expr, me):
            return cls.qualname[len(scope.module) + 1:] if cls.qualname.startswith(scope.module + ".") else cls.qualname
        if isinstance(expr, cst.Call) and isinstance(expr.func, (cst.Name, cst.Attribute)):
            text = scope.code(expr.func)
            if text.rpartition(".")[2][:1].isupper():       # a constructor, by the naming convention
                return text
        return None

    def fallback(name, value) -> str | None:
        if isinstance(value, cst.IfExp):
            test = none_test(value.test, name)
            if test is True and named(value.orelse, name):
                return kind(value.body)
            if test is False and named(value.body, name):
                return kind(value.orelse)
        if isinstance(value, cst.BooleanOperation) and isinstance(value.operator, cst.Or) and named(value.left, name):
            return kind(value.right)
        return None

    out: dict[str, str] = {}
    for stmt in node.body.body:
        if isinstance(stmt, cst.If) and stmt.orelse is None and isinstance(stmt.body, cst.IndentedBlock) \
                and len(stmt.body.body) == 1 and isinstance(stmt.body.body[0], cst.SimpleStatementLine):
            name = next((n for n in defaults if none_test(stmt.test, n) is True), None)
            small = stmt.body.body[0].body
            if name and len(small) == 1 and isinstance(small[0], cst.Assign) and len(small[0].targets) == 1 \
                    and named(small[0].targets[0].target, name) and (found := kind(small[0].value)):
                out.setdefault(name, found)
            continue
        if not isinstance(stmt, cst.SimpleStatementLine):
            continue
        for small in stmt.body:
            if isinstance(small, cst.Assign) and len(small.targets) == 1 \
                    and isinstance(target := small.targets[0].target, cst.Name) and target.value in defaults \
                    and (found := fallback(target.value, small.value)):
                out.setdefault(target.value, found)
    return out


def _generic_params(scope: FileScope, params: cst.Parameters, self_names: dict[str, str]) -> dict[str, str]:
    """Parameters annotated with a subscripted generic (`jobs: list[tuple[str, Job]]`,
    `Optional[dict[str, Job]]`): name -> the annotation as written (FunctionInfo.param_annotations)."""
    out = {}
    for p in _named_params(params):
        if p.annotation is not None and p.name.value not in self_names:
            text = scope.code(p.annotation.annotation)
            if "[" in text:
                out[p.name.value] = text
    return out


#: `type[X]` / `Type[X]` / `typing.Type[X]`, the class it takes in group 1
_TYPE_OF = re.compile(r"^(?:typing\.)?[Tt]ype\[\s*([\w.]+)\s*\]$")
#: `Optional[T]`, `T | None`, `None | T`: T
_OPTIONAL = re.compile(r"^(?:typing\.)?Optional\[(.+)\]$|^(.+?)\s*\|\s*None$|^None\s*\|\s*(.+)$")


def _class_params(scope: FileScope, params: cst.Parameters) -> dict[str, str]:
    """Parameters whose signature says they take a class: `factory=Conn` (a CapWords name, not an
    ALL_CAPS constant) or `factory: type[Conn]` (FunctionInfo.class_params)."""
    out = {}
    for p in _named_params(params):
        ref = None
        if p.annotation is not None:
            text = scope.code(p.annotation.annotation).strip("'\"")
            opt = _OPTIONAL.match(text)
            m = _TYPE_OF.match(next(g for g in opt.groups() if g).strip() if opt else text)
            ref = m.group(1) if m else None
        if ref is None and (type(p.default) is cst.Name or type(p.default) is cst.Attribute):
            ref = dotted(p.default)
            last = (ref or "").rsplit(".", 1)[-1].lstrip("_")
            ref = ref if last[:1].isupper() and not last.isupper() and ref not in ("None", "True", "False") else None
        if ref:
            out[p.name.value] = scope.qualify(ref) if ref in scope.module_defs else scope.imports.resolve(ref)
    return out


def build_lambda(parent: FunctionWalker, node: cst.Lambda) -> str:
    """`<enclosing>.<lambda:LINE>`: its body's events and a RETURN of its value."""
    scope = parent.scope
    loc = scope.positions.locate(parent.span, "lambda", parent.header)
    name = f"<lambda:{loc.line}>"
    qualname = f"{parent.qualname}.{name}"
    n = 2
    while qualname in scope.functions:
        qualname, n = f"{parent.qualname}.{name[:-1]}:{n}>", n + 1
    params = param_names(node.params)
    walker = FunctionWalker(scope, qualname, parent.cls, params, parent=parent, self_names=parent.self_names)
    walker.span, walker.header = parent.span, parent.header
    reads = walker.value_reads(node.body)
    walker.emit(EventKind.RETURN, "lambda", value=scope.code(node.body), reads=reads)
    scope.functions[qualname] = make_function(
        qualname=qualname, name=qualname.rsplit(".", 1)[1], module=scope.module, path=scope.path, loc=loc,
        cls=parent.cls.qualname if parent.cls is not None else None, is_async=False, is_property=False,
        is_static=False, is_classmethod=False, decorators=(), params=tuple(params),
        body=tuple(walker.out), entry_held=())
    return qualname


def build_class(scope: FileScope, node: cst.ClassDef, prefix: str) -> None:
    from interlock.extractor.classes import build_class as _build

    _build(scope, node, prefix)
