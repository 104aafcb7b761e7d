"""The HTML report in real headless Chromium: a click opens a finding and shows its trace diagram."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from interlock.reports import render
from reports_fixture import build

ARTIFACTS = Path(__file__).parent / "artifacts"
# In CI (.ci/install-deps installs both) a missing browser fails the test instead of skipping it.
needs_browser = pytest.mark.skipif((shutil.which("chromium") is None or shutil.which("dot") is None)
                                   and not os.environ.get("CI"), reason="needs Debian chromium and graphviz")


@pytest.fixture
def report(tmp_path):
    result, model = build(tmp_path / "root")
    html = render(result, "html", model=model, date="2026-11-24")
    path = tmp_path / "report.html"
    path.write_text(html, encoding="utf-8")
    return path, html


def test_html_is_self_contained(report):
    _, html = report
    assert "<script src" not in html and "<link" not in html
    assert "http://" not in html.replace("http://www.w3.org", "")   # SVG namespaces only
    assert "https://" not in html


@needs_browser
def test_clicking_a_finding_shows_its_trace_diagram(report):
    from browser import Browser

    path, _ = report
    browser = Browser()
    try:
        browser.open(path.as_uri())
        visible = "(s) => { const e = document.querySelector(s); return !!e && e.checkVisibility() && e.getBoundingClientRect().height > 0; }"
        assert browser.eval(f"({visible})('#C-01 figure.trace svg')") is False
        browser.click("#C-01 .finding-head")
        assert browser.wait_true(f"({visible})('#C-01 figure.trace svg')")
        assert browser.eval("document.querySelector('#C-01 .finding-head').getAttribute('aria-expanded')") == "true"
        browser.screenshot(ARTIFACTS / "report.png")
        assert (ARTIFACTS / "report.png").stat().st_size > 10_000
    finally:
        browser.close()


@needs_browser
def test_filters_hide_findings(report):
    from browser import Browser

    path, _ = report
    browser = Browser()
    try:
        browser.open(path.as_uri())
        shown = "document.querySelectorAll('.finding:not([hidden])').length"
        assert browser.eval(shown) == 4
        browser.click(".chip[data-sev=high]")
        assert browser.wait_true(f"{shown} === 2")
        browser.eval("(() => { const q = document.getElementById('q'); q.value = 'illegal'; "
                     "q.dispatchEvent(new Event('input')); })()")
        assert browser.eval(shown) == 1
    finally:
        browser.close()


@pytest.mark.skipif(shutil.which("dot") is None, reason="needs graphviz")
def test_findings_embed_their_diagrams(report):
    _, html = report
    articles = {a.split("'", 1)[0]: a for a in html.split("<article class=finding id='")[1:]}
    assert "figure class='diagram trace'><svg" in articles["C-01"]
    assert "figure class='diagram state'><svg" in articles["C-04"]      # illegal transition: its machine
    assert "figure class='diagram locks'><svg" in articles["C-03"]      # lock-order cycle: the lock graph
    assert html.count("<svg") == 7                                       # 3 traces, 2 per finding, 2 per component


def test_committed_example_renders_are_there_and_self_contained():
    """docs/examples/ (python docs/examples/render.py) is what README points readers at."""
    examples = Path(__file__).parent.parent / "docs" / "examples"
    for name in ("player-state.svg", "player-trace.svg", "player-locks.svg"):
        assert "<svg" in (examples / name).read_text(), name
    html = (examples / "report.html").read_text()
    assert html.startswith("<!doctype html>") and "<script src" not in html and "<link" not in html
    assert "https://" not in html and "http://" not in html.replace("http://www.w3.org", "")
    assert "```mermaid" in (examples / "diagrams.md").read_text()
