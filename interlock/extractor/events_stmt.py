"""Statements of a body: assignments, control flow (Branch/Loop/Try), `with`, return/raise.

Held locks flow through the walk: a branch arm starts from the locks held before it and the
arms that fall through are intersected afterwards; `try` handlers and `finally` start from the
end of the body, so `acquire(); try: ... finally: release()` brackets exactly the try body.
"""
from __future__ import annotations

import re

import libcst as cst

from interlock.extractor import catalogue as cat
from interlock.extractor.cstwalk import LINES, breaks_loop, leaves
from interlock.extractor.attributes import CONTAINERS, annotation_facts, offloaded_call, value_facts
from interlock.extractor.app_state import APPSTATE, app_item, record_write as record_app_state_write
from interlock.extractor.cells import on_cell_write
from interlock.extractor.events_expr import Access, literal_items, sliced
from interlock.extractor.events_format import element_index
from interlock.extractor.flag_locals import UNLESS, negate
from interlock.extractor.imports import dotted
from interlock.extractor.lockhelpers import LOCK_TABLE, helper_locks, helper_yield, lock_element, lock_helper
from interlock.models.program import LOCK_KINDS, AttrKind, Branch, EventKind, Handler, Loop, Try
from interlock.extractor.records import construct

#: a field named as a bundle of locks (`self._locks`, `guards`): its fields entered by `with` are locks
_LOCK_BUNDLE = re.compile(r"(^|_)(r?locks|guards|mutexes)$", re.I)

AUG_OPS = {"AddAssign": "+=", "SubtractAssign": "-=", "MultiplyAssign": "*=", "DivideAssign": "/=",
           "FloorDivideAssign": "//=", "ModuloAssign": "%=", "PowerAssign": "**=",
           "BitAndAssign": "&=", "BitOrAssign": "|=", "BitXorAssign": "^=", "LeftShiftAssign": "<<=",
           "RightShiftAssign": ">>=", "MatrixMultiplyAssign": "@="}
TERMINATORS = (cst.Return, cst.Raise, cst.Continue, cst.Break)
#: `contextlib` stacks whose `enter_context(cm)` holds `cm` until the stack's `with` ends
EXIT_STACKS = frozenset({"ExitStack", "AsyncExitStack"})
IN_PLACE_KINDS = frozenset({"container", "array"})


def _body(block) -> list:
    return [block] if isinstance(block, cst.SimpleStatementSuite) else list(block.body)


def _terminates(stmts: list) -> bool:
    last = stmts[-1] if stmts else None
    if isinstance(last, (cst.SimpleStatementLine, cst.SimpleStatementSuite)) and last.body:
        return isinstance(last.body[-1], TERMINATORS)
    return False


def _paired(target: cst.Tuple | cst.List, value, params: set[str] = frozenset()) -> list:
    """The object each name of `a, b = X(), Y()` is built as (`board, inbox = Board(), Queue()`),
    or the parameter it names (`first, second = src, dst`: aliases of the caller's objects),
    else None: the kind and class of a local come from a constructor call. Other elements are not
    followed (`s, self._s = self._s, None` hands over the old object, not the field)."""
    els = value.elements if isinstance(value, (cst.Tuple, cst.List)) else ()
    if len(els) != len(target.elements) or any(isinstance(e, cst.StarredElement) for e in (*els, *target.elements)):
        return [None] * len(target.elements)
    return [e.value if isinstance(e.value, cst.Call) or isinstance(e.value, cst.Name) and e.value.value in params
            else None for e in els]


def flag_key(test: cst.BaseExpression) -> str | None:
    """`per_thread` for `self._settings.per_thread` / `per_thread`, `not per_thread` for `not
    self.per_thread`: the flag a conditional names, by its last name; None for anything else."""
    negated = False
    while isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
        negated, test = not negated, test.expression
    name = dotted(test)
    if name is None:
        return None
    last = name.rsplit(".", 1)[-1].lstrip("_")     # `self._per_thread` keeps the parameter `per_thread`
    return f"not {last}" if negated else last


def _acquire_test(test, tried: dict[str, str] | None = None, calls: set[int] = frozenset()) -> bool | None:
    """For `if x.acquire(...)`: False; for `if not x.acquire(...)`: True; else None. With
    `tried` (locals holding a try-acquire's result): `if ok:` / `if ok and ...:` False, `if not ok:` True;
    `calls`: calls of helpers handing back a try-acquire's result (`if not self._try_lock():`)."""
    negated = _unnegated(test) is not test
    test = _unnegated(test)
    if isinstance(test, cst.Call) and (isinstance(test.func, cst.Attribute) and test.func.attr.value == "acquire"
                                       or id(test) in calls):
        return negated
    return negated if _tried_name(test, tried, negated) else None


_REFERENCES = leaves(cst.Name, cst.Attribute, cst.IfExp, cst.Lambda)    # values `ref_values` keeps


def _unnegated(test):
    return test.expression if type(test) is cst.UnaryOperation and type(test.operator) is cst.Not else test


def _tried_name(test, tried: dict[str, str] | None, negated: bool = False) -> str | None:
    """The local holding a try-acquire's result that `test` checks is true."""
    if not negated and type(test) is cst.BooleanOperation and type(test.operator) is cst.And:
        return _tried_name(test.left, tried) or _tried_name(test.right, tried)
    return test.value if type(test) is cst.Name and tried and test.value in tried else None


def _mentions(source: str | None, name: str) -> bool:
    # the substring test first: most sources do not hold the name (no pattern to compile then)
    return bool(source) and name in source and re.search(rf"(?<![\w.]){re.escape(name)}\b", source) is not None


#: what `fetched`/`ordered` name for an element of an unannotated container field, until linking
#: learns its class (extractor/elements.py `settle_marks`): `<owner>.<field>.<elements>`
ELEMENTS = ".<elements>"


def element_mark(owner: str, field: str) -> str:
    return f"{owner}.{field}{ELEMENTS}"


#: `dict[int, Account]`, `Dict[str, "Job"]`, `list[Account]`: the element class of an annotated container
_ELEMENT_ANNOTATION = re.compile(
    r"""^(?:typing\.)?(?:(dict|Dict|Mapping|MutableMapping|OrderedDict|defaultdict)\[[^,\[\]]+,\s*['"]?([\w.]+)['"]?\s*\]"""
    r"""|(?:list|List|Sequence|MutableSequence|deque|Deque)\[\s*['"]?([\w.]+)['"]?\s*\])$""")


def _keyed_read(node) -> tuple[str, str] | None:
    """`services.get("hub")`, `services.get("hub", None)`, `services["hub"]`: (dict name, key)."""
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "get" \
            and isinstance(node.func.value, cst.Name) and 1 <= len(node.args) <= 2 and node.args[0].keyword is None:
        head, key = node.func.value.value, node.args[0].value
    elif isinstance(node, cst.Subscript) and isinstance(node.value, cst.Name) and len(node.slice) == 1 \
            and isinstance(node.slice[0].slice, cst.Index):
        head, key = node.value.value, node.slice[0].slice.value
    else:
        return None
    text = key.evaluated_value if isinstance(key, cst.SimpleString) else None
    return (head, text) if isinstance(text, str) else None


def _element_index(node) -> cst.BaseExpression | None:
    """`src` of `locks[src]`, `locks.get(src)`, `locks.setdefault(src, ...)`."""
    if isinstance(node, cst.Subscript):
        return node.slice[0].slice.value if len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index) else None
    if isinstance(node, cst.Call) and node.args:
        return node.args[0].value
    return None


def _method_name(node: cst.Call) -> str | None:
    return node.func.attr.value if isinstance(node.func, cst.Attribute) else None


def _merge_held(arms: list[tuple[list[str], bool]], before: list[str]) -> list[str]:
    live = [held for held, ends in arms if not ends]
    if not live:
        return list(before)
    first = live[0]
    return [h for h in first if all(h in other for other in live[1:])]


class StatementWalker:
    """Mixin of FunctionWalker: statements."""

    def block(self, stmts: list) -> list:
        saved, self.out = self.out, []
        for i, s in enumerate(stmts):
            self.stmt(s)
            split, self.stack_split = self.stack_split, None
            if split is not None and i + 1 < len(stmts) and isinstance(s, cst.If) and self.out \
                    and type(self.out[-1]) is Branch:
                self._split_rest(split, stmts[i + 1:])
                break
        out, self.out = self.out, saved
        return out

    def _split_rest(self, split: tuple[int, list[str]], rest: list) -> None:
        """`if c: stack.enter_context(lock)` holds the lock until the ExitStack's `with` ends on
        that arm only: the statements after the `if` (in its block) run once in each arm, holding
        the lock in the one that entered it (tests/corpus/il301_lock_entered_on_exit_stack_in_a_branch)."""
        arm, arm_held, flag = split
        branch, merged = self.out[-1], list(self.held)
        stacks = {n: list(v) for n, v in self.exit_stacks.items()}
        known = dict(self.known_flags)
        self.held = list(arm_held)
        if flag is not None:      # `if audit:` again further on takes the same arm
            self.known_flags[flag[0]] = flag[1] == (arm == 0)
        holding = self.block(rest)
        held_holding, entered = self.held, self.exit_stacks
        self.held, self.exit_stacks = merged, stacks
        if flag is not None:
            self.known_flags[flag[0]] = flag[1] != (arm == 0)
        plain = self.block(rest)
        self.known_flags = known
        for name, locks in entered.items():
            self.exit_stacks.setdefault(name, []).extend(p for p in locks if p not in self.exit_stacks[name])
        ends = _terminates(rest)
        self.held = merged if ends else [h for h in self.held if h in held_holding]
        then, orelse = (holding, plain) if arm == 0 else (plain, holding)
        self.out[-1] = construct(Branch, cond=branch.cond, then=branch.then + tuple(then),
                                 orelse=branch.orelse + tuple(orelse))

    def stmt(self, s: cst.CSTNode) -> None:
        spans = self.scope.positions.spans
        if type(s) in LINES:
            for small in s.body:
                self.span = spans.get(id(small), self.span)
                handler = _SMALL.get(type(small))
                if handler is not None:
                    handler(self, small)
            return
        self.span = spans.get(id(s), self.span)
        handler = _COMPOUND.get(type(s))
        if handler is not None:
            handler(self, s)

    def value_reads(self, node: cst.BaseExpression | None) -> tuple[str, ...]:
        mark = len(self.reads)
        self.expr(node)
        return tuple(dict.fromkeys(self.reads[mark:]))

    # -- assignments -----------------------------------------------------------------------
    def _assign(self, node: cst.Assign) -> None:
        reads = self.value_reads(node.value)
        value = self.scope.code(node.value)
        for t in node.targets:
            self.assign_target(t.target, value, reads, node.value)
        for t in node.targets:
            self._ordered_objects(t.target, node.value)

    def _ordered_objects(self, target, value) -> None:
        """`first, second = sorted((self, other), key=id)`, `lo = min(a, b, key=...)`,
        `first, second = (a, b) if a.key < b.key else (b, a)`: locals naming objects of one class
        in an order computed from the objects, the same whichever way the caller passed them
        (a global lock order). Recorded in `ordered` (name -> class); their fields resolve as
        that class's (`first.lock` is a lock of the class)."""
        names: list[str] = []
        if isinstance(value, cst.Call) and self._order_helper(value.func):
            # `first, second = ordered(src, dst)` of `def ordered(a, b): return sorted((a, b), key=id)`
            pos = [a.value for a in value.args if a.keyword is None and a.star == ""]
            if len(pos) != len(value.args) or len(pos) < 2 or not all(isinstance(e, cst.Name) for e in pos):
                return
            names = [e.value for e in pos]
        elif isinstance(value, cst.Call) and isinstance(value.func, cst.Name) and value.func.value in ("sorted", "min", "max") \
                and value.func.value not in self.locals:
            pos = [a.value for a in value.args if a.keyword is None and a.star == ""]
            if len(pos) == 1 and isinstance(pos[0], (cst.Tuple, cst.List)):
                pos = [e.value for e in pos[0].elements]
            elif value.func.value == "sorted":
                return
            names = [e.value for e in pos if isinstance(e, cst.Name)] if len(pos) >= 2 else []
            if len(names) != len(pos):
                return
        elif isinstance(value, cst.Tuple) and isinstance(target, cst.Tuple) and len(value.elements) == len(target.elements):
            # `first, second = src, dst`: the same objects under other names, in the caller's order
            for t, v in zip(target.elements, value.elements):
                if isinstance(t.value, cst.Name) and isinstance(v.value, cst.Name) and self.binds.get(t.value.value) == 1 \
                        and t.value.value not in self.params and (cls := self._object_class(v.value.value)) is not None \
                        and self.self_names.get(v.value.value) != "self":
                    self.fetched[t.value.value] = cls
            return
        elif isinstance(value, cst.IfExp) and all(isinstance(v, cst.Tuple) for v in (value.body, value.orelse)):
            arms = [[e.value.value if isinstance(e.value, cst.Name) else None for e in v.elements]
                    for v in (value.body, value.orelse)]
            if None in arms[0] or None in arms[1] or sorted(arms[0]) != sorted(arms[1]) or arms[0] == arms[1]:
                return
            names = arms[0]
        if len(set(names)) < 2:
            return
        classes = {self._object_class(n) for n in names}
        cls = classes.pop() if len(classes) == 1 else None
        if cls is None:
            return
        targets = [target] if isinstance(target, cst.Name) else \
            [e.value for e in target.elements] if isinstance(target, (cst.Tuple, cst.List)) else []
        for t in targets:
            if isinstance(t, cst.Name) and self.binds.get(t.value) == 1:
                self.ordered[t.value] = cls
                self.typed.setdefault(t.value, cls)

    def _order_helper(self, func) -> bool:
        """`ordered` of a module function, `self._ordered`/`Cls.ordered` of a method of this class,
        that hands back its arguments in a computed order (orderers.py)."""
        if isinstance(func, cst.Name):
            return func.value in self.scope.orderers and func.value not in self.locals
        if not isinstance(func, cst.Attribute) or not isinstance(func.value, cst.Name) or self.cls is None:
            return False
        head, own = func.value.value, self.cls.qualname.rpartition(".")[2]
        return (self.self_names.get(head) in ("self", "cls") or head == own and head not in self.locals) \
            and func.attr.value in self.cls.orderers

    def _element_class(self, value_node) -> str | None:
        """The class of the elements of the field `value_node` indexes with a parameter
        (`self.accounts[no]`, `.get(no)`, with `accounts: dict[int, Account]`), from its annotation,
        else None."""
        if isinstance(value_node, cst.Subscript) and len(value_node.slice) == 1 \
                and isinstance(value_node.slice[0].slice, cst.Index):
            container, index = value_node.value, value_node.slice[0].slice.value
        elif isinstance(value_node, cst.Call) and isinstance(value_node.func, cst.Attribute) \
                and value_node.func.attr.value == "get" and len(value_node.args) == 1 and not value_node.args[0].keyword:
            container, index = value_node.func.value, value_node.args[0].value
        else:
            return None
        if not isinstance(index, cst.Name) or index.value not in self.params or self.binds.get(index.value):
            return None                 # at an index its caller passes: which object is the caller's choice
        acc = self.access(container)
        if acc is None or acc.depth != 1 or acc.root != "self" or self.cls is None:
            return None
        field = acc.path.split(".", 1)[1]
        attr = self.cls.attributes.get(field)
        m = _ELEMENT_ANNOTATION.match(attr.annotation or "") if attr is not None and attr.kind is cat.K.CONTAINER else None
        name = m and (m.group(2) or m.group(3))
        if attr is not None and attr.kind is cat.K.CONTAINER and not attr.annotation:
            # no annotation: the class of its elements may be learnt from the whole program (what its
            # stores put in, the list its constructor is handed); linking settles it (elements.py)
            return element_mark(attr.declared_in or self.cls.qualname, field)
        if not name or not name.rpartition(".")[2][:1].isupper():
            return None
        head = name.split(".")[0]
        return self.scope.qualify(name) if head in self.scope.module_defs or name in self.scope.classes \
            else self.scope.imports.resolve(name)

    def _object_class(self, name: str) -> str | None:
        if self.self_names.get(name) == "self" and self.cls is not None:
            return self.cls.qualname
        return self.typed.get(name) if name in self.params else self.fetched.get(name)

    def _ann_assign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            reads = self.value_reads(node.value)
            self.assign_target(node.target, self.scope.code(node.value), reads, node.value)
        if isinstance(node.target, cst.Name) and node.target.value in self.locals:
            kind, type_name = annotation_facts(self.scope, node.annotation.annotation)
            if type_name:
                self.typed[node.target.value] = type_name     # `repo: UserRepo = request.app.state.users`
            if kind is not cat.K.OTHER and node.target.value not in self.local_kinds:
                self.local_kinds[node.target.value] = kind    # `q: queue.Queue = self.inbox`

    def assign_target(self, target, value: str | None, reads: tuple, value_node) -> None:
        if type(target) is cst.Tuple or type(target) is cst.List:
            for el, node in zip(target.elements, _paired(target, value_node, self.params)):
                self.assign_target(el.value, value, reads, node)
            return
        if type(target) is cst.StarredElement:
            return self.assign_target(target.value, value, reads, None)
        if type(target) is cst.Subscript:
            return self._setitem(target, value, reads, value_node)
        self.attribute_callback(target, value_node)
        acc = self.access(target)
        if acc is None:
            self.expr(target)
        elif acc.root == "local" and acc.depth == 0:
            self._assign_local(acc, value, reads, value_node)
        elif self.is_shared(acc) or acc.root == "local":
            if acc.root != "local" and isinstance(value_node, cst.Name):
                self._publish_filled(value_node.value)
            self.emit(EventKind.WRITE, acc.text, target=acc.path, op="=", value=value, reads=reads)
            self.on_write(acc, value_node)

    def _set_default_of(self, value_node, reads: tuple) -> tuple[str, ...]:
        """`seats = self.holds.setdefault(k, set())`: the local names the container's element, as
        `self.holds.get(k)` does; the call is a change of the container (MUTATE), so it is no read
        of it, and the local's binding adds it (tests/corpus/il403_element_local_checked_then_removed)."""
        func = value_node.func if isinstance(value_node, cst.Call) else None
        if not isinstance(func, cst.Attribute) or func.attr.value != "setdefault":
            return ()
        container = self.access(func.value)
        if container is None or container.path in reads or not self.is_tracked(container):
            return ()
        return (container.path,)

    def _assign_local(self, acc, value, reads, value_node) -> None:
        name = acc.path
        self.bound_at.setdefault(name, self.span)         # where a closure cell is made (cells.py)
        if self.binds.get(name) == 1 and value_node is not None and not isinstance(value_node, cst.Name) \
                and self._is_function_ref(value_node):
            # `job = functools.partial(self._count, ...)`, `job = self._count`: handing `job` to a
            # thread or pool runs what it names (events_spawn.py `_ref`)
            self.fn_locals[name] = value_node
        else:
            self.fn_locals.pop(name, None)
        if value is not None and type(value_node) in _REFERENCES:
            self.ref_values[name] = value
        else:
            self.ref_values.pop(name, None)
        self._tried_acquire(name, value_node)
        self._field_alias(name, value_node)
        self._reference_read(name)
        keyed = _keyed_read(value_node)
        if keyed is not None:
            self.keyed[name] = keyed
        else:
            self.keyed.pop(name, None)
        reads = reads + self._set_default_of(value_node, reads)
        shared = [r for r in reads if "." in r or r in self.aliases]
        if shared:
            self.aliases.add(name)
            self.emit(EventKind.WRITE, acc.text, target=name, op="=", value=value, reads=reads)
        else:
            held_shared = name in self.aliases or name in self.derived
            self.aliases.discard(name)
            came = [n for n in sorted({*self.aliases, *self.derived}) if n != name and _mentions(value, n)]
            if came:
                # `new = cur + amount` after `cur = self.balance`: a value computed from shared
                # state, through a local (IL103 follows it to `self.balance = new`)
                self.derived.add(name)
                self.emit(EventKind.WRITE, acc.text, target=name, op="=", value=value, reads=tuple(came))
            elif value is not None and self._object_call(value_node):     # not `with self.m() as v`
                # `cur = self._load()`: the value of a method of an object the function reaches,
                # which may hand back one of its fields (checker/accessors.py follows the call)
                self.derived.add(name)
                self.emit(EventKind.WRITE, acc.text, target=name, op="=", value=value, reads=())
            else:
                self.derived.discard(name)
                before = len(self.out)
                self._fresh_copy(name, acc, value, value_node)
                if held_shared and self.is_async and len(self.out) == before:
                    # the local no longer holds the shared value it was computed from (`value =
                    # await load(key)` after `value = self._data.get(key)`): later uses are not of
                    # it (IL403 follows values across awaits, rules/race_across_await.py `_flows`)
                    self.emit(EventKind.WRITE, acc.text, target=name, op="rebind", value=value or "", reads=())
            src = self.access(value_node) if isinstance(value_node, cst.Attribute) else None
            if src is not None and src.root not in (name,) and src.depth > 0 and src.path.split(".")[0] in self.locals:
                # `pool = request.app.state.pool`: a local naming an object its caller handed in
                self.emit(EventKind.WRITE, acc.text, target=name, op="=", value=value, reads=(src.path,))
        value_node = offloaded_call(self.scope, value_node)
        if isinstance(value_node, cst.Call):
            facts = value_facts(self.scope, value_node, self.local_kinds)
            self.local_kinds[name] = facts.kind
            fetched = None if facts.type_name else (self._returned_class(value_node) or self._element_class(value_node))
            built = facts.type_name or (fetched if self._from_factory(value_node) else None)
            if built:
                fetched = None                  # a factory's object: the caller's own, as if built here
                self.local_types[name] = built
            else:
                self.local_types.pop(name, None)
            if fetched is not None:
                self.fetched[name] = fetched
            else:
                self.fetched.pop(name, None)
            derived = self._derived_kind(value_node)
            if derived is not None:
                self.local_kinds[name] = derived
            if (self.local_kinds[name] is cat.K.OTHER or derived is not None) and not facts.type_name and dotted(value_node.func):
                self.made[name] = self.callee_text(value_node.func)
            else:
                self.made.pop(name, None)
            if _method_name(value_node) in ("submit", "run_in_executor"):
                self.local_types[name] = "concurrent.futures.Future"
            self.local_elements.pop(name, None)
        else:
            self.local_kinds.pop(name, None)
            self.local_types.pop(name, None)
            self.made.pop(name, None)
            elements = self._constructed_elements(value_node) if self.binds.get(name) == 1 else None
            if elements is not None:
                self.local_elements[name] = elements
            else:
                self.local_elements.pop(name, None)
            element = self._element_class(value_node)
            if element is not None:
                self.fetched[name] = element    # `src = self.accounts[no]`: an object others hold too
            else:
                self.fetched.pop(name, None)
            if type(value_node) in CONTAINERS:
                self.local_kinds[name] = cat.K.CONTAINER    # `jobs = {}`: a closure's shared dict (cells.py)
        self._class_ref(name, value_node)

    def _constructed_elements(self, value_node) -> str | None:
        """The class of every element of a list (tuple, set) built here of new objects of one
        class: `[Crawler(q) for i in range(n)]`, `[Worker(10), Worker(20)]`; else None."""
        if isinstance(value_node, (cst.ListComp, cst.SetComp, cst.GeneratorExp)):
            if value_node.for_in.inner_for_in is not None or value_node.for_in.asynchronous is not None:
                return None
            items = [value_node.elt]
        elif isinstance(value_node, (cst.List, cst.Tuple, cst.Set)) and value_node.elements:
            items = [el.value for el in value_node.elements if not isinstance(el, cst.StarredElement)]
            if len(items) != len(value_node.elements):
                return None
        else:
            return None
        found = set()
        for item in items:
            facts = value_facts(self.scope, item, self.local_kinds) if isinstance(item, cst.Call) else None
            if facts is None or facts.kind is not cat.K.OTHER or not facts.type_name \
                    or not facts.type_name.rpartition(".")[2].lstrip("_")[:1].isupper():
                return None
            found.add(facts.type_name)
        return found.pop() if len(found) == 1 else None

    def bind_element(self, target, iterable) -> None:
        """`for w in workers:` / `(... for w in workers)` over a local `_constructed_elements`
        typed: `w` is each of those objects in turn (a `fetched` local: the list holds it too),
        so `Thread(target=w.run)` runs `Worker.run` (tests/corpus/
        il103_class_counter_of_workers_in_a_local_list). A name also bound to anything else is not typed."""
        if not isinstance(target, cst.Name):
            return
        name = target.value
        cls = self.local_elements.get(iterable.value) if isinstance(iterable, cst.Name) else None
        if name in self.element_targets and self.element_targets[name] != cls:
            if self.element_targets[name] is not None:
                self.fetched.pop(name, None)
            self.element_targets[name] = None
        elif cls is not None and self.binds.get(name, 0) <= 1 and name not in self.params:
            if name not in self.element_targets and name in self.fetched:
                return
            self.element_targets[name] = cls
            self.fetched[name] = cls
        elif cls is None and self.element_targets.get(name):
            self.fetched.pop(name, None)
            self.element_targets[name] = None

    def _class_ref(self, name: str, value_node) -> None:
        """`factory = Conn` (a capitalised name, not a local): the local names a class, and a call
        of it builds one (`factory(sock, proto)`); `cls = Full if full else Plain` names either, kept
        as `A|B`; any other binding forgets it."""
        arms = (value_node.body, value_node.orelse) if isinstance(value_node, cst.IfExp) else (value_node,)
        refs = [self._class_named(arm) for arm in arms]
        if all(refs):
            self.class_refs[name] = "|".join(dict.fromkeys(refs))
        else:
            self.class_refs.pop(name, None)

    def _class_named(self, node) -> str | None:
        ref = dotted(node) if type(node) is cst.Name or type(node) is cst.Attribute else None
        head = (ref or "").split(".")[0]
        if ref and head not in self.locals and head not in self.params and head not in self.self_names \
                and ref.rsplit(".", 1)[-1].lstrip("_")[:1].isupper():
            return self.scope.qualify(ref) if ref in self.scope.module_defs else self.scope.imports.resolve(ref)
        return None

    def _tried_acquire(self, name: str, value_node) -> None:
        """`ok = lock.acquire(timeout=t)` / `acquire(False)`: the lock is held only where `ok` is
        tested true (`if ok:`, after `if not ok: return`), not on the path where the wait failed
        (tests/corpus/il102_timed_acquire_result_ignored)."""
        self.tried.pop(name, None)
        last = self.out[-1] if self.out else None
        if _acquire_test(value_node, calls=self.tried_calls) is False and last is not None and last.kind is EventKind.ACQUIRE \
                and last.op == "try" and self.held and self.held[-1] == last.target:
            self.tried[name] = self.held.pop()

    def _returned_class(self, call: cst.Call) -> str | None:
        return self.returned_by(dotted(call.func) or "")

    def _from_factory(self, call: cst.Call) -> bool:
        """`self.m(...)` / `f(...)` that builds a new object each call (attributes.factories)."""
        head, _, rest = (dotted(call.func) or "").partition(".")
        if rest and "." not in rest and self.self_names.get(head) == "self" and self.cls is not None:
            return rest in self.cls.fresh
        return bool(head) and not rest and head not in self.locals and head in self.scope.fresh

    def returned_by(self, func: str) -> str | None:
        """The class `self.m(...)` or a module function `f(...)` of this file is annotated to
        return (or hands out from a container: attributes.returned_classes)."""
        head, _, rest = func.partition(".")
        if rest and "." not in rest and self.self_names.get(head) == "self" and self.cls is not None:
            return self.cls.returns.get(rest)
        if head and not rest and head not in self.locals:
            return self.scope.returns.get(head)
        return None

    def _fresh_copy(self, name: str, acc, value, value_node) -> None:
        """`table = tuple(routes)`, the local's only binding: a new container no one else holds yet.
        A field that later stores it publishes a whole value (tests/corpus/il102_immutable_local_swap).
        A display (`entries = {}`) is noted, and written out where a field stores it (`_publish_filled`)."""
        if self.binds.get(name) == 1 and isinstance(value_node, cst.Call) \
                and self.callee_text(value_node.func) in cat.COPY_CONSTRUCTORS | cat.FROZEN_WRAPPERS:
            self.emit(EventKind.WRITE, acc.text, target=name, op="=", value=value, reads=())
        elif self.binds.get(name) == 1 and type(value_node) in CONTAINERS:
            self.displays[name] = (value, self.loop_depth)

    def _publish_filled(self, name: str) -> None:
        """`entries = {}`, filled (`entries[k] = v`), then stored whole (`self._entries = entries`):
        the local's binding is written out just before the store, as a copy's is, so the field is
        known to take a new container built before anyone else could see it (copy-on-write,
        checker/rules/_publication.py; tests/corpus/il101_filled_dict_swapped_in). Not when the
        store repeats in a loop the binding is outside of, or the function uses the local after
        the store (it may still change what readers already hold)."""
        made = self.displays.pop(name, None)
        if made is None or made[1] != self.loop_depth or self._used_after(name):
            return
        self.emit(EventKind.WRITE, name, target=name, op="=", value=made[0], reads=())

    def _used_after(self, name: str) -> bool:
        """`name` appears in a statement of the function that starts after the current one ends."""
        if self.body_node is None or self.span is None:
            return True
        end = self.span[2]
        spans = self.scope.positions.spans
        found = _NameAfter(name, end, spans)
        _walk_statements(self.body_node, found)
        return found.hit

    def _object_call(self, node) -> bool:
        """`self.m(...)` / `self.part.m(...)`: a method called on the object or one of its fields."""
        if not isinstance(node, cst.Call) or not isinstance(node.func, cst.Attribute):
            return False
        recv = self.access(node.func.value)
        return recv is not None and recv.root == "self"

    def _reference_read(self, name: str) -> None:
        """`counts = COUNTS` / `buf = self._buf` making `name` a field alias: the read just emitted
        takes the object's reference, it does not look inside; marked "ref" so that a field its
        owner never rebinds is no racing read there (its contents are read through the alias)."""
        src = self.field_aliases.get(name)
        last = self.out[-1] if self.out else None
        if src is not None and last is not None and last.kind is EventKind.READ and last.target == src.path \
                and last.op is None:
            self.out[-1] = last.model_copy(update={"op": "ref"})

    def _field_alias(self, name: str, value_node) -> None:
        """`m = self.meter` / `lock = self._lock` / `q = QUEUE`, the local's only binding: `m.add()`,
        `m.peak = v`, `with lock:` are on that object (tests/corpus/il103_through_local_alias)."""
        if name in self.field_aliases or name in self.params or self.binds.get(name) != 1:
            return
        if isinstance(value_node, cst.Name) and value_node.value in self.params and not self.binds.get(value_node.value):
            self.param_aliases[name] = value_node.value     # another name for a parameter's object
            return
        element = lock_element(value_node, self.lock_table) if value_node is not None else None
        original = value_node
        if element is None and isinstance(value_node, cst.Call):
            # `lock = self._lock_for(key)`: the lock a helper hands out, as `with self._lock_for(key):`
            locks = helper_locks(self, value_node, None) if not self.yield_target else []
            if len(locks) == 1 and (locks[0].root == "self" and locks[0].depth > 0 or locks[0].root == "global"):
                self.field_aliases[name] = locks[0]
                self.lock_elements.add(name)
                key = self._helper_key(value_node)
                if key is not None:
                    self.lock_element_keys[name] = key
            return
        if element is not None:
            value_node = element        # `lock = self._locks.setdefault(k, Lock())`: `with lock:` holds self._locks
        elif not isinstance(value_node, (cst.Attribute, cst.Name)):
            return
        src = self.access(value_node)
        if src is not None and ((src.root == "self" and src.depth > 0) or src.root in ("global", APPSTATE)):
            self.field_aliases[name] = src
            if element is not None:
                self.lock_elements.add(name)
                index = _element_index(original)
                if index is not None:
                    self.lock_element_keys[name] = self.scope.code(index)

    def _derived_kind(self, node: cst.Call):
        """`conn.cursor()`, `engine.connect()`, `engine.begin()`: connections of a known database."""
        func = node.func
        if not isinstance(func, cst.Attribute):
            return None
        kind = self.kind_of(self.access(func.value))
        if kind in (cat.K.SQLITE_CONNECTION, cat.K.SQL_ENGINE) and func.attr.value in ("cursor", "connect", "begin"):
            return kind
        return None

    def _setitem(self, target: cst.Subscript, value, reads, value_node=None) -> None:
        acc = self.access(target)
        if acc is not None and acc.depth == 0 and app_item(self, target) is not None:
            # `app["sockets"] = WeakSet()`: a binding of the application's item (app_state.py)
            self.emit(EventKind.WRITE, acc.text, target=acc.path, op="=", value=value, reads=reads)
            self.on_write(acc, value_node)
            return
        self._slices_of(target)
        if len(target.slice) == 1 and isinstance(target.slice[0].slice, cst.Index):
            self.special_call(target.value, "__setitem__", (target.slice[0].slice.value,))
        if self.is_tracked(acc) or self.param_container(acc):
            is_slice = any(isinstance(el.slice, cst.Slice) for el in target.slice)
            key = self.scope.code(target.slice[0].slice) if is_slice and len(target.slice) == 1 else self._key(target)
            self.emit(EventKind.MUTATE, acc.text, target=acc.path, op="setslice" if is_slice else "setitem",
                      value=value, reads=reads, key=key, slot=element_index(self.scope, target.value))

    def _key(self, target: cst.Subscript) -> str | None:
        """The one key of `d[k]` as source; None for a slice or several indices."""
        one = target.slice[0].slice if len(target.slice) == 1 else None
        return self.scope.code(one.value) if isinstance(one, cst.Index) else None

    def _slices_of(self, node) -> None:
        self._subscripts_inside(node)

    def _aug_assign(self, node: cst.AugAssign) -> None:
        op = AUG_OPS.get(type(node.operator).__name__, "op=")
        target = node.target
        acc = self.access(target)
        # an element; not an aiohttp app's item, which is bound like a field (`request.app["hits"] += 1`)
        subscript = isinstance(target, cst.Subscript) and app_item(self, target) is None
        item_of_param = subscript and self.param_container(acc)
        tracked = self.is_tracked(acc) or item_of_param
        if acc is not None and tracked and (acc.root != "local" or acc.depth or item_of_param):
            self.read(acc)
            if subscript and self.out and self.out[-1].kind is EventKind.READ:
                # the element the update reads back (`counts[i]` of `counts[i] += 1`)
                self.out[-1] = self.out[-1].model_copy(update={
                    "key": self._key(target), "slot": element_index(self.scope, target.value)})
        reads = self.value_reads(node.value)
        value = self.scope.code(node.value)
        if acc is None or not tracked:
            self.expr(target) if acc is None else None
            return
        kind = self.kind_of(acc)
        in_place = subscript or (acc.root == "local" and not acc.depth) or (
            kind is not None and kind.value in IN_PLACE_KINDS)
        if subscript:
            self._slices_of(target)
        event = EventKind.MUTATE if in_place else EventKind.WRITE
        keyed = {}
        if subscript:
            # `counts[i] += 1`: the element it changes (own-index jobs apart: checker/slots.py)
            keyed = {"key": self._key(target), "slot": element_index(self.scope, target.value)}
        self.emit(event, acc.text, target=acc.path, op=op, value=value, reads=(acc.path, *reads), **keyed)
        if not in_place:
            self.on_write(acc, None)

    def _del(self, node: cst.Del) -> None:
        targets = node.target.elements if isinstance(node.target, (cst.Tuple, cst.List)) else [node.target]
        for t in targets:
            t = t.value if isinstance(t, (cst.Element, cst.StarredElement)) else t
            acc = self.access(t)
            if isinstance(t, cst.Subscript) and len(t.slice) == 1 and isinstance(t.slice[0].slice, cst.Index):
                self.special_call(t.value, "__delitem__", (t.slice[0].slice.value,))
            if isinstance(t, cst.Subscript) and (self.is_tracked(acc) or self.param_container(acc)):
                self._slices_of(t)
                self.emit(EventKind.MUTATE, acc.text, target=acc.path, op="delitem", key=self._key(t),
                          slot=element_index(self.scope, t.value))
            elif isinstance(t, cst.Attribute) and self.is_shared(acc):
                self.emit(EventKind.WRITE, acc.text, target=acc.path, op="del")

    def on_write(self, acc, value_node) -> None:
        """`global X; X = ...` in a function: another write of the module global (of a closure
        cell for `nonlocal X`)."""
        on_cell_write(self, acc, value_node)
        record_app_state_write(self, acc, value_node)
        if acc.root == "global" and acc.depth == 0 and not self.is_module:
            loc = self.out[-1].loc if self.out else None
            facts = value_facts(self.scope, value_node) if isinstance(value_node, cst.Call) else None
            self.scope.global_writes.append((acc.path.rsplit(".", 1)[1], loc, self.qualname, facts))

    # -- simple statements -----------------------------------------------------------------
    def _expr_stmt(self, node: cst.Expr) -> None:
        self.expr(node.value)

    def _return(self, node: cst.Return) -> None:
        reads = self.value_reads(node.value)
        value = self.scope.code(node.value) if node.value is not None else None
        self.emit(EventKind.RETURN, "return", value=value, reads=reads)

    def _raise(self, node: cst.Raise) -> None:
        reads = self.value_reads(node.exc)
        value = self.scope.code(node.exc) if node.exc is not None else None
        self.emit(EventKind.RAISE, "raise", value=value, reads=reads)

    def _jump(self, node: cst.Break | cst.Continue) -> None:
        op = "break" if isinstance(node, cst.Break) else "continue"
        self.emit(EventKind.JUMP, op, op=op)

    def _assert(self, node: cst.Assert) -> None:
        reads = self.value_reads(node.test)
        cond = self._branch_event(node.test, reads, "assert", op="assert")
        saved, self.out = self.out, []
        self.expr(node.msg)
        msg = self.scope.code(node.msg) if node.msg is not None else None
        self.emit(EventKind.RAISE, "assert", value=f"AssertionError({msg or ''})")
        orelse, self.out = self.out, saved
        self.out.append(construct(Branch, cond=cond, then=(), orelse=tuple(orelse)))

    def _branch_event(self, test, reads, anchor, op=None):
        saved, self.out = self.out, []
        event = self.emit(EventKind.BRANCH, anchor, value=self.scope.code(test), reads=reads, op=op)
        self.out = saved
        return event

    # -- compound statements ---------------------------------------------------------------
    def _flag_test(self, test) -> tuple[str, bool] | None:
        """(name, value it is tested for) of `if flag:` / `if not flag:` on a parameter never rebound."""
        bare = _unnegated(test)
        if isinstance(bare, cst.Name) and bare.value in self.params and not self.binds.get(bare.value):
            return bare.value, bare is test
        return None

    def _if(self, node: cst.If) -> None:
        flag = self._flag_test(node.test) if self.known_flags else None
        if flag is not None and flag[0] in self.known_flags:
            # decided by the arm of an ExitStack split this runs in (_split_rest): that arm only
            if self.known_flags[flag[0]] == flag[1]:
                self.out.extend(self.block(_body(node.body)))
            elif isinstance(node.orelse, cst.If):
                self.out.extend(self.block([node.orelse]))
            elif node.orelse is not None:
                self.out.extend(self.block(_body(node.orelse.body)))
            return
        self.header = True
        untested = list(self.held)
        reads = self.value_reads(node.test)
        cond = self._branch_event(node.test, reads, "if")
        self.header = False
        tested = _tried_name(_unnegated(node.test), self.tried)
        if tested is not None:
            self.held.append(self.tried[tested])       # held where the test shows the acquire succeeded
        before, free = list(self.held), list(self.free)
        # `if lock.acquire(False):` holds the lock in the arm where it was taken, only; that arm
        # also knows the lock was free when tested (the thread did not hold it on the way in)
        else_before, then_free, else_free = before, free, free
        tried = _acquire_test(node.test, self.tried, self.tried_calls) if len(before) > len(untested) else None
        if tried:                                                    # `if not lock.acquire(False):`
            self.held, else_before, else_free = list(untested), before, free + before[-1:]
        elif tried is not None:
            else_before, then_free = list(untested), free + before[-1:]
        then_stmts = _body(node.body)
        self.free = then_free
        marks = {n: len(v) for n, v in self.exit_stacks.items()}
        then = self.block(then_stmts)
        arms = [(self.held, _terminates(then_stmts))]
        entered = [self._stack_entered(marks)]
        frees = [(self.free, arms[0][1])]
        self.held, self.free = list(else_before), else_free
        marks = {n: len(v) for n, v in self.exit_stacks.items()}
        orelse: list = []
        if isinstance(node.orelse, cst.If):
            orelse = self.block([node.orelse])
            arms.append((self.held, False))
        elif node.orelse is not None:
            else_stmts = _body(node.orelse.body)
            orelse = self.block(else_stmts)
            arms.append((self.held, _terminates(else_stmts)))
        else:
            arms.append((self.held, False))
        entered.append(self._stack_entered(marks))
        frees.append((self.free, arms[-1][1]))
        self.held, self.free = _merge_held(arms, before), _merge_held(frees, free)
        # one arm, going on, entered locks on an open ExitStack the other did not: the rest of the
        # block runs once per arm (block / _split_rest)
        live = [i for i in (0, 1) if not arms[i][1]]
        self.stack_split = None
        if len(live) == 2 and bool(entered[0]) != bool(entered[1]):
            arm = 0 if entered[0] else 1
            if any(p in arms[arm][0] and p not in self.held for p in entered[arm]):
                self.stack_split = (arm, list(arms[arm][0]), self._flag_test(node.test))
        self.out.append(construct(Branch, cond=cond, then=tuple(then), orelse=tuple(orelse)))

    def _stack_entered(self, marks: dict[str, int]) -> list[str]:
        """The locks entered since `marks` on ExitStacks open before it."""
        return [p for n, v in self.exit_stacks.items() if n in marks for p in v[marks[n]:]]

    def _while(self, node: cst.While) -> None:
        self.header = True
        untested = list(self.held)
        reads = self.value_reads(node.test)
        header = self._branch_event(node.test, reads, "while")
        self.header = False
        if len(self.held) > len(untested) and _acquire_test(node.test, self.tried, self.tried_calls) is True and node.orelse is None:
            # `while not lock.acquire(timeout=t): ...` polls: the body runs each time the wait
            # failed (the lock not held); the loop ends, unless the body breaks out, holding it
            # (tests/corpus/il103_polling_acquire_loop)
            lock = self.held[-1]
            self.held = untested
            self._loop(node, "while", header, None)
            if not breaks_loop(node.body):
                self.held = untested + [lock]
            return
        self._loop(node, "while", header, None)

    def _for(self, node: cst.For) -> None:
        self.header = True
        header = self._for_header(node.iter)
        self.bind_target(node.target)
        self.bind_element(node.target, node.iter)
        if header.target or self._copied_view(node.iter):
            self._alias_loop_target(node.target)
        self.header = False
        kind = "async for" if node.asynchronous is not None else "for"
        items = literal_items(node.iter, node.target)
        once = items is not None and self.binds.get(node.target.value) == 1
        saved = dict(self.each)
        if once:
            self.each[node.target.value] = items
        self._loop(node, kind, header, self.scope.code(node.target))
        self.each = saved

    def _copied_view(self, iterable) -> bool:
        """`list(REGISTRY.values())`, `sorted(self._feeds.items())`: a copy of a shared container's
        view; the loop's target is each element all the same (`feed.backlog.append(x)` changes the
        field of an object the container holds: tests/corpus/il102_registry_values_copied_then_element_mutated)."""
        if not isinstance(iterable, cst.Call) or not iterable.args \
                or self.callee_text(iterable.func) not in cat.ITERATING_CALLS:
            return False
        view = iterable.args[0].value
        return isinstance(view, cst.Call) and isinstance(view.func, cst.Attribute) and not view.args \
            and view.func.attr.value in ("items", "keys", "values") and self.is_tracked(self.access(view.func.value))

    def _alias_loop_target(self, target) -> None:
        if isinstance(target, cst.Name):
            self.aliases.add(target.value)

    def _for_header(self, iterable):
        acc, op = (None if sliced(iterable) else self.access(iterable)), "for"
        if isinstance(iterable, cst.Call) and isinstance(iterable.func, cst.Attribute) \
                and iterable.func.attr.value in ("items", "keys", "values") and not iterable.args:
            acc, op = self.access(iterable.func.value), iterable.func.attr.value
        elif isinstance(iterable, cst.Subscript) and acc is not None and self.is_tracked(acc):
            op = "[]"       # `for ws in self.rooms[room]`: walks the element, not the dict
        elif (got := self._element_got(iterable)) is not None:
            # `for ws in self.rooms.get(room, ())`: walks the element, as `self.rooms[room]` does
            acc, op = got, "get"
            for arg in iterable.args:
                self.expr(arg.value)
        elif isinstance(iterable, cst.Call) and iterable.args and not acc:
            callee = self.callee_text(iterable.func)
            inner = self.access(iterable.args[0].value)
            if callee in cat.ITERATING_CALLS and self.is_tracked(inner):
                acc, op = inner, callee.rsplit(".", 1)[-1]
                for arg in iterable.args[1:]:
                    self.expr(arg.value)
        if self.is_tracked(acc):
            self.reads.append(acc.path)
            saved, self.out = self.out, []
            event = self.emit(EventKind.ITERATE, acc.text, target=acc.path, op=op)
            self.out = saved
            return event
        reads = self.value_reads(iterable)
        saved, self.out = self.out, []
        event = self.emit(EventKind.ITERATE, "for", value=self.scope.code(iterable), reads=reads, op="for")
        self.out = saved
        return event

    def _element_got(self, iterable):
        """The tracked dict of `d.get(k)` / `d.get(k, default)`: the element it returns is walked."""
        if not (isinstance(iterable, cst.Call) and isinstance(iterable.func, cst.Attribute)
                and iterable.func.attr.value == "get" and 1 <= len(iterable.args) <= 2
                and not any(a.keyword or a.star for a in iterable.args)):
            return None
        inner = self.access(iterable.func.value)
        kind = self.kind_of(inner)
        return inner if self.is_tracked(inner) and (kind is None or kind is AttrKind.CONTAINER) else None

    def _loop(self, node, kind: str, header, target: str | None) -> None:
        before = list(self.held)
        self.loop_depth += 1
        saved, self.out = self.out, []
        if kind == "async for":
            self.emit(EventKind.AWAIT, "async for", target=header.target or header.value, awaited=True)
        body = self.out + self.block(_body(node.body))
        self.out = saved
        self.loop_depth -= 1
        self.held = list(before) if _terminates(_body(node.body)) else self.held
        orelse = self.block(_body(node.orelse.body)) if node.orelse is not None else []
        self.out.append(construct(Loop, kind=kind, header=header, target=target, body=tuple(body),
                                             orelse=tuple(orelse)))

    def _try(self, node) -> None:
        # `except BlockingIOError:` (or ssl's want-read/write) says the body's socket calls run
        # on a non-blocking socket: they return at once instead of waiting
        nonblocking = any(h.type is not None and cat.NONBLOCKING_ERRORS.search(self.scope.code(h.type))
                          for h in node.handlers)
        self.nonblocking += nonblocking
        body = self.block(_body(node.body))
        self.nonblocking -= nonblocking
        after_body = list(self.held)
        handlers = []
        for h in node.handlers:
            self.span = self.scope.positions.spans.get(id(h), self.span)
            self.held = list(after_body)
            if h.name is not None:
                self.bind_target(h.name.name)
            exc = self.scope.code(h.type) if h.type is not None else None
            handlers.append(construct(Handler, exception=exc, body=tuple(self.block(_body(h.body)))))
        self.held = list(after_body)
        orelse = self.block(_body(node.orelse.body)) if node.orelse is not None else []
        final = self.block(_body(node.finalbody.body)) if node.finalbody is not None else []
        self.out.append(construct(Try, body=tuple(body), handlers=tuple(handlers), orelse=tuple(orelse),
                                            final=tuple(final)))

    def _with(self, node: cst.With) -> None:
        is_async = node.asynchronous is not None
        op = "async with" if is_async else "with"
        self.header = True
        scopes = list(self.scopes)
        stacks = set(self.exit_stacks)
        self.element_keys: list = []
        self.with_exits: list = []
        acquired = [p for item in node.items for p in self._with_item(item, op, is_async)]
        exits, self.with_exits = self.with_exits, []
        keys = dict(self.element_keys)
        self.header = False
        body = self.block(_body(node.body))
        if exits:
            # `__exit__`/`__aexit__` of an object of the program's own class runs however the
            # block ends, as a `finally:` (the calls are dropped at link when no class in scope
            # defines them)
            saved, self.out = self.out, []
            for path, text, waits in reversed(exits):
                method = "__aexit__" if is_async else "__exit__"
                self.emit(EventKind.CALL, text, callee=f"{path}.{method}", op=f"{op} exit", awaited=is_async)
                if is_async and waits:
                    self.emit(EventKind.AWAIT, op, target=path, awaited=True)
            final, self.out = self.out, saved
            self.out.append(construct(Try, body=tuple(body), handlers=(), orelse=(), final=tuple(final)))
        else:
            self.out.extend(body)
        for name in [n for n in self.exit_stacks if n not in stacks]:
            # the locks `stack.enter_context(lock)` took in the block go when the stack closes
            acquired += self.exit_stacks.pop(name)
        for path in reversed(acquired):
            if path in self.held:
                idx = len(self.held) - 1 - self.held[::-1].index(path)
                del self.held[idx]
            self.emit(EventKind.RELEASE, None, target=path, op=op, key=keys.get(path))
        self.scopes = scopes

    def _with_item(self, item: cst.WithItem, op: str, is_async: bool) -> list[str]:
        expr, acquired = item.item, None
        if isinstance(expr, cst.IfExp) and item.asname is None:
            taken = self._conditional_lock(expr, op)
            if taken is not None:
                return taken
        acc = self.access(expr, as_object=True) if not isinstance(expr, cst.Call) else None
        helper = helper_locks(self, expr, acc)
        if helper:
            for arg in expr.args if isinstance(expr, cst.Call) else ():
                self.expr(arg.value)
            # `with self._lock_for(src):` of a helper handing out a lock per key: taken at `src`
            key = self._helper_key(expr) if len(helper) == 1 else None
            if key is not None:
                self.element_keys.append((helper[0].path, key))
            for lock in helper:
                # `value`: the helper taken (`self._cursor`), whose own body uses what the lock guards
                self.emit(EventKind.ACQUIRE, self.scope.code(getattr(expr, "func", expr)), target=lock.path, op=op,
                          value=self.scope.code(expr.func) if isinstance(expr, cst.Call) else None, key=key)
                self.held.append(lock.path)
            acquired = [lock.path for lock in helper]
        elif acc is not None and self._is_lock_item(expr, acc):
            # `with self._locks[src]:` / `lock = self._locks[src]; with lock:` - a lock of a table:
            # the index it was taken with (`src`), for the order of two of them (IL301)
            key = self._element_key(expr)
            if key is not None:
                self.element_keys.append((acc.path, key))
            self.emit(EventKind.ACQUIRE, acc.text, target=acc.path, op=op, key=key)
            self.held.append(acc.path)
            acquired = [acc.path]
        elif isinstance(expr, cst.Call):
            self.call(expr)
            built = self.callee_text(expr.func)
            if built and (built.rpartition(".")[2][:1].isupper() or "(" not in built):
                # `with Checkout(pool) as conn:`: the object built right here runs its `__enter__`
                # now and its `__exit__` however the block ends, when a class of the program
                # defines them (the calls are dropped at link otherwise, and for lock wrappers,
                # which lockscopes.py handles; tests/corpus/il103_with_built_object_runs_its_enter)
                # on the new object itself (`Checkout(pool).__enter__`, a temporary no one else
                # can name: checker/fresh.py). A lower-case factory (`with pool.lease() as c:`)
                # the same, when every return of it is a new object of such a class (link:
                # resolution.CallResolver._returned_new)
                made, method = self.scope.code(expr), "__aenter__" if is_async else "__enter__"
                self.emit(EventKind.CALL, built, callee=f"{made}.{method}", op=f"{op} enter", awaited=is_async)
                # (the await at the exit only for a class named in the `with`: a factory's exit
                # call is dropped at link when no class of the program is what it returns)
                self.with_exits.append((made, built, built.rpartition(".")[2][:1].isupper()))
            self.scopes.append(built)    # what follows runs inside its scope
        else:
            self.expr(expr)
            self.emit(EventKind.CALL, acc.text if acc else None, callee=acc.path if acc else self.scope.code(expr),
                      op=op)
            if acc is not None:         # the body runs inside the object's `__enter__` (lockscopes.py)
                method = "__aenter__" if is_async else "__enter__"
                # the protocol method itself, when a class of the program defines it: what
                # `Slots.__aenter__` does to its fields (tests/corpus/il403_async_with_object_runs_its_aenter)
                self.emit(EventKind.CALL, acc.text, callee=f"{acc.path}.{method}", op=f"{op} enter", awaited=is_async)
                self.with_exits.append((acc.path, acc.text, True))
                self.scopes.append(f"{acc.path}.{method}")
        if is_async:
            self.emit(EventKind.AWAIT, op, target=acc.path if acc else self.scope.code(expr), awaited=True)
        if item.asname is not None:
            self.bind_target(item.asname.name)
            if isinstance(expr, cst.Call) and isinstance(item.asname.name, cst.Name) \
                    and self.callee_text(expr.func).rpartition(".")[2] in EXIT_STACKS:
                self.exit_stacks[item.asname.name.value] = []
            yielded = helper_yield(self, expr) if acquired and isinstance(item.asname.name, cst.Name) else None
            if yielded is not None:
                # `with self._guarded() as sessions:` of a helper that does `yield self._sessions`
                self._yield_alias(item.asname.name.value, yielded)
            elif isinstance(expr, cst.Call) and isinstance(item.asname.name, cst.Name):
                # `with self._cursor() as cur:` of a helper that takes a lock: `cur` is what it
                # yields, not the lock (a plain `lock = self._lock_for(k)` is the lock)
                self.yield_target = bool(acquired)
                self._assign_local(self.access(item.asname.name), None, (), expr)
                self.yield_target = False
            elif not acquired and isinstance(item.asname.name, cst.Name):
                # `with self.volume as v:`: `__enter__` hands back the object itself (as files,
                # sockets, connections and lock wrappers do), so `v.value` is `self.volume.value`
                self._field_alias(item.asname.name.value, expr)
        return acquired or []

    def _conditional_lock(self, expr: cst.IfExp, op: str) -> list[str] | None:
        """`with nullcontext() if self._per_thread else self._gate:` takes the lock on one arm of
        a flag. It is taken as held here, its ACQUIRE's `value` naming the flag that skips it
        (`unless:per_thread`, `unless:not per_thread` for `self._gate if flag else nullcontext()`);
        flag_locals.confirm (at link) keeps it only where a field's object is of a `threading.local`
        subclass under that same flag, so the skipped arm touches only per-thread state, and
        drops it otherwise (tests/corpus/il103_flag_chosen_thread_local_state)."""
        arms = [(expr.body, False), (expr.orelse, True)]
        null = [negated for arm, negated in arms if isinstance(arm, cst.Call) and not arm.args
                and self.scope.imports.resolve(dotted(arm.func) or "") == "contextlib.nullcontext"]
        lock = [arm for arm, _ in arms if not isinstance(arm, cst.Call)]
        flag = flag_key(expr.test)
        if len(null) != 1 or len(lock) != 1 or flag is None:
            return None
        acc = self.access(lock[0], as_object=True)
        if acc is None or not self._is_lock_item(lock[0], acc) or isinstance(lock[0], cst.Subscript):
            return None
        # the lock is skipped when the test is true (nullcontext in the body) or false
        skipped_when = flag if not null[0] else negate(flag)
        self.expr(expr.test)
        self.emit(EventKind.ACQUIRE, acc.text, target=acc.path, op=op, value=f"{UNLESS}{skipped_when}")
        self.held.append(acc.path)
        return [acc.path]

    def _yield_alias(self, name: str, src) -> None:
        """`name` is another name for the field `src` (a `@contextmanager` lock helper yielded it),
        when that is the local's only binding."""
        if name not in self.field_aliases and name not in self.params and self.binds.get(name) == 1 \
                and ((src.root == "self" and src.depth > 0) or src.root == "global"):
            self.field_aliases[name] = src

    def _helper_key(self, expr) -> str | None:
        """The argument a lock-per-key helper call passes as the key (`src` of `self._lock_for(src)`)."""
        if not isinstance(expr, cst.Call):
            return None
        helper = lock_helper(self, expr, None)
        if helper is None or helper.key is None:
            return None
        position, name = helper.key
        for i, arg in enumerate(expr.args):
            if arg.keyword is not None:
                if arg.keyword.value == name:
                    return self.scope.code(arg.value)
            elif arg.star:
                return None
            elif i == position:
                return self.scope.code(arg.value)
        return None

    def _element_key(self, expr) -> str | None:
        """The index a lock of a table is taken with: `src` of `self._locks[src]`, or of the
        `self._locks[src]` / `.get(src)` / `.setdefault(src, ...)` a local was bound to."""
        if isinstance(expr, cst.Name):
            return self.lock_element_keys.get(expr.value)
        index = _element_index(expr) if isinstance(expr, cst.Subscript) else None
        return self.scope.code(index) if index is not None else None

    def lock_table(self, container) -> bool:
        """A field or module global built as a container of locks (LOCK_TABLE)."""
        acc = self.access(container)
        if acc is None or acc.depth > 1:
            return False
        if acc.root == "self" and acc.depth == 1 and self.cls is not None:
            attr = self.cls.attributes.get(acc.path.split(".", 1)[1])
        elif acc.root == "global" and acc.depth == 0:
            attr = self.scope.globals.get(acc.path.rsplit(".", 1)[1])
        else:
            return False
        return attr is not None and bool(LOCK_TABLE.match(attr.value or ""))

    def _is_lock_item(self, expr, acc) -> bool:
        if isinstance(expr, cst.Name) and expr.value in self.lock_elements:
            return True
        if isinstance(expr, cst.Subscript) and self.lock_table(expr.value):
            return True
        kind = self.kind_of(acc)
        if kind in LOCK_KINDS:
            return True
        if kind is None and self._bundled_lock(acc):
            return True
        last = acc.text.rsplit(".", 1)[-1]
        if isinstance(expr, cst.Subscript) or kind is None:
            return bool(cat.LOCKISH.search(last)) or (kind is None and acc.root == "self" and acc.depth == 1
                                                     and self.cls is not None and last not in self.cls.attributes)
        return False

    def _bundled_lock(self, acc) -> bool:
        """`with self._locks.internal:`: a field of an object that bundles locks, typed by a class of
        this file whose field is a lock (`internal: threading.Lock` of a dataclass) or, when the
        class is defined elsewhere, named like locks itself (`_locks`, `guards`)
        (tests/corpus/il102_lock_bundle_field)."""
        if acc.depth < 1 or "." not in acc.path:
            return False
        head, _, attr = acc.path.rpartition(".")
        if acc.root == "self" and acc.depth == 2 or acc.root in ("global", "local") and acc.depth == 1:
            owner = self.type_of(Access(head, head, acc.root, acc.depth - 1))
            facts = self.scope.class_facts(owner) if owner else None
            if facts is not None and attr in facts.attributes:
                return facts.kind(attr) in LOCK_KINDS
        return bool(_LOCK_BUNDLE.search(head.rsplit(".", 1)[-1]))

    def _match(self, node: cst.Match) -> None:
        reads = self.value_reads(node.subject)
        subject = self.scope.code(node.subject)
        chain: list = []
        for case in reversed(node.cases):
            cond = self._branch_event(case.pattern, reads, "case")
            cond = cond.model_copy(update={"value": f"{subject} matches {self.scope.code(case.pattern)}"})
            then = self.block(_body(case.body))
            chain = [construct(Branch, cond=cond, then=tuple(then), orelse=tuple(chain))]
        self.out.extend(chain)

    def _def(self, node: cst.FunctionDef) -> None:
        from interlock.extractor.functions import build_function

        build_function(self.scope, node, self.qualname, self.cls if not self.is_module else None,
                       parent=None if self.is_module else self)

    def _class(self, node: cst.ClassDef) -> None:
        from interlock.extractor.functions import build_class

        build_class(self.scope, node, self.qualname if not self.is_module else self.scope.module)


_SMALL = {
    cst.Assign: StatementWalker._assign, cst.AnnAssign: StatementWalker._ann_assign,
    cst.AugAssign: StatementWalker._aug_assign, cst.Expr: StatementWalker._expr_stmt,
    cst.Return: StatementWalker._return, cst.Raise: StatementWalker._raise,
    cst.Assert: StatementWalker._assert, cst.Del: StatementWalker._del,
    cst.Break: StatementWalker._jump, cst.Continue: StatementWalker._jump,
}
_COMPOUND = {
    cst.If: StatementWalker._if, cst.While: StatementWalker._while, cst.For: StatementWalker._for,
    cst.Try: StatementWalker._try, cst.TryStar: StatementWalker._try, cst.With: StatementWalker._with,
    cst.Match: StatementWalker._match, cst.FunctionDef: StatementWalker._def,
    cst.ClassDef: StatementWalker._class,
}


class _NameAfter:
    """Whether a statement that starts after line `end` mentions the name."""

    def __init__(self, name: str, end: int, spans) -> None:
        self.name, self.end, self.spans, self.hit = name, end, spans, False

    def statement(self, stmt, header) -> None:
        span = self.spans.get(id(stmt))
        if self.hit or span is None or span[0] <= self.end:
            return
        for part in header:
            if _mentions_name(part, self.name):
                self.hit = True
                return


def _mentions_name(node, name: str) -> bool:
    found = [False]

    class _V:
        def visit_Name(self, n: cst.Name) -> None:
            if n.value == name:
                found[0] = True
    from interlock.extractor.cstwalk import visit
    visit(node, _V())
    return found[0]


def _walk_statements(body, seen: "_NameAfter") -> None:
    """Each statement of `body`, nested blocks too, with the parts of it that are not blocks."""
    stmts = [body] if isinstance(body, cst.SimpleStatementSuite) else list(getattr(body, "body", body))
    for s in stmts:
        if seen.hit:
            return
        if isinstance(s, cst.SimpleStatementLine):
            for small in s.body:
                seen.statement(s, [small])
            continue
        if isinstance(s, (cst.FunctionDef, cst.ClassDef)):
            seen.statement(s, [s])            # a nested function may capture it
            continue
        header = [getattr(s, f) for f in ("test", "iter", "target", "items", "subject") if getattr(s, f, None) is not None]
        header = [h for part in header for h in (part if isinstance(part, (list, tuple)) else [part])]
        seen.statement(s, header)
        for f in ("body", "orelse", "finalbody"):
            sub = getattr(s, f, None)
            if isinstance(sub, cst.If):
                _walk_statements([sub], seen)
            elif isinstance(sub, (cst.Else, cst.Finally)):
                _walk_statements(sub.body, seen)
            elif sub is not None:
                _walk_statements(sub, seen)
        for h in getattr(s, "handlers", ()) or ():
            _walk_statements(h.body, seen)
