"""Syntactic search behind IL602's hand-offs: a buffer given to another context, then changed in place.

`q.put(buf)` hands the object itself to the consumer thread, not a copy: from then on the
buffer is shared (so is `memoryview(buf)[:n]`, a view of it). So does passing it as an argument
of a call that runs code in another context (`pool.submit(job, buf)`, `Thread(target=job,
args=(buf,))`, `loop.call_soon_threadsafe(cb, buf)`, `create_task(coro(buf))`: a SPAWN of the model),
unless the call is awaited or its result waited for. A later in-place write (`buf[:] = ...`,
`buf *= g`, `buf.fill(0)`, `np.copyto(buf, ...)`, `out=buf`, `sock.recv_into(buf)`), in the same
pass or in the next turn of a loop that reuses the buffer, changes what the consumer reads, unless
the function waits for the consumer first (`fut.result()`, `t.join()`, `q.join()`). The buffer is
a local built as one (`bytearray(n)`, `np.zeros(n)`), a field of the class known to hold one
(`self._buf`), a local the job's parameter is annotated as one (`def job(frame: np.ndarray)`), or
one written through `out=`/`np.copyto`/`recv_into`. Works on the stdlib `ast` of a module's text,
like IL601: the program model keeps no events for locals that never touch shared state.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from typing import Iterator, Mapping

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
#: spawning calls that take every element out of the iterable they are given before returning
EAGER_MAPS = frozenset({"map", "starmap"})
#: calls that wait for the other context to be done with what it was given
WAITS = frozenset({"result", "join", "wait", "shutdown", "as_completed", "gather", "exception"})
#: keywords of a spawning call that configure it rather than pass data to the job
_SPAWN_OPTIONS = frozenset({"target", "name", "daemon", "group", "context", "loop"})


@dataclass(frozen=True)
class Spawned:
    """A call the model knows runs `target` in another context (a SPAWN event)."""
    target: str                           # the callable as written: `self._save`, `encode`
    params: tuple[str, ...] = ()          # its parameters, `self` left out
    job_line: int | None = None           # the line of its `def` when it is in this module


@dataclass(frozen=True)
class Known:
    """What the program model knows about a module, by line."""
    queues: frozenset[int] = frozenset()                     # `.put` calls on a known queue
    spawns: Mapping[int, Spawned] = field(default_factory=dict)
    fields: Mapping[int, frozenset[str]] = field(default_factory=dict)   # def line -> buffer `self.x`
    arrays: Mapping[int, frozenset[str]] = field(default_factory=dict)   # def line -> numpy array `self.x`
    lists: Mapping[int, frozenset[str]] = field(default_factory=dict)    # def line -> list `self.x`


@dataclass(frozen=True)
class Handoff:
    function: ast.FunctionDef | ast.AsyncFunctionDef
    name: str
    put: ast.Call
    mutation: ast.AST


def find_handoffs(tree: ast.Module, known: Known = Known()) -> Iterator[Handoff]:
    """Every (function, buffer) whose in-place write may follow its hand-off."""
    numpy = _numpy_names(tree)
    defs = [fn for fn in ast.walk(tree) if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef))]
    makers = {fn.name for fn in defs if fn.returns is not None and _buffer_type(fn.returns, numpy)}
    arrays = {fn.name for fn in defs if fn.returns is not None and _array_type(fn.returns)}
    typed = {fn.lineno: _buffer_params(fn, numpy) for fn in defs}
    fillers = _fillers(tree)
    for fn in defs:
        yield from _in_function(fn, numpy | makers, known, typed, numpy | arrays, fillers)


def _fillers(tree: ast.Module) -> dict[str, int]:
    """The module's plain functions that write a parameter in place (`def read_exact(sock, view):
    ... sock.recv_into(view[got:])`): name -> the parameter's position. A call of one,
    `read_exact(sock, buf)`, writes `buf` in place."""
    out = {}
    for fn in tree.body:
        if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        params = [p.arg for p in (*fn.args.posonlyargs, *fn.args.args)]
        nodes = _own_nodes(fn.body)
        rebound = {name for n in nodes for name in _rebinds(n)}
        written = {w for n in nodes if (w := _in_place(n)) is not None}
        pos = next((i for i, p in enumerate(params) if p in written and p not in rebound), None)
        if pos is not None:
            out[fn.name] = pos
    return out


def _buffer_params(fn, numpy: set[str]) -> frozenset[str]:
    """Parameters annotated as a buffer (`frame: np.ndarray`)."""
    a = fn.args
    return frozenset(p.arg for p in (*a.posonlyargs, *a.args, *a.kwonlyargs)
                     if p.annotation is not None and _buffer_type(p.annotation, numpy))


def _buffer_type(annotation: ast.AST, numpy: set[str]) -> bool:
    """`-> np.ndarray`, `-> bytearray`, `-> npt.NDArray[np.float32]`."""
    text = ast.unparse(annotation)
    return text.split(".", 1)[0] in numpy and "ndarray" in text or buffer_hint(text)


def _array_type(annotation: ast.AST) -> bool:
    """`-> np.ndarray`, `-> npt.NDArray[np.float32]`: a numpy array, no bytearray."""
    text = ast.unparse(annotation)
    return "ndarray" in text or "NDArray" in text


def buffer_hint(text: str) -> bool:
    """An annotation or type name that names a mutable buffer."""
    return any(word in text for word in ("bytearray", "NDArray", "ndarray"))


def _in_function(fn, makers: set[str], known: Known, typed: Mapping[int, frozenset[str]],
                 array_makers: set[str] = frozenset(), fillers: Mapping[str, int] = {}) -> Iterator[Handoff]:
    nodes = sorted(_own_nodes(fn.body), key=_pos)
    buffers = {name for n in nodes for name in _buffer_builds(n, makers)} | known.fields.get(fn.lineno, frozenset())
    buffers |= {name for n in nodes if (name := _written_as_buffer(n))}
    # numpy arrays, whose basic slices are views of them (a slice of a list or bytearray is a copy)
    arrays = {name for n in nodes for name in _array_builds(n, array_makers)} | known.arrays.get(fn.lineno, frozenset())
    # `out = self._scratch`: the same buffer, reported as the field it is
    aliases = {n.targets[0].id: _name(n.value) for n in nodes if isinstance(n, ast.Assign) and len(n.targets) == 1
               and isinstance(n.targets[0], ast.Name) and isinstance(n.value, (ast.Name, ast.Attribute))
               and _name(n.value) in buffers}
    # `view = memoryview(self._buf)`: the same memory, and its slices are views of it too
    views = {n.targets[0].id: src for n in nodes if isinstance(n, ast.Assign) and len(n.targets) == 1
             and isinstance(n.targets[0], ast.Name) and _memoryview(n.value)
             and (src := _viewed(n.value)) in buffers}
    buffers |= set(aliases) | set(views)
    arrays |= {a for a, f in aliases.items() if f in arrays} | set(views)
    aliases.update(views)
    loops = [n for n in nodes if isinstance(n, (ast.For, ast.AsyncFor, ast.While))]
    # lists (a field built as one, or a local): handed over as they are too, and emptied in place
    # afterwards (`pool.submit(send, self._batch)`, then `self._batch.clear()`): the job sends
    # an empty batch (tests/corpus/il602_batch_list_handed_to_job_then_cleared)
    lists = ({name for n in nodes for name in _list_builds(n)} | known.lists.get(fn.lineno, frozenset())) - buffers
    done: set[str] = set()
    for put in nodes:
        for name, declared in _handed_off(put, known, typed, arrays):
            # `pool.map(job, items)` takes the items out before it returns (an executor's map submits
            # every one, a Pool's map waits for them): the job gets elements, not the list
            listed = name in lists and not declared and not (
                isinstance(put, ast.Call) and isinstance(put.func, ast.Attribute) and put.func.attr in EAGER_MAPS)
            if name in done or not (declared or name in buffers or listed):
                continue
            rebinds = [n for n in nodes if name in _rebinds(n) and not _same_object(n, nodes)]
            given = _started(put, nodes)
            later = next((m for m in nodes if (_emptied(m) if listed else _in_place(m, fillers)) == name
                          and _follows(given, m, rebinds, loops)
                          and not _waits_between(given, m, nodes, loops)), None)
            if later is not None:
                done.add(name)
                field = aliases.get(name)
                yield Handoff(fn, field if field and field.startswith("self.") else name, put, later)


def _list_builds(node: ast.AST) -> Iterator[str]:
    """Locals bound to a new list: `batch = []`, `[x for ...]`, `list(...)`."""
    if not isinstance(node, (ast.Assign, ast.AnnAssign)) or node.value is None:
        return
    v = node.value
    if isinstance(v, (ast.List, ast.ListComp)) or isinstance(v, ast.Call) and isinstance(v.func, ast.Name) and v.func.id == "list":
        for t in (node.targets if isinstance(node, ast.Assign) else [node.target]):
            if isinstance(t, ast.Name):
                yield t.id


def _emptied(node: ast.AST) -> str | None:
    """The list a statement empties in place: `xs.clear()`, `del xs[:]`, `xs[:] = []`."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "clear" and not node.args:
        return _name(node.func.value)
    targets = node.targets if isinstance(node, (ast.Delete, ast.Assign)) else []
    if isinstance(node, ast.Assign) and not (isinstance(node.value, ast.List) and not node.value.elts):
        return None
    for t in targets:
        if isinstance(t, ast.Subscript) and isinstance(t.slice, ast.Slice) and t.slice.lower is None \
                and t.slice.upper is None and t.slice.step is None:
            return _name(t.value)
    return None


def _same_object(node: ast.AST, nodes: list[ast.AST]) -> bool:
    """`out = self._scratch`: the name is bound again, but to the object a field of the object
    holds, which the function never rebinds: the same buffer each time round the loop, no fresh
    one (tests/corpus/il602_scratch_field_through_local)."""
    if not isinstance(node, ast.Assign) or len(node.targets) != 1 or not isinstance(node.value, ast.Attribute):
        return False
    field = _name(node.value)
    if not field or not field.startswith("self.") or field.count(".") != 1:
        return False
    return not any(isinstance(n, (ast.Assign, ast.AugAssign, ast.AnnAssign)) and field in _rebinds(n) for n in nodes)


def _pos(n: ast.AST) -> tuple[int, int]:
    return n.lineno, n.col_offset


def _numpy_names(tree: ast.Module) -> set[str]:
    out = set()
    for n in ast.walk(tree):
        if isinstance(n, ast.Import):
            out.update(a.asname or a.name for a in n.names if a.name == "numpy")
    return out


def _array_builds(node: ast.AST, makers: set[str]) -> Iterator[str]:
    """Names bound to a new numpy array: `np.zeros(n)`, `np.frombuffer(b).astype(t)`, a call of
    this module's function annotated to return one (`makers`: also numpy's names)."""
    if not isinstance(node, (ast.Assign, ast.AnnAssign)) or not isinstance(node.value, ast.Call):
        return
    f = node.value.func
    root = f
    while isinstance(root, (ast.Attribute, ast.Call)):
        root = root.value if isinstance(root, ast.Attribute) else root.func
    if isinstance(f, ast.Attribute) and f.attr in ("tolist", "tobytes", "item"):
        return
    if (isinstance(f, ast.Name) and f.id in makers or isinstance(root, ast.Name) and root.id in makers
            or isinstance(f, ast.Attribute) and (f.attr in ("astype", "flatten") or _name(f.value) == "self" and f.attr in makers)):
        for t in (node.targets if isinstance(node, ast.Assign) else [node.target]):
            if isinstance(t, ast.Name):
                yield t.id


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


def _handed_off(node: ast.AST, known: Known, typed: Mapping[int, frozenset[str]],
                arrays: set[str] = frozenset()) -> Iterator[tuple[str, bool]]:
    """(buffer, whether the receiving parameter is annotated as a buffer) for each buffer `node`
    hands to another context: `q.put(buf)` on a queue, or an argument of a spawning call
    (`arrays`: the numpy arrays, handed over as well by a slice of them)."""
    if not isinstance(node, ast.Call):
        return
    spawned = known.spawns.get(node.lineno)
    if spawned is not None:
        for arg, param in _job_arguments(node, spawned):
            if (name := _viewed(arg, arrays)) is not None:
                yield name, param in typed.get(spawned.job_line, ())
        return
    if not (isinstance(node.func, ast.Attribute) and node.func.attr in PUTS and node.args
            and _viewed(node.args[0], arrays)):
        return
    recv = node.func.value
    named = recv.attr if isinstance(recv, ast.Attribute) else recv.id if isinstance(recv, ast.Name) else ""
    if node.lineno in known.queues or QUEUE_NAME.search(named):
        yield _viewed(node.args[0], arrays), False


def _job_arguments(call: ast.Call, spawned: Spawned) -> Iterator[tuple[ast.AST, str | None]]:
    """(argument, the job's parameter it binds) of a spawning call: what follows the target in
    `submit(job, a, b)`/`call_soon_threadsafe(cb, a)`, the `args=(a,)` of `Thread(target=job, ...)`,
    the arguments of the coroutine call in `create_task(job(a))`."""
    texts = [ast.unparse(a) for a in call.args]
    if spawned.target in texts:
        rest = call.args[texts.index(spawned.target) + 1:]
        yield from zip(rest, (*spawned.params, *[None] * len(rest)))
    for a in call.args:
        if isinstance(a, ast.Call) and ast.unparse(a.func) == spawned.target:
            yield from _bound(a.args, a.keywords, spawned.params)
    for k in call.keywords:
        if k.arg == "args" and isinstance(k.value, (ast.Tuple, ast.List)):
            yield from _bound(k.value.elts, [], spawned.params)
        elif k.arg == "kwargs" and isinstance(k.value, ast.Dict):
            yield from ((v, getattr(key, "value", None)) for key, v in zip(k.value.keys, k.value.values))
        elif k.arg is not None and k.arg not in _SPAWN_OPTIONS:
            yield k.value, k.arg


def _bound(args: list[ast.AST], keywords: list[ast.keyword], params: tuple[str, ...]):
    yield from zip(args, (*params, *[None] * len(args)))
    yield from ((k.value, k.arg) for k in keywords)


def _started(put: ast.Call, nodes: list[ast.AST]) -> ast.AST:
    """Where the job really gets the buffer: `t = Thread(target=job, args=(buf,))` hands it over
    at `t.start()`."""
    bound = next((n.targets[0].id for n in nodes if isinstance(n, ast.Assign) and n.value is put
                  and len(n.targets) == 1 and isinstance(n.targets[0], ast.Name)), None)
    if bound is None:
        return put
    return next((n for n in nodes if _pos(n) > _pos(put) and isinstance(n, ast.Call)
                 and isinstance(n.func, ast.Attribute) and n.func.attr == "start"
                 and _name(n.func.value) == bound), put)


def _waits_between(put: ast.AST, mutation: ast.AST, nodes: list[ast.AST], loops: list[ast.AST]) -> bool:
    """The function waits for the other side between the hand-off and the write (`fut.result()`,
    `t.join()`, `q.join()`), or the hand-off itself is awaited or waited on: `await
    asyncio.to_thread(job, buf)`, `pool.submit(job, buf).result()`."""
    if any(isinstance(n, ast.Await) and n.value is put or _waits(n) and getattr(n.func, "value", None) is put
           for n in nodes):
        return True
    if _pos(mutation) > _pos(put):
        return any(_pos(put) < _pos(n) < _pos(mutation) and _waits(n) for n in nodes)
    around = [lp for lp in loops if _inside(put, lp) and _inside(mutation, lp)]
    return any(_waits(n) and _inside(n, lp) and not _pos(mutation) <= _pos(n) <= _pos(put)
               for lp in around for n in nodes)


def _waits(n: ast.AST) -> bool:
    f = n.func if isinstance(n, ast.Call) else None
    return isinstance(f, ast.Attribute) and f.attr in WAITS or isinstance(f, ast.Name) and f.id in WAITS


def _viewed(e: ast.AST, arrays: set[str] = frozenset()) -> str | None:
    """The local (or `self.x` field) whose memory `e` is: `buf`, `memoryview(buf)`,
    `memoryview(buf)[:n]` (a slice of a memoryview is a view too; a slice of the bytearray
    itself is a copy), a basic slice of a numpy array (`self._scratch[:n]`, one of `arrays`;
    tests/corpus/il602_array_slice_queued_after_out_write)."""
    if isinstance(e, (ast.Name, ast.Attribute)):
        return _name(e)
    if isinstance(e, ast.Subscript) and _basic_slice(e.slice) and (name := _name(e.value)) in arrays:
        return name
    if isinstance(e, ast.Subscript) and isinstance(e.value, ast.Call):
        e = e.value
    if isinstance(e, ast.Call) and isinstance(e.func, ast.Name) and e.func.id == "memoryview" and len(e.args) == 1:
        return _viewed(e.args[0])
    return None


def _memoryview(e: ast.AST) -> bool:
    return isinstance(e, ast.Call) and isinstance(e.func, ast.Name) and e.func.id == "memoryview" and len(e.args) == 1


def _in_place(node: ast.AST, fillers: Mapping[str, int] = {}) -> str | None:
    """The local (or `self.x` field) a statement or call changes in place, if any (`fillers`: the
    module's functions that write their argument at that position in place)."""
    if isinstance(node, ast.AugAssign):
        t = node.target
        return _name(t.value) if isinstance(t, ast.Subscript) else _name(t)
    if isinstance(node, (ast.Assign, ast.Delete)):
        subs = [_name(t.value) for t in node.targets if isinstance(t, ast.Subscript)]
        return next(filter(None, subs), None)
    if isinstance(node, ast.Call):
        f = node.func
        if isinstance(f, ast.Attribute) and f.attr in IN_PLACE_METHODS:
            return _name(f.value)
        at = fillers.get(f.id) if isinstance(f, ast.Name) else None
        if at is not None and len(node.args) > at and not any(isinstance(a, ast.Starred) for a in node.args[:at + 1]):
            return _viewed(node.args[at])
        return _written_as_buffer(node)
    return None


def _written_as_buffer(node: ast.AST) -> str | None:
    """The local a call writes as a buffer, which only a buffer can be: `out=buf`,
    `np.copyto(buf, ...)`, `sock.recv_into(buf)` (the next read lands in `buf`)."""
    if not isinstance(node, ast.Call):
        return None
    f = node.func
    if isinstance(f, ast.Attribute) and f.attr in INTO_METHODS and node.args:
        into = node.args[0]
        if isinstance(into, ast.Subscript) and _basic_slice(into.slice):
            return _name(into.value)     # `recv_into(view[got:])`: only a view's slice makes sense there
        return _viewed(into)
    out = next((k.value for k in node.keywords if k.arg == "out"), None)
    if out is None and isinstance(f, ast.Attribute) and f.attr == "copyto" and node.args:
        out = node.args[0]
    if isinstance(out, ast.Subscript) and _basic_slice(out.slice):
        out = out.value             # `out=buf[:n]`: a destination is an array, its slice a view of it
    return _name(out) if out is not None else None


def _basic_slice(index: ast.AST) -> bool:
    """numpy basic slicing, which makes a view: `[a:b]`, `[:, 0]`, `[..., :n]` (an integer
    alone picks an element; a list or an array of indices copies)."""
    parts = index.elts if isinstance(index, ast.Tuple) else [index]
    return any(isinstance(p, ast.Slice) for p in parts) and all(
        isinstance(p, ast.Slice) or isinstance(p, ast.Constant) and (p.value is None or p.value is Ellipsis
                                                                    or isinstance(p.value, int))
        for p in parts)


def _follows(put: ast.AST, mutation: ast.AST, rebinds: list[ast.AST], loops: list[ast.AST]) -> bool:
    """The write may run after the hand-off with the same object: later in the function with no
    rebinding in between, or earlier in a loop around both that never rebinds the name."""
    if _pos(mutation) > _pos(put):
        return not any(_pos(put) < _pos(r) < _pos(mutation) for r in rebinds)
    return any(_inside(put, lp) and _inside(mutation, lp) and not any(_inside(r, lp) for r in rebinds)
               for lp in loops)


def _inside(node: ast.AST, loop: ast.AST) -> bool:
    return loop.lineno <= node.lineno <= (loop.end_lineno or loop.lineno)
