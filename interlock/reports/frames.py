"""Code frames: the source lines around a location, read from the result's root.

Shared by the text, Markdown and HTML reports. A file that cannot be read gives no frame
(the report still names the location).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from interlock.models.finding import Finding, FindingLocation, SEVERITY_ORDER
from interlock.models.location import code_lines


@dataclass(frozen=True, slots=True)
class FrameLine:
    number: int
    text: str
    marked: bool          # inside the location's span


@lru_cache(maxsize=256)
def _read(root: str, path: str) -> tuple[str, ...] | None:
    try:
        text = (Path(root) / path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    return tuple(code_lines(text.expandtabs(4)))


def forget_sources() -> None:
    _read.cache_clear()


def source_lines(root: str, path: str) -> tuple[str, ...] | None:
    return _read(str(root), path)


def column_of(root: str, loc: FindingLocation) -> int:
    """The 0-based column: the location's own, else where the statement on its line starts."""
    if loc.column is not None:
        return loc.column
    lines = source_lines(root, loc.path)
    if not lines or not 1 <= loc.line <= len(lines):
        return 0
    text = lines[loc.line - 1]
    return len(text) - len(text.lstrip())


def frame(root: str, loc: FindingLocation, context: int = 1, max_span: int = 6) -> list[FrameLine]:
    """Lines `line-context .. end_line+context`; long spans keep their first `max_span` lines."""
    lines = source_lines(root, loc.path)
    if not lines or loc.line < 1 or loc.line > len(lines):
        return []
    end = max(loc.end_line or loc.line, loc.line)
    end = min(end, loc.line + max_span - 1, len(lines))
    first = max(1, loc.line - context)
    last = min(len(lines), end + context)
    out = [FrameLine(n, lines[n - 1], loc.line <= n <= end) for n in range(first, last + 1)]
    while out and not out[-1].marked and not out[-1].text.strip():
        out.pop()       # blank context lines add height, not information
    while out and not out[0].marked and not out[0].text.strip():
        out.pop(0)
    return out


def trimmed(lines: list[FrameLine]) -> list[FrameLine]:
    """Remove the common indentation so frames do not drift to the right."""
    texts = [fl.text for fl in lines if fl.text.strip()]
    if not texts:
        return lines
    indent = min(len(t) - len(t.lstrip()) for t in texts)
    return [FrameLine(fl.number, fl.text[indent:], fl.marked) for fl in lines]


def sorted_findings(findings) -> list[Finding]:
    return sorted(findings, key=lambda f: f.sort_key())


def by_severity(findings) -> list[Finding]:
    """Most severe first, then in the contract's (path, line, code, fingerprint) order."""
    return sorted(findings, key=lambda f: (SEVERITY_ORDER.get(f.severity, 9),) + f.sort_key())


def span(loc: FindingLocation) -> str:
    end = max(loc.end_line or loc.line, loc.line)
    return f"{loc.path}:{loc.line}" + (f"-{end}" if end != loc.line else "")


def where(loc: FindingLocation) -> str:
    """`Class.function` (or the function, or the class), for headers."""
    parts = [p for p in (loc.class_, loc.function) if p]
    return ".".join(parts)


def contexts_in_order(finding: Finding) -> list[str]:
    """The trace's contexts in order of first appearance, then any others the finding names."""
    seen: list[str] = []
    for step in finding.trace:
        if step.context not in seen:
            seen.append(step.context)
    return seen + [c for c in finding.contexts if c not in seen]
