"""Mermaid for the diagram structures of `diagram_build`; renders in GitHub Markdown as is.

State machines and lock graphs are flowcharts (they allow per-edge styles), traces are
sequence diagrams with one lifeline per context.
"""
from __future__ import annotations

from interlock.reports.diagram_build import Group, Sequence, is_blocking_step

BAD, MUTED = "#dc2626", "#94a3b8"
ARROW = {"declared": "-.->", "illegal": "==>", "cycle": "==>"}


def _label(text: str) -> str:
    return '"' + text.replace("\\n", "<br/>").replace('"', "#quot;") + '"'


def _node(n) -> str:
    if n.kind == "initial":
        return f'    {n.id}((" "))'
    if n.kind == "lock":
        return f"    {n.id}[{_label(n.label)}]"
    return f"    {n.id}([{_label(n.label)}])"


def groups_mermaid(title: str, groups: list[Group]) -> str:
    lines = ["---", f"title: {_label(title)}", "---", "flowchart LR"]
    styles: list[str] = []
    index = 0
    for i, g in enumerate(groups):
        boxed = g.title != title        # a single graph already carries the title
        if boxed:
            lines.append(f"  subgraph g{i}[{_label(g.title)}]")
        lines += [_node(n) for n in g.nodes]
        if boxed:
            lines.append("  end")
        for e in g.edges:
            arrow = ARROW.get(e.style, "-->")
            label = f"|{_label(e.label)}|" if e.label else ""
            lines.append(f"  {e.source} {arrow}{label} {e.target}")
            if e.style in ("illegal", "cycle"):
                styles.append(f"  linkStyle {index} stroke:{BAD},stroke-width:2.5px,color:{BAD}")
            elif e.style in ("declared", "spec"):
                styles.append(f"  linkStyle {index} stroke:{MUTED},color:{MUTED}")
            index += 1
    marked = [n.id for g in groups for n in g.nodes if n.marked]
    lines.append(f"  classDef bad stroke:{BAD},stroke-width:2px,color:{BAD}")
    if marked:
        lines.append(f"  class {','.join(marked)} bad")
    return "\n".join(lines + styles) + "\n"


_ESCAPES = str.maketrans({"#": "#35;", ";": "#59;", "\n": " "})


def _text(text: str) -> str:
    """Sequence-diagram message text: `#` and `;` are syntax there."""
    return text.translate(_ESCAPES)       # one pass: `#` must not be escaped again inside `#59;`


def sequence_mermaid(seq: Sequence) -> str:
    ids = {c: f"c{i}" for i, c in enumerate(seq.contexts)}
    lines = ["---", f"title: {_label(seq.title)}", "---", "sequenceDiagram"]
    lines += [f"  participant {ids[c]} as {_text(c)}" for c in seq.contexts]
    lines.append(f"  participant S as {_text(seq.shared)}")
    for n, ctx, action, where in seq.steps:
        arrow = "-x" if is_blocking_step(action) else "->>"
        lines.append(f"  {ids[ctx]}{arrow}S: {n}. {_text(action)} ({_text(where)})")
    return "\n".join(lines) + "\n"
