"""Finding status end to end: the baseline and the publish record turn NEW into
"Existing (baseline)", "Existing: #N" and "Regression of #N" in the audit, JSON and text."""
from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from fake_github import FakeGitHub
from interlock.cli import app
from interlock.reports.issue_record import RECORD_PATH, load_record
from test_reports_cli import PLAYER

TOKEN = "ghp_status_test_token"


@pytest.fixture
def tree(tmp_path):
    (tmp_path / "player").mkdir()
    (tmp_path / "player" / "__init__.py").write_text("")
    (tmp_path / "player" / "core.py").write_text(PLAYER)
    return tmp_path


def _run(*args: str):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def _report(tree) -> dict:
    res = _run("verify", "--root", str(tree), "--format", "json")
    assert res.exit_code == 1, res.output
    return json.loads(res.stdout)


def _audit(tree) -> str:
    res = _run("audit", "--root", str(tree), "--date", "2026-03-04")
    assert res.exit_code == 1, res.output
    return (tree / "docs" / "audits" / "AUDIT_CONCURRENCY_2026-03-04.md").read_text()


def test_without_baseline_or_record_every_finding_is_new(tree):
    report = _audit(tree)
    assert report.count("- **Status**: NEW") == len(_report(tree)["findings"]) > 1


def test_baseline_findings_are_existing(tree, tmp_path):
    base = tmp_path / "base.json"
    assert _run("baseline", "--root", str(tree), "--output", str(base)).exit_code == 0
    res = _run("audit", "--root", str(tree), "--date", "2026-03-04", "--baseline", str(base))
    report = (tree / "docs" / "audits" / "AUDIT_CONCURRENCY_2026-03-04.md").read_text()
    assert res.exit_code == 1 and "- **Status**: NEW" not in report and "- **Status**: Existing (baseline)" in report
    res = _run("verify", "--root", str(tree), "--format", "json", "--baseline", str(base))
    assert {f["status"] for f in json.loads(res.stdout)["findings"]} == {"baseline"}


def test_missing_explicit_baseline_is_a_usage_error(tree, tmp_path):
    res = _run("verify", "--root", str(tree), "--baseline", str(tmp_path / "nope.json"))
    assert res.exit_code == 2 and "baseline file not found" in res.output


def test_publish_record_gives_issue_numbers_and_regressions(tree, tmp_path, monkeypatch):
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
    full = _report(tree)
    (tmp_path / "full.json").write_text(json.dumps(full))
    gone = full["findings"][0]
    rest = {**full, "findings": full["findings"][1:]}
    (tmp_path / "rest.json").write_text(json.dumps(rest))
    with FakeGitHub(TOKEN) as gh:
        res = _run("publish", "--repo", "acme/player", "--from", str(tmp_path / "full.json"),
                   "--base-url", gh.url, "--yes", "--date", "2026-03-01")
        assert res.exit_code == 0, res.output
        record = load_record(tree / RECORD_PATH)
        assert set(record) == {f["fingerprint"] for f in full["findings"]}
        closed = record[gone["fingerprint"]].number
        gh.repo.issues[closed]["state"] = "closed"            # fixed, closed; the next run no longer finds it
        res = _run("publish", "--repo", "acme/player", "--from", str(tmp_path / "rest.json"),
                   "--base-url", gh.url, "--yes", "--date", "2026-03-02")
        assert res.exit_code == 0, res.output
    assert load_record(tree / RECORD_PATH)[gone["fingerprint"]].state == "closed"
    report = _audit(tree)                                  # the bug is back in the code
    assert f"- **Status**: Regression of #{closed}" in report
    others = {record[f["fingerprint"]].number for f in rest["findings"]}
    assert {int(n) for n in re.findall(r"- \*\*Status\*\*: Existing: #(\d+)", report)} == others
    statuses = {f["fingerprint"]: (f["status"], f["issue"]) for f in _report(tree)["findings"]}
    assert statuses[gone["fingerprint"]] == ("regression", closed)
    text = _run("verify", "--root", str(tree)).stdout
    assert f"[Regression of #{closed}]" in text


def test_dry_run_writes_no_record(tree, tmp_path, monkeypatch):
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
    (tmp_path / "full.json").write_text(json.dumps(_report(tree)))
    with FakeGitHub(TOKEN) as gh:
        res = _run("publish", "--repo", "acme/player", "--from", str(tmp_path / "full.json"), "--base-url", gh.url)
    assert res.exit_code == 0 and not (tree / RECORD_PATH).exists()


def test_a_broken_record_is_one_clear_line(tree):
    (tree / RECORD_PATH).parent.mkdir(parents=True)
    (tree / RECORD_PATH).write_text("{not json")
    res = _run("verify", "--root", str(tree))
    assert res.exit_code == 2 and "issues.json:1: not valid JSON" in res.output
