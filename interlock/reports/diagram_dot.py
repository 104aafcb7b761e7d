"""Graphviz DOT for the diagram structures of `diagram_build`: neutral colours, red for what
is wrong (illegal transitions, lock cycles, blocked steps)."""
from __future__ import annotations

from interlock.reports.diagram_build import Edge, Group, Node, Sequence, is_blocking_step

INK, MUTED, BAD, FILL = "#1f2937", "#94a3b8", "#dc2626", "#f8fafc"
FONT = "Helvetica"
EDGE_ATTRS = {
    "ok": f'color="{INK}"', "found": f'color="{INK}"', "lock": f'color="{INK}"',
    "illegal": f'color="{BAD}" fontcolor="{BAD}" penwidth=2.2',
    "cycle": f'color="{BAD}" fontcolor="{BAD}" penwidth=2.2',
    "declared": f'color="{MUTED}" fontcolor="{MUTED}" style=dashed',
    "spec": f'color="{MUTED}" fontcolor="{MUTED}"',
}


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\\\\n", "\\n") + '"'


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _head(name: str, title: str, rankdir: str = "LR", legend: str = "") -> list[str]:
    label = f"<{_html(title)}" + (f'<BR/><FONT POINT-SIZE="9" COLOR="#64748b">{_html(legend)}</FONT>' if legend else "") + ">"
    return [f"digraph {name} {{",
            f'  graph [rankdir={rankdir} bgcolor="white" fontname="{FONT}" fontsize=13 labelloc=t '
            f'label={label} fontcolor="{INK}" pad=0.3 nodesep=0.5 ranksep=0.6]',
            f'  node [fontname="{FONT}" fontsize=11 color="{INK}" fontcolor="{INK}" style="rounded,filled" '
            f'fillcolor="{FILL}" shape=box]',
            f'  edge [fontname="{FONT}" fontsize=9 fontcolor="#475569" arrowsize=0.7]']


def _node(n: Node) -> str:
    if n.kind == "initial":
        return f'  {n.id} [shape=point width=0.14 color="{INK}" fillcolor="{INK}" label=""]'
    attrs = f"label={_q(n.label)}"
    if n.kind == "any":
        attrs += f' style="dashed,rounded" color="{MUTED}" fontcolor="#475569"'
    if n.marked:
        attrs += f' color="{BAD}" fontcolor="{BAD}" penwidth=2 fillcolor="#fef2f2"'
    return f"  {n.id} [{attrs}]"


def _edge(e: Edge) -> str:
    label = f" label={_q(e.label)}" if e.label else ""
    return f"  {e.source} -> {e.target} [{EDGE_ATTRS.get(e.style, '')}{label}]"


def groups_dot(name: str, title: str, groups: list[Group], legend: str = "") -> str:
    lines = _head(name, title, legend=legend)
    for i, g in enumerate(groups):
        lines.append(f"  subgraph cluster_{i} {{")
        own = 'label="" ' if g.title == title else f"label={_q(g.title)} "    # no second copy of the title
        lines.append(f'    {own}color="#cbd5e1" style="rounded" fontsize=12')
        lines += ["  " + _node(n) for n in g.nodes]
        lines.append("  }")
        lines += [_edge(e) for e in g.edges]
    lines.append("}")
    return "\n".join(lines) + "\n"


def sequence_dot(seq: Sequence) -> str:
    """Lifelines as columns, one row per step: a box where the step runs, a dashed line elsewhere."""
    lines = _head("trace", seq.title, rankdir="TB")
    lines.append("  splines=false; ranksep=0.3; nodesep=0.35")
    cols = {c: i for i, c in enumerate(seq.contexts)}
    for c, i in cols.items():
        lines.append(f'  h{i} [label={_q(c)} shape=box style="filled,bold" fillcolor="#e2e8f0"]')
    rows = len(seq.steps)
    for n, ctx, action, where in seq.steps:
        for c, i in cols.items():
            if c == ctx:
                bad = is_blocking_step(action)
                colour = f' color="{BAD}" fontcolor="{BAD}"' if bad else ""
                lines.append(f"  s{n}_{i} [label={_q(f'{n}. {action}' + chr(10) + where)}{colour}]".replace(chr(10), "\\n"))
            else:
                lines.append(f'  s{n}_{i} [shape=point width=0.01 label="" color="{MUTED}"]')
        lines.append("  {rank=same; " + " ".join(f"s{n}_{i};" for i in cols.values()) + "}")
    for i in cols.values():
        chain = [f"h{i}"] + [f"s{n}_{i}" for n in range(1, rows + 1)]
        for a, b in zip(chain, chain[1:]):
            lines.append(f'  {a} -> {b} [arrowhead=none style=dashed color="{MUTED}" weight=10]')
    for (n1, c1, *_), (n2, c2, *_) in zip(seq.steps, seq.steps[1:]):
        if c1 != c2:   # the preemption: control passes to another context
            lines.append(f'  s{n1}_{cols[c1]} -> s{n2}_{cols[c2]} [color="{BAD}" constraint=false style=bold]')
    lines.append("}")
    return "\n".join(lines) + "\n"
