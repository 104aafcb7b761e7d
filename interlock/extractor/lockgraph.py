"""The lock-order graph: an edge A -> B when B is acquired while A is held, with its witness.

Intraprocedural edges come from `held` at each ACQUIRE; interprocedural ones from a summary of
what each (function, class of `self`) may acquire through resolved calls (bounded depth). Lock
symbols are per class (lockdep's lock classes). Re-acquiring an RLock is no edge; re-acquiring
a non-reentrant lock on the same object (`self._lock`, or `self._cond` built on it) is a
self-edge (IL302). Two different objects of one class (`self._lock` vs `other._lock`) are not.
"""
from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from interlock.extractor.index import EventIndex
from interlock.extractor.symbols import Hierarchy, lock_symbol, receiver, to_caller
from interlock.models.graphs import LockEdge, LockGraph
from interlock.models.location import Location
from interlock.models.marshalled import marshalled
from interlock.models.program import (
    LOCK_KINDS, REENTRANT_KINDS, EventKind, FunctionInfo, ProgramModel,
)

MAX_DEPTH = 12
MAX_WITNESSES = 3                    # per (source, target): enough to explain, bounded on big trees
CALL_KINDS = frozenset({EventKind.CALL, EventKind.BLOCKING})


@dataclass(frozen=True, slots=True)
class Acquisition:
    """A lock a function may take, directly or through calls."""

    path: str | None                 # in the function's own terms; None when not nameable
    symbol: str
    reentrant: bool
    via: tuple[str, ...]             # functions from this one down to the acquiring one
    witness: tuple[Location, ...]    # call sites ..., the acquisition
    held: frozenset[str]             # symbols held along the way (below this function's own)


class _Builder:
    def __init__(self, model: ProgramModel, index: EventIndex) -> None:
        self.model, self.index = model, index
        self.hierarchy = Hierarchy(model)
        self.memo: dict[tuple[str, str | None], list[Acquisition]] = {}
        self.active: set[tuple[str, str | None]] = set()
        self.edges: dict[tuple[str, str], list[LockEdge]] = {}
        self.locks: dict[str, str] = {}

    def symbol(self, cls: str | None, path: str):
        hit = lock_symbol(self.model, cls, path)
        if hit is None or hit[1] not in LOCK_KINDS:
            return None
        self.locks.setdefault(hit[0], hit[1].value)
        return hit[0], hit[1] in REENTRANT_KINDS

    def dispatch(self, cls: str | None, ev) -> FunctionInfo:
        """The function a call reaches when `self` is a `cls`: `self.m()` is the concrete class's
        `m` (a base calling a hook each subclass defines), else what the linker resolved."""
        resolved = self.model.functions[ev.resolved]
        info = self.model.classes.get(cls) if cls else None
        if info is None or not ev.callee or not ev.callee.startswith("self.") or ev.callee.count(".") != 1:
            return resolved               # not `self.m()` (`super().m()` keeps the resolved one)
        own = self.model.functions.get(info.methods.get(resolved.name, ""))
        return own if own is not None else resolved

    def summary(self, fn: FunctionInfo, cls: str | None, depth: int) -> list[Acquisition]:
        key = (fn.qualname, cls)
        if key in self.memo:
            return self.memo[key]
        if key in self.active or depth > MAX_DEPTH:
            return []
        self.active.add(key)
        out: dict[tuple[str, str | None], Acquisition] = {}
        for ev in self.index.of(fn.qualname):
            held = frozenset(s[0] for s in map(lambda p: self.symbol(cls, p), ev.held) if s)
            if ev.kind is EventKind.ACQUIRE and ev.target and ev.op != "try":
                sym = self.symbol(cls, ev.target)
                if sym:
                    out.setdefault((sym[0], ev.target), Acquisition(ev.target, sym[0], sym[1], (fn.qualname,), (ev.loc,), held))
            elif ev.kind in CALL_KINDS and ev.resolved in self.model.functions:
                callee = self.dispatch(cls, ev)
                if callee.qualname in marshalled(self.model):
                    continue              # only scheduled: its body takes its locks later, on its loop
                sub_cls = self.hierarchy.callee_class(cls, ev.callee, callee)
                recv = receiver(ev.callee)
                for a in self.summary(callee, sub_cls, depth + 1):
                    up = Acquisition(to_caller(a.path, recv), a.symbol, a.reentrant, (fn.qualname, *a.via),
                                     (ev.loc, *a.witness), a.held | held)
                    out.setdefault((up.symbol, up.path), up)
        self.active.discard(key)
        # Memoised even when a recursion cut it short: lockdep-grade, and linear on big trees.
        self.memo[key] = list(out.values())
        return self.memo[key]

    def scan(self, fn: FunctionInfo, cls: str | None) -> None:
        last_acquire: dict[str, Location] = {}
        for ev in self.index.of(fn.qualname):
            if ev.kind is EventKind.ACQUIRE and ev.target and ev.op != "try":
                sym = self.symbol(cls, ev.target)
                if sym:
                    inner = Acquisition(ev.target, sym[0], sym[1], (fn.qualname,), (ev.loc,), frozenset())
                    self.connect(fn, cls, ev.held, last_acquire, inner, first_via=())
                last_acquire[ev.target] = ev.loc
            elif ev.kind in CALL_KINDS and ev.resolved in self.model.functions and ev.held:
                callee = self.dispatch(cls, ev)
                if callee.qualname in marshalled(self.model):
                    continue
                sub_cls = self.hierarchy.callee_class(cls, ev.callee, callee)
                recv = receiver(ev.callee)
                for a in self.summary(callee, sub_cls, 1):
                    inner = Acquisition(to_caller(a.path, recv), a.symbol, a.reentrant, a.via, (ev.loc, *a.witness), a.held)
                    self.connect(fn, cls, ev.held, last_acquire, inner, first_via=(fn.qualname,))

    def connect(self, fn, cls, held_paths, last_acquire, inner: Acquisition, first_via) -> None:
        held_syms = [self.symbol(cls, p) for p in held_paths]
        all_held = tuple(sorted({s[0] for s in held_syms if s} | inner.held))
        for path, sym in zip(held_paths, held_syms):
            if sym is None:
                continue
            if sym[0] == inner.symbol and (inner.reentrant or sym[1] or not _same_object(inner.path, path)):
                continue
            outer = last_acquire.get(path, fn.loc)
            edge = LockEdge(source=sym[0], target=inner.symbol, function=inner.via[-1],
                            witness=(outer, *inner.witness), via=(*first_via, *inner.via), held=all_held)
            bucket = self.edges.setdefault((sym[0], inner.symbol), [])
            if len(bucket) < MAX_WITNESSES and all(e.via != edge.via for e in bucket):
                bucket.append(edge)


def _same_object(inner: str | None, outer: str) -> bool:
    """Two paths naming one lock symbol on one receiver: `self._lock` and `self._cond` built on
    it are the same lock; `self._lock` and `other._lock` are two objects of one class."""
    if inner is None:
        return False
    return inner == outer or inner.rpartition(".")[0] == outer.rpartition(".")[0] != ""


def build_lock_graph(model: ProgramModel, index: EventIndex | None = None) -> LockGraph:
    """Every lock in scope as a node and every observed acquisition order as an edge."""
    b = _Builder(model, index or EventIndex(model))
    for cls in model.classes.values():
        if cls.is_mixin:
            continue                 # its locks are the concrete classes' locks
        for name in cls.locks:
            b.symbol(cls.qualname, f"self.{name}")     # registers the node
    for mod in model.modules.values():
        for name, attr in mod.globals.items():
            if attr.kind in LOCK_KINDS:
                b.locks.setdefault(f"{mod.name}.{name}", attr.kind.value)
    for q in sorted(model.functions):
        fn = model.functions[q]
        for cls in b.hierarchy.concrete_classes(fn):
            b.scan(fn, cls)
    edges = [e for key in sorted(b.edges) for e in sorted(b.edges[key], key=lambda e: len(e.via))]
    return LockGraph(locks=dict(sorted(b.locks.items())), edges=tuple(edges))


def find_cycles(graph: LockGraph) -> list[list[str]]:
    """Simple cycles of the lock graph (self-edges included), for reports and tests."""
    g = nx.DiGraph((e.source, e.target) for e in graph.edges)
    return [c for c in nx.simple_cycles(g)]
