"""Loop-marshalling decorators: methods whose every call hands their body to an event loop.

    def run_in_event_loop(func):
        @wraps(func)
        def wrapper(self, *args, **kwargs):
            self._loop.call_soon_threadsafe(partial(func, self, *args, **kwargs))
        return wrapper

    class LoopScheduler:
        @run_in_event_loop
        def wakeup(self):          # runs on the loop's thread, whoever calls it
            ...

A decorator whose returned inner wrapper never calls the decorated function but hands it (bare,
in a `partial(...)`, or in a lambda) to a loop's scheduling call (LOOP_HANDOVERS: asyncio's
`call_soon_threadsafe`, Tornado's `add_callback`, Twisted's `callFromThread`, any `..._threadsafe`)
marshals the function onto that loop: a caller on any thread only schedules it, and the body runs
later as a callback of the loop, one at a time with the loop's other callbacks. The walk does not
enter such a function from its callers (checker/analysis.py), and each one is a loop callback
context of its own (extractor/entrypoints.py), instead of a public entry that runs it in its
caller's thread (tests/corpus/il101_timer_marshalled_onto_the_loop). A decorator that also calls
the function itself (a retry, a timer) marshals nothing.
"""
from __future__ import annotations

import re

from interlock.models.program import EventKind, FunctionInfo, ProgramModel

#: scheduling calls that run their callable on the loop's own thread
LOOP_HANDOVERS = frozenset({
    "call_soon_threadsafe", "call_soon", "call_later", "call_at",            # asyncio
    "add_callback", "add_callback_from_signal", "spawn_callback", "add_timeout",   # tornado
    "callFromThread", "callLater",                                         # twisted
})

_CACHE: dict[int, tuple[ProgramModel, dict[str, tuple[str, str]]]] = {}   # last model only


def marshalled(model: ProgramModel) -> dict[str, tuple[str, str]]:
    """Function qualname -> (decorator qualname, the hand-over call it is scheduled with)."""
    hit = _CACHE.get(id(model))
    if hit is not None and hit[0] is model:
        return hit[1]
    decorators = marshalling_decorators(model.functions)
    out: dict[str, tuple[str, str]] = {}
    if decorators:
        for q, fn in model.functions.items():
            for d in fn.decorators:
                name = d.split("(", 1)[0]
                found = next((k for k in (name, f"{fn.module}.{name}") if k in decorators), None)
                if found is not None and found != q.rsplit(".", 1)[0]:
                    out[q] = (found, decorators[found])
                    break
    _CACHE.clear()
    _CACHE[id(model)] = (model, out)
    return out


def marshalling_decorators(functions: dict[str, FunctionInfo]) -> dict[str, str]:
    """Decorator qualname -> the hand-over call its wrapper schedules the decorated function with."""
    out: dict[str, str] = {}
    for q, inner in functions.items():
        outer = functions.get(q.rsplit(".", 1)[0]) if "." in q else None
        if outer is None or outer.cls or len(outer.params) != 1 or not inner.params:
            continue
        param = outer.params[0]
        if {ev.value for ev in outer.events() if ev.kind is EventKind.RETURN} != {inner.name}:
            continue
        via = _handover(inner, param)
        if via is not None:
            out[outer.qualname] = via
    return out


def _handover(inner: FunctionInfo, param: str) -> str | None:
    word = re.compile(rf"(?<![\w.]){re.escape(param)}\b")
    via = None
    for ev in inner.events():
        if ev.kind is EventKind.CALL and ev.callee == param:
            return None                       # it runs the function itself
        if ev.kind is EventKind.SPAWN and ev.spawn is not None:
            name = ev.spawn.via.rsplit(".", 1)[-1]
            texts = (ev.spawn.target or "", *ev.args)
        elif ev.kind is EventKind.CALL and ev.callee:
            name = ev.callee.rsplit(".", 1)[-1]
            texts = ev.args
        else:
            continue
        if (name in LOOP_HANDOVERS or name.endswith("_threadsafe")) and any(word.search(t) for t in texts if t):
            via = via or name
    return via
