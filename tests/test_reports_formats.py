"""JSON against the contract's schema (`interlock schema`), SARIF against the official 2.1.0 schema."""
from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

import jsonschema
import pytest

from interlock.models.result import VerifyResult
from interlock.reports import render
from reports_fixture import build

SARIF_SCHEMA = json.loads((Path(__file__).parent / "vendor" / "sarif-schema-2.1.0.json").read_text())


@pytest.fixture
def fixture(tmp_path):
    return build(tmp_path)


def _rule_module() -> ModuleType:
    from interlock.checker.registry import RuleInfo

    mod = ModuleType("lost_update", "Lost update.\n\nWhat it finds\n-------------\nA `+=` on shared state.\n\n"
                                    "Why it matters\n--------------\nUpdates vanish.\n\nFix\n---\nHold the lock.\n")
    mod.RULE = RuleInfo(code="IL103", name="lost-update", severity="high", dimension="Player Thread Safety",
                        summary="non-atomic read-modify-write on shared state", fix="Hold the lock.")
    return mod


def test_json_report_validates_against_the_published_schema(fixture):
    result, _ = fixture
    doc = json.loads(render(result, "json"))
    jsonschema.validate(doc, VerifyResult.model_json_schema(by_alias=True))
    assert set(doc) >= {"tool", "root", "components", "findings", "stats"}
    first = doc["findings"][0]
    assert {"id", "code", "rule", "severity", "dimension", "title", "message", "location", "related", "symbols",
            "trace", "trigger", "evidence", "impact", "fix", "fingerprint", "status"} <= set(first)
    assert first["location"]["class"] == "PlaybackController"


def test_json_round_trips(fixture):
    result, _ = fixture
    assert VerifyResult.model_validate_json(render(result, "json")) == result


def test_sarif_validates_against_the_official_schema(fixture):
    result, _ = fixture
    doc = json.loads(render(result, "sarif", rules=[_rule_module()]))
    jsonschema.validate(doc, SARIF_SCHEMA, cls=jsonschema.Draft4Validator)
    assert doc["version"] == "2.1.0"


def test_sarif_results_carry_flows_fingerprints_and_levels(fixture):
    result, _ = fixture
    run = json.loads(render(result, "sarif", rules=[_rule_module()]))["runs"][0]
    by_id = {r["properties"]["id"]: r for r in run["results"]}
    race = by_id["C-01"]
    assert race["level"] == "error" and by_id["C-04"]["level"] == "warning"
    assert race["partialFingerprints"]["interlock/v1"] == result.findings[1].fingerprint
    flows = race["codeFlows"][1]["threadFlows"]
    assert [f["id"] for f in flows] == ["playback-thread", "api"]
    orders = sorted(loc["executionOrder"] for f in flows for loc in f["locations"])
    assert orders == [1, 2, 3, 4, 5]
    assert race["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == 19
    rule = run["tool"]["driver"]["rules"][race["ruleIndex"]]
    assert rule["id"] == "IL103" and "Updates vanish." in rule["help"]["markdown"]
    assert "\"/" not in json.dumps(run["results"])      # artifact URIs are relative to %SRCROOT%


def test_sarif_without_findings_is_valid(fixture):
    result, _ = fixture
    doc = json.loads(render(result.model_copy(update={"findings": ()}), "sarif"))
    jsonschema.validate(doc, SARIF_SCHEMA, cls=jsonschema.Draft4Validator)
    assert doc["runs"][0]["results"] == []


def test_json_report_validates_against_interlock_schema_command(fixture):
    from typer.testing import CliRunner

    from interlock.cli import app

    res = CliRunner().invoke(app, ["schema"])
    assert res.exit_code == 0
    result, _ = fixture
    jsonschema.validate(json.loads(render(result, "json")), json.loads(res.stdout))


def test_sarif_code_flows_count_every_context_and_lead_with_the_whole_interleaving(fixture):
    """The counterexample's contexts include one that takes no step (blocked from its start, as in a
    deadlock): the message counts it and names it. Viewers show only the first threadFlow of a
    codeFlow (sarif-vscode-extension #137, #505), so the first codeFlow holds every step in
    schedule order, each tagged with its context; the second has one threadFlow per context."""
    from interlock.models.finding import TraceStep

    result, _ = fixture
    race = next(f for f in result.findings if len({s.context for s in f.trace}) >= 2)
    steps = tuple(s for s in race.trace if s.context == race.trace[0].context)
    blocked = race.model_copy(update={"trace": steps, "contexts": (steps[0].context, "waiter")})
    doc = json.loads(render(result.model_copy(update={"findings": (blocked,)}), "sarif"))
    jsonschema.validate(doc, SARIF_SCHEMA, cls=jsonschema.Draft4Validator)
    merged, per_context = doc["runs"][0]["results"][0]["codeFlows"]
    assert "over 2 contexts" in merged["message"]["text"] and "waiter" in merged["message"]["text"], merged
    (whole,) = merged["threadFlows"]
    assert [loc["executionOrder"] for loc in whole["locations"]] == list(range(1, len(steps) + 1))
    assert whole["locations"][0]["location"]["message"]["text"].startswith(f"[{steps[0].context}] ")
    assert [t["id"] for t in per_context["threadFlows"]] == [steps[0].context]    # a threadFlow needs a step
    two = race
    merged, per_context = json.loads(render(result.model_copy(update={"findings": (two,)}), "sarif"))[
        "runs"][0]["results"][0]["codeFlows"]
    assert len(merged["threadFlows"][0]["locations"]) == len(two.trace)
    assert len(per_context["threadFlows"]) == len({s.context for s in two.trace})
    assert f"over {len(set(two.contexts) | {s.context for s in two.trace})} contexts" in merged["message"]["text"]
