"""Which executor a spawn site hands its job to, and whether that executor runs one job at a time.

`self._jobs.submit(self._apply, k)` on `self._jobs = ThreadPoolExecutor(max_workers=1)` (or
`ThreadPoolExecutor(1)`, or `max_workers=WORKERS` with `WORKERS = 1` a module constant): the
executor's one thread runs its jobs one after the other, actor style. Every context started
through it carries the executor's symbol as `Context.serial`, so no two of them are paired as
concurrent; they stay concurrent with everything else (the submitting thread, other executors).
Only executors held in a field or a module global count: a local one is a new executor per call.
Like locks, a field's executor is named by class: the jobs of two instances' executors are taken
not to overlap either (they normally touch their own instance's state).
"""
from __future__ import annotations

from interlock.models.program import (PROCESS_POOLS, AttrKind, AttributeInfo, ContextKind, Event, FunctionInfo,
                                      ProgramModel, on_process_pool)

#: spawn vias whose receiver is the executor (`ex.submit(f)`, `ex.map(f, xs)`)
_RECEIVER_VIAS = frozenset({"submit", "map", "apply", "apply_async"})


def serial_executor(model: ProgramModel, fn: FunctionInfo | None, ev: Event) -> str | None:
    """`owner.attr` of the single-worker executor the spawn `ev` (in `fn`, None at module level)
    submits to, else None."""
    path = _executor_path(ev)
    found = _resolve(model, fn, ev, path) if path else None
    if found is None:
        return None
    owner, attr, info = found
    if info.kind is not AttrKind.EXECUTOR or _workers(model, owner, info) != 1:
        return None
    return f"{owner}.{attr}"


def runs_in_child(model: ProgramModel, fn: FunctionInfo | None, ev: Event) -> bool:
    """The executor job `ev` starts runs in a child process: its executor is a process pool
    (`ProcessPoolExecutor`, `multiprocessing.Pool`), known where the job is handed over or from the
    field or global that holds it (a base class's `self._procs` too)
    (tests/corpus/il202_process_pool_job_has_its_own_copy)."""
    if ev.spawn is None or ev.spawn.kind is not ContextKind.EXECUTOR:
        return False
    if ev.spawn.pool is not None:
        return on_process_pool(ev.spawn)
    path = _executor_path(ev)
    found = _resolve(model, fn, ev, path) if path else None
    return found is not None and found[2].type_name in PROCESS_POOLS


def _executor_path(ev: Event) -> str | None:
    spawn = ev.spawn
    if spawn is None:
        return None
    if spawn.via in _RECEIVER_VIAS:
        head, dot, _ = (ev.callee or "").rpartition(".")
        return head if dot else None
    if spawn.via == "run_in_executor" and ev.args and "=" not in ev.args[0]:
        return ev.args[0] if ev.args[0] != "None" else None
    return None


def _resolve(model: ProgramModel, fn: FunctionInfo | None, ev: Event, path: str):
    """(owner, attr, info) of the field or global `path` names in `fn` (or at module level)."""
    module = fn.module if fn is not None else next(
        (m.name for m in model.modules.values() if m.path == ev.loc.path), None)
    if "." not in path:
        mod = model.modules.get(module or "")
        info = mod.globals.get(path) if mod is not None else None
        return (mod.name, path, info) if info is not None else None
    res = model.resolve(fn.cls if fn is not None else None, path)
    if res is None:
        return None
    owner, attr = res
    for cls in (model.classes[owner].ancestors or (owner,)) if owner in model.classes else (owner,):
        info = model.attribute(cls, attr)
        if info is not None:
            return cls, attr, info
    return None


def _workers(model: ProgramModel, owner: str, info: AttributeInfo) -> int | None:
    """The executor's worker count when its constructor call says it: a literal, or a module
    constant of the module that builds it."""
    text = (info.call_kwargs.get("max_workers") or "").strip()
    if not text.isdigit():
        module = model.classes[owner].module if owner in model.classes else owner
        mod = model.modules.get(module)
        const = mod.globals.get(text) if mod is not None and text.isidentifier() else None
        text = (const.value or "").strip() if const is not None and len(const.writes) == 1 else ""
    return int(text) if text.isdigit() else None
