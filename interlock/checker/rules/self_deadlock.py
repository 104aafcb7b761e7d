"""IL302 self-deadlock: a non-reentrant lock is acquired again by the code that already holds it.

What it finds
-------------
A `threading.Lock` (or `asyncio.Lock`, `multiprocessing.Lock`, a Condition built on a Lock) that
a context acquires while it already holds the same lock on the same object: a nested `with` in
one function, or, more often, a method that takes the lock and calls a helper or another public
method of the same object that takes it again. The path is followed through any depth of calls.
A handler installed with `signal.signal` that takes a `threading.Lock` which the installing
thread's code also takes counts too: Python runs the handler in that thread between two
bytecodes, so it can interrupt the code that holds the lock.

Why it matters
--------------
`Lock` is not reentrant: the second `acquire()` waits for a release that can never come, so the
thread hangs on the first call of that path, holding the lock, and every other context that
needs the lock hangs behind it.

Example
-------
    def skip(self):
        with self._lock:
            self.set_index(self.index + 1)   # set_index also does `with self._lock:` -> hangs
    # fixed: call an unlocked helper `self._set_index_locked(...)`, or make the lock an RLock

Fix
---
Split the method into a public locking wrapper and a private `_locked` helper that assumes the
lock is held, and call the helper from inside the critical section; or use `threading.RLock`
if re-entry is intended.

Known limits
------------
Instances are tracked through `self` and attribute receivers (`self.queue.add()`); a call on a
local variable or parameter is assumed to be another object and is not reported. Paths that
pass through callbacks or dynamic dispatch outside the model are not followed. Semaphores are
not checked (their count is unknown). Code reached only when `lock.acquire(False)` (or with a
timeout) succeeded is not followed with that lock held: the try shows the thread does not hold it,
the idiom that guards re-entry (tests/corpus/il302_try_acquire_guards_reentry).
"""
from __future__ import annotations

from typing import Iterator

from interlock.checker.analysis import Reach, index, reachable_functions
from interlock.checker.callgraph import (
    acquisition_site, chain_steps, describe, frames, receiver, short_lock, step, where,
)
from interlock.checker.context import RuleContext
from interlock.checker.registry import RuleInfo
from interlock.models.finding import Finding
from interlock.models.program import AttrKind, ContextKind, EventKind, FunctionInfo, ProgramModel

RULE = RuleInfo(
    code="IL302", name="self-deadlock", severity="critical", dimension="Player Thread Safety",
    summary="A non-reentrant lock is acquired again by the context that already holds it.",
    fix="Call a private helper that assumes the lock is held, or use threading.RLock when re-entry is intended.",
)
NON_REENTRANT = frozenset({AttrKind.LOCK, AttrKind.MP_LOCK, AttrKind.ASYNC_LOCK, AttrKind.ASYNC_CONDITION})


def check(model: ProgramModel, ctx: RuleContext) -> Iterator[Finding]:
    idx = index(ctx)
    seen: set[tuple] = set()
    for r in idx.reaches:
        ev = r.event
        if ev.kind is not EventKind.ACQUIRE or not ev.target or ev.op == "try":
            continue
        sym = idx.lock_symbol(r.cls, r.function, ev.target)
        if sym is None or sym not in r.locks or idx.lock_kind(sym) not in NON_REENTRANT:
            continue
        site = acquisition_site(model, r, sym)
        if site is None:
            continue
        depth = _frame_index(model, r, site[0])
        if not _same_instance(r, depth, site[1].target or "", ev.target, model, site[0].cls):
            continue
        key = (site[0].qualname, site[1].loc.line, ev.loc.path, ev.loc.line, sym)
        if key not in seen:
            seen.add(key)
            yield _finding(model, ctx, r, sym, site, depth)
    yield from _signal_reentry(model, ctx, idx)


def _signal_reentry(model: ProgramModel, ctx: RuleContext, idx) -> Iterator[Finding]:
    """`signal.signal(SIGUSR1, self._dump)` where `_dump` takes a `threading.Lock` that code of
    the thread that installed the handler also takes: Python runs the handler in the main thread,
    between two bytecodes of whatever it is doing, so a signal that arrives while that code holds
    the lock makes the handler wait for its own thread (tests/corpus/il302_signal_handler_takes_lock_of_main_thread).
    The installing thread's code: the functions that call the installer (and the installer),
    and what they call. Termination handlers and `loop.add_signal_handler` (run by the loop
    between callbacks) are not contexts of this kind."""
    for c in model.contexts:
        if c.kind is not ContextKind.CALLBACK or not c.detail.startswith("signal(") or c.origin is None:
            continue
        installer = next((f for f in model.functions.values() if f.path == c.origin.path
                          and f.loc.line <= c.origin.line <= (f.loc.end_line or f.loc.line)
                          and any(e.loc.line == c.origin.line and e.kind is EventKind.SPAWN for e in f.events())), None)
        if installer is None:
            continue
        handler_code = reachable_functions(model, c.entries)
        taken: dict[str, tuple[FunctionInfo, object]] = {}
        for q in sorted(handler_code):
            fn = model.functions[q]
            for ev in fn.events():
                if ev.kind is EventKind.ACQUIRE and ev.target and ev.op != "try":
                    sym = idx.lock_symbol(fn.cls, fn, ev.target)
                    if sym is not None and idx.lock_kind(sym) in (AttrKind.LOCK, AttrKind.MP_LOCK):
                        taken.setdefault(sym, (fn, ev))
        if not taken:
            continue
        callers = {f.qualname for f in model.functions.values()
                   if any(e.kind is EventKind.CALL and e.resolved == installer.qualname for e in f.events())}
        main_code = reachable_functions(model, sorted(callers | {installer.qualname})) - handler_code
        for sym, (hfn, hev) in sorted(taken.items(), key=lambda kv: kv[0]):
            other = next(((f, e) for q in sorted(main_code) for f in (model.functions[q],) for e in f.events()
                          if e.kind is EventKind.ACQUIRE and e.target and idx.lock_symbol(f.cls, f, e.target) == sym), None)
            if other is not None:
                yield _signal_finding(ctx, c, installer, (hfn, hev), other, sym)


def _signal_finding(ctx: RuleContext, c, installer: FunctionInfo, handler, other, sym: str) -> Finding:
    hfn, hev = handler
    ofn, oev = other
    lock = short_lock(sym)
    main = f"main thread ({describe(installer)})"
    trace = (step(main, oev.loc, f"acquires {lock} in {describe(ofn)}"),
             step(c.name, hev.loc, f"signal handler interrupts the main thread and acquires {lock} in "
                                   f"{describe(hfn)}: blocks forever"))
    return Finding(
        code=RULE.code, rule=RULE.name, severity=RULE.severity, dimension=ctx.dimension(RULE.dimension),
        title=f"Self-deadlock on {lock}: signal handler {describe(hfn)}",
        message=f"The signal handler `{c.name}` acquires `{lock}`, which the thread that installed it (in "
                f"`{describe(installer)}`) also acquires in `{describe(ofn)}`; Python runs signal handlers in that "
                f"thread between two bytecodes, so a signal that arrives while `{lock}` is held there blocks forever.",
        location=where(hfn, hev.loc),
        related=(where(ofn, oev.loc, f"{lock} held here by the main thread when the signal arrives"),),
        symbols=(lock,), contexts=(c.name, main), trace=trace,
        trigger=f"The signal arrives while the main thread is inside `{describe(ofn)}` holding `{lock}`.",
        evidence=ctx.snippet(hev.loc.path, hev.loc.line) + "\n\n" + ctx.snippet(oev.loc.path, oev.loc.line),
        impact="The process hangs in the signal handler; the main thread never resumes.",
        fix=f"Only set a flag or an Event in the handler and do the work under `{lock}` from the main loop, "
            f"or make `{lock}` a `threading.RLock`.",
    )


def _frame_index(model: ProgramModel, r: Reach, fn: FunctionInfo) -> int:
    fs = frames(model, r)
    return next((i for i, f in enumerate(fs) if f.qualname == fn.qualname), len(fs) - 1)


def _same_instance(r: Reach, depth: int, outer_path: str, inner_path: str, model: ProgramModel | None = None,
                   cls: str | None = None) -> bool:
    """Translate the inner lock path back through the calls to the outer frame's terms."""
    path = inner_path
    for call in reversed(r.chain[depth:]):
        if not path.startswith(("self.", "cls.")):
            break                              # a module global: the same object everywhere
        rec = receiver(call.callee)
        if rec is None:
            return False                       # plain function: `self` is not passed along
        if rec in ("self", "cls") or rec.startswith("super("):
            continue
        if not rec.startswith(("self.", "cls.")):
            return False                       # method of a local/parameter: another object
        path = rec + path[path.index("."):]
    if model is not None:
        path = _lent_lock(model, cls, path)
    inner = receiver(path)
    if model is not None and inner:
        inner = _back_to_owner(model, cls, inner)
    return inner == receiver(outer_path)     # same object (a Condition and its lock share it)


def _lent_lock(model: ProgramModel, cls: str | None, path: str) -> str:
    """`self.stats._lock` is `self._lock` when the field `stats` holds an object whose `_lock` is
    the lock of the class that built it, handed to its constructor (`self.stats =
    CacheStats(self._lock)`: AttributeInfo.same_lock; tests/corpus/il302_lock_lent_to_a_helper_object)."""
    parts = path.split(".")
    if len(parts) < 3 or cls is None:
        return path
    owners: list[str | None] = [cls]
    for name in parts[1:-1]:
        held = model.attribute(owners[-1], name) if owners[-1] else None
        child = model.classes.get(held.type_name or "") if held is not None else None
        owners.append(child.qualname if child is not None else None)
    parent, child = owners[-2], owners[-1]
    lock = model.attribute(child, parts[-1]) if child else None
    if parent is None or lock is None or not lock.same_lock:
        return path
    owner, _, attr = lock.same_lock.rpartition(".")
    info = model.classes.get(parent)
    if owner == parent or (info is not None and owner in info.ancestors):
        return ".".join(parts[:-2] + [attr])
    return path


def _back_to_owner(model: ProgramModel, cls: str | None, path: str) -> str:
    """`self.playlist.owner` is `self` when `self.playlist = Playlist(self)` is built once and
    `Playlist` keeps that argument in `owner` for good (the linker's `back_refs`): a child
    calling back into its parent (tests/corpus/il302_child_calls_back_into_parent)."""
    parts = path.split(".")
    i = 1
    while cls and i + 1 < len(parts):
        held = model.attribute(cls, parts[i])
        if held is not None and parts[i + 1] in held.back_refs:
            del parts[i:i + 2]                 # x.field.back -> x
            continue
        child = model.classes.get(held.type_name or "") if held is not None else None
        cls = child.qualname if child is not None else None
        i += 1
    return ".".join(parts)


def _finding(model: ProgramModel, ctx: RuleContext, r: Reach, sym: str, site, depth: int) -> Finding:
    outer_fn, outer_ev = site
    lock = short_lock(sym)
    fs = frames(model, r)
    direct = depth >= len(r.chain)
    loc_fn, loc_ev = (r.function, r.event) if direct else (fs[depth], r.chain[depth])
    name = r.context.name
    trace = [step(name, outer_ev.loc, f"acquires {lock} in {describe(outer_fn)}")]
    trace += chain_steps(model, r, depth)
    trace.append(step(name, r.event.loc, f"acquires {lock} again in {describe(r.function)}: blocks forever"))
    inner = describe(r.function)
    how = "again in the same function" if direct else f"through `{describe(loc_fn)}` -> ... -> `{inner}`"
    return Finding(
        code=RULE.code, rule=RULE.name, severity=RULE.severity, dimension=ctx.dimension(RULE.dimension),
        title=f"Self-deadlock on {lock} in {describe(loc_fn)}",
        message=f"`{name}` holds `{lock}` (taken in `{describe(outer_fn)}`) and acquires it {how}; the lock is "
                f"not reentrant, so `{name}` blocks forever and every other context waiting for `{lock}` hangs.",
        location=where(loc_fn, loc_ev.loc),
        related=(where(outer_fn, outer_ev.loc, f"{lock} first acquired here"),
                 where(r.function, r.event.loc, f"{lock} acquired again here ({inner})")),
        symbols=(lock,), contexts=(name,), trace=tuple(trace),
        trigger=f"Any call of `{describe(fs[0])}` in `{name}` that reaches `{describe(loc_fn)}` at line {loc_ev.loc.line}.",
        evidence=ctx.snippet(outer_ev.loc.path, outer_ev.loc.line, loc_ev.loc.line if outer_ev.loc.path == loc_ev.loc.path
                             and loc_ev.loc.line - outer_ev.loc.line <= 12 else None)
        + ("" if direct else "\n\n" + ctx.snippet(r.event.loc.path, r.event.loc.line)),
        impact=f"The thread running `{name}` hangs inside `{describe(loc_fn)}` holding `{lock}`; every later "
               f"caller that needs `{lock}` hangs too.",
        fix=f"Move the body of `{inner}` into a private helper that assumes `{lock}` is held and call that from "
            f"`{describe(loc_fn)}`, or make `{lock}` a `threading.RLock` if re-entry is intended.",
    )
