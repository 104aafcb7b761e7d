"""`self.server` of a `socketserver` / `http.server` request handler: the one server object.

A server builds a new handler object per request (`StatsServer(address, EchoHandler)`), and the
library's `BaseRequestHandler.__init__` keeps the server in `self.server`: every handler, on
whichever request thread, reaches the same server. When the program builds handlers of a class
only through servers of one in-scope class, the handler's `server` field holds that class, so
`self.server.served += 1` is an access to the server's field
(tests/corpus/il103_request_handler_server_counter).
"""
from __future__ import annotations

from interlock.extractor.entrypoints import HANDLER_BASES
from interlock.extractor.index import flatten
from interlock.models.arguments import bind_params
from interlock.models.program import AttributeInfo, AttrKind, ClassInfo, EventKind, FunctionInfo, ModuleInfo

_SERVER_PARAMS = ["server_address", "RequestHandlerClass"]


def attach_servers(names, classes: dict[str, ClassInfo], mros: dict[str, tuple[str, ...]],
                   functions: dict[str, FunctionInfo], modules: dict[str, ModuleInfo],
                   own_attrs: dict[str, dict[str, AttributeInfo]]) -> None:
    """Type the `server` field of the request handler classes built by servers of one class."""
    handlers = {q for q, mro in mros.items() if any(b in HANDLER_BASES for a in mro if a in classes
                                                   for b in classes[a].bases)}
    if not handlers:
        return
    servers: dict[str, set[str]] = {}
    bodies = [(m.name, m.body, None) for m in modules.values()] + [(f.module, f.body, f) for f in functions.values()]
    for module, body, fn in bodies:
        for ev in flatten(body):
            if ev.kind is not EventKind.CALL or not ev.callee or len(ev.args) < 2:
                continue
            server = _subclass_init(classes, mros, fn, ev.callee) or names.resolve_in_module(module, ev.callee)
            if server not in classes or server in handlers:
                continue
            bound = bind_params(_SERVER_PARAMS, ev.args) or {}
            handler = names.resolve_in_module(module, bound.get("RequestHandlerClass", ""))
            if handler in handlers:
                servers.setdefault(handler, set()).add(server)
    for handler, found in servers.items():
        own = own_attrs.setdefault(handler, {})
        if len(found) != 1 or "server" in own:
            continue
        server = next(iter(found))
        # handed in by the server that builds the handler: one object for all of them (no `value`,
        # which would read as a construction per handler: rules/_ownership.owned_per_holder)
        own["server"] = AttributeInfo(name="server", kind=AttrKind.OBJECT, type_name=server, declared_in=handler,
                                      init_only=True)


def _subclass_init(classes: dict[str, ClassInfo], mros: dict[str, tuple[str, ...]], fn: FunctionInfo | None,
                   callee: str) -> str | None:
    """`super().__init__(address, UploadHandler)` in the constructor of a subclass of a library
    server (`class UploadServer(socketserver.ThreadingTCPServer)`): the server object built is of
    that subclass (tests/corpus/il103_handler_class_passed_by_server_subclass)."""
    if fn is None or fn.name != "__init__" or fn.cls not in classes or callee not in ("super().__init__", "super.__init__"):
        return None
    library = [b for a in mros.get(fn.cls, (fn.cls,)) if a in classes for b in classes[a].bases if b not in classes]
    return fn.cls if any(b.rpartition(".")[2].endswith(("Server", "ThreadingMixIn")) for b in library) else None
