"""Per-file extraction: the exact events libcst-parsed snippets produce (kind, target, op, held, line)."""
from __future__ import annotations

from textwrap import dedent

import pytest

from interlock.extractor.modules import extract_file
from interlock.models.program import Branch, ContextKind, Event, EventKind, Loop, Try

R, W, M, I = EventKind.READ, EventKind.WRITE, EventKind.MUTATE, EventKind.ITERATE
ACQ, REL, CALL, SPAWN = EventKind.ACQUIRE, EventKind.RELEASE, EventKind.CALL, EventKind.SPAWN


def fx(src: str):
    return extract_file(dedent(src), "pkg/mod.py", "pkg.mod")


def body(src: str, fn: str):
    return fx(src).functions[f"pkg.mod.{fn}"].body


def events(src: str, fn: str) -> list[Event]:
    return list(fx(src).functions[f"pkg.mod.{fn}"].events())


def brief(evs, *fields) -> list[tuple]:
    fields = fields or ("kind", "target", "op", "held")
    return [tuple(getattr(e, f) for f in fields) for e in evs]


LOCKED = """
import threading

class C:
    def __init__(self):
        self._lock = threading.Lock()
        self.x = 0
        self.count = 0

    def m(self):
        with self._lock:
            self.x = 1
"""


def test_with_lock_brackets_the_body_with_acquire_and_release():
    assert brief(events(LOCKED, "C.m")) == [
        (ACQ, "self._lock", "with", ()),
        (W, "self.x", "=", ("self._lock",)),
        (REL, "self._lock", "with", ()),
    ]
    assert [e.loc.line for e in events(LOCKED, "C.m")] == [11, 12, 12]


def test_augmented_assignment_is_a_read_then_a_write_with_its_operator():
    src = LOCKED + "\n    def inc(self):\n        self.count += 1\n"
    evs = events(src, "C.inc")
    assert brief(evs, "kind", "target", "op", "value", "reads") == [
        (R, "self.count", None, None, ()),
        (W, "self.count", "+=", "1", ("self.count",)),
    ]
    assert evs[0].loc.line == evs[1].loc.line == 15


def test_acquire_try_finally_release_holds_the_lock_in_between():
    src = LOCKED + """
    def m2(self):
        self._lock.acquire()
        try:
            self.x = 2
        finally:
            self._lock.release()
        self.x = 3
"""
    nodes = body(src, "C.m2")
    assert isinstance(nodes[1], Try)
    assert brief(events(src, "C.m2")) == [
        (ACQ, "self._lock", "call", ()),
        (W, "self.x", "=", ("self._lock",)),
        (REL, "self._lock", "call", ()),
        (W, "self.x", "=", ()),
    ]


def test_acquire_with_timeout_or_non_blocking_is_a_try():
    src = LOCKED + """
    def t1(self):
        if self._lock.acquire(timeout=0.5):
            self._lock.release()

    def t2(self):
        self._lock.acquire(False)
        self._lock.release()
"""
    assert [e.op for e in events(src, "C.t1") if e.kind is ACQ] == ["try"]
    assert [e.op for e in events(src, "C.t2") if e.kind is ACQ] == ["try"]


def test_nested_locks_are_held_outermost_first():
    src = """
    import threading
    A = threading.Lock()

    class C:
        def __init__(self):
            self._b = threading.RLock()

        def m(self):
            with A:
                with self._b:
                    self.v = 1
    """
    assert brief(events(src, "C.m")) == [
        (ACQ, "pkg.mod.A", "with", ()),
        (ACQ, "self._b", "with", ("pkg.mod.A",)),
        (W, "self.v", "=", ("pkg.mod.A", "self._b")),
        (REL, "self._b", "with", ("pkg.mod.A",)),
        (REL, "pkg.mod.A", "with", ()),
    ]


def test_multiple_with_items_give_one_pair_each_and_async_with_awaits():
    src = """
    import asyncio, threading

    class C:
        def __init__(self):
            self._a = threading.Lock()
            self._b = threading.Lock()
            self._al = asyncio.Lock()

        def m(self):
            with self._a, self._b:
                pass

        async def n(self):
            async with self._al:
                self.v = 1
    """
    assert brief(events(src, "C.m"), "kind", "target") == [
        (ACQ, "self._a"), (ACQ, "self._b"), (REL, "self._b"), (REL, "self._a")]
    assert brief(events(src, "C.n")) == [
        (ACQ, "self._al", "async with", ()),
        (EventKind.AWAIT, "self._al", None, ("self._al",)),
        (W, "self.v", "=", ("self._al",)),
        (REL, "self._al", "async with", ()),
    ]


def test_condition_wait_and_notify():
    src = """
    import threading

    class C:
        def __init__(self):
            self._lock = threading.Lock()
            self._cond = threading.Condition(self._lock)
            self._ev = threading.Event()

        def m(self):
            with self._cond:
                self._cond.wait_for(lambda: self.ready)
                self._cond.notify_all()
            self._ev.wait(1)
            self._ev.set()
            self._ev.clear()
    """
    evs = [e for e in events(src, "C.m") if e.kind in (EventKind.WAIT, EventKind.NOTIFY)]
    assert brief(evs) == [
        (EventKind.WAIT, "self._cond", "wait_for", ("self._cond",)),
        (EventKind.NOTIFY, "self._cond", "notify_all", ("self._cond",)),
        (EventKind.WAIT, "self._ev", "wait", ()),
        (EventKind.NOTIFY, "self._ev", "set", ()),
        (EventKind.NOTIFY, "self._ev", "clear", ()),
    ]


def test_container_mutations_and_iterations():
    src = """
    class C:
        def __init__(self):
            self.items = []
            self.d = {}

        def m(self, k, v):
            self.items.append(v)
            self.d[k] = v
            del self.d[k]
            self.items[1:3] = []
            self.d.setdefault(k, v)
            for key, val in self.d.items():
                pass
            snapshot = list(self.items)
            total = [i for i in self.items]
            self.items += [v]
    """
    got = [(e.kind, e.target, e.op) for e in events(src, "C.m") if e.kind in (M, I)]
    assert got == [
        (M, "self.items", "append"), (M, "self.d", "setitem"), (M, "self.d", "delitem"),
        (M, "self.items", "setslice"), (M, "self.d", "setdefault"), (I, "self.d", "items"),
        (I, "self.items", "list"), (I, "self.items", "comprehension"), (M, "self.items", "+="),
    ]


def test_local_alias_of_shared_state_is_written_then_mutated():
    src = """
    import numpy as np

    class C:
        def __init__(self):
            self._buffer = np.zeros(1024)

        def m(self, n):
            buf = self._buffer[0:n]
            buf *= 0.5
            tmp = n * 2
            np.copyto(self._buffer, buf)
            np.multiply(self._buffer, 2, out=self._buffer)
    """
    evs = [e for e in events(src, "C.m") if e.kind in (W, M)]
    assert brief(evs, "kind", "target", "op", "reads") == [
        (W, "buf", "=", ("self._buffer",)),
        (M, "buf", "*=", ("buf",)),
        (M, "self._buffer", "copyto", ()),
        (M, "self._buffer", "out", ()),
    ]


def test_global_writes_and_module_paths():
    src = """
    import threading
    _lock = threading.Lock()
    COUNT = 0
    _cache = {}

    def bump():
        global COUNT
        with _lock:
            COUNT += 1
            _cache.clear()
    """
    assert brief(events(src, "bump")) == [
        (ACQ, "pkg.mod._lock", "with", ()),
        (R, "pkg.mod.COUNT", None, ("pkg.mod._lock",)),
        (W, "pkg.mod.COUNT", "+=", ("pkg.mod._lock",)),
        (M, "pkg.mod._cache", "clear", ("pkg.mod._lock",)),
        (REL, "pkg.mod._lock", "with", ()),
    ]
    glob = fx(src).module.globals
    assert glob["COUNT"].init_only is False and [w.line for w in glob["COUNT"].writes] == [4, 10]
    assert glob["_lock"].kind.value == "lock" and glob["_lock"].init_only


def test_reads_are_the_longest_path_and_calls_read_the_receiver():
    src = """
    class C:
        def m(self):
            a = self.a.b
            self.ctl.play()
            self._helper()
            return a

        def _helper(self):
            pass
    """
    evs = events(src, "C.m")
    assert brief(evs, "kind", "target", "callee", "resolved") == [
        (R, "self.a.b", None, None),
        (W, "a", None, None),
        (R, "self.ctl", None, None),
        (CALL, None, "self.ctl.play", None),
        (CALL, None, "self._helper", "pkg.mod.C._helper"),
        (EventKind.RETURN, None, None, None),
    ]


def test_calls_resolve_imports_and_keep_args():
    src = """
    import os.path
    from time import sleep
    from . import util

    def f(x):
        sleep(0.1)
        os.path.join("a", x, sep="/")
        util.go(x)
        helper(x)

    def helper(x):
        pass
    """
    evs = events(src, "f")
    assert brief(evs, "kind", "callee", "op", "args", "resolved") == [
        (EventKind.BLOCKING, "time.sleep", "sleep", ("0.1",), None),
        (CALL, "os.path.join", None, ('"a"', "x", 'sep="/"'), None),
        (CALL, "pkg.util.go", None, ("x",), None),
        (CALL, "helper", None, ("x",), "pkg.mod.helper"),
    ]


def test_branches_nest_and_keep_their_conditions():
    src = """
    class C:
        def m(self):
            if self.state == 1:
                if self.x:
                    return 1
                else:
                    self.x = 2
            elif self.state == 2:
                raise ValueError("bad")
    """
    nodes = body(src, "C.m")
    assert [type(n) for n in nodes] == [Event, Branch]
    outer = nodes[1]
    assert outer.cond.kind is EventKind.BRANCH and outer.cond.value == "self.state == 1"
    assert outer.cond.reads == ("self.state",) and outer.cond.loc.line == 4
    inner = [n for n in outer.then if isinstance(n, Branch)][0]
    assert inner.cond.value == "self.x"
    assert brief(inner.then, "kind", "value") == [(EventKind.RETURN, "1")]
    assert brief(inner.orelse, "kind", "target") == [(W, "self.x")]
    elif_ = [n for n in outer.orelse if isinstance(n, Branch)][0]
    assert elif_.cond.value == "self.state == 2"
    assert brief(elif_.then, "kind", "callee", "value") == [
        (CALL, "ValueError", None), (EventKind.RAISE, None, 'ValueError("bad")')]


def test_loops_and_assert():
    src = """
    class C:
        def m(self):
            while self.running:
                self.n += 1
            assert self.n > 0, "positive"
    """
    nodes = body(src, "C.m")
    loop = [n for n in nodes if isinstance(n, Loop)][0]
    assert loop.kind == "while" and loop.header.kind is EventKind.BRANCH and loop.header.value == "self.running"
    assert brief(loop.body, "kind", "target", "op") == [(R, "self.n", None), (W, "self.n", "+=")]
    check = nodes[-1]
    assert isinstance(check, Branch) and check.cond.value == "self.n > 0"
    assert brief(check.orelse, "kind") == [(EventKind.RAISE,)]


SPAWNS = """
import asyncio
import functools
import threading
from concurrent.futures import ThreadPoolExecutor


class Worker(threading.Thread):
    def run(self):
        pass


class C:
    def __init__(self):
        self._pool = ThreadPoolExecutor(max_workers=2)

    def start(self, bus):
        threading.Thread(target=self._run, daemon=True).start()
        threading.Thread(target=lambda: self._run()).start()
        threading.Thread(target=functools.partial(self._job, 1)).start()
        Worker().start()
        for i in range(3):
            self._pool.submit(self._job, i)
        self._pool.map(self._job, range(3))
        bus.subscribe("topic", self._on_event)

        def inner():
            pass
        threading.Timer(1.0, inner).start()

    async def amain(self, loop):
        await loop.run_in_executor(None, self._job, 1)
        await asyncio.to_thread(self._job, 2)
        asyncio.create_task(self.pump())
        await asyncio.gather(*[self.pump() for _ in range(3)])
        async with asyncio.TaskGroup() as tg:
            tg.create_task(self.pump())

    def _run(self):
        pass

    def _job(self, i):
        pass

    def _on_event(self, e):
        pass

    async def pump(self):
        pass
"""


def test_every_spawn_form_resolves_its_target():
    got = [(e.spawn.kind, e.spawn.via, e.spawn.target, e.spawn.resolved, e.spawn.many)
           for e in events(SPAWNS, "C.start") if e.kind is SPAWN]
    q = "pkg.mod.C."
    assert got == [
        (ContextKind.THREAD, "threading.Thread", "self._run", q + "_run", False),
        (ContextKind.THREAD, "threading.Thread", "lambda: self._run()", q + "start.<lambda:19>", False),
        (ContextKind.THREAD, "threading.Thread", "functools.partial(self._job, 1)", q + "_job", False),
        (ContextKind.THREAD, "Worker", "Worker", "pkg.mod.Worker.run", False),
        (ContextKind.EXECUTOR, "submit", "self._job", q + "_job", True),
        (ContextKind.EXECUTOR, "map", "self._job", q + "_job", True),
        (ContextKind.CALLBACK, "subscribe", "self._on_event", q + "_on_event", False),
        (ContextKind.THREAD, "threading.Timer", "inner", q + "start.inner", False),
    ]
    lam = fx(SPAWNS).functions[q + "start.<lambda:19>"]
    assert brief(lam.body, "kind", "callee") == [(CALL, "self._run"), (EventKind.RETURN, None)]


def test_async_spawns_and_awaits():
    evs = events(SPAWNS, "C.amain")
    got = [(e.kind, e.spawn.kind if e.spawn else None, e.spawn.via if e.spawn else e.target,
            e.spawn.many if e.spawn else None) for e in evs if e.kind in (SPAWN, EventKind.AWAIT)]
    assert got == [
        (SPAWN, ContextKind.EXECUTOR, "run_in_executor", False),
        (EventKind.AWAIT, None, "loop.run_in_executor", None),
        (SPAWN, ContextKind.EXECUTOR, "to_thread", False),
        (EventKind.AWAIT, None, "asyncio.to_thread", None),
        (SPAWN, ContextKind.TASK, "create_task", False),
        (SPAWN, ContextKind.TASK, "gather", True),
        (EventKind.AWAIT, None, "asyncio.gather", None),
        (EventKind.AWAIT, None, "asyncio.TaskGroup()", None),
        (SPAWN, ContextKind.TASK, "create_task", False),
        (EventKind.AWAIT, None, "asyncio.TaskGroup()", None),     # `async with` awaits its __aexit__ too
    ]
    assert all(e.spawn.resolved in ("pkg.mod.C._job", "pkg.mod.C.pump") for e in evs if e.kind is SPAWN)


def test_process_spawn_and_blocking_catalogue():
    src = """
    import multiprocessing, subprocess, requests, time, json
    from pathlib import Path

    def work():
        pass

    def f(t, path):
        multiprocessing.Process(target=work).start()
        time.sleep(1)
        subprocess.run(["ls"])
        requests.get("http://x")
        Path(path).read_text()
        t.join()
        with open(path) as fh:
            json.load(fh)
        ", ".join(["a"])
    """
    evs = events(src, "f")
    assert [e.spawn.kind for e in evs if e.kind is SPAWN] == [ContextKind.PROCESS]
    blocking = [(e.callee, e.op) for e in evs if e.kind is EventKind.BLOCKING]
    assert blocking == [("time.sleep", "sleep"), ("subprocess.run", "subprocess"), ("requests.get", "http"),
                        ("Path(path).read_text", "io"), ("t.join", "join"), ("open", "io"), ("json.load", "io")]


def test_a_method_on_a_call_result_is_not_matched_by_the_inner_callee_prefix():
    """`scipy.signal.sosfiltfilt(sos, x).tolist()`: the inner call is CPU-heavy, `.tolist()` on its
    result is a plain call; a blocking method stays blocking on any receiver."""
    src = """
    import scipy.signal
    from scipy import signal
    import shutil
    from pathlib import Path

    def f(sos, x, d):
        scipy.signal.sosfiltfilt(sos, x).tolist()
        signal.butter(4, 0.1, output="sos").tolist()
        shutil.disk_usage(d).free.bit_length()
        Path(d).read_text()
        [scipy.signal][0].sosfilt(sos, x)
    """
    evs = [e for e in events(src, "f") if e.kind in (EventKind.BLOCKING, CALL)]
    assert brief(evs, "kind", "callee", "op") == [
        (EventKind.BLOCKING, "scipy.signal.sosfiltfilt", "cpu"),
        (CALL, "scipy.signal.sosfiltfilt(sos, x).tolist", None),
        (CALL, "scipy.signal.butter", None),
        (CALL, 'signal.butter(4, 0.1, output="sos").tolist', None),
        (EventKind.BLOCKING, "shutil.disk_usage", "io"),
        (CALL, "shutil.disk_usage(d).free.bit_length", None),
        (CALL, "pathlib.Path", None),
        (EventKind.BLOCKING, "Path(d).read_text", "io"),
        (CALL, "[scipy.signal][0].sosfilt", None),
    ]


def test_queue_and_db_blocking_by_attribute_kind():
    src = """
    import queue, sqlite3

    class C:
        def __init__(self):
            self.q = queue.Queue(maxsize=4)
            self.unbounded = queue.Queue()
            self.conn = sqlite3.connect("x.db", check_same_thread=False)

        def m(self):
            self.q.get()
            self.q.get(block=False)
            self.q.put(1, timeout=1)
            self.unbounded.put(1)
            self.conn.execute("select 1")
            self.conn.commit()
    """
    evs = [e for e in events(src, "C.m") if e.kind in (EventKind.BLOCKING, CALL)]
    assert brief(evs, "kind", "callee", "op", "target") == [
        (EventKind.BLOCKING, "self.q.get", "queue_get", "self.q"),
        (CALL, "self.q.get", None, None),
        (EventKind.BLOCKING, "self.q.put", "queue_get", "self.q"),
        (CALL, "self.unbounded.put", None, None),             # never waits for room
        (EventKind.BLOCKING, "self.conn.execute", "db", "self.conn"),
        (EventKind.BLOCKING, "self.conn.commit", "db", "self.conn"),
    ]


def test_socket_calls_on_a_non_blocking_socket_do_not_block():
    src = """
    import socket, ssl

    def f(sock, other, conn):
        sock.recv(10)
        try:
            sock.recv(10)
        except BlockingIOError:
            sock.recv(10)
        try:
            conn.recv(10)
        except (ssl.SSLWantReadError, OSError):
            pass
        other.setblocking(False)
        other.accept()
        conn.settimeout(0.5)
        conn.sendall(b"x")
    """
    evs = [e for e in events(src, "f") if e.kind in (EventKind.BLOCKING, CALL)]
    assert [(e.kind, e.callee) for e in evs if e.callee.endswith(("recv", "accept", "sendall"))] == [
        (EventKind.BLOCKING, "sock.recv"),
        (CALL, "sock.recv"),                   # the try body of `except BlockingIOError`
        (EventKind.BLOCKING, "sock.recv"),     # its handler: not covered
        (CALL, "conn.recv"),
        (CALL, "other.accept"),                # after other.setblocking(False)
        (EventKind.BLOCKING, "conn.sendall"),  # a timeout of 0.5 s still waits
    ]


def test_a_task_runs_its_coroutine_later_but_a_nested_spawn_happens_here():
    src = """
    import asyncio

    async def stream(ws, i):
        pass

    def scan(d):
        pass

    async def f(ws, i, d):
        asyncio.create_task(stream(ws, i))
        asyncio.ensure_future(asyncio.to_thread(scan, d))
    """
    evs = [e for e in events(src, "f") if e.kind in (EventKind.SPAWN, CALL)]
    assert [(e.kind, e.spawn.kind.value if e.spawn else e.callee) for e in evs] == [
        (EventKind.SPAWN, "task"),          # no CALL of `stream`: its body runs in the task
        (EventKind.SPAWN, "executor"),      # the to_thread spawn inside ensure_future is made here
        (EventKind.SPAWN, "task"),
    ]


def test_awaited_calls_are_marked_and_followed_by_an_await():
    src = """
    import asyncio

    class C:
        def __init__(self):
            self._ev = asyncio.Event()

        async def m(self):
            await self._ev.wait()
            await self.fetch()
            await asyncio.sleep(0)

        async def fetch(self):
            return 1
    """
    assert brief(events(src, "C.m"), "kind", "target", "callee", "awaited") == [
        (EventKind.WAIT, "self._ev", "self._ev.wait", True),
        (EventKind.AWAIT, "self._ev.wait", None, True),
        (CALL, None, "self.fetch", True),
        (EventKind.AWAIT, "self.fetch", None, True),
        (CALL, None, "asyncio.sleep", True),
        (EventKind.AWAIT, "asyncio.sleep", None, True),
    ]


def test_fastapi_decorators_keep_resolved_names_and_arguments():
    src = """
    from fastapi import APIRouter, FastAPI
    from .deps import router as shared

    app = FastAPI()
    router = APIRouter(prefix="/api")

    @app.get("/x")
    async def x():
        return 1

    @shared.websocket("/ws")
    async def ws(sock):
        await sock.accept()
    """
    f = fx(src)
    assert f.functions["pkg.mod.x"].decorators == ('app.get("/x")',)
    assert f.functions["pkg.mod.ws"].decorators == ('pkg.deps.router.websocket("/ws")',)
    glob = f.module.globals
    assert glob["app"].type_name == "fastapi.FastAPI"
    assert glob["router"].type_name == "fastapi.APIRouter" and glob["router"].call_kwargs == {"prefix": '"/api"'}


@pytest.mark.parametrize("source", [
    "def f(:\n    pass\n",
    b"\xff\xfe\x00garbage",
    "x = 1\0\n",
    "x = " + "(" * 200 + "1" + ")" * 200 + "\n",
    "x = " + "-" * 5000 + "1\n",
    "def f():\n" + "".join("    " * (i + 1) + "if x:\n" for i in range(99)) + "    " * 100 + "pass\n",
])
def test_bad_input_gives_a_diagnostic_never_an_exception(source):
    f = extract_file(source, "bad.py", "bad")
    if f.diagnostics:
        assert f.diagnostics[0].severity == "error" and f.diagnostics[0].path == "bad.py"
        assert not f.functions and not f.classes
    else:                                    # deep but legal: it must still be extracted
        assert f.module.name == "bad"


def test_syntax_error_reports_its_line():
    f = extract_file("x = 1\ny = (\n", "bad.py", "bad")
    assert f.diagnostics[0].severity == "error" and f.diagnostics[0].line >= 2


def test_a_conditional_tuple_whose_other_arm_is_not_all_names_is_extracted_not_a_crash():
    """`a, b = (x, y) if c else (f(), y)`: the swapped-order check compares the arms' names only
    when both arms are names (a None among names made `sorted` raise and lost the whole file)."""
    out = fx("""
        def pick(c, x, y):
            a, b = (x, y) if c else (len(x), y)
            return a, b
    """)
    assert not out.diagnostics, out.diagnostics
    assert "pkg.mod.pick" in out.functions


def test_lines_after_a_form_feed_page_break_are_the_files_own(tmp_path):
    """A form feed (^L, an older module's page break) is whitespace to Python, not a line break:
    event locations, the rules' `ast` of the file and the report's source frames keep the file's
    own line numbers after one (`str.splitlines` splits there and moved them)."""
    from interlock.checker.context import source_lines, source_tree
    from interlock.models.location import code_lines
    from interlock.reports.frames import forget_sources, source_lines as frame_lines

    src = "import threading\n\x0c\n# -- page two\n\x0cx = 0\n\ndef bump():\n    global x\n    x += 1\n"
    evs = events(src, "bump")
    assert {(e.kind, e.loc.line, e.loc.column) for e in evs if e.target == "pkg.mod.x"} == {(R, 8, 4), (W, 8, 4)}
    assert code_lines(src)[7] == "    x += 1" and code_lines("a\r\nb\rc\n") == ["a", "b", "c"]
    path = tmp_path / "mod.py"
    path.write_text(src)
    tree = source_tree(path)
    assert [f.lineno for f in tree.body if hasattr(f, "name")] == [6]
    assert source_lines(path)[5] == "def bump():"
    forget_sources()
    assert frame_lines(str(tmp_path), "mod.py")[7] == "    x += 1"
