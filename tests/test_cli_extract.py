"""`interlock extract` end to end: real files, real subprocess, exit codes and one-line errors."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SRC = """import threading


class Player:
    def __init__(self):
        self._lock = threading.Lock()
        self.position = 0

    def start(self):
        threading.Thread(target=self._loop).start()

    def _loop(self):
        with self._lock:
            self.position += 1
"""


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "interlock", "extract", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def test_text_outline_mentions_classes_locks_and_contexts(tmp_path):
    (tmp_path / "player.py").write_text(SRC)
    out = run("--root", str(tmp_path), cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "player.Player" in out.stdout and "_lock (lock)" in out.stdout
    assert "thread:Player._loop" in out.stdout and "public:Player" in out.stdout


def test_json_dump_is_the_model(tmp_path):
    (tmp_path / "player.py").write_text(SRC)
    out = run("--root", str(tmp_path), "--format", "json", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert "player.Player" in data["classes"] and data["contexts"]


def test_missing_root_is_one_line_exit_2(tmp_path):
    out = run("--root", str(tmp_path / "missing"), cwd=tmp_path)
    assert out.returncode == 2
    assert len(out.stderr.strip().splitlines()) == 1 and "does not exist" in out.stderr


def test_empty_tree_is_one_line_exit_2(tmp_path):
    (tmp_path / "empty").mkdir()
    out = run("--root", str(tmp_path / "empty"), cwd=tmp_path)
    assert out.returncode == 2
    assert len(out.stderr.strip().splitlines()) == 1 and "no Python files" in out.stderr
