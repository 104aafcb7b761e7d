"""The explorer state: a hashable value (program counters, statuses, locals, fields, path condition)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

RUN, DONE, RAISED = "", "done", "raised"
#: a thread whose loop would go on past the iterations the explorer unrolls: it stops there,
#: neither finished (a join on it still waits) nor blocked (no deadlock is claimed while it runs on)
CUT = "cut"


@dataclass(frozen=True, slots=True)
class State:
    pcs: tuple[int, ...]
    status: tuple[str, ...]                     # RUN, DONE, RAISED, "wait:<cond>", "reacq:<lock>:<n>"
    locals: tuple[tuple[tuple[str, Any], ...], ...]
    fields: tuple[Any, ...]                     # aligned with `Layout.keys`
    path: frozenset = frozenset()               # path condition: z3 facts (Sym)
    #: facts sliced off the path because no value of the state mentions their symbols any more:
    #: they cannot decide a later branch, so states equal but for them are one state; they stay
    #: here (not compared) for the witness values of this state's own trace
    dropped: frozenset = field(default=frozenset(), compare=False, repr=False)
    _fh: int = field(default=0, compare=False, repr=False)    # hash of `fields`, passed on when unchanged
    _hash: int = field(default=0, compare=False, repr=False)

    def __hash__(self) -> int:                  # states are dict keys many times over: hash once,
        h = self._hash                          # and only when asked (merged local steps never are)
        if not h:
            # most steps leave the fields alone, and hashing their symbolic values is the dear part
            fh = self.fields_hash()
            h = hash((self.pcs, self.status, self.locals, fh, self.path)) or 1
            object.__setattr__(self, "_hash", h)
        return h

    @property
    def facts(self) -> frozenset:
        """Every fact of this state's own path (the sliced-off ones too): for witnesses."""
        return self.path | self.dropped if self.dropped else self.path

    def fields_hash(self) -> int:
        fh = self._fh
        if not fh:
            fh = hash(self.fields) or 1
            object.__setattr__(self, "_fh", fh)
        return fh

    def finished(self, tid: int) -> bool:
        return self.status[tid] in (DONE, RAISED)

    @property
    def cut(self) -> bool:
        """Some thread stopped where its loop went on past the unrolled iterations."""
        return CUT in self.status


class View:
    """Read-only field access on a state (what `blocked` checks need), without copying it."""

    __slots__ = ("fields", "index", "status")

    def __init__(self, state: State, layout: "Layout"):
        self.fields = state.fields
        self.index = layout.index
        self.status = state.status

    def get(self, key: str) -> Any:
        return self.fields[self.index[key]]


@dataclass(frozen=True)
class Layout:
    """Where each field lives in `State.fields`."""

    keys: tuple[str, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "index", {k: i for i, k in enumerate(self.keys)})


class Draft:
    """A mutable copy of one state while a step runs."""

    def __init__(self, state: State, layout: Layout):
        self.layout = layout
        self.origin = state
        self.dirty = False                  # a field was set: `fields` differs from the origin's
        self.fields = list(state.fields)
        self.pcs = list(state.pcs)
        self.status = list(state.status)
        self.locals = _Frames(state.locals)
        self.path = state.path              # frozen: shared with the state until a fact is added
        self.dropped = state.dropped

    def assume(self, fact: Any) -> None:
        """Add a fact to the path condition."""
        if fact not in self.path:
            self.path = self.path | {fact}

    def get(self, key: str) -> Any:
        return self.fields[self.layout.index[key]]

    def set(self, key: str, value: Any) -> None:
        self.fields[self.layout.index[key]] = value
        self.dirty = True

    def freeze(self) -> State:
        same = not self.dirty
        return State(tuple(self.pcs), tuple(self.status),
                     self.locals.freeze(),
                     self.origin.fields if same else tuple(self.fields), self.path, self.dropped,
                     self.origin._fh if same else 0)     # the origin's, if it was ever hashed


class _Frames:
    """The threads' local frames of a draft: a frame is copied to a dict when a step reads or
    writes it (one thread's, per step) and the others stay the state's own tuples."""

    __slots__ = ("frozen", "open")

    def __init__(self, frozen: tuple) -> None:
        self.frozen = frozen
        self.open: dict[int, dict] = {}

    def __getitem__(self, tid: int) -> dict:
        frame = self.open.get(tid)
        if frame is None:
            frame = self.open[tid] = dict(self.frozen[tid])
        return frame

    def freeze(self) -> tuple:
        if not self.open:
            return self.frozen
        return tuple(tuple(sorted(self.open[t].items())) if t in self.open else f
                     for t, f in enumerate(self.frozen))
