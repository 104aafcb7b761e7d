"""Objects a function gets as arguments, and whether the concurrent runs of it share one.

    async def attack(target: Fighter, dmg): hp = target.hp; await ...; target.hp = hp - dmg
    boss = Fighter(300)
    await asyncio.gather(attack(boss, 30), attack(boss, 40))     # both runs get `boss`

An access through a parameter typed with a class in scope (annotated, or typed by what its
callers pass: extractor/param_types.py) is an access to shared state when the object bound to it
is shared: the caller passes `self`, one of its fields, a module global, an object a getter handed
out (`fetched`), or one local object to several runs at once (two calls in one `gather`, a spawn
in a loop or over a generator, two spawn sites). A constructor call per run (`attack(Fighter(300))`),
a loop or comprehension variable, or a local rebuilt in the loop that spawns gives each run its own
object (tests/corpus/il403_shared_param_object_across_await). Along sync calls inside one run the
argument is followed back to the run's entry; a local of the run passed on is the run's own.
Parameters of entries nobody in scope spawns (public methods, request handlers) are not followed:
who calls them with what is unknown.
"""
from __future__ import annotations

import ast
import re
from typing import TYPE_CHECKING

from interlock.models.arguments import bind_params as _bind, parse_expr as _parse, spawn_args as _spawn_args
from interlock.checker.cells import private_cell
from interlock.models.program import LOCALS, Branch, Event, EventKind, FunctionInfo, Loop, ProgramModel, Try

if TYPE_CHECKING:
    from interlock.checker.analysis import Reach

SHARED, PARAM, LOCAL, NONE = "shared", "param", "local", "none"
_TASK_VIAS = frozenset({"create_task", "ensure_future", "gather", "start_soon"})


class SharedArgs:
    def __init__(self, model: ProgramModel):
        self.model = model
        self._sites: dict[str, list[tuple[FunctionInfo | None, tuple, Event]]] | None = None
        self._memo: dict[tuple[str, str], bool] = {}
        self._cells: dict = {}

    def shared(self, r: Reach, head: str) -> bool:
        """`head` (a parameter or typed local of `r.function`) names an object other runs hold."""
        fn = r.function
        if head in fn.fetched or head in fn.ordered:
            return True
        name = head
        for i in range(len(r.chain) - 1, -1, -1):
            if name not in fn.params:
                return False
            caller = r.caller(self.model, i)
            cell = _read_cell(caller, _argument(fn, r.chain[i].args, name) or "") if caller else None
            if cell is not None:
                # a closure's captured object (`lambda p: resize(stats, p)`): the one object of the
                # run that built it, unless that run made and used the closure itself (checker/cells.py)
                return not private_cell(self.model, r, cell.rsplit(LOCALS, 1)[0], self._cells)
            origin = _origin(self.model, caller, _argument(fn, r.chain[i].args, name)) if caller else NONE
            if origin != PARAM:
                return origin == SHARED
            fn, name = caller, _argument(fn, r.chain[i].args, name)
        return name in fn.params and self._spawned_shared(fn, name)

    def handed_before(self, fn: FunctionInfo, name: str, at: Event) -> bool:
        """`fn` started a run that holds its local `name` before `at` (or in a loop around both):
        passed as an argument, or a bound method of it as the target (`Thread(target=d.run)`)."""
        events = _events(fn.body)
        where = next((i for i, e in enumerate(events) if e is at), None)
        if where is None:
            return False
        word = re.compile(rf"(?<![\w.]){re.escape(name)}\b")
        for i, ev in enumerate(events):
            if ev.kind is not EventKind.SPAWN or ev.spawn is None or ev.awaited \
                    or ev.spawn.via.rsplit(".", 1)[-1] in _WAITED_VIAS:
                continue
            if not (ev.spawn.target.partition(".")[0] == name and "." in ev.spawn.target
                    or any(word.search(a.partition("=")[2] if "=" in a.partition("(")[0] else a) for a in ev.args)):
                continue
            if i < where or any(at in _events(loop.body) for loop in loops_around(fn.body, ev) or ()):
                return True
        return False

    def sources(self, r: Reach, name: str) -> list[tuple[FunctionInfo | None, str]]:
        """Where the object `name` (a local or parameter of `r.function`) comes from: (function, its
        local or argument source), following parameters back along the chain to the run's entry
        and on to every site that spawns it (None at module level); [] when a link is unknown."""
        fn = r.function
        for i in range(len(r.chain) - 1, -1, -1):
            if name not in fn.params:
                return [(fn, name)]
            caller = r.caller(self.model, i)
            arg = _argument(fn, r.chain[i].args, name)
            if caller is None or arg is None:
                return []
            fn, name = caller, arg
        if name not in fn.params:
            return [(fn, name)]
        return [(spawner, arg) for spawner, _, ev in self.sites().get(fn.qualname, ())
                for args, _ in self._runs_of(fn, ev) if (arg := _argument(fn, args, name)) is not None]

    def _spawned_shared(self, fn: FunctionInfo, name: str) -> bool:
        key = (fn.qualname, name)
        if key not in self._memo:
            self._memo[key] = self._spawn_shares(fn, name)
        return self._memo[key]

    def _spawn_shares(self, fn: FunctionInfo, name: str) -> bool:
        seen: dict[tuple[str, str], int] = {}
        for spawner, body, ev in self.sites().get(fn.qualname, ()):
            runs = self._runs_of(fn, ev)
            for args, per_run in runs:
                arg = _argument(fn, args, name)
                origin = _origin(self.model, spawner, arg)
                if origin == SHARED:
                    return True
                if origin not in (PARAM, LOCAL) or arg in per_run or _rebound_in_loop(body, ev, arg):
                    continue
                if origin == LOCAL and spawner is not None and _used_after(body, ev, arg):
                    return True
                key = (spawner.qualname if spawner else "", arg)
                seen[key] = seen.get(key, 0) + (2 if ev.spawn.many and len(runs) == 1 else 1)
        return any(n > 1 for n in seen.values())

    def _runs_of(self, fn: FunctionInfo, ev: Event) -> list[tuple[tuple[str, ...] | None, frozenset[str]]]:
        """`_runs(ev)` of a spawn of `fn`; a closure gets its captured parameters (FunctionInfo.captured)
        bound by the factory call the spawn names (`Thread(target=make_checker(reg))`: `reg=reg`)."""
        runs = _runs(ev)
        if not fn.captured:
            return runs
        call = _parse(ev.spawn.target)
        extra: list[str] = []
        for name, outer_q in fn.captured.items():
            outer = self.model.functions.get(outer_q)
            if outer is None or not isinstance(call, ast.Call) or ast.unparse(call.func).rpartition(".")[2] != outer.name \
                    or any(isinstance(a, ast.Starred) for a in call.args):
                continue
            args = tuple(ast.unparse(a) for a in call.args) + tuple(
                f"{k.arg}={ast.unparse(k.value)}" if k.arg else "**" for k in call.keywords)
            value = _argument(outer, args, name)
            if value is not None:
                extra.append(f"{name}={value}")
        return [(args + tuple(extra) if args is not None else None, per_run) for args, per_run in runs]

    def sites(self) -> dict[str, list[tuple[FunctionInfo | None, tuple, Event]]]:
        """Spawned function -> (spawning function or None at module level, its body, SPAWN event);
        one event per site (a `gather` of two calls of one function emits it once per call)."""
        if self._sites is None:
            self._sites = {}
            bodies = [(None, m.body) for m in self.model.modules.values()]
            bodies += [(f, f.body) for f in self.model.functions.values()]
            for owner, body in bodies:
                done: set[tuple] = set()
                for ev in _events(body):
                    if ev.kind is EventKind.SPAWN and ev.spawn is not None and ev.spawn.resolved:
                        key = (ev.loc.line, ev.loc.column, ev.spawn.resolved)
                        if key not in done:
                            done.add(key)
                            self._sites.setdefault(ev.spawn.resolved, []).append((owner, body, ev))
        return self._sites


def _events(body) -> list[Event]:
    from interlock.models.program import iter_events
    return list(iter_events(body))


def _argument(fn: FunctionInfo, args: tuple[str, ...] | None, name: str) -> str | None:
    """The argument source bound to parameter `name` of `fn` at a call with `args`."""
    if args is None:
        return None
    params = list(fn.params[1:] if fn.cls and not fn.is_static else fn.params)
    bound = _bind(params, args)
    return bound.get(name) if bound is not None else None


def _read_cell(caller: FunctionInfo, name: str) -> str | None:
    """The closure cell the free variable `name` of a nested `caller` reads, else None."""
    if not name.isidentifier():
        return None
    end = f"{LOCALS}{name}"
    return next((e.target for e in caller.events() if e.kind is EventKind.READ and e.target
                 and e.target.endswith(end)), None)


def _origin(model: ProgramModel, caller: FunctionInfo | None, arg: str | None) -> str:
    """Where the object `arg` (source, in `caller`; None: module level) comes from."""
    if not arg:
        return NONE
    head, dot, _ = arg.partition(".")
    if head == "self" and caller is not None and caller.cls:
        return SHARED
    if not head.isidentifier() or (dot and caller is not None and head in caller.params):
        return NONE
    if caller is None:
        return LOCAL if not dot else NONE          # a module global, passed from module level
    if head in caller.fetched or head in caller.ordered:
        return SHARED if not dot else NONE
    if dot:
        return NONE
    if head in caller.params:
        return PARAM
    if any(e.kind is EventKind.READ and e.target == f"{caller.module}.{head}" for e in caller.events()):
        return SHARED                               # a module global
    return LOCAL


def _runs(ev: Event) -> list[tuple[tuple[str, ...] | None, frozenset[str]]]:
    """The argument lists of the runs a spawn starts, each with the names bound per run
    (comprehension variables): `gather(f(a), f(b))` is two, `gather(*(f(a, x) for x in xs))` one."""
    spawn = ev.spawn
    if spawn.via.rsplit(".", 1)[-1] not in _TASK_VIAS or spawn.via.endswith("start_soon"):
        return [(_spawn_args(ev), frozenset())]
    out = []
    for a in ev.args:
        node = _parse(a.lstrip("*"))
        if node is None:
            continue
        per_run = frozenset(n.id for c in ast.walk(node) if isinstance(c, ast.comprehension)
                            for n in ast.walk(c.target) if isinstance(n, ast.Name))
        for c in ast.walk(node):
            if isinstance(c, ast.Call) and ast.unparse(c.func) == spawn.target:
                if any(isinstance(x, ast.Starred) for x in c.args):
                    out.append((None, per_run))
                    continue
                args = tuple(ast.unparse(x) for x in c.args) + tuple(
                    f"{k.arg}={ast.unparse(k.value)}" if k.arg else "**" for k in c.keywords)
                out.append((args, per_run))
    return out


#: spawns the spawner waits on before it goes on (`await asyncio.gather(f(x))`, `pool.map(f, xs)`)
_WAITED_VIAS = frozenset({"gather", "wait", "run", "run_until_complete", "map", "starmap", "imap",
                          "imap_unordered", "to_thread", "run_in_executor"})


def _used_after(body, ev: Event, name: str) -> bool:
    """The spawner goes on using the object `name` it handed to the run it started: in what follows
    the spawn in its body, or anywhere in a loop around it (the next round). Both then hold it, at
    the same time (tests/corpus/il202_main_thread_mutates_what_it_handed_to_a_thread). Not for a
    spawn the spawner waits on (`await gather(...)`, `pool.map`)."""
    if ev.awaited or ev.spawn.via.rsplit(".", 1)[-1] in _WAITED_VIAS:
        return False
    events = _events(body)
    try:
        i = next(k for k, e in enumerate(events) if e is ev)
    except StopIteration:
        return False
    later = events[i + 1:]
    for loop in loops_around(body, ev) or ():
        later += _events(loop.body)
    # not the spawn's own statement (`self._tasks[job.id] = create_task(self.run(job))`)
    lines = range(ev.loc.line, max(ev.loc.line, ev.loc.end_line) + 1)
    return any(e is not ev and e.loc.line not in lines and _uses(e, name) for e in later)


def _uses(e: Event, name: str) -> bool:
    if e.kind is EventKind.SPAWN:
        return False
    if e.receiver == name or (e.target or "").partition(".")[0] == name and "." in (e.target or ""):
        return True
    head, dot, _ = (e.callee or "").partition(".")
    return (head == name and bool(dot)) or name in e.args


def _rebound_in_loop(body, ev: Event, name: str) -> bool:
    """`name` is bound anew in a loop around the spawn (its target, or assigned in its body):
    each run started in that loop gets its own object."""
    for loop in loops_around(body, ev):
        targets = {n.id for n in ast.walk(_parse(loop.target) or ast.Constant(None)) if isinstance(n, ast.Name)}
        if name in targets or any(e.kind is EventKind.WRITE and e.target == name for e in _events(loop.body)):
            return True
    return False


def loops_around(nodes, ev: Event) -> list[Loop] | None:
    """The loops around `ev` in a body, outermost first (None when `ev` is not in it)."""
    for n in nodes:
        if isinstance(n, Event):
            if n is ev:
                return []
            continue
        if isinstance(n, Loop):
            parts = [n.body, n.orelse]
        elif isinstance(n, Branch):
            parts = [(n.cond,), n.then, n.orelse]
        elif isinstance(n, Try):
            parts = [n.body, *(h.body for h in n.handlers), n.orelse, n.final]
        else:
            continue
        for part in parts:
            inner = loops_around(part, ev)
            if inner is not None:
                return [n, *inner] if isinstance(n, Loop) else inner
    return None
