"""Rule metadata and selection. Rules register by being listed in `rules/__init__.py`."""
from __future__ import annotations

import re
from dataclasses import dataclass
from types import ModuleType

from interlock.models.finding import Severity


@dataclass(frozen=True, slots=True)
class RuleInfo:
    code: str                 # IL + three digits; the hundreds digit is the family
    name: str                 # kebab-case problem name
    severity: Severity        # default severity
    dimension: str            # seed dimension (a component's own dimension wins)
    summary: str              # one line
    fix: str                  # fix template, one paragraph

    @property
    def family(self) -> str:
        return {
            "1": "shared state", "2": "atomicity", "3": "locks", "4": "async",
            "5": "model-checked", "6": "aliasing", "7": "database",
        }.get(self.code[2], "other")


SECTIONS = ("What it finds", "Why it matters", "Example", "Fix", "Known limits")


def doc_sections(module: ModuleType) -> dict[str, str]:
    """The fixed docstring sections of a rule module, by title."""
    text = module.__doc__ or ""
    parts = re.split(r"^(%s)\s*\n-+\s*$" % "|".join(map(re.escape, SECTIONS)), text, flags=re.M)
    out: dict[str, str] = {}
    for i in range(1, len(parts) - 1, 2):
        out[parts[i]] = parts[i + 1].strip("\n")
    return out


def is_selected(code: str, select: list[str], ignore: list[str]) -> bool:
    """ruff-style: a prefix in `select` (or none given) and no prefix in `ignore`."""
    if select and not any(code.startswith(s) for s in select):
        return False
    return not any(code.startswith(i) for i in ignore)
