"""`interlock extract` end to end: real files, real subprocess, exit codes and one-line errors."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

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


BAD_FILES = {
    "syntax.py": (b"def broken(:\n    pass\n", "syntax error"),
    "latin.py": (b'x = "caf\xe9"\n', "cannot decode"),
    "nul.py": (b"x = 1\x00\n", "null bytes"),
    "parens.py": (b"x = " + b"(" * 1000 + b"1" + b")" * 1000 + b"\n", "nested parentheses"),
    "chain.py": (b"x = " + b" + ".join([b"a"] * 20000) + b"\n", "too deeply nested"),
    "unary.py": (b"x = " + b"-" * 50000 + b"1\n", "too deeply nested"),
}


def _bad_tree(root: Path) -> Path:
    (root / "player.py").write_text(SRC)
    for name, (data, _) in BAD_FILES.items():
        (root / name).write_bytes(data)
    return root


def test_unparsable_files_are_diagnostics_with_path_and_reason_and_the_run_goes_on(tmp_path):
    out = run("--root", str(_bad_tree(tmp_path)), "--format", "json", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    diags = {d["path"]: d for d in data["diagnostics"]}
    assert set(diags) == set(BAD_FILES)
    for name, (_, reason) in BAD_FILES.items():
        assert diags[name]["severity"] == "error" and reason in diags[name]["message"], diags[name]
    assert list(data["modules"]) == ["player"] and "player.Player" in data["classes"]
    assert diags["syntax.py"]["line"] == 1 and diags["nul.py"]["line"] == 1


def test_text_outline_lists_diagnostics(tmp_path):
    out = run("--root", str(_bad_tree(tmp_path)), cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "Diagnostics (6)" in out.stdout and "syntax.py:1: error: syntax error" in out.stdout


def test_verify_goes_on_past_unparsable_files(tmp_path):
    _bad_tree(tmp_path)
    repo = str(Path(__file__).resolve().parents[1])          # this checkout's interlock, from any cwd
    out = subprocess.run([sys.executable, "-m", "interlock", "verify", "--root", str(tmp_path)],
                         cwd=tmp_path, capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONPATH": repo})
    assert out.returncode == 2, out.stderr          # the findings of the files it did read, but incomplete
    assert "syntax.py:1: error: syntax error" in out.stdout + out.stderr


LOCKS_AND_STATES = """import threading
from enum import Enum


class Mode(Enum):
    IDLE = 1
    BUSY = 2


class Engine:
    def __init__(self, mixer: "Mixer"):
        self._lock = threading.Lock()
        self.mixer = mixer
        self.mode = Mode.IDLE

    def run(self):
        with self._lock:
            if self.mode == Mode.IDLE:
                self.mode = Mode.BUSY
            self.mixer.apply()


class Mixer:
    def __init__(self):
        self._lock = threading.RLock()

    def apply(self):
        with self._lock:
            pass
"""


def test_text_outline_shows_lock_graph_edges_and_state_machines(tmp_path):
    (tmp_path / "engine.py").write_text(LOCKS_AND_STATES)
    out = run("--root", str(tmp_path), "--format", "text", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    text = out.stdout
    for needle in ("Classes (", "engine.Engine  (engine.py:10)", "locks: _lock (lock)", "mixer: object engine.Mixer",
                   "Contexts (", "public:Engine", "Lock graph (2 locks, 1 edges)",
                   "engine.Engine._lock -> engine.Mixer._lock", "State machines (1)", "engine.Engine.mode",
                   "IDLE -> BUSY  in run"):
        assert needle in text, (needle, text)


SPEC_HEAD = '[component]\nname = "player"\npaths = ["player.py"]\n\n'


@pytest.mark.parametrize("body,key,what", [
    ('[[context]]\nname = "api"\ncalls = ["Player.nope"]\n', "context[0].calls[0]", "'Player.nope'"),
    ('[[context]]\nname = "api"\ncalls = ["Nope.start"]\n', "context[0].calls[0]", "'Nope.start'"),
    ('[[invariant]]\nname = "i"\nclass = "Nope"\nexpr = "self.position >= 0"\n', "invariant[0].class", "'Nope'"),
    ('[[invariant]]\nname = "i"\nclass = "Player"\nexpr = "self.positon >= 0"\n', "invariant[0].expr", "'positon'"),
    ('[[state_machine]]\nclass = "Nope"\nfield = "state"\ntransitions = [["A", "B"]]\n', "state_machine[0].class",
     "'Nope'"),
    ('[[state_machine]]\nclass = "Player"\nfield = "state"\ntransitions = [["A", "B"]]\n', "state_machine[0].field",
     "'state'"),
])
def test_spec_naming_a_missing_class_method_or_attribute_is_one_line_exit_2(tmp_path, body, key, what):
    (tmp_path / "player.py").write_text(SRC)
    (tmp_path / "spec.toml").write_text(SPEC_HEAD + body)
    out = subprocess.run([sys.executable, "-m", "interlock", "verify", "--root", str(tmp_path),
                          "--spec", str(tmp_path / "spec.toml")], cwd=tmp_path, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 2, out.stdout + out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and "spec.toml" in lines[0] and key in lines[0] and what in lines[0], lines


def test_spec_may_name_an_inherited_method(tmp_path):
    (tmp_path / "player.py").write_text(SRC + "\n\nclass LoudPlayer(Player):\n    pass\n")
    (tmp_path / "spec.toml").write_text(SPEC_HEAD + '[[context]]\nname = "api"\ncalls = ["LoudPlayer.start"]\n')
    out = subprocess.run([sys.executable, "-m", "interlock", "verify", "--root", str(tmp_path),
                          "--spec", str(tmp_path / "spec.toml")], cwd=tmp_path, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode in (0, 1), out.stderr
