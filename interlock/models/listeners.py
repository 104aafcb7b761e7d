"""Calls of a callable taken from a container: `for cb in self._listeners: cb(x)`.

One notion shared by the linker (which resolves such calls to the callables registered in the
container) and IL303 (which reports them as foreign code run under a lock): the called name is a
loop variable over the container (`self.f`, `list(self.f)`, `self.f.values()`, `self.f[k]`), a
local bound to a copy or an element of it (`cbs = list(self.f)`, `cb = self.f.get(k)`), a loop
variable over such a local, or the container subscripted in place (`self.f[k](x)`).
"""
from __future__ import annotations

import re

from interlock.models.program import Branch, Event, EventKind, Loop, Node, Try

_WRAPPERS = r"(?:(?:list|tuple|set|frozenset|sorted|reversed)\()?"
_ELEMENT = r"(?:\.copy\(\)|\.values\(\)|\[[^\]]*\]|\.get\(.*\)|\.pop\(.*\))?\)?"
_SUBSCRIPT_CALL = re.compile(r"^(\w+(?:\.\w+)+)\[.*\]$")


def element_calls(nodes: tuple[Node, ...]) -> dict[int, str]:
    """id(call event) -> the attribute path (`self._listeners`) the called callable came from."""
    out: dict[int, str] = {}
    _walk(nodes, {}, out)
    return out


def _walk(nodes, scope: dict[str, str], out: dict[int, str]) -> None:
    for n in nodes:
        if isinstance(n, Event):
            _event(n, scope, out)
        elif isinstance(n, Loop):
            inner = dict(scope)
            source = _iterated(n.header, scope)
            for name in (n.target or "").replace("(", "").replace(")", "").split(","):
                if name.strip():
                    inner.pop(name.strip(), None)
                    if source is not None:
                        inner[name.strip()] = source
            _walk(n.body, inner, out)
            _walk(n.orelse, scope, out)
        elif isinstance(n, Branch):
            _walk(n.then, scope, out)
            _walk(n.orelse, scope, out)
        elif isinstance(n, Try):
            _walk(n.body, scope, out)
            for h in n.handlers:
                _walk(h.body, scope, out)
            _walk(n.orelse, scope, out)
            _walk(n.final, scope, out)


def _event(ev: Event, scope: dict[str, str], out: dict[int, str]) -> None:
    if ev.kind is EventKind.CALL and ev.callee:
        m = _SUBSCRIPT_CALL.match(ev.callee)
        source = scope.get(ev.callee) or (m.group(1) if m else None)
        if source is not None:
            out[id(ev)] = source
    elif ev.kind is EventKind.WRITE and ev.target and ev.target.isidentifier():
        scope.pop(ev.target, None)
        source = _copied(ev, scope)
        if source is not None:
            scope[ev.target] = source


def _iterated(header: Event, scope: dict[str, str]) -> str | None:
    """The container a `for` loop runs over: an attribute, a local copy of one, or the one
    attribute its iterable reads (`list(self.f.get(k, ()))`)."""
    target = header.target
    if target and "." in target:
        return target
    if target:
        return scope.get(target)
    return header.reads[0] if len(header.reads) == 1 and "." in header.reads[0] else None


def _copied(ev: Event, scope: dict[str, str]) -> str | None:
    """`cbs = list(self.f)`, `cbs = self.f.copy()`, `cb = self.f.get(k)`, `cbs = other_local`."""
    value = (ev.value or "").strip()
    for source, container in [(r, r) for r in ev.reads if "." in r] + list(scope.items()):
        if re.fullmatch(_WRAPPERS + re.escape(source) + _ELEMENT, value):
            return container
    return None
