"""ClassInfo for one file's classes: bases, flags, own attributes (pre-pass) and own methods.

Attributes are gathered before the methods are walked (statement level only): class-level
assignments and annotations, and `self.x = ...` anywhere in the methods, with `__init__`
parameter annotations giving the type of `self.x = x`. `init_only` is decided after the walk,
once it is known which private helpers only constructors call.
"""
from __future__ import annotations

import libcst as cst

from interlock.extractor import catalogue as cat
from interlock.extractor.attributes import (OWN_PLAIN_LOCK, AttributeBuilder, ValueFacts, _Returns, annotation_facts,
                                            factories, lock_makers, returned_classes, value_facts)
from interlock.extractor.functions import build_function, decorator_text, is_property, node_location
from interlock.extractor.cstwalk import findall, visit
from interlock.extractor.imports import blocks, dotted, imports_package
from interlock.extractor.lock_params import lock_params
from interlock.extractor.lockhelpers import find_lock_helpers, find_lock_takers
from interlock.extractor.orderers import order_helpers
from interlock.extractor.scope import ClassFacts, FileScope
from interlock.extractor.thread_notes import confined_by_doc, docstring
from interlock.models.program import LOCK_KINDS, AttributeInfo, AttrKind, ClassInfo, EventKind, iter_events


def _body(node: cst.ClassDef | cst.FunctionDef) -> list:
    body = node.body
    return [body] if isinstance(body, cst.SimpleStatementSuite) else list(body.body)


def resolve_base(scope: FileScope, expr: cst.BaseExpression) -> str:
    name = dotted(expr.value if isinstance(expr, cst.Subscript) else expr)
    if name is None:
        return scope.code(expr)
    if name.split(".")[0] in scope.module_defs or name in scope.classes:
        return scope.qualify(name)
    return scope.imports.resolve(name)


def build_class(scope: FileScope, node: cst.ClassDef, prefix: str) -> None:
    qualname = f"{prefix}.{node.name.value}"
    local = qualname[len(scope.module) + 1:] if scope.module and qualname.startswith(scope.module + ".") else qualname
    bases = tuple(resolve_base(scope, a.value) for a in node.bases if a.keyword is None)
    decorators = tuple(decorator_text(scope, d) for d in node.decorators)
    stmts = _body(node)
    methods = [s for s in stmts if isinstance(s, cst.FunctionDef)]
    facts = ClassFacts(qualname, {m.name.value for m in methods}, is_thread=_is_thread(scope, bases),
                       properties={m.name.value for m in methods
                                   if is_property(tuple(decorator_text(scope, d) for d in m.decorators))})
    facts.library_lock, direct = _library_lock(scope, bases)
    scope.classes[local] = facts
    is_dataclass = any(d.split("(")[0] in cat.DATACLASS for d in decorators)
    builder = facts.pending = AttributeBuilder(qualname)
    # before the attributes: a lock wrapper's constructor parameters are typed by them (lock_params)
    facts.lock_helpers = _lock_helpers(scope, bases, methods)
    facts.lock_takers = find_lock_takers(scope, methods, is_method=True, inherited={
        name: t for b in bases if (base := scope.class_facts(b)) is not None for name, t in base.lock_takers.items()})
    facts.orderers = order_helpers(scope, methods, is_method=True)
    facts.nonblocking = nonblocking_fields(scope, methods)
    facts.lock_makers = lock_makers(scope, methods)
    _class_level(scope, stmts, builder, dataclass=is_dataclass)
    for m in methods:
        _method_attributes(scope, m, builder)
    made = facts.library_lock if direct else None
    facts.attributes = _with_library_lock(builder.build(set(cat.INIT_METHODS) | {None}), made, qualname)
    facts.pending = None
    facts.returns = returned_classes(scope, methods)
    own_locals = {f"self.{n}" for n, a in facts.attributes.items() if a.kind is AttrKind.THREAD_LOCAL}
    facts.fresh = factories(methods, facts.returns, frozenset(own_locals) | scope.confined, scope)
    for s in stmts:
        if isinstance(s, cst.FunctionDef):
            build_function(scope, s, qualname, facts, is_method=True)
        elif isinstance(s, cst.ClassDef):
            build_class(scope, s, qualname)
    init = _init_methods(scope, facts)
    attrs = _with_library_lock({**_properties(scope, qualname, methods), **builder.rebuild(init)}, made, qualname)
    facts.attributes = attrs
    scope.class_infos[qualname] = ClassInfo(
        qualname=qualname, name=node.name.value, module=scope.module, path=scope.path,
        loc=node_location(scope, node), bases=bases, attributes=attrs,
        methods={m.name.value: f"{qualname}.{m.name.value}" for m in methods}, decorators=decorators,
        is_enum=_is_enum(scope, bases), enum_members=_enum_members(stmts) if _is_enum(scope, bases) else (),
        is_thread=facts.is_thread, is_frozen=_is_frozen(bases, decorators),
        locked_hooks={m: (f"self.{made[0]}",) for m in made[1]} if made else {},
        confines=_confines(scope, node, qualname))


def _confines(scope: FileScope, node: cst.ClassDef, qualname: str) -> tuple[str, ...]:
    """The classes (qualified; this one or others it names) the class docstring says must stay in
    one thread (extractor/thread_notes.py); names that are no class in scope are dropped later."""
    doc = docstring(node)
    if not doc:
        return ()
    own = node.name.value

    def known(name: str) -> bool:
        return name in scope.module_defs or name in scope.imports.names
    names = confined_by_doc(doc, own, known)
    return tuple(qualname if n == own else (scope.qualify(n) if n in scope.module_defs else scope.imports.resolve(n))
                 for n in names)


def nonblocking_fields(scope: FileScope, methods: list) -> frozenset[str]:
    """`self.<f>` paths of the socket fields a method of the class puts in non-blocking mode
    (`self._sock.setblocking(False)`, `settimeout(0)`): a readiness callback's `self._sock.recv()` then
    returns at once (tests/corpus/il401_signal_and_reader_callbacks_not_loop_stalls). Only in files
    that import `socket` (or a module under it)."""
    if not imports_package(scope.imports.names.values(), "socket"):
        return frozenset()
    out = set()
    for m in methods:
        for call in findall(m, cst.Call):
            f = call.func
            if isinstance(f, cst.Attribute) and f.attr.value in cat.NONBLOCKING_SETTERS and len(call.args) == 1 \
                    and scope.code(call.args[0].value) in cat.NONBLOCKING_SETTERS[f.attr.value]:
                target = scope.code(f.value)
                if target.startswith("self.") and target.count(".") == 1:
                    out.add(target)
    return frozenset(out)


def _library_lock(scope: FileScope, bases: tuple[str, ...]):
    """The lock a library base makes for each instance (catalogue.LOCKED_LIBRARY_BASES), and
    whether a base named here is that library class (else a class of this file that derives from it)."""
    for b in bases:
        if b in cat.LOCKED_LIBRARY_BASES:
            return cat.LOCKED_LIBRARY_BASES[b], True
        facts = scope.class_facts(b)
        if facts is not None and facts.library_lock is not None:
            return facts.library_lock, False
    return None, False


def _with_library_lock(attrs: dict[str, AttributeInfo], made, qualname: str) -> dict[str, AttributeInfo]:
    """`attrs` with the field holding the lock the library base's constructor makes (`self.lock
    = threading.RLock()` in logging's `Handler.__init__`), unless the class assigns it itself."""
    if made is None or made[0] in attrs:
        return attrs
    lock = AttributeInfo(name=made[0], kind=AttrKind.RLOCK, type_name="threading.RLock", declared_in=qualname,
                         value="threading.RLock()", init_only=True)
    return {**attrs, made[0]: lock}


def _lock_helpers(scope: FileScope, bases: tuple[str, ...], methods: list) -> dict:
    """Own helpers that hand out a lock, then those inherited from bases of this file."""
    found = find_lock_helpers(scope, methods, is_method=True)
    for b in bases:
        facts = scope.class_facts(b)
        for name, helper in (facts.lock_helpers if facts is not None else {}).items():
            if name not in found and name not in {m.name.value for m in methods}:
                found[name] = helper
    return found


def _is_thread(scope: FileScope, bases: tuple[str, ...]) -> bool:
    for b in bases:
        facts = scope.class_facts(b)
        if b in cat.THREAD_BASES or (facts is not None and facts.is_thread):
            return True
    return False


def _is_enum(scope: FileScope, bases: tuple[str, ...]) -> bool:
    return any(b in cat.ENUM_BASES or (b in scope.class_infos and scope.class_infos[b].is_enum) for b in bases)


def _is_frozen(bases: tuple[str, ...], decorators: tuple[str, ...]) -> bool:
    if any(b in cat.FROZEN_BASES for b in bases):
        return True
    return any(d.split("(")[0] in cat.DATACLASS and ("frozen=True" in d.replace(" ", "") or d.endswith("frozen"))
               for d in decorators)


def _enum_members(stmts: list) -> tuple[str, ...]:
    out = []
    for s in stmts:
        for small in getattr(s, "body", ()) if isinstance(s, cst.SimpleStatementLine) else ():
            targets = [t.target for t in small.targets] if isinstance(small, cst.Assign) else []
            for t in targets:
                if isinstance(t, cst.Name) and not t.value.startswith("_"):
                    out.append(t.value)
    return tuple(out)


def _class_level(scope: FileScope, stmts: list, builder: AttributeBuilder, dataclass: bool) -> None:
    """Class-level names are class attributes; in a dataclass an annotated name is a field of
    each instance, unless it is a `ClassVar` (an unannotated `_issued = 0` stays on the class)."""
    for s in stmts:
        if not isinstance(s, cst.SimpleStatementLine):
            continue
        for small in s.body:
            if isinstance(small, cst.Assign):
                for t in small.targets:
                    if isinstance(t.target, cst.Name):
                        _record(scope, builder, small, t.target.value, t.target.value, small.value, None, None, True)
            elif isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name):
                name, annotation = small.target.value, small.annotation.annotation
                on_class = not dataclass or "ClassVar" in scope.code(annotation)
                _record(scope, builder, small, name, name, small.value, annotation, None, on_class)


def _record(scope, builder, small, name, anchor, value, annotation, method, class_attr=False,
            facts: ValueFacts | None = None) -> None:
    facts = facts or value_facts(scope, value)
    ann_text = scope.code(annotation) if annotation is not None else None
    if annotation is not None and facts.kind.value == "other":
        kind, type_name = annotation_facts(scope, annotation)
        facts = ValueFacts(kind, facts.type_name or type_name, facts.lock_of, facts.call_kwargs)
    loc = scope.positions.locate(scope.positions.spans.get(id(small)), anchor)
    text = scope.code(value) if value is not None else None
    if text is not None and text.endswith("...") and isinstance(value, cst.Dict):
        text = _dict_outline(scope, value)
    builder.record(name, facts, text, ann_text, loc, method, class_attr=class_attr)


def _dict_outline(scope, node: cst.Dict) -> str:
    """A dict literal too long to keep whole: its literal keys with the names and dotted names they
    map to, other values elided (`{"hub": hub, "opts": ...}`), which keeps it parseable for the
    linker's typing of `services.get("hub")` (param_types._entry_class)."""
    items = [f"{scope.code(el.key)}: {scope.code(el.value) if dotted(el.value) else '...'}"
             for el in node.elements if isinstance(el, cst.DictElement) and isinstance(el.key, cst.SimpleString)]
    return "{" + ", ".join(items) + "}"


def _method_attributes(scope: FileScope, fn: cst.FunctionDef, builder: AttributeBuilder) -> None:
    params = [*fn.params.posonly_params, *fn.params.params]
    if not params:
        return
    self_name = params[0].name.value
    annotations = {p.name.value: p.annotation.annotation for p in params[1:] if p.annotation is not None}
    decorators = {decorator_text(scope, d) for d in fn.decorators}
    # a classmethod's `cls.x = v` (and `__new__`'s) writes the class object, whoever calls it
    on_class = "classmethod" in decorators or fn.name.value in ("__new__", "__init_subclass__")
    # unannotated parameters that hold a lock all the same (`Ledger(threading.Lock())`)
    locks = lock_params(scope, builder.owner, fn) if fn.name.value == "__init__" else {}
    if fn.name.value in cat.INIT_METHODS:
        locks = {**locks, **_bundled_locks(scope, fn, self_name)}
    _scan(scope, _body(fn), self_name, annotations, builder, CLASS_WRITE if on_class else fn.name.value, locks)


def _bundled_locks(scope: FileScope, fn: cst.FunctionDef, self_name: str) -> dict[str, ValueFacts]:
    """`sync = _Sync(); self._lock = sync.mutex; self._changed = sync.changed` in a constructor:
    the fields are bound to the lock fields of a local bound once to an object of a class of this
    file (defined before), so they hold those locks. Keyed by the value as written (`sync.mutex`);
    a Condition's lock is the field bound to the bundle's lock it wraps (`self._lock`), else a
    plain lock of its own (tests/corpus/il103_locks_bound_from_a_local_bundle)."""
    found = _Returns()
    visit(fn.body, found)
    bundles = {}
    for name, values in found.values_of.items():
        built = values[0] if len(values) == 1 and isinstance(values[0], cst.Call) else None
        facts = scope.class_facts(dotted(built.func) or "") if built is not None else None
        if facts is not None and facts.attributes and name not in found.declared:
            bundles[name] = facts
    if not bundles:
        return {}
    fields: dict[tuple[str, str], str] = {}          # (local, its field) -> the field of self bound to it
    for a in findall(fn.body, cst.Assign):
        t, v = a.targets[0].target, a.value
        if len(a.targets) == 1 and isinstance(t, cst.Attribute) and isinstance(t.value, cst.Name) \
                and t.value.value == self_name and isinstance(v, cst.Attribute) and isinstance(v.value, cst.Name) \
                and v.value.value in bundles:
            fields[(v.value.value, v.attr.value)] = t.attr.value
    out = {}
    for (local, attr) in fields:
        info = bundles[local].attributes.get(attr)
        if info is None or info.kind not in LOCK_KINDS:
            continue
        lock_of = info.lock_of
        if lock_of and lock_of.startswith("self.") and "." not in lock_of[5:]:
            inner = bundles[local].attributes.get(lock_of[5:])
            mine = fields.get((local, lock_of[5:]))
            lock_of = f"self.{mine}" if mine else OWN_PLAIN_LOCK if inner is not None and inner.kind is AttrKind.LOCK else None
        out[f"{local}.{attr}"] = ValueFacts(info.kind, info.type_name, lock_of, dict(info.call_kwargs))
    return out


def _scan(scope, stmts, self_name, annotations, builder, method, locks=None) -> None:
    for s in stmts:
        if isinstance(s, (cst.SimpleStatementLine, cst.SimpleStatementSuite)):
            for small in s.body:
                _scan_small(scope, small, self_name, annotations, builder, method, locks)
        elif not isinstance(s, cst.ClassDef):
            for block in blocks(s):
                _scan(scope, block, self_name, annotations, builder, method, locks)


def _scan_small(scope, small, self_name, annotations, builder, method, locks=None) -> None:
    if isinstance(small, cst.Assign):
        pairs = [(t.target, small.value, None) for t in small.targets]
    elif isinstance(small, cst.AnnAssign):
        pairs = [(small.target, small.value, small.annotation.annotation)]
    elif isinstance(small, cst.AugAssign):
        pairs = [(small.target, None, None)]
    else:
        return
    for target, value, annotation in pairs:
        for t in _flatten(target):
            if isinstance(t, cst.Attribute) and _names_own_class(scope, t.value, self_name, builder.owner):
                # `Job._next_id += 1`, `type(self).x = v`: the class's own attribute, shared by every
                # instance, so never "initialised once" even when a constructor writes it
                single = value if target is t else None
                _record(scope, builder, small, t.attr.value, scope.code(t), single, None, CLASS_WRITE,
                        class_attr=True)
            elif isinstance(t, cst.Attribute) and isinstance(t.value, cst.Name) and t.value.value == self_name:
                single = value if target is t else None
                facts = None
                if annotation is None and isinstance(single, cst.Name):
                    annotation = annotations.get(single.value)
                    facts = (locks or {}).get(single.value) if annotation is None else None
                elif annotation is None and isinstance(single, cst.Attribute) and locks:
                    facts = locks.get(scope.code(single))      # `self._lock = sync.mutex` (_bundled_locks)
                _record(scope, builder, small, t.attr.value, f"{self_name}.{t.attr.value}", single,
                        annotation, method, facts=facts)


#: the pseudo-method of writes to a class attribute through the class object (never an init method)
CLASS_WRITE = "<class>"


def _names_own_class(scope: FileScope, node: cst.BaseExpression, self_name: str, owner: str) -> bool:
    """`Job` (this class by name), `type(self)` or `self.__class__` in a method of `owner`."""
    if isinstance(node, cst.Name):
        return node.value != self_name and scope.qualify(node.value) == owner
    if isinstance(node, cst.Attribute):
        return node.attr.value == "__class__" and isinstance(node.value, cst.Name) and node.value.value == self_name
    return (isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value == "type"
            and len(node.args) == 1 and isinstance(node.args[0].value, cst.Name)
            and node.args[0].value.value == self_name)


def _flatten(target):
    if type(target) is cst.Tuple or type(target) is cst.List:
        for el in target.elements:
            yield from _flatten(el.value)
    elif isinstance(target, cst.StarredElement):
        yield from _flatten(target.value)
    else:
        yield target


def _init_methods(scope: FileScope, facts: ClassFacts) -> set[str | None]:
    """Constructors, plus private helpers whose every `self.m()` call comes from a constructor."""
    callers: dict[str, set[str]] = {}
    for name in facts.methods:
        fn = scope.functions.get(f"{facts.qualname}.{name}")
        for ev in iter_events(fn.body) if fn is not None else ():
            if ev.kind is EventKind.CALL and ev.callee and ev.callee.startswith("self."):
                callers.setdefault(ev.callee[5:], set()).add(name)
    init: set[str | None] = {None, *(m for m in facts.methods if m in cat.INIT_METHODS)}
    changed = True
    while changed:
        changed = False
        for name, who in callers.items():
            if name not in init and name.startswith("_") and name in facts.methods and who and who <= init:
                init.add(name)
                changed = True
    return init


def _properties(scope: FileScope, qualname: str, methods: list) -> dict[str, AttributeInfo]:
    out = {}
    for m in methods:
        fn = scope.functions.get(f"{qualname}.{m.name.value}")
        if fn is not None and fn.is_property:
            out[m.name.value] = AttributeInfo(name=m.name.value, declared_in=qualname, is_property=True)
    return out
