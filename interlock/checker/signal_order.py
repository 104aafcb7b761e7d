"""Happens-before at a signal handler's registration, for the object that registers its own method.

    def init_process(self):
        self.pool = self.get_thread_pool()                  # before the registration ...
        self.init_signals()
    def init_signals(self):
        signal.signal(signal.SIGQUIT, self.handle_quit)     # ... so ordered before every run of
    def handle_quit(self, sig, frame):                      # the handler
        self.pool.shutdown(wait=False)

A handler cannot run before it is registered. An access made by a flow before that flow
registers (`signal.signal(sig, self.h)`, `loop.add_signal_handler(sig, self.h)`, in the function
itself or in a call it makes later) is ordered before every access of a run of the handler
method `h` of the same object (a reach whose entry is `h`). What the flow does after the
registration, or in a loop that also registers, still races the handler
(tests/corpus/il101_field_set_before_signal_handler_registered). Known limit: the order of the
flow's events is taken as written; a path that skips the registration (an early `return`) is not
noticed.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from interlock.models.program import SIGNAL_HOOKS, Branch, Event, EventKind, FunctionInfo, Loop, ProgramModel, Try

if TYPE_CHECKING:
    from interlock.checker.analysis import Access


class SignalOrder:
    def __init__(self, model: ProgramModel):
        self.model = model
        self._registers: dict[str, frozenset[str]] = {}     # function -> handler methods it registers
        self._handlers = frozenset(name for fn in model.functions.values() for name in _registered(fn))

    def apart(self, a: Access, b: Access) -> bool:
        """One of the two accesses is made before the flow registers the handler the other runs in."""
        return self._before_handler(a, b) or self._before_handler(b, a)

    def _before_handler(self, a: Access, b: Access) -> bool:
        name = self._handler_entry(b)
        return name is not None and a.reach.cls == b.reach.cls and self._precedes_registration(a, name)

    def _handler_entry(self, b: Access) -> str | None:
        """The name of the method `b`'s reach starts at, when code of the object registers that
        method (as dispatched on the reach's class) as a signal handler."""
        entry = b.reach.caller(self.model, 0) if b.reach.chain else b.function
        cls = self.model.classes.get(b.reach.cls or "")
        if entry is None or cls is None or entry.name not in self._handlers \
                or cls.methods.get(entry.name) != entry.qualname:
            return None
        return entry.name

    def _precedes_registration(self, a: Access, name: str) -> bool:
        """Some function on `a`'s call chain makes the step towards `a` and later, outside any loop
        around both, a registration of `name` (directly or in a call)."""
        chain = a.reach.chain
        for i in range(len(chain) + 1):
            fn = a.reach.caller(self.model, i) if i < len(chain) else a.function
            if fn is not None and self._registers_after(fn, chain[i] if i < len(chain) else a.event, name):
                return True
        return False

    def _registers_after(self, fn: FunctionInfo, step: Event, name: str) -> bool:
        flat = _ordered(fn.body)
        at = next((k for k, (ev, _) in enumerate(flat) if ev is step), None)
        if at is None:
            return False
        loops = set(flat[at][1])
        return any(not loops & set(around) and self._registers_in(ev, name) for ev, around in flat[at + 1:])

    def _registers_in(self, ev: Event, name: str) -> bool:
        """`ev` registers `self.<name>`, or calls a function that does."""
        if ev.kind is not EventKind.CALL:
            return False
        return _registration(ev) == name or (ev.resolved is not None and name in self._reaches(ev.resolved, set()))

    def _reaches(self, q: str, active: set[str]) -> frozenset[str]:
        """The handler methods the function `q` registers, itself or through the calls it makes."""
        if q in self._registers:
            return self._registers[q]
        fn = self.model.functions.get(q)
        if fn is None or q in active:
            return frozenset()
        active.add(q)
        out = set(_registered(fn))
        for ev in fn.events():
            if ev.kind is EventKind.CALL and ev.resolved:
                out |= self._reaches(ev.resolved, active)
        active.discard(q)
        self._registers[q] = frozenset(out)
        return self._registers[q]


def _registered(fn: FunctionInfo) -> list[str]:
    return [name for ev in fn.events() if ev.kind is EventKind.CALL and (name := _registration(ev))]


def _registration(ev: Event) -> str | None:
    """`h` for `signal.signal(sig, self.h)` / `loop.add_signal_handler(sig, self.h)`, else None."""
    callee = ev.callee or ""
    if callee not in SIGNAL_HOOKS and callee.rsplit(".", 1)[-1] not in SIGNAL_HOOKS:
        return None
    handler = ev.args[1].strip() if len(ev.args) > 1 else ""
    head, _, name = handler.partition(".")
    return name if head == "self" and name.isidentifier() else None


def _ordered(nodes, loops: tuple = (), out: list | None = None) -> list[tuple[Event, tuple]]:
    """The events of a body in source order, each with the ids of the loops around it."""
    out = [] if out is None else out
    for n in nodes:
        if isinstance(n, Event):
            out.append((n, loops))
        elif isinstance(n, Branch):
            out.append((n.cond, loops))
            _ordered(n.then, loops, out)
            _ordered(n.orelse, loops, out)
        elif isinstance(n, Loop):
            out.append((n.header, loops + (id(n),)))
            _ordered(n.body, loops + (id(n),), out)
            _ordered(n.orelse, loops, out)
        elif isinstance(n, Try):
            _ordered(n.body, loops, out)
            for h in n.handlers:
                _ordered(h.body, loops, out)
            _ordered(n.orelse, loops, out)
            _ordered(n.final, loops, out)
    return out
