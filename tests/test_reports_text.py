"""The terminal report: golden output for the shared fixture, quiet/verbose, colour on and off."""
from __future__ import annotations

import pytest

from interlock.models.result import VerifyResult
from interlock.reports import render
from reports_fixture import build


@pytest.fixture
def fixture(tmp_path):
    return build(tmp_path)


def test_text_report_matches_golden(fixture, assert_snapshot):
    result, model = fixture
    assert_snapshot("text/report.txt", render(result, "text", model=model))


def test_verbose_adds_trigger_impact_and_stats(fixture, assert_snapshot):
    result, model = fixture
    out = render(result, "text", model=model, verbose=True)
    assert "= impact: The seek is lost" in out and "stats: contexts=3, files=2, states=118" in out
    assert_snapshot("text/report_verbose.txt", out)


def test_quiet_prints_one_line_per_finding(fixture):
    result, _ = fixture
    lines = render(result, "text", quiet=True).splitlines()
    assert lines == [
        "player/controller.py:13:9: IL501 Invariant `position-within-duration` can be violated",
        "player/controller.py:14:13: IL103 Lost update of `PlaybackController.position`",
        "player/controller.py:26:9: IL502 Illegal transition PLAYING -> FINISHED",
        "player/engine.py:13:13: IL301 Lock-order inversion between `GaplessEngine._audio_lock` "
        "and `GaplessEngine.update_lock`",
    ]


def test_colour_only_when_asked(fixture):
    result, _ = fixture
    assert "\x1b[" not in render(result, "text")
    coloured = render(result, "text", color=True)
    assert "\x1b[" in coloured and "IL501" in coloured


def test_no_findings_says_so_and_names_the_bound(tmp_path):
    result, _ = build(tmp_path)
    empty = result.model_copy(update={"findings": ()})
    out = render(empty, "text")
    assert out.startswith("No findings.")
    assert "player: bounded by preemptions" in out


def test_missing_source_file_still_reports_the_location(tmp_path):
    result, _ = build(tmp_path)
    moved = VerifyResult.model_validate({**result.to_json(), "root": str(tmp_path / "gone")})
    out = render(moved, "text")
    assert "player/controller.py:14:13: IL103" in out and "help: Take `self._lock`" in out


def test_diagnostics_are_listed(tmp_path):
    from interlock.models.program import Diagnostic

    result, _ = build(tmp_path)
    noisy = result.model_copy(update={"diagnostics": (
        Diagnostic(path="player/broken.py", line=3, severity="error", message="syntax error: invalid syntax"),)})
    out = render(noisy, "text")
    assert "Diagnostics:\n  player/broken.py:3: error: syntax error: invalid syntax" in out
