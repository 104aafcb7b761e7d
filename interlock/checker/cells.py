"""Closure cells one run keeps to itself (extractor/cells.py names the cells).

A cell is made by each call of the function that defines it. When the closure that reaches it
in a walk was made in the same run and did not leave it — the defining function calls its nested
function itself, or a caller calls the closure a factory just returned to a local, directly or
through helpers it hands the closure to as an argument — the cell is that run's own, like a
local: runs of the same context each have theirs (tests/corpus/il103_closure_tally_passed_to_jobs,
`preview`). A closure that is a thread or pool target, a route handler, or leaves the run (spawned
with, returned, stored) shares its cell with whatever else holds it.
"""
from __future__ import annotations

import re

from interlock.models.arguments import bind_params
from interlock.models.program import LOCALS, EventKind, FunctionInfo, ProgramModel, functions_inside

#: events by which a closure named in them leaves the run that made it
_LEAVING = frozenset({EventKind.SPAWN, EventKind.RETURN, EventKind.WRITE, EventKind.MUTATE})


def cell_owner(owner: str, attr: str) -> str | None:
    """The qualname of the function that defines the cell `attr` of module `owner`, else None."""
    if LOCALS not in attr:
        return None
    defining = attr.rsplit(LOCALS, 1)[0]
    return f"{owner}.{defining}" if owner else defining


def private_cell(model: ProgramModel, reach, defining: str, memo: dict) -> bool:
    """The cell of `defining` reached by `reach` belongs to the run that reaches it (`memo`: a
    dict the caller keeps for one model)."""
    chain = reach.chain
    k = next((k for k, ev in enumerate(chain) if (ev.resolved or "").startswith(defining + ".")), None)
    if k is None:
        return False             # the walk starts in the closure: a thread/pool target, a handler
    name = chain[k].callee or ""
    while True:
        frame = model.functions.get(chain[k - 1].resolved or "") if k else _entry_of(model, reach)
        if frame is None:
            return False
        if frame.qualname == defining:
            return not any(_escapes(model, frame, f.name, memo) for f in _children(model, defining))
        if name in frame.made:
            return not _escapes(model, frame, name, memo)
        if k == 0 or name not in frame.params:
            return False         # handed in by whoever started the context, or not known
        params = list(frame.params[1:] if frame.cls and not frame.is_static else frame.params)
        name = (bind_params(params, chain[k - 1].args, partial=True) or {}).get(name, "")
        if not name.isidentifier():
            return False
        k -= 1                   # handed down by the caller: where did it get it?


def _entry_of(model: ProgramModel, reach) -> FunctionInfo | None:
    first = reach.chain[0]
    for q in reach.context.entries:
        fn = model.functions.get(q)
        if fn is not None and any(ev is first for ev in fn.events()):
            return fn
    return None


def _children(model: ProgramModel, qualname: str) -> list[FunctionInfo]:
    return functions_inside(model, qualname, direct=True)


def _escapes(model: ProgramModel, fn: FunctionInfo, name: str, memo: dict) -> bool:
    key = (fn.qualname, name)
    if key not in memo:
        memo[key] = _leaves(model, fn, name)
    return memo[key]


def _leaves(model: ProgramModel, fn: FunctionInfo, name: str) -> bool:
    """The closure `name` leaves `fn`'s run: spawned or handed to a spawn, returned or stored, by
    `fn` or a function nested in it. An argument of a plain call stays in the run (`private_cell`
    follows it down)."""
    word = re.compile(rf"(?<![\w.]){re.escape(name)}(?![\w(])")      # named, not called
    prefix = fn.qualname + "."
    return any(ev.kind in _LEAVING and any(word.search(t) for t in _texts(ev))
               for q, f in model.functions.items() if q == fn.qualname or q.startswith(prefix) for ev in f.events())


def _texts(ev) -> tuple[str, ...]:
    return (*ev.args, ev.value or "", ev.spawn.target if ev.spawn is not None else "")


def separate_runs(model: ProgramModel, a, b, defining: str) -> bool:
    """Two runs of one context that `defining` starts on a closure of its own (`Thread(target=
    _run)`), once per run of `defining`: runs of it at once come from different runs of
    `defining`, each with its own cells (the closure a run starts in a loop shares them)."""
    ctx = a.context
    if ctx.name != b.context.name or len(ctx.entries) != 1 or not ctx.entries[0].startswith(defining + "."):
        return False
    fn = model.functions.get(defining)
    spawns = [ev.spawn for ev in fn.events() if ev.kind is EventKind.SPAWN and ev.spawn is not None
              and ev.spawn.resolved == ctx.entries[0]] if fn is not None else []
    return len(spawns) == 1 and not spawns[0].many
