"""Starlette's `app.state` and aiohttp's app items: one namespace of the application that every
request shares.

`request.app.state.hits += 1` in one handler, `websocket.app.state.hits` in another and
`app.state.hits = 0` at import time (or in the lifespan, or in an app factory's local `app`) all
name one object: Starlette hands every request the one application. The accesses become state of
a pseudo-module, `<app>.state` (models/program.py APP_STATE), whose globals are the attributes by
name, as a module's globals are: `<app>.state.hits`, `<app>.state.player.volume` through the
object's class. Only in files that import fastapi or starlette (elsewhere `app.state` is anyone's).

An aiohttp `Application` is a mapping every handler reaches as `request.app`: its items
(`request.app["sockets"]`, `app["sockets"] = WeakSet()` where it is built, also by an `AppKey`
constant, `request.app[SOCKETS]`) are the globals of the pseudo-module `<app>.items`, in files
that import aiohttp.

The extractor records each file's writes under `<app>.state.<name>` (`<app>.items.<key>`) keys of
its module's globals; the linker (`gather`) moves them all into the pseudo-modules.
"""
from __future__ import annotations

from interlock.extractor.attributes import AttributeBuilder, ValueFacts, value_facts
import libcst as cst

from interlock.extractor.imports import dotted
from interlock.models.program import APP_ITEMS, APP_STATE, AttributeInfo, ModuleInfo

APPSTATE = "appstate"        # the root kind of such an access (events_expr.Access.root)
_PREFIXES = (APP_STATE + ".", APP_ITEMS + ".")
#: the application classes whose `state` is the namespace (`application = FastAPI()`, `app: Starlette`)
APP_CLASSES = frozenset({"fastapi.FastAPI", "fastapi.applications.FastAPI", "starlette.applications.Starlette",
                         "aiohttp.web.Application", "aiohttp.web_app.Application"})


def uses_starlette(imports) -> bool:
    """The file imports fastapi or starlette."""
    return any(full.split(".", 1)[0] in ("fastapi", "starlette") for full in imports.names.values())


def uses_aiohttp(imports) -> bool:
    return any(full.split(".", 1)[0] == "aiohttp" for full in imports.names.values())


def app_item(walker, node: cst.Subscript) -> str | None:
    """The key of an aiohttp application's item `node` names (`request.app["sockets"]`,
    `self.request.app[SOCKETS]`, `app["sockets"]` of an app named `app` or built here), else None."""
    if not walker.scope.aiohttp or len(node.slice) != 1 or not isinstance(node.slice[0].slice, cst.Index):
        return None
    key = node.slice[0].slice.value
    if isinstance(key, cst.SimpleString):
        name = key.evaluated_value if isinstance(key.evaluated_value, str) else ""
    else:
        name = (dotted(key) or "").rsplit(".", 1)[-1]
    if not name.isidentifier():
        return None
    holder = node.value
    if isinstance(holder, cst.Attribute) and holder.attr.value in ("app", "config_dict"):
        return name
    if isinstance(holder, cst.Name) and (holder.value == "app" or _app_object(walker, holder.value)):
        return name
    return None


def state_parts(walker, name: str, parts: list[str]) -> list[str] | None:
    """The attribute path inside `app.state` an access `name.parts...` names (`["hits"]` for
    `request.app.state.hits`, `self.request.app.state.hits`, `app.state.hits`), else None."""
    if not walker.scope.starlette:
        return None
    full = [name, *parts]
    for k in range(len(full) - 2):
        if full[k + 1] != "state":
            continue
        if full[k] == "app" or (k == 0 and _app_object(walker, name)):
            return full[k + 2:]
    return None


def _app_object(walker, name: str) -> bool:
    """`name` holds an application by its type (`application = FastAPI()`, `application: FastAPI`)."""
    if name in walker.locals:
        type_name = walker.local_types.get(name) or walker.typed.get(name)
    else:
        glob = walker.scope.globals.get(name)
        type_name = glob.type_name if glob is not None else None
    return type_name in APP_CLASSES


def record_write(walker, acc, value_node) -> None:
    """`app.state.player = Player()`: a write of the namespace's attribute, with what it binds."""
    if acc.root != APPSTATE or acc.depth != 0:
        return
    builder = walker.scope.app_state
    if builder is None:
        builder = walker.scope.app_state = AttributeBuilder(APP_STATE)
    facts = value_facts(walker.scope, value_node) if value_node is not None else ValueFacts()
    if isinstance(value_node, cst.Name) and not facts.type_name and not walker.is_module:
        # `idx = FolderIndex(root); app.state.index = idx` (in the lifespan): that object's class
        name = value_node.value
        typed = walker.local_types.get(name) or (walker.typed.get(name) if name in walker.params else None)
        if typed and walker.binds.get(name, 0) <= 1:
            facts = ValueFacts(facts.kind, typed, facts.lock_of, facts.call_kwargs)
    loc = walker.out[-1].loc if walker.out else walker.scope.positions.locate(None, None)
    value = walker.scope.code(value_node) if value_node is not None else None
    builder.record(acc.path, facts, value, None, loc, None if walker.is_module else walker.qualname)


def recorded(scope) -> dict[str, AttributeInfo]:
    """This file's writes of `app.state` attributes, keyed `<app>.state.<name>`."""
    return scope.app_state.build({None}) if scope.app_state is not None else {}


def gather(modules: dict[str, ModuleInfo]) -> dict[str, ModuleInfo]:
    """The modules without their `<app>.state.*` (`<app>.items.*`) records, and the
    pseudo-modules holding them merged by name (every write, the first kind and class known,
    written only at import time when every file says so)."""
    merged: dict[str, dict[str, AttributeInfo]] = {}
    out: dict[str, ModuleInfo] = {}
    for name in sorted(modules):
        info = modules[name]
        own = {k: v for k, v in info.globals.items() if k.startswith(_PREFIXES)}
        if not own:
            out[name] = info
            continue
        out[name] = info.model_copy(update={"globals": {k: v for k, v in info.globals.items() if k not in own}})
        for key, attr in own.items():
            pseudo, _, short = key.rpartition(".")
            into = merged.setdefault(pseudo, {})
            into[short] = _merge(into.get(short), attr.model_copy(update={"name": short}))
    for pseudo, attrs in merged.items():
        first = min((w for a in attrs.values() for w in a.writes), key=lambda w: (w.path, w.line), default=None)
        out[pseudo] = ModuleInfo(name=pseudo, path=f"<{pseudo}:{first.path if first else ''}>", globals=attrs)
    return out


def _merge(old: AttributeInfo | None, new: AttributeInfo) -> AttributeInfo:
    if old is None:
        return new
    update = {"writes": old.writes + new.writes, "init_only": old.init_only and new.init_only,
              "value": old.value or new.value}
    if old.kind.value == "other" and new.kind.value != "other":
        update.update(kind=new.kind, lock_of=new.lock_of, call_kwargs=new.call_kwargs,
                      type_name=new.type_name or old.type_name)
    elif old.type_name is None and new.type_name:
        update.update(type_name=new.type_name, call_kwargs=new.call_kwargs)
    return old.model_copy(update=update)
