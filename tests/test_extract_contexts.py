"""Every kind of concurrent context, extracted from one small multi-file app, with its multiplicity.

Each test asserts the exact contexts produced (name, kind, multiplicity, entries, async), so a
context that disappears, appears twice or changes multiplicity is noticed.
"""
from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest

from interlock.extractor import extract
from interlock.models.program import ContextKind as K, ProgramModel

APP = {
    "app/__init__.py": "",
    "app/mixins.py": """
        class PlaybackMixin:
            def play_track(self):
                with self._lock:
                    self.position = 0
        """,
    "app/player.py": """
        import asyncio
        import functools
        import threading
        from concurrent.futures import ThreadPoolExecutor

        from app.mixins import PlaybackMixin


        class Prebuffer(threading.Thread):
            def run(self):
                pass


        class Player(PlaybackMixin):
            def __init__(self):
                self._lock = threading.Lock()
                self._pool = ThreadPoolExecutor(max_workers=4)
                self.position = 0

            def load_track(self, path):
                self.position = 0

            def start(self):
                threading.Thread(target=self._playback_loop, daemon=True).start()
                threading.Thread(target=functools.partial(self._decode, 0)).start()
                threading.Thread(target=lambda: self._decode(1)).start()
                Prebuffer().start()

            def fan_out(self, chunks):
                workers = [threading.Thread(target=self._worker, args=(c,)) for c in chunks]
                for w in workers:
                    w.start()
                for c in chunks:
                    self._pool.submit(self._process, c)
                list(self._pool.map(self._render, chunks))

            def on_done(self, future):
                future.add_done_callback(self._finished)

            async def serve(self, loop):
                await loop.run_in_executor(self._pool, self._blocking_read)
                await asyncio.to_thread(self._probe)
                asyncio.ensure_future(self._heartbeat())
                await asyncio.gather(*(self._fetch(i) for i in range(3)))
                async with asyncio.TaskGroup() as tg:
                    tg.create_task(self._watch())

            def _playback_loop(self):
                pass

            def _decode(self, n):
                pass

            def _worker(self, chunk):
                pass

            def _process(self, chunk):
                pass

            def _render(self, chunk):
                pass

            def _finished(self, future):
                pass

            def _blocking_read(self):
                pass

            def _probe(self):
                pass

            async def _heartbeat(self):
                pass

            async def _fetch(self, i):
                pass

            async def _watch(self):
                pass
        """,
    "app/events.py": """
        _listeners = []


        def register(fn):
            _listeners.append(fn)


        def on_library_changed(event):
            pass


        register(on_library_changed)
        """,
    "app/api.py": """
        import asyncio

        from fastapi import APIRouter, FastAPI, WebSocket
        from starlette.applications import Starlette
        from starlette.routing import Route, WebSocketRoute

        from app.player import Player

        app = FastAPI()
        router = APIRouter(prefix="/api/player")
        player = Player()
        app.state.engine = Player()
        current = None


        def startup():
            global current
            current = Player()


        @router.post("/load")
        async def load(path: str):
            await asyncio.to_thread(player.load_track, path)
            loop = asyncio.get_running_loop()
            await loop.run_in_executor(None, player.play_track)
            await asyncio.to_thread(app.state.engine.load_track, path)
            await asyncio.to_thread(current.start)
            return {}


        @router.get("/status")
        def status():
            return {}


        @app.websocket("/ws/stream")
        async def stream(ws: WebSocket):
            await ws.accept()


        async def health(request):
            return None


        async def echo(ws):
            await ws.accept()


        starlette_app = Starlette(routes=[Route("/health", health), WebSocketRoute("/echo", echo)])
        app.include_router(router)
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
    return extract(write_tree(tmp_path_factory.mktemp("ctx"), APP), use_cache=False)


def contexts(model: ProgramModel, module: str) -> dict[str, tuple]:
    """name -> (kind, multiplicity, entries, is_async) of the contexts whose entries live in `module`."""
    out = {}
    for c in model.contexts:
        if any(e.startswith(module + ".") for e in c.entries):
            out[c.name] = (c.kind, c.multiplicity, c.entries, c.is_async)
    return out


P = "app.player.Player."


def test_threads_executors_tasks_and_callbacks_of_the_player(model):
    # Every request to `/load` runs `Player.start` (to_thread) and `public:Player` callers run
    # `serve` and `fan_out` at once, so all they start runs several times at once too; only the
    # Thread subclass's `run` stays one (each start is of a new thread object). Per-site
    # multiplicity (loops, comprehensions) is test_spawn_in_a_loop_or_comprehension_is_many_outside_is_one.
    assert contexts(model, "app.player") == {
        "thread:Player._playback_loop": (K.THREAD, "many", (P + "_playback_loop",), False),
        "thread:Player._decode": (K.THREAD, "many", (P + "_decode",), False),
        "thread:Player.start.<lambda:26>": (K.THREAD, "many", (P + "start.<lambda:26>",), False),
        "thread:Prebuffer.run": (K.THREAD, "one", ("app.player.Prebuffer.run",), False),
        "thread:Player._worker": (K.THREAD, "many", (P + "_worker",), False),         # list comprehension
        "executor:Player._process": (K.EXECUTOR, "many", (P + "_process",), False),   # submit in a loop
        "executor:Player._render": (K.EXECUTOR, "many", (P + "_render",), False),     # executor.map
        "callback:Player._finished": (K.CALLBACK, "many", (P + "_finished",), False),
        "executor:Player._blocking_read": (K.EXECUTOR, "many", (P + "_blocking_read",), False),
        "executor:Player._probe": (K.EXECUTOR, "many", (P + "_probe",), False),
        "task:Player._heartbeat": (K.TASK, "many", (P + "_heartbeat",), True),        # ensure_future
        "task:Player._fetch": (K.TASK, "many", (P + "_fetch",), True),                # gather(*genexp)
        "task:Player._watch": (K.TASK, "many", (P + "_watch",), True),                # TaskGroup
        # to_thread from the API (module global and app.state objects) at two sites: many
        "executor:Player.load_track": (K.EXECUTOR, "many", (P + "load_track",), False),
        "executor:Player.start": (K.EXECUTOR, "many", (P + "start",), False),         # once per request
        "public:Player": (K.PUBLIC, "many",
                          ("app.mixins.PlaybackMixin.play_track", P + "fan_out", P + "load_track",
                           P + "on_done", P + "serve", P + "start"), True),
    }


def test_run_in_executor_on_a_module_global_reaches_the_mixin_method(model):
    assert contexts(model, "app.mixins") == {
        "executor:PlaybackMixin.play_track": (K.EXECUTOR, "many", ("app.mixins.PlaybackMixin.play_track",), False),
        "public:Player": contexts(model, "app.player")["public:Player"],
    }


def test_module_level_registration_is_a_callback_context(model):
    assert contexts(model, "app.events") == {
        "callback:on_library_changed": (K.CALLBACK, "one", ("app.events.on_library_changed",), False),
    }
    ctx = next(c for c in model.contexts if c.name == "callback:on_library_changed")
    assert ctx.origin.path == "app/events.py" and ctx.origin.line == 12 and "module level" in ctx.detail


def test_fastapi_and_starlette_handlers_are_many(model):
    assert contexts(model, "app.api") == {
        "http:POST /api/player/load": (K.HTTP, "many", ("app.api.load",), True),
        "http:GET /api/player/status": (K.HTTP, "many", ("app.api.status",), False),
        "websocket:/ws/stream": (K.WEBSOCKET, "many", ("app.api.stream",), True),
        "http:GET /health": (K.HTTP, "many", ("app.api.health",), True),
        "websocket:/echo": (K.WEBSOCKET, "many", ("app.api.echo",), True),
    }


def test_every_context_has_an_origin_and_a_description(model):
    for c in model.contexts:
        assert c.origin is not None and c.origin.path and c.origin.line > 0, c.name
        assert c.detail, c.name


def test_global_assigned_in_a_function_is_typed(model):
    current = model.modules["app.api"].globals["current"]
    assert current.type_name == "app.player.Player" and not current.init_only


def test_spawn_in_a_loop_or_comprehension_is_many_outside_is_one(tmp_path):
    src = {"w.py": """
        import threading


        def work(i):
            pass


        def single():
            threading.Thread(target=work, args=(0,)).start()


        def in_loop(n):
            i = 0
            while i < n:
                threading.Thread(target=work, args=(i,)).start()
                i += 1


        def in_dict_comp(n):
            return {i: threading.Thread(target=work, args=(i,)) for i in range(n)}


        def in_generator(n):
            for t in (threading.Thread(target=work, args=(i,)) for i in range(n)):
                t.start()
        """}
    m = extract(write_tree(tmp_path, src), use_cache=False)
    from interlock.models.program import EventKind

    many = {q.rsplit(".", 1)[-1]: [e.spawn.many for e in f.events() if e.kind is EventKind.SPAWN]
            for q, f in m.functions.items() if q != "w.work"}
    assert many == {"single": [False], "in_loop": [True], "in_dict_comp": [True], "in_generator": [True]}
    assert [(c.name, c.multiplicity) for c in m.contexts if c.kind.value == "thread"] == [("thread:work", "many")]


def test_main_thread_contexts_are_the_plain_functions_that_start_work_and_go_on(tmp_path):
    src = {"tool.py": """
        import os
        import threading


        def work():
            pass


        def run_all():                      # called at import time, starts work through a helper
            launch()


        def launch():
            threading.Thread(target=work).start()


        def serve():                        # called by no code of the program
            threading.Thread(target=work).start()


        def hook():                         # handed to other code: run by it
            threading.Thread(target=work).start()


        def plain():                        # starts nothing
            pass


        class Service:
            def start(self):                # a method: its class's public context covers it
                threading.Thread(target=work).start()


        os.register_at_fork(after_in_child=hook)

        if __name__ == "__main__":
            run_all()
            plain()
        """}
    m = extract(write_tree(tmp_path, src), use_cache=False)
    main = {c.name: (c.entries, c.multiplicity, c.is_async) for c in m.contexts if c.kind.value == "main"}
    assert main == {"main:run_all": (("tool.run_all",), "one", False),
                    "main:serve": (("tool.serve",), "one", False)}
    assert "called at import time" in next(c.detail for c in m.contexts if c.name == "main:run_all")


def test_spec_names_resolve_methods_inherited_from_mixins_and_bases(model):
    assert model.find_function("Player.play_track").qualname == "app.mixins.PlaybackMixin.play_track"
    assert model.find_function("Player.load_track").qualname == P + "load_track"
    assert model.find_function("Player.no_such_method") is None
    assert model.find_function("NoSuchClass.play_track") is None


def test_shutdown_signal_finalizer_and_fork_hooks_are_not_contexts(tmp_path):
    """atexit hooks, stop-signal handlers (`signal.signal`, `loop.add_signal_handler` for SIGTERM,
    SIGINT ... or a signal in a variable), `weakref.finalize` and fork hooks run at exit, to stop the
    program or around fork(), not alongside its threads; a SIGCHLD handler and a subscription next
    to them still are callback contexts."""
    src = {"hooks.py": """
        import atexit
        import os
        import signal
        import threading
        import weakref
        from atexit import register as at_exit


        def _bye():
            pass


        def _reset_in_child():
            pass


        class Database:
            def __init__(self, bus, loop):
                self._lock = threading.Lock()
                atexit.register(self.shutdown)
                at_exit(_bye)
                signal.signal(signal.SIGTERM, self._on_term)
                loop.add_signal_handler(signal.SIGINT, self._on_int)
                for sig in (signal.SIGHUP, signal.SIGQUIT):
                    signal.signal(sig, self._on_term)
                loop.add_signal_handler(signal.SIGCHLD, self._on_child)
                weakref.finalize(self, _bye)
                os.register_at_fork(after_in_child=_reset_in_child)
                bus.subscribe(self._on_message)

            def shutdown(self):
                pass

            def _on_term(self, signum, frame):
                pass

            def _on_int(self):
                pass

            def _on_message(self, msg):
                pass

            def _on_child(self):
                pass
        """}
    m = extract(write_tree(tmp_path, src), use_cache=False)
    assert sorted(c.name for c in m.contexts if c.kind is not K.PUBLIC) == [
        "callback:Database._on_child", "callback:Database._on_message"]


def test_a_local_built_by_its_class_resolves_calls_and_spawns(tmp_path):
    """`scanner = Scanner(); to_thread(scanner.scan)` starts `Scanner.scan` (the spawn records
    `scanner` as a fresh receiver); a local rebound to something else is not typed any more."""
    src = {"jobs.py": """
        import asyncio


        class Scanner:
            def configure(self):
                pass

            def scan(self):
                pass


        def other():
            return object()


        async def fresh():
            scanner = Scanner()
            scanner.configure()
            await asyncio.to_thread(scanner.scan)


        async def rebound():
            job = Scanner()
            job = other()
            await asyncio.to_thread(job.scan)
        """}
    m = extract(write_tree(tmp_path, src), use_cache=False)
    from interlock.models.program import EventKind

    assert [c.name for c in m.contexts if c.kind is K.EXECUTOR] == ["executor:Scanner.scan"]
    calls = {e.callee: e.resolved for e in m.functions["jobs.fresh"].events() if e.kind is EventKind.CALL}
    assert calls["scanner.configure"] == "jobs.Scanner.configure"
    spawns = [e.spawn for f in ("jobs.fresh", "jobs.rebound") for e in m.functions[f].events() if e.spawn]
    assert [(s.resolved, s.receiver) for s in spawns] == [("jobs.Scanner.scan", "scanner"), (None, None)]


def test_objects_on_starlette_app_state_resolve_from_lifespan_and_request(tmp_path):
    files = {
        "svc/__init__.py": "",
        "svc/engine.py": """
            class Engine:
                def render(self):
                    pass

                def warm_up(self):
                    pass
            """,
        "svc/main.py": """
            import asyncio
            from contextlib import asynccontextmanager

            from fastapi import FastAPI, Request

            from svc.engine import Engine


            @asynccontextmanager
            async def lifespan(app: FastAPI):
                app.state.engine = Engine()
                await asyncio.to_thread(app.state.engine.warm_up)
                yield


            app = FastAPI(lifespan=lifespan)


            @app.post("/render")
            async def render(request: Request):
                await asyncio.to_thread(request.app.state.engine.render)


            class Renderer:
                def __init__(self):
                    self.state = None

                def go(self):
                    self.state.engine.render()
            """,
    }
    m = extract(write_tree(tmp_path, files), use_cache=False)
    assert contexts(m, "svc.engine") == {
        "executor:Engine.render": (K.EXECUTOR, "many", ("svc.engine.Engine.render",), False),
        "executor:Engine.warm_up": (K.EXECUTOR, "one", ("svc.engine.Engine.warm_up",), False),
    }
    go = m.functions["svc.main.Renderer.go"]     # `self.state` is no Starlette app state
    from interlock.models.program import EventKind

    assert [e.resolved for e in go.events() if e.kind is EventKind.CALL] == [None]


def test_calls_to_spawn_wrappers_start_what_the_wrapped_primitive_would(tmp_path):
    """A helper that hands its parameter to `create_task` or `Thread(target=...)` (directly, or
    through another helper) makes each call a task/thread of the argument, across modules; many
    when a call site repeats or one target has two call sites."""
    files = {
        "svc/__init__.py": "",
        "svc/helpers.py": """
            import asyncio
            import threading

            _tasks = set()


            def spawn_background_task(coro, *, name=None):
                task = asyncio.create_task(coro, name=name)
                _tasks.add(task)
                return task


            def run_in_thread(fn, *args):
                threading.Thread(target=fn, args=args, daemon=True).start()


            def start_named(label, job):
                run_in_thread(job)


            def not_a_wrapper(coro):
                return coro
            """,
        "svc/scanner.py": """
            from svc import helpers
            from svc.helpers import run_in_thread, spawn_background_task, start_named


            class Scanner:
                def start(self):
                    self._task = spawn_background_task(self._run(), name="scanner")
                    run_in_thread(self._work, 1)
                    start_named("x", job=self._flush)
                    helpers.not_a_wrapper(self._idle())

                def fan_out(self, paths):
                    for p in paths:
                        run_in_thread(self._scan_one, p)
                    return [spawn_background_task(self._fetch(p)) for p in paths]

                async def _run(self):
                    pass

                async def _fetch(self, p):
                    pass

                async def _idle(self):
                    pass

                def _work(self, n):
                    pass

                def _flush(self):
                    pass

                def _scan_one(self, p):
                    pass
            """,
    }
    m = extract(write_tree(tmp_path, files), use_cache=False)
    S = "svc.scanner.Scanner."
    got = {k: v for k, v in contexts(m, "svc.scanner").items() if not k.startswith("public:")}
    assert got == {
        "task:Scanner._run": (K.TASK, "one", (S + "_run",), True),
        "thread:Scanner._work": (K.THREAD, "one", (S + "_work",), False),
        "thread:Scanner._flush": (K.THREAD, "one", (S + "_flush",), False),          # two levels
        "thread:Scanner._scan_one": (K.THREAD, "many", (S + "_scan_one",), False),   # loop
        "task:Scanner._fetch": (K.TASK, "many", (S + "_fetch",), True),              # comprehension
    }
    assert contexts(m, "svc.helpers") == {}
    run = next(c for c in m.contexts if c.name == "task:Scanner._run")
    assert run.on_loop and run.detail == "create_task(self._run) in Scanner.start"


def test_the_coroutine_a_program_runs_on_its_own_loop_is_a_main_context(tmp_path):
    src = {"tool.py": """
        import asyncio
        from asyncio import run


        async def main(n):
            await asyncio.sleep(n)


        async def serve():
            await asyncio.sleep(1)


        def sync_job():
            pass


        def cli():
            loop = asyncio.new_event_loop()
            loop.run_until_complete(serve())


        if __name__ == "__main__":
            asyncio.run(main(1))
            asyncio.run(sync_job())
        """}
    m = extract(write_tree(tmp_path, src), use_cache=False)
    mains = [(c.name, c.entries, c.is_async, c.on_loop, c.multiplicity, c.detail)
             for c in m.contexts if c.kind is K.MAIN]
    assert mains == [
        ("main:main", ("tool.main",), True, True, "one", "asyncio.run(main(1)) in module level"),
        ("main:serve", ("tool.serve",), True, True, "one", "loop.run_until_complete(serve()) in cli"),
    ]


def test_stdlib_request_handlers_are_http_contexts(tmp_path):
    src = {"srv.py": """
        import socketserver
        from http.server import BaseHTTPRequestHandler, HTTPServer


        class Api(BaseHTTPRequestHandler):
            def do_GET(self):
                pass

            def do_POST(self):
                pass

            def log_message(self, fmt, *args):
                pass


        class Echo(socketserver.StreamRequestHandler):
            def handle(self):
                pass


        def serve():
            HTTPServer(("", 8000), Api).serve_forever()
        """}
    m = extract(write_tree(tmp_path, src), use_cache=False)
    assert [(c.name, c.kind, c.multiplicity) for c in m.contexts] == [
        ("http:Api.do_GET", K.HTTP, "one"), ("http:Api.do_POST", K.HTTP, "one"), ("http:Echo.handle", K.HTTP, "one")]
    src["srv.py"] = src["srv.py"].replace("HTTPServer((", "ThreadingHTTPServer((").replace(
        "import BaseHTTPRequestHandler, HTTPServer", "import BaseHTTPRequestHandler, ThreadingHTTPServer")
    m = extract(write_tree(tmp_path, src), use_cache=False)
    assert {c.multiplicity for c in m.contexts} == {"many"}


def test_audio_stream_callbacks_run_on_the_library_thread(tmp_path):
    src = {"audio.py": """
        import pyaudio
        import sounddevice as sd


        class Capture:
            def __init__(self):
                self._pa = pyaudio.PyAudio()

            def open(self):
                self._in = self._pa.open(format=pyaudio.paInt16, channels=1, rate=16000, input=True,
                                         stream_callback=self._on_block)
                self._raw = sd.RawInputStream(samplerate=16000, callback=self._on_raw,
                                              finished_callback=self._on_end)

            def _on_block(self, data, frames, info, status):
                return data, pyaudio.paContinue

            def _on_raw(self, data, frames, info, status):
                pass

            def _on_end(self):
                pass

            def close(self, callback=None):
                sd.play(callback=callback)
        """}
    m = extract(write_tree(tmp_path, src), use_cache=False)
    got = {(c.name, c.kind, c.multiplicity, c.on_loop) for c in m.contexts if c.kind is K.CALLBACK}
    assert got == {("callback:Capture._on_block", K.CALLBACK, "one", False),
                   ("callback:Capture._on_raw", K.CALLBACK, "one", False),
                   ("callback:Capture._on_end", K.CALLBACK, "one", False)}


def test_aiohttp_routes_and_websockets_servers_are_many_request_contexts(tmp_path):
    src = {"srv.py": """
        import functools

        import websockets
        from aiohttp import web

        routes = web.RouteTableDef()


        @routes.get("/a")
        async def a(request):
            pass


        async def b(request):
            pass


        async def c(request):
            pass


        async def d(request):
            pass


        async def feed(ws, topic):
            pass


        def make_app():
            app = web.Application()
            app.router.add_route("PUT", "/b", b)
            app.add_routes([web.get("/c", c), web.route("*", "/d", d)])
            app.add_routes(routes)
            return app


        async def main():
            async with websockets.serve(functools.partial(feed, topic="x"), "", 8765):
                pass
        """}
    m = extract(write_tree(tmp_path, src), use_cache=False)
    assert sorted((c.name, c.kind, c.multiplicity) for c in m.contexts if c.kind in (K.HTTP, K.WEBSOCKET)) == [
        ("http:GET /a", K.HTTP, "many"), ("http:GET /c", K.HTTP, "many"), ("http:GET /d", K.HTTP, "many"),
        ("http:PUT /b", K.HTTP, "many"), ("websocket:feed", K.WEBSOCKET, "many")]


def test_public_contexts_of_two_classes_of_one_name_say_where_each_is(tmp_path):
    body = """
        import threading


        class Reservoir:
            def __init__(self):
                self._lock = threading.Lock()

            def take(self):
                with self._lock:
                    pass
        """
    m = extract(write_tree(tmp_path, {"a/__init__.py": "", "a/res.py": body, "b/__init__.py": "", "b/res.py": body}),
                use_cache=False)
    assert sorted(c.name for c in m.contexts) == ["public:Reservoir", "public:Reservoir (b/res.py)"]


def test_public_leaves_out_methods_only_a_main_flow_calls_while_it_runs_alone(tmp_path):
    """extractor/setup_phase.py: set-up calls come before the first start or after as many joins;
    a call in a loop that starts work, after an unjoined daemon, or from other code stays public."""
    src = {"lab.py": """
        import threading


        class Rig:
            def __init__(self):
                self._lock = threading.Lock()

            def calibrate(self): pass
            def tare(self): pass
            def label(self, i): pass
            def report(self): pass
            def drain(self): pass
            def sample(self):
                with self._lock:
                    pass


        def poll(rig):
            rig.sample()
            rig.drain()


        def run_batch(rig):
            for i in range(3):
                rig.label(i)
                threading.Thread(target=poll, args=(rig,)).start()


        def main():
            rig = Rig()
            rig.calibrate()
            ws = [threading.Thread(target=poll, args=(rig,)) for _ in range(2)]
            for w in ws:
                w.start()
            for w in ws:
                w.join()
            rig.tare()
            run_batch(rig)
            rig.drain()
            threading.Thread(target=poll, args=(rig,), daemon=True).start()
            watcher = threading.Thread(target=poll, args=(rig,))
            watcher.start()
            watcher.join()
            rig.report()
        """}
    m = extract(write_tree(tmp_path, src), use_cache=False)
    public = next(c for c in m.contexts if c.name == "public:Rig")
    assert public.entries == ("lab.Rig.drain", "lab.Rig.label", "lab.Rig.report", "lab.Rig.sample")


def test_jobs_of_a_single_worker_executor_share_its_serial_key(tmp_path):
    src = {"shop.py": """
        import asyncio
        from concurrent.futures import ThreadPoolExecutor

        ONE = 1
        WRITER = ThreadPoolExecutor(ONE)
        WIDE = ThreadPoolExecutor(max_workers=3)


        class Basket:
            def __init__(self):
                self._actor = ThreadPoolExecutor(max_workers=1)

            def add(self, item):
                self._actor.submit(self._put, item)
                list(self._actor.map(self._tag, [item]))

            def _put(self, item): pass
            def _tag(self, item): pass


        def save(row): pass
        def scan(row): pass
        def fetch(row): pass


        async def flush(loop, row):
            WRITER.submit(save, row)
            WIDE.submit(scan, row)
            await loop.run_in_executor(WRITER, fetch, row)
        """}
    m = extract(write_tree(tmp_path, src), use_cache=False)
    serial = {c.name: c.serial for c in m.contexts if c.kind is K.EXECUTOR}
    assert serial == {"executor:Basket._put": "shop.Basket._actor", "executor:Basket._tag": "shop.Basket._actor",
                      "executor:save": "shop.WRITER", "executor:fetch": "shop.WRITER", "executor:scan": None}
    by_name = {c.name: c for c in m.contexts}
    put, tag, save = by_name["executor:Basket._put"], by_name["executor:Basket._tag"], by_name["executor:save"]
    assert not put.concurrent_with(tag) and not put.concurrent_with(put)
    assert put.concurrent_with(save) and save.concurrent_with(by_name["executor:scan"])


def test_public_functions_of_a_module_that_starts_a_thread_at_import_are_one_context(tmp_path):
    src = {"geo.py": """
        import threading

        _table = {}


        def _reload():
            _table.clear()


        def country_of(code):               # the importers' API
            return _table.get(code)


        def known():                        # the importers' API too
            return sorted(_table)


        def _private():
            pass


        def helper():                       # called by the module's own code: not an entry
            return 1


        def refresh():
            return helper()


        threading.Thread(target=_reload, daemon=True).start()
        """,
           "script.py": """
        import threading


        def work():
            pass


        def report():                       # the script's main flow calls it
            pass


        def loop():
            pass


        if __name__ == "__main__":
            threading.Thread(target=work).start()
            report()
            loop()
        """,
           "quiet.py": """
        def lookup(key):                    # no thread started at import: no context
            return key
        """}
    m = extract(write_tree(tmp_path, src), use_cache=False)
    public = {c.name: (c.entries, c.multiplicity) for c in m.contexts if c.name.startswith("public:")}
    assert public == {"public:geo": (("geo.country_of", "geo.known", "geo.refresh"), "many")}


def test_a_scripts_top_level_code_that_starts_work_is_the_main_context(tmp_path):
    src = {"tally.py": """
        import threading

        count = 0


        def work():
            pass


        count = 1                           # alone: before the start, left out
        t = threading.Thread(target=work)
        t.daemon = True                     # built, not started: still alone
        t.start()
        count += 1                          # beside the worker
        t.join()
        count += 2                          # alone again: after the join
        """,
           "built.py": """
        import threading


        class Main(threading.Thread):
            def run(self):
                pass


        _main = Main()                      # built, never started here: no script
        """,
           "repl.py": """
        import asyncio
        import threading


        def reader():
            pass


        loop = asyncio.new_event_loop()
        threading.Thread(target=reader, daemon=True).start()
        loop.run_forever()
        """}
    m = extract(write_tree(tmp_path, src), use_cache=False)
    main = {c.name: (c.entries, c.on_loop) for c in m.contexts if c.kind.value == "main"}
    assert main == {"main:tally": (("tally.<module>",), False), "main:repl": (("repl.<module>",), True)}
    lines = sorted({e.loc.line for e in m.functions["tally.<module>"].events() if e.target == "tally.count"})
    text = (tmp_path / "tally.py").read_text().splitlines()
    assert [text[n - 1].split("#")[1].strip() for n in lines] == ["beside the worker"]


def test_fork_reset_is_no_public_entry():
    """The reset a fork guard calls (`if self.pid != os.getpid(): ... self.reset()`), which only
    constructors and a subclass's `super().reset()` call besides, re-initialises the object in a
    child process: no outside thread calls it (extractor/entrypoints.fork_resets). A reset that the
    class's own `close()` also calls is an entry again (tests/corpus/il101_fork_reset_not_an_entry)."""
    from interlock.extractor import extract

    case = Path(__file__).parent / "corpus" / "il101_fork_reset_not_an_entry"
    entries = {twin: {q for c in extract(case / twin, use_cache=False).contexts for q in c.entries}
               for twin in ("fixed", "buggy")}
    assert "pool.Pool.reset" not in entries["fixed"] and "pool.TaggedPool.reset" not in entries["fixed"]
    assert "pool.Pool.reset" in entries["buggy"]
