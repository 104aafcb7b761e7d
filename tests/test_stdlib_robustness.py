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
    assert attrs["mutex"].kind == AttrKind.LOCK
    assert attrs["not_empty"].kind == AttrKind.CONDITION and attrs["not_empty"].lock_of == "self.mutex"
    assert attrs["not_full"].kind == AttrKind.CONDITION


def test_thread_pool_executor_spawns_its_worker(stdlib):
    ctxs = [c for c in stdlib.contexts if c.kind == ContextKind.THREAD
            and "concurrent.futures.thread._worker" in c.entries]
    assert ctxs, [c.name for c in stdlib.contexts if c.kind == ContextKind.THREAD]


def test_logging_handler_lock_is_an_rlock(stdlib):
    assert stdlib.classes["logging.Handler"].attributes["lock"].kind == AttrKind.RLOCK
