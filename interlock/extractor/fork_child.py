"""The child's side of `os.fork()` runs in another process, not in the function's contexts.

`pid = os.fork()` returns twice: 0 in the child, the child's pid in the parent. The child is a
copy of the process: what it runs shares no memory with the parent's threads and does not run on
the parent's event loop (a prefork server's `if pid == 0: worker.run(); os._exit(0)`, or
`if pid != 0: return pid` followed by the child's work). So the child's events are dropped from
the function: the arm of `if pid == 0:` / `if not pid:` (the `else` of `if pid:`, `if pid != 0:`,
`if pid > 0:`), and, when the parent's arm of such a test always leaves the function (`return`,
`raise`), the rest of the block after it (tests/corpus/il401_forked_child_runs_worker). The code a
child calls is still checked where other contexts reach it.
"""
from __future__ import annotations

import re

from interlock.models.program import Branch, Event, EventKind, Node
from interlock.extractor.tree import rebuild_blocks, same_nodes

FORKS = frozenset({"os.fork", "os.forkpty"})
_CHILD = r"^(?:{pid}\s*==\s*0|0\s*==\s*{pid}|not\s+{pid})$"
_PARENT = r"^(?:{pid}|{pid}\s*!=\s*0|0\s*!=\s*{pid}|{pid}\s*>\s*0)$"
_EXITS = frozenset({EventKind.RETURN, EventKind.RAISE})


def parent_side(body: tuple[Node, ...], pids: set[str]) -> tuple[Node, ...]:
    """`body` without what only the child of a fork into one of the locals `pids` runs."""
    if not pids:
        return body
    tests = [(re.compile(_CHILD.format(pid=re.escape(p))), re.compile(_PARENT.format(pid=re.escape(p)))) for p in pids]
    return _block(body, tests)


def _block(nodes: tuple[Node, ...], tests) -> tuple[Node, ...]:
    out: list[Node] = []
    for n in nodes:
        side = _side(n, tests) if isinstance(n, Branch) else None
        if side == "child":           # `if pid == 0:` runs in the child: only the else is ours
            out.append(n.model_copy(update={"then": (), "orelse": _block(n.orelse, tests)}))
        elif side == "parent":        # `if pid:` is the parent's; its else the child's
            out.append(n.model_copy(update={"then": _block(n.then, tests), "orelse": ()}))
            if _leaves(n.then):
                break                 # the parent returned: the rest of the block is the child's
        else:
            out.append(rebuild_blocks(n, lambda b: _block(b, tests)) if not isinstance(n, Event) else n)
    return same_nodes(nodes, out)


def _side(branch: Branch, tests) -> str | None:
    cond = (branch.cond.value or "").strip()
    for child, parent in tests:
        if child.match(cond):
            return "child"
        if parent.match(cond):
            return "parent"
    return None


def _leaves(arm: tuple[Node, ...]) -> bool:
    """The arm ends by leaving the function."""
    return bool(arm) and isinstance(arm[-1], Event) and arm[-1].kind in _EXITS
