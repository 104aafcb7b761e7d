"""Loop futures that reach thread code through a local: fetched from a container, or passed in.

    async def call(self, method):
        fut = self._loop.create_future()           # a loop future ...
        self._waiting[rid] = fut                    # ... kept in a container field
        return await fut
    def _read_loop(self):                           # a thread
        fut = self._waiting.pop(rid)                # fetched back out of the container
        fut.set_result(reply)                       # resolved off its loop (IL402)

A container field *holds loop futures* when it is annotated so (`dict[int, asyncio.Future]`) or
some function stores into it a local bound to `loop.create_future()` / `asyncio.Future()`. A local
of thread code names a loop future when it was bound from such a field (`.pop(k)`, `.get(k)`,
`[k]`), or is a parameter that its callers and the sites that spawn its run bind to a local loop
future of theirs (checker/shared_args.py `sources`; tests/corpus/il402_loop_future_popped_by_worker,
il402_loop_future_passed_to_pool_job). Known limits: a future fetched by iterating the container
(`for f in self._waiting.values()`) is not followed; one that travels through a `queue.Queue` field,
alone or in a tuple, is, when the thread resolves it.
"""
from __future__ import annotations

import re
from functools import cached_property
from typing import TYPE_CHECKING

from interlock.checker.callgraph import all_attributes
from interlock.models.program import AttrKind, EventKind, FunctionInfo, ProgramModel, short_symbol

if TYPE_CHECKING:
    from interlock.checker.analysis import ConcurrencyIndex, Reach

FUTURE_TYPES = frozenset({"asyncio.Future", "asyncio.futures.Future"})
#: what a thread may ask a loop future without touching the loop's state (it only reads)
FUTURE_QUERIES = ("done", "cancelled")
#: container methods that hand an element out
FETCHES = ("pop", "get", "popitem", "setdefault")
#: what sets a future's outcome (a thread that calls these on a loop future touches the loop's state)
FUTURE_RESOLVERS = frozenset({"set_result", "set_exception", "cancel", "add_done_callback"})
#: a queue's methods that put an item in
QUEUE_PUTS = frozenset({"put", "put_nowait"})
#: container mutations that put an element in (`value` or last argument)
STORES = frozenset({"setitem", "append", "appendleft", "add", "insert", "setdefault", "put", "put_nowait"})


class LoopFutures:
    def __init__(self, model: ProgramModel, idx: ConcurrencyIndex):
        self.model = model
        self.idx = idx

    def held(self, r: Reach) -> tuple[tuple[str, str] | None, str | None, str]:
        """For a call `v.m(...)` on a bare local `v` naming a loop future (not a query like
        `done()`): the container field it came from (or None), the symbol to report and what it is."""
        ev = r.event
        local, _, method = (ev.callee or "").rpartition(".")
        if ev.kind is not EventKind.CALL or not local.isidentifier() or method in FUTURE_QUERIES:
            return None, None, ""
        for fn, name in self.idx._shared_args.sources(r, local):
            if fn is None or not name.isidentifier():
                continue
            fn = self._binder(fn, name)
            if fn.handles.get(name) is AttrKind.ASYNC_FUTURE:
                symbol = short_symbol(fn.qualname, name)
                return None, symbol, f"loop future `{symbol}`"
            res = self._fetched_from(fn, r.cls if fn is r.function else fn.cls, name, method)
            if res is not None:
                return res, short_symbol(*res), f"loop future `{local}` taken from `{short_symbol(*res)}`"
        return None, None, ""

    def _binder(self, fn: FunctionInfo, name: str) -> FunctionInfo:
        """The function whose local `name` is: `fn`, or for a free variable of a nested function
        (a closure or lambda that captured `aio_fut`) the enclosing function that binds it."""
        outer = fn
        while name not in outer.params and name not in outer.handles and name not in outer.made:
            outer = self.model.functions.get(outer.qualname.rpartition(".")[0])
            if outer is None:
                return fn
        return outer

    def _fetched_from(self, fn: FunctionInfo, cls: str | None, name: str, method: str) -> tuple[str, str] | None:
        """The future-holding field the local `name` of `fn` is bound from. A queue's item
        (`path, fut = self._jobs.get()`, maybe a tuple of which the future is one element) names
        a future when `fn` resolves it (tests/corpus/il402_loop_future_through_queue_tuple)."""
        made = fn.made.get(name, "")
        paths = [made.rpartition(".")[0]] if made.rpartition(".")[2] in FETCHES else []
        paths += [m.group(1) for ev in fn.events() if ev.kind is EventKind.WRITE and ev.target == name
                  and (m := re.match(r"([\w.]+)\[", ev.value or ""))]
        if method in FUTURE_RESOLVERS:
            paths += [m.group(1) for ev in fn.events() if ev.kind is EventKind.WRITE and ev.target == name
                      and (m := re.fullmatch(r"([\w.]+)\.(?:get|get_nowait)\(.*\)", (ev.value or "").strip()))]
        for p in paths:
            res = self.model.resolve(cls, p) if "." in p else None
            if res is not None and res in self.containers:
                return res
        return None

    @cached_property
    def containers(self) -> set[tuple[str, str]]:
        out = {(owner, a.name) for owner, a in all_attributes(self.model)
               if a.kind is AttrKind.CONTAINER and self._annotated(owner, a.annotation)}
        for fn in self.model.functions.values():
            for ev in fn.events():
                if ev.kind is EventKind.MUTATE and ev.target and ev.op in STORES and _stores_future(fn, ev):
                    res = self.model.resolve(fn.cls, ev.target)
                    if res is not None:
                        out.add(res)
                # `self._jobs.put((path, fut))` on a `queue.Queue` field: a CALL of the queue
                elif ev.kind is EventKind.CALL and ev.args and (ev.callee or "").rpartition(".")[2] in QUEUE_PUTS \
                        and _stores_future(fn, ev.model_copy(update={"value": ev.args[0]})):
                    res = self.model.resolve(fn.cls, ev.callee.rpartition(".")[0])
                    info = self.model.attribute(*res) if res is not None else None
                    if info is not None and info.kind is AttrKind.QUEUE:
                        out.add(res)
        return out

    def _annotated(self, owner: str, annotation: str | None) -> bool:
        """The annotation names asyncio's Future (`dict[int, asyncio.Future]`, `list["Future[T]"]`)."""
        if not annotation or "Future" not in annotation:
            return False
        cls = self.model.classes.get(owner)
        info = self.model.modules.get(cls.module if cls is not None else owner)
        imports = info.imports if info is not None else {}
        for name in re.findall(r"[A-Za-z_][\w.]*Future\b", annotation):
            head, dot, rest = name.partition(".")
            if imports.get(head, head) + dot + rest in FUTURE_TYPES:
                return True
        return False


def _stores_future(fn: FunctionInfo, ev) -> bool:
    """The value stored is a loop future, or a tuple one of whose items is (`(path, fut)`)."""
    value = (ev.value or (ev.args[-1] if ev.args else "")).strip()
    items = [value]
    if value.startswith("(") and value.endswith(")"):
        items += [v.strip() for v in value[1:-1].split(",")]
    return any(fn.handles.get(v) is AttrKind.ASYNC_FUTURE for v in items) or bool(
        re.search(r"(\bcreate_future|\basyncio\.Future)\(", value))
