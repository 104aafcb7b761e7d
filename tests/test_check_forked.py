"""Model checking forked beside the static rules gives exactly the sequential result."""
from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from interlock.checker import check, components_for, forked
from interlock.extractor import extract
from interlock.models.spec import load_specs

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
def test_forked_model_checking_matches_the_sequential_run(monkeypatch, tmp_path):
    root = REPO / "examples"
    model = extract(root, cache_dir=tmp_path / "c")
    comps = components_for(load_specs(REPO / "specs" / "example"))
    alone = check(model, comps, root, jobs=1)
    monkeypatch.setattr(forked, "MIN_FUNCTIONS", 0)
    assert forked.should_fork(model, [object()], 2)
    beside = check(model, comps, root, jobs=2)
    assert any(f.code.startswith("IL5") for f in alone.findings)
    assert _static(beside) == _static(alone)
    assert [c.name for c in beside.components] == [c.name for c in alone.components]
    assert _checked(beside) == _checked(alone)


def _static(result) -> list:
    return [f for f in result.findings if not f.code.startswith("IL5")]


def _checked(result) -> set:
    """Model-checked findings of components explored completely by both runs (a time-bounded
    exploration may differ from run to run on a loaded machine, forked or not)."""
    return {(f.code, f.fingerprint) for f in result.findings if f.code.startswith("IL5")
            and all(c.complete for c in result.components if _holds(c, f))}


def _holds(component, finding) -> bool:
    return not component.paths or any(finding.location.path.startswith(p.strip("/")) for p in component.paths)


def test_a_failing_child_falls_back_to_running_the_rules_here(monkeypatch, tmp_path):
    root = REPO / "examples"
    model = extract(root, cache_dir=tmp_path / "c")
    comps = components_for(load_specs(REPO / "specs" / "example"))
    alone = check(model, comps, root, jobs=1)
    monkeypatch.setattr(forked, "MIN_FUNCTIONS", 0)
    monkeypatch.setattr(forked, "_child", lambda: 1 / 0)
    assert _static(check(model, comps, root, jobs=2)) == _static(alone)
