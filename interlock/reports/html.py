"""The HTML report: one self-contained file (inline CSS, JS and SVG; no network).

A summary, filterable findings that open to their code frames, counterexample and trace
diagram, and each component's state machine and lock graph. Diagrams need Graphviz `dot`;
without it the report says so where a diagram would be.
"""
from __future__ import annotations

import hashlib
import os
import re
from concurrent.futures import ThreadPoolExecutor
from collections import Counter
from html import escape

from interlock.models.finding import Finding, FindingLocation
from interlock.models.program import ProgramModel
from interlock.models.result import VerifyResult
from interlock.reports.diagram_build import DiagramError, in_scope
from interlock.reports.diagrams import diagram_source, dot_to
from interlock.reports.frames import by_severity, contexts_in_order, frame, span, where
from interlock.reports.html_assets import CSS, JS
from interlock.reports.issue_record import status_label

SEVERITIES = ("critical", "high", "medium", "low")


def render_html(result: VerifyResult, *, model: ProgramModel | None = None, date: str | None = None) -> str:
    findings = by_severity(result.findings)
    version = escape(result.tool.get("version") or "")
    body = [f"<h1>Concurrency report</h1><p class=sub>interlock {version}"
            + (f" · {escape(date)}" if date else "") + " · components: "
            + escape(", ".join(c.name for c in result.components) or "all") + "</p>",
            _summary(findings), _filters(), '<section id="findings">']
    pending: dict[str, str] = {}     # placeholder -> DOT source, rendered together at the end
    body += [_finding(result, model, f, pending) for f in findings]
    body.append('<p id="none" class="empty" hidden>No finding matches the filters.</p></section>')
    if model is not None:
        body.append(_components(result, model, pending))
    body.append(_diagnostics(result))
    return _fill_svgs(pending, "<!doctype html>\n<html lang=en><head><meta charset=utf-8>"
            "<meta name=viewport content='width=device-width, initial-scale=1'>"
            f"<title>interlock report</title><style>{CSS}</style></head><body><main>"
            + "\n".join(body) + f"</main><script>{JS}</script></body></html>\n")


def _diagnostics(result: VerifyResult) -> str:
    """Files that could not be analysed: findings there may be missing."""
    if not result.diagnostics:
        return ""
    rows = "".join(f"<tr><td><code>{escape(d.path)}{f':{d.line}' if d.line else ''}</code></td>"
                   f"<td>{escape(d.severity)}</td><td>{escape(d.message)}</td></tr>"
                   for d in sorted(result.diagnostics, key=lambda d: (d.path, d.line)))
    return ("<section id=diagnostics><h2>Diagnostics</h2><p>Files not fully analysed (findings there "
            f"may be missing), rules that failed, and suppression comments that suppress nothing:</p><table><tr><th>where</th><th>severity</th><th>message</th></tr>{rows}</table></section>")


def _rich(text: str) -> str:
    """Escape, then show `code spans` as <code>."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", escape(text))


def _summary(findings: list[Finding]) -> str:
    counts = Counter(f.severity for f in findings)
    cards = [f"<div class=card><span>findings</span><b>{len(findings)}</b></div>"]
    cards += [f"<div class=card><span class='sev {s}'>{s}</span><b>{counts[s]}</b></div>" for s in SEVERITIES]
    dims = sorted({f.dimension for f in findings})
    rows = "".join(f"<tr><td>{escape(d)}</td>" + "".join(
        f"<td>{sum(1 for f in findings if f.dimension == d and f.severity == s)}</td>" for s in SEVERITIES)
        + f"<td>{sum(1 for f in findings if f.dimension == d)}</td></tr>" for d in dims)
    table = ("<h2>By dimension</h2><table><tr><th>Dimension</th>" + "".join(f"<th>{s}</th>" for s in SEVERITIES)
             + f"<th>total</th></tr>{rows}</table>") if dims else ""
    return f"<section class=cards>{''.join(cards)}</section>{table}"


def _filters() -> str:
    chips = "".join(f"<button class=chip data-sev={s} aria-pressed=true>{s}</button>" for s in SEVERITIES)
    return ("<h2>Findings</h2><div class=filters><input id=q type=search "
            f"placeholder='Filter by text, code, path or symbol' aria-label=filter>{chips}</div>")


def _finding(result: VerifyResult, model: ProgramModel | None, f: Finding, pending: dict[str, str]) -> str:
    text = " ".join([f.id, f.code, f.rule, f.title, f.message, f.location.path, *f.symbols, *f.contexts]).lower()
    status = f"<span class=status>{escape(status_label(f.status, f.issue))}</span>" if f.status != "new" else ""
    head = (f"<button class=finding-head aria-expanded=false><span class='sev {f.severity}'>{f.severity}</span>"
            f"<span class=mono>{escape(f.id)} {escape(f.code)}</span><span class=title>{_rich(f.title)}</span>"
            f"{status}<span class='loc mono'>{escape(span(f.location))}</span></button>")
    parts = [f"<p>{_rich(f.message)}</p>", _frame_html(result.root, f.location, where(f.location))]
    for rel in f.related:
        parts.append(_frame_html(result.root, rel, rel.note or "other side"))
    if f.trace:
        parts.append(_trace_html(f))
        parts.append(_diagram(lambda: diagram_source("trace", model or ProgramModel(root="."), result,
                                                    component="all", finding_id=f.id or f.fingerprint, mermaid=False),
                              "trace", f"Counterexample {f.id}: one lifeline per context", pending))
    parts += _context_diagrams(result, model, f, pending)
    if f.values:
        vals = ", ".join(f"<code>{escape(k)} = {escape(v)}</code>" for k, v in sorted(f.values.items()))
        parts.append(f"<div class=label>values</div><p>{vals}</p>")
    if "\n" in f.evidence.strip():
        parts.append(f"<div class=label>evidence</div><div class=frame><pre class=evidence>{escape(f.evidence.strip())}</pre></div>")
    elif f.evidence:
        parts.append(f"<div class=label>evidence</div><p>{_rich(f.evidence)}</p>")
    for label, value in (("trigger", f.trigger), ("impact", f.impact)):
        if value:
            parts.append(f"<div class=label>{label}</div><p>{_rich(value)}</p>")
    if f.fix:
        parts.append(f"<div class=label>suggested fix</div><div class=fix>{_rich(f.fix)}</div>")
    return (f"<article class=finding id='{escape(f.id or f.fingerprint)}' data-severity={f.severity} "
            f"data-code={f.code} data-text='{escape(text)}'>{head}"
            f"<div class=finding-body hidden>{''.join(parts)}</div></article>")


# Findings about a state machine or the lock order also show that graph, highlighted.
CONTEXT_DIAGRAMS = {"IL502": ("state", "State machine: the illegal transition in red"),
                    "IL301": ("locks", "Lock graph: the cycle in red")}


def _context_diagrams(result: VerifyResult, model: ProgramModel | None, f: Finding,
                      pending: dict[str, str]) -> list[str]:
    if model is None or f.code not in CONTEXT_DIAGRAMS:
        return []
    kind, caption = CONTEXT_DIAGRAMS[f.code]
    comp = next((c.name for c in result.components if in_scope(f.location.path, c.paths)), "all")
    try:
        source = diagram_source(kind, model, result, component=comp, finding_id=None, mermaid=False)
    except DiagramError:
        return []
    return [_diagram(lambda: source, kind, caption, pending)]


def _frame_html(root: str, loc: FindingLocation, note: str) -> str:
    lines = frame(root, loc, context=2)
    header = f"<div class=where>{escape(span(loc))}" + (f" — {escape(note)}" if note else "") + "</div>"
    if not lines:
        return f"<div class=frame>{header}</div>"
    code = "".join(f"<span class='ln{' marked' if fl.marked else ''}'><span class=no>{fl.number}</span>"
                   f"{escape(fl.text)}</span>" for fl in lines)
    return f"<div class=frame>{header}<pre>{code}</pre></div>"


def _trace_html(f: Finding) -> str:
    contexts = contexts_in_order(f)
    items = "".join(f"<li><span class='ctx ctx{contexts.index(s.context) % 4}'>{escape(s.context)}</span> "
                    f"<span class=mono>{escape(s.path)}:{s.line}</span> {escape(s.action)}</li>" for s in f.trace)
    return f"<div class=label>counterexample ({len(f.trace)} steps)</div><ol class=trace>{items}</ol>"


def _diagram(make_source, kind: str, caption: str, pending: dict[str, str]) -> str:
    """A figure whose SVG is filled in later by `_fill_svgs` (all `dot` runs happen in parallel)."""
    try:
        source = make_source()
    except DiagramError as exc:
        return f"<figure class='diagram {kind}'><figcaption>{escape(str(exc))}</figcaption></figure>"
    token = f"\x00svg:{hashlib.sha256(source.encode()).hexdigest()}\x00"
    pending[token] = source
    return f"<figure class='diagram {kind}'>{token}<figcaption>{escape(caption)}</figcaption></figure>"


def _fill_svgs(pending: dict[str, str], page: str) -> str:
    """Run `dot` once per distinct diagram, a few at a time, and put each SVG in its place."""
    def one(source: str) -> str:
        try:
            return _inline_svg(dot_to(source, "svg").decode("utf-8"))
        except DiagramError as exc:
            return f"<p class=empty>{escape(str(exc))}</p>"

    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        svgs = dict(zip(pending, pool.map(one, pending.values())))
    return re.sub("\x00svg:[0-9a-f]+\x00", lambda m: svgs.get(m.group(0), ""), page)


def _inline_svg(svg: str) -> str:
    """Drop the XML prolog and the comments Graphviz writes; keep the <svg> element."""
    svg = svg[svg.find("<svg"):]
    return re.sub(r"<!--.*?-->", "", svg, flags=re.S)


def _components(result: VerifyResult, model: ProgramModel, pending: dict[str, str]) -> str:
    out = ["<h2>Components</h2>"]
    for c in result.components or ():
        explored = "explored completely" if c.complete else f"bounded by {c.bounded_by or 'a bound'}"
        out.append(f"<h2 class=mono>{escape(c.name)}</h2><p class=sub>{escape(c.dimension)} · "
                   f"{len(c.contexts)} contexts · {explored}</p>")
        for kind, caption in (("state", "State machines: declared vs found (illegal in red)"),
                              ("locks", "Lock graph (cycles in red)")):
            try:
                source = diagram_source(kind, model, result, component=c.name, finding_id=None, mermaid=False)
            except DiagramError as exc:
                out.append(f"<p class=empty>{escape(str(exc))}</p>")
                continue
            out.append(_diagram(lambda s=source: s, kind, caption, pending))
    return "\n".join(out)
