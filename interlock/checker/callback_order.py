"""Happens-before at a hand-off, for a job that schedules its own object's callback once.

    def _resolve(self):                                   # a worker thread, once per object
        result = socket.getaddrinfo(...)
        self._result = result                             # before the hand-off ...
        with self._mutex:
            if self._state == self.ACTIVE:
                self._loop.add_callback(self._dispatch_result)   # ... so ordered before its run
    def _dispatch_result(self):                           # on the loop, after the hand-off
        self._on_done(self._result)

A callback cannot run before it is scheduled. When a context that runs once per object (a
thread, job, task or callback of multiplicity one, or one started only on `self`, outside loops,
from a constructor, a lifecycle method such as `start` or another such context) schedules a
method of its own object as a callback (`loop.add_callback(self.h)`,
`call_soon_threadsafe(functools.partial(self.h, x))`), and that is the only place the program
schedules `h`, what the flow did before the scheduling call is ordered before every access of the
callback's run (a reach whose entry is `h`, in the callback context, which runs once per object
too). When either runs on several objects, only each object's own `self.<attr>` is ordered. What the flow does after it, in a loop around it, or in
a function its caller runs again and again, still races the callback
(tests/corpus/il101_result_handed_to_loop_callback). As for signal handlers (signal_order.py),
the flow's events are taken in source order.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from interlock.checker.signal_order import _ordered
from interlock.models.program import ContextKind, Event, FunctionInfo, ProgramModel, is_lifecycle

if TYPE_CHECKING:
    from interlock.checker.analysis import Access

#: contexts whose entry runs once per start: what it does before a hand-off happens before it
_ONCE_KINDS = frozenset({ContextKind.THREAD, ContextKind.EXECUTOR, ContextKind.TASK, ContextKind.CALLBACK})


class CallbackOrder:
    def __init__(self, model: ProgramModel, sites: dict[str, list[tuple[FunctionInfo, Event]]]):
        self.model = model
        # callback entry -> its one scheduling site, when it has exactly one and it names `self.<method>`
        self._site: dict[str, tuple[FunctionInfo, Event]] = {}
        for q, where in sites.items():
            if len(where) == 1 and where[0][1].spawn.kind is ContextKind.CALLBACK and _on_self(where[0][1].spawn.target):
                self._site[q] = where[0]
        self._sites = sites
        self._once: dict[str, bool] = {}

    def apart(self, a: Access, b: Access) -> bool:
        return self._before_callback(a, b) or self._before_callback(b, a)

    def _before_callback(self, a: Access, b: Access) -> bool:
        ctx, mine = b.context, a.context
        if ctx.kind is not ContextKind.CALLBACK or len(ctx.entries) != 1 or mine.name == ctx.name \
                or mine.kind not in _ONCE_KINDS or len(mine.entries) != 1:
            return False
        site = self._site.get(ctx.entries[0])
        if site is None or not self._runs_once(ctx) or not self._runs_once(mine):
            return False
        entry = b.reach.caller(self.model, 0) if b.reach.chain else b.function
        if entry is None or entry.qualname != ctx.entries[0] or a.reach.cls != b.reach.cls:
            return False
        if any(c.multiplicity == "many" or c.per_object or c.per_request for c in (mine, ctx)) \
                and not (_own(a) and _own(b)):
            return False              # runs on several objects: only each object's own fields are apart
        return self._precedes(a, site)

    def _runs_once(self, ctx) -> bool:
        """The context's entry runs once per object: one run at a time (on each object, for a
        `per_object` thread), not per request; or a
        method of the object started only on `self` outside loops, from its constructor or a
        lifecycle method (`start`: once per object) or from the entry of another such context
        (a thread that schedules its callback once)."""
        if ctx.multiplicity == "one" and not ctx.per_request:
            return True               # (`per_object`: once on each of several objects)
        return self._once_entry(ctx.entries[0], 0)

    def _once_entry(self, q: str, depth: int) -> bool:
        if q in self._once:
            return self._once[q]
        self._once[q] = False                         # a cycle of starts: not once
        where = self._sites.get(q, [])
        ok = bool(where) and depth < 4
        for fn, ev in where if ok else ():
            spawn = ev.spawn
            if spawn.many or not _on_self(spawn.target) or _in_loop(fn, ev) or not (
                    fn.name == "__init__" or is_lifecycle(fn) or self._once_entry(fn.qualname, depth + 1)):
                ok = False
                break
        self._once[q] = ok
        return ok

    def _precedes(self, a: Access, site: tuple[FunctionInfo, Event]) -> bool:
        """The function of `site` is on `a`'s chain (or is `a`'s own), every step down to it is
        made outside any loop, and it makes the step towards `a` before the scheduling call,
        outside any loop around both."""
        fn_site, spawn = site
        chain = a.reach.chain
        for i in range(len(chain) + 1):
            fn = a.reach.caller(self.model, i) if i < len(chain) else a.function
            if fn is None:
                return False
            step = chain[i] if i < len(chain) else a.event
            flat = _ordered(fn.body)
            at = next((k for k, (ev, _) in enumerate(flat) if ev is step), None)
            if at is None:
                return False
            if fn.qualname == fn_site.qualname:
                loops = set(flat[at][1])
                return any(ev is spawn and not loops & set(around) for ev, around in flat[at + 1:])
            if flat[at][1]:
                return False          # called in a loop: the flow below runs again and again
        return False


def _in_loop(fn: FunctionInfo, ev: Event) -> bool:
    return any(e is ev and around for e, around in _ordered(fn.body))


def _own(a: Access) -> bool:
    """`self.<attr>` of the context's own object, reached through calls on `self` only."""
    parts = (a.event.target or "").split(".")
    return len(parts) == 2 and parts[0] == "self" and all((c.callee or "").startswith("self.") for c in a.reach.chain)


def _on_self(target: str) -> bool:
    """`self.h` or `functools.partial(self.h, ...)`: a method of the scheduling object."""
    t = target.strip()
    for prefix in ("functools.partial(", "partial("):
        if t.startswith(prefix):
            t = t[len(prefix):].split(",", 1)[0].rstrip(")").strip()
    head, dot, name = t.partition(".")
    return head == "self" and bool(dot) and name.isidentifier()
