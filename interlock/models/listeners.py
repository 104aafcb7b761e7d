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

_COPY = re.compile(r"^(?:(?:list|tuple|set|frozenset|sorted|reversed)\((.+?)(?:\.values\(\))?\)|(.+?)\.copy\(\)|(.+?)\[:\])$")
_ELEMENT = re.compile(r"^(.+?)(?:\[[^\]]*\]|\.get\(.*\)|\.get_nowait\(\)|\.pop\(.*\))$")
_SUBSCRIPT_CALL = re.compile(r"^(\w+(?:\.\w+)+)\[.*\]$")
_STORE_OPS = frozenset({"append", "appendleft", "add", "insert", "setitem"})
_QUEUE_PUTS = frozenset({"put", "put_nowait"})
_PARTIAL = re.compile(r"^(?:functools\.)?partial\(\s*([\w.]+)\s*(?:,.*)?\)$", re.S)
_CHAINED = re.compile(r"^self\.(\w+)\.setdefault\(.*\)\.(?:append|appendleft|add|insert)$")


def element_calls(nodes: tuple[Node, ...], methods: bool = False) -> dict[int, str]:
    """id(call event) -> the attribute path (`self._listeners`) the called callable came from;
    with `methods`, the calls of a method of such an element instead (`for obs in self._observers:
    obs.on_progress(n)`, the observer objects IL303 reports)."""
    out: dict[int, str] = {}
    _walk(nodes, {}, out, methods)
    return out


#: local name -> (container attribute, whether the local is one element of it, not a copy)
Scope = dict[str, tuple[str, bool]]


def _walk(nodes, scope: Scope, out: dict[int, str], methods: bool) -> None:
    for n in nodes:
        if isinstance(n, Event):
            _event(n, scope, out, methods)
        elif isinstance(n, Loop):
            inner = dict(scope)
            source = _iterated(n.header, scope)
            for name in (n.target or "").replace("(", "").replace(")", "").split(","):
                if name.strip():
                    inner.pop(name.strip(), None)
                    if source is not None:
                        inner[name.strip()] = (source, True)
            _walk(n.body, inner, out, methods)
            _walk(n.orelse, scope, out, methods)
        elif isinstance(n, Branch):
            _walk(n.then, scope, out, methods)
            _walk(n.orelse, scope, out, methods)
        elif isinstance(n, Try):
            _walk(n.body, scope, out, methods)
            for h in n.handlers:
                _walk(h.body, scope, out, methods)
            _walk(n.orelse, scope, out, methods)
            _walk(n.final, scope, out, methods)


def _event(ev: Event, scope: Scope, out: dict[int, str], methods: bool) -> None:
    if ev.kind is EventKind.CALL and ev.callee:
        m = None if methods else _SUBSCRIPT_CALL.match(ev.callee)
        name = ev.callee.split(".")[0] if methods and ev.callee.count(".") == 1 else ev.callee
        bound = scope.get(name) if name != ev.callee or not methods else None
        source = bound[0] if bound is not None and bound[1] else (m.group(1) if m else None)
        if source is not None:
            out[id(ev)] = source
    elif ev.kind is EventKind.WRITE and ev.target and ev.target.isidentifier():
        scope.pop(ev.target, None)
        source = _copied(ev, scope)
        if source is not None:
            scope[ev.target] = source


def _iterated(header: Event, scope: Scope) -> str | None:
    """The container a `for` loop runs over: an attribute, a local copy of one, or the one
    attribute its iterable reads (`list(self.f.get(k, ()))`)."""
    target = header.target
    if target and "." in target:
        return target
    if target:
        return scope[target][0] if target in scope else None
    return header.reads[0] if len(header.reads) == 1 and "." in header.reads[0] else None


def _copied(ev: Event, scope: Scope) -> tuple[str, bool] | None:
    """`cbs = list(self.f)`, `cbs = self.f.copy()`, `cbs = self.f` (the container: its loop
    variables are elements), `cb = self.f.get(k)`, `cb = self.f[k]` (one element: called itself)."""
    value = (ev.value or "").strip()
    m = _COPY.match(value)
    copied = next((g for g in m.groups() if g), None) if m else None
    e = _ELEMENT.match(value)
    for text, is_element in ((value, False), (copied, False), (e.group(1) if e else None, True)):
        if text is None:
            continue
        if text in scope:
            return scope[text][0], is_element or scope[text][1]
        if text in ev.reads and "." in text:
            return text, is_element
    return None


def stored_in_field(ev: Event) -> tuple[str, str] | None:
    """(field, stored value) of `self.f.append(v)`, `self.f[k] = v`, `self.f.setdefault(k, []).append(v)`,
    `self.q.put(v)`."""
    target = ev.target or ""
    if ev.kind is EventKind.MUTATE and ev.op in _STORE_OPS and target.startswith("self.") and target.count(".") == 1:
        value = ev.value if ev.op == "setitem" else (ev.args[-1] if ev.args else None)
        return (target[5:], (value or "").strip()) if value else None
    m = _CHAINED.match(ev.callee or "") if ev.kind is EventKind.CALL and ev.args else None
    return (m.group(1), ev.args[-1].strip()) if m else _queued(ev)


def _queued(ev: Event) -> tuple[str, str] | None:
    """(field, callable) of `self.q.put(cb)` or `self.q.put(partial(cb, *args))`: a callable handed
    to whoever takes it from the queue (`cb = self.q.get_nowait(); cb()`), a dispatcher's own
    thread (tests/corpus/il103_callables_queued_to_loop)."""
    recv, _, method = (ev.callee or "").rpartition(".")
    if ev.kind not in (EventKind.CALL, EventKind.BLOCKING) or method not in _QUEUE_PUTS or not ev.args \
            or not recv.startswith("self.") or recv.count(".") != 1:
        return None
    value = ev.args[0].strip()
    m = _PARTIAL.match(value)
    return recv[5:], m.group(1) if m else value
