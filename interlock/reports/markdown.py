"""The audit report in the maintainers' format (`interlock audit`, `verify --format md`).

Header, summary tables by severity and dimension, then per finding: `### <ID>: <title>`,
Severity, Dimension, Location `path:start-end`, Status, Trigger Conditions (trace and z3
values), Evidence (trimmed code), Impact and Suggested Fix. No clock and no absolute paths:
the date is passed in.
"""
from __future__ import annotations

from collections import Counter
from types import ModuleType
from typing import Sequence

from interlock.models.finding import DIMENSIONS, Finding, FindingLocation
from interlock.models.result import VerifyResult
from interlock.reports.frames import by_severity, frame, span, trimmed
from interlock.reports.issue_record import status_label
from interlock.reports.rule_docs import by_code, sections

SEVERITIES = ("critical", "high", "medium", "low")


def render_markdown(result: VerifyResult, *, date: str | None = None, rules: Sequence[ModuleType] = ()) -> str:
    findings = by_severity(result.findings)
    docs = by_code(rules)
    parts = [_header(result, date), _summary(findings), _components(result), _diagnostics(result),
             "---", "## Findings"]
    for sev in SEVERITIES:
        group = [f for f in findings if f.severity == sev]
        parts.append(f"### {sev.upper()}")
        parts.append("None." if not group else "\n\n---\n\n".join(_finding(result.root, f, docs) for f in group))
    return "\n\n".join(p for p in parts if p).rstrip() + "\n"


def _header(result: VerifyResult, date: str | None) -> str:
    names = ", ".join(f"`{c.name}`" for c in result.components) or "the whole root"
    version = result.tool.get("version") or ""
    lines = [f"# Concurrency & State Integrity Audit — {date or 'undated'}", "",
             f"**Scope**: components {names}: race conditions, missing locks, lock-order deadlocks, "
             "state-machine violations and blocking in async code.", "",
             f"**Method**: `interlock {version}`".rstrip() + " — static rules over the extracted program model, "
             "interleaving exploration with partial-order reduction, and z3 for invariants and path "
             "feasibility. Every finding below names the concurrent contexts that make it real and, "
             "where the explorer produced one, the shortest counterexample."]
    bounded = [c for c in result.components if not c.complete]
    if bounded:
        lines += ["", "**Bounds**: " + "; ".join(f"`{c.name}` was explored up to its "
                                                 f"{c.bounded_by or 'bound'} bound" for c in bounded)
                  + ". Silence beyond a bound is not a proof."]
    return "\n".join(lines)


def _summary(findings: list[Finding]) -> str:
    counts = Counter(f.severity for f in findings)
    rows = ["## Executive Summary", "", "| Severity | Count |", "|---|---|"]
    rows += [f"| {s.upper()} | {counts[s]} |" for s in SEVERITIES]
    rows.append(f"| **Total** | **{len(findings)}** |")
    ids = [f"{s.upper()}: " + ", ".join(f.id or f.code for f in findings if f.severity == s)
           for s in SEVERITIES if counts[s]]
    if ids:
        rows += ["", " · ".join(ids)]
    rows += ["", "### By dimension", "", "| Dimension | Critical | High | Medium | Low | Total |", "|---|---|---|---|---|---|"]
    dims = [d for d in DIMENSIONS if any(f.dimension == d for f in findings)]
    dims += sorted({f.dimension for f in findings} - set(dims))
    for dim in dims:
        sub = Counter(f.severity for f in findings if f.dimension == dim)
        rows.append(f"| {dim} | " + " | ".join(str(sub[s]) for s in SEVERITIES) + f" | {sum(sub.values())} |")
    if not dims:
        rows.append("| — | 0 | 0 | 0 | 0 | 0 |")
    return "\n".join(rows)


def _components(result: VerifyResult) -> str:
    if not result.components:
        return ""
    rows = ["### Components", "", "| Component | Dimension | Paths | Contexts | Exploration |", "|---|---|---|---|---|"]
    for c in result.components:
        explored = "complete" if c.complete else f"bounded ({c.bounded_by or 'bound hit'})"
        paths = ", ".join(f"`{p}`" for p in c.paths) or "—"
        rows.append(f"| `{c.name}` | {c.dimension} | {paths} | {len(c.contexts)} | {explored} |")
    return "\n".join(rows)


def _diagnostics(result: VerifyResult) -> str:
    if not result.diagnostics:
        return ""
    rows = ["### Diagnostics", "", "Files not fully analysed (findings there may be missing), rules that failed, "
            "and suppression comments that suppress nothing:", ""]
    rows += [f"- `{d.path}" + (f":{d.line}" if d.line else "") + f"` ({d.severity}): {d.message}"
             for d in sorted(result.diagnostics, key=lambda d: (d.path, d.line))]
    return "\n".join(rows)


def _finding(root: str, f: Finding, docs: dict[str, ModuleType]) -> str:
    locations = ", ".join(f"`{s}`" for s in dict.fromkeys(span(loc) for loc in (f.location, *f.related)))
    lines = [f"### {f.id or f.code}: {f.title}",
             f"- **Severity**: {f.severity.upper()}",
             f"- **Dimension**: {f.dimension}",
             f"- **Location**: {locations}",
             f"- **Status**: {status_label(f.status, f.issue)}",
             f"- **Rule**: `{f.code}` {f.rule}" + (f" (symbols: {', '.join(f'`{s}`' for s in f.symbols)})" if f.symbols else ""),
             "- **Trigger Conditions**: " + _trigger(f),
             "- **Evidence**: " + _evidence(root, f),
             "- **Impact**: " + (f.impact or _why(f, docs) or f.message)]
    if f.related:
        lines.append("- **Related**: " + "; ".join(f"`{span(r)}` — {r.note or 'other side'}" for r in f.related))
    lines.append("- **Suggested Fix**: " + (f.fix or "—"))
    return "\n".join(lines)


def _trigger(f: Finding) -> str:
    text = (f.trigger or f.message).rstrip()
    if f.contexts:
        text += ("" if text.endswith((".", "!", "?")) else ".") + " Contexts: " + ", ".join(f"`{c}`" for c in f.contexts) + "."
    out = [text]
    if f.trace:
        out.append("  Shortest counterexample:")
        out += [f"  {n}. `{s.context}` at `{s.path}:{s.line}`: {s.action}" for n, s in enumerate(f.trace, 1)]
    if f.values:
        out.append("  Values (z3 model): " + ", ".join(f"`{k} = {v}`" for k, v in sorted(f.values.items())))
    if f.bounded:
        out.append(f"  Found within the {f.bounded} bound.")
    return "\n".join(out)


def _evidence(root: str, f: Finding) -> str:
    if "\n" in f.evidence.strip():
        # the rule quoted the code itself: keep its lines as they are, in a block
        lines = f.evidence.strip("\n").splitlines()
        return "\n".join(["", "  ```text", *(f"  {line}".rstrip() for line in lines), "  ```"])
    out = [f.evidence or f.message]
    for loc in (f.location, *f.related):
        block = _code_block(root, loc)
        if block:
            out.append(block)
    return "\n".join(out)


def _code_block(root: str, loc: FindingLocation) -> str:
    lines = trimmed(frame(root, loc, context=1, max_span=12))
    while lines and not lines[-1].text.strip():
        lines.pop()
    if not lines:
        return ""
    label = f"# {span(loc)}" + (f" — {loc.note}" if loc.note else "")
    body = [f"  {label}"] + [f"  {fl.text}".rstrip() for fl in lines]
    return "\n".join(["  ```python", *body, "  ```"])


def _why(f: Finding, docs: dict[str, ModuleType]) -> str:
    module = docs.get(f.code)
    return " ".join(sections(module).get("Why it matters", "").split()) if module else ""
