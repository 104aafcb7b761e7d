"""Rule documentation read from a rule module's docstring (reports never import the checker).

The sections are the fixed ones of STYLE.md: What it finds, Why it matters, Example, Fix,
Known limits, each a title line underlined with dashes.
"""
from __future__ import annotations

import re
from types import ModuleType

SECTIONS = ("What it finds", "Why it matters", "Example", "Fix", "Known limits")
_SPLIT = re.compile(r"^(%s)\s*\n-+\s*$" % "|".join(map(re.escape, SECTIONS)), re.M)


def sections(module: ModuleType) -> dict[str, str]:
    """Section title -> text (dedented, stripped)."""
    parts = _SPLIT.split(module.__doc__ or "")
    out: dict[str, str] = {}
    for i in range(1, len(parts) - 1, 2):
        out[parts[i]] = _dedent(parts[i + 1]).strip("\n")
    return out


def headline(module: ModuleType) -> str:
    """The docstring's first paragraph (before the first section)."""
    head = _SPLIT.split(module.__doc__ or "")[0]
    return " ".join(head.split())


def by_code(modules) -> dict[str, ModuleType]:
    return {m.RULE.code: m for m in modules if hasattr(m, "RULE")}


def _dedent(text: str) -> str:
    import textwrap
    return textwrap.dedent(text)
