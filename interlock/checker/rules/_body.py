"""The shape of a function body that the atomicity rules need: event order, which branch
controls which event (guard clauses and `while` waits included), and the loop behind an ITERATE
header."""
from __future__ import annotations

from dataclasses import dataclass, field

from interlock.models.program import Branch, Event, EventKind, FunctionInfo, Loop, Node, Try, iter_events

@dataclass
class FunctionShape:
    events: list[Event] = field(default_factory=list)
    order: dict[int, int] = field(default_factory=dict)                 # id(event) -> position
    controls: dict[int, tuple[Branch, ...]] = field(default_factory=dict)  # id(event) -> enclosing checks
    branches: list[Branch] = field(default_factory=list)
    loops: dict[int, Loop] = field(default_factory=dict)                # id(header) -> loop

    def between(self, first: Event, last: Event) -> list[Event]:
        """Events strictly after `first` and before `last` in control-flow order, on the way from
        one to the other: a `while` test is evaluated again after each pass, so its body comes
        before its last evaluation (`while not ready: cond.wait()`, then the act: one critical
        section), and an arm that returns or raises is not on the way."""
        lo, hi = self.order.get(id(first), -1), self.order.get(id(last), -1)
        out = self.events[lo + 1:hi] if lo < hi else []
        if not out:
            return out
        skipped: set[int] = set()
        loop = self._while_tested_by(first, lo, hi)
        if loop is not None:
            skipped |= self._unless_holding(loop.body, last)
        for b in self.branches:       # an arm that returns or raises never reaches `last`
            if lo < self.order.get(id(b.cond), -1) < hi:
                for arm in (b.then, b.orelse):
                    if arm and _exits(arm):
                        skipped |= self._unless_holding(arm, last)
        return [e for e in out if id(e) not in skipped] if skipped else out

    @staticmethod
    def _unless_holding(nodes: tuple[Node, ...], last: Event) -> set[int]:
        inside = {id(e) for e in iter_events(nodes)}
        return set() if id(last) in inside else inside

    def _while_tested_by(self, first: Event, lo: int, hi: int) -> Loop | None:
        """The `while` loop whose test `first` is, or is part of (a read in its condition)."""
        for i in range(lo, hi):
            ev = self.events[i]
            loop = self.loops.get(id(ev))
            if loop is not None:
                return loop if loop.kind == "while" else None
            if i > lo and (ev.kind not in (EventKind.READ, EventKind.CALL) or ev.loc.line != first.loc.line):
                return None
        return None

    def controlled_by(self, branch: Branch, event: Event) -> bool:
        return any(b is branch for b in self.controls.get(id(event), ()))


def shape_of(fn: FunctionInfo, memo: dict[str, FunctionShape]) -> FunctionShape:
    """Memoised in `memo` (a per-component dict in `ctx.cache`) by qualname."""
    sh = memo.get(fn.qualname)
    if sh is None:
        sh = FunctionShape()
        _walk(fn.body, (), sh)
        sh.order = {id(e): i for i, e in enumerate(sh.events)}
        memo[fn.qualname] = sh
    return sh


def _walk(nodes: tuple[Node, ...], stack: tuple[Branch, ...], sh: FunctionShape) -> None:
    for n in nodes:
        if isinstance(n, Event):
            _add(n, stack, sh)
        elif isinstance(n, Branch):
            _add(n.cond, stack, sh)
            sh.branches.append(n)
            _walk(n.then, stack + (n,), sh)
            _walk(n.orelse, stack + (n,), sh)
            if _exits(n.then) and not n.orelse:
                stack = stack + (n,)        # guard clause: `if done: return` controls what follows
            elif not n.orelse and _waits_on_held(n):
                stack = stack + (n,)        # `if not jobs: cond.wait()`: what follows counts on the test
        elif isinstance(n, Loop):
            _add(n.header, stack, sh)
            sh.loops[id(n.header)] = n
            _walk(n.body, stack, sh)
            if n.kind == "while" and n.header.kind is EventKind.BRANCH and not _breaks(n.body):
                stack = stack + (Branch(cond=n.header),)    # `while not ready(): sleep()` waits for what follows
            _walk(n.orelse, stack, sh)
        elif isinstance(n, Try):
            _walk(n.body, stack, sh)
            for h in n.handlers:
                _walk(h.body, stack, sh)
            _walk(n.orelse, stack, sh)
            _walk(n.final, stack, sh)


def _add(ev: Event, stack: tuple[Branch, ...], sh: FunctionShape) -> None:
    sh.events.append(ev)
    sh.controls[id(ev)] = stack


def _exits(nodes: tuple[Node, ...]) -> bool:
    """The arm ends in `return`/`raise`, or leaves the loop body (`continue`/`break`)."""
    return bool(nodes) and isinstance(nodes[-1], Event) and nodes[-1].kind in (EventKind.RETURN, EventKind.RAISE, EventKind.JUMP)


def _waits_on_held(branch: Branch) -> bool:
    """The arm waits on a Condition whose lock the test holds (`with cond: if not jobs:
    cond.wait()`) and goes on: the code after it acts as if the test now passed, though the wait
    let go of the lock and another thread may have taken what it was woken for (`while` would
    test again; tests/corpus/il201_condition_wait_under_if)."""
    held = set(branch.cond.held)
    return any(isinstance(n, Event) and n.kind is EventKind.WAIT and n.op == "wait" and n.target in held
               for n in branch.then)


def _breaks(nodes: tuple[Node, ...]) -> bool:
    """A `break` of this loop (not of a loop nested in it) among `nodes`: the loop can end with
    its condition still true."""
    for n in nodes:
        if isinstance(n, Event) and n.kind is EventKind.JUMP and n.op == "break":
            return True
        if isinstance(n, Branch) and (_breaks(n.then) or _breaks(n.orelse)):
            return True
        if isinstance(n, Try) and (_breaks(n.body) or _breaks(n.orelse) or _breaks(n.final)
                                   or any(_breaks(h.body) for h in n.handlers)):
            return True
    return False


def has_await(nodes: tuple[Node, ...]) -> bool:
    from interlock.models.program import iter_events
    return any(e.kind is EventKind.AWAIT or e.awaited for e in iter_events(nodes))
