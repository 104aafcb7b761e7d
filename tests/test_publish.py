"""`interlock publish` against a real HTTP server on 127.0.0.1 speaking GitHub's REST API (tests/fake_github.py).

PyGithub is pointed at it through `base_url`; nothing is mocked inside the client.
"""
from __future__ import annotations

import json
import logging

import pytest
from typer.testing import CliRunner

from fake_github import FakeGitHub
from interlock.cli import app
from interlock.models.finding import Finding, FindingLocation, TraceStep
from interlock.models.result import VerifyResult
from interlock.reports.github import PublishError, publish, rate_limit_wait
from interlock.reports.github_plan import ExistingIssue, plan

TOKEN = "ghp_SeCrEt0123456789abcdef"
DATE = "2026-11-24"
SECTIONS = ("Summary", "Evidence", "Trigger Conditions", "Impact", "Related Issues", "Proposed Fix",
            "Acceptance Criteria", "Test Plan")


def make(attr: str, *, cls: str = "Player", function: str = "_run", severity: str = "high") -> Finding:
    return Finding(code="IL101", rule="unguarded-shared-state", severity=severity, dimension="Player Thread Safety",
                   title=f"Unguarded shared state on {cls}.{attr}",
                   message=f"`{cls}.{attr}` is written by `playback` in `{function}` and read by `api` in `seek`",
                   location=FindingLocation(path="pkg/player.py", line=12, end_line=13, **{"class": cls},
                                            function=function),
                   related=(FindingLocation(path="pkg/player.py", line=20, end_line=20, note="read by api"),),
                   symbols=[f"{cls}.{attr}"], contexts=("playback", "api"),
                   trace=(TraceStep(context="playback", path="pkg/player.py", line=12, action=f"read {attr}"),),
                   trigger="seek while playing", impact="position jumps back", fix="take self._lock")


FINDINGS = (make("position"), make("volume", severity="medium"), make("state", cls="Engine", severity="critical"))
RESULT = VerifyResult(findings=FINDINGS)


@pytest.fixture
def gh(monkeypatch):
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
    with FakeGitHub(TOKEN) as server:
        yield server


def run(gh: FakeGitHub, result: VerifyResult = RESULT, *, yes: bool = True, out: list | None = None,
        sleeps: list | None = None, echo=None) -> int:
    out = [] if out is None else out
    return publish(result, repo="acme/player", base_url=gh.url, token_env="GITHUB_TOKEN", apply_changes=yes,
                   date=DATE, echo=echo or out.append, sleep=(sleeps if sleeps is not None else []).append)


def filed_once(gh: FakeGitHub, findings=FINDINGS) -> bool:
    return all(len(gh.issues_with(f.fingerprint)) == 1 for f in findings)


def test_first_publish_creates_exactly_the_new_findings(gh):
    out: list[str] = []
    assert run(gh, out=out) == 0
    assert len(gh.repo.issues) == 3 and filed_once(gh)
    issue = gh.issues_with(FINDINGS[2].fingerprint)[0]
    assert issue["title"] == f"[{DATE}] CRITICAL - Unguarded shared state on Engine.state"
    assert issue["labels"] == ["critical", "concurrency", "bug"]
    assert all(f"## {s}\n" in issue["body"] for s in SECTIONS)
    assert f"<!-- interlock:fingerprint=v1:{FINDINGS[2].fingerprint}; code=IL101 -->" in issue["body"]
    assert set(gh.repo.labels) == {"critical", "high", "medium", "concurrency", "bug"}
    table = out[-1].splitlines()
    assert table[0].split() == ["finding", "action", "issue"] and len(table) == 2 + 3
    assert all("created" in row and "#" in row for row in table[2:])


def test_second_publish_creates_nothing(gh):
    run(gh)
    before = len(gh.writes())
    out: list[str] = []
    run(gh, out=out)
    assert len(gh.writes()) == before and len(gh.repo.issues) == 3
    assert "existing" in out[-1] and "created" not in out[-1]


def test_dry_run_lists_the_plan_and_never_contacts_github(gh):
    out: list[str] = []
    assert run(gh, yes=False, out=out) == 0
    assert gh.requests == [] and gh.repo.issues == {}
    text = "\n".join(out)
    assert "dry run" in text and text.count("create    IL101") == 3 and "would create" in out[-1]


def test_open_issue_with_the_marker_is_skipped(gh):
    run(gh, VerifyResult(findings=FINDINGS[:1]))
    out: list[str] = []
    run(gh, out=out)
    assert filed_once(gh) and len(gh.repo.issues) == 3
    assert any("skip" in line and "#1" in line for line in out)


def test_hand_filed_open_issue_matched_by_title_keywords_and_symbols_is_skipped(gh):
    number = gh.repo.add_issue("Unguarded shared state: Player.position races with seek",
                               "The playback thread writes Player.position without the lock.")
    out: list[str] = []
    run(gh, out=out)
    assert len(gh.issues_with(FINDINGS[0].fingerprint)) == 0 and len(gh.repo.issues) == 3
    assert any(f"existing open issue #{number} (matched by keywords)" in line for line in out)


def test_issue_that_only_mentions_a_symbol_is_related_not_a_match(gh):
    other = gh.repo.add_issue("Crash on startup", "Traceback mentions Player.volume somewhere.")
    run(gh)
    issue = gh.issues_with(FINDINGS[1].fingerprint)[0]
    assert f"- #{other}" in issue["body"].split("## Related Issues")[1].split("##")[0]
    comments = gh.repo.issues[other]["comments"]
    assert len(comments) == 1 and f"#{issue['number']}" in comments[0]["body"]
    run(gh)
    assert len(gh.repo.issues[other]["comments"]) == 1


def test_closed_issue_with_the_finding_back_gets_a_regression_issue_and_a_comment(gh):
    run(gh, VerifyResult(findings=FINDINGS[:1]))
    gh.repo.issues[1]["state"] = "closed"
    out: list[str] = []
    run(gh, out=out)
    issues = gh.issues_with(FINDINGS[0].fingerprint)
    assert [i["state"] for i in issues] == ["closed", "open"]
    regression = issues[1]
    assert "regression of #1" in regression["title"] and "- Regression of #1" in regression["body"]
    comments = gh.repo.issues[1]["comments"]
    assert len(comments) == 1 and f"#{regression['number']}" in comments[0]["body"]
    assert any("regression of #1" in line for line in out[-1].splitlines())
    writes = len(gh.writes())
    run(gh)
    assert len(gh.writes()) == writes and len(gh.repo.issues[1]["comments"]) == 1


def test_closed_issue_of_a_finding_not_present_now_is_left_alone(gh):
    run(gh, VerifyResult(findings=FINDINGS[:1]))
    gh.repo.issues[1]["state"] = "closed"
    run(gh, VerifyResult(findings=FINDINGS[1:]))
    assert len(gh.issues_with(FINDINGS[0].fingerprint)) == 1 and gh.repo.issues[1]["comments"] == []


def test_pagination_is_followed_and_pull_requests_are_ignored(monkeypatch):
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
    with FakeGitHub(TOKEN, max_per_page=2) as gh:
        run(gh, VerifyResult(findings=FINDINGS[:1]))
        for n in range(5):
            gh.repo.add_issue(f"unrelated {n}")
        marker = gh.repo.issues[1]["body"]
        gh.repo.add_issue("a pull request quoting the marker", marker, pull=True)
        run(gh)
        assert filed_once(gh)
        assert sum("page=4" in path for _, path in gh.requests) >= 1


def seed(gh: FakeGitHub) -> None:
    """A closed issue of FINDINGS[0] (so a regression is filed) and a hand-filed one naming Player.volume."""
    gh.repo.add_issue("old", f"<!-- interlock:fingerprint=v1:{FINDINGS[0].fingerprint}; code=IL101 -->", "closed")
    gh.repo.add_issue("Volume glitch", "Player.volume jumps")


def open_once_and_comments_once(gh: FakeGitHub) -> bool:
    opened = [[i for i in gh.issues_with(f.fingerprint) if i["state"] == "open"] for f in FINDINGS]
    comments = [c["body"] for n in (1, 2) for c in gh.repo.issues[n]["comments"]]
    return all(len(o) == 1 for o in opened) and len(comments) == 2 and len(set(comments)) == 2


@pytest.mark.parametrize("mode", ["before", "lost"])
def test_failure_after_the_kth_request_then_rerun_files_each_finding_once(monkeypatch, mode):
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
    with FakeGitHub(TOKEN) as probe:          # how many requests a clean run makes
        seed(probe)
        run(probe)
        total = len(probe.requests)
        assert open_once_and_comments_once(probe) and len(probe.repo.issues) == 5
    failures = 0
    for k in range(1, total + 1):
        with FakeGitHub(TOKEN) as gh:
            seed(gh)
            gh.fail_at, gh.fail_mode = k, mode
            try:
                run(gh)
            except PublishError as exc:
                failures += 1
                assert "failed" in str(exc)
            gh.fail_at = None
            run(gh)
            assert open_once_and_comments_once(gh), f"request {k} ({mode})"
            assert len(gh.repo.issues) == 5
    assert failures >= total // 2               # the faults really hit (GETs may be retried past them)


def test_interrupted_run_then_rerun_creates_the_rest(gh):
    def echo(line: str) -> None:
        if line.startswith("created #"):
            raise KeyboardInterrupt
    with pytest.raises(KeyboardInterrupt):
        run(gh, echo=echo)
    assert len(gh.repo.issues) == 1
    run(gh)
    assert filed_once(gh) and len(gh.repo.issues) == 3


def test_rate_limit_is_waited_out_with_a_message(gh):
    gh.rate_limit_at = {2, 6}
    out: list[str] = []
    sleeps: list[float] = []
    run(gh, out=out, sleeps=sleeps)
    assert sleeps == [1.0, 1.0] and filed_once(gh)
    assert sum("waiting 1 s for GitHub's rate limit" in line for line in out) == 2


def test_rate_limit_wait_reads_retry_after_and_reset():
    assert rate_limit_wait(403, {"Retry-After": "7"}) == 7
    assert rate_limit_wait(403, {"x-ratelimit-remaining": "0", "x-ratelimit-reset": "1000"}, now=990) == 11
    assert rate_limit_wait(403, {"x-ratelimit-remaining": "12"}) is None
    assert rate_limit_wait(500, {"Retry-After": "7"}) is None


def test_token_never_appears_in_output_logs_or_errors(gh, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    report = tmp_path / "report.json"
    report.write_text(json.dumps(RESULT.to_json()))
    runner = CliRunner()
    args = ["publish", "--repo", "acme/player", "--from", str(report), "--base-url", gh.url, "--date", DATE]
    dry = runner.invoke(app, args)
    real = runner.invoke(app, args + ["--yes"])
    gh.fail_at = len(gh.requests) + 2
    failed = runner.invoke(app, args + ["--yes"])
    assert dry.exit_code == 0 and real.exit_code == 0 and failed.exit_code == 2, failed.output
    assert filed_once(gh) and gh.bad_auth == 0
    captured = dry.output + real.output + failed.output + caplog.text + str(failed.exception or "")
    assert TOKEN not in captured and "502" in failed.output


def test_masking_removes_the_token_from_error_text(gh):
    from interlock.reports.github import Client

    client = Client("acme/player", TOKEN, gh.url, echo=lambda _: None)
    assert client.mask(f"boom {TOKEN} boom") == "boom *** boom"


def test_publish_with_yes_needs_a_token(gh, monkeypatch):
    monkeypatch.delenv("GITHUB_TOKEN")
    with pytest.raises(PublishError, match="GITHUB_TOKEN"):
        run(gh)
    assert gh.requests == []


def test_plan_is_pure_and_one_action_per_fingerprint():
    closed = ExistingIssue(7, "x", f"<!-- interlock:fingerprint=v1:{FINDINGS[0].fingerprint}; code=IL101 -->", "closed")
    actions = plan(FINDINGS + FINDINGS[:1], [closed], DATE)
    assert [a.action for a in actions].count("regression") == 1 and len(actions) == 3
    regression = next(a for a in actions if a.action == "regression")
    assert regression.issue == 7 and regression.comments[0].on == 7


def test_primary_rate_limit_waits_until_the_reset(gh):
    gh.primary_limit_at = {3}
    out: list[str] = []
    sleeps: list[float] = []
    run(gh, out=out, sleeps=sleeps)
    assert len(sleeps) == 1 and 1.0 <= sleeps[0] <= 3.5 and filed_once(gh)
    assert any(line.startswith("waiting ") and "rate limit" in line for line in out)


def test_publish_runs_the_verification_itself_without_from(gh, tmp_path):
    from test_gate_cli import METER_BUGGY

    root = tmp_path / "app"
    root.mkdir()
    (root / "meter.py").write_text(METER_BUGGY)
    args = ["publish", "--repo", "acme/player", "--root", str(root), "--select", "IL1", "--base-url", gh.url,
            "--date", DATE, "--yes"]
    first = CliRunner().invoke(app, args)
    assert first.exit_code == 0, first.output
    titles = [i["title"] for i in gh.repo.issues.values()]
    assert titles and all(t.startswith(f"[{DATE}] ") for t in titles) and any("PlantedMeter.level" in t for t in titles)
    again = CliRunner().invoke(app, args)
    assert again.exit_code == 0 and len(gh.repo.issues) == len(titles) and "existing" in again.output


def test_existing_labels_are_not_created_again(gh):
    gh.repo.labels.update({"bug": "d73a4a", "high": "d93f0b"})
    run(gh)
    posted = [p for m, p in gh.requests if m == "POST" and p.endswith("/labels")]
    assert len(posted) == 3 and set(gh.repo.labels) == {"bug", "high", "medium", "critical", "concurrency"}


def test_an_issue_marked_for_another_finding_is_never_a_keyword_match():
    other = ExistingIssue(3, "Unguarded shared state on Player.position",
                          "Player.position\n<!-- interlock:fingerprint=v1:0123456789abcdef; code=IL103 -->", "open")
    hand = ExistingIssue(4, "Unguarded shared state on Player.position", "Player.position races", "open")
    assert plan(FINDINGS[:1], [other], DATE)[0].action == "create"
    assert plan(FINDINGS[:1], [other, hand], DATE)[0].issue == 4


def test_huge_findings_keep_the_body_under_githubs_limit_with_marker_and_sections():
    from interlock.reports.github_body import issue_body

    steps = tuple(TraceStep(context="c", path="p.py", line=i, action="x" * 500) for i in range(500))
    big = FINDINGS[0].model_copy(update={"trace": steps, "evidence": "e" * 200_000, "impact": "i" * 100_000})
    body = issue_body(big, related=(1, 2))
    assert len(body) < 65_536 and body.rstrip().endswith("-->") and f"v1:{big.fingerprint}" in body
    assert all(f"## {s}\n" in body for s in SECTIONS)


def test_unknown_repository_and_bad_token_are_one_line_errors_without_the_token(gh, monkeypatch):
    with pytest.raises(PublishError, match="open acme/nope failed: 404"):
        publish(RESULT, repo="acme/nope", base_url=gh.url, token_env="GITHUB_TOKEN", apply_changes=True,
                date=DATE, echo=lambda _: None)
    wrong = TOKEN[::-1]
    monkeypatch.setenv("OTHER_TOKEN", wrong)
    runner = CliRunner()
    res = runner.invoke(app, ["publish", "--repo", "acme/player", "--from", "/dev/null", "--base-url", gh.url])
    assert res.exit_code == 2 and "not a report" in res.output
    with pytest.raises(PublishError) as err:
        publish(RESULT, repo="acme/player", base_url=gh.url, token_env="OTHER_TOKEN", apply_changes=True,
                date=DATE, echo=lambda _: None)
    assert "401" in str(err.value) and wrong not in str(err.value) and "\n" not in str(err.value)
    assert gh.repo.issues == {}
