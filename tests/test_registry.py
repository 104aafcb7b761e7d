"""Every rule: a valid code and name, the docstring sections, and buggy+fixed corpus twins."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from interlock.checker.registry import SECTIONS, doc_sections
from interlock.checker.rules import RULE_CODES, RULE_MODULES, all_rules

CORPUS = Path(__file__).parent / "corpus"
DESIGN_CODES = {
    "IL101": "unguarded-shared-state", "IL102": "inconsistent-lock", "IL103": "lost-update",
    "IL201": "check-then-act", "IL202": "iteration-during-mutation", "IL301": "lock-order-deadlock",
    "IL302": "self-deadlock", "IL303": "lock-held-during-callback", "IL304": "blocking-under-lock",
    "IL401": "blocking-call-in-async", "IL402": "threading-primitive-in-async",
    "IL403": "race-across-await", "IL404": "resource-cleanup-on-cancel",
    "IL501": "invariant-violation", "IL502": "illegal-transition", "IL503": "non-atomic-transition",
    "IL504": "interleaving-deadlock", "IL601": "list-multiplication-alias",
    "IL602": "shared-buffer-in-place", "IL701": "sqlite-cross-thread",
    "IL702": "session-shared-across-threads", "IL703": "pool-config",
}
RULES = all_rules()


def test_codes_are_unique_well_formed_and_ordered():
    codes = [m.RULE.code for m in RULES]
    assert all(re.fullmatch(r"IL\d{3}", c) for c in codes)
    assert len(set(codes)) == len(codes)
    assert codes == sorted(codes)
    assert codes == list(RULE_CODES)             # selection is checked against RULE_CODES


@pytest.mark.parametrize("module", RULES, ids=[m.RULE.code for m in RULES])
def test_rule_matches_design_table_and_documents_itself(module):
    rule = module.RULE
    assert DESIGN_CODES.get(rule.code) == rule.name
    assert module.__name__.rsplit(".", 1)[-1] == rule.name.replace("-", "_")
    assert rule.severity in ("critical", "high", "medium", "low")
    sections = doc_sections(module)
    assert [s for s in SECTIONS if not sections.get(s, "").strip()] == []
    assert rule.summary and rule.fix and callable(module.check)


@pytest.mark.parametrize("module", RULES, ids=[m.RULE.code for m in RULES])
def test_rule_has_buggy_and_fixed_corpus_cases(module):
    code = module.RULE.code.lower()
    cases = [p for p in CORPUS.glob(f"{code}_*") if (p / "expected.json").is_file()]
    assert cases, f"no tests/corpus/{code}_*/ case"
    for case in cases:
        assert (case / "buggy").is_dir() and (case / "fixed").is_dir(), case.name
        expected = json.loads((case / "expected.json").read_text())
        assert any(f["code"] == module.RULE.code for f in expected["buggy"]), case.name
        assert expected.get("fixed", []) == [], case.name


def test_every_design_rule_is_registered():
    assert {m.RULE.code for m in RULES} == set(DESIGN_CODES)
    assert len(RULE_MODULES) == len(DESIGN_CODES)
