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
