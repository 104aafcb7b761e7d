"""The main suite: every tests/corpus/<case>/ runs the real pipeline on its buggy/ and fixed/ twins.

expected.json: {"buggy": [{"code", "class", "function", "symbols"}], "fixed": [], "xfail": "why"?}
A case may hold spec.toml (component paths relative to the twin's folder, usually ["."]).
"root": "pkg" runs the twin's `pkg/` folder as --root (a root that is a package folder itself).
Folders named fp_*/fn_* are known gaps and must carry "xfail".
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import finding_keys, run_pipeline

CORPUS = Path(__file__).parent / "corpus"
CASES = sorted(p for p in CORPUS.iterdir() if (p / "expected.json").is_file()) if CORPUS.is_dir() else []


def _expected(items: list[dict]) -> set[tuple]:
    return {(i["code"], i.get("class"), i.get("function"), tuple(sorted(i.get("symbols", ())))) for i in items}


@pytest.mark.parametrize("twin", ["buggy", "fixed"])
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_corpus_case_reports_exactly_the_expected_findings(case: Path, twin: str):
    expected = json.loads((case / "expected.json").read_text())
    spec = case / "spec.toml" if (case / "spec.toml").is_file() else None
    result = run_pipeline(case / twin / expected.get("root", "."), spec)
    got = finding_keys(result)
    want = _expected(expected.get(twin, []))
    if expected.get("xfail"):
        if got == want:
            pytest.fail(f"known gap {case.name} now passes: remove its xfail")
        pytest.xfail(expected["xfail"])
    assert got == want


def test_gap_cases_are_marked():
    for case in CASES:
        if case.name.startswith(("fp_", "fn_")):
            assert json.loads((case / "expected.json").read_text()).get("xfail"), case.name
