"""Findings and trace steps inside a mixin's methods cite the mixin's file, where the code is,
not the file of the concrete class that mixes it in."""
from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest

from helpers import run_pipeline

FILES = {
    "pkg/__init__.py": "",
    "pkg/mixins.py": """
        class CounterMixin:
            def bump(self):
                self.count += 1

            def take(self):
                if self.count > 0:
                    self.count = self.count - 1
        """,
    "pkg/engine.py": """
        import threading

        from pkg.mixins import CounterMixin


        class Engine(CounterMixin):
            def __init__(self):
                self._lock = threading.Lock()
                self.count = 0

            def start(self):
                threading.Thread(target=self._loop).start()

            def _loop(self):
                while True:
                    self.bump()

            def reset(self):
                with self._lock:
                    self.count = 0
        """,
    "spec.toml": """
        [component]
        name = "engine"
        paths = ["pkg"]

        [[context]]
        name = "a"
        calls = ["Engine.take"]

        [[context]]
        name = "b"
        calls = ["Engine.take"]

        [[invariant]]
        name = "nonneg"
        class = "Engine"
        expr = "self.count >= 0"
        """,
}


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    root = tmp_path_factory.mktemp("mixin")
    for rel, src in FILES.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(dedent(src).lstrip("\n"))
    return run_pipeline(root, root / "spec.toml")


def _steps_in(finding, function: str):
    return [s for s in finding.trace if f"`{function}`" in s.action or f".{function}:" in s.action]


def test_static_rule_steps_in_mixin_methods_cite_the_mixin_file(result):
    lost = next(f for f in result.findings if f.code == "IL103" and f.location.function == "take")
    assert (lost.location.path, lost.location.line, lost.location.class_) == ("pkg/mixins.py", 7, "CounterMixin")
    steps = _steps_in(lost, "take")
    assert steps and {(s.path, s.line) for s in steps} == {("pkg/mixins.py", 7)}


def test_explorer_steps_in_mixin_methods_cite_the_mixin_file(result):
    inv = next(f for f in result.findings if f.code == "IL501")
    assert inv.location.path == "pkg/mixins.py"
    assert {s.path for s in inv.trace} == {"pkg/mixins.py"}
