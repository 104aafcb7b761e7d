"""Where a called callable comes from: the program's own code, or code handed in from outside.

IL303 reports only foreign callbacks. A callable is the program's own when every value that
reaches it is a lambda, a nested function of the code that passes or stores it, a method of its
class (`self._mix_mono`), or a function in scope (tests/corpus/il303_own_closure_swap,
il303_own_strategy_attr). A session factory (`sessionmaker`, `Callable[[], Session]`) builds
sessions; it never calls back into the object. Anything else - a parameter passed on, a value
from a setter or `register` call, a callable with no visible source - stays foreign.
"""
from __future__ import annotations

import builtins
import re
import sys

from interlock.models.listeners import stored_in_field
from interlock.models.program import AttributeInfo, EventKind, FunctionInfo, ProgramModel

_FACTORY = re.compile(r"\b(async_)?sessionmaker\b|\bscoped_session\b|Callable\[.*\b\w*Session\]\s*$")
_PARTIAL = re.compile(r"^(functools\.)?partial\(\s*([\w.]+)")
_TERNARY = re.compile(r"^(.+?)\s+if\s+.+?\s+else\s+(.+)$")
_TYPE_OF = re.compile(r"^((typing\.)?Optional\[)?(typing\.)?[Tt]ype\[[\w.]+\]\]?(\s*\|\s*None)?$")


def is_session_factory(info: AttributeInfo) -> bool:
    return any(_FACTORY.search(x or "") for x in (info.annotation, info.type_name, info.value))


def is_own_callable(model: ProgramModel, where: FunctionInfo, value: str) -> bool:
    """`value` (source, as passed or assigned in `where`) names code the program defines."""
    v = value.strip()
    m = _TERNARY.match(v)
    if m:
        return is_own_callable(model, where, m.group(1)) and is_own_callable(model, where, m.group(2))
    m = _PARTIAL.match(v)
    if m:
        v = m.group(2)
    if v.startswith("lambda") or v == "None":
        return True
    if _from_python(model, where, v):
        return True
    if f"{where.qualname}.{v}" in model.functions or f"{where.module}.{v}" in model.functions:
        return True
    if v.startswith(("self.", "cls.")) and v.count(".") == 1 and where.cls:
        cls = model.classes.get(where.cls)
        return cls is not None and v.split(".", 1)[1] in cls.methods
    if v.startswith("self.") and v.count(".") == 2 and where.cls:
        # a bound method of a sub-object the class builds itself (`self._recv = self._conn.recv_bytes`
        # after `self._conn = Pipe()`): its own plumbing, not a listener handed in
        # (tests/corpus/il303_own_subobject_method)
        return _built_here(model, where.cls, v.split(".")[1])
    return False


#: Python's own callables: builtins (`memoryview`, `bytes`, `len`) that code names without an import
_BUILTINS = frozenset(n for n, o in vars(builtins).items() if callable(o) and not n.startswith("_"))
_DOTTED = re.compile(r"^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$")


def _from_python(model: ProgramModel, where: FunctionInfo, v: str) -> bool:
    """`v` names a builtin or a function of a standard-library module the module imports
    (`zlib.compress`, `json.dumps`): code the program picked from Python itself, which runs none
    of the program's or a caller's code back (tests/corpus/il303_python_builtin_stored_as_encoder).
    A parameter, local or module name that shadows the builtin is not it."""
    if not _DOTTED.match(v):
        return False
    head = v.split(".", 1)[0]
    if head in where.params or head in where.ref_locals or \
            any(ev.kind is EventKind.WRITE and ev.target == head for ev in where.events()):
        return False
    module = model.modules.get(where.module)
    imported = module.imports.get(head) if module is not None else None
    if imported is not None:
        return imported.split(".", 1)[0] in sys.stdlib_module_names and imported.split(".", 1)[0] != "__main__"
    if "." in v or f"{where.module}.{v}" in model.functions or f"{where.module}.{v}" in model.classes:
        return False
    return v in _BUILTINS and not (module is not None and any(
        getattr(node, "kind", None) is EventKind.WRITE and node.target == v for node in module.body))


def _built_here(model: ProgramModel, cls: str, attr: str) -> bool:
    """Every store of `self.attr` puts a call result there (not a parameter); `__setstate__`
    only restores a pickled copy of what the class built."""
    mro = model.classes[cls].ancestors if cls in model.classes else (cls,)
    stores = [ev.value or "" for fn in model.functions.values() if fn.cls in mro and fn.name != "__setstate__"
              for ev in fn.events() if ev.kind is EventKind.WRITE and ev.target == f"self.{attr}"]
    return bool(stores) and all("(" in v and not v.lstrip().startswith("lambda") for v in stores)


def attribute_is_own(model: ProgramModel, owner: str, attr: str, memo: dict) -> bool:
    """Every store of `owner.attr` anywhere in the model puts the program's own callable there,
    directly or through the parameters of the constructors and functions that hand it down
    (`_value_is_own`)."""
    key = ("attr", owner, attr)
    if key not in memo:
        stores = _field_stores(model, owner, attr, memo)
        memo[key] = bool(stores) and all(_value_is_own(model, fn, v, memo, _DEPTH, owner) for fn, v in stores)
    return memo[key]


_DEPTH = 6


def _value_is_own(model: ProgramModel, where: FunctionInfo, value: str, memo: dict, depth: int,
                  owner: str | None = None) -> bool:
    """`value` (as written in `where`) is the program's own callable or None: named directly, or a
    parameter of `where` that every call site in scope fills with one, or a local bound once to
    one (`maker = Stats._build if info else None`), followed through at most `depth` hops. A
    function outside code may call (public, in a public module) can receive anything
    (tests/corpus/il303_stats_maker_through_private_wrappers)."""
    v = value.strip()
    if is_own_callable(model, where, v):
        return True
    if depth <= 0:
        return False
    m = _TERNARY.match(v)
    if m:
        return all(_value_is_own(model, where, part, memo, depth - 1, owner) for part in m.groups())
    if not v.isidentifier() or v in ("self", "cls"):
        return False
    if v in where.params:
        return _parameter_chain(model, where, v, memo, depth - 1, owner)
    ref = where.ref_locals.get(v)
    if ref is not None:
        return _value_is_own(model, where, ref, memo, depth - 1, owner)
    return _bound_to_class(model, where, v, memo)


#: sources whose value is a class (or a part of `sys.exc_info()`: the exception's class, the
#: exception, its traceback): calling one constructs an object, no callback runs
_CLASS_SOURCE = re.compile(r"^(?:(?:sys\.)?exc_info\(\)(?:\[\d\])?|type\(\s*\w+\s*\)|\w+\.__class__)$")


def is_class_source(value: str) -> bool:
    return _CLASS_SOURCE.match(value.strip()) is not None


def _bound_to_class(model: ProgramModel, where: FunctionInfo, name: str, memo: dict) -> bool:
    """The local `name` of `where` holds an exception's class: every binding of it takes (a part
    of) `sys.exc_info()`, `type(e)` or `e.__class__`, directly or from a field every store of
    which is one of those or None (`e_type, e_value, tb = self.exception` after `self.exception
    = sys.exc_info()` in a worker): calling it raises nothing foreign
    (tests/corpus/il303_exception_class_from_exc_info)."""
    values = [ev.value or "" for ev in where.events() if ev.kind is EventKind.WRITE and ev.target == name]
    return bool(values) and all(is_class_source(v) or _field_of_classes(model, where, v.strip(), memo) for v in values)


def _field_of_classes(model: ProgramModel, where: FunctionInfo, value: str, memo: dict) -> bool:
    if not value.startswith("self.") or value.count(".") != 1 or not where.cls:
        return False
    stores = _field_stores(model, where.cls, value.split(".", 1)[1], memo)
    return bool(stores) and all(v.strip() == "None" or is_class_source(v) for _, v in stores)


def _parameter_chain(model: ProgramModel, fn: FunctionInfo, param: str, memo: dict, depth: int,
                     owner: str | None) -> bool:
    key = ("chain", fn.qualname, param, owner)
    if key not in memo:
        memo[key] = False                 # a value that only comes round a cycle is not shown own
        if _may_escape(model, fn):
            return False
        sites = [(c, ev) for c, ev in _calls(model, memo).get(fn.qualname, ()) if _builds_owner(model, c, ev, owner)]
        memo[key] = bool(sites) and all(
            (a := _argument(fn, ev.args, param, _unbound(fn, ev))) is None or _value_is_own(model, c, a, memo, depth, owner)
            for c, ev in sites)
    return memo[key]


def _unbound(fn: FunctionInfo, ev) -> bool:
    """`Base.__init__(self, ...)`: a method called through its class, `self` passed first."""
    callee = ev.callee or ""
    return bool(fn.cls and not fn.is_static and ev.args and ev.args[0] in ("self", "cls")
                and "." in callee and not callee.startswith(("self.", "cls.", "super(")))


def _builds_owner(model: ProgramModel, caller: FunctionInfo, ev, owner: str | None) -> bool:
    """Following a field of `owner`: a base constructor run from the constructor of another
    subclass (`Base.__init__(self, ...)`, `super().__init__(...)`) fills another class's field."""
    if owner is None or caller.name != "__init__" or not caller.cls:
        return True
    callee = ev.callee or ""
    if not (callee.startswith("super(") or ev.args[:1] == ("self",)):
        return True
    mro = model.classes[owner].ancestors if owner in model.classes else (owner,)
    return caller.cls in mro


def _may_escape(model: ProgramModel, fn: FunctionInfo) -> bool:
    """Code outside the program may call `fn` with any value: a public function or method of a
    public class in a public module, or a nested function (which its factory may hand out)."""
    parent = fn.qualname.rsplit(".", 1)[0]
    if parent in model.functions:
        return True
    if any(p.startswith("_") and not p.startswith("__") for p in fn.module.split(".")):
        return False
    if fn.cls:
        short = fn.cls.rsplit(".", 1)[-1]
        private = fn.name.startswith("_") and not fn.name.endswith("__")
        return not (short.startswith("_") or private)
    return not fn.name.startswith("_")


def attribute_holds_class(model: ProgramModel, owner: str, attr: str, memo: dict) -> bool:
    """`owner.attr` holds a class, so calling it constructs an object instead of running a
    callback: annotated `type[Conn]`, or every store puts there a class name, a local bound to
    one, or a parameter whose signature takes a class (`connection_class=Connection`,
    `factory: type[Conn]`; FunctionInfo.class_params). What the class's constructor does is the
    program's or a library's code, not a listener a caller registered
    (tests/corpus/il303_injected_class_constructed)."""
    key = ("class", owner, attr)
    if key not in memo:
        info = model.attribute(owner, attr)
        stores = _field_stores(model, owner, attr, memo)
        memo[key] = (info is not None and bool(_TYPE_OF.match((info.annotation or "").strip("'\""))) or
                     bool(stores) and all(_names_class(model, fn, v.strip()) for fn, v in stores))
    return memo[key]


def _names_class(model: ProgramModel, fn: FunctionInfo, value: str) -> bool:
    if value in fn.params:
        return value in fn.class_params
    if value in fn.classes:
        return True
    last = value.rsplit(".", 1)[-1].lstrip("_")
    if value in ("None", "True", "False"):
        return False
    return all(p.isidentifier() for p in value.split(".")) and (
        model.find_class(value) is not None or last[:1].isupper() and not last.isupper())


def _field_stores(model: ProgramModel, owner: str, attr: str, memo: dict) -> list[tuple[FunctionInfo, str]]:
    """(storing function, value source) of every store of `owner.attr` (or of `self.attr` in a
    class of its lineage) anywhere in the model."""
    mro = model.classes[owner].ancestors if owner in model.classes else (owner,)
    return [(fn, ev.value or "") for fn, ev in _writes(model, memo).get(attr, ())
            if (model.resolve(fn.cls, ev.target or "") or ("", ""))[0] in mro and ev.target.startswith("self.")
            or model.resolve(fn.cls, ev.target or "") == (owner, attr)]


def registered_objects(model: ProgramModel, owner: str, attr: str, memo: dict) -> bool:
    """Every store into the container field `owner.attr` puts there an object a caller hands to the
    storing method (`def subscribe(self, obs): self._observers.append(obs)`), typed by nothing
    outside the program: observers whose methods are code from outside the class. Threads,
    connections or files the class builds, or parameters typed by a library class, are not."""
    key = ("registered", owner, attr)
    if key not in memo:
        mro = model.classes[owner].ancestors if owner in model.classes else (owner,)
        stores = [(fn, hit[1]) for fn in model.functions.values() if fn.cls in mro
                  for ev in fn.events() for hit in (stored_in_field(ev),) if hit is not None and hit[0] == attr]
        memo[key] = bool(stores) and all(v in fn.params and _untyped_or_own(model, fn.param_types.get(v))
                                         for fn, v in stores)
    return memo[key]


def _untyped_or_own(model: ProgramModel, annotation: str | None) -> bool:
    name = (annotation or "").strip("'\"").split("[")[0].rsplit(".", 1)[-1]
    return not name or any(q.rsplit(".", 1)[-1] == name for q in model.classes)


def parameter_is_own(model: ProgramModel, fn: FunctionInfo, param: str, memo: dict) -> bool:
    """Every call of `fn` in scope passes the program's own callable as `param` (or leaves it out)."""
    key = ("param", fn.qualname, param)
    if key not in memo:
        sites = _calls(model, memo).get(fn.qualname, ())
        values = [(caller, _argument(fn, ev.args, param, _unbound(fn, ev))) for caller, ev in sites]
        memo[key] = bool(sites) and all(v is None or _value_is_own(model, c, v, memo, _DEPTH) for c, v in values)
    return memo[key]


def _calls(model: ProgramModel, memo: dict) -> dict[str, list]:
    if "calls" not in memo:
        out: dict[str, list] = {}
        for fn in model.functions.values():
            for ev in fn.events():
                if ev.kind is EventKind.CALL and ev.resolved:
                    out.setdefault(ev.resolved, []).append((fn, ev))
        memo["calls"] = out
    return memo["calls"]


def _writes(model: ProgramModel, memo: dict) -> dict[str, list]:
    if "writes" not in memo:
        out: dict[str, list] = {}
        for fn in model.functions.values():
            for ev in fn.events():
                if ev.kind is EventKind.WRITE and ev.target and "." in ev.target:
                    out.setdefault(ev.target.rsplit(".", 1)[1], []).append((fn, ev))
        memo["writes"] = out
    return memo["writes"]


def _argument(fn: FunctionInfo, args: tuple[str, ...], param: str, unbound: bool = False):
    """The source passed for `param` at a call (None when left to its default); `unbound`: the
    call passes `self` first (`Base.__init__(self, ...)`)."""
    positional = [a for a in args if not re.match(r"^\w+=", a) and not a.startswith("*")]
    for a in args:
        if a.startswith(param + "="):
            return a.split("=", 1)[1]
        if a.startswith("*"):
            return ""                      # *args / **kwargs: unknown, treated as foreign
    params = [p for p in fn.params if p not in ("self", "cls")] if fn.cls and not fn.is_static else list(fn.params)
    if unbound:
        positional = positional[1:]
    i = params.index(param) if param in params else -1
    return positional[i] if 0 <= i < len(positional) else None
