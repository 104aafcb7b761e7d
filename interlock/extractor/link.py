"""Linking per-file extracts into one program: bases, MROs, merged attributes and methods, calls.

Each file's classes carry only their own members; here base classes are resolved across files
(imports, relative imports, re-exports), linearised (C3, DFS when C3 fails), attributes and
methods merged over the MRO (a mixin's `self.x` belongs to the concrete class, `declared_in`
kept), attribute types mapped to in-scope classes, call events resolved, and calls to spawn
wrappers made spawns.
"""
from __future__ import annotations

import ast

import re
from dataclasses import dataclass

from interlock.extractor import app_state, elements, flag_locals, link_kinds, param_types
from interlock.extractor.catalogue import LOCKED_LIBRARY_BASES
from interlock.extractor.class_fields import construct_from_class_fields
from interlock.extractor.filemodel import FileExtract
from interlock.extractor.handler_server import attach_servers
from interlock.extractor.index import flatten
from interlock.extractor.lockdecorators import (
    apply_lock_decorators, call_decorator_wrappers, find_call_wrappers, find_lock_decorators,
)
from interlock.extractor.lockhelpers import CONTEXT_MANAGERS, ENTER_EXIT
from interlock.extractor.lockscopes import hold_guard_scopes
from interlock.extractor.overrides import call_overrides
from interlock.extractor.dispatch import call_dispatch_tables
from interlock.extractor.registrations import call_registered_callables
from interlock.extractor.select_loops import call_selector_callbacks
from interlock.extractor.resolution import CallResolver, NameResolver, callable_named, unwrap_partial
from interlock.extractor.events_expr import DUNDERS
from interlock.extractor.events_format import FALLBACKS
from interlock.extractor.thread_starts import start_kept_threads, start_where_started
from interlock.extractor.tree import drop_events, map_after, map_events, rebuild_blocks, same_nodes
from interlock.extractor.wrappers import find_wrappers, spawn_through_wrappers
from interlock.models.program import (
    LOCK_KINDS, AttributeInfo, AttrKind, ClassInfo, Diagnostic, Event, EventKind, FunctionInfo, ModuleInfo, Try,
)
from interlock.models.arguments import bind_arguments

CALL_KINDS = frozenset({EventKind.CALL, EventKind.SPAWN, EventKind.BLOCKING})
_IDENT = re.compile(r"[A-Za-z_][\w.]*")


@dataclass
class Linked:
    modules: dict[str, ModuleInfo]
    classes: dict[str, ClassInfo]
    functions: dict[str, FunctionInfo]
    diagnostics: tuple[Diagnostic, ...]


def link(extracts: list[FileExtract]) -> Linked:
    """Merge the files, then resolve across them."""
    modules, classes, functions, diags = _merge(extracts)
    classes = _library_bases_in_scope(classes)
    names = NameResolver(modules, classes, functions)
    bases = {q: _resolve_bases(names, c) for q, c in classes.items()}
    mros = linearise(bases)
    by_class: dict[str, list[FunctionInfo]] = {}
    for fn in functions.values():
        if fn.cls:
            by_class.setdefault(fn.cls, []).append(fn)
    own_methods = {q: _own_methods(c, by_class.get(q, ())) for q, c in classes.items()}
    locals_ = _thread_local_classes(classes, mros)
    flags: set[str] = set()
    own_attrs = {q: _typed(names, c.module, flag_locals.type_flag_choices(
        c.attributes, lambda n, m=c.module: names.resolve_in_module(m, n) or names.resolve(n), locals_, flags),
        locals_) for q, c in classes.items()}
    functions = {q: flag_locals.confirm(f, flags) for q, f in functions.items()}
    names.functions = functions
    _back_references(names, functions, own_attrs)
    _attached_by_call(names, functions, own_attrs)
    _wired_by_assignment(names, functions, own_attrs)
    _parents_passed_in(names, functions, own_attrs)
    attach_servers(names, classes, mros, functions, modules, own_attrs)
    merged = {q: _merge_class(c, mros[q], own_attrs, own_methods) for q, c in classes.items()}
    names.classes = merged
    modules = {m: _typed_module(names, info, locals_) for m, info in modules.items()}
    modules = app_state.gather(modules)
    names.modules = modules
    subclasses = _subclasses(mros)
    resolver = CallResolver(names, own_methods, subclasses)
    resolver.properties = {f.name for f in functions.values() if f.is_property}
    functions = {q: _resolve_function(resolver, f) for q, f in functions.items()}
    modules = {m: _resolve_module_body(resolver, info) for m, info in modules.items()}
    functions, modules = hold_guard_scopes(resolver, functions, modules)
    # the guards skipping their lock under a flag (lockscopes.py): kept where the flag picks per-thread state
    functions = {q: flag_locals.confirm(f, flags) for q, f in functions.items()}
    modules = {m: flag_locals.confirm(info, flags) for m, info in modules.items()}
    functions = param_types.infer(resolver, functions, modules, _resolve_function)
    built = construct_from_class_fields(resolver, functions)
    functions = {q: f if f is functions[q] else _resolve_function(resolver, f) for q, f in built.items()}
    resolver.names.functions = functions
    functions = _fields_from_typed_params(resolver, functions, subclasses)
    functions, modules = elements.infer(resolver, functions, modules, _resolve_function)
    functions = link_kinds.learn(names, functions, modules)
    merged = names.classes
    functions = _call_stored_callables(resolver, functions, modules)
    functions = call_dispatch_tables(resolver, functions)
    functions = call_overrides(resolver, functions, modules)
    functions = call_registered_callables(resolver, functions, modules)
    functions = call_selector_callbacks(resolver, functions)
    locking = find_lock_decorators(functions)
    functions = call_decorator_wrappers(apply_lock_decorators(functions, locking), find_call_wrappers(functions, locking))
    functions, modules = spawn_through_wrappers(resolver, find_wrappers(functions), functions, modules)
    functions = start_kept_threads(resolver, start_where_started(resolver, functions))
    used_as_base = {b for bs in bases.values() for b in bs}
    merged = {q: _finish_class(c, resolver, used_as_base) for q, c in merged.items()}
    merged = _injected_locks(functions, modules, merged)
    return Linked(modules, merged, functions, tuple(diags))


def _merge(extracts: list[FileExtract]):
    modules: dict[str, ModuleInfo] = {}
    classes: dict[str, ClassInfo] = {}
    functions: dict[str, FunctionInfo] = {}
    diags: list[Diagnostic] = []
    for fx in extracts:
        diags.extend(fx.diagnostics)
        if _is_failed(fx):
            continue
        if fx.module.name in modules:
            diags.append(Diagnostic(path=fx.module.path, severity="warning",
                                    message=f"module {fx.module.name} also defined by {modules[fx.module.name].path}; skipped"))
            continue
        modules[fx.module.name] = fx.module
        classes.update(fx.classes)
        functions.update(fx.functions)
    return modules, classes, functions, diags


def _library_bases_in_scope(classes: dict[str, ClassInfo]) -> dict[str, ClassInfo]:
    """`classes` without the lock field and locked hooks a file gave a subclass of a library base
    (catalogue.LOCKED_LIBRARY_BASES) when that base is in scope after all (the standard library's
    own `logging` analysed): its code makes the lock and takes it around the hooks itself."""
    out = dict(classes)
    for q, c in classes.items():
        if c.locked_hooks and any(b in classes for b in c.bases if b in LOCKED_LIBRARY_BASES):
            made = {p.partition(".")[2] for paths in c.locked_hooks.values() for p in paths}
            attrs = {n: a for n, a in c.attributes.items() if not (n in made and not a.writes and a.declared_in == q)}
            out[q] = c.model_copy(update={"locked_hooks": {}, "attributes": attrs})
    return out


def _is_failed(fx: FileExtract) -> bool:
    return (any(d.severity == "error" for d in fx.diagnostics) and not fx.classes
            and not fx.functions and not fx.module.body)


def _resolve_bases(names: NameResolver, cls: ClassInfo) -> tuple[str, ...]:
    out = []
    for base in cls.bases:
        # the file already wrote its own classes and imported ones in full (classes.resolve_base):
        # `scanner.Progress` is that class even where a global `scanner` shadows the module's name
        hit = base if base in names.classes else names.resolve_in_module(cls.module, base)
        if hit in names.classes and hit != cls.qualname and hit not in out:
            out.append(hit)
    return tuple(out)


def linearise(bases: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """In-scope MRO of every class: C3 where consistent, else depth-first without repeats."""
    memo: dict[str, tuple[str, ...]] = {}

    def mro(q: str, stack: frozenset[str]) -> tuple[str, ...]:
        if q in memo:
            return memo[q]
        parents = [b for b in bases.get(q, ()) if b not in stack and b in bases]
        seqs = [list(mro(b, stack | {q})) for b in parents]
        merged = _c3([s[:] for s in seqs] + [parents[:]])
        if merged is None:
            merged = list(dict.fromkeys(x for s in seqs for x in s))
        memo[q] = (q, *[x for x in merged if x != q])
        return memo[q]

    return {q: mro(q, frozenset()) for q in bases}


def _c3(seqs: list[list[str]]) -> list[str] | None:
    out: list[str] = []
    while True:
        seqs = [s for s in seqs if s]
        if not seqs:
            return out
        for s in seqs:
            head = s[0]
            if not any(head in t[1:] for t in seqs):
                break
        else:
            return None
        out.append(head)
        for s in seqs:
            if s[0] == head:
                del s[0]


def _own_methods(cls: ClassInfo, methods: list[FunctionInfo]) -> dict[str, str]:
    own = dict(cls.methods)
    prefix = cls.qualname + "."
    for fn in methods:
        if fn.qualname == prefix + fn.name:
            own.setdefault(fn.name, fn.qualname)
    return own


def _typed(names: NameResolver, module: str, attrs: dict[str, AttributeInfo],
           thread_locals: frozenset[str] = frozenset()) -> dict[str, AttributeInfo]:
    """Map attribute `type_name`s (constructor or annotation) to in-scope class qualnames; an
    instance of a `threading.local` subclass is thread-local (asyncio's `_RunningLoop`)."""
    out = {}
    for name, attr in attrs.items():
        hit = _class_for(names, module, attr)
        if hit and (hit != attr.type_name or attr.kind == AttrKind.OTHER):
            kind = AttrKind.OBJECT if attr.kind == AttrKind.OTHER else attr.kind
            if hit in thread_locals and attr.kind in (AttrKind.OTHER, AttrKind.OBJECT):
                kind = AttrKind.THREAD_LOCAL
            attr = attr.model_copy(update={"type_name": hit, "kind": kind})
        out[name] = attr
    return out


THREAD_LOCAL_BASES = frozenset({"threading.local", "_threading_local.local"})


def _back_references(names: NameResolver, functions: dict[str, FunctionInfo],
                     own_attrs: dict[str, dict[str, AttributeInfo]]) -> None:
    """`inventory.orders = self` in `OrderBook.__init__(self, inventory: Inventory)`: an untyped
    `Inventory.orders` (`self.orders = None` there) holds an `OrderBook`."""
    for fn in functions.values():
        if not fn.param_types or not fn.cls:
            continue
        for ev in flatten(fn.body):
            if ev.kind is not EventKind.WRITE or (ev.value or "").strip() != "self" or not ev.target:
                continue
            head, _, field = ev.target.partition(".")
            if head not in fn.param_types or not field or "." in field:
                continue
            owner = names.resolve_in_module(fn.module, fn.param_types[head])
            attrs = own_attrs.get(owner or "")
            attr = attrs.get(field) if attrs is not None else None
            if attr is not None and attr.type_name not in names.classes:
                attrs[field] = attr.model_copy(update={"type_name": fn.cls, "kind": AttrKind.OBJECT
                                                       if attr.kind is AttrKind.OTHER else attr.kind})


def _attached_by_call(names: NameResolver, functions: dict[str, FunctionInfo],
                      own_attrs: dict[str, dict[str, AttributeInfo]]) -> None:
    """`queue.attach(self)` in a method of `Player`, where `Queue.attach(self, player)` keeps
    `self.player = player`: an untyped `Queue.player` holds a `Player` (setter injection, when
    only one class passes itself), so the calls it makes back resolve
    (tests/corpus/il301_back_reference_by_setter)."""
    found: dict[tuple[str, str], set[str]] = {}
    for fn in functions.values():
        if not fn.cls:
            continue
        for ev in flatten(fn.body):
            if ev.kind is not EventKind.CALL or "self" not in ev.args:
                continue
            target = _method_of(names, own_attrs, fn, ev)
            if target is None or not target.cls or target.cls == fn.cls:
                continue
            params = [q.lstrip("*") for q in target.params[1:]]
            i = ev.args.index("self")
            if i >= len(params) or any("=" in a or a.startswith("*") for a in ev.args[:i + 1]):
                continue
            for w in flatten(target.body):
                if w.kind is EventKind.WRITE and w.op == "=" and (w.value or "").strip() == params[i] \
                        and (w.target or "").startswith("self.") and w.target.count(".") == 1:
                    found.setdefault((target.cls, w.target[5:]), set()).add(fn.cls)
    for (owner, field), holders in found.items():
        attr = own_attrs.get(owner, {}).get(field)
        if attr is not None and len(holders) == 1 and attr.type_name not in names.classes:
            own_attrs[owner][field] = attr.model_copy(update={
                "type_name": next(iter(holders)), "kind": AttrKind.OBJECT if attr.kind is AttrKind.OTHER else attr.kind})


def _wired_by_assignment(names: NameResolver, functions: dict[str, FunctionInfo],
                         own_attrs: dict[str, dict[str, AttributeInfo]]) -> None:
    """`metrics = Metrics(); sink = LogSink(stream, metrics); metrics.sink = sink` in wiring code:
    an untyped `Metrics.sink` (`self.sink = None` in `__init__`) holds a `LogSink` when every such
    store in scope puts an object of that one class there (locals the function built itself), so
    the calls made through it resolve (tests/corpus/il301_field_wired_by_assignment)."""
    found: dict[tuple[str, str], set[str]] = {}
    for fn in functions.values():
        if not fn.built:
            continue
        for ev in flatten(fn.body):
            if ev.kind is not EventKind.WRITE or ev.op != "=" or not ev.target or ev.target.count(".") != 1:
                continue
            head, _, field = ev.target.partition(".")
            value = (ev.value or "").strip()
            owner, held = fn.built.get(head), fn.built.get(value)
            if owner in names.classes and held in names.classes:
                found.setdefault((owner, field), set()).add(held)
    for (owner, field), holders in found.items():
        attr = own_attrs.get(owner, {}).get(field)
        if attr is not None and len(holders) == 1 and attr.type_name not in names.classes \
                and attr.kind is AttrKind.OTHER and (attr.value or "").strip() == "None":
            own_attrs[owner][field] = attr.model_copy(update={"type_name": next(iter(holders)), "kind": AttrKind.OBJECT})


def _fields_from_typed_params(resolver: CallResolver, functions: dict[str, FunctionInfo],
                              subclasses: dict[str, list[str]]) -> dict[str, FunctionInfo]:
    """`self.playlists = playlists` in `Library.attach(self, playlists)`, whose callers all pass a
    `Playlists` (param_types.py): an untyped field that such parameters bind, all of one class,
    holds that class (setter injection by wiring code: `library.attach(playlists)` in `build()`),
    and the calls made through it resolve (tests/corpus/il301_setter_injected_by_wiring_code)."""
    names = resolver.names
    found: dict[tuple[str, str], set[str | None]] = {}
    for fn in functions.values():
        if not fn.cls or not fn.param_types:
            continue
        for ev in flatten(fn.body):
            target, value = ev.target or "", (ev.value or "").strip()
            if ev.kind is EventKind.WRITE and ev.op == "=" and target.startswith("self.") and target.count(".") == 1 \
                    and value in fn.param_types and value in fn.params:
                hit = names.resolve_in_module(fn.module, fn.param_types[value])
                found.setdefault((fn.cls, target[5:]), set()).add(hit if hit in names.classes else None)
    typed: set[str] = set()
    for (owner, field), hits in sorted(found.items()):
        attr = names.classes[owner].attributes.get(field) if owner in names.classes else None
        if attr is None or attr.type_name in names.classes or len(hits) != 1 or None in hits \
                or attr.kind not in (AttrKind.OTHER, AttrKind.OBJECT):
            continue
        new = attr.model_copy(update={"type_name": next(iter(hits)), "kind": AttrKind.OBJECT})
        for q in (owner, *subclasses.get(owner, ())):
            cls = names.classes.get(q)
            if cls is not None and cls.attributes.get(field) == attr:
                names.classes[q] = cls.model_copy(update={"attributes": {**cls.attributes, field: new}})
                typed.add(q)
    if not typed:
        return functions
    functions = {q: _resolve_function(resolver, f) if f.cls in typed else f for q, f in functions.items()}
    resolver.names.functions = functions
    return functions


def _method_of(names: NameResolver, own_attrs: dict[str, dict[str, AttributeInfo]],
               fn: FunctionInfo, ev: Event) -> FunctionInfo | None:
    """The method a call reaches before calls are resolved: the extractor's provisional name
    (`q.attach` on a typed `q`), or `self.q.attach` through the type of field `q`."""
    if ev.resolved:
        return names.functions.get(ev.resolved) or names.functions.get(names.resolve(ev.resolved) or "")
    parts = (ev.callee or "").split(".")
    if len(parts) != 3 or parts[0] != "self" or not fn.cls:
        return None
    field = own_attrs.get(fn.cls, {}).get(parts[1])
    cls = names.classes.get(field.type_name or "") if field is not None else None
    return names.functions.get(cls.methods.get(parts[2], "")) if cls is not None else None


def _parents_passed_in(names: NameResolver, functions: dict[str, FunctionInfo],
                       own_attrs: dict[str, dict[str, AttributeInfo]]) -> None:
    """`self.meter = LevelMeter(self)` in `Mixer`, and `LevelMeter.__init__(self, mixer)` keeps
    `self.mixer = mixer`: `Mixer.meter` gets `back_refs=("mixer",)` when both fields are bound
    once (`self.meter.mixer` is that very `Mixer`), and an untyped `LevelMeter.mixer` holds a
    `Mixer` (when only one class builds it with itself), so the child's calls back resolve."""
    found: dict[tuple[str, str], set[str]] = {}
    for owner, attrs in own_attrs.items():
        for name, attr in list(attrs.items()):
            child = attr.type_name if attr.type_name in names.classes else None
            if child is None or "self" not in (attr.value or ""):
                continue
            try:
                call = ast.parse(attr.value or "", mode="eval").body
            except SyntaxError:
                continue
            init = functions.get(f"{child}.__init__")
            if not isinstance(call, ast.Call) or init is None:
                continue
            params = [p.lstrip("*") for p in init.params]
            passed = {params[i + 1] for i, a in enumerate(call.args)
                      if i + 1 < len(params) and isinstance(a, ast.Name) and a.id == "self"}
            passed |= {k.arg for k in call.keywords if k.arg and isinstance(k.value, ast.Name) and k.value.id == "self"}
            back = []
            for field, kept in own_attrs.get(child, {}).items():
                if kept.value not in passed:
                    continue
                if kept.type_name not in names.classes:
                    found.setdefault((child, field), set()).add(owner)
                if attr.init_only and kept.init_only:
                    back.append(field)
            if back:
                attrs[name] = attr.model_copy(update={"back_refs": tuple(back)})
    for (child, field), owners in found.items():
        if len(owners) == 1:
            kept = own_attrs[child][field]
            own_attrs[child][field] = kept.model_copy(update={
                "type_name": next(iter(owners)), "kind": AttrKind.OBJECT if kept.kind is AttrKind.OTHER else kept.kind})


def _thread_local_classes(classes: dict[str, ClassInfo], mros: dict[str, tuple[str, ...]]) -> frozenset[str]:
    """In-scope classes with `threading.local` among the bases of their MRO."""
    direct = {q for q, c in classes.items() if THREAD_LOCAL_BASES & set(c.bases)}
    return frozenset(q for q, mro in mros.items() if direct & set(mro))


def _class_for(names: NameResolver, module: str, attr: AttributeInfo) -> str | None:
    if attr.type_name:
        # the extractor writes an imported class qualified (`hub.Hub` for `hub = Hub()` after
        # `from hub import Hub`), which a global of the head's name must not shadow
        hit = names.resolve_in_module(module, attr.type_name) or names.resolve(attr.type_name)
        if hit in names.classes:
            return hit
        if attr.kind != AttrKind.OTHER:
            return None
    if attr.annotation:
        hits = {names.resolve_in_module(module, n) for n in _IDENT.findall(attr.annotation)}
        hits = {h for h in hits if h in names.classes}
        if hits:
            return hits.pop() if len(hits) == 1 else None
    if attr.kind is AttrKind.CONTAINER:      # unannotated, or a bare `dict`/`list`
        return _built_elements(names, module, attr.value)
    if attr.kind is AttrKind.OTHER and attr.value and _IDENT_PATH.fullmatch(attr.value.strip()):
        return _global_object_class(names, module, attr.value.strip())
    return None


_IDENT_PATH = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)?")


def _global_object_class(names: NameResolver, module: str, value: str) -> str | None:
    """`self.stats = STATS` (or `stats.STATS` of an imported module), `STATS = Stats()` a module
    global of the program: the field holds that one shared object's class, so calls through it
    resolve (tests/corpus/il103_field_bound_to_module_singleton)."""
    info = names.modules.get(module)
    head, _, rest = value.partition(".")
    if info is None:
        return None
    if not rest and head in info.globals:
        owner, name = module, head
    else:
        full = info.imports.get(head)
        if full is None:
            return None
        full = f"{full}.{rest}" if rest else full
        owner, _, name = full.rpartition(".")
    glob = names.modules[owner].globals.get(name) if owner in names.modules else None
    if glob is None or glob.kind is not AttrKind.OTHER and glob.kind is not AttrKind.OBJECT or not glob.type_name:
        return None
    hit = names.resolve_in_module(owner, glob.type_name) or names.resolve(glob.type_name)
    return hit if hit in names.classes else None


def _built_elements(names: NameResolver, module: str, value: str | None) -> str | None:
    """The element class of a container literal whose every element is built by one in-scope
    class (`{"mug": Item("mug", 3), "tee": Item("tee", 9)}`, `[Slot(i), Slot(j)]`), as an
    annotation `dict[str, Item]` would say (tests/corpus/il403_element_of_module_dict)."""
    try:
        node = ast.parse((value or "").strip(), mode="eval").body
    except SyntaxError:
        return None
    elements = node.values if isinstance(node, ast.Dict) else getattr(node, "elts", None)
    if not elements or not isinstance(node, (ast.Dict, ast.List, ast.Set, ast.Tuple)) \
            or not all(isinstance(e, ast.Call) for e in elements):
        return None
    hits = {names.resolve_in_module(module, ast.unparse(e.func)) for e in elements}
    return hits.pop() if len(hits) == 1 and next(iter(hits)) in names.classes else None


def _typed_module(names: NameResolver, info: ModuleInfo, thread_locals: frozenset[str] = frozenset()) -> ModuleInfo:
    globals_ = _typed(names, info.name, info.globals, thread_locals)
    return info if globals_ == info.globals else info.model_copy(update={"globals": globals_})


def _merge_class(cls: ClassInfo, mro: tuple[str, ...], own_attrs, own_methods) -> ClassInfo:
    attrs: dict[str, AttributeInfo] = {}
    methods: dict[str, str] = {}
    for anc in reversed(mro):
        methods.update(own_methods.get(anc, {}))
        for name, attr in own_attrs.get(anc, {}).items():
            if attr.declared_in is None:
                attr = attr.model_copy(update={"declared_in": anc})
            attrs[name] = _merge_attr(attrs[name], attr) if name in attrs else attr
    return cls.model_copy(update={"ancestors": mro, "attributes": attrs, "methods": methods})


def _merge_attr(base: AttributeInfo, derived: AttributeInfo) -> AttributeInfo:
    """The most derived assignment wins, but a known kind/type from a base is not lost."""
    update: dict = {"writes": tuple(dict.fromkeys(base.writes + derived.writes)),
                    "init_only": base.init_only and derived.init_only}
    if derived.kind == AttrKind.OTHER and base.kind != AttrKind.OTHER:
        update.update(kind=base.kind, type_name=base.type_name, lock_of=base.lock_of,
                      call_kwargs=base.call_kwargs)
    for f in ("value", "annotation", "type_name", "lock_of"):
        if getattr(derived, f) is None and f not in update and getattr(base, f) is not None:
            update[f] = getattr(base, f)
    return derived.model_copy(update=update)


def _subclasses(mros: dict[str, tuple[str, ...]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for q in sorted(mros):
        for anc in mros[q][1:]:
            out.setdefault(anc, []).append(q)
    return out


#: builtins that run a method of their argument
_DUNDERS = {"len": "__len__", "iter": "__iter__", "bool": "__bool__",
            "hash": "__hash__", "next": "__next__", "reversed": "__reversed__"}


def _property_read(resolver: CallResolver, fn: FunctionInfo | None, module: str, ev: Event) -> Event:
    """`self.flags` / `ff.flags` where `flags` is a property: the read runs its getter, a call."""
    target = ev.target or ""
    if "." not in target or target.rpartition(".")[2] not in resolver.properties:
        return ev
    hit = resolver.resolve_call(fn, module, target)
    getter = resolver.functions.get(hit or "")
    if getter is None or not getter.is_property:
        return ev
    return ev.model_copy(update={"kind": EventKind.CALL, "callee": _local_name(target, module), "resolved": hit,
                                 "target": None})


def _local_name(target: str, module: str) -> str:
    """`pkg.mod.holder.flags` -> `holder.flags`: a module global as the module's code names it."""
    return target[len(module) + 1:] if target.startswith(module + ".") else target


def _property_write(resolver: CallResolver, fn: FunctionInfo | None, module: str, ev: Event) -> Event:
    """`self.creator = f` where `creator` is a property of the own class with a setter: the write
    runs the setter. A store through another object (`t.daemon = True` on a thread just built) stays
    a write of that attribute: which object it is (fresh, or shared) is not known here."""
    target = ev.target or ""
    if target.count(".") != 1 or not target.startswith(("self.", "cls.")) \
            or target.rpartition(".")[2] not in resolver.properties:
        return ev
    hit = resolver.resolve_call(fn, module, target)
    setter = resolver.functions.get(f"{hit}<setter>") if hit else None
    if setter is None or setter is fn:
        return ev
    return ev.model_copy(update={"kind": EventKind.CALL, "callee": target, "resolved": setter.qualname,
                                 "target": None, "args": (ev.value,) if ev.value else ()})


def _resolve_event(resolver: CallResolver, fn: FunctionInfo | None, module: str, ev: Event) -> Event:
    if ev.kind is EventKind.READ and resolver.properties:
        return _property_read(resolver, fn, module, ev)
    if ev.kind is EventKind.WRITE and resolver.properties:
        return _property_write(resolver, fn, module, ev)
    if ev.kind is EventKind.MUTATE and ev.callee and "." in ev.callee:
        return _method_not_mutation(resolver, fn, module, ev)
    if ev.kind is EventKind.SPAWN and ev.spawn is not None and ev.spawn.via == "submit":
        ev = _method_not_submit(resolver, fn, module, ev)
    if ev.kind is EventKind.WAIT and ev.callee and "." in ev.callee:
        return _method_not_wait(resolver, fn, module, ev)
    if ev.kind not in CALL_KINDS:
        return ev
    update: dict = {}
    if ev.resolved not in resolver.functions:
        # a provisional `pkg.Cls.method` (call on a local built by `Cls(...)`) first, then the callee
        hit = resolver.resolve_call(fn, module, ev.resolved) or resolver.resolve_call(fn, module, ev.callee)
        dunder = _DUNDERS.get(ev.callee or "")
        if hit is None and ev.kind is EventKind.CALL and resolver.properties and (ev.callee or "").count(".") >= 2:
            recv = (ev.callee or "").rsplit(".", 1)[0]          # `self.flags.get()`: the getter runs first
            if recv.rpartition(".")[2] in resolver.properties:
                getter = resolver.functions.get(resolver.resolve_call(fn, module, recv) or "")
                hit = getter.qualname if getter is not None and getter.is_property else None
        if hit is None and dunder and ev.args == ("self",) and fn is not None and fn.cls:
            hit = resolver.resolve_call(fn, module, f"self.{dunder}")     # `len(self)` runs `__len__`
            if hit is not None:
                update["callee"] = f"self.{dunder}"                      # on this very object
                update["args"] = ()
        if hit is None and ev.kind is EventKind.CALL:
            hit = _fallback_special(resolver, fn, module, ev, update)
        if hit != ev.resolved:
            update["resolved"] = hit
    if ev.spawn is not None and ev.spawn.resolved not in resolver.functions:
        hit = (resolver.resolve_spawn(fn, module, ev.spawn.resolved)
               or resolver.resolve_spawn(fn, module, ev.spawn.target))
        if hit is not None or ev.spawn.resolved is not None:
            update["spawn"] = ev.spawn.model_copy(update={"resolved": hit})
    return ev.model_copy(update=update) if update else ev


def _method_not_mutation(resolver: CallResolver, fn: FunctionInfo | None, module: str, ev: Event) -> Event:
    """`self.counter.add(1)` was taken for a container's `add` while the field's type was unknown;
    once the linker knows it holds an object of a class in scope defining `add` (an injected
    `Tally`), it is a call of that method (tests/corpus/il103_injected_tally_add_method)."""
    hit = resolver.resolve_call(fn, module, ev.callee)
    if hit is None or hit not in resolver.functions:
        return ev
    return ev.model_copy(update={"kind": EventKind.CALL, "resolved": hit, "target": None, "op": None,
                                 "slot": None, "key": None})


def _method_not_submit(resolver: CallResolver, fn: FunctionInfo | None, module: str, ev: Event) -> Event:
    """`board.submit(score)` was taken for an executor's `submit(fn, *args)` (a job running its first
    argument); when `board` holds an object of a class in scope that defines `submit` itself (a
    scoreboard, a job queue, also a coroutine method awaited by a request handler), it is a call of
    that method in the caller's context. A `submit` of the program's that hands its parameter to
    an executor is a spawn wrapper, which the linker follows later through this call
    (tests/corpus/il403_route_awaits_shared_submit_method)."""
    hit = ev.resolved if ev.resolved in resolver.functions else resolver.resolve_call(fn, module, ev.callee)
    if hit is None or hit not in resolver.functions:
        return ev
    return ev.model_copy(update={"kind": EventKind.CALL, "resolved": hit, "spawn": None})


def _method_not_wait(resolver: CallResolver, fn: FunctionInfo | None, module: str, ev: Event) -> Event:
    """`self.backoff.wait(n)` was taken for an Event's or a Condition's wait while the field's type
    was unknown; once the linker knows it holds an object of a class in scope that defines `wait`
    (`wait_for`) itself, it is a call of that method, and what the method does (a `time.sleep`, an
    Event wait of its own) is reached through it (tests/corpus/il401_helper_method_named_wait)."""
    hit = resolver.resolve_call(fn, module, ev.callee)
    if hit is None or hit not in resolver.functions or hit.rpartition(".")[2] != ev.op:
        return ev
    if hit.partition(".")[0] in _PRIMITIVE_MODULES:
        return ev           # the standard library's own Condition/Event in scope: still a wait
    parts = ev.callee.split(".")
    if len(parts) == 3 and parts[0] == "self" and fn is not None and fn.cls in resolver.classes:
        attr = resolver.classes[fn.cls].attributes.get(parts[1])
        if attr is not None and attr.kind not in (AttrKind.OBJECT, AttrKind.OTHER):
            return ev
    return ev.model_copy(update={"kind": EventKind.CALL, "resolved": hit, "target": None, "op": None})


#: modules whose classes are the synchronisation primitives themselves (when a root holds them)
_PRIMITIVE_MODULES = frozenset({"threading", "asyncio", "multiprocessing", "concurrent", "queue"})


def _fallback_special(resolver: CallResolver, fn: FunctionInfo | None, module: str, ev: Event,
                      update: dict) -> str | None:
    """`x.__format__` of a class that does not define it runs `object.__format__`, which runs
    `x.__str__`, which (undefined too) runs `x.__repr__`."""
    recv, _, name = (ev.callee or "").rpartition(".")
    for other in FALLBACKS.get(name, ()) if recv else ():
        hit = resolver.resolve_call(fn, module, f"{recv}.{other}")
        if hit is not None:
            update["callee"] = f"{recv}.{other}"
            return hit
    return None


def _own_acquire_methods(resolver: CallResolver, fn: FunctionInfo) -> FunctionInfo:
    """`t.acquire()` / `t.release()` on an object of unknown kind was taken for a lock op; when
    `t` is an object of a class in scope that defines the method (a hand-written semaphore, a
    throttle), it is a call of that method, and `t` is no lock held in between
    (tests/corpus/il403_while_check_then_decrement)."""
    hits: dict[int, str | None] = {}
    paths: set[str] = set()
    for ev in flatten(fn.body):
        # a provisional `pkg.Throttle.acquire`, or a call on a parameter typed by its callers
        name = ev.resolved or (ev.callee if (ev.callee or "").partition(".")[0] in fn.param_types else None)
        if ev.kind in (EventKind.ACQUIRE, EventKind.RELEASE) and name:
            hit = resolver.resolve_call(fn, fn.module, name)
            if hit in resolver.functions and hit.rpartition(".")[2] == ev.kind.value:
                hits[id(ev)] = hit
                paths.add(ev.target or "")
            else:
                hits[id(ev)] = None         # a lock op after all: no provisional name left behind
    if not hits:
        return fn
    paths -= {ev.target for ev in flatten(fn.body) if ev.kind is EventKind.ACQUIRE and id(ev) not in hits}

    def rewrite(ev: Event) -> Event:
        update: dict = {}
        if hits.get(id(ev)):
            update.update(kind=EventKind.CALL, resolved=hits[id(ev)], target=None, op=None)
        elif id(ev) in hits:
            update["resolved"] = None
        if any(h in paths for h in ev.held):
            update["held"] = tuple(h for h in ev.held if h not in paths)
        return ev.model_copy(update=update) if update else ev
    return fn.model_copy(update={"body": map_events(fn.body, rewrite)})


def _resolve_function(resolver: CallResolver, fn: FunctionInfo) -> FunctionInfo:
    fn = _own_acquire_methods(resolver, fn)
    props = resolver.properties
    if not any(ev.kind in CALL_KINDS or (ev.kind in (EventKind.READ, EventKind.WRITE) and ev.target and props
                                         and ev.target.rpartition(".")[2] in props)
               or (ev.kind is EventKind.MUTATE and ev.callee)
               for ev in flatten(fn.body)):
        return fn
    scopes = _ScopeResolver(resolver, fn, fn.module)
    body = map_events(fn.body, lambda ev: _resolve_event(resolver, fn, fn.module, scopes(ev)))
    body = _finish_body(resolver, body)
    return fn if body is fn.body else fn.model_copy(update={"body": body})


def _resolve_module_body(resolver: CallResolver, info: ModuleInfo) -> ModuleInfo:
    scopes = _ScopeResolver(resolver, None, info.name)
    body = map_events(info.body, lambda ev: _resolve_event(resolver, None, info.name, scopes(ev)))
    body = _finish_body(resolver, body)
    return info if body is info.body else info.model_copy(update={"body": body})


def _finish_body(resolver: CallResolver, body: tuple) -> tuple:
    """`body` without its unresolved special-method calls, and its stores through a method of
    the object's own marked (each tree rebuilt only when some event of it is concerned)."""
    events = flatten(body)
    if any(_unresolved_special(resolver, ev) for ev in events if ev.kind is EventKind.CALL):
        body = _open_empty_tries(drop_events(body, lambda ev: _unresolved_special(resolver, ev)))
        events = flatten(body)
    if any(ev.kind is EventKind.MUTATE and ev.op in ("setitem", "delitem") for ev in events):
        body = map_after(body, _store_through_method)
    return body


def _open_empty_tries(nodes: tuple) -> tuple:
    """`nodes` with each `Try` left with neither handlers, else nor finally (the `__exit__` of a
    `with factory():` whose factory builds no class of the program, dropped) replaced by its body."""
    if not any(type(n) is not Event for n in nodes):
        return nodes
    out = []
    for n in nodes:
        if type(n) is Try and not n.handlers and not n.orelse and not n.final:
            out.extend(_open_empty_tries(n.body))
        elif type(n) is Event:
            out.append(n)
        else:
            out.append(rebuild_blocks(n, _open_empty_tries))
    return same_nodes(nodes, out)


class _ScopeResolver:
    """An event's `scopes` as the `@contextmanager` functions in scope they name (`with
    self._book.deferred_fills():` -> `book.OrderBook.deferred_fills`), or the `__enter__` of an
    entered lock wrapper (`with self.volume:`, lockscopes.py); other context managers (`open(...)`,
    library ones) are dropped."""

    def __init__(self, resolver: CallResolver, fn: FunctionInfo | None, module: str):
        self.resolver, self.fn, self.module = resolver, fn, module
        self.memo: dict[str, str | None] = {}

    def __call__(self, ev: Event) -> Event:
        if not ev.scopes:
            return ev
        hits = tuple(q for q in map(self._named, ev.scopes) if q is not None)
        return ev.model_copy(update={"scopes": hits})

    def _named(self, text: str) -> str | None:
        if text not in self.memo:
            hit = self.resolver.functions.get(text) or self.resolver.functions.get(
                self.resolver.resolve_call(self.fn, self.module, text) or "")
            # (a function handing out a lock it names, `def guard(self): return self._lock`, too)
            self.memo[text] = hit.qualname if hit is not None and (
                set(hit.decorators) & CONTEXT_MANAGERS or hit.guards) \
                else self._wrapper_enter(text, hit)
        return self.memo[text]

    def _wrapper_enter(self, text: str, init: FunctionInfo | None) -> str | None:
        """`with TimedLock(self._lock):`: the `__enter__` of the lock wrapper built right in the
        `with` (its constructor `init`), whose body holds the lock the construction hands it."""
        if init is None or init.name != "__init__" or not init.cls:
            return None
        for method in ENTER_EXIT:
            enter = self.resolver.functions.get(self.resolver.resolve_call(self.fn, self.module, f"{text}.{method}") or "")
            # `__enter__` of the built class itself or inherited (a base or mixin defines it)
            if enter is not None and enter.guards and self.resolver.one_line(enter.cls, init.cls):
                return enter.qualname
        return None


def _call_stored_callables(resolver: CallResolver, functions: dict[str, FunctionInfo],
                           modules: dict[str, ModuleInfo]) -> dict[str, FunctionInfo]:
    """`Fetcher(self._progress)` where `Fetcher.__init__` keeps `self.on_chunk = on_chunk`, and
    `Fetcher.run` calls `self.on_chunk(n)`: that call runs `Manager._progress` on the `Manager`
    that built the fetcher, when every in-scope construction passes the same function or bound
    method (tests/corpus/il103_bound_method_callback). The call gets the target's qualname as its
    callee: it does not run on the fetcher's `self`; its `target` keeps the field it reads
    (`self.on_chunk`), still a stored callable for IL303."""
    kept: dict[str, dict[str, set[str]]] = {}          # __init__ qualname -> param -> fields
    passed: dict[tuple[str, str], set[str | None]] = {}   # (class, field) -> callables handed in
    own: dict[tuple[str, str], str] = {}                  # (class, field) -> `self.m` it keeps
    for fn in functions.values():
        if fn.name != "__init__" or not fn.cls:
            continue
        params = set(fn.params[1:])
        for ev in flatten(fn.body):
            value = (ev.value or "").strip()
            if ev.kind is not EventKind.WRITE or ev.op != "=" or not ev.target \
                    or not ev.target.startswith("self.") or ev.target.count(".") != 1:
                continue
            if value in params:
                kept.setdefault(fn.qualname, {}).setdefault(value, set()).add(ev.target[5:])
            elif unwrap_partial(value).startswith("self."):
                passed.setdefault((fn.cls, ev.target[5:]), set()).add(callable_named(resolver, fn, fn.module, value))
                own[(fn.cls, ev.target[5:])] = unwrap_partial(value)
    bodies = [(f, f.module, f.body) for f in functions.values()] + [(None, m, i.body) for m, i in modules.items()]
    for fn, module, body in bodies:
        for ev in flatten(body):
            hit = _assigned_callback(resolver, fn, module, ev) if ev.kind is EventKind.WRITE else None
            if hit is not None:
                passed.setdefault(hit[0], set()).add(hit[1])
    if not kept and not own and not passed:
        return functions
    for fn, module, body in bodies:
        for ev in flatten(body):
            init = functions.get(ev.resolved or "") if ev.kind is EventKind.CALL else None
            if init is None or init.qualname not in kept:
                continue
            for param, value in bind_arguments(init, ev.args).items():
                for field in kept[init.qualname].get(param, ()):
                    passed.setdefault((init.cls, field), set()).add(callable_named(resolver, fn, module, value))
    targets = {key: next(iter(found)) for key, found in passed.items()
               if len(found) == 1 and None not in found and _bound_once(resolver, *key)}
    if not targets:
        return functions

    def rewrite(fn: FunctionInfo, ev: Event) -> Event:
        callee = ev.callee or ""
        if ev.kind is not EventKind.CALL or ev.resolved in functions or not callee.startswith("self.") \
                or callee.count(".") != 1:
            return ev
        for anc in resolver.classes[fn.cls].ancestors if fn.cls in resolver.classes else ():
            hit = targets.get((anc, callee[5:]))
            if hit is not None and (anc, callee[5:]) in own:    # its own bound method: a call on `self`
                return ev.model_copy(update={"resolved": hit, "callee": own[(anc, callee[5:])]})
            if hit is not None:
                return ev.model_copy(update={"resolved": hit, "callee": hit, "target": callee})
        return ev

    def candidate(ev: Event) -> bool:      # what `rewrite` may change
        return ev.kind is EventKind.CALL and ev.resolved not in functions and (ev.callee or "").startswith("self.") \
            and (ev.callee or "").count(".") == 1

    out = {}
    for q, fn in functions.items():
        body = map_events(fn.body, lambda ev, fn=fn: rewrite(fn, ev)) \
            if fn.cls and any(candidate(ev) for ev in flatten(fn.body)) else fn.body
        out[q] = fn if body is fn.body else fn.model_copy(update={"body": body})
    return out


def _assigned_callback(resolver: CallResolver, fn: FunctionInfo | None, module: str,
                       ev: Event) -> tuple[tuple[str, str], str | None] | None:
    """`scanner.on_scan = self._on_scan` (also `self.scanner.on_scan = ...`): a callable stored by
    assignment in a field of another object of the program, whose class calls `self.on_scan(...)`
    (its own thread, typically): ((class, field), the callable, or None when it names none).
    The field must be bound in the class's constructor (`self.on_scan = None`), as for a callable
    handed to the constructor (tests/corpus/il402_callback_assigned_to_program_object)."""
    if ev.kind is not EventKind.WRITE or ev.op != "=" or not ev.target or ev.target.count(".") < 1:
        return None
    recv, _, field = ev.target.rpartition(".")
    if recv == "self" or not field.isidentifier() or not all(p.isidentifier() for p in recv.split(".")):
        return None
    value = (ev.value or "").strip()
    if not value or not all(p.isidentifier() for p in unwrap_partial(value).split(".")):
        return None
    init = resolver.resolve_call(fn, module, f"{recv}.__init__")
    cls = init.rsplit(".", 1)[0] if init and init.endswith(".__init__") else None
    if cls not in resolver.classes or field in resolver.classes[cls].methods:
        return None
    return (cls, field), callable_named(resolver, fn, module, value)


def _bound_once(resolver: CallResolver, cls: str, field: str) -> bool:
    info = resolver.classes.get(cls)
    attr = info.attributes.get(field) if info is not None else None
    return attr is not None and attr.init_only


def _store_through_method(prev: Event, ev: Event) -> Event:
    """`obj[k] = v` / `del obj[k]` after the call of obj's own `__setitem__`/`__delitem__`: the
    method does the store (under its own lock, if any); here `obj` is only read."""
    if (ev.kind is EventKind.MUTATE and ev.op in ("setitem", "delitem") and prev.kind is EventKind.CALL
            and prev.callee == f"{ev.target}.__{ev.op}__"):
        return ev.model_copy(update={"kind": EventKind.READ, "op": None, "value": None, "reads": ()})
    return ev


def _unresolved_special(resolver: CallResolver, ev: Event) -> bool:
    """`k in obj` / `obj[k]` on an object whose class in scope does not define the special method
    (a dict subclass, an unknown object): no call of the program's own code."""
    if ev.kind is not EventKind.CALL or (ev.callee or "").rpartition(".")[2] not in DUNDERS:
        return False
    if ev.resolved not in resolver.functions:
        return True
    # `with obj:` of a lock wrapper holds its lock through lockscopes.py, not through the calls
    return (ev.op or "").endswith((" enter", " exit")) and _wraps_lock(resolver, resolver.functions[ev.resolved])


def _wraps_lock(resolver: CallResolver, fn: FunctionInfo) -> bool:
    """`fn` is a context-manager method of a class whose `__enter__`/`__aenter__` holds a lock."""
    methods = resolver.own_methods.get(fn.cls or "", {})
    return any((m := resolver.functions.get(q)) is not None and m.guards
               for name, q in methods.items() if name in ("__enter__", "__aenter__"))


def _finish_class(cls: ClassInfo, resolver: CallResolver, used_as_base: set[str]) -> ClassInfo:
    update: dict = {}
    if not cls.is_thread and resolver.is_thread(cls.qualname):
        update["is_thread"] = True
    own_init = resolver.own_methods.get(cls.qualname, {}).get("__init__")
    only_a_base = (cls.qualname in used_as_base and own_init is None
                   and cls.qualname not in resolver.instantiated)
    if not cls.is_mixin and (cls.name.endswith("Mixin") or only_a_base):
        update["is_mixin"] = True
    return cls.model_copy(update=update) if update else cls


def _injected_locks(functions: dict[str, FunctionInfo], modules: dict[str, ModuleInfo],
                    classes: dict[str, ClassInfo]) -> dict[str, ClassInfo]:
    """One lock object handed to the constructors of several objects, each keeping it in a field
    (`lock = threading.Lock(); Amp(port, lock); Display(port, lock)` with `self._lock = port_lock`
    in both), or a field handed the owner's own lock (`Worker(self._lock)`): those fields are one
    lock, `same_lock` names it. Only a field that every construction in scope binds from the same
    source (one local or parameter of one function, one lock field, one lock global) is linked;
    a field bound from several places (or from a fresh `Lock()`) stays a lock of its own."""
    sources: dict[tuple[str, str], set[tuple]] = {}        # (class, field) -> where its lock came from
    bodies = [(f, f.module, f.body) for f in functions.values()] + [(None, m.name, m.body) for m in modules.values()]
    for fn, module, body in bodies:
        for ev in flatten(body):
            # a thread subclass built and started at once (`Sender(lock, q).start()`) is a spawn
            # event that carries its constructor and arguments (il102_lock_handed_to_started_threads)
            if ev.kind not in (EventKind.CALL, EventKind.SPAWN) or not (ev.resolved or "").endswith(".__init__"):
                continue
            init = functions.get(ev.resolved or "")
            child = classes.get(init.cls or "") if init is not None else None
            if init is None or child is None or not ev.args:
                continue
            params = [p.lstrip("*") for p in init.params][1:]
            passed: dict[str, str] = {}
            for i, arg in enumerate(ev.args):
                key, eq, val = arg.partition("=")
                if eq and key.isidentifier() and not val.startswith("="):
                    passed[key] = val.strip()
                elif not arg.startswith("*") and i < len(params) and not eq:
                    passed[params[i]] = arg.strip()
            for name, attr in child.attributes.items():
                if (attr.declared_in == child.qualname and attr.kind in LOCK_KINDS and attr.init_only
                        and attr.value in passed):
                    src = _lock_source(classes, modules, fn, module, passed[attr.value])
                    sources.setdefault((child.qualname, name), set()).add(src)
    groups: dict[tuple, list[tuple[str, str]]] = {}
    for field, srcs in sources.items():
        if len(srcs) == 1 and None not in srcs:
            groups.setdefault(next(iter(srcs)), []).append(field)
    alias: dict[tuple[str, str], str] = {}
    for src, fields in groups.items():
        if src[0] == "lock":
            canon = src[1]
        elif len(fields) > 1:
            canon = ".".join(min(fields))
        else:
            continue
        for f in fields:
            if ".".join(f) != canon:
                alias[f] = canon
    if not alias:
        return classes
    out = {}
    for q, c in classes.items():
        attrs = {n: a.model_copy(update={"same_lock": alias[(a.declared_in, n)]})
                 if (a.declared_in, n) in alias else a for n, a in c.attributes.items()}
        out[q] = c if attrs == c.attributes else c.model_copy(update={"attributes": attrs})
    return out


def _lock_source(classes: dict[str, ClassInfo], modules: dict[str, ModuleInfo], fn: FunctionInfo | None,
                 module: str, arg: str) -> tuple | None:
    """What a constructor argument names: ("lock", symbol) for a lock field of `self` or a lock
    global, ("name", scope, name) for a local or parameter, None for anything else."""
    if arg.startswith("self.") and arg.count(".") == 1 and fn is not None and fn.cls in classes:
        attr = classes[fn.cls].attributes.get(arg[5:])
        if attr is not None and attr.kind in LOCK_KINDS:
            return "lock", f"{attr.declared_in or fn.cls}.{attr.name}"
        return None
    if not arg.isidentifier():
        return None
    glob = modules[module].globals.get(arg) if module in modules else None
    if glob is not None and (fn is None or arg not in fn.params):
        return ("lock", f"{module}.{arg}") if glob.kind in LOCK_KINDS else ("name", module, arg)
    return ("name", fn.qualname, arg) if fn is not None else None
