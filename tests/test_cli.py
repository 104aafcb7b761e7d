"""The command line end to end: exit codes, one-line errors, the default job on the example."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def run(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "interlock", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=600)


def test_version_and_help():
    assert run("--version").stdout.startswith("interlock ")
    out = run("--help").stdout
    for cmd in ("verify", "audit", "diagram", "baseline", "gate", "publish", "extract", "init", "rules", "schema"):
        assert cmd in out


def test_missing_root_is_one_line_exit_2(tmp_path):
    p = run("verify", "--root", str(tmp_path / "nope"))
    assert p.returncode == 2
    assert p.stderr.strip().count("\n") == 0 and "does not exist" in p.stderr


def test_empty_tree_is_one_line_exit_2(tmp_path):
    p = run("verify", "--root", str(tmp_path))
    assert p.returncode == 2 and "no Python files" in p.stderr and p.stderr.strip().count("\n") == 0


def test_tree_whose_only_file_cannot_be_parsed_names_it_in_one_line(tmp_path):
    (tmp_path / "broken.py").write_text("def f(:\n    pass\n")
    p = run("verify", "--root", str(tmp_path))
    err = p.stderr.strip()
    assert p.returncode == 2 and err.count("\n") == 0
    assert "could be analysed" in err and "broken.py:1" in err and "syntax error" in err


def test_bad_format_is_exit_2(tmp_path):
    (tmp_path / "a.py").write_text("x = 1\n")
    p = run("verify", "--root", str(tmp_path), "--format", "xml")
    assert p.returncode == 2 and "--format" in p.stderr


def test_select_takes_comma_separated_codes_and_refuses_unknown_ones(tmp_path):
    # the bundled example has one planted finding per rule (examples/EXPECTED.toml)
    out = json.loads(run("verify", "--format", "json", "--select", "IL101,IL3", "--ignore", "IL302").stdout)
    assert {f["code"] for f in out["findings"]} == {"IL101", "IL301", "IL303", "IL304"}
    p = run("verify", "--select", "IL999")
    assert p.returncode == 2 and "'IL999' is not a rule code" in p.stderr and p.stderr.strip().count("\n") == 0
    (tmp_path / "a.py").write_text("x = 1\n")
    (tmp_path / "interlock.toml").write_text('ignore = ["IL1O1"]\n')
    p = run("verify", "--root", str(tmp_path))
    assert p.returncode == 2 and "interlock.toml: tool.interlock.ignore" in p.stderr


def test_bad_spec_names_file_and_key(tmp_path):
    (tmp_path / "a.py").write_text("x = 1\n")
    spec = tmp_path / "s.toml"
    spec.write_text('[component]\nname = "c"\npaths = ["."]\n[[context]]\nname = "t"\ncalls = [\n  "Nope.run",\n]\n')
    p = run("verify", "--root", str(tmp_path), "--spec", str(spec))
    assert p.returncode == 2
    # found by the checker against the code, and still placed on the line that names it
    assert f"{spec}:7: context[0].calls[0]: " in p.stderr and p.stderr.strip().count("\n") == 0, p.stderr


def test_unknown_component_is_exit_2(tmp_path):
    (tmp_path / "a.py").write_text("x = 1\n")
    spec = tmp_path / "s.toml"
    spec.write_text('[component]\nname = "c"\npaths = ["."]\n')
    p = run("verify", "nope", "--root", str(tmp_path), "--spec", str(spec))
    assert p.returncode == 2 and "nope" in p.stderr


def test_clean_code_exits_0_and_json_follows_the_contract(tmp_path):
    (tmp_path / "a.py").write_text("def f(x):\n    return x + 1\n")
    p = run("verify", "--root", str(tmp_path), "--format", "json")
    assert p.returncode == 0, p.stderr
    data = json.loads(p.stdout)
    assert set(data) >= {"tool", "root", "components", "findings", "stats"}
    assert data["tool"]["name"] == "interlock" and data["findings"] == []


def test_rules_lists_every_code_and_explains_one():
    p = run("rules")
    assert p.returncode == 0 and "IL101" in p.stdout and "IL703" in p.stdout
    one = run("rules", "IL302")
    assert one.returncode == 0 and "self-deadlock" in one.stdout and "Fix" in one.stdout
    assert run("rules", "IL999").returncode == 2


def test_schema_is_json_schema():
    data = json.loads(run("schema").stdout)
    assert "findings" in data["properties"]


def test_interlock_reports_nothing_on_its_own_package():
    p = run("verify", "--root", str(REPO / "interlock"), "--format", "json")
    assert p.returncode == 0, p.stdout[:2000]


def test_default_job_verifies_the_bundled_example_player():
    p = run("verify", "player")
    assert p.returncode == 1, p.stderr      # the example has planted bugs
    assert "IL" in p.stdout


def test_state_budget_is_a_user_bound_and_a_bounded_result_says_so():
    p = run("verify", "player", "--format", "json", "--max-states", "300")
    assert p.returncode in (0, 1), p.stderr
    player = next(c for c in json.loads(p.stdout)["components"] if c["name"] == "player")
    assert player["complete"] is False and player["bounded_by"] == "states"
