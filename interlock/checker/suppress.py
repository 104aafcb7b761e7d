"""Inline suppressions (`# interlock: ignore[IL101] reason`), select/ignore and per-path ignores."""
from __future__ import annotations

import fnmatch
import re
from pathlib import Path

from interlock.checker.context import _read
from interlock.checker.registry import is_selected
from interlock.models.finding import Finding
from interlock.models.program import Diagnostic

_INLINE = re.compile(r"#\s*interlock:\s*ignore(?:\s*\[([^\]]*)\])?", re.I)


def _codes(group: str) -> list[str]:
    return [c.strip().upper() for c in group.split(",") if c.strip()]


def is_suppressed_inline(root: Path, finding: Finding) -> bool:
    """A comment on the finding's line (or the line above) names its code (any case, or a prefix
    of it, as `--ignore` takes), or ignores all."""
    lines = _read(root / finding.location.path)
    for n in (finding.location.line, finding.location.line - 1):
        if 1 <= n <= len(lines):
            m = _INLINE.search(lines[n - 1])
            if m and (m.group(1) is None or any(finding.code.startswith(c) for c in _codes(m.group(1)))):
                if n == finding.location.line or lines[n - 1].lstrip().startswith("#"):
                    return True
    return False


def suppression_diagnostics(root: Path, paths) -> list[Diagnostic]:
    """A warning for each suppression comment naming a code that is no rule (`ignore[IL1O1]`,
    a typo): it suppresses nothing, and the finding it was meant for stays reported."""
    from interlock.checker.rules import RULE_CODES

    out = []
    for path in sorted(paths):
        try:
            text = (root / path).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if "interlock" not in text.lower():
            continue
        for n, line in enumerate(text.splitlines(), 1):
            m = _INLINE.search(line)
            if m is None or m.group(1) is None:
                continue
            for code in _codes(m.group(1)):
                if not any(known.startswith(code) for known in RULE_CODES):
                    out.append(Diagnostic(path=path, line=n, severity="warning",
                                          message=f"suppression comment names no rule: {code!r} "
                                                  f"(`interlock rules` lists the codes)"))
    return out


def keep(finding: Finding, root: Path, select: list[str], ignore: list[str],
         per_path: dict[str, list[str]]) -> bool:
    if not is_selected(finding.code, select, ignore):
        return False
    for pattern, codes in per_path.items():
        if fnmatch.fnmatch(finding.location.path, pattern) and any(finding.code.startswith(c) for c in codes):
            return False
    return not is_suppressed_inline(root, finding)
