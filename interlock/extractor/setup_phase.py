"""Set-up calls: what a program's main flow does while it runs alone.

    station = PumpStation()
    station.add_probe("north", probe)        # set-up: no thread of the program runs yet
    station.start()                          # from here on the poller runs
    ...
    for c in checkers: c.join()
    tally.carry(4)                           # set-up again: every thread it started is joined

A *main flow* is a module body (import-time code and the `if __name__ == "__main__":` block), a
top-level function named `main` nobody in scope calls (a console entry point), or a top-level
function whose every call is itself a set-up call of a main flow (`main()` under the guard). A call
it makes before its first start (a thread, process, executor job or task; a call of a function
that starts one; `.start()` on an object not known) or after as many joins as it started, and
not in a loop that starts one, runs sequentially with every thread of the program.

A constructor that only builds a thread into a field (`self._worker = Thread(...)`) starts
nothing: the thread runs at the `.start()` of another method (models/wiring.py).

A method whose only calls in scope are such set-up calls, or wiring calls (models/wiring.py: on an
object its caller built and nobody else holds or runs yet), gets no open-world `public:` caller
(tests/corpus/il202_probe_added_after_start, il103_tally_carry_between_start_and_join,
il102_attach_before_start): the program shows who calls it, and that caller runs alone or has the
object to itself. One call from anywhere else (a thread, a handler, a function of a library's
own) keeps it public. The constructor's own `self.m()` before any start neither keeps nor makes it
public: it shows nothing of when outside code calls `m` (tests/corpus/il102_attach_in_constructor);
a method only that calls stays as open as one never called. Known limits: threads started at import
time by another module are not seen, and a method passed as a value (not called) counts as
uncalled.
"""
from __future__ import annotations

from dataclasses import dataclass

from interlock.extractor.confinement import callers_of
from interlock.extractor.index import EventIndex
from interlock.extractor.tree import drop_events
from interlock.models.program import (
    SIGNAL_VIAS, Branch, ContextKind, Event, EventKind, FunctionInfo, Loop, ProgramModel, Try,
)
from interlock.models.wiring import BUILT_KINDS, RUNNING_KINDS, Wiring, starters, unknown_start



def setup_only(model: ProgramModel, index: EventIndex) -> frozenset[str]:
    """Functions called in scope, and only by set-up calls of main flows (see the module docstring)."""
    effects = _effects(model, index)
    sites = _call_sites(model, index)
    flows: set[str] = {q for q, fn in model.functions.items() if fn.name == "main" and _top_level(fn)
                       and q not in sites}
    walked: dict[str, set[int]] = {}      # each main flow's set-up calls, walked once across the rounds
    while True:
        setup = _setup_calls(model, effects, flows, walked)
        grown = {q for q, fn in model.functions.items() if _top_level(fn) and q in sites
                 and sites[q] <= setup} - flows
        if not grown:
            wired, own = Wiring(model, index.functions, effects.starters).everywhere()
            setup |= wired
            return frozenset(q for q, ids in sites.items() if ids - own and ids - own <= setup)
        flows |= grown


def _top_level(fn) -> bool:
    return fn.cls is None and fn.qualname == f"{fn.module}.{fn.name}"


def _call_sites(model: ProgramModel, index: EventIndex) -> dict[str, set[int]]:
    out: dict[str, set[int]] = {}
    for events in (*index.functions.values(), *index.modules.values()):
        for ev in events:
            if _calls(model, ev):
                out.setdefault(ev.resolved, set()).add(id(ev))
    return out


def _calls(model: ProgramModel, ev: Event) -> bool:
    """A call of a function in scope (also one that registers a callback: `bus.subscribe(fn)`)."""
    return ev.kind in (EventKind.CALL, EventKind.SPAWN) and ev.resolved in model.functions


def _setup_calls(model: ProgramModel, effects: _Effects, flows: set[str],
                 walked: dict[str, set[int]] | None = None) -> set[int]:
    """The ids of the set-up calls of the module bodies and the `flows` (each body's own, from
    `walked` when it was walked before: the walk of a body depends on nothing but it)."""
    out: set[int] = set()
    walked = {} if walked is None else walked
    bodies = [(f"<module>:{m}", info.body) for m, info in model.modules.items()]
    bodies += [(q, model.functions[q].body) for q in sorted(flows)]
    for key, body in bodies:
        ids = walked.get(key)
        if ids is None:
            ids = walked[key] = set()
            _Walk(effects, ids).body(body, _Phase())
        out |= ids
    return out


def _effects(model: ProgramModel, index: EventIndex) -> "_Effects":
    return index.memo("setup_phase.effects", model, lambda: _Effects(model, index))


class _Effects:
    """Which functions start work (transitively) and which only wait for it (join, shutdown)."""

    def __init__(self, model: ProgramModel, index: EventIndex):
        self.model = model
        self.starters = starters(model, index.functions)
        self.joiners = _closure(model, index, lambda ev: _joins(model, ev), _JOIN_KINDS) - self.starters
        self.leavers = _closure(model, index, _leaves_job, _LEAVE_KINDS)


_JOIN_KINDS = frozenset({EventKind.BLOCKING, EventKind.CALL})      # the kinds `_joins` may hold for
_LEAVE_KINDS = frozenset({EventKind.SPAWN})                         # ... and `_leaves_job`


def _leaves_job(ev: Event) -> bool:
    """A job handed to an executor that outlives the function: one reached through a field or
    an object (`self._pool.submit(...)`, `app.pool.submit(...)`), not a local pool the function
    builds and waits for (`with ThreadPoolExecutor() as pool:`)."""
    return ev.kind is EventKind.SPAWN and ev.spawn is not None and ev.spawn.kind is ContextKind.EXECUTOR \
        and "." in (ev.callee or "").rpartition(".")[0]


def _closure(model: ProgramModel, index: EventIndex, direct, kinds: frozenset[EventKind]) -> set[str]:
    """The functions with an event `direct` holds for (only ever one of `kinds`), and every
    function that calls one."""
    found: set[str] = set()
    for q, events in index.functions.items():
        for ev in events:
            if ev.kind in kinds and direct(ev):
                found.add(q)
                break
    callers = callers_of(model, index)
    frontier = list(found)
    while frontier:
        for c in callers.get(frontier.pop(), ()):
            if c.qualname not in found:
                found.add(c.qualname)
                frontier.append(c.qualname)
    return found


def _joins(model: ProgramModel, ev: Event) -> bool:
    """`t.join()` (also on a thread the extractor did not type: no arguments, so no `str.join`)."""
    return (ev.kind is EventKind.BLOCKING and ev.op == "join") or (
        ev.kind is EventKind.CALL and ev.resolved not in model.functions and not ev.args
        and (ev.callee or "").endswith(".join"))


@dataclass
class _Phase:
    started: int = 0          # starts not yet matched by a join
    built: int = 0            # threads built and not yet started: their `.start()` is no new start


def script_bodies(model: ProgramModel, index: EventIndex) -> dict[str, FunctionInfo]:
    """A module whose top-level code (a script's, also under `if __name__ == "__main__":`) starts a
    thread, executor job or process of the program goes on running beside it: its body becomes a
    function `<module>` of its own, the main thread's (entrypoints._main_threads makes it the
    context `main:<module>`). What the body does while it runs alone (before its first start,
    after as many joins as it started) is left out: that runs sequentially with every thread
    (tests/corpus/il103_script_body_counts_beside_worker, il103_tally_carry_between_start_and_join).
    A Thread built at module level and never started there (`_main_thread = _MainThread()`) starts nothing."""
    scripts = []
    for m, events in sorted(index.modules.items()):
        started = any(ev.kind is EventKind.CALL and (ev.callee or "").endswith(".start") for ev in events)
        if f"{m}.<module>" not in model.functions and any(
                ev.kind is EventKind.SPAWN and ev.spawn is not None and ev.spawn.resolved in model.functions
                and (ev.spawn.kind is ContextKind.EXECUTOR or ev.spawn.kind in BUILT_KINDS and started)
                for ev in events):
            scripts.append(m)
    if not scripts:
        return {}
    effects = _effects(model, index)
    out = {}
    for m in scripts:
        info = model.modules[m]
        alone: set[int] = set()
        _Walk(effects, alone, every=True).body(info.body, _Phase())
        body = drop_events(info.body, lambda ev: id(ev) in alone and ev.kind is not EventKind.SPAWN)
        first = next(ev for ev in index.modules[m] if ev.kind is EventKind.SPAWN)
        out[f"{m}.<module>"] = FunctionInfo(qualname=f"{m}.<module>", name="<module>", module=m, path=info.path,
                                           loc=first.loc, body=body)
    return out


def _signal_handler(ev: Event) -> bool:
    """`signal.signal(SIGHUP, fwd.reload)`: from here on the handler may run between any two
    statements of the flow (a stop signal's handler makes no spawn: extractor/events_spawn.py)
    (tests/corpus/il202_sighup_handler_of_local_object)."""
    return ev.spawn.kind is ContextKind.CALLBACK and ev.spawn.via in SIGNAL_VIAS


def alone_events(model: ProgramModel, index: EventIndex, fn: FunctionInfo, effects: "_Effects | None" = None) -> set[int]:
    """Ids of the events of a main flow `fn` that run alone: before its first start, after as
    many joins as it started (a thread built and not yet started runs nothing)."""
    found: set[int] = set()
    _Walk(effects or _effects(model, index), found, every=True).body(fn.body, _Phase())
    return found


@dataclass
class _Walk:
    effects: _Effects
    setup: set[int] | None = None           # None: a dry run that only counts
    every: bool = False                     # record every event run alone, not only calls

    def body(self, nodes, phase: _Phase) -> _Phase:
        for n in nodes:
            phase = self.node(n, phase)
        return phase

    def node(self, n, phase: _Phase) -> _Phase:
        if isinstance(n, Event):
            return self.event(n, phase)
        if isinstance(n, Branch):
            phase = self.event(n.cond, phase)
            a, b = self.body(n.then, _copy(phase)), self.body(n.orelse, _copy(phase))
            return _Phase(max(a.started, b.started), max(a.built, b.built))
        if isinstance(n, Loop):
            return self.loop(n, phase)
        if isinstance(n, Try):
            phase = self.body(n.body, phase)
            for h in n.handlers:
                phase = self.body(h.body, phase)
            return self.body(n.final, self.body(n.orelse, phase))
        return phase

    def loop(self, n: Loop, phase: _Phase) -> _Phase:
        """A loop whose iteration leaves work running runs all of its calls while that work may
        run (the next iteration comes after the start); its start sites count once."""
        nodes = (n.header, *n.body, *n.orelse)
        after = _Walk(self.effects).body(nodes, _copy(phase))
        if after.started <= phase.started:
            return self.body(nodes, phase)
        self.body(nodes, _Phase(after.started, phase.built))
        return after

    def event(self, ev: Event, phase: _Phase) -> _Phase:
        e = self.effects
        # (every event: a thread built and not yet started runs nothing: `t.daemon = True` before `t.start()`)
        if self.setup is not None and (phase.started - phase.built if self.every else phase.started) <= 0 \
                and (self.every or _calls(e.model, ev)):
            self.setup.add(id(ev))
        if ev.kind is EventKind.SPAWN and ev.spawn is not None and ev.spawn.kind in BUILT_KINDS:
            # a thread that hands jobs to a long-lived pool leaves them running after its join
            leaves = ev.spawn.kind is ContextKind.THREAD and ev.spawn.resolved in e.leavers
            return _Phase(phase.started + 1 + leaves, phase.built + 1)
        if unknown_start(e.model, ev) and phase.built:
            return _Phase(phase.started, phase.built - 1)
        if (ev.kind is EventKind.SPAWN and ev.spawn is not None and (ev.spawn.kind in RUNNING_KINDS or _signal_handler(ev))) \
                or (ev.kind is EventKind.CALL and ev.resolved in e.starters) or unknown_start(e.model, ev):
            return _Phase(phase.started + 1, phase.built)
        if _joins(e.model, ev) or (ev.kind is EventKind.CALL and ev.resolved in e.joiners):
            return _Phase(max(phase.started - 1, 0), phase.built)
        return phase


def _copy(phase: _Phase) -> _Phase:
    return _Phase(phase.started, phase.built)
