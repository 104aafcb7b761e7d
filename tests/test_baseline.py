"""Baseline file and gate comparison on hand-built results (the CLI-level gate is in test_gate_cli.py)."""
from __future__ import annotations

import json

import pytest

from interlock.models.finding import Finding, FindingLocation
from interlock.models.result import VerifyResult
from interlock.reports.baseline import (BaselineError, compare, load_baseline, render_baseline, render_gate)


def make(attr: str, line: int, *, path: str = "pkg/player.py", code: str = "IL101", function: str = "_run") -> Finding:
    return Finding(code=code, rule="unguarded-shared-state", severity="high", dimension="Player Thread Safety",
                   title=f"Unguarded shared state: Player.{attr}", message=f"`Player.{attr}` raced",
                   location=FindingLocation(path=path, line=line, end_line=line, **{"class": "Player"},
                                            function=function),
                   symbols=[f"Player.{attr}"])


def result(*findings: Finding) -> VerifyResult:
    return VerifyResult(tool={"name": "interlock", "version": "0.1"}, findings=findings)


A, B, C = make("position", 10), make("volume", 20, path="pkg/engine.py"), make("state", 30, code="IL201")


def test_baseline_file_is_sorted_one_entry_per_line_and_independent_of_input_order():
    text = render_baseline(result(C, A, B))
    assert text == render_baseline(result(B, C, A))
    assert text.endswith("}\n")
    lines = [ln for ln in text.splitlines() if '"fingerprint"' in ln]
    assert len(lines) == 3                                       # one finding per line: readable diffs
    keys = [(e["path"], e["code"], e["fingerprint"]) for e in json.loads(text)["findings"]]
    assert keys == sorted(keys)


def test_baseline_entries_carry_review_context():
    entry = json.loads(render_baseline(result(A)))["findings"][0]
    assert entry == {"fingerprint": A.fingerprint, "code": "IL101", "rule": "unguarded-shared-state",
                     "path": "pkg/player.py", "class": "Player", "function": "_run",
                     "symbols": ["Player.position"], "line": 10, "title": "Unguarded shared state: Player.position"}
    assert json.loads(render_baseline(result(A)))["version"] == 1


def test_moving_lines_changes_only_the_informational_line(tmp_path):
    moved = make("position", 99)
    path = tmp_path / "b.json"
    path.write_text(render_baseline(result(A)))
    gated = compare(result(moved), load_baseline(path))
    assert [f.status for f in gated.result.findings] == ["baseline"] and not gated.gone


def test_empty_baseline_round_trips(tmp_path):
    path = tmp_path / "b.json"
    path.write_text(render_baseline(result()))
    assert load_baseline(path).findings == ()


def test_compare_marks_new_and_baseline_and_lists_gone(tmp_path):
    path = tmp_path / "b.json"
    path.write_text(render_baseline(result(A, B)))
    gated = compare(result(A, C), load_baseline(path))
    status = {f.fingerprint: f.status for f in gated.result.findings}
    assert status == {A.fingerprint: "baseline", C.fingerprint: "new"}
    assert [e.fingerprint for e in gated.gone] == [B.fingerprint]
    assert [f.fingerprint for f in gated.new] == [C.fingerprint]


def test_compare_is_a_multiset_match(tmp_path):
    # two findings with one fingerprint in the baseline do not hide a third
    path = tmp_path / "b.json"
    path.write_text(render_baseline(result(A, make("position", 12))))
    gated = compare(result(A, make("position", 12), make("position", 14)), load_baseline(path))
    assert sorted(f.status for f in gated.result.findings) == ["baseline", "baseline", "new"]
    gated = compare(result(A), load_baseline(path))
    assert len(gated.gone) == 1 and gated.gone[0].fingerprint == A.fingerprint


def test_compare_does_not_mutate_findings_it_was_given():
    from interlock.reports.baseline import Baseline

    res = result(A)
    compare(res, Baseline())
    assert res.findings[0] is A and A.status == "new"


def test_render_gate_prints_only_new_findings_and_the_gone_ones(tmp_path):
    path = tmp_path / "b.json"
    path.write_text(render_baseline(result(A, B)))
    text = render_gate(compare(result(A, C), load_baseline(path)))
    assert "Player.state" in text and "Unguarded shared state: Player.position" not in text
    assert "gone" in text and B.fingerprint in text and "pkg/engine.py:20" in text
    assert "gate: FAILED: 1 new, 1 in baseline, 1 gone" in text
    assert "\x1b[" not in text


def test_render_gate_passes_and_colours_on_request(tmp_path):
    path = tmp_path / "b.json"
    path.write_text(render_baseline(result(A)))
    text = render_gate(compare(result(A), load_baseline(path)), color=True)
    assert "gate: passed" in text and "\x1b[" in text


@pytest.mark.parametrize("content, message", [
    (None, "baseline file not found"),
    ("{not json", "not valid JSON"),
    ('{"version": 1}', "no `findings` key"),
    ('{"version": 7, "findings": []}', "unsupported baseline version 7"),
    ('{"version": 1, "findings": [{"code": "IL101"}]}', "findings.0.fingerprint"),
])
def test_load_baseline_errors_name_the_file(tmp_path, content, message):
    path = tmp_path / "b.json"
    if content is not None:
        path.write_text(content)
    with pytest.raises(BaselineError) as err:
        load_baseline(path)
    assert str(path) in str(err.value) and message in str(err.value)
    assert "\n" not in str(err.value)
