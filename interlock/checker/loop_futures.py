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
(`for f in self._waiting.values()`) and one that travels through a queue are not followed.
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
            res = self._fetched_from(fn, r.cls if fn is r.function else fn.cls, name)
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

    def _fetched_from(self, fn: FunctionInfo, cls: str | None, name: str) -> tuple[str, str] | None:
        """The future-holding field the local `name` of `fn` is bound from."""
        made = fn.made.get(name, "")
        paths = [made.rpartition(".")[0]] if made.rpartition(".")[2] in FETCHES else []
        paths += [m.group(1) for ev in fn.events() if ev.kind is EventKind.WRITE and ev.target == name
                  and (m := re.match(r"([\w.]+)\[", ev.value or ""))]
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
    value = ev.value or (ev.args[-1] if ev.args else "")
    return fn.handles.get(value) is AttrKind.ASYNC_FUTURE or bool(
        re.search(r"(\bcreate_future|\basyncio\.Future)\(", value))
