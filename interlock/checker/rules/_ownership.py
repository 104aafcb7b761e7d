"""Instance ownership along a call chain: is the object an access touches held by a field its
owner built in its own constructor (RacerD's ownership), and whose field is that?

Locks and attributes are named per class, so `Compressor.settings.threshold_db` and
`Limiter.settings.threshold_db` look like one attribute guarded by two locks. When both objects
sit in fields that two different owners construct for themselves, they are two objects
(tests/corpus/il102_settings_of_two_owners).

One owner is enough when its field is *sole*: every value it is ever given is a fresh `Cls(...)`
(or None), nothing anywhere passes, returns, stores or aliases that field's object, and the
object's own class never hands out `self` (no `register(self)`, bound-method callback, closure or
thread on `self.method`). Such an object is reachable only through that one field of that one
holder, so an access that reaches its object through any other field, or from a local or a
parameter, touches another object (tests/corpus/il101_owned_sub_object).
"""
from __future__ import annotations

import re

from interlock.checker.analysis import Access, ConcurrencyIndex
from interlock.checker.spawn_order import strip_strings
from interlock.models.arguments import bind_arguments, bind_params
from interlock.models.program import AttrKind, Event, EventKind, FunctionInfo, ProgramModel, iter_events

Hop = tuple[str, str, bool]          # (holder class qualname, field, built by the holder's constructor)


def distinct_objects(idx: ConcurrencyIndex, a: Access, b: Access) -> bool:
    """True when `a` and `b` reach their object through different owned fields: walking both
    field paths from the object outwards, the first hops that differ are both fields the
    holder constructed itself (so no other holder can see the object). One owned field seen
    from two related classes (`Protocol.reader`, `ClientProtocol.reader`) is one hop: its
    object differs when its holders do, which the next hops out decide (the protocols of an
    asyncio and of a threaded connection, tests/corpus/il103_buffer_of_each_protocol)."""
    ha, hb = hops(idx, a), hops(idx, b)
    for x, y in zip(reversed(ha), reversed(hb)):
        if x[:2] == y[:2] or (x[2] and y[2] and _inherited_field(idx, x, y)):
            continue
        if x[2] and y[2] and _unrelated_or_other_field(idx, x, y):
            return True
        break
    return _sole_apart(idx, ha, hb) or _sole_apart(idx, hb, ha)


def _inherited_field(idx: ConcurrencyIndex, x: Hop, y: Hop) -> bool:
    """One field of one declaration, seen from a class and from its subclass."""
    return x[1] == y[1] and not _unrelated_or_other_field(idx, x, y)


def _sole_apart(idx: ConcurrencyIndex, mine: tuple[Hop, ...], other: tuple[Hop, ...]) -> bool:
    """Walking outwards from the object, `mine` meets a sole field where `other` has another
    field or none (its object came from a local, a parameter, another root): every hop on the
    way is sole too, so each object on it has exactly one holder and the two differ there."""
    sole = _sole_fields(idx.model)
    n = len(other)
    for i, x in enumerate(reversed(mine)):
        if not sole(x[0], x[1]):
            return False
        y = other[n - 1 - i] if i < n else None
        if y is None or (x[:2] != y[:2] and _unrelated_or_other_field(idx, x, y)):
            return True
        if x[:2] != y[:2]:
            return False
    return False


def hops(idx: ConcurrencyIndex, a: Access) -> tuple[Hop, ...]:
    memo = idx.__dict__.setdefault("_ownership_hops", {})    # per index, like its cached_property
    key = (a.context.name, id(a.reach.chain), id(a.event), a.reach.cls)
    out = memo.get(key)
    if out is None:
        memo[key] = out = _hops(idx, a)
    return out


def _hops(idx: ConcurrencyIndex, a: Access) -> tuple[Hop, ...]:
    model = idx.model
    path: list[Hop] = []
    cls = _entry_class(idx, a)
    for ev in a.reach.chain:
        parts = (ev.callee or "").split(".")
        nxt = None
        if parts[0] in ("self", "cls") and cls is not None:
            nxt = _walk(model, cls, parts[1:-1], path)
        else:
            path = []                           # the callee's `self` came from elsewhere: root unknown
        callee = model.functions.get(ev.resolved or "")
        cls = nxt or (callee.cls if callee is not None else None)
    target = (a.event.target or "").split(".")
    if target[0] and target[0] not in ("self", "cls"):
        if target[0] in a.function.params:
            return ()                           # a parameter's object: not the receiver's
        return tuple(path)                      # a local alias (`chunk = self._audio[a:b]`): the chain's
    if a.reach.cls:
        _walk(model, a.reach.cls, target[1:-1], path)
    return tuple(path)


def _walk(model, cls: str, fields: list[str], path: list[Hop]) -> str | None:
    for name in fields:
        info = model.attribute(cls, name)
        if info is None:
            path.clear()
            return None
        value = info.value or ""
        owned = info.kind is AttrKind.OBJECT and value.endswith(")") and "(" in value
        path.append((cls, name, owned or _fresh_injected(model)(cls, name)))
        nxt = model.find_class(info.type_name) if info.type_name else None
        if nxt is None:
            return None
        cls = nxt.qualname
    return cls


def _entry_class(idx: ConcurrencyIndex, a: Access) -> str | None:
    """The class whose method holds the first call of the chain (or the access itself)."""
    first: Event | FunctionInfo = a.reach.chain[0] if a.reach.chain else a.event
    loc = first.loc
    for q in a.context.entries:
        fn = idx.model.functions.get(q)
        if fn is not None and fn.path == loc.path and fn.loc.line <= loc.line <= (fn.loc.end_line or fn.loc.line):
            return fn.cls
    return None


def _lineage(model, cls: str) -> tuple[str, ...]:
    info = model.classes.get(cls)
    return info.ancestors if info is not None else (cls,)


def _unrelated_or_other_field(idx: ConcurrencyIndex, x: Hop, y: Hop) -> bool:
    if x[1] != y[1]:
        return True
    cx, cy = idx.model.classes.get(x[0]), idx.model.classes.get(y[0])
    if cx is None or cy is None:
        return False
    return x[0] not in cy.ancestors and y[0] not in cx.ancestors


#: calls that look at an argument and keep nothing of it
_NON_CAPTURING = frozenset({
    "len", "str", "repr", "int", "float", "bool", "bytes", "isinstance", "issubclass", "hasattr", "getattr",
    "id", "type", "hash", "print", "min", "max", "sum", "abs", "round", "sorted", "any", "all", "format",
    "debug", "info", "warning", "warn", "error", "exception", "critical", "log",
})
_PATH = re.compile(r"(?<![\w.])[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+\b(?!\s*[.(\w])")
_SELF = re.compile(r"(?<![\w.])self\b(?!\s*\.)")
_SELF_ATTR = re.compile(r"(?<![\w.])self\.(\w+)\b(?!\s*[.(\w])")
_CACHE: dict[int, tuple[ProgramModel, object]] = {}        # last model only


def _texts(ev: Event) -> tuple[str, ...]:
    """Source texts through which `ev` may hand an object on (arguments, stored or returned values)."""
    k = ev.kind
    if k in (EventKind.CALL, EventKind.BLOCKING):
        if (ev.callee or "").rsplit(".", 1)[-1] in _NON_CAPTURING:
            return ()
        return ev.args
    if k is EventKind.SPAWN:
        return (*ev.args, ev.spawn.target if ev.spawn else "")
    if k in (EventKind.WRITE, EventKind.MUTATE):
        return (*ev.args, ev.value or "")
    if k in (EventKind.RETURN, EventKind.RAISE, EventKind.AWAIT):
        return (ev.value or "",)
    return ()


def _outside_calls(code: str) -> str:
    """`code` without the argument lists of the calls in it (each call is an event of its own,
    judged by its own arguments): `len(str(self.m))` hands nothing on, `(self.m, 1)` does."""
    if "(" not in code:
        return code                       # most texts: nothing to cut (hot: every event's texts)
    out, i, n = [], 0, len(code)
    while i < n:
        j = code.find("(", i)
        if j < 0:
            out.append(code[i:])
            break
        if j and (code[j - 1].isalnum() or code[j - 1] in "_)]"):
            out.append(code[i:j])
            out.append("()")
            depth, j = 1, j + 1
            while j < n and depth:        # skip the argument list, up to its closing parenthesis
                ch = code[j]
                depth += ch == "("
                depth -= ch == ")"
                j += 1
            i = j
        else:
            out.append(code[i:j + 1])
            i = j + 1
    return "".join(out)


def _sole_fields(model: ProgramModel):
    """`sole(cls, field)` for `model` (the scan of every body runs once per model)."""
    hit = _CACHE.get(id(model))
    if hit is not None and hit[0] is model:
        return hit[1]
    methods = {name for c in model.classes.values() for name in c.methods}
    leaked: set[str] = set()                    # fields whose object is handed on somewhere
    hands_self: set[str] = set()                # classes whose methods hand out `self`
    stored: dict[tuple[str, str], list[str]] = {}   # (class, field) -> values `self.<field> = ...`
    foreign: set[str] = set()                   # fields assigned through another object: `x.<field> = v`
    for fn in model.functions.values():
        for ev in fn.events():
            if ev.kind is EventKind.WRITE and ev.target and "." in ev.target:
                head, _, name = ev.target.rpartition(".")
                if head == "self" and fn.cls:
                    stored.setdefault((fn.cls, name), []).append(ev.value or "")
                else:
                    foreign.add(name)
            for text in _texts(ev):
                code = _outside_calls(strip_strings(text))
                for m in _PATH.finditer(code):
                    parts = m.group(0).split(".")
                    leaked.add(parts[-1])
                    if parts[-1] in methods and len(parts) > 2:
                        leaked.add(parts[-2])        # `self.meter.measure` handed on: a bound method carries `meter`
                if fn.cls and _hands_self(model, fn.cls, code):
                    hands_self.add(fn.cls)
        parent = model.functions.get(fn.qualname.rpartition(".")[0])
        if parent is not None and parent.cls and any(   # a closure in a method may carry `self` anywhere
                "self" in t for ev in fn.events()
                for t in (*ev.args, *ev.reads, ev.value or "", ev.target or "", ev.callee or "")):
            hands_self.add(parent.cls)
    memo: dict[tuple[str, str], bool] = {}

    def sole(cls: str, field: str) -> bool:
        key = (cls, field)
        out = memo.get(key)
        if out is None:
            out = memo[key] = (field not in leaked and field not in foreign
                               and _sole(model, cls, field, hands_self, stored))
        return out

    sole.hands_self = frozenset(hands_self)
    _CACHE.clear()
    _CACHE[id(model)] = (model, sole)
    return sole


def hands_out_self(model: ProgramModel, cls: str) -> bool:
    """A method of `cls` (or of a base) passes on `self`, a bound method or a closure over it:
    its objects may be reachable from elsewhere as soon as they are built."""
    return bool(set(_lineage(model, cls)) & _sole_fields(model).hands_self)


def _hands_self(model: ProgramModel, cls: str, code: str) -> bool:
    """`code` passes on `self`, a bound method of it (`self.on_done`) or a lambda over it."""
    if _SELF.search(code) or ("lambda" in code and "self" in code):
        return True
    info = model.classes.get(cls)
    return info is not None and any(m.group(1) in info.methods for m in _SELF_ATTR.finditer(code))


def _sole(model: ProgramModel, cls: str, field: str, hands_self: set[str],
          stored: dict[tuple[str, str], list[str]]) -> bool:
    info = model.attribute(cls, field)
    holder = model.classes.get(cls)
    if info is None or holder is None or info.kind is not AttrKind.OBJECT or not info.type_name:
        return False
    kind = model.classes.get(info.type_name)
    if kind is None or any(a in hands_self for a in kind.ancestors):
        return False
    lineage = set(holder.ancestors) | {q for q, c in model.classes.items() if cls in c.ancestors}
    values = [v for c in lineage for v in stored.get((c, field), ()) if v != "None"]
    made = {v.partition("(")[0].strip() for v in values}
    # every value is a call of one constructor, the one of the field's class
    return (len(made) == 1 and all(v.endswith(")") for v in values)
            and next(iter(made)).rsplit(".", 1)[-1] == kind.name)


_INJECTED: dict[int, tuple[ProgramModel, object]] = {}     # last model only
Site = tuple[Event, tuple[Event, ...], dict[str, str], FunctionInfo | None]   # call, caller's events, built, caller
_CONSTRUCTION = re.compile(r"^([A-Za-z_][\w.]*)\(.*\)$", re.S)
_MAX_FORWARDS = 4                    # `super().__init__(param)` hops followed up a class hierarchy


def _fresh_injected(model: ProgramModel):
    """`fresh(cls, field)`: `self.<field> = <param>` in the constructor, and every construction of
    `cls` in scope passes that parameter a fresh object: a `Cls(...)` call, or a local built by
    one and handed to nothing else (`Uploader(Stats())`), or a parameter of a subclass's
    constructor handed on by `super().__init__(...)` that is fresh in turn. Each holder then has
    its own object, as if it built it itself (tests/corpus/il103_injected_fresh_per_owner). A
    construction through a name or field bound to the class counts (`factory = Conn;
    factory(sock, Proto())`, tests/corpus/il103_parser_of_each_client). No construction in
    scope: unknown, not fresh."""
    hit = _INJECTED.get(id(model))
    if hit is not None and hit[0] is model:
        return hit[1]
    sites: dict[str, list[Site]] = {}     # __init__ -> (call, caller's events, caller's built locals, caller)
    bodies = [(tuple(fn.events()), fn.built, fn) for fn in model.functions.values()]
    bodies += [(tuple(iter_events(m.body)), {}, None) for m in model.modules.values()]
    calls: dict[str, list[tuple[Event, FunctionInfo | None]]] = {}   # resolved callee -> (call, caller)
    for events, _, fn in bodies:
        for ev in events:
            if ev.kind is EventKind.CALL and ev.resolved:
                calls.setdefault(ev.resolved, []).append((ev, fn))
    for events, built, fn in bodies:
        for ev in events:
            init = _constructor_called(model, ev) or _class_value_called(model, calls, fn, ev)
            if init is not None:
                sites.setdefault(init, []).append((ev, events, built, fn))
    memo: dict[tuple[str, str], bool] = {}

    def fresh(cls: str, field: str) -> bool:
        key = (cls, field)
        if key not in memo:
            memo[key] = _injected_fresh(model, sites, cls, field)
        return memo[key]

    _INJECTED.clear()
    _INJECTED[id(model)] = (model, fresh)
    return fresh


#: field kinds whose object a constructor argument may hand in fresh: objects of classes in scope,
#: and ORM sessions from a session factory (tests/corpus/il702_thread_object_own_session)
_INJECTABLE = frozenset({AttrKind.OBJECT, AttrKind.SQL_SESSION})


def owned_per_holder(model: ProgramModel, cls: str, field: str) -> bool:
    """Each object of `cls` holds its own object in `field`: its constructor builds it
    (`self.db = SessionLocal()`) or every construction hands a fresh one in (`Worker(SessionLocal())`).
    A field bound only in the class body (`session = SessionLocal()` under `class Worker:`) is
    one object every instance reaches (tests/corpus/il702_session_on_thread_class_body)."""
    info = model.attribute(cls, field)
    if info is None or not info.init_only or info.on_class:
        return False
    return _constructs(model, info.value or "") or _fresh_injected(model)(cls, field) \
        or info.is_class_attr and _built_by_constructor(model, cls, field)


def _built_by_constructor(model: ProgramModel, cls: str, field: str) -> bool:
    """A class-body default (`db = None`, `db: Session | None = None`) that the constructor replaces
    with an object it builds (`self.db = SessionLocal()`): the first value is the default, the
    constructor's is each object's own (tests/corpus/il702_session_on_thread_class_body, fixed)."""
    info = model.classes.get(cls)
    init = model.functions.get(info.methods.get("__init__", "")) if info is not None else None
    if init is None:
        return False
    writes = [ev for ev in init.events() if ev.kind is EventKind.WRITE and ev.target == f"self.{field}"]
    return bool(writes) and all(_constructs(model, ev.value or "") for ev in writes)


def _constructor_called(model: ProgramModel, ev: Event) -> str | None:
    """The `__init__` a call runs: `Cls(...)`, or the construction of a Thread subclass, which the
    extractor records as the spawn of its `run` (`Worker(SessionLocal()).start()`)."""
    if ev.kind is EventKind.CALL and (ev.resolved or "").endswith(".__init__"):
        return ev.resolved
    if ev.kind is not EventKind.SPAWN or ev.spawn is None or ev.spawn.via != ev.callee:
        return None
    cls = model.classes.get((ev.spawn.resolved or "").rpartition(".")[0])
    return cls.methods.get("__init__") if cls is not None and cls.is_thread else None


def _class_value_called(model: ProgramModel, calls, fn: FunctionInfo | None, ev: Event) -> str | None:
    """The `__init__` an unresolved `factory(...)` or `self.factory(...)` runs when that name is
    bound only to a class of the program: in `fn` or the function it is nested in
    (`FunctionInfo.classes`), or, for a field, by the constructor that set it from such a name."""
    if fn is None or ev.kind is not EventKind.CALL or ev.resolved or not ev.callee:
        return None
    head, _, rest = ev.callee.partition(".")
    if not rest and head.isidentifier():
        ref = _enclosing_class_name(model, calls, fn, head)
    elif head == "self" and rest.isidentifier() and fn.cls:
        ref = _field_class_name(model, calls, fn.cls, rest)
    else:
        return None
    cls = model.find_class(ref) if ref else None
    return cls.methods.get("__init__") if cls is not None else None


def _enclosing_class_name(model: ProgramModel, calls, fn: FunctionInfo, name: str) -> str | None:
    """The class `name` is bound to in `fn` or, when `fn` does not bind it, in an enclosing function."""
    while fn is not None:
        if name in fn.classes:
            return fn.classes[name] if _defaulted_here(fn, name, calls) else None
        if name in fn.params or name in fn.built or name in fn.made or name in fn.fetched:
            return None
        fn = model.functions.get(fn.qualname.rpartition(".")[0])
    return None


def _field_class_name(model: ProgramModel, calls, cls: str, field: str) -> str | None:
    """`self.<field>` set once, in the constructor, to a class or to a name it bound to one."""
    info = model.attribute(cls, field)
    value = (info.value or "").strip() if info is not None and info.init_only else ""
    if not value.isidentifier():
        return value if value and _dotted(value) and model.find_class(value) else None
    for base in _lineage(model, cls):
        init = model.functions.get(model.classes[base].methods.get("__init__", "")) if base in model.classes else None
        if init is not None and value in init.classes:
            return init.classes[value] if _defaulted_here(init, value, calls) else None
    return value if model.find_class(value) is not None else None


def _defaulted_here(fn: FunctionInfo, name: str, calls) -> bool:
    """A local bound to a class, or a parameter (`factory=None`, then `factory = Conn`) that no
    call in scope sets to anything but its default (a factory of this program handed in instead
    may share what it is given: unknown)."""
    return name not in fn.params or _only_defaults(fn, name, calls, 0)


def _only_defaults(fn: FunctionInfo, name: str, calls, depth: int) -> bool:
    """No call of `fn` in scope passes `name` anything but None, or a parameter of its caller (or
    its `**kwargs`) that no call of that caller sets either."""
    if depth > _MAX_FORWARDS:
        return False
    params = list(fn.params[1:] if fn.cls and not fn.is_static else fn.params)
    for call, caller in calls.get(fn.qualname, ()):
        value = bind_params(params, call.args, partial=True).get(name)
        starred = value is None and any(a.startswith("*") for a in call.args)
        if value == "None" or (value is None and not starred):
            continue
        if starred:                      # `f(*args, **kwargs)`: whatever the caller's callers pass it
            value = name
        elif caller is None or value not in caller.params or value in caller.classes:
            return False
        if caller is None or not _only_defaults(caller, value, calls, depth + 1):
            return False
    return True


def _dotted(text: str) -> bool:
    return all(p.isidentifier() for p in text.split("."))


def _injected_fresh(model: ProgramModel, sites, cls: str, field: str) -> bool:
    info, owner = model.attribute(cls, field), model.classes.get(cls)
    init = model.functions.get(owner.methods.get("__init__", "")) if owner is not None else None
    param = (info.value or "").strip() if info is not None else ""
    if init is None or not info.init_only or info.kind not in _INJECTABLE or param not in init.params[1:]:
        return False
    return _param_fresh(model, sites, init, param, 0)


def _param_fresh(model: ProgramModel, sites, init: FunctionInfo, param: str, depth: int) -> bool:
    """Every construction in scope that runs `init` passes `param` a fresh object."""
    calls = sites.get(init.qualname, ())
    return bool(calls) and all(
        _fresh_argument(model, sites, bind_arguments(init, site[0].args).get(param), site, depth) for site in calls)


def _fresh_argument(model: ProgramModel, sites, text: str | None, site: Site, depth: int) -> bool:
    """A `Cls(...)` argument, a local built once by one and handed to nothing else, or a
    subclass constructor's parameter handed on only to `super().__init__(...)` and fresh itself."""
    call, events, built, fn = site
    if not text:
        return False
    if _constructs(model, text):
        return True
    if _forwarded(fn, text, call) and depth < _MAX_FORWARDS:
        return _alone(text, call, events) and _param_fresh(model, sites, fn, text, depth + 1)
    if text.isidentifier() and fn is not None and fn.handles.get(text) is AttrKind.SQL_SESSION and not _in_loop(call):
        # `db = SessionLocal()` ... `Repo(db)` ... `db.close()`: a session of this call's own, which
        # it only closes when done (tests/corpus/il702_dependency_yields_fresh_repo)
        return _alone(text, call, tuple(e for e in events if (e.callee or "") != f"{text}.close"))
    if not text.isidentifier() or text not in built or _in_loop(call):
        return False                     # a local handed to each construction of a loop: one object for all
    return _alone(text, call, events)


def _forwarded(fn: FunctionInfo | None, text: str, call: Event) -> bool:
    """`super().__init__(..., text, ...)` in a constructor whose parameter `text` is."""
    return (fn is not None and fn.name == "__init__" and text in fn.params[1:]
            and (call.callee or "").startswith("super()"))


def _alone(text: str, call: Event, events: tuple[Event, ...]) -> bool:
    """No event but `call` hands on, stores or calls through the object `text` names (the calls
    inside a stored value are events of their own: `c = make(sock, p)` hands `p` to `make` only)."""
    word = re.compile(rf"(?<![\w.]){re.escape(text)}\b")
    return not any(e is not call and (e.receiver == text or any(
        word.search(_outside_calls(strip_strings(t))) for t in _texts(e))) for e in events)


def _in_loop(ev: Event) -> bool:
    return ev.repeated or (ev.spawn is not None and ev.spawn.many)


def _constructs(model: ProgramModel, text: str) -> bool:
    """`Cls(...)` of a class in scope, or a call of a module-level factory that makes a new object
    each call (`SessionLocal()` of `SessionLocal = sessionmaker(...)`; a `scoped_session` hands the
    calling thread's one session, the same to every object that thread builds)."""
    m = _CONSTRUCTION.match(text.strip())
    if m is None:
        return False
    name = m.group(1).rsplit(".", 1)[-1]
    return model.find_class(name) is not None or any(
        g.kind is AttrKind.SESSION_FACTORY and "scoped_session" not in (g.value or "")
        for mod in model.modules.values() if (g := mod.globals.get(name)) is not None)

