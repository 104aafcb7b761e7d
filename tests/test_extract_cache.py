"""The extraction cache: warm runs do not parse, changed files are re-extracted, corruption is tolerated."""
from __future__ import annotations

from pathlib import Path

import pytest

from interlock.extractor import cache as cache_mod
from interlock.extractor import extract, modules
from interlock.extractor.cache import ExtractCache

SRC = {
    "app/__init__.py": "",
    "app/core.py": "import threading\n\nclass Core:\n    def __init__(self):\n        self._lock = threading.Lock()\n"
                   "        self.n = 0\n\n    def inc(self):\n        with self._lock:\n            self.n += 1\n",
    "app/util.py": "def helper(x):\n    return x + 1\n",
}


@pytest.fixture
def tree(tmp_path) -> Path:
    root = tmp_path / "src"
    for rel, text in SRC.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return root


def _forbid_parsing(monkeypatch):
    def boom(*args, **kwargs):
        raise AssertionError("extract_file called on a warm run")
    monkeypatch.setattr(modules, "extract_file", boom)


def _count_parsing(monkeypatch) -> list[str]:
    seen: list[str] = []
    real = modules.extract_file

    def counting(source, path, module):
        seen.append(path)
        return real(source, path, module)
    monkeypatch.setattr(modules, "extract_file", counting)
    return seen


def test_warm_run_returns_an_equal_model_without_parsing(tree, tmp_path, monkeypatch):
    cold = extract(tree, cache_dir=tmp_path / "c")
    _forbid_parsing(monkeypatch)
    warm = extract(tree, cache_dir=tmp_path / "c")
    assert warm == cold
    assert "app.core.Core" in warm.classes


def test_per_file_entries_serve_when_only_the_options_change(tree, tmp_path, monkeypatch):
    cold = extract(tree, cache_dir=tmp_path / "c")
    _forbid_parsing(monkeypatch)
    again = extract(tree, cache_dir=tmp_path / "c", exclude=["nothing_matches_this"])
    assert again == cold


def test_only_the_changed_file_is_re_extracted(tree, tmp_path, monkeypatch):
    extract(tree, cache_dir=tmp_path / "c")
    (tree / "app/util.py").write_text("def helper(x):\n    return x + 2\n\ndef other():\n    pass\n")
    seen = _count_parsing(monkeypatch)
    model = extract(tree, cache_dir=tmp_path / "c")
    assert seen == ["app/util.py"]
    assert "app.util.other" in model.functions


def test_new_and_removed_files_are_noticed(tree, tmp_path):
    extract(tree, cache_dir=tmp_path / "c")
    (tree / "app/util.py").unlink()
    (tree / "app/extra.py").write_text("def extra():\n    pass\n")
    model = extract(tree, cache_dir=tmp_path / "c")
    assert "app.extra" in model.modules and "app.util" not in model.modules


def test_corrupt_cache_entries_are_ignored_and_rewritten(tree, tmp_path):
    cold = extract(tree, cache_dir=tmp_path / "c")
    (tmp_path / "c" / cache_mod.PACK).write_bytes(b"\x80\x04not a pickle")
    assert extract(tree, cache_dir=tmp_path / "c") == cold
    pack = ExtractCache(tmp_path / "c").load()
    assert set(pack.entries) == set(SRC) and pack.model == cold


def test_default_cache_lives_in_the_root_and_is_not_extracted(tree):
    first = extract(tree)
    assert (tree / ".interlock_cache" / cache_mod.PACK).is_file()
    assert extract(tree) == first


def test_read_only_root_caches_under_xdg(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(cache_mod.os, "access", lambda *a, **k: False)
    folder = cache_mod.default_cache_dir(tmp_path / "ro")
    assert folder.parent == tmp_path / "xdg" / "interlock"


def test_no_cache_writes_nothing(tree):
    extract(tree, use_cache=False)
    assert not (tree / ".interlock_cache").exists()


def test_progress_reports_every_file(tree, tmp_path):
    calls: list[tuple[int, int]] = []
    extract(tree, cache_dir=tmp_path / "c", progress=lambda d, t: calls.append((d, t)))
    assert calls[-1] == (3, 3)


def test_a_changed_extractor_invalidates_the_pack(tree, tmp_path, monkeypatch):
    extract(tree, cache_dir=tmp_path / "c")
    monkeypatch.setattr(cache_mod, "code_version", lambda: "0.0.0+edited")
    seen = _count_parsing(monkeypatch)
    extract(tree, cache_dir=tmp_path / "c")
    assert sorted(seen) == sorted(SRC)
