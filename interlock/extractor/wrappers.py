"""Spawn wrappers: project helpers that hand a parameter to a spawn primitive.

`def spawn_background_task(coro): return asyncio.create_task(coro)` or
`def run_in_thread(fn, *args): threading.Thread(target=fn, args=args).start()` make each call to
them a spawn of the argument, as if the primitive were written at the call site: the same kind and
`via`, the target resolved in the caller, many when the call (or the wrapper's own spawn) repeats.
A function that forwards its own parameter to a wrapper is a wrapper too, up to `MAX_LEVELS`.

A wrapper that does more than spawn (a registry's `start(cid, coro)` that cancels and awaits the
client's old task, then stores `create_task(coro)`) is still called: its body runs in the caller's
context, so the call stays, followed by the spawn
(tests/corpus/il403_replace_in_method_that_spawns_its_argument).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import libcst as cst

from interlock.extractor.imports import dotted
from interlock.extractor.index import flatten
from interlock.extractor.records import construct
from interlock.extractor.resolution import CallResolver
from interlock.extractor.tree import splice_events
from interlock.models.program import ContextKind, Event, EventKind, FunctionInfo, ModuleInfo, Spawn

MAX_LEVELS = 3
_KEYWORD = re.compile(r"^(\w+)=(?!=)")


@dataclass(frozen=True, slots=True)
class Wrapper:
    param: str                 # the parameter that reaches the spawn
    index: int | None          # its position at a call site (`self` skipped); None: keyword only
    kind: ContextKind
    via: str
    many: bool


def find_wrappers(functions: dict[str, FunctionInfo]) -> dict[str, Wrapper]:
    """Functions whose parameter is what a spawn (directly, or through another wrapper) runs."""
    found: dict[str, Wrapper] = {}
    for fn in functions.values():
        for ev in fn.events():
            spawn = ev.spawn
            if ev.kind is EventKind.SPAWN and spawn is not None and spawn.target in fn.params:
                found.setdefault(fn.qualname, _wrapper(fn, spawn.target, spawn.kind, spawn.via, spawn.many))
    for _ in range(MAX_LEVELS - 1):
        more = {}
        for fn in functions.values():
            if fn.qualname in found:
                continue
            for ev in fn.events():
                inner = found.get(ev.resolved or "") if ev.kind is EventKind.CALL else None
                arg = bound_argument(ev, inner) if inner is not None else None
                if arg is not None and arg in fn.params:
                    more[fn.qualname] = _wrapper(fn, arg, inner.kind, inner.via, inner.many or ev.repeated)
                    break
        if not more:
            break
        found.update(more)
    return found


def _wrapper(fn: FunctionInfo, param: str, kind: ContextKind, via: str, many: bool) -> Wrapper:
    positional = [p for p in fn.params if not p.startswith("*")]
    if fn.cls and not fn.is_static and positional:
        positional = positional[1:]             # `self`/`cls`, bound at the call site
    index = positional.index(param) if param in positional else None
    return Wrapper(param=param, index=index, kind=kind, via=via, many=many)


def bound_argument(ev: Event, wrapper: Wrapper) -> str | None:
    """The source of the argument a call passes for the wrapper's parameter."""
    positional = []
    for arg in ev.args:
        keyword = _KEYWORD.match(arg)
        if keyword is not None:
            if keyword.group(1) == wrapper.param:
                return arg[keyword.end():]
        elif arg.startswith("*"):
            return None                         # `*args` before it: position unknown
        else:
            positional.append(arg)
    if wrapper.index is not None and wrapper.index < len(positional):
        return positional[wrapper.index]
    return None


def spawn_through_wrappers(resolver: CallResolver, wrappers: dict[str, Wrapper],
                           functions: dict[str, FunctionInfo], modules: dict[str, ModuleInfo]):
    """Calls to a wrapper become SPAWN events of the argument (functions and module bodies)."""
    if not wrappers:
        return functions, modules

    def rewrite(fn: FunctionInfo | None, module: str):
        return lambda ev: _with_spawn(resolver, wrappers, functions, fn, module, ev)

    def has_call(body) -> bool:
        return any(ev.kind is EventKind.CALL and ev.resolved in wrappers for ev in flatten(body))

    functions = {q: f.model_copy(update={"body": splice_events(f.body, rewrite(f, f.module))}) if has_call(f.body) else f
                 for q, f in functions.items()}
    modules = {m: i.model_copy(update={"body": splice_events(i.body, rewrite(None, m))}) if has_call(i.body) else i
               for m, i in modules.items()}
    return functions, modules


def _with_spawn(resolver: CallResolver, wrappers: dict[str, Wrapper], functions: dict[str, FunctionInfo],
                fn: FunctionInfo | None, module: str, ev: Event) -> tuple[Event, ...]:
    """The spawn a wrapper call makes, after the call itself when the wrapper's body does more
    than hand its parameter on (`_does_more`)."""
    spawn = _as_spawn(resolver, wrappers, fn, module, ev)
    if spawn is ev:
        return (ev,)
    wrapper = functions.get(ev.resolved or "")
    if wrapper is not None and _does_more(wrapper, wrappers):
        return (ev, spawn)
    return (spawn,)


def _does_more(fn: FunctionInfo, wrappers: dict[str, Wrapper]) -> bool:
    """The wrapper reads or changes a field of its object or a global, not only its parameters and
    locals."""
    for ev in fn.events():
        head, dot, _ = (ev.target or "").partition(".")
        if ev.kind in _STATE and dot and (head in ("self", "cls") or head not in fn.params):
            return True
    return False


_STATE = frozenset({EventKind.WRITE, EventKind.MUTATE, EventKind.READ, EventKind.ITERATE})


def _as_spawn(resolver: CallResolver, wrappers: dict[str, Wrapper], fn: FunctionInfo | None,
              module: str, ev: Event) -> Event:
    wrapper = wrappers.get(ev.resolved or "") if ev.kind is EventKind.CALL else None
    arg = bound_argument(ev, wrapper) if wrapper is not None else None
    target = _target(arg, wrapper.kind) if arg is not None else None
    if target is None:
        return ev
    own_param = fn is not None and target in fn.params       # a wrapper forwarding its parameter
    resolved = None if own_param else resolver.resolve_spawn(fn, module, target)
    spawn = construct(Spawn, kind=wrapper.kind, via=wrapper.via, target=target, resolved=resolved,
                      many=wrapper.many or ev.repeated)
    return ev.model_copy(update={"kind": EventKind.SPAWN, "spawn": spawn})


def _target(arg: str, kind: ContextKind) -> str | None:
    """What runs: the function of a coroutine call for a task (`self._run()` -> `self._run`),
    the function reference itself otherwise."""
    try:
        expr = cst.parse_expression(arg)
    except cst.ParserSyntaxError:
        return None
    if kind is ContextKind.TASK:
        if not isinstance(expr, cst.Call):
            return arg if dotted(expr) is not None else None     # a coroutine object passed on
        expr = expr.func
    if dotted(expr) is not None:
        return dotted(expr)
    return arg if isinstance(expr, cst.Call) else None          # `functools.partial(f, ...)`
