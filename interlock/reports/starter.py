"""`interlock init`: starter specs inferred from the program model.

One component per top-level package that owns locks or threads (under a single root package,
its subpackages: `app.player`, `app.library`), its contexts from the model's concurrent contexts, and a `state_machine` entry per state field found in code
(transitions as found: review them, they become the declared machine). The TOML is
written by hand so that it reads like a file a person wrote, with comments.
"""
from __future__ import annotations

import json

from interlock.models.program import APP_ITEMS, APP_STATE, LOCK_KINDS, AttrKind, ContextKind, ProgramModel

THREAD_KINDS = {AttrKind.THREAD, AttrKind.EXECUTOR}
SPEC_KINDS = {"thread", "executor", "task", "http", "websocket", "callback", "process", "main"}
DIMENSION_HINTS = (
    (("db", "sql", "library", "repository", "storage", "database"), "Library & Database"),
    (("api", "server", "web", "stream", "ws", "http", "backend", "routers"), "Backend Streaming"),
    (("audio", "dsp", "processing", "processor", "mastering", "signal"), "Audio Processing"),
    (("frontend", "ui", "store", "redux"), "Frontend State"),
)


def starter_specs(model: ProgramModel, project: str) -> dict[str, str]:
    """filename -> TOML text, one file per component."""
    package_of = _package_namer(_unit_depth(model))
    out = {}
    for package in _packages(model, package_of):
        out[f"{package.rsplit('.', 1)[-1]}.toml"] = _spec_text(model, package, project, package_of)
    return out


def _unit_depth(model: ProgramModel) -> int:
    """How many name segments make a component: 1, or one more per enclosing package every module
    shares (`soundbox.player.*`, `soundbox.library.*` -> `soundbox.player`, `soundbox.library`)."""
    names = [tuple(m.name.split(".")) for m in model.modules.values() if m.name not in (APP_STATE, APP_ITEMS)]
    depth = 0
    # descend while every module sits under one package that has subpackages (its own
    # `__init__` does not count); a package of plain modules is itself the component
    while len({n[:depth + 1] for n in names}) == 1 and any(len(n) > depth + 2 for n in names):
        depth += 1
    return depth + 1


def _package_namer(depth: int):
    """module name -> its component package (`soundbox.player.queue` -> `soundbox.player` at depth 2)."""
    def package_of(module: str) -> str:
        return ".".join(module.split(".")[:depth])
    return package_of


def _packages(model: ProgramModel, _package_of) -> list[str]:
    """Top-level packages with a lock, a thread/executor attribute, a Thread subclass or a context."""
    owners: set[str] = set()
    for cls in model.classes.values():
        kinds = {a.kind for a in cls.attributes.values()}
        if cls.is_thread or kinds & (LOCK_KINDS | THREAD_KINDS):
            owners.add(_package_of(cls.module))
    for mod in model.modules.values():
        if mod.name not in (APP_STATE, APP_ITEMS) and {a.kind for a in mod.globals.values()} & (LOCK_KINDS | THREAD_KINDS):
            owners.add(_package_of(mod.name))
    for ctx in model.contexts:
        if ctx.kind != ContextKind.PUBLIC:
            owners.update(_package_of(_module_of(model, e)) for e in ctx.entries)
    return sorted(p for p in owners if p)


def _module_of(model: ProgramModel, qualname: str) -> str:
    fn = model.functions.get(qualname)
    return fn.module if fn else qualname


def _package_path(model: ProgramModel, package: str, _package_of) -> str:
    paths = sorted(m.path for m in model.modules.values() if _package_of(m.name) == package)
    if len(paths) == 1 and "/" not in paths[0]:
        return paths[0]                          # a single top-level module: `app.py`
    segments = package.split(".")
    if not paths:
        return "/".join(segments)
    parts = paths[0].split("/")
    # the folder that holds the package (it may sit under src/): where its segments run in the path
    for i in range(len(parts) - len(segments) + 1):
        if parts[i:i + len(segments)] == segments:
            return "/".join(parts[:i + len(segments)])
    # the root is a package folder itself (discover.root_package): paths start below its segments
    for k in range(1, len(segments) + 1):
        tail = segments[k:]
        if parts[:len(tail)] == tail:
            return "/".join(tail) or "."
    return "/".join(segments)


def _dimension(package: str) -> str:
    for words, dim in DIMENSION_HINTS:
        if any(w in package.lower() for w in words):
            return dim
    return "Player Thread Safety"


def _s(value: str) -> str:
    return json.dumps(value)    # a JSON string is a valid TOML basic string


def _spec_text(model: ProgramModel, package: str, project: str, package_of) -> str:
    lines = [f"# Starter spec for `{package}` (project {project}), written by `interlock init`.",
             "# Review it: contexts and transitions below are what was found in the code.", "",
             "[component]", f"name = {_s(package)}", f"paths = [{_s(_package_path(model, package, package_of))}]",
             f"dimension = {_s(_dimension(package))}", ""]
    lines += _contexts(model, package, package_of)
    lines += _machines(model, package, package_of)
    return "\n".join(lines).rstrip() + "\n"


def _contexts(model: ProgramModel, package: str, _package_of) -> list[str]:
    lines, public = [], []
    for ctx in model.contexts:
        entries = [e for e in ctx.entries if _package_of(_module_of(model, e)) == package]
        if not entries:
            continue
        if ctx.kind.value not in SPEC_KINDS:
            public.append(ctx.name)
            continue
        lines += ["[[context]]", f"name = {_s(ctx.name)}", f"kind = {_s(ctx.kind.value)}",
                  "calls = [" + ", ".join(_s(e) for e in entries) + "]",
                  f"instances = {_s(ctx.multiplicity)}", ""]
    if public:
        lines += ["# Also inferred (public methods callable from any thread): " + ", ".join(public), ""]
    return lines


def _machines(model: ProgramModel, package: str, _package_of) -> list[str]:
    lines = []
    for sm in model.state_machines:
        cls = model.classes.get(sm.cls)
        if _package_of(cls.module if cls else sm.cls) != package:
            continue
        pairs = sorted({(t.source, t.target) for t in sm.transitions if t.source != "*"})
        lines += ["[[state_machine]]", f"class = {_s(sm.cls.rsplit('.', 1)[-1])}", f"field = {_s(sm.field)}"]
        if sm.initial:
            lines.append(f"initial = {_s(sm.initial)}")
        lines.append("states = [" + ", ".join(_s(s) for s in sm.states if s != "*") + "]")
        lines.append("# transitions found in code; delete the ones that must never happen")
        lines.append("transitions = [" + ", ".join(f"[{_s(a)}, {_s(b)}]" for a, b in pairs) + "]")
        lines.append("")
    return lines
