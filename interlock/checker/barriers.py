"""Happens-before at a barrier: code a function runs after it has waited for every job it started.

    with ThreadPoolExecutor(max_workers=4) as pool:     # the block's exit is shutdown(wait=True)
        for path in self.paths:
            pool.submit(self._measure, path)
    return sum(self.sizes.values())                      # every _measure has ended

A job context (an executor job or an asyncio task) whose every spawn site is in one function `F`
is over, for this run of `F`, once `F` has passed a barrier that waits for each of those spawns.
An access that `F` makes after that (itself, or in a function it calls from there) does not
overlap the jobs. The barriers, each waiting only for what it names:

- the exit of `with <executor>(...) as pool:` for what the block submits to `pool`, of
  `async with asyncio.TaskGroup() as tg:` (anyio's task group, trio's nursery) for `tg.create_task`;
- `pool.shutdown()` / `shutdown(wait=True)` for what went to that executor before it; also, for
  an executor a constructor keeps in a field (`self._pool`, never bound anew), `self._pool.shutdown()`
  in a method of the class for every job of that object's pool: a `close()` that shuts it down and
  then reads what the jobs wrote (tests/corpus/il101_field_executor_shut_down_before_close);
- for a future or task the spawn's result is stored in (`fut = pool.submit(...)`, a list or dict
  of them built by a comprehension, `append` or `futures[f] = x`): `fut.result()`, `await t`,
  `for f in futures: f.result()`, `[f.result() for f in futures]`, `for f in as_completed(futures):`,
  `concurrent.futures.wait(futures)`, `await asyncio.wait(tasks)`, `await asyncio.gather(*tasks)`;
- the spawn itself awaited or waited on (`await asyncio.to_thread(job)`, `pool.submit(job).result()`,
  `await asyncio.gather(*(job(x) for x in xs))`), and a `pool.map(...)` walked to its end
  (`list(pool.map(job, xs))`, `for r in pool.map(...)`).

A point is ordered with the jobs when no path of the function's control flow (checker/flow.py)
leads from a spawn to it without passing a barrier for that spawn (so a point before the first
spawn, which the spawn publishes to the job, is ordered too): a `break` out of an `as_completed` loop, a
`shutdown(wait=False)`, a wait with a timeout, an exception caught around a `gather`, or a
second `submit` after the wait leaves the jobs running. A long-lived pool (`self._pool`) that
is neither shut down nor waited on orders nothing. Another run of `F` has jobs of its own: the
accessing context must not run `F` twice at once (the open-world owner's calls excepted, as for
threads it starts and joins, rules/_publication.py), and no other context may reach the spawns
(tests/corpus/il202_sum_after_pool_block and its siblings).
"""
from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from interlock.checker.callgraph import frames
from interlock.checker.context import source_lines, source_tree
from interlock.checker.flow import Flow, done, function_node
from interlock.models.program import Context, ContextKind, Event, FunctionInfo

if TYPE_CHECKING:
    from interlock.checker.analysis import Access, ConcurrencyIndex

#: executors whose `with` exit is `shutdown(wait=True)`
WAITING_EXECUTORS = frozenset({"concurrent.futures.ThreadPoolExecutor", "concurrent.futures.ProcessPoolExecutor"})
_WAITING_THREAD_POOLS = frozenset({"concurrent.futures.ThreadPoolExecutor", "concurrent.futures.thread.ThreadPoolExecutor"})
_EXECUTOR_NAMES = frozenset(name.rsplit(".", 1)[-1] for name in WAITING_EXECUTORS)
#: task groups whose `async with` exit waits for every task started on them
_TASK_GROUPS = frozenset({"TaskGroup", "create_task_group", "open_nursery"})
_GROUP_SPAWNS = frozenset({"create_task", "start_soon"})
#: calls that walk a whole iterable before they return (`any`/`all` may stop early)
CONSUMERS = frozenset({"list", "tuple", "set", "frozenset", "sorted", "sum", "min", "max", "dict"})
_RESULTS = frozenset({"result", "exception"})
_ADDERS = frozenset({"append", "add", "extend", "insert", "appendleft"})
_JOBS = (ContextKind.EXECUTOR, ContextKind.TASK)
#: a spawn on an executor kept in a field of `self`: `self._pool.submit`
_SELF_POOL = re.compile(r"^self\.(\w+)\.(?:submit|map)$")


class Barriers:
    """The barrier analysis of one concurrency index: spawners, parsed functions and answers are
    kept for the index's lifetime (built once per component, like SpawnOrder)."""

    def __init__(self, idx: ConcurrencyIndex, sites: dict[str, list[tuple[FunctionInfo, Event]]]):
        self.idx = idx
        self.sites = sites
        self._spawners: dict[str, tuple[FunctionInfo, list[Event]] | None] = {}
        self._flows: dict[str, Flow | None] = {}
        self._joined: dict[tuple, bool] = {}
        self._site_contexts: dict[int, set[str]] | None = None

    def after_jobs(self, a: Access, b: Access) -> bool:
        """`a` runs after every job of `b`'s context has ended (see the module docstring)."""
        return self._after_local_jobs(a, b) or self._after_field_shutdown(a, b)

    def _after_local_jobs(self, a: Access, b: Access) -> bool:
        spawner = self._spawner(b.context)
        if spawner is None:
            return False
        fn, sites = spawner
        boundary = _boundary(self.idx, a, fn)
        if boundary is None or self._overlaps_itself(a, sites):
            return False
        key = (fn.qualname, id(boundary))
        hit = self._joined.get(key)
        if hit is None:
            hit = self._after_all(fn, sites, boundary)
            self._joined[key] = hit
        return hit

    def _after_field_shutdown(self, a: Access, b: Access) -> bool:
        """`b` runs in a job of an executor that an object keeps in a field set only by its
        constructor (every spawn of the context is `self.<field>.submit(...)`/`map` in a method of
        its class), and `a` is an access to a field of that object that a method of the class makes
        (itself or through `self.` calls) after it called `self.<field>.shutdown()` (waiting) on
        every path: the shutdown waited for every job submitted before, and the executor takes
        no job after it (tests/corpus/il101_field_executor_shut_down_before_close)."""
        pooled = self._field_pool(b.context)
        if pooled is None:
            return False
        field, declared = pooled
        model = self.idx.model
        fs = frames(model, a.reach)
        for i, f in enumerate(fs):
            cls = model.classes.get(f.cls or "")
            info = cls.attributes.get(field) if cls is not None else None
            if info is None or info.declared_in != declared:
                continue
            if not _on_self(model, a, fs, i, cls):
                return False
            boundary = a.reach.chain[i] if i < len(a.reach.chain) else a.event
            key = ("shutdown", f.qualname, field, id(boundary))
            hit = self._joined.get(key)
            if hit is None:
                hit = self._joined[key] = self._after_shutdown(f, field, boundary)
            return hit
        return False

    def _field_pool(self, ctx: Context) -> tuple[str, str] | None:
        """(field, declaring class) of the constructor-set executor every job of `ctx` goes to."""
        key = ("field-pool", ctx.name)
        if key in self._spawners:
            return self._spawners[key]
        out = None
        if ctx.kind is ContextKind.EXECUTOR and ctx.entries and all(self.sites.get(e) for e in ctx.entries):
            found = set()
            for fn, ev in (s for e in ctx.entries for s in self.sites[e]):
                m = _SELF_POOL.match(ev.callee or "")
                cls = self.idx.model.classes.get(fn.cls or "")
                info = cls.attributes.get(m.group(1)) if m and cls is not None and ev.spawn is not None \
                    and ev.spawn.via in ("submit", "map") else None
                if info is None or not info.init_only or info.type_name not in WAITING_EXECUTORS:
                    found = set()
                    break
                found.add((m.group(1), info.declared_in))
            if len(found) == 1:
                out = found.pop()
        self._spawners[key] = out
        return out

    def _after_shutdown(self, fn: FunctionInfo, field: str, boundary: Event) -> bool:
        """Every path of `fn` from its start to the statement of `boundary` passes a waiting
        `self.<field>.shutdown()`."""
        flow = self._flow(fn)
        if flow is None or not flow.fn.body:
            return False
        here = flow.statement_at(boundary.loc.line, self._byte_column(fn.path, boundary))
        stops = _waiting_shutdowns(flow, f"self.{field}")
        if here is None or not stops or here in stops:
            return False
        entry = flow.fn.body[0]
        return entry is not here and here not in flow.reachable(entry, stops)

    def _spawner(self, ctx: Context) -> tuple[FunctionInfo, list[Event]] | None:
        """The one function that spawns every job of a job context, with its spawn events."""
        if ctx.name in self._spawners:
            return self._spawners[ctx.name]
        out = None
        if ctx.kind in _JOBS and ctx.entries and all(self.sites.get(e) for e in ctx.entries):
            sites = [s for e in ctx.entries for s in self.sites[e]]
            if len({fn.qualname for fn, _ in sites}) == 1:
                out = sites[0][0], [ev for _, ev in sites]
        self._spawners[ctx.name] = out
        return out

    def _overlaps_itself(self, a: Access, sites: list[Event]) -> bool:
        """Another run of the spawning function, with jobs of its own, may be under way while `a`
        runs: the spawns are reached from another context too, or `a`'s context runs many at once
        (not an open-world caller, nor an object's owner driving its lifecycle)."""
        idx = self.idx
        if self._site_contexts is None:
            wanted = {id(ev) for spawns in self.sites.values() for _, ev in spawns}
            self._site_contexts = {}
            for r in idx.reaches:
                if id(r.event) in wanted:
                    self._site_contexts.setdefault(id(r.event), set()).add(r.context.name)
        if any(self._site_contexts.get(id(ev), set()) - {a.context.name} for ev in sites):
            return True
        return idx.concurrent(a.context, a.context) and not idx._lifecycle_entry(a.reach) \
            and a.context.kind is not ContextKind.PUBLIC

    def _after_all(self, fn: FunctionInfo, sites: list[Event], boundary: Event) -> bool:
        flow = self._flow(fn)
        if flow is None:
            return False
        here = flow.statement_at(boundary.loc.line, self._byte_column(fn.path, boundary))
        if here is None:
            return False
        for ev in sites:
            call = self._call_node(flow, fn.path, ev)
            if call is None or not _covered(flow, call, ev, here):
                return False
        return True

    # -- sources -------------------------------------------------------------------------------
    def _source(self, path: str) -> tuple[ast.Module, list[str]] | None:
        file = Path(self.idx.model.root) / path
        tree = source_tree(file)
        return (tree, source_lines(file)) if tree is not None else None

    def _flow(self, fn: FunctionInfo) -> Flow | None:
        if fn.qualname not in self._flows:
            source = self._source(fn.path)
            node = function_node(source[0], fn.name, fn.loc.line) if source is not None else None
            self._flows[fn.qualname] = Flow(node) if node is not None else None
        return self._flows[fn.qualname]

    def _byte_column(self, path: str, ev: Event) -> int:
        """The model counts columns in characters, `ast` in UTF-8 bytes."""
        source = self._source(path)
        lines = source[1] if source is not None else []
        text = lines[ev.loc.line - 1] if 0 < ev.loc.line <= len(lines) else ""
        return len(text[:ev.loc.column].encode())

    def _call_node(self, flow: Flow, path: str, ev: Event) -> ast.Call | None:
        """The call of the spawn event `ev`: the innermost call starting where it does, named like
        it (`pool.submit(job).result()` starts with the spawn too)."""
        col = self._byte_column(path, ev)
        here = [c for c in flow.calls() if c.lineno == ev.loc.line and c.col_offset == col]
        name = (ev.callee or "").rsplit(".", 1)[-1]
        named = [c for c in here if _last_name(c.func) == name] or here
        return min(named, key=lambda c: (c.end_lineno or 0, c.end_col_offset or 0), default=None)


def _on_self(model, a: Access, fs: list[FunctionInfo], i: int, cls) -> bool:
    """`a` touches a field of the object `fs[i]` runs on: the calls from there down to `a` are
    `self.m(...)` calls, and `a`'s attribute is one of that class's own fields."""
    if any(not (c.callee or "").startswith("self.") for c in a.reach.chain[i:]):
        return False
    info = cls.attributes.get(a.attr)
    return info is not None and a.owner in (info.declared_in, cls.qualname)


def _boundary(idx: ConcurrencyIndex, a: Access, fn: FunctionInfo) -> Event | None:
    """The event of `fn` on the way to `a`: `a`'s own when `fn` makes it, else the call `fn`
    makes towards it. None when `fn` is not on the way, or is more than once (recursion)."""
    fs = frames(idx.model, a.reach)
    at = [i for i, f in enumerate(fs) if f.qualname == fn.qualname]
    if len(at) != 1:
        return None
    return a.reach.chain[at[0]] if at[0] < len(a.reach.chain) else a.event


def _covered(flow: Flow, call: ast.Call, ev: Event, here: ast.stmt) -> bool:
    """Every path from the spawn `call` to the statement `here` passes a barrier that waits for
    it (or there is none: `here` runs before the spawn)."""
    start = flow.statement_of(call)
    if ev.spawn is not None and ev.spawn.via == "initializer":
        return _initializers_waited(flow, call, ev, here)
    if start is None or start is here:
        return False
    if _in_waiting_block(flow, call, ev, here):
        return True
    cuts = set(_inline_waits(flow, call, ev))
    cuts |= set(_shutdowns(flow, call, ev))
    name = _bound_to(flow, call)
    if name is not None:
        held = set(_future_waits(flow, name))
        if held and not _rebound_before(flow, name, start, cuts | held):
            cuts |= held
    return here not in flow.reachable(start, cuts)


def _initializers_waited(flow: Flow, call: ast.Call, ev: Event, here: ast.stmt) -> bool:
    """The pool whose workers run the initializer, built by `call`, is shut down before `here`:
    `here` is past the `with ThreadPoolExecutor(..., initializer=f) as pool:` block, or past a
    waiting `pool.shutdown()` of `pool = ThreadPoolExecutor(...)` (a worker's initializer ends
    before its thread does)."""
    if (ev.callee or "") not in _WAITING_THREAD_POOLS:
        return False
    up = flow.parent.get(call)
    if isinstance(up, ast.withitem) and up.context_expr is call:
        block = flow.parent.get(up)
        return here is not block and block not in set(flow.enclosing(here))
    start = flow.statement_of(call)
    if isinstance(up, ast.Assign) and len(up.targets) == 1 and isinstance(up.targets[0], ast.Name) and start is not here:
        pool = up.targets[0].id
        stops = _waiting_shutdowns(flow, pool)
        return bool(stops) and not _rebound_before(flow, pool, start, stops) and here not in flow.reachable(start, stops)
    return False


def _in_waiting_block(flow: Flow, call: ast.Call, ev: Event, here: ast.stmt) -> bool:
    """`call` is in the body of a `with` whose exit waits for it (an executor's or a task
    group's, which it is started on), and `here` is outside that block."""
    if not isinstance(call.func, ast.Attribute):
        return False
    receiver = ast.unparse(call.func.value)
    grouped = call.func.attr in _GROUP_SPAWNS
    pooled = ev.spawn is not None and ev.spawn.via in ("submit", "map")
    outside = set(flow.enclosing(here)) | {here}
    return any(isinstance(up, (ast.With, ast.AsyncWith)) and up not in outside and _in_body(flow, call, up)
               and any(_waits_at_exit(item, receiver, ev, grouped, pooled) for item in up.items)
               for up in flow.enclosing(call))


def _waits_at_exit(item: ast.withitem, receiver: str, ev: Event, grouped: bool, pooled: bool) -> bool:
    """`with ThreadPoolExecutor(...) as <receiver>` (an executor the extractor knows, or one of
    unknown class named so: not a `multiprocessing` pool, whose exit terminates its workers), or
    `async with asyncio.TaskGroup() as <receiver>`."""
    expr, var = item.context_expr, item.optional_vars
    if not (isinstance(expr, ast.Call) and isinstance(var, ast.Name) and var.id == receiver):
        return False
    name = _last_name(expr.func)
    pool = ev.spawn.pool if ev.spawn is not None else None
    executor = pool in WAITING_EXECUTORS or (pool is None and name in _EXECUTOR_NAMES)
    return (pooled and executor) or (grouped and name in _TASK_GROUPS)


def _in_body(flow: Flow, node: ast.AST, stmt: ast.stmt) -> bool:
    child, up = node, flow.parent.get(node)
    while up is not None and up is not stmt:
        child, up = up, flow.parent.get(up)
    return up is stmt and child in stmt.body


def _inline_waits(flow: Flow, call: ast.Call, ev: Event) -> Iterator[object]:
    """The spawn waited where it is made: awaited, `.result()` of it, a `pool.map` walked to
    its end, a job of an awaited `gather(...)`/`wait([...])`."""
    up = flow.parent.get(call)
    stmt = flow.statement_of(call)
    if isinstance(up, ast.Await) or _is_result_call(flow, up):
        yield stmt
    if ev.spawn is not None and ev.spawn.via == "map":
        if isinstance(up, ast.Call) and _last_name(up.func) in CONSUMERS and up.args and up.args[0] is call:
            yield stmt
        if isinstance(up, (ast.For, ast.AsyncFor)) and up.iter is call:
            yield done(up)
    top = _container_top(flow, call)
    outer = flow.parent.get(top)
    if isinstance(outer, ast.Starred):
        top, outer = outer, flow.parent.get(outer)
    if isinstance(outer, ast.Call) and top in outer.args and _awaited(flow, outer, _last_name(outer.func) == "gather") \
            and (_last_name(outer.func) == "gather" or _waits_all(outer)):
        yield stmt


def _shutdowns(flow: Flow, call: ast.Call, ev: Event) -> Iterator[object]:
    """`pool.shutdown()` (waiting) on the local executor the job went to, not bound anew in
    between (a field may be swapped by another thread)."""
    if ev.spawn is None or ev.spawn.via not in ("submit", "map") or not isinstance(call.func, ast.Attribute) \
            or not isinstance(call.func.value, ast.Name):
        return
    pool = call.func.value.id
    stops = _waiting_shutdowns(flow, pool)
    start = flow.statement_of(call)
    if stops and start is not None and not _rebound_before(flow, pool, start, stops):
        yield from stops


def _waiting_shutdowns(flow: Flow, receiver: str) -> set:
    """The statements of `flow` that make a waiting `<receiver>.shutdown()` on every run of them
    (`receiver`: a local's name, or `self.<field>`)."""
    return {flow.statement_of(c) for c in flow.calls()
            if isinstance(c.func, ast.Attribute) and c.func.attr == "shutdown" and ast.unparse(c.func.value) == receiver
            and _waiting_shutdown(c) and flow.always_evaluated(c)}


def _waiting_shutdown(c: ast.Call) -> bool:
    """`shutdown()`, `shutdown(True)`, `shutdown(wait=True)`: not `wait=False` nor a variable."""
    waits = [*c.args[:1], *(k.value for k in c.keywords if k.arg == "wait")]
    return all(isinstance(w, ast.Constant) and w.value is True for w in waits)


def _bound_to(flow: Flow, call: ast.Call) -> str | None:
    """The local the spawn's future or task is kept in: `fut = submit(...)`, `futures = [submit(...)
    for ...]`, `{submit(...): x for ...}`, `futures.append(submit(...))`, `futures[submit(...)] = x`."""
    top = _container_top(flow, call)
    up = flow.parent.get(top)
    if isinstance(up, (ast.Assign, ast.AnnAssign, ast.NamedExpr)) and up.value is top:
        targets = up.targets if isinstance(up, ast.Assign) else [up.target]
        if len(targets) == 1 and isinstance(targets[0], ast.Name):
            return targets[0].id
        if len(targets) == 1 and isinstance(targets[0], ast.Subscript) and isinstance(targets[0].value, ast.Name):
            return targets[0].value.id                                   # futures[x] = submit(...)
    if isinstance(up, ast.Subscript) and up.slice is top and isinstance(up.value, ast.Name) \
            and isinstance(up.ctx, ast.Store):
        return up.value.id                                               # futures[submit(...)] = x
    if isinstance(up, ast.Call) and top in up.args and isinstance(up.func, ast.Attribute) \
            and up.func.attr in _ADDERS and isinstance(up.func.value, ast.Name):
        return up.func.value.id                                          # futures.append(submit(...))
    return None


def _container_top(flow: Flow, node: ast.AST) -> ast.AST:
    """The outermost expression that only collects `node` into a container: a list, tuple, set
    or dict display, or the element (key, value) of a comprehension."""
    while True:
        up = flow.parent.get(node)
        if isinstance(up, (ast.List, ast.Tuple, ast.Set)) and node in up.elts \
                or isinstance(up, ast.Dict) and (node in up.keys or node in up.values) \
                or isinstance(up, (ast.ListComp, ast.SetComp, ast.GeneratorExp)) and node is up.elt \
                or isinstance(up, ast.DictComp) and node in (up.key, up.value):
            node = up
            continue
        return node


def _future_waits(flow: Flow, name: str) -> Iterator[object]:
    """Barriers that wait for every future or task held in the local `name`."""
    for c in flow.calls():
        last = _last_name(c.func)
        if _each_waited(flow, c, name):
            yield flow.statement_of(c)                  # [f.result() for f in futures]
        elif not flow.always_evaluated(c):
            continue
        elif _waits_all(c) and _awaited(flow, c) and _is_name(c.args[0], name):
            yield flow.statement_of(c)                  # wait(futures), await asyncio.wait(tasks)
        elif last == "gather" and _awaited(flow, c, True) \
                and any(isinstance(x, ast.Starred) and _is_name(x.value, name) for x in c.args):
            yield flow.statement_of(c)                  # await asyncio.gather(*tasks)
        elif last in _RESULTS and isinstance(c.func, ast.Attribute) and _is_name(c.func.value, name) and _no_timeout(c):
            yield flow.statement_of(c)                  # fut.result()
    for node in flow.nodes():
        if isinstance(node, ast.Await) and _is_name(node.value, name) and flow.always_evaluated(node):
            yield flow.statement_of(node)               # await task
        elif isinstance(node, (ast.For, ast.AsyncFor)) and _loop_waits(flow, node, name):
            yield done(node)


def _each_waited(flow: Flow, c: ast.Call, name: str) -> bool:
    """`c` is `f.result()` in the element of a comprehension over `name` (`[f.result() for f in
    futures]`, `sum(f.result() for f in futures)`) that is walked to its end."""
    if not (_last_name(c.func) in _RESULTS and isinstance(c.func, ast.Attribute) and _no_timeout(c)):
        return False
    node, up = c, flow.parent.get(c)
    while up is not None and not isinstance(up, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp, ast.stmt)):
        if isinstance(up, (ast.IfExp, ast.BoolOp, ast.Lambda)):
            return False
        node, up = up, flow.parent.get(up)
    if not isinstance(up, (ast.ListComp, ast.SetComp, ast.GeneratorExp)) or node is not up.elt \
            or len(up.generators) != 1 or up.generators[0].ifs:
        return False
    gen = up.generators[0]
    if not (_is_name(gen.iter, name) and _is_name(c.func.value, _target_name(gen.target) or "")):
        return False
    if isinstance(up, ast.GeneratorExp):
        outer = flow.parent.get(up)
        return isinstance(outer, ast.Call) and _last_name(outer.func) in CONSUMERS and outer.args[:1] == [up]
    return flow.always_evaluated(up)


def _loop_waits(flow: Flow, loop: ast.For | ast.AsyncFor, name: str) -> bool:
    """A loop that has waited for every future of `name` once it runs out of items: over
    `as_completed(name)` (in a plain `def`: concurrent.futures blocks until each is done), or over
    `name` itself with each item waited in the body (`f.result()`, `await t`) before any `continue`."""
    it = loop.iter
    if isinstance(it, ast.Call) and _last_name(it.func) == "as_completed" and it.args and _is_name(it.args[0], name) \
            and len(it.args) == 1 and not it.keywords:
        if isinstance(loop, ast.AsyncFor) or isinstance(flow.fn, ast.FunctionDef):
            return True
    elif not (_is_name(it, name) or isinstance(it, ast.Call) and isinstance(it.func, ast.Attribute)
              and it.func.attr in ("keys", "values", "items") and _is_name(it.func.value, name)):
        return False
    items = _target_names(loop.target)
    jumps = [j for j in flow.loop_jumps(loop) if isinstance(j, ast.Continue)]
    for node in ast.walk(loop):
        waited = (isinstance(node, ast.Await) and isinstance(node.value, ast.Name) and node.value.id in items) or (
            isinstance(node, ast.Call) and _last_name(node.func) in _RESULTS and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name) and node.func.value.id in items and _no_timeout(node))
        if waited and flow.always_evaluated(node) and _every_pass(flow, node, loop) \
                and not any((j.lineno, j.col_offset) < (node.lineno, node.col_offset) for j in jumps):
            return True
    return False


def _every_pass(flow: Flow, node: ast.AST, loop: ast.stmt) -> bool:
    """The statement of `node` runs on every pass of `loop`: it is in the loop's body, directly,
    in the body of a `with` there, or first in the body of a `try` there (an exception caught
    before it would skip the wait)."""
    stmt = flow.statement_of(node)
    for up in flow.enclosing(stmt):
        if up is loop:
            return _in_body(flow, stmt, loop)
        if isinstance(up, ast.Try) and up.body[:1] != [stmt] \
                or not (isinstance(up, (ast.With, ast.AsyncWith, ast.Try)) and _in_body(flow, stmt, up)):
            return False
        stmt = up
    return False


def _rebound_before(flow: Flow, name: str, start: ast.stmt, cuts: set) -> bool:
    """`name` may be bound anew after the spawn and before a barrier: the waited futures may not
    be the spawned ones."""
    binds = [s for s in flow.stmts if s is not start and name in _bound_names(s)]
    reach = flow.reachable(start, cuts)
    return any(s in reach for s in binds)


def _bound_names(s: ast.stmt) -> set[str]:
    if isinstance(s, ast.Assign):
        return {n for t in s.targets for n in _target_names(t)}
    if isinstance(s, (ast.AnnAssign, ast.AugAssign)):
        return _target_names(s.target)
    if isinstance(s, (ast.For, ast.AsyncFor)):
        return _target_names(s.target)
    if isinstance(s, (ast.With, ast.AsyncWith)):
        return {n for i in s.items if i.optional_vars is not None for n in _target_names(i.optional_vars)}
    if isinstance(s, ast.Delete):
        return {n for t in s.targets for n in _target_names(t)}
    return set()


def _target_names(t: ast.AST) -> set[str]:
    if isinstance(t, ast.Name):
        return {t.id}
    if isinstance(t, (ast.Tuple, ast.List)):
        return {n for e in t.elts for n in _target_names(e)}
    if isinstance(t, ast.Starred):
        return _target_names(t.value)
    return set()


def _target_name(t: ast.AST) -> str | None:
    return t.id if isinstance(t, ast.Name) else None


def _waits_all(c: ast.Call) -> bool:
    """`wait(fs)` of concurrent.futures or asyncio, with no timeout, returning when all are done."""
    if _last_name(c.func) != "wait" or len(c.args) != 1:
        return False
    for k in c.keywords:
        if k.arg == "timeout" and not (isinstance(k.value, ast.Constant) and k.value.value is None):
            return False
        if k.arg == "return_when" and not ast.unparse(k.value).endswith("ALL_COMPLETED"):
            return False
        if k.arg not in ("timeout", "return_when"):
            return False
    return True


def _no_timeout(c: ast.Call) -> bool:
    """`f.result()` / `f.result(timeout=None)`: waits until the job is done."""
    values = [*c.args, *(k.value for k in c.keywords)]
    return all(isinstance(v, ast.Constant) and v.value is None for v in values)


def _is_result_call(flow: Flow, attr: ast.AST | None) -> bool:
    """`attr` is the `.result` of `x.result()` (with no timeout)."""
    if not (isinstance(attr, ast.Attribute) and attr.attr in _RESULTS):
        return False
    c = flow.parent.get(attr)
    return isinstance(c, ast.Call) and c.func is attr and _no_timeout(c)


def _awaited(flow: Flow, c: ast.Call, only_async: bool = False) -> bool:
    """The waiting call does wait: awaited (a bare `asyncio.wait(...)` or `gather(...)` only
    makes an awaitable), or a `wait` in a plain `def` (concurrent.futures)."""
    return isinstance(flow.parent.get(c), ast.Await) or (not only_async and isinstance(flow.fn, ast.FunctionDef))


def _is_name(node: ast.AST, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name


def _last_name(func: ast.AST) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""

