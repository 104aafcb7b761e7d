"""The release gate: a reviewed baseline file of accepted findings, and the comparison against it.

The file is JSON with a version and one entry per line, sorted by (path, code, fingerprint), so a
pull request diff reads like a list. Entries match findings by fingerprint only (no line numbers),
as a multiset: two identical findings in one function do not hide a third (PHPStan's `count`).
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from pydantic import ConfigDict, Field, ValidationError

from interlock.models.base import Model
from interlock.models.finding import Finding
from interlock.models.result import VerifyResult

BASELINE_VERSION = 1


class BaselineError(Exception):
    """The baseline file is missing, unreadable or not a baseline: one line naming the file."""


class BaselineEntry(Model):
    """What a reviewer needs to recognise a finding; `line` is informational and never matched."""

    model_config = ConfigDict(frozen=True, populate_by_name=True, extra="ignore")

    fingerprint: str
    code: str
    rule: str = ""
    path: str
    class_: str | None = Field(default=None, alias="class")
    function: str | None = None
    symbols: tuple[str, ...] = ()
    line: int = 0
    title: str = ""

    def sort_key(self) -> tuple:
        return (self.path, self.code, self.fingerprint)


class Baseline(Model):
    model_config = ConfigDict(frozen=True)

    version: int = BASELINE_VERSION
    tool: dict[str, str] = Field(default_factory=dict)
    findings: tuple[BaselineEntry, ...] = ()


@dataclass(frozen=True)
class Gated:
    """The result with each finding's `status` set ("new" or "baseline"), and the entries now gone."""

    result: VerifyResult
    gone: tuple[BaselineEntry, ...]

    @property
    def new(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.result.findings if f.status == "new")


def entry_for(finding: Finding) -> BaselineEntry:
    loc = finding.location
    return BaselineEntry(fingerprint=finding.fingerprint, code=finding.code, rule=finding.rule, path=loc.path,
                         class_=loc.class_, function=loc.function, symbols=finding.symbols, line=loc.line,
                         title=finding.title)


def render_baseline(result: VerifyResult) -> str:
    """The baseline file for `result`: stable bytes for the same findings, whatever their lines' order."""
    entries = sorted((entry_for(f) for f in result.findings), key=lambda e: (*e.sort_key(), e.line))
    tool = {"name": result.tool.get("name", "interlock"), "version": result.tool.get("version", "")}
    lines = ["{", f'  "version": {BASELINE_VERSION},', f'  "tool": {json.dumps(tool, sort_keys=True)},']
    if not entries:
        return "\n".join(lines + ['  "findings": []', "}"]) + "\n"
    rows = [json.dumps(e.model_dump(mode="json", by_alias=True), ensure_ascii=False) for e in entries]
    lines.append('  "findings": [')
    lines.extend(f"    {row}," for row in rows[:-1])
    lines.append(f"    {rows[-1]}")
    return "\n".join(lines + ["  ]", "}"]) + "\n"


def load_baseline(path: Path | str) -> Baseline:
    """Read a baseline file; any problem becomes a one-line `BaselineError` naming the file."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"{path}: baseline file not found (write one with `interlock baseline --output {path}`)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: cannot read baseline ({exc})") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg})") from None
    if not isinstance(data, dict) or "findings" not in data:
        raise BaselineError(f"{path}: not an interlock baseline (no `findings` key)")
    if "version" not in data and "stats" in data:         # the findings are there, but not reviewed as a baseline
        raise BaselineError(f"{path}: a `verify --format json` report, not a baseline "
                            f"(write one with `interlock baseline --output FILE`)")
    if data.get("version") != BASELINE_VERSION:
        raise BaselineError(f"{path}: unsupported baseline version {data.get('version')!r} (expected {BASELINE_VERSION})")
    try:
        return Baseline.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise BaselineError(f"{path}: invalid baseline at `{where}`: {err['msg']}") from None


def compare(result: VerifyResult, baseline: Baseline) -> Gated:
    """Mark each finding "baseline" while the baseline still has an unused entry with its fingerprint."""
    left = Counter(e.fingerprint for e in baseline.findings)
    marked = []
    for finding in sorted(result.findings, key=Finding.sort_key):
        status = "baseline" if left[finding.fingerprint] > 0 else "new"
        left[finding.fingerprint] -= status == "baseline"
        marked.append(finding.model_copy(update={"status": status}))
    gone = _gone(baseline.findings, left)
    return Gated(result=result.model_copy(update={"findings": tuple(marked)}), gone=gone)


def _gone(entries: tuple[BaselineEntry, ...], left: Counter) -> tuple[BaselineEntry, ...]:
    # the last `left[fp]` entries of each fingerprint are the unmatched ones
    out: list[BaselineEntry] = []
    for entry in sorted(entries, key=BaselineEntry.sort_key):
        if left[entry.fingerprint] > 0:
            out.append(entry)
            left[entry.fingerprint] -= 1
    return tuple(out)


def render_gate(gated: Gated, color: bool = False) -> str:
    """New findings in full (they fail the gate), then the baseline entries that are gone, then counts."""
    from interlock.reports.text import render_text

    new = gated.new
    parts: list[str] = []
    if new:
        only_new = gated.result.model_copy(update={"findings": new})
        parts.append(f"{_paint('new findings (not in the baseline):', 'red', color)}\n")
        parts.append(render_text(only_new, color=color, quiet=False).rstrip("\n") + "\n")
    if gated.gone:
        parts.append(f"{_paint('gone (in the baseline, no longer found; refresh it with `interlock baseline`):', 'green', color)}\n")
        parts.extend(f"  {_describe(e)}\n" for e in gated.gone)
    if not new:            # else the new findings' summary above lists them
        from interlock.reports.text import diagnostic_lines

        if lines := diagnostic_lines(gated.result):
            parts.append("diagnostics (files not fully analysed, suppressions that suppress nothing):\n")
            parts.extend(f"  {line}\n" for line in lines.splitlines())
    kept = len(gated.result.findings) - len(new)
    skipped = {d.path for d in gated.result.skipped_files()}
    if new:
        verdict = _paint("gate: FAILED", "red", color)
    elif skipped:          # a file the gate could not read is not a passed file (exit 2)
        verdict = _paint(f"gate: INCOMPLETE ({len(skipped)} file(s) not analysed)", "red", color)
    else:
        verdict = _paint("gate: passed", "green", color)
    parts.append(f"{verdict}: {len(new)} new, {kept} in baseline, {len(gated.gone)} gone\n")
    return "".join(parts)


def _describe(entry: BaselineEntry) -> str:
    where = ".".join(p for p in (entry.class_, entry.function) if p)
    symbols = ", ".join(entry.symbols)
    return f"{entry.path}:{entry.line}: {entry.code} {entry.title} [{where}] {symbols} ({entry.fingerprint})".replace(" []", "")


def _paint(text: str, colour: str, color: bool) -> str:
    codes = {"red": "31", "green": "32"}
    return f"\x1b[1;{codes[colour]}m{text}\x1b[0m" if color else text
