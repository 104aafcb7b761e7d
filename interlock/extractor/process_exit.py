"""A process's last words: blocking calls right before `os._exit()` / `os.abort()` stall nothing.

`os.write(2, b"fatal: ...\n"); os._exit(70)` ends the process: the write is its last act, and no
event loop, lock holder or waiting thread is left afterwards to be stalled by it (a fork child that
finds inherited state unsafe, a watchdog that gives up). So a blocking call made in the same block
before such an exit is an ordinary call, not a blocking one (tests/corpus/il401_last_words_before_os_exit).
Only the calls in that block itself: a helper called there is still followed, and a block that
leaves otherwise (`raise`, `sys.exit()`, which raise an exception the program may catch) keeps them.
"""
from __future__ import annotations

from interlock.models.program import Event, EventKind, Node
from interlock.extractor.tree import rebuild_blocks, same_nodes

#: calls that end the process at once, without unwinding
EXITS = frozenset({"os._exit", "os.abort"})


def last_words(nodes: tuple[Node, ...]) -> tuple[Node, ...]:
    """`nodes` with the blocking calls of each block that ends the process made plain calls."""
    end = next((i for i, n in enumerate(nodes)
                if type(n) is Event and n.kind is EventKind.CALL and n.callee in EXITS), None)
    out: list[Node] = []
    for i, n in enumerate(nodes):
        if type(n) is not Event:
            out.append(rebuild_blocks(n, last_words))
        elif end is not None and i < end and n.kind is EventKind.BLOCKING:
            out.append(n.model_copy(update={"kind": EventKind.CALL, "op": None}))
        else:
            out.append(n)
    return same_nodes(nodes, out)
