"""Objects a function builds and works on before anyone else can see them (RacerD's ownership of
fresh allocations).

`code = StatusCode(kind); code.decode(buf)`: `decode` writes `self.value` of an object only this
run of the function holds, as long as nothing has handed `code` out before the call (passed it,
stored it, captured it in a closure). Such accesses are no shared state, whatever the class
(tests/corpus/il101_configures_its_own_local).
"""
from __future__ import annotations

import re

from interlock.models.arguments import bind_params
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
            and not _handed_out(model, caller, head, call)
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


def _handed_out(model: ProgramModel, fn: FunctionInfo, name: str, call: Event) -> bool:
    """`name` may escape `fn` before `call`; when the call repeats in a loop and the object is
    not built anew in it, anywhere in `fn`."""
    word = re.compile(rf"(?<![\w.]){re.escape(name)}\b")
    events = list(fn.events())
    at = next((i for i, ev in enumerate(events) if ev is call), len(events))
    reused = call.repeated and not any(ev.repeated and _builds(ev, fn.built[name]) for ev in events[:at])
    return any(ev.kind in _HANDING and _mentions(ev, name, word) and not _lent(model, fn, ev)
               for ev in (events if reused else events[:at]))


def _lent(model: ProgramModel, fn: FunctionInfo, ev: Event) -> bool:
    """`fill(batch)` with `fill` a parameter of `fn`: the callback its caller passes runs now, on
    this thread, and gives the object back when it returns, unless a caller in scope passes one
    that keeps what it is given (stores it, passes it on). A caller out of scope (an entry's
    callback, `client.transaction(fill)`) is not followed (tests/corpus/il103_batch_lent_to_callback)."""
    param = ev.callee or ""
    if ev.kind is not EventKind.CALL or ev.resolved or param not in fn.params[1 if fn.cls else 0:]:
        return False
    for caller in model.functions.values():
        for site in caller.events():
            if site.kind is EventKind.CALL and site.resolved == fn.qualname:
                bound = bind_params(list(fn.params), _with_receiver(fn, site.args))
                passed = bound.get(param) if bound is not None else "?"
                callback = _callback(model, caller, passed) if passed else None
                if passed and (callback is None or _keeps_a_param(callback)):
                    return False
    return True


def _with_receiver(fn: FunctionInfo, args: tuple[str, ...]) -> list[str]:
    """A method call's arguments with its receiver in `self`'s place."""
    return ["self", *args] if fn.cls and fn.params[:1] == ("self",) else list(args)


def _callback(model: ProgramModel, caller: FunctionInfo, text: str) -> FunctionInfo | None:
    """The function a caller passes as `text`: its own method (`self.keep`) or a function of its
    module (`keep`); None for anything else (a lambda, another object's method)."""
    if text.startswith("self.") and text.count(".") == 1 and caller.cls:
        info = model.classes.get(caller.cls)
        return model.functions.get(info.methods.get(text[5:], "")) if info is not None else None
    return model.functions.get(f"{caller.module}.{text}") if text.isidentifier() else None


def _keeps_a_param(fn: FunctionInfo) -> bool:
    """`fn` may let one of its parameters out: stores it, passes it on or returns it."""
    words = [re.compile(rf"(?<![\w.]){re.escape(p)}\b") for p in fn.params if p not in ("self", "cls")]
    return any(ev.kind in _HANDING and _mentions(ev, "", word) for ev in fn.events() for word in words)


def _builds(ev: Event, cls: str) -> bool:
    return ev.kind is EventKind.CALL and (ev.resolved or "").rpartition(".")[0] == cls


def _mentions(ev: Event, name: str, word: re.Pattern) -> bool:
    """`ev` hands on the object, a bound method or a field of it (`f(x)`, `Thread(target=x.run)`,
    `self.items.append(x)`, `return x`); calling its methods and setting its fields do not."""
    if ev.kind is EventKind.WRITE and ev.target == name:
        return False                          # its own binding
    texts = (*ev.args, ev.value or "", *ev.free)
    return any(word.search(t) for t in texts if t)
