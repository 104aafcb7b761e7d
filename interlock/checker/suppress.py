"""Inline suppressions (`# interlock: ignore[IL101] reason`), select/ignore and per-path ignores."""
from __future__ import annotations

import fnmatch
import re
from pathlib import Path

from interlock.checker.context import _read
from interlock.checker.registry import is_selected
from interlock.models.finding import Finding

_INLINE = re.compile(r"#\s*interlock:\s*ignore(?:\[([A-Z0-9,\s]+)\])?", re.I)


def is_suppressed_inline(root: Path, finding: Finding) -> bool:
    """A comment on the finding's line (or the line above) names its code, or ignores all."""
    lines = _read(root / finding.location.path)
    for n in (finding.location.line, finding.location.line - 1):
        if 1 <= n <= len(lines):
            m = _INLINE.search(lines[n - 1])
            if m and (m.group(1) is None or finding.code in {c.strip() for c in m.group(1).split(",")}):
                if n == finding.location.line or lines[n - 1].lstrip().startswith("#"):
                    return True
    return False


def keep(finding: Finding, root: Path, select: list[str], ignore: list[str],
         per_path: dict[str, list[str]]) -> bool:
    if not is_selected(finding.code, select, ignore):
        return False
    for pattern, codes in per_path.items():
        if fnmatch.fnmatch(finding.location.path, pattern) and any(finding.code.startswith(c) for c in codes):
            return False
    return not is_suppressed_inline(root, finding)
