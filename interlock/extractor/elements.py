"""Objects kept in containers, found from what the program stores in them.

    def open(self, sid, acct: Account):
        self._owner[sid] = (acct, deadline)           # an `Account`, in slot 0 of each value
    def _expire(self):
        for sid, (acct, _) in list(self._owner.items()):
            acct.drop(sid)                            # `Account.drop`

A container field or module global with no element class in scope (`_plugins = {}`,
`self._owner: dict = {}`) takes the class of the objects every store in scope puts in it (a
parameter typed by its annotation or its callers, a local built or handed out, an object built in
the store itself: `self._peers[name] = Peer(name, self)`), as an element or
as one slot of a tuple element, when all stores agree. A loop or a comprehension over such a
container, or over one whose annotation names the element class (`list["Account"]`), binds its
target's names to that class (as `fetched` locals: objects others hold too), and the calls on them
resolve (tests/corpus/il301_elements_kept_in_containers, il301_element_calls_in_a_generator).

An annotation says more: a loop over a parameter, field or global annotated with a generic
container (`work: list[tuple[str, Account, int]]`, `self._by_id: dict[int, Job]`) binds each name
of its target to the class in its slot, through `.items()`/`.values()`/`.keys()`, `enumerate`,
`zip` and copies (`for label, acct, n in work`, `for i, (k, job) in enumerate(by_id.items())`;
tests/corpus/il103_loop_over_annotated_tuples).
"""
from __future__ import annotations

import ast
import re

from interlock.extractor.events_stmt import ELEMENTS
from interlock.extractor.index import flatten
from interlock.extractor.resolution import CallResolver
from interlock.models.arguments import parse_expr
from interlock.models.objects import all_nodes
from interlock.models.program import AttrKind, Event, EventKind, FunctionInfo, Loop, ModuleInfo

#: stores of one element: the op and where its value is (the assigned value, or an argument)
_STORES = {"setitem": None, "append": 0, "appendleft": 0, "add": 0, "insert": 1}
#: `for x in list(c.values())` / `sorted(c.items())`: a copy of the view
_COPIED_VIEW = re.compile(r"^(?:list|tuple|sorted|reversed)\(\s*([\w.]+)\.(items|values)\(\)\s*\)$")
_ELEMENT_OPS = frozenset({"for", "values", "list", "tuple", "sorted", "reversed"})

Key = tuple[str, str]            # (class or module, field)


def infer(resolver: CallResolver, functions: dict[str, FunctionInfo], modules: dict[str, ModuleInfo],
          resolve) -> tuple[dict[str, FunctionInfo], dict[str, ModuleInfo]]:
    """`functions` with their loop locals over such containers typed and re-resolved (by
    `resolve(resolver, fn)`), and `modules` with the element classes of their globals."""
    copied = _copied(resolver, functions, modules)
    kept = _kept(resolver, functions, modules, copied)
    if kept:
        modules = _publish(resolver, modules, kept)
    kept = {**_annotated(resolver, modules), **kept}
    changed = {}
    for q, fn in functions.items():
        settled = _settle_marks(fn, kept)
        bound = _loop_locals(resolver, fn, modules, kept, copied) if kept else {}
        bound = {**bound, **_annotated_loop_locals(resolver, fn, modules)}
        if bound or settled is not fn:
            changed[q] = resolve(resolver, settled.model_copy(update={"fetched": {**bound, **settled.fetched}}))
    if changed:
        functions = {**functions, **changed}
        resolver.names.functions = functions
    return functions, modules


def _container(resolver: CallResolver, fn: FunctionInfo, modules: dict[str, ModuleInfo], path: str) -> Key | None:
    """The declaring owner of the container field or module global `path` names in `fn`."""
    head, _, field = path.rpartition(".")
    if head in ("self", "cls") and fn.cls in resolver.classes:
        attr = resolver.classes[fn.cls].attributes.get(field)
        owner = attr.declared_in if attr is not None else None
    else:
        attr = modules[head].globals.get(field) if head in modules else None
        owner = head
    return (owner, field) if attr is not None and attr.kind is AttrKind.CONTAINER else None


def _attribute(resolver: CallResolver, modules: dict[str, ModuleInfo], key: Key):
    owner, field = key
    info = resolver.classes.get(owner)
    attrs = info.attributes if info is not None else modules[owner].globals
    return attrs.get(field)


def _kept(resolver: CallResolver, functions, modules, copied: dict[Key, set]) -> dict[Key, tuple[str, int | None]]:
    seen: dict[Key, set] = {k: set(v) for k, v in copied.items()}
    for fn in functions.values():
        for ev in flatten(fn.body):
            if ev.kind is not EventKind.MUTATE or ev.op not in _STORES or not ev.target:
                continue
            key = _container(resolver, fn, modules, ev.target)
            if key is None:
                continue
            at = _STORES[ev.op]
            value = ev.value if at is None else (ev.args[at] if len(ev.args) > at else None)
            seen.setdefault(key, set()).add(_stored(resolver, fn, value))
    out = {}
    for key, found in seen.items():
        attr = _attribute(resolver, modules, key)
        if len(found) == 1 and None not in found and attr.type_name not in resolver.classes:
            out[key] = found.pop()
    return out


def _copied(resolver: CallResolver, functions, modules) -> dict[Key, set]:
    """Container fields bound to the elements of a parameter whose element class is known (from its
    annotation, or from what every caller passes: param_types._agreed_elements), as a table or a
    copy: `self._wallets = {w.owner: w for w in wallets}`, `[j for j in jobs if j.ready]`,
    `list(jobs)`, `jobs`. Per field, the classes its bindings give: ((class, None) or None for a
    binding to anything else; an empty container is no binding). A mapping's loop walks its keys,
    so only `.values()`/`.items()` bind its elements (tests/corpus/il301_table_built_from_constructor_list)."""
    seen: dict[Key, set] = {}
    for fn in functions.values():
        if not fn.cls:
            continue
        for ev in flatten(fn.body):
            if ev.kind is not EventKind.WRITE or ev.op != "=" or not ev.target or ev.target.count(".") != 1 \
                    or ev.target.partition(".")[0] not in ("self", "cls"):
                continue
            key = _container(resolver, fn, modules, ev.target)
            if key is None:
                continue
            expr = parse_expr(ev.value)
            if _empty(expr):
                continue
            source = _copied_param(expr)
            cls = element_of(resolver, fn, modules, ast.Name(source)) if source in fn.params else None
            seen.setdefault(key, set()).add((cls, None) if isinstance(cls, str) else None)
    return {k: v for k, v in seen.items() if any(v)}


def _copied_param(expr) -> str | None:
    """`p` of `{x.k: x for x in p}`, `[x for x in p if ...]`, `list(p)`, `p`: the name whose
    elements `expr` holds (None: something else)."""
    if isinstance(expr, ast.Name):
        return expr.id
    if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name) and expr.func.id in _COPIES | {"deque"} \
            and len(expr.args) == 1 and not expr.keywords and isinstance(expr.args[0], ast.Name):
        return expr.args[0].id
    if isinstance(expr, (ast.DictComp, ast.ListComp, ast.SetComp, ast.GeneratorExp)) and len(expr.generators) == 1:
        gen = expr.generators[0]
        elt = expr.value if isinstance(expr, ast.DictComp) else expr.elt
        if isinstance(gen.target, ast.Name) and isinstance(elt, ast.Name) and elt.id == gen.target.id \
                and isinstance(gen.iter, ast.Name) and not gen.is_async:
            return gen.iter.id
    return None


def _settle_marks(fn: FunctionInfo, kept) -> FunctionInfo:
    """`fn` with the element marks of its `fetched`/`ordered` locals (events_stmt.element_mark:
    `src = self._wallets[payer]` of an unannotated container) replaced by the class the program
    keeps in that container, or dropped when none is known."""
    def settle(table: dict[str, str]) -> dict[str, str]:
        out = {}
        for name, cls in table.items():
            if cls.endswith(ELEMENTS):
                owner, _, field = cls[:-len(ELEMENTS)].rpartition(".")
                found = kept.get((owner, field))
                if found is None or found[1] is not None:
                    continue
                cls = found[0]
            out[name] = cls
        return out
    if not any(c.endswith(ELEMENTS) for c in (*fn.fetched.values(), *fn.ordered.values())):
        return fn
    return fn.model_copy(update={"fetched": settle(fn.fetched), "ordered": settle(fn.ordered)})


def _annotated(resolver: CallResolver, modules: dict[str, ModuleInfo]) -> dict[Key, tuple[str, None]]:
    """The sequences and sets whose annotation names their element class in scope (`list[Job]`,
    `set["Account"]`). A mapping's loop walks its keys, so only its `.values()`/`.items()` count."""
    out: dict[Key, tuple[str, None]] = {}
    owned = [(q, a) for q, info in resolver.classes.items() for a in info.attributes.values()]
    owned += [(m, a) for m, info in modules.items() for a in info.globals.values()]
    for owner, attr in owned:
        if attr.kind is AttrKind.CONTAINER and attr.type_name in resolver.classes and attr.annotation:
            out[(attr.declared_in or owner, attr.name)] = (attr.type_name, None)
    return out


def _annotated_mapping(resolver: CallResolver, modules: dict[str, ModuleInfo], key: Key) -> bool:
    """The container is an annotated dict (`dict[str, Job]`): `for x in d` walks its keys."""
    attr = _attribute(resolver, modules, key)
    head = (attr.annotation or "").split("[", 1)[0].rpartition(".")[2].lower()
    return head.endswith(("dict", "mapping"))


def _built_mapping(resolver: CallResolver, modules: dict[str, ModuleInfo], key: Key) -> bool:
    """The container is first bound to a dict (`{}`, `{w.owner: w for w in wallets}`, `dict()`)."""
    expr = parse_expr(_attribute(resolver, modules, key).value)
    return isinstance(expr, (ast.Dict, ast.DictComp)) or isinstance(expr, ast.Call) \
        and isinstance(expr.func, ast.Name) and expr.func.id in ("dict", "defaultdict", "OrderedDict")


def _stored(resolver: CallResolver, fn: FunctionInfo, value: str | None) -> tuple[str, int | None] | None:
    """(class, slot) of a stored value: a typed name, or one typed name in a tuple of names."""
    expr = parse_expr(value)
    if isinstance(expr, ast.Name):
        cls = _class_of(resolver, fn, expr.id)
        return (cls, None) if cls else None
    if isinstance(expr, ast.Call):
        cls = _constructed(resolver, fn, expr)
        return (cls, None) if cls else None
    if isinstance(expr, ast.Tuple):
        typed = [(_class_of(resolver, fn, e.id) if isinstance(e, ast.Name) else _constructed(resolver, fn, e), i)
                 for i, e in enumerate(expr.elts)]
        typed = [t for t in typed if t[0]]
        return typed[0] if len(typed) == 1 else None
    return None


def _constructed(resolver: CallResolver, fn: FunctionInfo, expr) -> str | None:
    """The in-scope class a call builds in place (`self._peers[name] = Peer(name, self)`)."""
    if not isinstance(expr, ast.Call):
        return None
    written = ast.unparse(expr.func)
    if not all(p.isidentifier() for p in written.split(".")) or written.split(".")[0] in fn.params:
        return None
    cls = resolver.names.resolve_in_module(fn.module, written)
    return cls if cls in resolver.classes else None


def _class_of(resolver: CallResolver, fn: FunctionInfo, name: str) -> str | None:
    written = (fn.param_types.get(name) if name in fn.params else None) or fn.built.get(name) or fn.fetched.get(name)
    cls = resolver.names.resolve_in_module(fn.module, written) if written else None
    return cls if cls in resolver.classes else None


def _publish(resolver: CallResolver, modules: dict[str, ModuleInfo],
             kept: dict[Key, tuple[str, int | None]]) -> dict[str, ModuleInfo]:
    """A container of plain elements takes their class as its `type_name` (what an annotation
    `dict[str, Account]` gives), so accesses through its elements are seen too (models/objects.py)."""
    modules = dict(modules)
    for key, (cls, slot) in kept.items():
        attr = _attribute(resolver, modules, key)
        if slot is not None or attr is None:
            continue
        attr = attr.model_copy(update={"type_name": cls})
        owner, field = key
        if owner in resolver.classes:
            for q, info in list(resolver.classes.items()):
                if info.attributes.get(field) is not None and info.attributes[field].declared_in == owner:
                    resolver.classes[q] = info.model_copy(update={"attributes": {**info.attributes, field: attr}})
        else:
            info = modules[owner]
            modules[owner] = info.model_copy(update={"globals": {**info.globals, field: attr}})
    resolver.names.modules = modules
    return modules


def _loop_locals(resolver: CallResolver, fn: FunctionInfo, modules, kept, copied) -> dict[str, str]:
    out: dict[str, str] = {}
    for iterated, written in _walks(fn, modules):
        key = _container(resolver, fn, modules, iterated[0]) if iterated else None
        if key not in kept:
            continue
        target = parse_expr(written)
        if iterated[1] == "items":
            target = target.elts[1] if isinstance(target, ast.Tuple) and len(target.elts) == 2 else None
        elif iterated[1] not in _ELEMENT_OPS or (iterated[1] != "values" and (
                _annotated_mapping(resolver, modules, key) or key in copied and _built_mapping(resolver, modules, key))):
            continue
        cls, slot = kept[key]
        if slot is not None:
            target = target.elts[slot] if isinstance(target, ast.Tuple) and len(target.elts) > slot else None
        if isinstance(target, ast.Name) and target.id not in fn.params and target.id not in fn.built:
            out[target.id] = cls
    return out


def _walks(fn: FunctionInfo, modules):
    """((container path, op), target as written) of each loop and comprehension of `fn` that
    names its target (`for a in ...`, `(a.total() for a in ...)`)."""
    for node in all_nodes(fn.body):
        if isinstance(node, Loop) and node.target:
            yield _iterated(fn, modules, node), node.target
        elif isinstance(node, Event) and node.kind is EventKind.ITERATE and node.target and node.value:
            yield (node.target, "for" if node.op == "comprehension" else node.op or "for"), node.value


def _iterated(fn: FunctionInfo, modules, loop: Loop) -> tuple[str, str] | None:
    """(container path, op) of a loop header: `self._owner.items()`, `list(self._owner.items())`."""
    header = loop.header
    if header.target:
        return header.target, header.op or "for"
    m = _COPIED_VIEW.match((header.value or "").strip())
    if m is None:
        return None
    path = m.group(1)
    if "." not in path and fn.module in modules and path in modules[fn.module].globals:
        path = f"{fn.module}.{path}"
    return path, m.group(2)


#: iterating one of these walks its elements (a copy, an iterator over them)
_COPIES = frozenset({"list", "tuple", "sorted", "reversed", "set", "frozenset", "iter"})
#: generic containers by their last name, lowercased: one element type argument / key and value
_SEQUENCES = frozenset({"list", "set", "frozenset", "sequence", "mutablesequence", "iterable", "iterator",
                        "collection", "deque", "abstractset", "mutableset", "generator", "asynciterable",
                        "asynciterator", "asyncgenerator", "reversible", "container", "simplequeue"})
_MAPPINGS = frozenset({"dict", "mapping", "mutablemapping", "ordereddict", "defaultdict", "counter", "chainmap"})
_VIEW_OPS = {"items", "values", "keys"}

#: what a slot holds: an in-scope class, nothing known (None), or a tuple of slots
Slot = "str | None | tuple"


def _annotated_loop_locals(resolver: CallResolver, fn: FunctionInfo, modules) -> dict[str, str]:
    """Names bound by `fn`'s loops over annotated containers -> the class the annotation gives
    their slot of the element (see the module docstring)."""
    out: dict[str, str] = {}
    for node in all_nodes(fn.body):
        if not isinstance(node, Loop) or not node.target:
            continue
        header = node.header
        if header.target:
            slot = _element(resolver, fn, modules, _path_expr(header.target), header.op or "for")
        else:
            slot = _iterated_slot(resolver, fn, modules, parse_expr(header.value))
        if slot is None:
            continue
        for name, cls in _bind(parse_expr(node.target), slot).items():
            if name not in fn.params and name not in fn.built:
                out[name] = cls
    for target, iterable in fn.param_walks:
        slot = _iterated_slot(resolver, fn, modules, parse_expr(iterable))
        for name, cls in _bind(parse_expr(target), slot).items() if slot is not None else ():
            if name not in fn.params and name not in fn.built:
                out[name] = cls
    return out


def _path_expr(path: str) -> ast.expr | None:
    return parse_expr(path) if all(p.isidentifier() for p in path.split(".")) else None


def _iterated_slot(resolver: CallResolver, fn: FunctionInfo, modules, expr) -> Slot:
    """The slot of an element of the iterable `expr` (a header as written)."""
    if isinstance(expr, (ast.Name, ast.Attribute)):
        return _element(resolver, fn, modules, expr, "for")
    if isinstance(expr, ast.BoolOp) and isinstance(expr.op, ast.Or):
        # `batch or ()`: the container, or an empty one
        slots = {_iterated_slot(resolver, fn, modules, v) for v in expr.values if not _empty(v)}
        return slots.pop() if len(slots) == 1 else None
    if not isinstance(expr, ast.Call) or any(isinstance(a, ast.Starred) for a in expr.args) or expr.keywords \
            and not (isinstance(expr.func, ast.Name) and expr.func.id in ("sorted", "enumerate")):
        return None
    func = expr.func
    if isinstance(func, ast.Attribute) and func.attr in _VIEW_OPS and not expr.args:
        return _element(resolver, fn, modules, func.value, func.attr)
    if not isinstance(func, ast.Name) or not expr.args:
        return None
    if func.id in _COPIES and len(expr.args) == 1:
        return _iterated_slot(resolver, fn, modules, expr.args[0])
    if func.id == "enumerate" and len(expr.args) == 1:
        inner = _iterated_slot(resolver, fn, modules, expr.args[0])
        return (None, inner) if inner is not None else None
    if func.id == "zip":
        slots = tuple(_iterated_slot(resolver, fn, modules, a) for a in expr.args)
        return slots if any(s is not None for s in slots) else None
    return None


def _empty(expr) -> bool:
    """`()`, `[]`, `{}`, `set()`, `tuple()`: an empty container literal."""
    if isinstance(expr, (ast.Tuple, ast.List, ast.Set)):
        return not expr.elts
    if isinstance(expr, ast.Dict):
        return not expr.keys
    return isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name) and not expr.args and not expr.keywords \
        and expr.func.id in ("set", "tuple", "list", "dict", "frozenset")


def _element(resolver: CallResolver, fn: FunctionInfo, modules, expr, op: str) -> Slot:
    """The slot of what `op` walks in the container `expr` names (a parameter, `self.field`, a
    global), by its annotation."""
    found = _annotation(resolver, fn, modules, expr)
    if found is None:
        return None
    module, ann = found
    ann = _strip_optional(ann)
    if not isinstance(ann, ast.Subscript):
        return None
    head = _last_name(ann.value).lower()
    args = list(ann.slice.elts) if isinstance(ann.slice, ast.Tuple) else [ann.slice]
    if op == "enumerate":
        inner = _element(resolver, fn, modules, expr, "for")
        return (None, inner) if inner is not None else None
    if op in _COPIES:
        op = "for"
    if head in _MAPPINGS:
        if len(args) != 2 and not (head == "counter" and len(args) == 1):
            return None
        key = _slot(resolver, module, args[0])
        value = _slot(resolver, module, args[1]) if len(args) == 2 else None
        return {"for": key, "keys": key, "values": value, "items": (key, value)}.get(op)
    if op != "for":
        return None
    if head in _SEQUENCES and len(args) >= 1:
        return _slot(resolver, module, args[0])
    if head == "tuple" and len(args) == 2 and isinstance(args[1], ast.Constant) and args[1].value is Ellipsis:
        return _slot(resolver, module, args[0])
    return None


def element_of(resolver: CallResolver, fn: FunctionInfo, modules, expr) -> Slot:
    """The slot of an element of the container `expr` (a parameter, field or global) in `fn`."""
    return _element(resolver, fn, modules, expr, "for")


def _annotation(resolver: CallResolver, fn: FunctionInfo, modules, expr) -> tuple[str, ast.expr] | None:
    """(module the annotation is written in, the annotation) of a parameter, field or global."""
    text, module = None, fn.module
    if isinstance(expr, ast.Name):
        if expr.id in fn.param_annotations:
            text = fn.param_annotations[expr.id]
        elif expr.id not in fn.params and fn.module in modules:
            glob = modules[fn.module].globals.get(expr.id)
            text = glob.annotation if glob is not None else None
    elif isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name):
        head = expr.value.id
        if head in ("self", "cls") and fn.cls in resolver.classes:
            attr = resolver.classes[fn.cls].attributes.get(expr.attr)
            owner = resolver.classes.get(attr.declared_in or fn.cls) if attr is not None else None
            text, module = (attr.annotation, owner.module) if owner is not None else (None, module)
        elif head in modules and head not in fn.params:
            glob = modules[head].globals.get(expr.attr)
            text, module = (glob.annotation if glob is not None else None), head
    ann = parse_expr(text)
    return (module, ann) if ann is not None else None


def _strip_optional(ann: ast.expr) -> ast.expr | None:
    """`Optional[X]`, `X | None`, `Union[X, None]`, `"X"` -> X."""
    if isinstance(ann, ast.Constant) and isinstance(ann.value, str):
        ann = parse_expr(ann.value)
    if isinstance(ann, ast.BinOp) and isinstance(ann.op, ast.BitOr):
        arms = [a for a in (ann.left, ann.right) if not (isinstance(a, ast.Constant) and a.value is None)]
        return _strip_optional(arms[0]) if len(arms) == 1 else None
    if isinstance(ann, ast.Subscript) and _last_name(ann.value) in ("Optional", "Union"):
        args = list(ann.slice.elts) if isinstance(ann.slice, ast.Tuple) else [ann.slice]
        arms = [a for a in args if not (isinstance(a, ast.Constant) and a.value is None)]
        return _strip_optional(arms[0]) if len(arms) == 1 else None
    if isinstance(ann, ast.Subscript) and _last_name(ann.value) == "Annotated":
        args = list(ann.slice.elts) if isinstance(ann.slice, ast.Tuple) else [ann.slice]
        return _strip_optional(args[0])
    return ann


def _slot(resolver: CallResolver, module: str, ann: ast.expr) -> Slot:
    """An in-scope class named by `ann`, or a tuple of slots for `tuple[A, B]`."""
    ann = _strip_optional(ann)
    if isinstance(ann, (ast.Name, ast.Attribute)):
        name = ast.unparse(ann)
        cls = resolver.names.resolve_in_module(module, name) or resolver.names.resolve(name)
        return cls if cls in resolver.classes else None
    if isinstance(ann, ast.Subscript) and _last_name(ann.value).lower() == "tuple":
        args = list(ann.slice.elts) if isinstance(ann.slice, ast.Tuple) else [ann.slice]
        if any(isinstance(a, ast.Constant) and a.value is Ellipsis for a in args):
            return None
        slots = tuple(_slot(resolver, module, a) for a in args)
        return slots if any(s is not None for s in slots) else None
    return None


def _last_name(node: ast.expr) -> str:
    return node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else ""


def _bind(target, slot: Slot) -> dict[str, str]:
    """Names of a loop target -> the class of their slot."""
    if isinstance(target, ast.Name):
        return {target.id: slot} if isinstance(slot, str) else {}
    if isinstance(target, (ast.Tuple, ast.List)) and isinstance(slot, tuple) and len(slot) == len(target.elts) \
            and not any(isinstance(e, ast.Starred) for e in target.elts):
        out: dict[str, str] = {}
        for e, s in zip(target.elts, slot):
            out.update(_bind(e, s))
        return out
    return {}
