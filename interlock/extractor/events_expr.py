"""Expression walking: READ/ITERATE events and access paths, in evaluation order.

An access path is a Name/Attribute chain with subscripts dropped (`self.items[i].x` ->
`self.items`), its root normalised: the method's first parameter -> `self`/`cls`, module globals ->
`<module>.<NAME>`, imported names -> their dotted target, locals stay bare.
"""
from __future__ import annotations

from typing import NamedTuple

import libcst as cst

from interlock.extractor import events_format as fmt
from interlock.extractor.app_state import APPSTATE, app_item, state_parts
from interlock.extractor.cells import cell_path, function_attribute, nested_function_attribute
from interlock.models.program import APP_ITEMS, APP_STATE, AttrKind, Event, EventKind

SELF, GLOBAL, LOCAL, IMPORTED, OTHER = "self", "global", "local", "imported", "other"
CELL = "cell"        # a closure's shared local, `<module>.<function>.<locals>.<name>` (cells.py)
#: kinds of objects changed in place, without a new binding of the attribute
MUTABLE_KINDS = frozenset({AttrKind.CONTAINER, AttrKind.ARRAY})
CLASS = "class"      # a class of this file named as an object (`Job._next_id`): its class attributes
#: the special methods that `k in obj`, `obj[k]`, `obj[k] = v` and `del obj[k]` run
#: the context-manager protocol a `with obj:` calls (events_stmt._with_item)
WITH_DUNDERS = frozenset({"__enter__", "__exit__", "__aenter__", "__aexit__"})
DUNDERS = frozenset({"__contains__", "__getitem__", "__setitem__", "__delitem__"} | {fmt.STR, fmt.REPR, fmt.FORMAT}) \
    | WITH_DUNDERS


def literal_items(iterable, target) -> tuple | None:
    """The elements of `for name in (a, b, c)` (a literal tuple, list or set, no `*`), else None."""
    if not isinstance(target, cst.Name) or not isinstance(iterable, (cst.Tuple, cst.List, cst.Set)):
        return None
    elements = iterable.elements
    return tuple(e.value for e in elements) if elements and all(isinstance(e, cst.Element) for e in elements) else None


class Access(NamedTuple):
    path: str            # normalised access path
    text: str            # as written (for locating it in the source)
    root: str            # SELF / GLOBAL / LOCAL / IMPORTED / OTHER
    depth: int           # attributes after the root name


class ExprWalker:
    """Mixin of FunctionWalker: expressions. Relies on `emit`, `scope`, `locals`, `call`."""

    # -- names and paths -------------------------------------------------------------------
    def access(self, node: cst.BaseExpression, as_object: bool = False) -> Access | None:
        """The access path of `node`. A local bound once to a field (`m = self.meter`) stands for
        that field where it is used as an object (`m.x`, `m[k]`, `m.add()`, `with m:`; also a bare
        `m` when `as_object`), not where its value is read (`if state == X` after `state = self.state`)."""
        parts: list[str] = []
        touched = as_object
        while True:
            t = type(node)           # by exact class: a missed `isinstance` on a libcst ABC runs Python code
            if t is cst.Attribute:
                parts.append(node.attr.value)
                node = node.value
            elif t is cst.Subscript:
                if (key := app_item(self, node)) is not None:     # `request.app["sockets"]` (app_state.py)
                    parts.reverse()
                    text = ".".join([self.scope.code(node), *parts])
                    return Access(".".join([APP_ITEMS, key, *parts]), text, APPSTATE, len(parts))
                parts.clear()
                node = node.value
            elif t is cst.Name:
                break
            elif parts and self._type_of_self(node):
                break
            elif (named := self.getattr_of(node)) is not None:
                parts.append(named[1])
                node = named[0]
            else:
                return None
            touched = True
        parts.reverse()
        if not isinstance(node, cst.Name) or (parts[:1] == ["__class__"] and len(parts) > 1
                                               and node.value in self.self_names):
            # `type(self).x` / `self.__class__.x`: the attribute of the object's class, as `cls.x`
            head = self.scope.code(node)
            if isinstance(node, cst.Name):
                head, parts = f"{head}.__class__", parts[1:]
            return Access(".".join(["cls", *parts]), ".".join([head, *parts]), SELF, len(parts))
        name = node.value
        inside = state_parts(self, name, parts)
        if inside:          # `request.app.state.hits`: the application's one namespace (app_state.py)
            return Access(".".join([APP_STATE, *inside]), ".".join([name, *parts]), APPSTATE, len(inside) - 1)
        alias = self.field_aliases.get(name) if touched else None
        if alias is not None:
            return Access(".".join([alias.path, *parts]), ".".join([name, *parts]), alias.root,
                          alias.depth + len(parts))
        text = ".".join([name, *parts])
        if touched and name in self.param_aliases:
            name = self.param_aliases[name]
        root, kind = self.root_of(name)
        if kind == OTHER and len(parts) == 1 and not parts[0].startswith("__") and name in self.scope.module_defs \
                and name not in self.scope.classes:
            # `next_id.counter += 1`: an attribute of a module-level function, one object every
            # caller shares, like a module global (tests/corpus/il103_function_attribute_counter)
            root, kind = function_attribute(self.scope, name, parts[0]), GLOBAL
            return Access(root, text, kind, 0)
        if kind in (OTHER, LOCAL) and len(parts) == 1 and not parts[0].startswith("__") \
                and (outer := self.enclosing(name)) is not None and name in outer.local_defs:
            # `wrapper.calls += 1` in a decorator's wrapper: an attribute of the function object
            # the enclosing function defined, shared by every caller of what it decorates, like
            # its cells (tests/corpus/il103_decorator_wrapper_counts_calls)
            return Access(nested_function_attribute(self.scope, outer.qualname, name, parts[0]), text, GLOBAL, 0)
        return Access(".".join([root, *parts]), text, kind, len(parts))

    def getattr_of(self, node: cst.BaseExpression) -> tuple[cst.BaseExpression, str] | None:
        """`getattr(obj, "name")` / `getattr(obj, "name", default)` -> (obj, "name"): a read of
        `obj.name` (a mixin that creates its listener list lazily;
        tests/corpus/il303_lazy_hooks_through_getattr)."""
        if not (type(node) is cst.Call and type(node.func) is cst.Name and node.func.value == "getattr"
                and 2 <= len(node.args) <= 3 and not any(a.star or a.keyword for a in node.args)
                and "getattr" not in self.locals):
            return None
        name = node.args[1].value
        if not isinstance(name, cst.SimpleString) or not name.evaluated_value.isidentifier():
            return None
        return node.args[0].value, name.evaluated_value

    def _type_of_self(self, node: cst.BaseExpression) -> bool:
        """`type(self)`: the class of this method's object."""
        return (isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value == "type"
                and len(node.args) == 1 and isinstance(node.args[0].value, cst.Name)
                and node.args[0].value.value in self.self_names and "type" not in self.locals)

    def root_of(self, name: str) -> tuple[str, str]:
        if name in self.self_names:
            return self.self_names[name], SELF
        if name not in self.locals and name not in self.global_decls and (cell := cell_path(self, name)):
            return cell, CELL
        if name not in self.locals and name not in self.global_decls and self.captures(name):
            return name, LOCAL
        if name in self.global_decls or (name not in self.locals and name in self.scope.globals):
            return f"{self.scope.module}.{name}", GLOBAL
        if name in self.locals:
            return name, LOCAL
        full = self.scope.imports.names.get(name)
        if full is not None:
            return full, IMPORTED
        if name in self.scope.classes:
            return self.scope.classes[name].qualname, CLASS
        return name, OTHER

    def captures(self, name: str) -> bool:
        """A free variable naming a typed parameter the enclosing function never rebinds
        (`def make_checker(reg: Registry): def check(): reg.started...`) is a parameter of the
        closure too: the object the factory's caller passed (checker/shared_args.py follows it
        from the spawn `Thread(target=make_checker(reg))`; tests/corpus/il202_closure_over_factory_parameter)."""
        if name in self.captured:
            return True
        outer = self.enclosing(name)
        if outer is None or outer.is_module or name not in outer.params or outer.binds.get(name) \
                or name in outer.rebound or name in outer.captured or not outer.typed.get(name) \
                or name in self.scope.globals:
            return False
        self.captured[name] = outer.qualname
        self.typed[name] = outer.typed[name]
        self.params.add(name)
        self.locals.add(name)
        return True

    def is_shared(self, acc: Access | None) -> bool:
        """Whether reads of this path are events: state other contexts can see."""
        if acc is None:
            return False
        if acc.root == SELF:
            return acc.depth > 0
        if acc.root in (GLOBAL, CELL, APPSTATE):
            return True
        if acc.root == CLASS:
            # `Job._next_id` of `class Job: _next_id = 0`, written by its methods: state shared by
            # every instance (tests/corpus/il103_class_attribute_counter); constants stay quiet
            facts = self.scope.class_facts(acc.path.rsplit(".", 1)[0]) if acc.depth == 1 else None
            attr = facts.attributes.get(acc.path.rsplit(".", 1)[1]) if facts is not None else None
            # a container class attribute changes in place: `Session._live.pop(k)` beside `cls._live[k] = s`
            return attr is not None and attr.is_class_attr and (not attr.init_only or attr.kind in MUTABLE_KINDS)
        if acc.root == IMPORTED:
            # `pkg.state.x`, or `holder.config` of `from holder import holder` in a flat layout
            # (an object another module made; out-of-tree ones resolve to nothing later)
            return acc.depth > 0 and (self._in_program(acc) or self._from_imported(acc))
        return acc.root == LOCAL and acc.depth == 1 and self._handed_in(acc.path.partition(".")[0])

    def _handed_in(self, name: str) -> bool:
        """`dock.pallets` of a parameter never rebound, or of a local a getter annotated `-> Cls`
        handed out: an object others may hold; the checker keeps the access when that object is
        shared by concurrent runs (checker/shared_args.py)."""
        return (name in self.params and not self.binds.get(name) and name not in self.self_names) or name in self.fetched

    def _in_program(self, acc: Access) -> bool:
        """A name of this file's package, or of a sibling module of a flat layout (`metrics.HITS`)."""
        imports = self.scope.imports
        return imports.is_in_package(acc.path) or imports.is_flat_sibling(acc.text.split(".", 1)[0])

    def _from_imported(self, acc: Access) -> bool:
        head = acc.text.split(".", 1)[0]
        full = self.scope.imports.names.get(head, "")
        return "." in full and full.rsplit(".", 1)[1][:1].islower() and not self.scope.imports.is_module(head)

    def is_tracked(self, acc: Access | None) -> bool:
        """Shared, or a local alias of shared state (`buf = self._buffer`), or a field of an
        object a local holds (`job.status`, see `is_object_field`)."""
        if acc is None:
            return False
        if acc.root == IMPORTED:       # `from .state import registry; registry.append(x)`
            return self._in_program(acc) and "." in acc.path
        return self.is_shared(acc) or (acc.root == LOCAL and acc.path in self.aliases) or self.is_object_field(acc)

    def param_container(self, acc: Access | None) -> bool:
        """`stats[k]`, `stats[k] = v`, `stats.append(x)` on a parameter never rebound: the container
        the caller passed, which may be shared state (a module global, `self._stats`); the checker
        follows the argument up the call chain (checker/analysis.py `_through_param`)."""
        return (acc is not None and acc.root == LOCAL and acc.depth == 0 and acc.path in self.params
                and not self.binds.get(acc.path) and acc.path not in self.self_names and acc.path not in self.typed)

    def is_object_field(self, acc: Access | None) -> bool:
        """`job.status` where `job` is a parameter, a local declared of a class, or a local taken
        from shared state (`for job in self._jobs`, `job = self._jobs.get(k)`): the object may be
        shared, so its field's reads are events; the checker decides whether the object is
        (an element of a shared container, handed down the call chain; checker/elements.py)."""
        if acc is None or acc.root != LOCAL or acc.depth != 1:
            return False
        head = acc.path.partition(".")[0]
        return head in self.params or head in self.aliases or head in self.typed

    def is_method_ref(self, acc: Access) -> bool:
        """`self.method` named, not called; a property's read runs its getter (not a reference)."""
        if not (acc.root == SELF and acc.depth == 1 and self.cls is not None):
            return False
        name = acc.path[5 if acc.path.startswith("self.") else 4:]
        return name in self.cls.methods and name not in self.cls.properties

    def kind_of(self, acc: Access | None):
        """The attribute kind of a path when this file knows it."""
        if acc is None:
            return None
        if acc.root == SELF and acc.depth == 1 and self.cls is not None:
            return self.cls.kind(acc.path.split(".", 1)[1])
        if acc.root == GLOBAL and acc.depth == 0:
            glob = self.scope.globals.get(acc.path.rsplit(".", 1)[1])
            return glob.kind if glob is not None else None
        if acc.root == APPSTATE and acc.depth == 0:
            rec = self.scope.app_state.attrs.get(acc.path) if self.scope.app_state is not None else None
            return rec["kind"] if rec is not None and rec["kind"] is not AttrKind.OTHER else None
        if acc.root == LOCAL and acc.depth == 0:
            return self.local_kinds.get(acc.path)
        if acc.root in (OTHER, CELL) and acc.depth == 0 and (outer := self.enclosing(acc.text)) is not None:
            return outer.local_kinds.get(acc.text)      # a closure's captured local
        if acc.depth == 1 and acc.root in (GLOBAL, LOCAL):
            # `feed.ticks` of `feed = TickFeed()` (a global or a typed local), a class of this file
            head, attr = acc.path.rsplit(".", 1)
            if acc.root == GLOBAL:
                glob = self.scope.globals.get(head.rsplit(".", 1)[1])
                type_name = glob.type_name if glob is not None else None
            else:
                type_name = self.local_types.get(head) or self.typed.get(head)
            facts = self.scope.class_facts(type_name) if type_name else None
            return facts.kind(attr) if facts is not None else None
        return None

    def type_of(self, acc: Access | None) -> str | None:
        """The class a field, global or local holds when this file says (`self.http = httpx.Client()`,
        `conn: smtplib.SMTP`)."""
        if acc is None or acc.depth > 1 or (acc.depth == 1) != (acc.root == SELF):
            return None
        if acc.root == SELF:
            attr = self.cls.attributes.get(acc.path.split(".", 1)[1]) if self.cls is not None else None
        elif acc.root == GLOBAL:
            attr = self.scope.globals.get(acc.path.rsplit(".", 1)[1])
        else:
            return self.local_types.get(acc.path) or self.typed.get(acc.path) if acc.root == LOCAL else None
        return attr.type_name if attr is not None else None

    def holds_object(self, acc: Access) -> bool:
        """`acc` may be an object of a class in scope (this object, a field or local typed with a
        class, not a container): its `in`/`[]` may run the class's own special methods."""
        if acc.root == SELF and acc.depth == 0:
            return self.cls is not None
        if acc.root == SELF and acc.depth == 1 and self.cls is not None:
            attr = self.cls.attributes.get(acc.path.split(".", 1)[1])
            return attr is not None and attr.type_name is not None and attr.kind in (AttrKind.OBJECT, AttrKind.OTHER)
        return acc.root == LOCAL and acc.depth == 0 and bool(self.typed.get(acc.path) or self.local_types.get(acc.path))

    def special_call(self, node: cst.BaseExpression, name: str, args: tuple[cst.BaseExpression, ...]) -> None:
        """A CALL of `obj.__contains__` (`k in obj`) ... when `obj` may be an object of a class in
        scope; the linker keeps it only when it resolves to that class's own method
        (tests/corpus/il201_contains_then_getitem)."""
        acc = self.access(node) if isinstance(node, (cst.Name, cst.Attribute)) else None
        if acc is None or not self.holds_object(acc):
            return
        callee = f"{acc.path}.{name}"
        self.emit(EventKind.CALL, acc.text, callee=callee, resolved=self.resolve_callee(callee),
                  args=tuple(self.scope.code(a) for a in args), repeated=self.loop_depth > 0)

    # -- events ----------------------------------------------------------------------------
    def read(self, acc: Access, op: str | None = None) -> None:
        self.reads.append(acc.path)
        # `levels[i]` after `levels = self.levels`: the object the local holds, not a new load of the field
        through = "alias" if acc.text.partition(".")[0] in self.field_aliases else op
        self.emit(EventKind.READ, acc.text, target=acc.path, op=through)

    def expr(self, node: cst.BaseExpression | None) -> None:
        if node is None:
            return
        handler = _HANDLERS.get(type(node))
        if handler is not None:
            handler(self, node)

    def _name(self, node: cst.Name) -> None:
        acc = self.access(node)
        if self.is_shared(acc):
            self.read(acc)

    def _attribute(self, node: cst.Attribute) -> None:
        acc = self.access(node)
        if acc is None:
            self.expr(node.value)
        elif (self.is_shared(acc) and not self.is_method_ref(acc)) or self.is_object_field(acc):
            self.read(acc)
        self._subscripts_inside(node)

    def _subscripts_inside(self, node: cst.BaseExpression) -> None:
        while type(node) is cst.Attribute or type(node) is cst.Subscript:
            if type(node) is cst.Subscript:
                self._slices(node)
            node = node.value

    def _subscript(self, node: cst.Subscript) -> None:
        acc = self.access(node)
        if acc is None:
            self.expr(node.value)
            self._slices(node)
        else:
            if self.is_shared(acc) or self.param_container(acc):
                # `self.samples[-100:]`: a copy of a list in one C call (a view of an array)
                self.read(acc, "slice" if sliced(node) and acc.path.count(".") == 1 else None)
            self._subscripts_inside(node)
        self._getitem(node)

    def _getitem(self, node: cst.Subscript) -> None:
        if len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index):
            self.special_call(node.value, "__getitem__", (node.slice[0].slice.value,))

    def _slices(self, node: cst.Subscript) -> None:
        for el in node.slice:
            s = el.slice
            if isinstance(s, cst.Index):
                self.expr(s.value)
            else:
                self.expr(s.lower)
                self.expr(s.upper)
                self.expr(s.step)

    def _binary(self, node) -> None:
        self.expr(node.left)
        self.expr(node.right)
        if isinstance(node, cst.BinaryOperation):
            self.formats(fmt.percent_operands(node))

    def formats(self, formatted: fmt.Formatted) -> None:
        """Formatting an object runs its `__str__`/`__repr__`/`__format__` (extractor/events_format.py)."""
        for node, dunder in formatted:
            self.special_call(node, dunder, ())

    def _unary(self, node: cst.UnaryOperation) -> None:
        self.expr(node.expression)

    def _comparison(self, node: cst.Comparison) -> None:
        self.expr(node.left)
        for target in node.comparisons:
            self.expr(target.comparator)
            if isinstance(target.operator, (cst.In, cst.NotIn)):
                self.special_call(target.comparator, "__contains__", (node.left,))

    def _ifexp(self, node: cst.IfExp) -> None:
        self.expr(node.test)
        self.expr(node.body)
        self.expr(node.orelse)

    def _elements(self, node) -> None:
        for el in node.elements:
            self.expr(el.value)

    def _dict(self, node: cst.Dict) -> None:
        for el in node.elements:
            if isinstance(el, cst.DictElement):
                self.expr(el.key)
            self.expr(el.value)

    def _comp(self, node) -> None:
        saved = dict(self.each)
        self._for_in(node.for_in)
        self.loop_depth += 1          # the element runs once per item: a spawn there starts many
        single = node.for_in.inner_for_in is None and node.for_in.asynchronous is None
        self.comps.append((self.scope.code(node.for_in.target), self.scope.code(node.for_in.iter)) if single else None)
        try:
            if isinstance(node, cst.DictComp):
                self.expr(node.key)
                self.expr(node.value)
            else:
                self.expr(node.elt)
        finally:
            self.loop_depth -= 1
            self.comps.pop()
            self.each = saved

    def _for_in(self, comp: cst.CompFor) -> None:
        acc = self.access(comp.iter)
        if self.is_tracked(acc) and not sliced(comp.iter):
            self.reads.append(acc.path)
            # the target (`a` of `sum(a.total() for a in self._accounts)`) names each element
            self.emit(EventKind.ITERATE, acc.text, target=acc.path, op="comprehension",
                      value=self.scope.code(comp.target))
        else:
            before = len(self.out)
            self.expr(comp.iter)
            self._name_elements(before, comp.target)
            if _rooted_at(comp.iter, self.params):
                self.param_walks.append((self.scope.code(comp.target), self.scope.code(comp.iter)))
        self.bind_target(comp.target)
        self.bind_element(comp.target, comp.iter)
        items = literal_items(comp.iter, comp.target)
        if items is not None and comp.inner_for_in is None:
            self.each[comp.target.value] = items     # `[Thread(target=f) for f in (self.a, self.b)]`
        else:
            self.each.pop(getattr(comp.target, "value", None), None)
        for cond in comp.ifs:
            self.expr(cond.test)
        if comp.inner_for_in is not None:
            self._for_in(comp.inner_for_in)

    def _name_elements(self, before: int, target: cst.BaseExpression) -> None:
        """`(d.describe() for d in INDEX.values())`, `for job in list(self._jobs)`: the walk of a
        container the comprehension's iterable made last (`.values()`, `.items()`, a copy) names
        its target too, as a loop's header does."""
        last = self.out[-1] if len(self.out) > before else None
        if last is not None and last.kind is EventKind.ITERATE and last.target and last.value is None:
            self.out[-1] = last.model_copy(update={"value": self.scope.code(target)})

    def _fstring(self, node: cst.FormattedString) -> None:
        for part in node.parts:
            if isinstance(part, cst.FormattedStringExpression):
                self.expr(part.expression)
                self.formats([(part.expression, fmt.fstring_part(part))])

    def _concat(self, node: cst.ConcatenatedString) -> None:
        self.expr(node.left)
        self.expr(node.right)

    def _named(self, node: cst.NamedExpr) -> None:
        self.expr(node.value)
        self.bind_target(node.target)

    def _yield(self, node: cst.Yield) -> None:
        if not self.yields or self.yield_line is None:
            self.yield_line = self.scope.positions.locate(self.span, "yield", self.header).line
        self.yields = True
        value = node.value
        self.expr(value.item if isinstance(value, cst.From) else value)

    def _await(self, node: cst.Await) -> None:
        inner = node.expression
        if isinstance(inner, cst.Call):
            self.call(inner, awaited=True)
            callee = self.callee_text(inner.func)
            self.emit(EventKind.AWAIT, callee, target=callee, awaited=True)
            return
        self.expr(inner)
        self.emit(EventKind.AWAIT, None, target=self.scope.code(inner), awaited=True)

    def _call(self, node: cst.Call) -> None:
        acc = self.access(node) if self.getattr_of(node) is not None else None
        if acc is None:
            self.call(node)
            return
        if self.is_shared(acc) and not self.is_method_ref(acc):
            self.read(acc)
        if len(node.args) == 3:
            self.expr(node.args[2].value)

    def _lambda(self, node: cst.Lambda) -> None:
        self.lambda_function(node)

    def bind_target(self, target: cst.BaseExpression) -> None:
        """Names bound by a for/with/comprehension target become locals."""
        if isinstance(target, cst.Name):
            self.locals.add(target.value)
        elif isinstance(target, (cst.Tuple, cst.List)):
            for el in target.elements:
                self.bind_target(el.value)
        elif isinstance(target, cst.StarredElement):
            self.bind_target(target.value)


_HANDLERS = {
    cst.Name: ExprWalker._name, cst.Attribute: ExprWalker._attribute,
    cst.Subscript: ExprWalker._subscript, cst.BinaryOperation: ExprWalker._binary,
    cst.BooleanOperation: ExprWalker._binary, cst.UnaryOperation: ExprWalker._unary,
    cst.Comparison: ExprWalker._comparison, cst.IfExp: ExprWalker._ifexp,
    cst.Tuple: ExprWalker._elements, cst.List: ExprWalker._elements, cst.Set: ExprWalker._elements,
    cst.Dict: ExprWalker._dict, cst.ListComp: ExprWalker._comp, cst.SetComp: ExprWalker._comp,
    cst.GeneratorExp: ExprWalker._comp, cst.DictComp: ExprWalker._comp,
    cst.FormattedString: ExprWalker._fstring, cst.ConcatenatedString: ExprWalker._concat,
    cst.NamedExpr: ExprWalker._named, cst.Yield: ExprWalker._yield, cst.Await: ExprWalker._await,
    cst.Call: ExprWalker._call, cst.Lambda: ExprWalker._lambda,
    cst.StarredElement: lambda self, n: self.expr(n.value),
}
_ = Event


def _rooted_at(node, names) -> bool:
    """`accts`, `accts.items()`, `enumerate(accts)`, `zip(a, b)`: an iterable made of `names`."""
    while isinstance(node, cst.Call):
        if isinstance(node.func, cst.Attribute):
            node = node.func.value
        elif node.args:
            return any(_rooted_at(a.value, names) for a in node.args)
        else:
            return False
    return isinstance(node, cst.Name) and node.value in names


def sliced(node) -> bool:
    """`self.history[room][-20:]`: a slice, a new list (one C-level copy under the GIL); a loop
    over it walks the copy, not the container (tests/corpus/il202_loop_over_a_slice)."""
    return isinstance(node, cst.Subscript) and any(isinstance(e.slice, cst.Slice) for e in node.slice)
