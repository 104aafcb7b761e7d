"""The terminal report: one linter-style block per finding, then a summary.

Shape follows ruff and rustc: `path:line:col: CODE title`, a code frame with the span
marked, the other side (`related`) with its own frame, the counterexample as numbered
steps, and `help:` with the fix. Colours go through rich and are off unless asked for.
"""
from __future__ import annotations

import io
from collections import Counter

from rich.console import Console
from rich.text import Text

from interlock.models.finding import SEVERITY_ORDER, Finding, FindingLocation
from interlock.models.result import VerifyResult
from interlock.reports.issue_record import status_label
from interlock.reports.frames import FrameLine, column_of, contexts_in_order, frame, sorted_findings, where

SEVERITY_STYLE = {"critical": "bold white on red", "high": "bold red", "medium": "bold yellow", "low": "bold cyan"}
CONTEXT_STYLES = ("magenta", "blue", "green", "yellow", "cyan", "red")
GUTTER = "blue"


def render_text(result: VerifyResult, *, color: bool = False, verbose: bool = False, quiet: bool = False) -> str:
    """The whole report as a string (ANSI escapes only when `color`)."""
    lines: list[Text] = []
    for finding in sorted_findings(result.findings):
        if quiet:
            lines.append(_header(result.root, finding))
            continue
        lines.extend(finding_block(result.root, finding, verbose=verbose))
        lines.append(Text(""))
    if not quiet:
        lines.extend(summary(result, verbose=verbose))
    return _print(lines, color)


def _print(lines: list[Text], color: bool) -> str:
    buf = io.StringIO()
    console = Console(file=buf, force_terminal=color, no_color=not color, color_system="standard" if color else None,
                      width=240, highlight=False, soft_wrap=True, emoji=False, markup=False)
    for line in lines:
        line.rstrip()
    if lines:
        console.print(Text("\n").join(lines))     # one print: rich's per-call overhead dominates otherwise
    return buf.getvalue()


def _header(root: str, f: Finding) -> Text:
    loc = f.location
    col = column_of(root, loc) + 1
    head = Text()
    head.append(f"{loc.path}:{loc.line}:{col}:", style="bold")
    head.append(" ")
    head.append(f.code, style=SEVERITY_STYLE.get(f.severity, "bold"))
    head.append(" ")
    head.append(f.title, style="bold")
    return head


def finding_block(root: str, f: Finding, *, verbose: bool = False) -> list[Text]:
    """Header, meta line, frames, message, trace, values and help for one finding."""
    out = [_header(root, f), _meta(f)]
    out.extend(_frame_text(root, f.location, None))
    out.append(_note("=", f.message))
    for rel in f.related:
        out.append(_related_header(root, rel))
        out.extend(_frame_text(root, rel, rel.note))
    if f.trace:
        out.extend(_trace(f))
    if f.values:
        out.append(_note("=", "values: " + ", ".join(f"{k} = {v}" for k, v in sorted(f.values.items()))))
    if f.bounded:
        out.append(_note("=", f"bounded: no shorter counterexample beyond {f.bounded} was searched"))
    if verbose:
        for label, text in (("trigger", f.trigger), ("evidence", f.evidence), ("impact", f.impact)):
            if text:
                out.append(_note("=", f"{label}: {text}"))
    if f.fix:
        out.append(_labelled("help", f.fix, "bold green"))
    return out


def _meta(f: Finding) -> Text:
    t = Text("  ")
    t.append(f.severity, style=SEVERITY_STYLE.get(f.severity, ""))
    bits = [f.rule, f.dimension, f.id] + ([where(f.location)] if where(f.location) else [])
    t.append(" · " + " · ".join(b for b in bits if b), style="dim")
    if f.status != "new":
        t.append(f"  [{status_label(f.status, f.issue)}]", style="bold magenta")
    return t


def _related_header(root: str, rel: FindingLocation) -> Text:
    t = Text("  ")
    t.append("-->", style=GUTTER)
    t.append(f" {rel.path}:{rel.line}:{column_of(root, rel) + 1}")
    if where(rel):
        t.append(f" ({where(rel)})", style="dim")
    return t


def _frame_text(root: str, loc: FindingLocation, label: str | None) -> list[Text]:
    lines = frame(root, loc)
    if not lines:
        return []
    width = len(str(lines[-1].number))
    out = [_gutter(" " * width)]
    marked = [fl.number for fl in lines if fl.marked]
    bar = len(marked) > 1      # a multi-line span gets a bar beside its lines, rustc-style
    for fl in lines:
        out.append(_code_line(fl, width, bar))
        last_marked = marked[-1]
        if fl.number == last_marked:
            out.append(_carets(fl, loc, width, label, bar))
    out.append(_gutter(" " * width))
    return out


def _gutter(num: str) -> Text:
    t = Text()
    t.append(f"{num} │", style=GUTTER)
    return t


def _code_line(fl: FrameLine, width: int, bar: bool) -> Text:
    t = _gutter(str(fl.number).rjust(width))
    if bar:
        t.append(" ┃" if fl.marked else "  ", style="bold red")
    if fl.text.strip():
        t.append(" " + fl.text.rstrip(), style="" if fl.marked else "dim")
    return t


def _carets(fl: FrameLine, loc: FindingLocation, width: int, label: str | None, bar: bool) -> Text:
    """Underline the marked code of the span's last line, rustc-style, with an optional label."""
    indent = len(fl.text) - len(fl.text.lstrip())
    start = loc.column if (loc.column is not None and fl.number == loc.line and loc.column < len(fl.text)) else indent
    length = max(1, len(fl.text.rstrip()) - start)
    t = _gutter(" " * width)
    if bar:
        t.append(" ┗", style="bold red")
    t.append(" " + " " * start)
    t.append("^" * length, style="bold red" if label is None else "bold yellow")
    if label:
        t.append(f" {label}", style="bold yellow")
    return t


def _note(mark: str, text: str) -> Text:
    t = Text("  ")
    t.append(mark, style=GUTTER)
    t.append(" " + text)
    return t


def _labelled(label: str, text: str, style: str) -> Text:
    t = Text("  ")
    t.append(f"{label}:", style=style)
    t.append(" " + text)
    return t


def _trace(f: Finding) -> list[Text]:
    """Numbered steps; each context keeps its own colour and indentation column (a swimlane)."""
    contexts = contexts_in_order(f)
    head = Text("  ")
    head.append("=", style=GUTTER)
    head.append(f" counterexample ({_plural(len(f.trace), 'step')}, {_plural(len(contexts), 'context')}): ")
    for i, name in enumerate(contexts):
        head.append(("" if i == 0 else " | ") + name, style=CONTEXT_STYLES[i % len(CONTEXT_STYLES)])
    out = [head]
    cwidth = max(len(c) for c in contexts) if contexts else 0
    nwidth = len(str(len(f.trace)))
    for n, step in enumerate(f.trace, start=1):
        i = contexts.index(step.context)
        t = Text(f"    {str(n).rjust(nwidth)}. ")
        t.append(step.context.ljust(cwidth), style=CONTEXT_STYLES[i % len(CONTEXT_STYLES)])
        t.append(f"  {step.path}:{step.line}".ljust(0), style="dim")
        t.append(f"  {step.action}")
        out.append(t)
    return out


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary(result: VerifyResult, *, verbose: bool = False) -> list[Text]:
    """Totals by severity and by dimension, and each component's exploration status."""
    findings = result.findings
    out: list[Text] = []
    if not findings:
        out.append(Text("No findings.", style="bold green"))
    else:
        t = Text(f"Found {_plural(len(findings), 'finding')}", style="bold")
        t.append(" (")
        _severity_counts(t, Counter(f.severity for f in findings))
        t.append(")")
        out.append(t)
        out.extend(_by_dimension(findings))
    out.extend(_components(result))
    out.extend(_diagnostics(result))
    if verbose and result.stats:
        out.append(Text("stats: " + ", ".join(f"{k}={v}" for k, v in sorted(result.stats.items())), style="dim"))
    return out


def _severity_counts(t: Text, counts: Counter) -> None:
    parts = [(s, counts[s]) for s in sorted(counts, key=lambda s: SEVERITY_ORDER.get(s, 9))]
    for i, (sev, n) in enumerate(parts):
        if i:
            t.append(", ")
        t.append(f"{n} {sev}", style=SEVERITY_STYLE.get(sev, ""))


def _by_dimension(findings) -> list[Text]:
    dims = sorted({f.dimension for f in findings})
    width = max(len(d) for d in dims)
    out = []
    for dim in dims:
        sub = [f for f in findings if f.dimension == dim]
        t = Text(f"  {dim.ljust(width)}  {len(sub):>3}  ")
        _severity_counts(t, Counter(f.severity for f in sub))
        out.append(t)
    return out


DIAGNOSTIC_STYLE = {"error": "bold red", "warning": "yellow", "note": "dim"}


def _diagnostics(result: VerifyResult) -> list[Text]:
    """Files interlock could not fully analyse: said, so silence on them is not taken as safety."""
    out = []
    for d in sorted(result.diagnostics, key=lambda d: (d.path, d.line)):
        t = Text(f"  {d.path}" + (f":{d.line}" if d.line else "") + ": ")
        t.append(d.severity, style=DIAGNOSTIC_STYLE.get(d.severity, ""))
        t.append(f": {d.message}")
        out.append(t)
    if out:
        out.insert(0, Text("Diagnostics:", style="bold"))
    return out


def diagnostic_lines(result: VerifyResult) -> str:
    """The errors and warnings of `result.diagnostics`, one plain line each (`path:line: severity:
    message`): what `--quiet` still says on stderr, as ruff's `-q` still reports the files it could
    not read, so a quiet run's silence is never taken for a clean tree."""
    return "".join(f"{d.path}" + (f":{d.line}" if d.line else "") + f": {d.severity}: {d.message}\n"
                   for d in sorted(result.diagnostics, key=lambda d: (d.path, d.line))
                   if d.severity in ("error", "warning"))


def _components(result: VerifyResult) -> list[Text]:
    out = []
    for c in result.components:
        t = Text(f"  {c.name}: ")
        if c.complete:
            t.append("explored completely", style="green")
        else:
            t.append(f"bounded by {c.bounded_by or 'a bound'}", style="yellow")
            t.append(" (silence beyond that bound is not a proof)", style="dim")
        out.append(t)
    if out:
        out.insert(0, Text("Components:", style="bold"))
    return out
