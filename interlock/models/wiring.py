"""Wiring calls: a method called on an object before anyone else can use it.

    pipeline = Pipeline()           # this call's own object; its constructor only builds a thread
    pipeline.attach(sink)           # wiring: no thread of `pipeline` runs, nobody else holds it
    pipeline.start()                # from here on its worker runs and reads `_sink`

A call `v.m(...)` is a *wiring call* when `v` is an object the calling function built for itself
(a local bound once to `Cls(...)`; in a constructor, also the object under construction,
`self.m(...)`, and a field it just set to `Cls(...)`) and,
before the call on every path, nothing started work that could touch `v` and `v` did not leave
the function: no call on it that starts work (a function that starts a thread, process, job or
task, or `.start()` of something not in scope), no start at all when `v` is `self` or its
field (the constructor's own threads reach `self`), no mention of `v` but as the receiver of a call (passed,
stored, captured by a nested function), no constructor that starts work, and no loop around it
that does one of these on a later turn. Handing `v` to the constructor of a class in scope that
starts nothing (`player = AudioPlayer(queue, out)`) keeps it the function's until the next start
of any work (`player.start()`): the new object may keep `v`, but nothing runs on it before. What the call does to `v`'s own fields then happens
before every other use of `v`: the work started on it later, and whoever gets it once it is
handed out.

Shared by the extractor (a method called only so gets no open-world `public:` caller,
extractor/setup_phase.py) and the checker (its accesses to the object's own fields are ordered
before every other access, checker/spawn_order.py), so it lives with the models
(tests/corpus/il102_attach_before_start, il102_attach_before_start_in_method,
il102_attach_in_constructor). Known limit: a
wired method that hands `self` out (registers a callback of its own) is not noticed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from interlock.models.program import (Branch, ContextKind, Event, EventKind, FunctionInfo, Loop, ProgramModel, Try,
                                      flat_events)

#: spawns whose work runs as soon as they are made (threads and processes run at `.start()`)
RUNNING_KINDS = frozenset({ContextKind.EXECUTOR, ContextKind.TASK})
BUILT_KINDS = frozenset({ContextKind.THREAD, ContextKind.PROCESS})
CONSTRUCTOR = "__init__"


def unknown_start(model: ProgramModel, ev: Event) -> bool:
    """`x.start()` on something not in scope (a thread, a process, a server)."""
    return ev.kind is EventKind.CALL and ev.resolved not in model.functions and (ev.callee or "").endswith(".start")


def starts_directly(model: ProgramModel, events: list[Event]) -> bool:
    """The events start work themselves: a job or task, `.start()` of something not in scope, or
    a thread they build and do not keep in a field. A constructor that only builds its thread
    into `self.<field>` (`self._worker = Thread(target=self._run)`) starts nothing: the thread
    runs at the `self._worker.start()` of another method."""
    for i, ev in enumerate(events):
        if unknown_start(model, ev):
            return True
        if ev.kind is not EventKind.SPAWN or ev.spawn is None:
            continue
        if ev.spawn.kind in RUNNING_KINDS or (ev.spawn.kind in BUILT_KINDS and not _kept_in_field(events, i)):
            return True
    return False


def _kept_in_field(events: list[Event], i: int) -> bool:
    """The thread built at `events[i]` is bound to a field of `self` (`self._t = Thread(...)`)."""
    nxt = events[i + 1] if i + 1 < len(events) else None
    return nxt is not None and nxt.kind is EventKind.WRITE and nxt.op == "=" \
        and (nxt.target or "").startswith("self.") and (nxt.target or "").count(".") == 1


def starters(model: ProgramModel, flat: dict[str, list[Event]] | None = None) -> frozenset[str]:
    """The functions that start work (`starts_directly`), and every function that calls one."""
    flat = flat if flat is not None else {q: flat_events(f.body) for q, f in model.functions.items()}
    callers: dict[str, set[str]] = {}
    for q, events in flat.items():
        for ev in events:
            if ev.kind is EventKind.CALL and ev.resolved:
                callers.setdefault(ev.resolved, set()).add(q)
    found = {q for q, events in flat.items() if starts_directly(model, events)}
    frontier = list(found)
    while frontier:
        for c in callers.get(frontier.pop(), ()):
            if c not in found:
                found.add(c)
                frontier.append(c)
    return frozenset(found)


class Wiring:
    """The wiring calls of a program (see the module docstring), found once per function."""

    def __init__(self, model: ProgramModel, flat: dict[str, list[Event]] | None = None,
                 starting: frozenset[str] | None = None):
        self.model = model
        self.starting = starting if starting is not None else starters(model, flat)
        self._by_fn: dict[str, frozenset[int]] = {}
        self._nested: dict[str, list[FunctionInfo]] | None = None

    def calls(self, fn: FunctionInfo) -> frozenset[int]:
        """The ids of `fn`'s wiring call events."""
        hit = self._by_fn.get(fn.qualname)
        if hit is None:
            hit = self._by_fn[fn.qualname] = self._find(fn)
        return hit

    def is_wiring(self, fn: FunctionInfo, call: Event) -> bool:
        return id(call) in self.calls(fn)

    def everywhere(self) -> tuple[frozenset[int], frozenset[int]]:
        """The ids of every wiring call of the program: those on other objects, and a
        constructor's own `self.m(...)` calls (which say nothing of when outside code calls `m`)."""
        other: set[int] = set()
        own: set[int] = set()
        for fn in self.model.functions.values():
            ids = self.calls(fn)
            if ids:
                mine = {id(ev) for ev in fn.events() if id(ev) in ids and _receiver(ev) == "self"}
                own |= mine
                other |= ids - mine
        return frozenset(other), frozenset(own)

    def _find(self, fn: FunctionInfo) -> frozenset[int]:
        fields: dict[str, set[str]] = {}      # the fields a constructor sets to a new object, found once
        candidates = [ev for ev in fn.events() if self._candidate(fn, ev, fields)]
        if not candidates:
            return frozenset()
        nested = _texts(self._nested_in(fn))
        events = list(fn.events())
        kept = {id(ev) for i, ev in enumerate(events) if ev.kind is EventKind.SPAWN and ev.spawn is not None
                and ev.spawn.kind in BUILT_KINDS and _kept_in_field(events, i)}
        out: set[int] = set()
        for v in sorted({_receiver(ev) for ev in candidates}):
            if not re.search(rf"(?<![\w.]){re.escape(v)}\b", nested):
                ids = {id(ev) for ev in candidates if _receiver(ev) == v}
                _Walk(self, v, v == "self" or v.startswith("self."), ids, kept, out).body(fn.body, True)
        return frozenset(out)

    def _nested_in(self, fn: FunctionInfo) -> list[FunctionInfo]:
        """The functions defined (at any depth) inside `fn` (one pass over the model, once)."""
        if self._nested is None:
            self._nested = {}
            for q, inner in self.model.functions.items():
                head = q
                while "." in head:
                    head = head.rpartition(".")[0]
                    self._nested.setdefault(head, []).append(inner)
        return self._nested.get(fn.qualname, [])

    def _candidate(self, fn: FunctionInfo, ev: Event, fields: dict[str, set[str]]) -> bool:
        """`v.m(...)` of a method in scope that starts nothing, on a local `fn` built or, in a
        constructor, on the object it builds (`self.m()`) or a field it sets to a new object."""
        if ev.kind is not EventKind.CALL or ev.resolved not in self.model.functions or ev.resolved in self.starting:
            return False
        v = _receiver(ev)
        if ev.receiver is not None:
            return ev.receiver == v and v in fn.built
        if fn.name != CONSTRUCTOR or fn.cls is None:
            return False
        if v == "self":
            return True
        if not (v.startswith("self.") and v.count(".") == 1):
            return False
        if "built" not in fields:
            fields["built"] = {w.target for w in fn.events() if w.target and _builds(w, w.target)}
        return v in fields["built"]


def _receiver(ev: Event) -> str:
    return (ev.callee or "").rpartition(".")[0]


def _builds(ev: Event, field: str) -> bool:
    """`self.<field> = Cls(...)`: a new object (a capitalised call, as the extractor types one)."""
    value = (ev.value or "").strip()
    head = value.partition("(")[0].rsplit(".", 1)[-1].lstrip("_")
    return ev.kind is EventKind.WRITE and ev.target == field and ev.op == "=" and value.endswith(")") \
        and head[:1].isupper() and re.fullmatch(r"[\w.]+", value.partition("(")[0]) is not None


def _texts(nested: list[FunctionInfo]) -> str:
    """Every name the `nested` functions mention, as one text (a closure over a local)."""
    return "\n".join(t for inner in nested for e in inner.events()
                     for t in (*e.args, *e.reads, e.value or "", e.target or "", e.callee or "") if t)


@dataclass
class _Walk:
    """Walks a body in order; `open` is True while `v` is still the function's alone."""

    wiring: Wiring
    v: str
    field: bool                      # `v` is a constructor's object or field: any start closes it
    candidates: set[int]             # the ids of the calls on `v` that may be wiring calls
    kept: set[int]                   # the ids of the spawns that only build a thread into a field
    out: set[int] | None             # None: a dry run that only finds out whether `v` closes
    built: bool = False              # a field: its new object is bound (a local is bound before its calls)
    handed: bool = False             # `v` went to a constructor that starts nothing (it may keep `v`)

    def body(self, nodes, open_: bool) -> bool:
        for n in nodes:
            open_ = self.node(n, open_)
        return open_

    def node(self, n, open_: bool) -> bool:
        if isinstance(n, Event):
            return self.event(n, open_)
        if isinstance(n, Branch):
            open_ = self.event(n.cond, open_)
            a, b = self.body(n.then, open_), self.body(n.orelse, open_)
            return a and b
        if isinstance(n, Loop):
            nodes = (n.header, *n.body, *n.orelse)
            again = _Walk(self.wiring, self.v, self.field, self.candidates, self.kept, None).body(nodes, open_)
            return self.body(nodes, again)        # a later turn runs after what an earlier one did
        if isinstance(n, Try):
            open_ = self.body(n.body, open_)
            for h in n.handlers:
                open_ = self.body(h.body, open_)
            return self.body(n.final, self.body(n.orelse, open_))
        return open_

    def event(self, ev: Event, open_: bool) -> bool:
        if not open_:
            return False
        if self._closes(ev):
            return False
        self.built = self.built or self.v == "self" or not self.field or _builds(ev, self.v)
        if self.out is not None and self.built and id(ev) in self.candidates:
            self.out.add(id(ev))
        return True

    def _closes(self, ev: Event) -> bool:
        """After `ev`, work may run on `v` or `v` is out of the function's hands."""
        model, v = self.wiring.model, self.v
        mention, bare = _patterns(v, self.field)
        if self.handed and (ev.kind is EventKind.SPAWN or unknown_start(model, ev)
                            or (ev.kind is EventKind.CALL and ev.resolved in self.wiring.starting)):
            return True                      # whatever starts now may run on the object that keeps `v`
        if not self.field and self._handed_to_constructor(ev, mention):
            self.handed = True
            return False
        if ev.kind is EventKind.SPAWN and self.field:   # a thread only built into a field runs at its `.start()`
            return id(ev) not in self.kept
        if ev.kind is EventKind.SPAWN:
            return any(mention.search(strip_strings(t)) for t in (*ev.args, ev.spawn.target if ev.spawn else "") if t)
        if unknown_start(model, ev) or (ev.kind is EventKind.CALL and ev.resolved in self.wiring.starting):
            if self.field or _receiver(ev) == v or (ev.resolved or "").endswith("." + CONSTRUCTOR):
                return True
        # `v` itself (not `v.x`) passed, stored or returned; in a constructor, `self` too (`bare`)
        return any(bare.search(strip_strings(t)) for t in (*ev.args, *ev.reads, ev.value or "") if t)


    def _handed_to_constructor(self, ev: Event, mention) -> bool:
        """`player = AudioPlayer(queue, out)`: `v` handed to the constructor of a class in scope
        that starts nothing. The new object may keep `v`, but nothing runs on it until some work
        starts; the first start after this closes `v` (tests/corpus/il101_wired_after_handing_to_an_idle_constructor)."""
        model = self.wiring.model
        return ev.kind is EventKind.CALL and (ev.resolved or "").endswith("." + CONSTRUCTOR) \
            and ev.resolved in model.functions and ev.resolved not in self.wiring.starting \
            and not unknown_start(model, ev) and any(mention.search(strip_strings(a)) for a in ev.args)


@lru_cache(maxsize=1024)
def _patterns(v: str, field: bool) -> tuple[re.Pattern, re.Pattern]:
    """A mention of `v`, and `v` itself (not `v.x`; with `field`, `self` too), as `_Walk._closes`
    looks for them (compiled once per name, not once per event)."""
    return (re.compile(rf"(?<![\w.]){re.escape(v)}\b"),
            re.compile(rf"(?<![\w.])(?:{re.escape(v)}{'|self' if field else ''})\b(?!\s*\.)"))


_STRING = re.compile(r"""("|')(?:\\.|(?!\1).)*\1""")


@lru_cache(maxsize=1 << 14)
def strip_strings(text: str) -> str:
    """`text` without its string literals (a log message naming `scanner` is no use of it;
    memoised: the walks and the rules strip the same argument texts again and again)."""
    return _STRING.sub('""', text)
