"""Database handles whose kind only the linker knows, and the calls on them that block.

The extractor knows a session factory, session, engine or connection when the file builds it
(`SessionLocal = sessionmaker(...)`, `self._db = sqlite3.connect(...)`). Two shapes hide it from
the file that uses the handle: a field bound from a constructor parameter, where every
construction in scope passes one handle of one kind (`self._open = open_session` with
`Lookup(make_session)`), and a handle imported from another module (`from storage import
make_session`). Here those fields get their kind, and the calls on the handle, on a field holding
it, or on a local a factory handed out (`with self._open() as db: db.execute(...)`) become the
blocking database calls the same code is when the handle is built in place
(tests/corpus/il401_injected_session_factory). A field bound from a constructor parameter that
every construction fills with a queue the caller built (`q = queue.Queue()`, or a queue field of
its own) is a queue too (tests/corpus/il602_view_queued_to_writer_through_constructors).
"""
from __future__ import annotations

from interlock.extractor import catalogue as cat
from interlock.extractor.index import flatten
from interlock.models.arguments import bind_params as _bind
from interlock.extractor.resolution import NameResolver, _module_splits
from interlock.extractor.tree import map_events
from interlock.models.program import DB_KINDS, AttributeInfo, AttrKind, ClassInfo, EventKind, FunctionInfo, ModuleInfo
#: methods whose result is a handle of the same database: `engine.connect()`, `conn.cursor()`
_SAME_DB = {AttrKind.SQL_ENGINE: frozenset({"connect", "begin"}), AttrKind.SQLITE_CONNECTION: frozenset({"cursor"})}


def learn(names: NameResolver, functions: dict[str, FunctionInfo],
          modules: dict[str, ModuleInfo]) -> dict[str, FunctionInfo]:
    """Type the injected database fields (in `names.classes`), then mark the blocking calls."""
    names.classes = _injected_fields(names, functions, modules)
    return {q: _blocking_calls(names, fn) for q, fn in functions.items()}


def _injected_fields(names: NameResolver, functions: dict[str, FunctionInfo],
                     modules: dict[str, ModuleInfo]) -> dict[str, ClassInfo]:
    sites: dict[str, list] = {}
    bodies = [(f, f.module, f.body) for f in functions.values()] + [(None, m.name, m.body) for m in modules.values()]
    for fn, module, body in bodies:
        for ev in flatten(body):
            if ev.kind is EventKind.CALL and (ev.resolved or "").endswith(".__init__"):
                sites.setdefault(ev.resolved, []).append((fn, module, ev.args))
    out = {}
    for q, cls in names.classes.items():
        init = functions.get(f"{q}.__init__")
        attrs = {n: _field(names, cls, init, sites.get(init.qualname, ()) if init else (), a)
                 for n, a in cls.attributes.items()}
        out[q] = cls if attrs == cls.attributes else cls.model_copy(update={"attributes": attrs})
    return out


def _field(names: NameResolver, cls: ClassInfo, init: FunctionInfo | None, sites, attr: AttributeInfo) -> AttributeInfo:
    """`attr` with the database kind of what it is bound to: a global of that kind, or the
    constructor parameter every construction passes such a handle for."""
    value = (attr.value or "").strip()
    if attr.kind is not AttrKind.OTHER or attr.declared_in != cls.qualname or not value:
        return attr
    if init is not None and value in init.params:
        params = list(init.params[1:])
        kinds = set()
        for caller, module, args in sites:
            passed = _bind(params, args) if args is not None else None
            arg = passed.get(value) if passed is not None else None
            kinds.add(_name_kind(names, caller, module, arg) if arg is not None else None)
        kind = kinds.pop() if len(kinds) == 1 else None
    else:
        glob = _global(names, cls.module, value)
        kind = glob.kind if glob is not None else None
    return attr.model_copy(update={"kind": kind}) if kind in DB_KINDS or kind is AttrKind.QUEUE else attr


def _name_kind(names: NameResolver, fn: FunctionInfo | None, module: str, text: str) -> AttrKind | None:
    """The kind of the handle `text` names in `fn`: a field of `self` or a module global."""
    head, dot, rest = text.partition(".")
    if fn is not None and head in ("self", "cls") and fn.cls in names.classes and dot and "." not in rest:
        attr = names.classes[fn.cls].attributes.get(rest)
        return attr.kind if attr is not None else None
    if fn is not None and not dot and cat.CONSTRUCTORS.get(fn.built.get(head, "")) is AttrKind.QUEUE:
        return AttrKind.QUEUE           # `q = queue.Queue()` handed to the constructors of a producer and a consumer
    if fn is not None and (head in fn.params or head in fn.made or head in fn.built):
        return None
    glob = _global(names, module, text)
    return glob.kind if glob is not None else None


def _global(names: NameResolver, module: str, text: str) -> AttributeInfo | None:
    """The module global `text` names in `module`: its own, or one imported from another module."""
    info = names.modules.get(module)
    if info is None or not text:
        return None
    if text in info.globals:
        return info.globals[text]
    head, dot, rest = text.partition(".")
    full = info.imports.get(head, head) + dot + rest
    for mod, tail in _module_splits(names.modules, full.split(".")):
        if len(tail) == 1:
            return names.modules[mod].globals.get(tail[0])
    return None


def _made_kind(names: NameResolver, fn: FunctionInfo, maker: str) -> AttrKind | None:
    """The kind of what `maker()` hands out: a session from a factory, a connection from an engine."""
    kind = _name_kind(names, fn, fn.module, maker)
    if kind is not None:
        return cat.CALL_RESULT_KINDS.get(kind)
    recv, _, method = maker.rpartition(".")
    kind = _name_kind(names, fn, fn.module, recv) if recv else None
    return kind if method in _SAME_DB.get(kind, ()) else None


#: the method names `_blocking_calls` marks on some database handle
_DB_METHODS = frozenset(m for k in DB_KINDS for m in cat.KIND_METHODS.get(k, {}))


def _blocking_calls(names: NameResolver, fn: FunctionInfo) -> FunctionInfo:
    made = {n: k for n, m in (*fn.built.items(), *fn.made.items()) if (k := _made_kind(names, fn, m)) is not None}

    def rewrite(ev):
        if ev.kind is not EventKind.CALL or ev.awaited or ev.resolved or not ev.callee:
            return ev
        recv, _, method = ev.callee.rpartition(".")
        own = recv.partition(".")[0] in names.modules[fn.module].globals     # the extractor's already
        kind = made.get(recv) if recv in made else _name_kind(names, fn, fn.module, recv) if recv and not own else None
        op = cat.KIND_METHODS.get(kind, {}).get(method) if kind in DB_KINDS else None
        if op is None:
            return ev
        target = recv if recv in made else _target(names, fn, recv)
        return ev.model_copy(update={"kind": EventKind.BLOCKING, "op": op, "target": target})
    # (only an unresolved, unawaited call of a database handle's method can be rewritten: most bodies have none)
    body = map_events(fn.body, rewrite) if any(
        ev.kind is EventKind.CALL and not ev.awaited and not ev.resolved and ev.callee
        and ev.callee.rpartition(".")[2] in _DB_METHODS for ev in flatten(fn.body)) else fn.body
    handles = {**made, **fn.handles}
    if body is fn.body and handles == fn.handles:
        return fn
    return fn.model_copy(update={"body": body, "handles": handles})


def _target(names: NameResolver, fn: FunctionInfo, recv: str) -> str:
    """The receiver as the extractor names it: a local or `self.f` as written, a global qualified."""
    if recv.partition(".")[0] in ("self", "cls"):
        return recv
    info = names.modules.get(fn.module)
    head, dot, rest = recv.partition(".")
    if info is not None and recv in info.globals:
        return f"{fn.module}.{recv}"
    return info.imports.get(head, head) + dot + rest if info is not None else recv
