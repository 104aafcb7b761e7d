"""Syntactic search behind IL602's queue hand-offs: a local buffer put on a queue, then changed in place.

`q.put(buf)` hands the object itself to the consumer thread, not a copy: from then on the
buffer is shared (so is `memoryview(buf)[:n]`, a view of it). A later in-place write (`buf[:] = ...`,
`buf *= g`, `buf.fill(0)`, `np.copyto(buf, ...)`, `sock.recv_into(buf)`), in the same pass or in the next turn of a loop that reuses the buffer,
changes what the consumer reads. Works on the stdlib `ast` of a module's text, like IL601: the
program model keeps no events for locals that never touch shared state.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from typing import Iterator

from interlock.checker.rules._multiply import _name, _own_nodes, _rebinds

PUTS = frozenset({"put", "put_nowait"})
QUEUE_NAME = re.compile(r"(^|_)(q|queue|inbox|outbox)$|queue$", re.I)
#: bytearray/ndarray methods that change the object in place
IN_PLACE_METHODS = frozenset({"fill", "extend", "append", "clear", "insert", "pop", "remove", "reverse",
                              "sort", "resize", "itemset", "setfield", "put"})
BUFFER_BUILTINS = frozenset({"bytearray"})
#: I/O methods that write what they read into the buffer they are given (`sock.recv_into(buf)`)
INTO_METHODS = frozenset({"recv_into", "recvfrom_into", "recvmsg_into", "readinto", "readinto1"})
#: array methods whose result is a new array of its own (`x.astype(np.float32)`)
ARRAY_METHODS = frozenset({"astype", "copy", "flatten"})


@dataclass(frozen=True)
class Handoff:
    function: ast.FunctionDef | ast.AsyncFunctionDef
    name: str
    put: ast.Call
    mutation: ast.AST


def find_handoffs(tree: ast.Module, queues: frozenset[int] = frozenset()) -> Iterator[Handoff]:
    """Every (function, buffer) whose in-place write may follow its hand-off; `queues`: lines
    where the model knows a `.put` receiver is a queue (an annotated parameter, a queue attribute)."""
    numpy = _numpy_names(tree)
    defs = [fn for fn in ast.walk(tree) if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef))]
    makers = {fn.name for fn in defs if fn.returns is not None and _buffer_type(fn.returns, numpy)}
    for fn in defs:
        yield from _in_function(fn, numpy | makers, queues)


def _buffer_type(annotation: ast.AST, numpy: set[str]) -> bool:
    """`-> np.ndarray`, `-> bytearray`, `-> npt.NDArray[np.float32]`."""
    text = ast.unparse(annotation)
    return text.split(".", 1)[0] in numpy and "ndarray" in text or any(
        word in text for word in ("bytearray", "NDArray"))


def _in_function(fn, makers: set[str], queues: frozenset[int]) -> Iterator[Handoff]:
    nodes = sorted(_own_nodes(fn.body), key=_pos)
    buffers = {name for n in nodes for name in _buffer_builds(n, makers)}
    loops = [n for n in nodes if isinstance(n, (ast.For, ast.AsyncFor, ast.While))]
    done: set[str] = set()
    for put in nodes:
        name = _handed_off(put, queues)
        if name not in buffers or name in done:
            continue
        rebinds = [n for n in nodes if name in _rebinds(n)]
        later = next((m for m in nodes if _in_place(m) == name and _follows(put, m, rebinds, loops)), None)
        if later is not None:
            done.add(name)
            yield Handoff(fn, name, put, later)


def _pos(n: ast.AST) -> tuple[int, int]:
    return n.lineno, n.col_offset


def _numpy_names(tree: ast.Module) -> set[str]:
    out = set()
    for n in ast.walk(tree):
        if isinstance(n, ast.Import):
            out.update(a.asname or a.name for a in n.names if a.name == "numpy")
    return out


def _buffer_builds(node: ast.AST, makers: set[str]) -> Iterator[str]:
    """Names bound to a new mutable buffer: `bytearray(n)`, `np.zeros(n)`, `np.abs(x)`, `x.astype(..)`,
    a call of this module's function annotated to return an array (`makers`: also numpy's names)."""
    if not isinstance(node, (ast.Assign, ast.AnnAssign)) or not isinstance(node.value, ast.Call):
        return
    f = node.value.func
    is_buffer = (isinstance(f, ast.Name) and (f.id in BUFFER_BUILTINS or f.id in makers)
                 or isinstance(f, ast.Attribute) and (isinstance(f.value, ast.Name) and f.value.id in makers
                                                      or f.attr in ARRAY_METHODS
                                                      or _name(f.value) == "self" and f.attr in makers))
    if is_buffer:
        for t in (node.targets if isinstance(node, ast.Assign) else [node.target]):
            if isinstance(t, ast.Name):
                yield t.id


def _handed_off(node: ast.AST, queues: frozenset[int]) -> str | None:
    """`q.put(buf)` on a queue -> "buf"."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in PUTS
            and node.args and _viewed(node.args[0])):
        return None
    recv = node.func.value
    named = recv.attr if isinstance(recv, ast.Attribute) else recv.id if isinstance(recv, ast.Name) else ""
    return _viewed(node.args[0]) if node.lineno in queues or QUEUE_NAME.search(named) else None


def _viewed(e: ast.AST) -> str | None:
    """The local whose memory `e` is: `buf`, `memoryview(buf)`, `memoryview(buf)[:n]` (a slice of a
    memoryview is a view too; a slice of the bytearray itself is a copy)."""
    if isinstance(e, ast.Name):
        return e.id
    if isinstance(e, ast.Subscript) and isinstance(e.value, ast.Call):
        e = e.value
    if isinstance(e, ast.Call) and isinstance(e.func, ast.Name) and e.func.id == "memoryview" and len(e.args) == 1:
        return _viewed(e.args[0])
    return None


def _in_place(node: ast.AST) -> str | None:
    """The local a statement or call changes in place, if any."""
    if isinstance(node, ast.AugAssign):
        t = node.target
        return t.id if isinstance(t, ast.Name) else _name(t.value) if isinstance(t, ast.Subscript) else None
    if isinstance(node, (ast.Assign, ast.Delete)):
        subs = [t for t in node.targets if isinstance(t, ast.Subscript) and isinstance(t.value, ast.Name)]
        return subs[0].value.id if subs else None
    if isinstance(node, ast.Call):
        f = node.func
        if isinstance(f, ast.Attribute) and f.attr in IN_PLACE_METHODS and isinstance(f.value, ast.Name):
            return f.value.id
        if isinstance(f, ast.Attribute) and f.attr in INTO_METHODS and node.args:
            return _viewed(node.args[0])          # `sock.recv_into(buf)`: the next read lands in `buf`
        out = next((k.value for k in node.keywords if k.arg == "out"), None)
        if out is None and isinstance(f, ast.Attribute) and f.attr == "copyto" and node.args:
            out = node.args[0]
        return out.id if isinstance(out, ast.Name) else None
    return None


def _follows(put: ast.AST, mutation: ast.AST, rebinds: list[ast.AST], loops: list[ast.AST]) -> bool:
    """The write may run after the hand-off with the same object: later in the function with no
    rebinding in between, or earlier in a loop around both that never rebinds the name."""
    if _pos(mutation) > _pos(put):
        return not any(_pos(put) < _pos(r) < _pos(mutation) for r in rebinds)
    return any(_inside(put, lp) and _inside(mutation, lp) and not any(_inside(r, lp) for r in rebinds)
               for lp in loops)


def _inside(node: ast.AST, loop: ast.AST) -> bool:
    return loop.lineno <= node.lineno <= (loop.end_lineno or loop.lineno)
