"""The audit report in the maintainers' format: golden file and the per-finding fields."""
from __future__ import annotations

import re

import pytest

from interlock.reports import render
from reports_fixture import build


@pytest.fixture
def report(tmp_path):
    result, model = build(tmp_path)
    return render(result, "md", model=model, date="2026-11-24")


def test_audit_matches_golden(report, assert_snapshot):
    assert_snapshot("md/audit.md", report)


def test_every_finding_has_the_maintainers_fields(report):
    blocks = re.split(r"^### (?=C-\d\d: )", report, flags=re.M)[1:]
    assert [b.split(":")[0] for b in blocks] == ["C-02", "C-01", "C-03", "C-04"]    # severity order
    for block in blocks:
        for field in ("Severity", "Dimension", "Location", "Status", "Trigger Conditions", "Evidence",
                      "Impact", "Suggested Fix"):
            assert f"- **{field}**: " in block, (field, block[:80])


def test_summary_and_status(report):
    assert "# Concurrency & State Integrity Audit — 2026-11-24" in report
    assert "| HIGH | 2 |" in report and "| **Total** | **4** |" in report
    assert "| Player Thread Safety | 1 | 2 | 1 | 0 | 4 |" in report
    assert "- **Status**: Regression of #7" in report and "- **Status**: Existing: #12" in report
    assert report.count("- **Status**: NEW") == 2
    assert "- **Location**: `player/controller.py:13-14`" in report
    assert "Values (z3 model): `pos = 50`" in report


def test_no_absolute_paths_or_clock(tmp_path):
    result, _ = build(tmp_path)
    out = render(result, "md", date="2026-01-02")
    assert str(tmp_path) not in out and "2026-01-02" in out


def test_multiline_evidence_from_a_rule_stays_a_block(tmp_path):
    result, _ = build(tmp_path)
    quoted = result.findings[0].model_copy(update={"evidence": "# api: lock under lock\n118 |     with self.lock:\n"})
    out = render(result.model_copy(update={"findings": (quoted,)}), "md", date="2026-01-02")
    assert "- **Evidence**: \n  ```text\n  # api: lock under lock\n  118 |     with self.lock:\n  ```" in out


def test_location_lists_each_span_once(tmp_path):
    result, _ = build(tmp_path)
    f = result.findings[0]
    twice = f.model_copy(update={"related": (f.related[0], f.related[0].model_copy(update={"note": "again"}))})
    out = render(result.model_copy(update={"findings": (twice,)}), "md", date="2026-01-02")
    line = next(x for x in out.splitlines() if x.startswith("- **Location**: "))
    spans = line.removeprefix("- **Location**: ").split(", ")
    assert len(spans) == len(set(spans)) == 2, line
