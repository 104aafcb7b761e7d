"""SARIF 2.1.0 for code scanning: rules with help, results with related locations and the
counterexample as `codeFlows` (the whole schedule as one `threadFlow`, then one `threadFlow` per
context, steps in `executionOrder`).
"""
from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType
from typing import Any, Sequence

from interlock.models.finding import Finding, FindingLocation
from interlock.models.result import VerifyResult
from interlock.reports.frames import contexts_in_order, sorted_findings
from interlock.reports.rule_docs import by_code, headline, sections

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVEL = {"critical": "error", "high": "error", "medium": "warning", "low": "note"}
# GitHub code scanning reads `security-severity` (0-10) to rank alerts.
SECURITY_SEVERITY = {"critical": "9.5", "high": "8.0", "medium": "5.5", "low": "3.0"}
BASE = "%SRCROOT%"


def render_sarif(result: VerifyResult, *, rules: Sequence[ModuleType] = ()) -> str:
    findings = sorted_findings(result.findings)
    docs = by_code(rules)
    rule_ids = sorted({f.code for f in findings} | set(docs))
    index = {code: i for i, code in enumerate(rule_ids)}
    examples = {f.code: f for f in reversed(findings)}
    run: dict[str, Any] = {
        "tool": {"driver": {
            "name": "interlock", "version": result.tool.get("version") or "0",
            "rules": [_rule(code, docs.get(code), examples.get(code)) for code in rule_ids],
        }},
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, index[f.code]) for f in findings],
        "invocations": [_invocation(result)],
        "properties": {"components": [c.model_dump(mode="json") for c in result.components]},
    }
    if Path(result.root).is_absolute():
        run["originalUriBaseIds"] = {BASE: {"uri": Path(result.root).as_uri().rstrip("/") + "/"}}
    doc = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(doc, indent=2) + "\n"


def _invocation(result: VerifyResult) -> dict[str, Any]:
    """The run itself: files that could not be analysed (skipped, so their code went unchecked)
    are tool notifications, which code scanning shows beside the alerts, and make the execution
    unsuccessful (the exit code is 2)."""
    notes = []
    for d in result.diagnostics:
        note: dict[str, Any] = {"level": {"error": "error", "warning": "warning"}.get(d.severity, "note"),
                                "message": {"text": f"{d.path}: {d.message}" if d.path else d.message}}
        if d.path:
            where: dict[str, Any] = {"artifactLocation": {"uri": d.path, "uriBaseId": BASE}}
            if d.line >= 1:
                where["region"] = {"startLine": d.line}
            note["locations"] = [{"physicalLocation": where}]
        notes.append(note)
    # a skipped file or a raising rule leaves the run incomplete: the CLI exits 2, and the SARIF
    # log says the same, so a consumer reading only the log does not take the results as a pass
    return {"executionSuccessful": not result.incomplete, "toolExecutionNotifications": notes}


def _rule(code: str, module: ModuleType | None, example: Finding | None) -> dict[str, Any]:
    info = getattr(module, "RULE", None)
    name = info.name if info else (example.rule if example else code)
    severity = info.severity if info else (example.severity if example else "medium")
    summary = info.summary if info else (example.title if example else name)
    rule: dict[str, Any] = {
        "id": code, "name": name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": (headline(module) if module else "") or summary},
        "defaultConfiguration": {"level": LEVEL.get(severity, "warning")},
        "properties": {"tags": ["concurrency", name], "precision": "high",
                       "problem.severity": LEVEL.get(severity, "warning"),
                       "security-severity": SECURITY_SEVERITY.get(severity, "5.0")},
    }
    if module is not None:
        rule["help"] = _help(module)
        rule["properties"]["dimension"] = info.dimension
    return rule


def _help(module: ModuleType) -> dict[str, str]:
    parts = sections(module)
    text = "\n\n".join(f"{title}\n{body}" for title, body in parts.items())
    markdown = "\n\n".join(f"### {title}\n\n{body}" for title, body in parts.items())
    return {"text": text or headline(module), "markdown": markdown or headline(module)}


def _physical(loc: FindingLocation | Any, line: int | None = None) -> dict[str, Any]:
    start = line if line is not None else loc.line
    region: dict[str, Any] = {"startLine": max(1, start)}
    if line is None:
        region["endLine"] = max(loc.end_line or loc.line, loc.line)
        if getattr(loc, "column", None) is not None:
            region["startColumn"] = loc.column + 1
    return {"artifactLocation": {"uri": loc.path, "uriBaseId": BASE}, "region": region}


def _location(loc: FindingLocation, id_: int | None = None, message: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"physicalLocation": _physical(loc)}
    names = [p for p in (loc.class_, loc.function) if p]
    if names:
        out["logicalLocations"] = [{"fullyQualifiedName": ".".join(names),
                                    "kind": "function" if loc.function else "type"}]
    if id_ is not None:
        out["id"] = id_
    if message:
        out["message"] = {"text": message}
    return out


def _result(f: Finding, rule_index: int) -> dict[str, Any]:
    res: dict[str, Any] = {
        "ruleId": f.code, "ruleIndex": rule_index, "level": LEVEL.get(f.severity, "warning"),
        "message": {"text": f.message or f.title},
        "locations": [_location(f.location)],
        "partialFingerprints": {"interlock/v1": f.fingerprint},
        "baselineState": {"new": "new", "regression": "new", "baseline": "unchanged",
                          "existing": "unchanged"}.get(f.status, "new"),
        "properties": {"id": f.id, "title": f.title, "severity": f.severity, "dimension": f.dimension,
                       "rule": f.rule, "symbols": list(f.symbols), "contexts": list(f.contexts),
                       "status": f.status, "values": dict(f.values), "fix": f.fix},
    }
    if f.related:
        res["relatedLocations"] = [_location(r, i, r.note or "other side") for i, r in enumerate(f.related, 1)]
    if f.trace:
        res["codeFlows"] = _code_flows(f)
    if f.bounded:
        res["properties"]["bounded"] = f.bounded
    if f.issue:
        res["properties"]["issue"] = f.issue
    return res


def _code_flows(f: Finding) -> list[dict[str, Any]]:
    """The counterexample twice. Viewers show only the first threadFlow of a codeFlow (the SARIF
    VS Code viewer: sarif-vscode-extension #137, #505), so the first codeFlow is the whole schedule
    as one threadFlow, each step tagged `[context]`; the second is the faithful form, one threadFlow
    per context, `executionOrder` interleaving them back. A context of the counterexample that takes
    no step (blocked from its start) has no threadFlow (one needs a location): the message names it."""
    contexts = contexts_in_order(f)
    idle = [c for c in contexts if not any(s.context == c for s in f.trace)]
    text = f"counterexample: {len(f.trace)} steps over {len(contexts)} contexts"
    if idle:
        text += f" ({', '.join(idle)} {'takes' if len(idle) == 1 else 'take'} no step)"

    def step(n: int, s, tagged: bool) -> dict[str, Any]:
        action = f"[{s.context}] {s.action}" if tagged else s.action
        return {"location": {"physicalLocation": _physical(s, s.line), "message": {"text": action}},
                "executionOrder": n, "importance": "essential"}

    whole = {"id": "interleaving", "message": {"text": "every context's steps in schedule order"},
             "locations": [step(n, s, True) for n, s in enumerate(f.trace, 1)]}
    flows = []
    for ctx in contexts:
        steps = [(n, s) for n, s in enumerate(f.trace, 1) if s.context == ctx]
        if steps:
            flows.append({"id": ctx, "message": {"text": f"context {ctx}"},
                          "locations": [step(n, s, False) for n, s in steps]})
    return [{"message": {"text": text}, "threadFlows": [whole]},
            {"message": {"text": text + ", one thread flow per context"}, "threadFlows": flows}]
