"""The ASGI lifespan's quiet phases, found from the code: startup before it starts any work, and
shutdown.

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        db = LibraryDB(path)          # sqlite3.connect: startup, nothing started yet
        scanner.start()               # a thread: from here on the loop has company
        yield                         # the server serves requests
        scanner.join()                # shutdown: the server has stopped serving

    app = FastAPI(lifespan=lifespan)

A lifespan is the function handed to `FastAPI(...)`/`Starlette(...)` as `lifespan=` (or listed
in `on_startup=`/`on_shutdown=`), a handler decorated `@app.on_event("startup")`/`("shutdown")`,
or one registered with `app.add_event_handler("startup", f)`; in aiohttp, a hook appended to
`app.on_startup`, `app.on_shutdown`/`app.on_cleanup` or `app.cleanup_ctx` (startup, `yield`, cleanup). No request is served before
startup ends, so until it starts a task, thread or job a blocking call there stalls nothing; the
shutdown runs after the server stopped serving. The functions the lifespan calls in those phases
count too when nothing else calls them (tests/corpus/il401_inferred_lifespan_startup).
"""
from __future__ import annotations

from interlock.models.program import ContextKind, Event, EventKind, FunctionInfo, ProgramModel, flat_events

#: app classes whose constructor takes the lifespan
_APPS = ("FastAPI", "Starlette", "APIRouter", "Router")
_MAX_DEPTH = 8
#: aiohttp's application signals: the hooks run before the server serves (`on_startup`), after it
#: stopped (`on_shutdown`, `on_cleanup`), or both around a `yield` (`cleanup_ctx`)
_SIGNALS = {"on_startup": "startup", "on_shutdown": "shutdown", "on_cleanup": "shutdown", "cleanup_ctx": "lifespan"}

_CACHE: dict[int, tuple[ProgramModel, frozenset[int]]] = {}     # last model only
_STARTS: dict[str, bool] = {}          # qualname -> starts work (for the model in _CACHE)


def quiet_events(model: ProgramModel) -> frozenset[int]:
    """Ids of the events that run in a lifespan's startup before any work starts, or in its
    shutdown, in the lifespan or a function only it calls there."""
    hit = _CACHE.get(id(model))
    if hit is None or hit[0] is not model:
        _CACHE.clear()
        _STARTS.clear()
        hit = _CACHE[id(model)] = (model, _quiet(model))
    return hit[1]


def _quiet(model: ProgramModel) -> frozenset[int]:
    phases = lifespans(model)
    if not phases:
        return frozenset()
    quiet: set[int] = set()
    walked: set[str] = set()
    for q, phase in phases.items():
        fn = model.functions.get(q)
        if fn is None:
            continue
        walked.add(q)
        started = False
        for ev in fn.events():
            shutdown = phase == "shutdown" or (phase == "lifespan" and fn.yield_line is not None
                                               and ev.loc.line > fn.yield_line)
            if shutdown or (phase != "shutdown" and not started):
                quiet.add(id(ev))
                if ev.kind is EventKind.CALL and ev.resolved:
                    _descend(model, ev.resolved, quiet, walked, 1)
            if not shutdown and _starts_work(model, ev):
                started = True
    # a helper is quiet only when every call of it is a quiet event
    callers: dict[str, list[int]] = {}
    for f in model.functions.values():
        for ev in f.events():
            if ev.kind is EventKind.CALL and ev.resolved in walked:
                callers.setdefault(ev.resolved, []).append(id(ev))
    for info in model.modules.values():
        for ev in flat_events(info.body):
            if ev.kind is EventKind.CALL and ev.resolved in walked:
                callers.setdefault(ev.resolved, []).append(id(ev))
    loud = {q for q in walked if q not in phases and not all(c in quiet for c in callers.get(q, ()))}
    if loud:
        for q in loud:
            quiet -= {id(ev) for ev in model.functions[q].events()}
    return frozenset(quiet)


def _descend(model: ProgramModel, q: str, quiet: set[int], walked: set[str], depth: int) -> None:
    """The events of `q`, called in a quiet phase, up to its first start of work."""
    fn = model.functions.get(q)
    if fn is None or q in walked or depth > _MAX_DEPTH:
        return
    walked.add(q)
    for ev in fn.events():
        quiet.add(id(ev))
        if ev.kind is EventKind.CALL and ev.resolved:
            _descend(model, ev.resolved, quiet, walked, depth + 1)
        if _starts_work(model, ev):
            return


def _starts_work(model: ProgramModel, ev: Event, depth: int = 0) -> bool:
    """`ev` leaves work running: a spawn (not an awaited `to_thread`/`gather`), or a call of a
    function that makes one (each function decided once; one being walked counts as False)."""
    if ev.kind is EventKind.SPAWN and ev.spawn is not None:
        return not (ev.awaited and (ev.spawn.kind is ContextKind.EXECUTOR or (
            ev.spawn.kind is ContextKind.TASK and ev.spawn.via.rsplit(".", 1)[-1] == "gather")))
    if ev.kind is not EventKind.CALL or not ev.resolved or depth > _MAX_DEPTH:
        return False
    if ev.resolved not in _STARTS:
        _STARTS[ev.resolved] = False
        fn = model.functions.get(ev.resolved)
        _STARTS[ev.resolved] = fn is not None and any(_starts_work(model, e, depth + 1) for e in fn.events())
    return _STARTS[ev.resolved]


def lifespans(model: ProgramModel) -> dict[str, str]:
    """Qualname -> "lifespan" (startup, `yield`, shutdown), "startup" or "shutdown"."""
    out: dict[str, str] = {}
    for fn in model.functions.values():
        for d in fn.decorators:
            head, _, arg = d.partition("(")
            if head.endswith(".on_event"):
                phase = arg.strip("()'\" ")
                if phase in ("startup", "shutdown"):
                    out[fn.qualname] = phase
    sites = [(fn.module, fn, ev) for fn in model.functions.values() for ev in fn.events()]
    sites += [(info.name, None, ev) for info in model.modules.values() for ev in flat_events(info.body)]
    for module, fn, ev in sites:
        if ev.kind is not EventKind.CALL or not ev.callee:
            continue
        last = ev.callee.rsplit(".", 1)[-1]
        if last in _APPS:
            for arg in ev.args:
                key, eq, value = arg.partition("=")
                key = key.strip()
                if not eq or key not in ("lifespan", "on_startup", "on_shutdown"):
                    continue
                phase = {"lifespan": "lifespan", "on_startup": "startup", "on_shutdown": "shutdown"}[key]
                value = value.strip()
                made = _made_by_factory(model, module, fn, value) if phase == "lifespan" else None
                for name in ([made] if made else value.strip("[]()").split(",")):
                    q = _named(model, module, fn, name.strip())
                    if q is not None:
                        out[q] = phase
        elif last in ("append", "insert") and ev.args and ev.callee.count(".") >= 2 \
                and ev.callee.rsplit(".", 2)[1] in _SIGNALS:
            # aiohttp: `app.on_startup.append(f)`, `app.cleanup_ctx.append(ctx)`
            q = _named(model, module, fn, ev.args[-1].strip())
            if q is not None:
                out[q] = _SIGNALS[ev.callee.rsplit(".", 2)[1]]
        elif last == "add_event_handler" and len(ev.args) == 2:
            phase = ev.args[0].strip("'\" ")
            q = _named(model, module, fn, ev.args[1].strip())
            if phase in ("startup", "shutdown") and q is not None:
                out[q] = phase
    return out


def _made_by_factory(model: ProgramModel, module: str, fn: FunctionInfo | None, value: str) -> str | None:
    """`lifespan=create_lifespan(deps)`: the one `@asynccontextmanager` function the factory
    defines (its qualname, which `_named` finds as is)."""
    head = value.partition("(")[0].strip()
    if not value.endswith(")") or not head.isidentifier():
        return None
    factory = _named(model, module, fn, head)
    if factory is None:
        return None
    nested = [q for q, f in model.functions.items() if q.rpartition(".")[0] == factory
              and any(d.rsplit(".", 1)[-1] == "asynccontextmanager" for d in f.decorators)]
    return nested[0] if len(nested) == 1 else None


def _named(model: ProgramModel, module: str, fn: FunctionInfo | None, name: str) -> str | None:
    """The function `name` names where it is written: nested in `fn`, in the module, imported."""
    if name in model.functions:
        return name
    if not name.isidentifier():
        return None
    for q in ((f"{fn.qualname}.{name}",) if fn is not None else ()) + (f"{module}.{name}",):
        if q in model.functions:
            return q
    info = model.modules.get(module)
    full = info.imports.get(name) if info is not None else None
    return full if full in model.functions else None


