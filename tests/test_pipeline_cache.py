"""The whole-result cache: an unchanged run is served without checking; any input change re-runs."""
from __future__ import annotations

from pathlib import Path

import pytest

from interlock import pipeline
from interlock.checker import components_for

SRC = {
    "app/__init__.py": "",
    "app/core.py": "import threading\n\nclass Core:\n    def __init__(self):\n        self._lock = threading.Lock()\n"
                   "        self.n = 0\n        threading.Thread(target=self.inc).start()\n\n"
                   "    def inc(self):\n        self.n += 1\n\n    def get(self):\n        return self.n\n",
}


@pytest.fixture
def tree(tmp_path) -> Path:
    root = tmp_path / "src"
    for rel, text in SRC.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return root


def _count_checks(monkeypatch) -> list[int]:
    calls: list[int] = []
    real = pipeline.check

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)
    monkeypatch.setattr(pipeline, "check", counting)
    return calls


def _run(root: Path, cache: Path, **kwargs) -> pipeline.Run:
    return pipeline.verify_tree(root, components_for([]), cache_dir=cache, **kwargs)


def test_an_unchanged_tree_is_served_from_the_result_cache(tree, tmp_path, monkeypatch):
    cold = _run(tree, tmp_path / "c")
    calls = _count_checks(monkeypatch)
    warm = _run(tree, tmp_path / "c")
    assert calls == [] and warm.cached and not cold.cached
    assert warm.result == cold.result
    assert warm.model() == cold.model()            # the model is still there on demand


def test_a_changed_file_or_option_runs_the_check_again(tree, tmp_path, monkeypatch):
    first = _run(tree, tmp_path / "c")
    calls = _count_checks(monkeypatch)
    assert not _run(tree, tmp_path / "c", select=["IL3"]).cached
    (tree / "app/core.py").write_text(SRC["app/core.py"].replace("self.n += 1", "self.n += 2"))
    changed = _run(tree, tmp_path / "c")
    assert len(calls) == 2 and not changed.cached
    assert changed.result.findings != () and first.result.findings != ()


def test_a_corrupt_result_is_a_miss(tree, tmp_path):
    _run(tree, tmp_path / "c")
    for p in (tmp_path / "c" / pipeline.RESULTS).glob("*.pickle"):
        p.write_bytes(b"\x80\x04garbage")
    again = _run(tree, tmp_path / "c")
    assert not again.cached and again.result is not None


def test_no_cache_never_writes(tree, tmp_path):
    run = _run(tree, tmp_path / "c", use_cache=False)
    assert run.result is not None and not (tmp_path / "c").exists()


def test_results_sit_beside_the_pack_in_the_root_or_the_xdg_cache(tree, tmp_path, monkeypatch):
    from interlock.extractor import cache as cache_mod

    pipeline.verify_tree(tree, components_for([]))
    assert list((tree / ".interlock_cache" / pipeline.RESULTS).glob("*.pickle"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(cache_mod.os, "access", lambda *a, **k: False)
    pipeline.verify_tree(tree, components_for([]), select=["IL1"])
    assert list((tmp_path / "xdg" / "interlock").glob(f"*/{pipeline.RESULTS}/*.pickle"))


def test_no_cache_neither_reads_nor_writes_the_cache(tree):
    """`interlock verify --no-cache` (ruff's flag): a real run, nothing left under the root."""
    import json
    import subprocess
    import sys

    def verify(*extra):
        return subprocess.run([sys.executable, "-m", "interlock", "verify", "--root", str(tree), "--format", "json",
                               *extra], capture_output=True, text=True)
    first = verify("--no-cache")
    assert first.returncode == 1 and '"IL' in first.stdout
    assert not (tree / ".interlock_cache").exists()
    verify()
    assert (tree / ".interlock_cache").exists()
    again = verify("--no-cache")             # checked again (timings differ), same findings
    assert json.loads(again.stdout)["findings"] == json.loads(first.stdout)["findings"]
