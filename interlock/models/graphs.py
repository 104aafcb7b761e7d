"""Lock graph and state machines: pydantic records with a networkx view."""
from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import ConfigDict

from interlock.models.base import Model
from interlock.models.location import Location

if TYPE_CHECKING:          # imported where used: a cached verification never builds a graph
    import networkx as nx


class LockEdge(Model):
    """`target` is acquired while `source` is held. Locks are qualified symbols (`pkg.mod.Cls._lock`)."""

    model_config = ConfigDict(frozen=True)

    source: str
    target: str
    function: str                      # qualname where the inner acquisition happens
    witness: tuple[Location, ...] = () # outer acquisition, ..., inner acquisition
    via: tuple[str, ...] = ()          # call chain from the outer acquisition to the inner one
    held: tuple[str, ...] = ()         # all locks held at the inner acquisition (gate-lock filter)


class LockGraph(Model):
    model_config = ConfigDict(frozen=True)

    locks: dict[str, str] = {}         # lock symbol -> AttrKind value
    edges: tuple[LockEdge, ...] = ()

    def to_networkx(self) -> nx.MultiDiGraph:
        import networkx as nx

        g = nx.MultiDiGraph()
        for lock, kind in self.locks.items():
            g.add_node(lock, kind=kind)
        for e in self.edges:
            g.add_edge(e.source, e.target, edge=e)
        return nx.freeze(g)


class Transition(Model):
    model_config = ConfigDict(frozen=True)

    source: str                        # state name, or "*" when the prior state is not known
    target: str
    method: str                        # qualname of the function that assigns
    guard: str | None = None           # source of the condition that leads to the assignment
    loc: Location


class StateMachine(Model):
    """States of one field (`PlaybackController.state`) and the transitions found in code."""

    model_config = ConfigDict(frozen=True)

    cls: str                           # qualname of the owning class
    field: str
    enum: str | None = None            # qualname of the enum type, when states are enum members
    states: tuple[str, ...] = ()
    initial: str | None = None
    transitions: tuple[Transition, ...] = ()

    def to_networkx(self) -> nx.MultiDiGraph:
        import networkx as nx

        g = nx.MultiDiGraph()
        g.add_nodes_from(self.states)
        for t in self.transitions:
            g.add_edge(t.source, t.target, transition=t)
        return nx.freeze(g)
