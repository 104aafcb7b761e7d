"""A read-only walk over a libcst tree, ~10x cheaper than `node.visit(visitor)`.

libcst's `visit` rebuilds every node it passes (`_visit_and_replace_children` constructs a new
dataclass per node, validation included) even for a plain `CSTVisitor`: on a 90k-line tree the
few whole-body visitors of the extractor cost more than a third of the parse. `visit` here calls
the same `visit_<Node>` methods of a visitor object, depth first, and skips a node's children when
its method returns False, but reads the children straight from the dataclass fields, in source
order (libcst's order). `leave_*` methods are not called, and whitespace and comments (half the
nodes of a tree) are not visited. `findall` is `libcst.matchers.findall` for plain node classes.
"""
from __future__ import annotations

import dataclasses

import libcst as cst

_FIELDS: dict[type, tuple[str, ...]] = {}     # node class -> its dataclass field names
_IS_NODE: dict[type, bool] = {}               # any class -> a CSTNode to visit (no ABC check per value)
#: layout, not code: whitespace, blank lines, comments (what is below them is layout too)
_LAYOUT = (cst.BaseParenthesizableWhitespace, cst.TrailingWhitespace, cst.EmptyLine, cst.Newline, cst.Comment)
_METHOD: dict[type, str] = {}                 # node class -> its `visit_<Node>` method name
#: fields that come first in the source, ahead of the dataclass order (decorators and the signature
#: before the body, `except E as e:` before the handler, `x if c else y`, `*args`, `key=value`)
_SOURCE_FIRST: dict[type, tuple[str, ...]] = {
    cst.FunctionDef: ("decorators", "asynchronous", "name", "type_parameters", "params", "returns"),
    cst.ClassDef: ("decorators", "name", "type_parameters", "bases", "keywords"),
    cst.ExceptHandler: ("type", "name"), cst.ExceptStarHandler: ("type", "name"), cst.IfExp: ("body",),
    cst.Arg: ("star", "keyword", "equal"), cst.Param: ("star",), cst.Index: ("star",),
    cst.For: ("asynchronous",), cst.CompFor: ("asynchronous",), cst.With: ("asynchronous",),
    cst.ImportFrom: ("relative",),
    cst.Parameters: ("posonly_params", "posonly_ind", "params", "star_arg", "kwonly_params", "star_kwarg"),
}


def leaves(*classes: type) -> frozenset[type]:
    """The node classes of a hot `type(n) in KINDS` test, which is `isinstance(n, classes)` for
    libcst's concrete node classes (none has a subclass) at a tenth of its cost: every libcst class
    is an ABC, so each `isinstance` against one that fails its exact-type shortcut runs
    `ABCMeta.__instancecheck__` (a Python call; ~1.2M of them in a cold run on a 90k-line tree)."""
    for c in classes:
        if not issubclass(c, cst.CSTNode) or c.__subclasses__() or getattr(c, "__abstractmethods__", None):
            raise TypeError(f"{c.__name__} is not a concrete libcst node class without subclasses")
    return frozenset(classes)


LINES = leaves(cst.SimpleStatementLine, cst.SimpleStatementSuite)    # statements of small statements
DEFS = leaves(cst.FunctionDef, cst.ClassDef)
IMPORTS = leaves(cst.Import, cst.ImportFrom)


def visit(node: cst.CSTNode, visitor: object) -> None:
    """Call `visitor.visit_<Node>(n)` for `node` and each node below it (children skipped when it returns False)."""
    stack = [node]
    pop, push = stack.pop, stack.extend
    # node class -> the name of the visitor's `visit_<Node>` method, or None when its class has none
    # (a missed `getattr` raises and catches an AttributeError inside: most nodes have no method)
    vtype = type(visitor)
    for_type = _VISITOR_METHODS.get(vtype)
    if for_type is None:
        if len(_VISITOR_METHODS) > 64:
            _VISITOR_METHODS.clear()          # visitor classes made per call (a local `class _V`)
        for_type = _VISITOR_METHODS[vtype] = {}
    while stack:
        n = pop()
        cls = type(n)
        name = for_type.get(cls, _UNKNOWN)
        if name is _UNKNOWN:
            name = _METHOD.get(cls)
            if name is None:
                name = _METHOD[cls] = f"visit_{cls.__name__}"
            name = for_type[cls] = name if hasattr(vtype, name) else None
        if name is not None and getattr(visitor, name)(n) is False:
            continue
        push(reversed(children(n)))


_UNKNOWN = object()
_VISITOR_METHODS: dict[type, dict[type, str | None]] = {}    # visitor class -> node class -> its method name


def children(node: cst.CSTNode) -> list[cst.CSTNode]:
    """The nodes directly below `node` but layout (whitespace, comments), in source order."""
    cls = type(node)
    names = _FIELDS.get(cls)
    if names is None:
        first = _SOURCE_FIRST.get(cls, ())
        names = _FIELDS[cls] = first + tuple(f.name for f in dataclasses.fields(cls) if f.name not in first)
    out = []
    is_node = _IS_NODE           # `_node` inlined (hot: every field of every node)
    for name in names:
        value = getattr(node, name)
        t = type(value)
        known = is_node.get(t)
        if known is None:
            known = _node(t)
        if known:
            out.append(value)
        elif t is tuple or t is list:
            for v in value:
                t = type(v)
                known = is_node.get(t)
                if known is None:
                    known = _node(t)
                if known:
                    out.append(v)
    return out


def _node(cls: type) -> bool:
    known = _IS_NODE.get(cls)
    if known is None:
        known = _IS_NODE[cls] = issubclass(cls, cst.CSTNode) and not issubclass(cls, _LAYOUT)
    return known


def findall(node: cst.CSTNode, kinds: tuple[type, ...] | type) -> list[cst.CSTNode]:
    """`node` and the nodes below it that are instances of `kinds`, in source order."""
    # by exact class, memoised: libcst's node classes are ABCs, and an `isinstance` that misses
    # goes through `ABCMeta.__instancecheck__` (Python) once per class of `kinds`
    hits = _KINDS.get(kinds)
    if hits is None:
        hits = _KINDS[kinds] = {}
    out: list[cst.CSTNode] = []
    stack = [node]
    pop, push = stack.pop, stack.extend
    while stack:
        n = pop()
        cls = type(n)
        hit = hits.get(cls)
        if hit is None:
            hit = hits[cls] = issubclass(cls, kinds)
        if hit:
            out.append(n)
        push(reversed(children(n)))
    return out


_KINDS: dict[object, dict[type, bool]] = {}     # `kinds` of findall -> node class -> an instance of them


def breaks_loop(node) -> bool:
    """A `break` in `node` that ends the loop `node` is the body of (not one of a loop or a
    function nested in it; a nested loop's `else` still breaks the outer one)."""
    if isinstance(node, cst.Break):
        return True
    if isinstance(node, (cst.For, cst.While)):
        return node.orelse is not None and breaks_loop(node.orelse)
    if isinstance(node, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
        return False
    return any(breaks_loop(child) for child in node.children)
