"""The report commands end to end through the real pipeline: audit, verify --format, diagram, init."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from textwrap import dedent

import jsonschema
import pytest
from typer.testing import CliRunner

from interlock.cli import app
from interlock.models.spec import load_spec

SARIF_SCHEMA = json.loads((Path(__file__).parent / "vendor" / "sarif-schema-2.1.0.json").read_text())

PLAYER = '''\
import enum
import threading


class State(enum.Enum):
    STOPPED = 1
    PLAYING = 2
    PAUSED = 3


class Player:
    def __init__(self):
        self._lock = threading.Lock()
        self._audio_lock = threading.Lock()
        self.state = State.STOPPED
        self.position = 0
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def play(self):
        with self._lock:
            if self.state == State.STOPPED:
                self.state = State.PLAYING
        self._thread.start()

    def pause(self):
        with self._audio_lock:
            with self._lock:
                if self.state == State.PLAYING:
                    self.state = State.PAUSED

    def stop(self):
        self.state = State.STOPPED

    def _loop(self):
        while self.state == State.PLAYING:
            with self._lock:
                with self._audio_lock:
                    self.position += 1
'''


@pytest.fixture
def tree(tmp_path):
    (tmp_path / "player").mkdir()
    (tmp_path / "player" / "__init__.py").write_text("")
    (tmp_path / "player" / "core.py").write_text(PLAYER)
    return tmp_path


def _run(*args: str):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def test_audit_writes_the_dated_report_in_the_root(tree):
    res = _run("audit", "--root", str(tree), "--date", "2026-01-02")
    assert res.exit_code in (0, 1), res.output
    report = (tree / "docs" / "audits" / "AUDIT_CONCURRENCY_2026-01-02.md").read_text()
    assert report.startswith("# Concurrency & State Integrity Audit — 2026-01-02")
    assert "## Executive Summary" in report and str(tree) not in report


def test_verify_sarif_is_valid(tree):
    res = _run("verify", "--root", str(tree), "--format", "sarif")
    assert res.exit_code in (0, 1), res.output
    doc = json.loads(res.stdout)
    jsonschema.validate(doc, SARIF_SCHEMA, cls=jsonschema.Draft4Validator)
    results = doc["runs"][0]["results"]
    flows = [r for r in results if r.get("codeFlows")]
    assert flows and all(r["partialFingerprints"]["interlock/v1"] for r in results)
    assert any(len(r["codeFlows"][1]["threadFlows"]) >= 2 for r in flows)     # one threadFlow per context
    assert any(r.get("relatedLocations") for r in results)
    assert all(rule.get("help", {}).get("markdown") for rule in doc["runs"][0]["tool"]["driver"]["rules"])


def test_verify_json_validates_against_interlock_schema(tree):
    schema = json.loads(_run("schema").stdout)
    res = _run("verify", "--root", str(tree), "--format", "json")
    doc = json.loads(res.stdout)
    jsonschema.validate(doc, schema)
    assert doc["findings"] and all(f["fingerprint"] and f["status"] == "new" for f in doc["findings"])


def test_verify_md_and_html_render(tree, tmp_path):
    res = _run("verify", "--root", str(tree), "--format", "md")
    assert "## Executive Summary" in res.stdout
    out = tmp_path / "report.html"
    res = _run("verify", "--root", str(tree), "--format", "html", "--output", str(out))
    assert res.exit_code in (0, 1) and out.read_text().startswith("<!doctype html>")


def test_diagram_lock_graph_as_dot(tree):
    res = _run("diagram", "all", "--root", str(tree), "--kind", "locks", "--format", "dot")
    assert res.exit_code == 0, res.output
    assert res.stdout.startswith("digraph locks") and "Player._audio_lock" in res.stdout


def test_diagram_trace_without_finding_is_a_usage_error(tree):
    res = _run("diagram", "all", "--root", str(tree), "--kind", "trace", "--format", "mermaid")
    assert res.exit_code == 2


def test_init_writes_valid_starter_specs(tree, tmp_path):
    out = tmp_path / "specs"
    res = _run("init", "--root", str(tree), "--project", "demo", "--output", str(out))
    assert res.exit_code == 0, res.output
    spec = load_spec(out / "player.toml")
    assert spec.component.paths == ["player"]


def _interlock(args: list[str], cwd, path: str | None = None):
    import os
    import subprocess
    import sys

    env = {**os.environ, **({"PATH": path} if path is not None else {})}
    return subprocess.run([sys.executable, "-m", "interlock", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def test_diagram_without_dot_says_so_in_one_line_and_text_formats_work(tree, tmp_path):
    no_dot = str(tmp_path / "empty-bin")          # a PATH where no `dot` can be found
    res = _interlock(["diagram", "all", "--root", str(tree), "--kind", "state", "--format", "svg"], tree, no_dot)
    assert res.returncode == 2 and res.stdout == ""
    assert res.stderr.count("\n") == 1 and "Graphviz `dot` is not installed" in res.stderr
    for fmt, start in (("dot", "digraph states"), ("mermaid", "---\ntitle:")):
        res = _interlock(["diagram", "all", "--root", str(tree), "--kind", "state", "--format", fmt], tree, no_dot)
        assert res.returncode == 0 and res.stdout.startswith(start), res.stderr


@pytest.mark.skipif(shutil.which("dot") is None and not os.environ.get("CI"), reason="needs graphviz `dot`")
def test_diagrams_of_the_bundled_example(tmp_path):
    """From the repository root, as the README says: its config points at examples/ and specs/example."""
    repo = Path(__file__).parent.parent
    out = tmp_path / "player-state.svg"
    res = _interlock(["diagram", "player", "--kind", "state", "--format", "svg", "--output", str(out)], repo)
    assert res.returncode == 0, res.stderr
    svg = out.read_text()
    assert "PlaybackController.state" in svg and "#dc2626" in svg          # an illegal transition in red
    res = _interlock(["verify", "player", "--format", "json", "--timeout", "5"], repo)
    # a static rule's trace: the same in every run, whatever the explorer's time budget allows
    traced = [f for f in json.loads(res.stdout)["findings"] if f["trace"] and not f["code"].startswith("IL5")]
    assert traced
    res = _interlock(["diagram", "player", "--kind", "trace", "--finding", traced[0]["fingerprint"],
                      "--format", "mermaid"], repo)
    assert res.returncode == 0 and res.stdout.splitlines()[3] == "sequenceDiagram", res.stderr
    for context in {s["context"] for s in traced[0]["trace"]}:
        assert f" as {context.replace('#', '#35;')}" in res.stdout         # one lifeline per context


def test_verify_md_prints_what_audit_writes(tree):
    import datetime

    day = datetime.date.today().isoformat()
    _run("audit", "--root", str(tree), "--date", day)
    written = (tree / "docs" / "audits" / f"AUDIT_CONCURRENCY_{day}.md").read_text()
    assert _run("verify", "--root", str(tree), "--format", "md").stdout == written
