"""Robustness on real code: a large slice of the running interpreter's stdlib, bad files included."""
from __future__ import annotations

import shutil
import sysconfig
from pathlib import Path

import pytest

from interlock.extractor import extract
from interlock.models.program import AttrKind, ContextKind

LIB = Path(sysconfig.get_paths()["stdlib"])
PACKAGES = ("concurrent", "asyncio", "logging", "multiprocessing", "json", "email", "http", "lib2to3/tests/data")
MODULES = ("threading.py", "queue.py", "sched.py", "socketserver.py", "selectors.py", "subprocess.py")
OTHERS = 300


def _copy(rel: str, into: Path) -> None:
    src = LIB / rel
    if src.is_dir():
        shutil.copytree(src, into / rel, ignore=shutil.ignore_patterns("__pycache__", "test", "tests"),
                        dirs_exist_ok=True)
        if rel.endswith("tests/data"):       # lib2to3's deliberately broken files
            shutil.copytree(src, into / rel, dirs_exist_ok=True)
    elif src.is_file():
        (into / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, into / rel)


@pytest.fixture(scope="module")
def stdlib(tmp_path_factory):
    if not (LIB / "queue.py").is_file():
        pytest.skip("no stdlib sources")
    root = tmp_path_factory.mktemp("Lib")
    for rel in (*PACKAGES, *MODULES):
        _copy(rel, root)
    others = sorted(p.name for p in LIB.glob("*.py"))[:OTHERS]
    for name in others:
        _copy(name, root)
    return extract(root, cache_dir=tmp_path_factory.mktemp("cache"))


def test_it_finishes_with_hundreds_of_modules(stdlib):
    assert len(stdlib.modules) > 250
    assert len(stdlib.functions) > 5000


def test_unparsable_files_are_diagnostics(stdlib):
    bad = {d.path for d in stdlib.diagnostics if d.severity == "error"}
    assert any(p.startswith("lib2to3/tests/data/") for p in bad)
    assert "queue" in stdlib.modules and "threading" in stdlib.modules


def test_queue_has_its_mutex_and_conditions(stdlib):
    attrs = stdlib.classes["queue.Queue"].attributes
    assert attrs["mutex"].kind == AttrKind.LOCK and attrs["mutex"].init_only
    for cond in ("not_empty", "not_full", "all_tasks_done"):
        assert attrs[cond].kind == AttrKind.CONDITION and attrs[cond].lock_of == "self.mutex", cond
    assert attrs["queue"].kind == AttrKind.CONTAINER
    # subclasses inherit them, and the lock graph knows each class's mutex
    assert stdlib.classes["queue.LifoQueue"].attributes["not_empty"].lock_of == "self.mutex"
    assert stdlib.lock_graph.locks["queue.Queue.mutex"] == "lock"


@pytest.mark.parametrize("cls,attr,kind", [
    ("sched.scheduler", "_lock", AttrKind.RLOCK),
    ("threading.Barrier", "_cond", AttrKind.CONDITION),
    ("threading.Semaphore", "_cond", AttrKind.CONDITION),
    ("threading.Event", "_cond", AttrKind.CONDITION),
    ("concurrent.futures._base.Future", "_condition", AttrKind.CONDITION),
    ("concurrent.futures.thread.ThreadPoolExecutor", "_shutdown_lock", AttrKind.LOCK),
    ("concurrent.futures.thread.ThreadPoolExecutor", "_work_queue", AttrKind.QUEUE),
    ("logging.handlers.QueueListener", "_thread", AttrKind.THREAD),
    ("multiprocessing.pool.Pool", "_taskqueue", AttrKind.QUEUE),
    ("multiprocessing.pool.Pool", "_worker_handler", AttrKind.THREAD),
    ("asyncio.queues.Queue", "_getters", AttrKind.CONTAINER),
])
def test_primitives_of_named_classes(stdlib, cls, attr, kind):
    assert stdlib.classes[cls].attributes[attr].kind == kind


@pytest.mark.parametrize("name,entry", [
    ("thread:_worker", "concurrent.futures.thread._worker"),
    ("thread:QueueListener._monitor", "logging.handlers.QueueListener._monitor"),
    ("thread:ThreadingMixIn.process_request_thread", "socketserver.ThreadingMixIn.process_request_thread"),
    ("thread:Pool._handle_workers", "multiprocessing.pool.Pool._handle_workers"),
    ("thread:Pool._handle_tasks", "multiprocessing.pool.Pool._handle_tasks"),
    ("thread:Pool._handle_results", "multiprocessing.pool.Pool._handle_results"),
    ("thread:Timer.run", "threading.Timer.run"),
])
def test_thread_targets_of_named_classes(stdlib, name, entry):
    hits = [c for c in stdlib.contexts if c.name == name]
    assert len(hits) == 1 and hits[0].entries == (entry,) and hits[0].kind == ContextKind.THREAD, \
        [c.name for c in stdlib.contexts if c.kind == ContextKind.THREAD]


def test_stdlib_lock_graph_edges_have_witnesses(stdlib):
    edges = {(e.source, e.target): e for e in stdlib.lock_graph.edges}
    edge = edges[("concurrent.futures.thread.ThreadPoolExecutor._shutdown_lock",
                  "concurrent.futures.thread._global_shutdown_lock")]
    assert edge.function == "concurrent.futures.thread.ThreadPoolExecutor.submit"
    assert [w.path for w in edge.witness] == ["concurrent/futures/thread.py"] * 2
    # hooks dispatch on the concrete class: no edge between two sibling cookie jars
    assert not any(a.startswith("http.cookiejar.") and b.startswith("http.cookiejar.")
                   and a.rsplit(".", 2)[-2] != b.rsplit(".", 2)[-2] for a, b in edges)


def test_thread_pool_executor_spawns_its_worker(stdlib):
    ctxs = [c for c in stdlib.contexts if c.kind == ContextKind.THREAD
            and "concurrent.futures.thread._worker" in c.entries]
    assert ctxs, [c.name for c in stdlib.contexts if c.kind == ContextKind.THREAD]


def test_logging_handler_lock_is_an_rlock(stdlib):
    assert stdlib.classes["logging.Handler"].attributes["lock"].kind == AttrKind.RLOCK
