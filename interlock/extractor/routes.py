"""FastAPI / Starlette / aiohttp handlers as HTTP and WebSocket contexts (many requests at once).

Recognises route decorators on `FastAPI()`/`Starlette()` apps, `APIRouter()` routers and aiohttp
`RouteTableDef()`s (`@app.get("/x")`, `@router.websocket("/ws")`, `api_route(methods=[...])`,
`@routes.post("/x")`), the imperative `add_api_route`/`add_websocket_route`/`add_route` and
aiohttp's `router.add_get(path, h)`/`add_route(method, path, h)`, route tables (Starlette's
`Route`, `WebSocketRoute`; aiohttp's `web.get(path, h)`), router `prefix=` and
`include_router(prefix=)`, and the connection handler of `websockets.serve(handler, ...)`.
Decorators arrive as source strings; they are parsed with `ast`, never evaluated.
"""
from __future__ import annotations

import ast
import re

from interlock.extractor.index import EventIndex
from interlock.models.program import Context, ContextKind, EventKind, FunctionInfo, ModuleInfo, ProgramModel
from interlock.models.arguments import parse_expr as _parse_expr

HTTP_METHODS = ("get", "post", "put", "delete", "patch", "head", "options")
ROUTE_METHODS = frozenset({*HTTP_METHODS, "api_route", "route", "websocket", "websocket_route"})
ADDERS = frozenset({"add_api_route", "add_route", "add_websocket_route", "add_api_websocket_route",
                    *(f"add_{m}" for m in HTTP_METHODS)})
#: aiohttp route definitions (`web.get("/x", handler)` in `app.add_routes([...])`)
AIOHTTP_ROUTES = {f"aiohttp.web.{m}": m for m in (*HTTP_METHODS, "route", "view")}
#: servers that run a handler per connection (`websockets.serve(handler, host, port)`)
WS_SERVERS = frozenset({"websockets.serve", "websockets.server.serve", "websockets.legacy.server.serve",
                        "websockets.asyncio.server.serve", "websockets.sync.server.serve", "websockets.unix_serve"})
#: asyncio stream servers: `client_connected_cb(reader, writer)` runs as a task per connection
TCP_SERVERS = frozenset({"asyncio.start_server", "asyncio.start_unix_server",
                         "asyncio.streams.start_server", "asyncio.streams.start_unix_server"})
#: route objects of a route table, and the route method each one behaves as
ROUTE_CLASSES = {"starlette.routing.Route": "api_route", "starlette.routing.WebSocketRoute": "websocket",
                 "fastapi.routing.APIRoute": "api_route", "fastapi.routing.APIWebSocketRoute": "websocket"}
APP_TYPES = re.compile(r"FastAPI|APIRouter|Starlette|Router|RouteTableDef|aiohttp\.web\.Application")
APP_NAMES = re.compile(r"(?:^|_)(app|router|api)$", re.IGNORECASE)


def _literal(node: ast.AST | None):
    try:
        return ast.literal_eval(node) if node is not None else None
    except (ValueError, SyntaxError, TypeError):
        return None


def _parse_call(source: str) -> ast.Call | None:
    try:
        node = ast.parse(source.strip().lstrip("@"), mode="eval").body
    except SyntaxError:
        return None
    return node if isinstance(node, ast.Call) else None


def _kwarg(call: ast.Call, name: str) -> ast.AST | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


class _Apps:
    """Which dotted names are apps/routers, and the URL prefix each one adds."""

    def __init__(self, model: ProgramModel, index: EventIndex) -> None:
        self.model = model
        self.prefix: dict[str, str] = {}
        for mod in model.modules.values():
            for ev in index.modules[mod.name]:
                if ev.kind is EventKind.CALL and (ev.callee or "").endswith(".include_router"):
                    self._include(mod, ev.args)

    def symbol(self, module: str, name: str) -> str | None:
        """`router` in `module` -> `pkg.routes.router` when it is an app or router global."""
        mod = self.model.modules.get(module)
        head, _, rest = name.partition(".")
        candidates = [f"{module}.{name}"]
        if mod is not None and head in mod.imports:
            candidates.append(mod.imports[head] + (f".{rest}" if rest else ""))
        candidates.append(name)
        for cand in candidates:
            owner, _, attr = cand.rpartition(".")
            info = self.model.modules.get(owner)
            glob = info.globals.get(attr) if info is not None else None
            if glob is not None and APP_TYPES.search(f"{glob.type_name} {glob.value}"):
                return cand
        return f"{module}.{name}" if APP_NAMES.search(name.rsplit(".", 1)[-1]) else None

    def full_path(self, symbol: str, path: str) -> str:
        owner, _, attr = symbol.rpartition(".")
        info = self.model.modules.get(owner)
        glob = info.globals.get(attr) if info is not None else None
        own = _literal(_parse_expr(glob.call_kwargs.get("prefix"))) if glob is not None else None
        return f"{self.prefix.get(symbol, '')}{own if isinstance(own, str) else ''}{path}"

    def _include(self, mod: ModuleInfo, args: tuple[str, ...]) -> None:
        call = _parse_call(f"f({', '.join(args)})")
        if call is None or not call.args:
            return
        router = self.symbol(mod.name, ast.unparse(call.args[0]))
        prefix = _literal(_kwarg(call, "prefix"))
        if router and isinstance(prefix, str):
            self.prefix[router] = prefix


def _route(kind_method: str, path: str, call: ast.Call) -> list[tuple[ContextKind, str]]:
    if kind_method in ("websocket", "websocket_route", "add_websocket_route", "add_api_websocket_route"):
        return [(ContextKind.WEBSOCKET, f"websocket:{path}")]
    kind_method = kind_method.removeprefix("add_")
    if kind_method in HTTP_METHODS:
        return [(ContextKind.HTTP, f"http:{kind_method.upper()} {path}")]
    methods = _literal(_kwarg(call, "methods")) or ["GET"]
    return [(ContextKind.HTTP, f"http:{str(m).upper()} {path}") for m in methods]


_UPPER = tuple(m.upper() for m in HTTP_METHODS)


def _context(model: ProgramModel, fn: FunctionInfo, kind: ContextKind, name: str, how: str) -> Context:
    return Context(name=name, kind=kind, entries=(fn.qualname,), multiplicity="many",
                   is_async=fn.is_async, origin=fn.loc, detail=f"{how} -> {fn.name}")


def _http_middleware(call: ast.Call | None) -> bool:
    """`@app.middleware("http")` (FastAPI/Starlette)."""
    return call is not None and isinstance(call.func, ast.Attribute) and call.func.attr == "middleware" \
        and bool(call.args) and _literal(call.args[0]) == "http"


def _decorated(model: ProgramModel, apps: _Apps):
    for q in sorted(model.functions):
        fn = model.functions[q]
        for dec in fn.decorators:
            call = _parse_call(dec)
            if _http_middleware(call) and apps.symbol(fn.module, ast.unparse(call.func.value)) is not None:
                # `@app.middleware("http")` wraps every request: it runs as often as they do
                yield _context(model, fn, ContextKind.HTTP, f"http:middleware {fn.name}", f"@{dec}")
                continue
            if call is None or not isinstance(call.func, ast.Attribute) or call.func.attr not in ROUTE_METHODS:
                continue
            app = apps.symbol(fn.module, ast.unparse(call.func.value))
            path = _literal(call.args[0]) if call.args else _literal(_kwarg(call, "path"))
            if app is None or not isinstance(path, str):
                continue
            for kind, name in _route(call.func.attr, apps.full_path(app, path), call):
                yield _context(model, fn, kind, name, f"@{dec}")


def _added(model: ProgramModel, apps: _Apps, index: EventIndex):
    """`app.add_api_route("/x", handler)` and route objects (`Route("/x", endpoint)`), one pass."""
    bodies = [(m, None, index.modules[m]) for m in sorted(model.modules)]
    bodies += [(model.functions[q].module, model.functions[q], index.of(q)) for q in sorted(model.functions)]
    for module, fn, events in bodies:
        for ev in events:
            if ev.kind is not EventKind.CALL or not ev.callee or "." not in ev.callee:
                continue
            if ev.callee in ROUTE_CLASSES or ev.callee in AIOHTTP_ROUTES:
                yield from _route_object(model, module, ev, fn)
                continue
            if ev.callee in WS_SERVERS:
                yield from _ws_server(model, module, ev)
                continue
            method = ev.callee.rsplit(".", 1)[-1]
            if method not in ADDERS:
                continue
            call = _parse_call(f"f({', '.join(ev.args)})")
            app = apps.symbol(module, ev.callee.rsplit(".", 1)[0])
            if call is None or len(call.args) < 2 or app is None:
                continue
            args = call.args
            if method == "add_route" and len(args) >= 3 and _literal(args[0]) in (*_UPPER, "*"):
                method, args = str(_literal(args[0])).lower(), args[1:]     # aiohttp: (method, path, handler)
            path, handler = _literal(args[0]), _handler(model, module, ast.unparse(args[1]), fn)
            if isinstance(path, str) and handler is not None:
                for kind, name in _route(method, apps.full_path(app, path), call):
                    yield _context(model, handler, kind, name, f"{ev.callee}({path!r})")


def _route_object(model: ProgramModel, module: str, ev, fn: FunctionInfo | None = None):
    """`Route("/x", endpoint)` / `WebSocketRoute("/ws", endpoint)` in a Starlette route table,
    `web.get("/x", handler)` / `web.route("GET", "/x", handler)` in an aiohttp one."""
    call = _parse_call(f"f({', '.join(ev.args)})")
    if call is None:
        return
    method = ROUTE_CLASSES.get(ev.callee) or AIOHTTP_ROUTES[ev.callee]
    args = call.args
    if method == "route" and ev.callee in AIOHTTP_ROUTES:
        method, args = str(_literal(args[0]) if args else "*").lower(), args[1:]
        method = method if method in HTTP_METHODS else "api_route"
    elif method == "view":
        method = "api_route"
    path = _literal(args[0]) if args else _literal(_kwarg(call, "path"))
    endpoint = args[1] if len(args) > 1 else _kwarg(call, "endpoint") or _kwarg(call, "handler")
    handler = _handler(model, module, ast.unparse(endpoint), fn) if endpoint is not None else None
    if isinstance(path, str) and handler is not None:
        for kind, name in _route(method, path, call):
            yield _context(model, handler, kind, name, f"{ev.callee}({path!r})")
    elif isinstance(path, str) and endpoint is not None:
        yield from _endpoint_class(model, module, ast.unparse(endpoint), path, f"{ev.callee}({path!r})")


#: Starlette's class-based endpoints -> the methods it calls on a new object per request
ENDPOINT_BASES = {"starlette.endpoints.HTTPEndpoint": "http", "starlette.endpoints.WebSocketEndpoint": "websocket"}
WEBSOCKET_ENDPOINT_METHODS = ("on_connect", "on_receive", "on_disconnect")


def _endpoint_class(model: ProgramModel, module: str, name: str, path: str, how: str):
    """`Route("/x", Checkout)` with `class Checkout(HTTPEndpoint)`: Starlette builds the class per
    request and calls the method named by the request's verb (`get`, `post`, ...); a
    `WebSocketEndpoint`'s `on_connect`/`on_receive`/`on_disconnect` serve one connection
    (tests/corpus/il403_starlette_endpoint_class)."""
    info = model.classes.get(_class_named(model, module, name) or "")
    if info is None:
        return
    bases = set(model.lineage(info, own=False))
    kind = next((k for b, k in ENDPOINT_BASES.items() if b in bases), None)
    if kind == "http":
        for verb in HTTP_METHODS:
            fn = model.functions.get(info.methods.get(verb, ""))
            if fn is not None:
                yield Context(name=f"http:{verb.upper()} {path}", kind=ContextKind.HTTP, entries=(fn.qualname,),
                              multiplicity="many", is_async=fn.is_async, origin=fn.loc, per_request=True,
                              detail=f"{how} -> {info.name}.{verb}")
    elif kind == "websocket":
        fns = [f for m in WEBSOCKET_ENDPOINT_METHODS if (f := model.functions.get(info.methods.get(m, ""))) is not None]
        if fns:
            yield Context(name=f"websocket:{path}", kind=ContextKind.WEBSOCKET, entries=tuple(f.qualname for f in fns),
                          multiplicity="many", is_async=True, origin=fns[0].loc, per_request=True,
                          detail=f"{how} -> {info.name}")


def _ws_server(model: ProgramModel, module: str, ev):
    """`websockets.serve(handler, host, port)`: the handler runs once per connection."""
    call = _parse_call(f"f({', '.join(ev.args)})")
    if call is None:
        return
    endpoint = call.args[0] if call.args else _kwarg(call, "handler") or _kwarg(call, "ws_handler")
    if isinstance(endpoint, ast.Call) and ast.unparse(endpoint.func) in ("functools.partial", "partial") \
            and endpoint.args:
        endpoint = endpoint.args[0]
    handler = _handler(model, module, ast.unparse(endpoint)) if endpoint is not None else None
    if handler is not None:
        yield _context(model, handler, ContextKind.WEBSOCKET, f"websocket:{handler.name}", f"{ev.callee}(...)")


def _handler(model: ProgramModel, module: str, name: str, fn: FunctionInfo | None = None) -> FunctionInfo | None:
    """A function named as written, or a bound method: `self.m` in `fn`, `Cls().m`, `obj.m` of a
    module-level or local `obj = Cls()` (tests/corpus/il401_aiohttp_method_handlers; a local of
    an app factory: tests/corpus/il403_aiohttp_factory_local_handlers)."""
    mod = model.modules.get(module)
    for cand in (f"{module}.{name}", mod.imports.get(name) if mod else None, name):
        if cand and cand in model.functions:
            return model.functions[cand]
    head, _, meth = name.rpartition(".")
    info = model.classes.get(_class_of(model, module, head, fn) or "") if head else None
    return model.functions.get(info.methods.get(meth, "")) if info is not None else None


def _class_of(model: ProgramModel, module: str, head: str, fn: FunctionInfo | None) -> str | None:
    """The class of the object `head` names: `self`/`cls` in a method, `Cls(...)` built in place, a
    module global or a local of `fn` built as `Cls(...)`."""
    if head in ("self", "cls"):
        return fn.cls if fn is not None else None
    built = re.fullmatch(r"([\w.]+)\(.*\)", head, re.S)
    if built:
        return _class_named(model, module, built[1])
    if fn is not None and "." not in head:
        built = fn.built.get(head) or fn.fetched.get(head)
        if built:                                # `office = Office()` in an app factory
            return built if built in model.classes else _class_named(model, module, built)
        built_here = [_class_named(model, module, e.value.split("(", 1)[0].strip()) for e in fn.events()
                      if e.kind is EventKind.WRITE and e.target == head and e.value and "(" in e.value]
        if any(built_here):
            return [c for c in built_here if c][-1]
    mod = model.modules.get(module)
    glob = mod.globals.get(head) if mod is not None else None
    return glob.type_name if glob is not None and glob.type_name in model.classes else None


def _class_named(model: ProgramModel, module: str, name: str) -> str | None:
    mod = model.modules.get(module)
    for cand in (f"{module}.{name}", mod.imports.get(name) if mod else None):
        if cand and cand in model.classes:
            return cand
    return None


def _stream_servers(model: ProgramModel, index: EventIndex):
    """`await asyncio.start_server(handler, host, port)`: `handler(reader, writer)` runs as a new
    task for every client, many at once on the loop (tests/corpus/il403_stream_server_handler)."""
    for q in sorted(model.functions):
        fn = model.functions[q]
        for ev in index.of(q):
            if ev.kind is not EventKind.CALL or ev.callee not in TCP_SERVERS:
                continue
            call = _parse_call(f"f({', '.join(ev.args)})")
            endpoint = (call.args[0] if call.args else _kwarg(call, "client_connected_cb")) if call else None
            handler = _method_or_function(model, fn, ast.unparse(endpoint)) if endpoint is not None else None
            if handler is not None:
                yield Context(name=f"connection:{handler.name}", kind=ContextKind.TASK, entries=(handler.qualname,),
                              multiplicity="many", is_async=handler.is_async, on_loop=True, origin=handler.loc,
                              detail=f"{ev.callee}(...) -> {handler.name}, a task per client connection")


def _method_or_function(model: ProgramModel, fn: FunctionInfo, name: str) -> FunctionInfo | None:
    """`handle`, `self.handle`, or `server.handle` of a local `server = Server()` in `fn`."""
    head, _, meth = name.rpartition(".")
    if not head:
        return _handler(model, fn.module, name)
    cls = _class_of(model, fn.module, head, fn)
    info = model.classes.get(cls or "")
    q = info.methods.get(meth) if info is not None else None
    if q is None and cls is None:          # a local built here (no event names it): the one class
        hits = {c.methods[meth] for c in model.classes.values() if meth in c.methods        # with such
                and (f := model.functions.get(c.methods[meth])) is not None and f.is_async  # a handler
                and len([p for p in f.params if p not in ("self", "cls")]) == 2}
        q = hits.pop() if len(hits) == 1 else None
    return model.functions.get(q or "")


def find_routes(model: ProgramModel, index: EventIndex | None = None):
    """HTTP and WebSocket contexts, one per (method, path), and stream servers' connection tasks."""
    index = index or EventIndex(model)
    apps = _Apps(model, index)
    yield from _decorated(model, apps)
    yield from _added(model, apps, index)
    yield from _stream_servers(model, index)
