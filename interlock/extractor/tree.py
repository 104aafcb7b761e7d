"""Rebuilding frozen event trees: apply a function to every Event of a body, copying only what changes."""
from __future__ import annotations

import operator
from typing import Callable

from interlock.models.program import Branch, Event, Loop, Node, Try

EventMap = Callable[[Event], Event]
Block = Callable[[tuple[Node, ...]], tuple[Node, ...]]


def map_events(nodes: tuple[Node, ...], fn: EventMap) -> tuple[Node, ...]:
    """`nodes` with `fn` applied to each event; the same tuple object when nothing changed."""
    return same_nodes(nodes, [fn(n) if type(n) is Event else _rebuild(n, lambda b: map_events(b, fn), fn)
                         for n in nodes])


def splice_events(nodes: tuple[Node, ...], fn: Callable[[Event], tuple[Event, ...]]) -> tuple[Node, ...]:
    """`nodes` with each plain event replaced by the events `fn` returns for it (itself, or
    several in its place); the same tuple object when nothing changed."""
    out: list[Node] = []
    for n in nodes:
        if type(n) is Event:
            out.extend(fn(n))
        else:
            out.append(_rebuild(n, lambda b: splice_events(b, fn)))
    return same_nodes(nodes, out)


def drop_events(nodes: tuple[Node, ...], drop: Callable[[Event], bool]) -> tuple[Node, ...]:
    """`nodes` without the plain events `drop` selects (branch conditions and loop headers stay);
    the same tuple object when nothing is dropped."""
    out = [_rebuild(n, lambda b: drop_events(b, drop)) for n in nodes if not (type(n) is Event and drop(n))]
    return same_nodes(nodes, out)


def map_after(nodes: tuple[Node, ...], fn: Callable[[Event, Event], Event]) -> tuple[Node, ...]:
    """`nodes` with `fn(previous, event)` applied to each plain event that follows another plain
    event in the same block; the same tuple object when nothing changed."""
    out, prev = [], None
    for n in nodes:
        if type(n) is Event:
            out.append(fn(prev, n) if prev is not None else n)
            prev = n
        else:
            out.append(_rebuild(n, lambda b: map_after(b, fn)))
            prev = None
    return same_nodes(nodes, out)


def rebuild_blocks(node: Node, block: Block) -> Node:
    """A compound node with `block` applied to each of its child blocks (the same node when nothing changed)."""
    return _rebuild(node, block)


def _rebuild(node: Node, block: Block, own: EventMap | None = None) -> Node:
    """A compound node with `block` applied to each child block (and `own` to its condition or
    loop header); plain events and unchanged nodes come back as they are."""
    if isinstance(node, Branch):
        return _copy(node, cond=own(node.cond) if own else node.cond, then=block(node.then), orelse=block(node.orelse))
    if isinstance(node, Loop):
        return _copy(node, header=own(node.header) if own else node.header, body=block(node.body),
                     orelse=block(node.orelse))
    if isinstance(node, Try):
        handlers = tuple(_copy(h, body=block(h.body)) for h in node.handlers)
        if all(map(operator.is_, handlers, node.handlers)):
            handlers = node.handlers
        return _copy(node, body=block(node.body), handlers=handlers, orelse=block(node.orelse), final=block(node.final))
    return node


def same_nodes(nodes: tuple[Node, ...], out: list[Node]) -> tuple[Node, ...]:
    """`nodes` itself when `out` holds the same objects in the same order, else `out` as a new tuple."""
    return nodes if len(out) == len(nodes) and all(map(operator.is_, out, nodes)) else tuple(out)


def _copy(node, **fields):
    changed = {k: v for k, v in fields.items() if getattr(node, k) is not v}
    return node.model_copy(update=changed) if changed else node
