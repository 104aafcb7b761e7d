"""Objects a function builds and works on before anyone else can see them (RacerD's ownership of
fresh allocations).

`code = StatusCode(kind); code.decode(buf)`: `decode` writes `self.value` of an object only this
run of the function holds, as long as nothing has handed `code` out before the call (passed it,
stored it, captured it in a closure). Such accesses are no shared state, whatever the class
(tests/corpus/il101_configures_its_own_local).
"""
from __future__ import annotations

import re

from interlock.models.program import Event, EventKind, FunctionInfo, ProgramModel

#: event kinds through which a local's object may reach other code: passed, stored, returned
_HANDING = frozenset({EventKind.CALL, EventKind.BLOCKING, EventKind.SPAWN, EventKind.WRITE, EventKind.MUTATE,
                      EventKind.RETURN})


def on_fresh_local(model: ProgramModel, reach) -> bool:
    """The access `reach` is on `self` of an object that a caller up the chain built in a local
    (`x = Cls(...)`) and had not handed out when it called `x.method(...)`; the calls between
    that one and the access all stay on `self`."""
    target = reach.event.target or ""
    if target.count(".") != 1 or not target.startswith("self.") or _on_class(model, reach.cls, target):
        return False
    for i in range(len(reach.chain) - 1, -1, -1):
        call = reach.chain[i]
        head, _, method = (call.callee or "").partition(".")
        if head in ("self", "cls") and "." not in method:
            continue                          # the same object, one call further out
        caller = reach.caller(model, i) if method and "." not in method else None
        return caller is not None and head in caller.built and not _hands_out_self(model, caller.built[head]) \
            and not _handed_out(caller, head, call)
    return False


def _on_class(model: ProgramModel, cls: str | None, target: str) -> bool:
    """`self.headers` names an object bound only in the class body (`headers: dict = {}`): every
    instance, fresh or not, reaches that one object (tests/corpus/il202_class_level_default_dict)."""
    resolved = model.resolve(cls, target)
    info = model.attribute(*resolved) if resolved is not None else None
    return info is not None and info.on_class


def _hands_out_self(model: ProgramModel, cls: str) -> bool:
    """A class whose methods hand out `self` (a thread on `self.run`, `registry.add(self)`): its
    object is not the builder's alone (tests/corpus/il101_configures_its_own_local)."""
    from interlock.checker.rules._ownership import hands_out_self     # local: it imports the analysis

    return hands_out_self(model, cls)


def _handed_out(fn: FunctionInfo, name: str, call: Event) -> bool:
    """`name` may escape `fn` before `call`; when the call repeats in a loop and the object is
    not built anew in it, anywhere in `fn`."""
    word = re.compile(rf"(?<![\w.]){re.escape(name)}\b")
    events = list(fn.events())
    at = next((i for i, ev in enumerate(events) if ev is call), len(events))
    reused = call.repeated and not any(ev.repeated and _builds(ev, fn.built[name]) for ev in events[:at])
    return any(ev.kind in _HANDING and _mentions(ev, name, word) for ev in (events if reused else events[:at]))


def _builds(ev: Event, cls: str) -> bool:
    return ev.kind is EventKind.CALL and (ev.resolved or "").rpartition(".")[0] == cls


def _mentions(ev: Event, name: str, word: re.Pattern) -> bool:
    """`ev` hands on the object, a bound method or a field of it (`f(x)`, `Thread(target=x.run)`,
    `self.items.append(x)`, `return x`); calling its methods and setting its fields do not."""
    if ev.kind is EventKind.WRITE and ev.target == name:
        return False                          # its own binding
    texts = (*ev.args, ev.value or "", *ev.free)
    return any(word.search(t) for t in texts if t)
