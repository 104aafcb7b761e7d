"""Diagrams: Mermaid golden files, real `dot` rendering to SVG and PNG, and clear errors."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from interlock.reports.diagrams import DiagramError, render_diagram
from reports_fixture import build

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="needs the graphviz `dot` binary")


@pytest.fixture
def fixture(tmp_path):
    return build(tmp_path)


@pytest.mark.parametrize("kind,finding", [("state", None), ("locks", None), ("trace", "C-01")])
def test_mermaid_matches_golden(fixture, assert_snapshot, kind, finding):
    result, model = fixture
    out = render_diagram(kind, model, result, component="player", finding_id=finding, fmt="mermaid")
    assert_snapshot(f"mermaid/{kind}.mmd", out)


def test_state_diagram_marks_the_undeclared_transition(fixture):
    result, model = fixture
    dot = render_diagram("state", model, result, component="player", fmt="dot")
    illegal = [line for line in dot.splitlines() if "#dc2626" in line and "->" in line]
    assert len(illegal) == 1 and "m0_PLAYING -> m0_FINISHED" in illegal[0] and "finish:26" in illegal[0]
    assert "m0_PAUSED -> m0_PLAYING" in dot and "declared, not seen" in dot


def test_lock_graph_marks_the_cycle_with_where_locks_are_taken(fixture):
    result, model = fixture
    dot = render_diagram("locks", model, result, component="player", fmt="dot")
    cycle = [line for line in dot.splitlines() if "->" in line and "#dc2626" in line]
    assert len(cycle) == 2
    assert any("GaplessEngine.advance (player/engine.py:13)" in line for line in cycle)
    assert "PlaybackController._lock" not in dot and "(1 lock never nested, not drawn)" in dot


@needs_dot
@pytest.mark.parametrize("kind,finding", [("state", None), ("locks", None), ("trace", "C-02")])
def test_real_dot_renders_svg_and_png(fixture, kind, finding):
    result, model = fixture
    svg = render_diagram(kind, model, result, component="player", finding_id=finding, fmt="svg")
    assert "<svg" in svg and "</svg>" in svg
    png = render_diagram(kind, model, result, component="player", finding_id=finding, fmt="png")
    assert png.startswith(b"\x89PNG") and len(png) > 2000


@needs_dot
def test_trace_svg_has_one_lifeline_per_context(fixture):
    result, model = fixture
    svg = render_diagram("trace", model, result, component="player", finding_id="C-02", fmt="svg")
    assert ">api</text>" in svg and ">api&#45;2</text>" in svg
    assert "4. write self.position = 50" in svg


def test_missing_dot_gives_a_clear_message_and_text_formats_still_work(fixture, monkeypatch):
    result, model = fixture
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(DiagramError, match="Graphviz `dot` is not installed.*--format dot"):
        render_diagram("state", model, result, component="player", fmt="svg")
    assert render_diagram("state", model, result, component="player", fmt="dot").startswith("digraph")
    assert "flowchart" in render_diagram("state", model, result, component="player", fmt="mermaid")


def test_errors_name_what_is_missing(fixture):
    result, model = fixture
    with pytest.raises(DiagramError, match="needs --finding ID .*C-01, C-02, C-03"):
        render_diagram("trace", model, result, component="player", fmt="dot")
    with pytest.raises(DiagramError, match="no finding 'C-99'"):
        render_diagram("trace", model, result, component="player", finding_id="C-99", fmt="dot")
    with pytest.raises(DiagramError, match="C-04 .* has no counterexample"):
        render_diagram("trace", model, result, component="player", finding_id="C-04", fmt="dot")
    with pytest.raises(DiagramError, match="no component 'audio'"):
        render_diagram("state", model, result, component="audio", fmt="dot")


# `.ci/install-deps` installs the npm package `mermaid` here; INTERLOCK_MERMAID_JS overrides.
MERMAID_JS = os.environ.get("INTERLOCK_MERMAID_JS") or str(
    Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    / "interlock-tests" / "node_modules" / "mermaid" / "dist" / "mermaid.min.js")
# In CI (with npm there to install it) a missing mermaid or chromium fails the test instead of skipping it.
HAVE_MERMAID = Path(MERMAID_JS).is_file() and shutil.which("chromium") is not None
MUST_RUN = bool(os.environ.get("CI")) and shutil.which("npm") is not None


@pytest.mark.skipif(not (HAVE_MERMAID or MUST_RUN),
                    reason="needs chromium and the npm package `mermaid` (bash .ci/install-deps, or INTERLOCK_MERMAID_JS)")
def test_mermaid_goldens_render_with_mermaid_in_chromium(tmp_path):
    """Every golden Mermaid file renders with the real mermaid library (what GitHub uses)."""
    from browser import Browser

    (tmp_path / "mermaid.min.js").write_text(Path(MERMAID_JS).read_text())
    (tmp_path / "page.html").write_text('<html><body><script src="mermaid.min.js"></script></body></html>')
    browser = Browser()
    try:
        browser.open((tmp_path / "page.html").as_uri())
        goldens = sorted((Path(__file__).parent / "snapshots").rglob("*.mmd"))
        assert len(goldens) >= 6
        for i, path in enumerate(goldens):
            expr = ("(async () => { mermaid.initialize({startOnLoad: false}); try { const r = await mermaid.render("
                    f"'g{i}', {json.dumps(path.read_text())}); return r.svg.length > 1000; }} "
                    "catch (e) { return String(e.message || e); } })()")
            res = browser.call("Runtime.evaluate", expression=expr, awaitPromise=True, returnByValue=True)
            assert res["result"]["value"] is True, (path.name, res["result"]["value"])
    finally:
        browser.close()


def test_transitions_the_explorer_proved_illegal_are_red_even_when_the_code_view_is_unsure(fixture):
    """The code writes PAUSED from an unknown prior state; IL502 proved STOPPED -> PAUSED is reachable."""
    from interlock.models.finding import Finding, FindingLocation

    result, model = fixture
    proven = Finding(id="H-09", code="IL502", rule="illegal-transition", severity="high",
                     dimension="Player Thread Safety", title="Illegal transition STOPPED -> PAUSED of `PlaybackController.state`",
                     message="m", location=FindingLocation(path="player/controller.py", line=22, end_line=22,
                                                           class_="PlaybackController", function="stop"))
    with_proof = result.model_copy(update={"findings": result.findings + (proven,)})
    dot = render_diagram("state", model, with_proof, component="player", fmt="dot")
    red = [line for line in dot.splitlines() if "->" in line and "#dc2626" in line]
    assert any("m0_STOPPED -> m0_PAUSED" in line and "H-09 stop:22" in line for line in red), red
    assert 'm0_PAUSED [label="PAUSED" color="#dc2626"' in dot
    mermaid = render_diagram("state", model, with_proof, component="player", fmt="mermaid")
    assert 'm0_STOPPED ==>|"H-09 stop:22"| m0_PAUSED' in mermaid


def test_component_path_dot_is_the_whole_root(fixture):
    result, model = fixture
    whole = result.model_copy(update={"components": (result.components[0].model_copy(update={"paths": (".",)}),)})
    assert "PlaybackController.state" in render_diagram("state", model, whole, component="player", fmt="mermaid")
    assert "GaplessEngine" in render_diagram("locks", model, whole, component="player", fmt="mermaid")


def test_a_declared_machine_without_writes_in_code_is_still_drawn(fixture):
    result, model = fixture
    bare = model.model_copy(update={"state_machines": ()})
    dot = render_diagram("state", bare, result, component="player", fmt="dot")
    assert "PlaybackController.state" in dot and "declared, not seen" in dot


def test_mermaid_escapes_instance_numbers_once():
    """`api#2` (a second instance) is `api#35;2`, not `#35;` escaped again into `#35#59;`."""
    from interlock.reports.diagram_build import Sequence
    from interlock.reports.diagram_mermaid import sequence_mermaid
    seq = Sequence(title="t", contexts=["api", "api#2"], shared="S.x",
                   steps=[(1, "api#2", "write x; then y", "m.py:3")])
    out = sequence_mermaid(seq)
    assert "participant c1 as api#35;2" in out
    assert "1. write x#59; then y (m.py:3)" in out
    assert "#35#59;" not in out
