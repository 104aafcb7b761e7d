"""State machines: fields assigned enum members or str/int constants in two or more values.

A constant is a literal (`'idle'`, `3`), an enum member (`State.PLAYING`), or a module-level name
bound once to a str/int literal (`IDLE = "idle"`, in the module or imported from another one),
whose state is the name (`IDLE`), as an enum member's is.

A field of another object counts as that object's class's: `job.status = "running"` where `job`
is a parameter of class `Job` or an element of a container field of `Job`s (models/objects.py).

Transitions come from assignments outside constructors; the source state is what a dominating
guard proves (`if self.state == S.PLAYING:`, `if self.state != S.X: return`, `in (..)`, `and`),
or the state assigned earlier in the same function, else "*". Conditions are parsed with `ast`.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field

from interlock.extractor.index import EventIndex
from interlock.extractor.symbols import Hierarchy
from interlock.models.graphs import StateMachine, Transition
from interlock.models.objects import element_locals, param_class
from interlock.models.arguments import parse_expr as _expr
from interlock.models.program import (
    Branch, ClassInfo, Event, EventKind, FunctionInfo, Loop, Node, ProgramModel, Try,
)

CONSTRUCTORS = frozenset({"__init__", "__post_init__", "setUp", "__new__"})
States = frozenset[str] | None          # None: not known
_CONSTANT = re.compile(r"""^\s*(?:-?\d+|'[^']*'|"[^"]*"|[A-Za-z_][\w.]*\.[A-Za-z_]\w*)\s*$""")


@dataclass
class _Field:
    owner: str
    attr: str
    enum: str | None = None
    values: list[str] = field(default_factory=list)
    initial: str | None = None
    transitions: list[Transition] = field(default_factory=list)


class _Values:
    """State values from source: `State.PLAYING` -> ("PLAYING", enum qualname); `'idle'`; `3`."""

    def __init__(self, model: ProgramModel) -> None:
        self.model = model
        self.enums: dict[str, list[ClassInfo]] = {}
        for c in model.classes.values():
            if c.is_enum:
                self.enums.setdefault(c.name, []).append(c)

    def parse(self, source: str | None, module: str | None = None) -> tuple[str, str | None] | None:
        """The state a value names, and its enum; `module` resolves names of module constants."""
        node = _expr(source)
        if isinstance(node, ast.Name):
            return self._module_constant(module, node.id)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant):
            node = ast.Constant(-node.operand.value) if type(node.operand.value) is int else node
        if isinstance(node, ast.Constant) and type(node.value) in (str, int):
            return str(node.value), None
        if isinstance(node, ast.Attribute):
            owner = node.value.attr if isinstance(node.value, ast.Attribute) else getattr(node.value, "id", None)
            for enum in self.enums.get(owner or "", ()):
                if node.attr in enum.enum_members:
                    return node.attr, enum.qualname
        return None

    def _module_constant(self, module: str | None, name: str) -> tuple[str, None] | None:
        """`IDLE` bound once at module level to a str/int literal, in `module` or imported into it."""
        info = self.model.modules.get(module or "")
        if info is None:
            return None
        glob = info.globals.get(name)
        if glob is None and name in info.imports:
            owner, _, name = info.imports[name].rpartition(".")
            glob = self.model.modules[owner].globals.get(name) if owner in self.model.modules else None
        if glob is None or len(glob.writes) != 1:
            return None
        node = _expr(glob.value)
        return (name, None) if isinstance(node, ast.Constant) and type(node.value) in (str, int) else None


def find_state_machines(model: ProgramModel, index: EventIndex | None = None) -> tuple[StateMachine, ...]:
    """One StateMachine per (class, field) with at least two distinct assigned states."""
    values, fields = _Values(model), {}
    hierarchy = Hierarchy(model)
    stores = setters(model)
    for q in _candidates(model, values, index or EventIndex(model), stores):
        fn = model.functions[q]
        for cls in hierarchy.concrete_classes(fn):
            _Walker(model, values, fields, fn, cls, stores).walk(fn.body, None, None)
    for f in fields.values():
        initial = None if f.initial else _class_level_initial(model, values, f)
        if initial is not None:
            f.initial = initial
            f.values.append(initial)
    out = [_machine(model, values, f) for f in fields.values() if len(set(f.values)) >= 2]
    return tuple(sorted(out, key=lambda m: (m.cls, m.field)))


def _field_assignment(ev: Event) -> bool:
    """`obj.x = v` (`self.x`, or a field of another object), not `obj.x += 1` (a counter is not
    a state machine)."""
    return ev.kind is EventKind.WRITE and ev.op in (None, "=") and bool(ev.target) and ev.target.count(".") == 1


def _constant_writes(events, values: _Values, module: str, setters: dict):
    for ev in events:
        write = assigned(ev, setters)
        if write is not None and (_CONSTANT.match(write[1]) or values.parse(write[1], module)):
            yield write[0].partition(".")[2], write[1]


def assigned(ev: Event, setters: dict) -> tuple[str, str] | None:
    """(field path `obj.x`, value source) that `ev` stores: a plain assignment, or a call of a setter
    of `self` with the value as its argument (`self._enter("sending")` where
    `def _enter(self, phase): self.phase = phase`)."""
    if _field_assignment(ev):
        return (ev.target, ev.value) if ev.value else None
    if ev.kind is EventKind.CALL and (ev.callee or "").startswith("self.") and ev.resolved in setters:
        attr, i = setters[ev.resolved]
        positional = [a for a in ev.args if not re.match(r"\*|\w+=", a)]
        return (f"self.{attr}", positional[i]) if i < len(positional) else None
    return None


def setters(model: ProgramModel) -> dict[str, tuple[str, int]]:
    """Methods that store one of their parameters on `self` unconditionally (a state setter):
    qualname -> (field, index of the parameter among the arguments after `self`)."""
    out = {}
    for q, fn in model.functions.items():
        if fn.cls is None or fn.is_static or fn.is_classmethod or fn.name in CONSTRUCTORS:
            continue
        for ev in fn.body:
            if isinstance(ev, Event) and _field_assignment(ev) and ev.target.startswith("self.") \
                    and (ev.value or "").strip() in fn.params[1:]:
                out[q] = (ev.target[5:], fn.params.index(ev.value.strip()) - 1)
    return out


def _candidates(model: ProgramModel, values: _Values, index: EventIndex, stores: dict) -> list[str]:
    """Methods that assign a constant to a field some method sets to two or more constants.

    A cheap textual pre-pass: only these bodies are walked with guards (most are not).
    """
    seen: dict[str, set[str]] = {}
    writers: dict[str, set[str]] = {}
    for q, fn in model.functions.items():
        for attr, value in _constant_writes(index.of(q), values, fn.module, stores):
            seen.setdefault(attr, set()).add(value)
            writers.setdefault(attr, set()).add(q)
    for cls in model.classes.values():          # `state = "idle"` in the class body is a value too
        for attr, info in cls.attributes.items():
            if _class_body_value(cls, info) and attr in seen and (
                    _CONSTANT.match(info.value) or values.parse(info.value, cls.module)):
                seen[attr].add(info.value)
    return sorted({q for attr, qs in writers.items() if len(seen[attr]) >= 2 for q in qs})


def _owner(model: ProgramModel, cls: str, attr: str) -> str:
    """The least derived non-mixin class in the MRO that has the field (it owns the machine)."""
    info = model.classes[cls]
    for anc in reversed(info.ancestors):
        a = model.classes.get(anc)
        if a is not None and not a.is_mixin and attr in a.attributes:
            return anc
    return cls


def _machine(model: ProgramModel, values: _Values, f: _Field) -> StateMachine:
    states = list(dict.fromkeys(([f.initial] if f.initial else []) + f.values))
    if f.enum and f.enum in model.classes:
        states = list(model.classes[f.enum].enum_members) + [s for s in states if s not in model.classes[f.enum].enum_members]
    return StateMachine(cls=f.owner, field=f.attr, enum=f.enum, states=tuple(states), initial=f.initial,
                        transitions=tuple(dict.fromkeys(f.transitions)))


def _class_level_initial(model: ProgramModel, values: _Values, f: _Field) -> str | None:
    owner = model.classes[f.owner]
    attr = owner.attributes.get(f.attr)
    parsed = values.parse(attr.value, owner.module) if attr is not None and _class_body_value(owner, attr) else None
    return parsed[0] if parsed else None


def _class_body_value(cls: ClassInfo, attr) -> bool:
    """`state = "idle"` in the class body: a class attribute, or a dataclass field's default
    (`status: str = "pending"`), every new object's first value."""
    dataclass = any(d.rsplit(".", 1)[-1].partition("(")[0] == "dataclass" for d in cls.decorators)
    return bool(attr.value) and (attr.is_class_attr or (dataclass and bool(attr.annotation)))


class _Walker:
    """Walks one function body, tracking what the guards prove about each state field."""

    def __init__(self, model, values, fields, fn: FunctionInfo, cls: str, stores: dict) -> None:
        self.model, self.values, self.fields, self.fn, self.cls = model, values, fields, fn, cls
        self.stores = stores
        self.objects = element_locals(model, fn, cls)      # local -> class of the object it names

    def _object_class(self, name: str) -> str | None:
        """The class whose field `name.x` is: this object's, or another object's of a known class."""
        if name == "self":
            return self.cls
        return self.objects.get(name) or param_class(self.model, self.fn, name)

    def walk(self, nodes: tuple[Node, ...], known: dict | None, guard: str | None) -> tuple[dict, str | None, bool]:
        """Returns (facts at the end, guard in force, whether the block always exits)."""
        known = dict(known or {})
        for node in nodes:
            if isinstance(node, Event):
                guard = self._event(node, known, guard)
                if node.kind in (EventKind.RETURN, EventKind.RAISE):
                    return known, guard, True
            elif isinstance(node, Branch):
                known, guard, exits = self._branch(node, known, guard)
                if exits:
                    return known, guard, True
            elif isinstance(node, Loop):
                self.walk(node.body, {}, None)
                self.walk(node.orelse, {}, None)
                known = {}
            elif isinstance(node, Try):
                self._try(node, known, guard)
                known = {}
        return known, guard, False

    def _try(self, node: Try, known: dict, guard: str | None) -> None:
        self.walk(node.body, known, guard)
        for h in node.handlers:
            self.walk(h.body, {}, None)
        self.walk(node.orelse, {}, None)
        self.walk(node.final, {}, None)

    def _branch(self, node: Branch, known: dict, guard: str | None):
        cond = node.cond.value or ""
        then_facts, else_facts = _facts(_expr(cond), self.values, self.fn.module)
        k_then, g_then, x_then = self.walk(node.then, {**known, **then_facts}, cond if then_facts else guard)
        k_else, g_else, x_else = self.walk(node.orelse, {**known, **else_facts},
                                           negate(cond) if else_facts else guard)
        if x_then and x_else:
            return known, guard, True
        if x_then:
            return k_else, g_else, False
        if x_else:
            return k_then, g_then, False
        both = {a: s | k_else[a] for a, s in k_then.items() if s is not None and k_else.get(a) is not None}
        return both, guard, False

    def _event(self, ev: Event, known: dict, guard: str | None) -> str | None:
        write = assigned(ev, self.stores)
        if write is None:
            return guard
        path, value = write
        head, _, attr = path.partition(".")
        cls = self._object_class(head)
        parsed = self.values.parse(value, self.fn.module) if cls in self.model.classes else None
        if parsed is None:
            return guard
        f = self._field(cls, attr, parsed[1])
        f.values.append(parsed[0])
        if self.fn.name in CONSTRUCTORS and head == "self":
            f.initial = f.initial or parsed[0]
        else:
            sources = sorted(known.get(path) or {"*"})
            f.transitions += [Transition(source=s, target=parsed[0], method=self.fn.qualname, guard=guard,
                                         loc=ev.loc) for s in sources]
        known[path] = frozenset({parsed[0]})
        return guard

    def _field(self, cls: str, attr: str, enum: str | None) -> _Field:
        owner = _owner(self.model, cls, attr)
        f = self.fields.setdefault((owner, attr), _Field(owner, attr))
        f.enum = f.enum or enum
        return f


_INVERSE = {ast.Eq: ast.NotEq, ast.NotEq: ast.Eq, ast.Is: ast.IsNot, ast.IsNot: ast.Is,
            ast.In: ast.NotIn, ast.NotIn: ast.In}


def negate(cond: str) -> str:
    """Readable negation of a guard: `a != b` -> `a == b`, `not x` -> `x`, else `not (...)`."""
    node = _expr(cond)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        return ast.unparse(node.operand)
    if isinstance(node, ast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in _INVERSE:
        return ast.unparse(ast.Compare(node.left, [_INVERSE[type(node.ops[0])]()], node.comparators))
    return f"not ({cond})"


def _facts(node: ast.AST | None, values: _Values, module: str | None = None) -> tuple[dict, dict]:
    """What a condition proves about `self.<field>` in its then-arm and in its else-arm."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        then, other = _facts(node.operand, values, module)
        return other, then
    if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.And):
        then: dict = {}
        for v in node.values:
            then.update(_facts(v, values, module)[0])
        return then, {}
    if not isinstance(node, ast.Compare) or len(node.ops) != 1:
        return {}, {}
    left, op, right = node.left, node.ops[0], node.comparators[0]
    if _field_name(right) and not _field_name(left):
        left, right = right, left
    attr = _field_name(left)
    states = _states(right, values, module)
    if attr is None or states is None:
        return {}, {}
    if isinstance(op, (ast.Eq, ast.Is, ast.In)):
        return {attr: states}, {}
    if isinstance(op, (ast.NotEq, ast.IsNot, ast.NotIn)):
        return {}, {attr: states}
    return {}, {}


def _field_name(node: ast.AST) -> str | None:
    """`self.state` / `job.status`: the field a guard tests, as its path."""
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return f"{node.value.id}.{node.attr}"
    return None


def _states(node: ast.AST, values: _Values, module: str | None = None) -> frozenset[str] | None:
    items = node.elts if isinstance(node, (ast.Tuple, ast.List, ast.Set)) else [node]
    parsed = [values.parse(ast.unparse(i), module) for i in items]
    return frozenset(p[0] for p in parsed) if parsed and all(parsed) else None
