"""Program-level extraction on real multi-file packages: linking, contexts, locksets, lock graph, states."""
from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest

from interlock.extractor import ExtractError, extract
from interlock.models.program import AttrKind, ContextKind, EventKind, ProgramModel

FILES = {
    "pkg/__init__.py": "from .engine import Engine\n",
    "pkg/base.py": """
        class CounterMixin:
            def _bump(self):
                self.count += 1
        """,
    "pkg/controller.py": """
        import threading
        from enum import Enum


        class State(Enum):
            STOPPED = "stopped"
            PLAYING = "playing"
            PAUSED = "paused"


        class Controller:
            def __init__(self):
                self._lock = threading.RLock()
                self.state = State.STOPPED
                self.position = 0

            def play(self):
                with self._lock:
                    if self.state == State.PAUSED:
                        self.state = State.PLAYING

            def pause(self):
                with self._lock:
                    if self.state != State.PLAYING:
                        return
                    self.state = State.PAUSED

            def stop(self):
                with self._lock:
                    self.state = State.STOPPED
                    self._reset()

            def _reset(self):
                with self._lock:
                    self.position = 0
        """,
    "pkg/engine.py": """
        import threading
        from concurrent.futures import ThreadPoolExecutor

        from .base import CounterMixin
        from pkg.controller import Controller


        class Engine(CounterMixin):
            def __init__(self, controller: Controller):
                self.controller = controller
                self.count = 0
                self._lock = threading.Lock()
                self._io_lock = threading.Lock()
                self._pool = ThreadPoolExecutor(max_workers=2)

            def start(self):
                worker = threading.Thread(target=self._loop, daemon=True)
                worker.start()
                for i in range(3):
                    self._pool.submit(self._job, i)

            def _loop(self):
                with self._lock:
                    self._bump()
                    self._write_out()
                self._sometimes()

            def _job(self, i):
                with self._lock:
                    self._write_out()
                    self._sometimes()
                with self.controller._lock:
                    self.controller.position = i

            def _write_out(self):
                with self._io_lock:
                    self.count += 1

            def _sometimes(self):
                self.count -= 1

            def reenter(self):
                with self._lock:
                    self._again()

            def _again(self):
                with self._lock:
                    pass
        """,
    "pkg/api.py": """
        import asyncio
        import multiprocessing

        from fastapi import APIRouter, FastAPI, WebSocket

        app = FastAPI()
        router = APIRouter(prefix="/api/player")


        @router.get("/seek")
        async def seek(position: float):
            return {"position": position}


        @app.websocket("/ws/stream")
        async def stream(ws: WebSocket):
            await ws.accept()


        def status():
            return {}


        app.add_api_route("/status", status, methods=["GET"])
        app.include_router(router)


        async def tick():
            await asyncio.sleep(1)


        async def main():
            asyncio.create_task(tick())


        def work():
            pass


        def run_process():
            multiprocessing.Process(target=work).start()
        """,
    "pkg/bus.py": """
        import threading


        class Bus:
            def __init__(self):
                self._lock = threading.Lock()
                self.listeners = []

            def subscribe(self, listener):
                with self._lock:
                    self.listeners.append(listener)


        def on_event(event):
            print(event)


        def wire(bus: Bus):
            bus.subscribe(on_event)
        """,
}


def write_tree(root: Path, files: dict[str, str]) -> Path:
    for rel, src in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dedent(src).lstrip("\n"))
    return root


@pytest.fixture(scope="module")
def model(tmp_path_factory) -> ProgramModel:
    return extract(write_tree(tmp_path_factory.mktemp("prog"), FILES), use_cache=False)


def _ctx(model: ProgramModel, name: str):
    hits = [c for c in model.contexts if c.name == name]
    assert hits, f"no context {name}; have {[c.name for c in model.contexts]}"
    return hits[0]


def test_missing_root_is_an_extract_error(tmp_path):
    with pytest.raises(ExtractError, match="does not exist"):
        extract(tmp_path / "nope", use_cache=False)


def test_mixin_attributes_and_methods_belong_to_the_concrete_class(model):
    engine = model.classes["pkg.engine.Engine"]
    assert engine.ancestors == ("pkg.engine.Engine", "pkg.base.CounterMixin")
    assert engine.methods["_bump"] == "pkg.base.CounterMixin._bump"
    assert engine.attributes["count"].declared_in in ("pkg.engine.Engine", "pkg.base.CounterMixin")
    assert model.classes["pkg.base.CounterMixin"].is_mixin
    assert model.resolve("pkg.engine.Engine", "self.count") == ("pkg.engine.Engine", "count")
    loop = model.functions["pkg.engine.Engine._loop"]
    calls = {e.callee: e.resolved for e in loop.events() if e.kind is EventKind.CALL}
    assert calls["self._bump"] == "pkg.base.CounterMixin._bump"


def test_attribute_type_resolves_a_foreign_lock(model):
    engine = model.classes["pkg.engine.Engine"]
    assert engine.attributes["controller"].type_name == "pkg.controller.Controller"
    assert engine.attributes["controller"].kind == AttrKind.OBJECT
    assert model.resolve("pkg.engine.Engine", "self.controller._lock") == ("pkg.controller.Controller", "_lock")


def test_reexport_through_package_init_resolves(tmp_path):
    files = {**FILES, "pkg/user.py": "from pkg import Engine\n\ndef make(c):\n    return Engine(c)\n"}
    m = extract(write_tree(tmp_path, files), use_cache=False)
    call = next(e for e in m.functions["pkg.user.make"].events() if e.kind is EventKind.CALL)
    assert call.resolved == "pkg.engine.Engine.__init__"


def test_every_context_kind_with_its_multiplicity(model):
    expected = {
        "thread:Engine._loop": (ContextKind.THREAD, "one"),
        "executor:Engine._job": (ContextKind.EXECUTOR, "many"),
        "task:tick": (ContextKind.TASK, "one"),
        "process:work": (ContextKind.PROCESS, "one"),
        "callback:on_event": (ContextKind.CALLBACK, "one"),
        "http:GET /api/player/seek": (ContextKind.HTTP, "many"),
        "http:GET /status": (ContextKind.HTTP, "many"),
        "websocket:/ws/stream": (ContextKind.WEBSOCKET, "many"),
        "public:Engine": (ContextKind.PUBLIC, "many"),
        "public:Controller": (ContextKind.PUBLIC, "many"),
        "public:Bus": (ContextKind.PUBLIC, "many"),
    }
    for name, (kind, many) in expected.items():
        ctx = _ctx(model, name)
        assert (ctx.kind, ctx.multiplicity) == (kind, many), name
        assert ctx.origin is not None and ctx.detail
    assert _ctx(model, "public:Engine").entries == ("pkg.engine.Engine.reenter", "pkg.engine.Engine.start")
    assert _ctx(model, "websocket:/ws/stream").is_async


def test_entry_held_through_private_helpers(model):
    fns = model.functions
    assert fns["pkg.engine.Engine._write_out"].entry_held == ("self._lock",)
    assert fns["pkg.engine.Engine._sometimes"].entry_held == ()      # one call site lacks the lock
    assert fns["pkg.controller.Controller._reset"].entry_held == ("self._lock",)
    assert fns["pkg.engine.Engine.reenter"].entry_held == ()         # public: nothing


def test_lock_graph_edges_with_witness(model):
    g = model.lock_graph
    assert g.locks["pkg.engine.Engine._lock"] == "lock"
    assert g.locks["pkg.controller.Controller._lock"] == "rlock"
    edges = {(e.source, e.target): e for e in g.edges}
    edge = edges[("pkg.engine.Engine._lock", "pkg.engine.Engine._io_lock")]
    assert edge.function == "pkg.engine.Engine._write_out"
    assert edge.via[-1] == "pkg.engine.Engine._write_out" and len(edge.via) == 2
    assert len(edge.witness) == 3 and edge.witness[-1].path == "pkg/engine.py"
    assert ("pkg.controller.Controller._lock", "pkg.controller.Controller._lock") not in edges  # RLock
    self_edge = edges[("pkg.engine.Engine._lock", "pkg.engine.Engine._lock")]
    assert self_edge.via == ("pkg.engine.Engine.reenter", "pkg.engine.Engine._again")


def test_state_machine_with_guard_derived_sources(model):
    sm = next(s for s in model.state_machines if s.field == "state")
    assert sm.cls == "pkg.controller.Controller" and sm.enum == "pkg.controller.State"
    assert sm.states == ("STOPPED", "PLAYING", "PAUSED") and sm.initial == "STOPPED"
    moves = {(t.source, t.target, t.method.rsplit(".", 1)[-1]) for t in sm.transitions}
    assert moves == {("PAUSED", "PLAYING", "play"), ("PLAYING", "PAUSED", "pause"), ("*", "STOPPED", "stop")}
    play = next(t for t in sm.transitions if t.target == "PLAYING")
    assert play.guard == "self.state == State.PAUSED"
    pause = next(t for t in sm.transitions if t.target == "PAUSED")
    assert pause.guard == "self.state == State.PLAYING"     # from `if self.state != ...: return`


def test_unparsable_file_is_a_diagnostic(tmp_path):
    write_tree(tmp_path, {"ok.py": "x = 1\n", "bad.py": "def broken(:\n    pass\n"})
    m = extract(tmp_path, use_cache=False)
    assert "ok" in m.modules and "bad" not in m.modules
    assert [d.path for d in m.diagnostics if d.severity == "error"] == ["bad.py"]


def test_discovery_skips_venvs_caches_and_excludes(tmp_path):
    write_tree(tmp_path, {"a.py": "", "venv/lib/x.py": "", "node_modules/y.py": "", "build/z.py": "",
                          "tests/test_a.py": "", "sub/__pycache__/c.py": "", "sub/b.py": ""})
    (tmp_path / "venv" / "pyvenv.cfg").write_text("")
    m = extract(tmp_path, use_cache=False, exclude=["tests"])
    assert sorted(m.modules) == ["a", "sub.b"]


def test_module_names_include_the_packages_the_root_is_in(tmp_path):
    """Named as Python imports them with the root's parent on sys.path; paths stay root-relative."""
    from interlock.extractor.discover import discover_files

    write_tree(tmp_path, {"src/app/__init__.py": "", "src/app/core/__init__.py": "", "src/app/core/run.py": "",
                          "src/app/cli.py": "", "src/app/scripts/tool.py": "", "loose/job.py": ""})
    named = lambda root: {f.path: f.module for f in discover_files(root)}
    assert named(tmp_path)["src/app/core/run.py"] == "src.app.core.run"        # a folder that is no package
    assert named(tmp_path / "src") == {"app/__init__.py": "app", "app/cli.py": "app.cli",
                                       "app/core/__init__.py": "app.core", "app/core/run.py": "app.core.run",
                                       "app/scripts/tool.py": "app.scripts.tool"}
    assert named(tmp_path / "src" / "app") == {"__init__.py": "app", "cli.py": "app.cli",
                                               "core/__init__.py": "app.core", "core/run.py": "app.core.run",
                                               "scripts/tool.py": "app.scripts.tool"}
    assert named(tmp_path / "src" / "app" / "core") == {"__init__.py": "app.core", "run.py": "app.core.run"}
    assert named(tmp_path / "loose") == {"job.py": "job"}


EXTRA = {
    "svc/__init__.py": "",
    "svc/workers.py": """
        import threading


        class Pump(threading.Thread):
            def __init__(self):
                super().__init__(daemon=True)
                self._lock = threading.Lock()
                self.hits = 0
                self.mode = "idle"

            def run(self):
                with self._lock:
                    self.hits += 1
                    self.mode = "busy"
                self.mode = "idle"


        class Starter:
            def __init__(self):
                self._lock = threading.Lock()

            def go(self):
                threading.Thread(target=lambda: self._tick(1)).start()

            def _tick(self, n):
                pass
        """,
}


@pytest.fixture(scope="module")
def extra(tmp_path_factory) -> ProgramModel:
    return extract(write_tree(tmp_path_factory.mktemp("extra"), EXTRA), use_cache=False)


def test_thread_subclass_run_is_a_thread_context(extra):
    assert extra.classes["svc.workers.Pump"].is_thread
    ctx = _ctx(extra, "thread:Pump.run")
    assert ctx.entries == ("svc.workers.Pump.run",) and ctx.kind is ContextKind.THREAD


def test_lambda_target_is_a_synthetic_function_context(extra):
    threads = [c for c in extra.contexts if c.kind is ContextKind.THREAD and "Starter.go" in c.name]
    assert len(threads) == 1 and "<lambda:" in threads[0].entries[0]
    assert threads[0].entries[0] in extra.functions


def test_counters_are_not_state_machines_but_string_modes_are(extra):
    fields = {(s.cls, s.field): s for s in extra.state_machines}
    assert ("svc.workers.Pump", "hits") not in fields
    mode = fields[("svc.workers.Pump", "mode")]
    assert mode.initial == "idle" and set(mode.states) == {"idle", "busy"}
    assert {(t.source, t.target) for t in mode.transitions} == {("*", "busy"), ("busy", "idle")}


def test_text_outline_lists_every_section(model):
    from interlock.reports.model_text import render_model

    text = render_model(model)
    for needle in ("Classes (", "pkg.engine.Engine", "_lock (lock)", "Contexts (", "thread:Engine._loop",
                   "Lock graph (", "pkg.engine.Engine._lock -> pkg.engine.Engine._io_lock", "self-deadlock",
                   "State machines (", "PAUSED -> PLAYING  in play"):
        assert needle in text, needle


def test_class_body_value_is_the_initial_state(tmp_path):
    src = {"door.py": """
        import threading


        class Door:
            state = "closed"

            def __init__(self):
                self._lock = threading.Lock()

            def open(self):
                with self._lock:
                    if self.state == "closed":
                        self.state = "open"
        """}
    m = extract(write_tree(tmp_path, src), use_cache=False)
    sm = next(s for s in m.state_machines if s.field == "state")
    assert sm.initial == "closed" and set(sm.states) == {"closed", "open"}
    assert [(t.source, t.target) for t in sm.transitions] == [("closed", "open")]


def test_module_constants_are_named_states_local_or_imported(tmp_path):
    src = {"states.py": """
        IDLE = "idle"
        BUSY = "busy"
        """, "worker.py": """
        import threading
        from states import IDLE, BUSY

        DONE = 2
        limit = 3
        limit = 4


        class Worker:
            def __init__(self):
                self._lock = threading.Lock()
                self.state = IDLE
                self.cap = limit

            def begin(self):
                with self._lock:
                    if self.state == IDLE:
                        self.state = BUSY

            def finish(self):
                with self._lock:
                    self.state = DONE
                    self.cap = 1
        """}
    m = extract(write_tree(tmp_path, src), use_cache=False)
    sm = next(s for s in m.state_machines if s.field == "state")
    assert sm.initial == "IDLE" and set(sm.states) == {"IDLE", "BUSY", "DONE"}
    assert sorted((t.source, t.target) for t in sm.transitions) == [("*", "DONE"), ("IDLE", "BUSY")]
    assert not any(s.field == "cap" for s in m.state_machines)     # `limit` is rebound: not a constant


def test_parallel_extraction_equals_in_process(tmp_path):
    for i in range(45):          # above the in-process threshold
        (tmp_path / f"m{i}.py").write_text(
            f"import threading\n\nclass C{i}:\n    def __init__(self):\n        self._lock = threading.Lock()\n\n"
            f"    def f(self):\n        with self._lock:\n            self.x = {i}\n")
    (tmp_path / "bad.py").write_text("def (:\n")
    parallel = extract(tmp_path, use_cache=False, jobs=2)
    assert parallel == extract(tmp_path, use_cache=False, jobs=1)
    assert len(parallel.classes) == 45 and [d.path for d in parallel.diagnostics] == ["bad.py"]


def test_state_machine_edges_carry_method_guard_and_location(model):
    sm = next(s for s in model.state_machines if s.field == "state")
    got = sorted((t.source, t.target, t.method, t.guard, t.loc.path, t.loc.line, t.loc.column)
                 for t in sm.transitions)
    assert got == [
        ("*", "STOPPED", "pkg.controller.Controller.stop", None, "pkg/controller.py", 30, 12),
        ("PAUSED", "PLAYING", "pkg.controller.Controller.play", "self.state == State.PAUSED", "pkg/controller.py", 20, 16),
        ("PLAYING", "PAUSED", "pkg.controller.Controller.pause", "self.state == State.PLAYING", "pkg/controller.py", 26, 12),
    ]
    g = sm.to_networkx()
    assert set(g.nodes) == {"STOPPED", "PLAYING", "PAUSED", "*"} and g.number_of_edges() == 3


SERVICE = {
    "svc-web/backend/core/__init__.py": "",
    "svc-web/backend/core/util.py": """
        def helper():
            return 1
        """,
    "svc-web/backend/routers/api.py": """
        import asyncio

        from core.util import helper


        async def handler():
            helper()
            await asyncio.to_thread(helper)
        """,
    "tools/script.py": """
        from core.util import helper


        def run():
            helper()
        """,
}


def test_imports_resolve_against_a_service_folder_run_as_its_own_source_root(tmp_path):
    """`svc-web/backend` is on sys.path when the service runs: `core.util` there is
    `svc-web.backend.core.util`; a module outside that folder cannot see it that way."""
    m = extract(write_tree(tmp_path, SERVICE), use_cache=False)
    target = "svc-web.backend.core.util.helper"
    handler = m.functions["svc-web.backend.routers.api.handler"]
    assert [e.resolved for e in handler.events() if e.kind is EventKind.CALL and e.callee.endswith("helper")] == [target]
    assert [e.spawn.resolved for e in handler.events() if e.kind is EventKind.SPAWN] == [target]
    assert [c.name for c in m.contexts if c.entries == (target,)] == ["executor:helper"]
    script = m.functions["tools.script.run"]
    assert [e.resolved for e in script.events() if e.kind is EventKind.CALL] == [None]


KEYED = {
    "store.py": """
        class Store:
            def save(self): ...
        class Cache:
            def get(self): ...
    """,
    "main.py": """
        from store import Store, Cache
        from setup import wire, wire_twice, local_read

        store = Store()
        cache = Cache()
        services = {
            "banner": "a banner long enough to make the literal longer than the snippets the extractor keeps whole, "
                      "so that the linker reads an outline of its keys and the names they map to",
            "store": store, "cache": cache, "debug": False,
        }
        other = {"store": cache}
        wire(services)
        wire_twice(services)
        wire_twice(other)
    """,
    "setup.py": """
        from typing import Any
        from main import services

        def wire(deps: dict[str, Any]) -> None:
            store: Any = deps.get("store")
            cache = deps["cache"]
            debug = deps.get("debug", False)
            store.save()
            cache.get()

        def wire_twice(deps):
            store = deps.get("store")
            store.save()

        def local_read():
            s = services["store"]
            s.save()
    """,
}


def test_locals_taken_from_a_services_dict_by_key_are_typed(tmp_path):
    """`store = deps.get("store")`, `deps["cache"]`: the class of the object the dict literal every
    caller passes holds under that key; callers passing dicts that disagree leave it untyped."""
    m = extract(write_tree(tmp_path, KEYED), use_cache=False)
    wire = m.functions["setup.wire"]
    assert wire.keyed == {"store": ("deps", "store"), "cache": ("deps", "cache"), "debug": ("deps", "debug")}
    assert wire.fetched == {"store": "store.Store", "cache": "store.Cache"}
    assert m.functions["setup.wire_twice"].fetched == {}
    assert m.functions["setup.local_read"].fetched == {"s": "store.Store"}      # an imported global dict
    calls = [e.resolved for e in wire.events() if e.kind is EventKind.CALL]
    assert calls[-2:] == ["store.Store.save", "store.Cache.get"]
