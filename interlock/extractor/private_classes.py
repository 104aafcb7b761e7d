"""Private classes whose objects never leave the program: no open-world caller of their own.

A class that owns a lock or a thread gets a `public:<Class>` context: any thread may call its
public methods (entrypoints._public). That stands for callers the program does not show. A private
class (`class _Resolver:`) that the program builds and keeps to itself has no such callers: every
object of it is built by code in scope and reaches only code in scope, so its methods run in the
contexts of the callers the program shows (the service method that builds and starts it, its own
thread, its loop callback), and those still race where they overlap
(tests/corpus/il101_private_lookup_started_by_its_service).

`open_methods(model, index, cls)` follows every object of the class from where it is built (and
`self` in its own methods) through the code: locals, private fields of the holder, parameters of
functions in scope it is passed to. It returns the names of the methods that leave the program
(`_Handle(self)` whose constructor keeps `subject.cancel`: `cancel` may be called by whoever holds
the handle), or None when the object itself may reach outside code or the walk cannot tell: it is
returned, stored on a public field or in a container, passed to code out of scope, captured by a
nested function, named as a class value; the class has a public subclass; it is named at module
level. Calls of the object's methods (`x.start()`, `self._tally.record(...)`) are the known callers
and leave nothing. A method the class hands to a thread, task or callback runs in the context the
spawn makes.
"""
from __future__ import annotations

import ast
import re

from interlock.extractor.index import EventIndex
from interlock.models.arguments import bind_params, is_keyword, parse_expr
from interlock.models.program import ClassInfo, EventKind, ProgramModel, functions_inside

#: builtins that look at an object and keep nothing of it
_INSPECT = frozenset({"isinstance", "issubclass", "id", "type", "repr", "str", "hash", "len", "bool", "callable",
                      "hasattr", "getattr"})
#: parents of a holder expression that only test or compare the object (`x or y`, `x if c else y`
#: may be the object itself: only in a branch condition)
_TESTS = (ast.Compare, ast.UnaryOp)
_BRANCH_TESTS = (ast.BoolOp, ast.IfExp)


class _Escapes(Exception):
    """The object may reach code out of scope: every public method stays open-world."""


def is_private(cls: ClassInfo) -> bool:
    return cls.name.startswith("_") and not cls.name.startswith("__")


def open_methods(model: ProgramModel, index: EventIndex, cls: ClassInfo,
                 _outer: frozenset[str] = frozenset()) -> frozenset[str] | None:
    """Names of the methods of private `cls` that outside code may call, or None: all of them."""
    if not is_private(cls) or cls.qualname in _outer:
        return None
    family = {q for q, c in model.classes.items() if cls.qualname in c.ancestors}
    if any(not is_private(model.classes[q]) for q in family):
        return None                              # subclassed publicly: its objects are the API
    try:
        walk = _Walk(model, index, cls, family)
        opened = walk.run()
    except _Escapes:
        return None
    outer = _outer | {cls.qualname}
    for q in {q for q, _ in walk.seen}:
        if not _known_callers(model, index, model.functions[q], family, outer):
            return None
    return frozenset(opened)


def _known_callers(model: ProgramModel, index: EventIndex, fn, family: set[str], outer: frozenset[str]) -> bool:
    """The contexts that run `fn`, which holds an object of the class, are the program's own: a
    method of the class or a private function (called by code in scope), or a public method of a
    class that has an open-world caller of its own (it owns concurrency, or is private and kept
    to itself too). A public method of a plain class, or a public module function, is called by
    code out of scope that interlock gives no context: the object keeps its own."""
    from interlock.extractor.confinement import owns_concurrency

    if fn.cls in family or fn.name.startswith("_"):
        return True
    if fn.cls is None:
        return "." in fn.qualname[len(fn.module) + 1:]          # a nested function: its outer one decides
    owner = model.classes.get(fn.cls)
    if owner is None:
        return False
    if owns_concurrency(model, owner, index):
        return True
    return is_private(owner) and open_methods(model, index, owner, outer) is not None


class _Walk:
    def __init__(self, model: ProgramModel, index: EventIndex, cls: ClassInfo, family: set[str]):
        self.model, self.index, self.cls = model, index, cls
        self.family = family
        self.names = {model.classes[q].name for q in family}
        self.methods = {n for q in family for n in model.classes[q].methods}
        self.inits = {f"{q}.__init__" for q in family}
        self.escaped: set[str] = set()
        self.seen: set[tuple[str, str]] = set()
        self.todo: list[tuple[str, str]] = []     # (function, holder expression: `v` or `self._f`)

    def run(self) -> set[str]:
        mention = re.compile(r"(?<![\w])(?:%s)\b" % "|".join(re.escape(n) for n in sorted(self.names)))
        for events in self.index.modules.values():
            for ev in events:
                if any(mention.search(t) for t in _texts(ev)) and any(
                        self._names_class(sub) for _, _, node in _parsed(ev) for sub, _, _ in _walk(node)):
                    raise _Escapes               # a global, an alias, a module-level call
        for q, fn in self.model.functions.items():
            events = self.index.of(q)
            if fn.cls in self.family:
                self._add(q, "self")
            if any(mention.search(t) for ev in events for t in _texts(ev)):
                self._built_in(q)
        while self.todo:
            self._follow(*self.todo.pop())
        return self.escaped

    def _add(self, q: str, holder: str) -> None:
        if (q, holder) not in self.seen:
            self.seen.add((q, holder))
            self.todo.append((q, holder))

    # --- where the program builds or names the class

    def _built_in(self, q: str) -> None:
        for ev in self.index.of(q):
            for field, text, node in _parsed(ev):
                for sub, parent, grand in _walk(node):
                    if self._names_class(sub):
                        if _in_lambda(node, sub):
                            raise _Escapes       # a lambda over it may run anywhere
                        if isinstance(parent, ast.Call) and parent.func is sub:
                            self._placed(q, ev, field, text, node, parent, *_up(node, parent))
                        elif isinstance(parent, ast.Attribute) and not self._is_method(parent.attr):
                            continue             # `_Cls.ACTIVE`, `_Cls.helper(...)` on the class
                        elif isinstance(parent, ast.Call) and _callee(parent) in ("isinstance", "issubclass"):
                            continue
                        else:
                            raise _Escapes       # the class as a value: a factory may build it anywhere

    def _names_class(self, node: ast.AST) -> bool:
        return (isinstance(node, ast.Name) and node.id in self.names) or \
            (isinstance(node, ast.Attribute) and node.attr in self.names)

    def _is_method(self, name: str) -> bool:
        return name in self.methods

    # --- where an object goes: `expr` is the object (a construction or a holder) inside `node`

    def _placed(self, q, ev, field, text, node, expr, parent, grand) -> None:
        if field == "callee":
            # the callee of this event (parsed as a call): a construction is the call itself,
            # `obj.m` a call of m, `obj` a call of its `__call__`
            return
        if isinstance(parent, ast.Attribute):
            if isinstance(grand, ast.Call) and grand.func is parent:
                return                           # `obj.m(...)`: a call the program makes
            if not self._is_method(parent.attr):
                return                           # `obj.field` read
            if isinstance(grand, ast.Call) and parent is not grand.func and (field != "arg" or grand is not node):
                return                           # an argument of a call inside: its own event judges it
            if field == "arg" and grand is None and ev.kind is EventKind.SPAWN:
                return                           # `Thread(target=obj.run)`: the context the spawn makes
            self.escaped.add(parent.attr)        # `obj.m` handed on: whoever gets it may call m
            return
        if isinstance(parent, _TESTS) or (isinstance(parent, _BRANCH_TESTS) and ev.kind is EventKind.BRANCH) \
                or (isinstance(parent, ast.Call) and _callee(parent) in _INSPECT
                                          and expr is not parent.func):
            return
        if isinstance(parent, ast.Call) and expr is not parent.func:
            return                               # an argument of a call inside: its call's own event follows it
        if parent is not None:
            raise _Escapes                       # in a tuple, list, dict, subscript, lambda ...
        # the whole text is the object
        if field == "arg":
            self._passed(q, ev, text)
        elif field == "value" and ev.kind is EventKind.WRITE:
            self._stored(q, ev.target or "")
        elif field == "value" and ev.kind is EventKind.BRANCH:
            return
        elif field == "target" and ev.kind in (EventKind.READ, EventKind.WRITE, EventKind.BRANCH):
            return
        else:
            raise _Escapes                       # returned, yielded, awaited, the value of a `with` ...

    def _stored(self, q: str, target: str) -> None:
        if target.isidentifier():
            self._add(q, target)                 # a local
            return
        head, _, name = target.partition(".")
        fn = self.model.functions[q]
        if head == "self" and name.isidentifier() and name.startswith("_") and fn.cls in self.model.classes:
            owner = self.model.classes[fn.cls]
            kin = {owner.qualname, *owner.ancestors,
                   *(k for k, o in self.model.classes.items() if owner.qualname in o.ancestors)}
            reached = re.compile(r"(?<!\bself)\.%s\b" % re.escape(name))
            for other, info in self.model.functions.items():
                if info.cls not in kin and any(reached.search(t) for ev in self.index.of(other) for t in _texts(ev)):
                    raise _Escapes               # other code reaches the field (`svc._tally`)
            for m, info in self.model.functions.items():
                if info.cls in kin:
                    self._add(m, target)
            return
        raise _Escapes                           # a public field, another object's field, a global

    def _passed(self, q: str, ev, text: str) -> None:
        callee = self.model.functions.get(ev.resolved or "")
        if ev.kind is not EventKind.CALL or callee is None:
            raise _Escapes                       # to code out of scope, or to a spawn
        args = tuple(ev.args)
        if callee.cls is not None and not callee.is_static:
            params = list(callee.params[1:])
        else:
            params = list(callee.params)
        bound = bind_params(params, args)
        if bound is None:
            raise _Escapes
        hit = [p for p, a in bound.items() if a == text or (is_keyword(text) and f"{p}={a}" == text)]
        if not hit:
            raise _Escapes
        for p in hit:
            self._add(callee.qualname, p)

    # --- a holder: a local, a parameter or a private field of `self`

    def _follow(self, q: str, holder: str) -> None:
        word = re.compile(r"(?<![\w.])%s\b" % re.escape(holder.split(".")[0]))
        for inner in functions_inside(self.model, q):
            if any(word.search(t) for ev in self.index.of(inner.qualname) for t in _texts(ev)):
                raise _Escapes                   # a nested function over the object
        for ev in self.index.of(q):
            if ev.kind is EventKind.SPAWN and holder == "self" and _spawned_method(ev):
                continue                         # `Thread(target=self._run)`: a context of its own
            for field, text, node in _parsed(ev):
                if field == "target" and text == holder and ev.kind is EventKind.WRITE:
                    continue                     # the holder bound (`self._x = ...`)
                for sub, parent, grand in _walk(node):
                    if _is(sub, holder):
                        if _in_lambda(node, sub):
                            raise _Escapes       # a lambda over it may run anywhere
                        self._placed(q, ev, field, text, node, sub, parent, grand)


def _spawned_method(ev) -> bool:
    return ev.spawn is not None and (ev.spawn.target or "").startswith("self.")


def _is(node: ast.AST, holder: str) -> bool:
    if "." in holder:
        head, _, name = holder.partition(".")
        return isinstance(node, ast.Attribute) and node.attr == name and isinstance(node.value, ast.Name) \
            and node.value.id == head
    return isinstance(node, ast.Name) and node.id == holder


def _callee(call: ast.Call) -> str:
    f = call.func
    return f.id if isinstance(f, ast.Name) else (f.attr if isinstance(f, ast.Attribute) else "")


def _texts(ev) -> list[str]:
    return [t for t in (ev.target, ev.callee, ev.value, *ev.args, *ev.scopes) if t]


def _parsed(ev):
    """(field, text, tree) for each source text of the event; a callee is parsed as the call."""
    out = []
    for field, text in (("target", ev.target), ("callee", ev.callee), ("value", ev.value),
                        *(("arg", a) for a in ev.args), *(("scope", s) for s in ev.scopes)):
        if not text:
            continue
        src = text.split("=", 1)[1] if field == "arg" and is_keyword(text) else text
        node = parse_expr(src + "()" if field == "callee" else src)
        if node is None:
            continue
        out.append((field, src, node))
    return out


def _in_lambda(root: ast.AST, node: ast.AST) -> bool:
    return any(isinstance(n, ast.Lambda) and any(x is node for x in ast.walk(n)) for n in ast.walk(root))


def _walk(node: ast.AST):
    """(node, parent, grandparent) for every node under `node`."""
    stack = [(node, None, None)]
    while stack:
        n, p, g = stack.pop()
        yield n, p, g
        for child in ast.iter_child_nodes(n):
            stack.append((child, n, p))


def _up(root: ast.AST, node: ast.AST) -> tuple[ast.AST | None, ast.AST | None]:
    """The parent and grandparent of `node` in `root`."""
    for n, p, g in _walk(root):
        if n is node:
            return p, g
    return None, None
