"""Publishing: the title and Markdown body of a finding's GitHub issue, with its hidden marker.

The sections follow the maintainers' issues (Summary, Evidence, Trigger Conditions, Impact, Related
Issues, Proposed Fix, Acceptance Criteria, Test Plan). GitHub rejects bodies over 65,536 characters,
so long traces and evidence are cut while the headings and the marker are always kept.
"""
from __future__ import annotations

from interlock.models.finding import Finding, FindingLocation

MAX_BODY = 60_000            # under GitHub's 65,536 with room for the marker and headings
MAX_TRACE_STEPS = 60
MAX_SECTION = 7_000            # 8 sections x 7,000 stay under MAX_BODY: every heading survives


def marker(finding: Finding, regression_of: int | None = None) -> str:
    """The hidden line publish matches on; only hex, a code and a number, so no `-->` can sneak in."""
    extra = f"; regression-of=#{regression_of}" if regression_of is not None else ""
    return f"<!-- interlock:fingerprint=v1:{finding.fingerprint}; code={finding.code}{extra} -->"


def issue_title(finding: Finding, date: str, regression_of: int | None = None) -> str:
    title = f"[{date}] {finding.severity.upper()} - {_one_line(finding.title)}"
    return f"{title} (regression of #{regression_of})" if regression_of is not None else title


def issue_body(finding: Finding, *, related: tuple[int, ...] = (), regression_of: int | None = None) -> str:
    sections = [
        ("Summary", _summary(finding, regression_of)),
        ("Evidence", _evidence(finding)),
        ("Trigger Conditions", _safe(finding.trigger) or _contexts(finding)),
        ("Impact", _safe(finding.impact) or "Not stated by the rule."),
        ("Related Issues", _related(related, regression_of)),
        ("Proposed Fix", _safe(finding.fix) or "See `interlock rules " + finding.code + "`."),
        ("Acceptance Criteria", _acceptance(finding)),
        ("Test Plan", _test_plan(finding)),
    ]
    parts = [f"## {name}\n\n{_cut(text, MAX_SECTION)}\n" for name, text in sections]
    body = "\n".join(parts)
    if len(body) > MAX_BODY:
        body = body[:MAX_BODY] + "\n\n… (truncated; see the full report from `interlock verify --format md`)\n"
    return f"{body}\n{marker(finding, regression_of)}\n"


def _summary(f: Finding, regression_of: int | None) -> str:
    loc = f.location
    where = ".".join(p for p in (loc.class_, loc.function) if p)
    lines = [_safe(f.message), "",
             f"- **Rule:** {f.code} `{f.rule}` ({f.severity}, {f.dimension})",
             f"- **Location:** `{_span(loc)}`" + (f" in `{where}`" if where else ""),
             f"- **Fingerprint:** `{f.fingerprint}`"]
    if f.symbols:
        lines.append("- **Symbols:** " + ", ".join(f"`{s}`" for s in f.symbols))
    if regression_of is not None:
        lines.append(f"- **Regression:** the counterexample of #{regression_of} (closed) is back.")
    return "\n".join(lines)


def _evidence(f: Finding) -> str:
    parts = [_safe(f.evidence)] if f.evidence else []
    for rel in f.related:
        parts.append(f"- other side: `{_span(rel)}`" + (f": {_safe(rel.note)}" if rel.note else ""))
    if f.trace:
        steps = [f"{i}. [{s.context}] `{s.path}:{s.line}` {_safe(s.action)}"
                 for i, s in enumerate(f.trace[:MAX_TRACE_STEPS], 1)]
        if len(f.trace) > MAX_TRACE_STEPS:
            steps.append(f"… {len(f.trace) - MAX_TRACE_STEPS} more steps")
        parts.append("Counterexample:\n\n" + "\n".join(steps))
    if f.values:
        parts.append("Values: " + ", ".join(f"`{k} = {v}`" for k, v in sorted(f.values.items())))
    if f.bounded:
        parts.append(f"Found by a bounded search ({_safe(f.bounded)}).")
    return "\n\n".join(parts) or "See the message above."


def _contexts(f: Finding) -> str:
    if not f.contexts:
        return "Not stated by the rule."
    return "Runs concurrently in: " + ", ".join(f"`{c}`" for c in f.contexts) + "."


def _related(related: tuple[int, ...], regression_of: int | None) -> str:
    lines = [f"- Regression of #{regression_of}"] if regression_of is not None else []
    lines += [f"- #{n}" for n in related]
    return "\n".join(lines) or "None found."


def _acceptance(f: Finding) -> str:
    return (f"- [ ] `interlock verify` no longer reports {f.code} with fingerprint `{f.fingerprint}`.\n"
            f"- [ ] The fix keeps the other accesses of {', '.join(f'`{s}`' for s in f.symbols) or 'this code'} "
            "under the same lock (no new findings).\n"
            "- [ ] `interlock gate` passes against the committed baseline.")


def _test_plan(f: Finding) -> str:
    return (f"1. Reproduce: `interlock verify --select {f.code}` reports this finding at `{_span(f.location)}`.\n"
            "2. Add a regression test that drives both contexts (or replays the counterexample above).\n"
            f"3. After the fix, `interlock verify --select {f.code}` is silent for `{f.location.path}`.")


def _span(loc: FindingLocation) -> str:
    return f"{loc.path}:{loc.line}" + (f"-{loc.end_line}" if loc.end_line and loc.end_line != loc.line else "")


def _safe(text: str | None) -> str:
    # neutralise HTML comments in finding text so nothing can forge or break our marker
    return (text or "").replace("<!--", "&lt;!--").replace("-->", "--&gt;")


def _one_line(text: str) -> str:
    return " ".join(text.split())[:200]


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit] + "\n\n… (truncated)"
