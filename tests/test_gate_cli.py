"""`interlock baseline` and `interlock gate` through the real CLI and the real pipeline.

A small multi-file project with a real race, and a copy of the bundled example (`examples/` with
`specs/example`): baseline it, plant a bug (the gate fails and names it), fix it and a baseline bug
(the gate passes and lists the fixed one as gone).
"""
from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from interlock.cli import app

REPO = Path(__file__).resolve().parents[1]

PLAYER = '''\
"""The playback thread bumps `position` without the lock that `seek` takes."""
import threading


class Player:
    def __init__(self):
        self._lock = threading.Lock()
        self.position = 0
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self):
        self._thread.start()

    def _run(self):
        for _ in range(100):
            self.position = self.position + 1

    def seek(self, pos):
        with self._lock:
            self.position = pos
'''
PLAYER_FIXED = PLAYER.replace("            self.position = self.position + 1",
                              "            with self._lock:\n                self.position = self.position + 1")

METER = '''\
"""A meter whose poller and api share `level` correctly, under one lock."""
import threading

from fastapi import APIRouter


class PlantedMeter:
    def __init__(self):
        self._lock = threading.Lock()
        self.level = 0
        self._thread = threading.Thread(target=self._poll, daemon=True)

    def start(self):
        self._thread.start()

    def _poll(self):
        while True:
            with self._lock:
                self.level = self.level + 1

    def reset(self):
        with self._lock:
            self.level = 0


# wired into the app: started at import, reset by a route (under the spec's closed world, code
# that nothing starts or calls is not a context)
router = APIRouter(prefix="/api/meter")
METER = PlantedMeter()
METER.start()


@router.post("/reset")
def reset_meter():
    METER.reset()
'''
METER_BUGGY = METER.replace("            with self._lock:\n                self.level = self.level + 1",
                            "            self.level = self.level + 1")


def cli(*args: str) -> tuple[int, str]:
    res = CliRunner().invoke(app, list(args))
    return res.exit_code, res.output


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "app"
    (root / "pkg").mkdir(parents=True)
    (root / "pkg" / "__init__.py").write_text("")
    (root / "pkg" / "player.py").write_text(PLAYER)
    (root / "pkg" / "meter.py").write_text(METER)
    return root


def test_baseline_then_gate_passes_on_the_same_code(project, tmp_path):
    base = tmp_path / "baseline.json"
    code, out = cli("baseline", "--root", str(project), "--output", str(base))
    assert code == 0, out
    entries = json.loads(base.read_text())["findings"]
    assert entries and {e["path"] for e in entries} == {"pkg/player.py"}
    assert any("Player.position" in e["symbols"] for e in entries)
    code, out = cli("gate", "--root", str(project), "--baseline", str(base))
    assert code == 0, out
    assert "gate: passed: 0 new" in out


def test_gate_fails_on_a_planted_bug_and_passes_when_fixed_listing_the_gone(project, tmp_path):
    base = tmp_path / "baseline.json"
    assert cli("baseline", "--root", str(project), "--output", str(base))[0] == 0
    (project / "pkg" / "meter.py").write_text(METER_BUGGY)
    code, out = cli("gate", "--root", str(project), "--baseline", str(base))
    assert code == 1, out
    assert "PlantedMeter.level" in out and "pkg/meter.py" in out
    assert "Player.position" not in out.split("gate: FAILED")[0]        # baseline findings are not reprinted
    (project / "pkg" / "meter.py").write_text(METER)
    (project / "pkg" / "player.py").write_text(PLAYER_FIXED)
    code, out = cli("gate", "--root", str(project), "--baseline", str(base))
    assert code == 0, out
    gone = out.split("gone")[1]
    assert "Player.position" in gone and "pkg/player.py" in gone


def test_gate_json_output_has_only_new_findings_with_status(project, tmp_path):
    base = tmp_path / "baseline.json"
    cli("baseline", "--root", str(project), "--output", str(base))
    (project / "pkg" / "meter.py").write_text(METER_BUGGY)
    code, out = cli("gate", "--root", str(project), "--baseline", str(base), "--format", "json")
    assert code == 1
    findings = json.loads(out)["findings"]
    assert findings and all(f["status"] == "new" and f["location"]["path"] == "pkg/meter.py"
                            for f in findings)


def test_baseline_file_is_stable_when_lines_move(project, tmp_path):
    one, two = tmp_path / "one.json", tmp_path / "two.json"
    cli("baseline", "--root", str(project), "--output", str(one))
    (project / "pkg" / "player.py").write_text(PLAYER.replace("import threading\n", "import threading\n\n# moved\n"))
    cli("baseline", "--root", str(project), "--output", str(two))
    strip = lambda p: [{k: v for k, v in e.items() if k != "line"} for e in json.loads(p.read_text())["findings"]]
    assert strip(one) == strip(two)


def test_config_baseline_is_the_default_file(project):
    (project / "pyproject.toml").write_text('[tool.interlock]\nbaseline = "interlock-baseline.json"\n')
    assert cli("baseline", "--root", str(project), "--output", str(project / "interlock-baseline.json"))[0] == 0
    code, out = cli("gate", "--root", str(project))
    assert code == 0 and "gate: passed" in out


def test_gate_without_a_baseline_is_a_usage_error(project, tmp_path):
    code, out = cli("gate", "--root", str(project))
    assert code == 2 and "no baseline" in out and len(out.strip().splitlines()) == 1
    code, out = cli("gate", "--root", str(project), "--baseline", str(tmp_path / "missing.json"))
    assert code == 2 and "baseline file not found" in out


# ----------------------------------------------------------------------------- bundled example

@pytest.fixture
def example(tmp_path: Path, monkeypatch) -> Path:
    copy = tmp_path / "repo"
    shutil.copytree(REPO / "examples", copy / "examples", ignore=shutil.ignore_patterns("__pycache__", ".interlock*"))
    shutil.copytree(REPO / "specs" / "example", copy / "specs" / "example")
    (copy / "pyproject.toml").write_text('[tool.interlock]\nroot = "examples"\nspecs = "specs/example"\n'
                                         'baseline = "interlock-baseline.json"\n')
    monkeypatch.chdir(copy)
    return copy


def apply_fix(root: Path, code: str) -> dict:
    """Apply the first fix of examples/FIXES.toml that fixes only `code`; returns it."""
    fixes = tomllib.loads((REPO / "examples" / "FIXES.toml").read_text())["fix"]
    fix = next(f for f in fixes if f["codes"] == [code])
    path = root / "examples" / fix["path"]
    text = path.read_text()
    assert text.count(fix["old"]) == 1
    path.write_text(text.replace(fix["old"], fix["new"]))
    return fix


def test_gate_on_the_bundled_example(example):
    # the shared-state family only: the gate logic is the same and the run stays quick
    assert cli("baseline", "--select", "IL1", "--output", "interlock-baseline.json")[0] == 0
    assert cli("gate", "--select", "IL1")[0] == 0
    planted = example / "examples" / "soundbox" / "player" / "planted_meter.py"
    planted.write_text(METER_BUGGY)
    code, out = cli("gate", "--select", "IL1")
    assert code == 1 and "PlantedMeter.level" in out and "soundbox/player/planted_meter.py" in out
    planted.write_text(METER)
    fix = apply_fix(example, "IL102")
    code, out = cli("gate", "--select", "IL1")
    assert code == 0, out
    gone = out.split("gone")[1]
    assert "IL102" in gone and fix["path"] in gone


# ----------------------------------------------------------------------------- CI integration files

def test_pre_commit_hooks_run_real_commands_on_the_whole_program():
    import yaml

    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert {h["id"] for h in hooks} >= {"interlock-gate"}
    for hook in hooks:
        assert {"id", "name", "entry", "language"} <= set(hook) and hook["pass_filenames"] is False
        program, *args = hook["entry"].split()
        assert program == "interlock"
        assert CliRunner().invoke(app, args + ["--help"]).exit_code == 0
    if shutil.which("pre-commit"):
        import subprocess

        done = subprocess.run(["pre-commit", "validate-manifest", str(REPO / ".pre-commit-hooks.yaml")],
                              capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr


def workflow() -> dict:
    import re

    import yaml

    blocks = re.findall(r"```yaml\n(.*?)```", (REPO / "docs" / "ci.md").read_text(), re.S)
    flow = next(yaml.safe_load(b) for b in blocks if "jobs:" in b and "upload-sarif" in b)
    flow["on"] = flow.pop(True, flow.get("on"))      # YAML 1.1 reads the key `on` as True
    return flow


def test_example_workflow_uploads_the_sarif_the_gate_writes(project, tmp_path, monkeypatch):
    import shlex

    flow = workflow()
    steps = flow["jobs"]["gate"]["steps"]
    gate = next(s for s in steps if s.get("id") == "gate")
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
    assert flow["jobs"]["gate"]["permissions"]["security-events"] == "write"
    assert "always()" in upload["if"]
    args = shlex.split(gate["run"])
    assert args[:2] == ["interlock", "gate"] and args[args.index("--output") + 1] == upload["with"]["sarif_file"]
    # run the workflow's own command line on the temp project, with a baseline and a planted bug
    monkeypatch.chdir(project)
    cli("baseline", "--output", args[args.index("--baseline") + 1])
    (project / "pkg" / "meter.py").write_text(METER_BUGGY)
    code, _ = cli(*args[1:])
    sarif = json.loads((project / upload["with"]["sarif_file"]).read_text())
    assert code == 1 and [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["IL103"]


def test_example_workflow_matches_githubs_schema():
    schema_dir = pytest.importorskip("check_jsonschema.builtin_schemas.vendor")   # vendored schemastore copy
    import importlib.resources

    import jsonschema

    schema = json.loads(importlib.resources.files(schema_dir).joinpath("github-workflows.json").read_text())
    jsonschema.validate(workflow(), schema)
