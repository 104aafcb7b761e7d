"""Golden text, audit Markdown and Mermaid for real corpus cases, through the whole pipeline.

The shared fixture (reports_fixture) pins the renderers; these pin what a user gets from real
findings: rule messages, explorer traces, z3 values, code frames. A rule that changes its wording
updates them with `--update-golden` (review the diff).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from helpers import run_pipeline
from interlock.checker.rules import all_rules
from interlock.extractor import extract
from interlock.models.spec import load_specs
from interlock.reports import render
from interlock.reports.diagrams import render_diagram

CORPUS = Path(__file__).parent / "corpus"
# case -> the component diagram that shows its bug
CASES = {"il502_underrun_pause": "state", "il301_player_queue_order": "locks", "il504_join_under_lock": None}


def _run(case: str):
    root = CORPUS / case / "buggy"
    spec = CORPUS / case / "spec.toml"
    result = run_pipeline(root, spec if spec.is_file() else None)
    # the version is not what these files pin
    result = result.model_copy(update={"tool": {"name": "interlock", "version": "X"}})
    return result, extract(root, use_cache=False)


@pytest.fixture(scope="module", params=sorted(CASES))
def case(request):
    result, model = _run(request.param)
    assert result.findings, f"{request.param}: the buggy twin reports nothing"
    # steps and preemptions bounds are deterministic; a time bound would make the goldens flaky
    assert all(c.bounded_by != "seconds" for c in result.components), "a timed-out run is not reproducible"
    return request.param, result, model


def test_text_matches_golden(case, assert_snapshot):
    name, result, _ = case
    assert_snapshot(f"corpus/{name}/report.txt", render(result, "text"))


def test_audit_matches_golden(case, assert_snapshot):
    name, result, _ = case
    out = render(result, "md", date="2026-01-01", rules=all_rules())
    assert str(CORPUS) not in out
    assert_snapshot(f"corpus/{name}/audit.md", out)


def test_mermaid_trace_and_component_diagram_match_golden(case, assert_snapshot):
    name, result, model = case
    traced = [f for f in result.findings if f.trace]
    assert traced, f"{name}: no finding with a counterexample"
    component = result.components[0].name
    trace = render_diagram("trace", model, result, component=component, finding_id=traced[0].id, fmt="mermaid")
    assert_snapshot(f"corpus/{name}/trace.mmd", trace)
    if CASES[name]:
        graph = render_diagram(CASES[name], model, result, component=component, fmt="mermaid")
        assert "#dc2626" in graph              # the bug is drawn in red
        assert_snapshot(f"corpus/{name}/{CASES[name]}.mmd", graph)


def test_corpus_runs_are_reproducible():
    """Two runs render the same bytes (what makes the goldens above meaningful)."""
    first, _ = _run("il504_join_under_lock")
    second, _ = _run("il504_join_under_lock")
    assert render(first, "text") == render(second, "text")
    assert render(first, "md", date="2026-01-01") == render(second, "md", date="2026-01-01")
