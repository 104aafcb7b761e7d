"""`interlock rules`: the rule table, and one rule's documentation from its module docstring."""
from __future__ import annotations

from types import ModuleType
from typing import Sequence

from interlock.reports.rule_docs import SECTIONS, headline, sections


def render_rules(modules: Sequence[ModuleType]) -> str:
    """One row per rule: code, name, default severity, summary (ordered by code)."""
    infos = sorted((m.RULE for m in modules if hasattr(m, "RULE")), key=lambda r: r.code)
    if not infos:
        return "No rules are registered."
    name_w = max(len(r.name) for r in infos)
    rows = [f"{'code':<6} {'name':<{name_w}}  {'severity':<8}  summary",
            f"{'-' * 6} {'-' * name_w}  {'-' * 8}  {'-' * 7}"]
    rows += [f"{r.code:<6} {r.name:<{name_w}}  {r.severity:<8}  {r.summary}" for r in infos]
    rows.append(f"\n{len(infos)} rules. `interlock rules CODE` explains one.")
    return "\n".join(rows)


def render_rule(module: ModuleType) -> str:
    """The rule's header, metadata and its docstring sections in their fixed order."""
    r = module.RULE
    out = [f"{r.code} {r.name}", "=" * len(f"{r.code} {r.name}"), "",
           f"severity: {r.severity}    dimension: {r.dimension}    family: {_family(r)}", ""]
    head = headline(module)
    for prefix in (f"{r.code} {r.name}:", f"{r.code}:"):
        head = head[len(prefix):].strip() if head.startswith(prefix) else head
    if head:
        out += [head, ""]
    parts = sections(module)
    for title in SECTIONS:
        if title in parts:
            out += [title, "-" * len(title), parts[title], ""]
    if "Fix" not in parts and getattr(r, "fix", ""):
        out += ["Fix", "---", r.fix, ""]
    return "\n".join(out).rstrip() + "\n"


def _family(rule) -> str:
    return getattr(rule, "family", "") or "other"
