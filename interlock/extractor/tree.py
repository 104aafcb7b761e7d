"""Rebuilding frozen event trees: apply a function to every Event of a body, copying only what changes."""
from __future__ import annotations

from typing import Callable

from interlock.models.program import Branch, Event, Loop, Node, Try

EventMap = Callable[[Event], Event]


def map_events(nodes: tuple[Node, ...], fn: EventMap) -> tuple[Node, ...]:
    """`nodes` with `fn` applied to each event; the same tuple object when nothing changed."""
    out = tuple(_map_node(n, fn) for n in nodes)
    return nodes if all(a is b for a, b in zip(out, nodes)) else out


def _map_node(node: Node, fn: EventMap) -> Node:
    if type(node) is Event:
        return fn(node)
    if isinstance(node, Branch):
        return _copy(node, cond=fn(node.cond), then=map_events(node.then, fn), orelse=map_events(node.orelse, fn))
    if isinstance(node, Loop):
        return _copy(node, header=fn(node.header), body=map_events(node.body, fn),
                     orelse=map_events(node.orelse, fn))
    if isinstance(node, Try):
        handlers = tuple(_copy(h, body=map_events(h.body, fn)) for h in node.handlers)
        if all(a is b for a, b in zip(handlers, node.handlers)):
            handlers = node.handlers
        return _copy(node, body=map_events(node.body, fn), handlers=handlers,
                     orelse=map_events(node.orelse, fn), final=map_events(node.final, fn))
    return node


def _copy(node, **fields):
    changed = {k: v for k, v in fields.items() if getattr(node, k) is not v}
    return node.model_copy(update=changed) if changed else node


def drop_events(nodes: tuple[Node, ...], drop: Callable[[Event], bool]) -> tuple[Node, ...]:
    """`nodes` without the plain events `drop` selects (branch conditions and loop headers stay);
    the same tuple object when nothing is dropped."""
    out = tuple(_drop_in(n, drop) for n in nodes if not (type(n) is Event and drop(n)))
    return nodes if len(out) == len(nodes) and all(a is b for a, b in zip(out, nodes)) else out


def _drop_in(node: Node, drop: Callable[[Event], bool]) -> Node:
    if isinstance(node, Branch):
        return _copy(node, then=drop_events(node.then, drop), orelse=drop_events(node.orelse, drop))
    if isinstance(node, Loop):
        return _copy(node, body=drop_events(node.body, drop), orelse=drop_events(node.orelse, drop))
    if isinstance(node, Try):
        handlers = tuple(_copy(h, body=drop_events(h.body, drop)) for h in node.handlers)
        if all(a is b for a, b in zip(handlers, node.handlers)):
            handlers = node.handlers
        return _copy(node, body=drop_events(node.body, drop), handlers=handlers,
                     orelse=drop_events(node.orelse, drop), final=drop_events(node.final, drop))
    return node


def map_after(nodes: tuple[Node, ...], fn: Callable[[Event, Event], Event]) -> tuple[Node, ...]:
    """`nodes` with `fn(previous, event)` applied to each plain event that follows another plain
    event in the same block; the same tuple object when nothing changed."""
    out, prev = [], None
    for n in nodes:
        if type(n) is Event:
            new = fn(prev, n) if prev is not None else n
            prev = n
        else:
            prev = None
            new = _map_after_in(n, fn)
        out.append(new)
    return nodes if all(a is b for a, b in zip(out, nodes)) else tuple(out)


def _map_after_in(node: Node, fn) -> Node:
    if isinstance(node, Branch):
        return _copy(node, then=map_after(node.then, fn), orelse=map_after(node.orelse, fn))
    if isinstance(node, Loop):
        return _copy(node, body=map_after(node.body, fn), orelse=map_after(node.orelse, fn))
    if isinstance(node, Try):
        handlers = tuple(_copy(h, body=map_after(h.body, fn)) for h in node.handlers)
        if all(a is b for a, b in zip(handlers, node.handlers)):
            handlers = node.handlers
        return _copy(node, body=map_after(node.body, fn), handlers=handlers,
                     orelse=map_after(node.orelse, fn), final=map_after(node.final, fn))
    return node
