"""IL602 shared-buffer-in-place: in-place modification of an array (or a view of it) that another
concurrent context reads, with no lock in common: a missing copy.

What it finds
-------------
`*=`/`+=`/... on a numpy array attribute, `np.copyto(buf, ...)`, `out=buf`, slice assignment
`buf[a:b] = ...`, where `buf` is the shared array itself or a local view of it (`buf =
self._buffer[a:b]`, `.reshape`, `.view`, `.T`, `np.asarray`; numpy basic slicing never copies),
while another concurrent context reads the array with no lock in common. A read that takes a
view under the lock and uses it after the lock is released (`with lock: block = self._wave[a:b]`,
then `mix(block)`), or returns it, counts as unlocked: the lock guarded the slicing, not the
samples. So does a getter that returns a slice straight from under the lock (`with lock:
return self._ring[a:b]`) or stores one in another attribute; an element (`self._ring[i]`), a
`.copy()` and fancy indexing (`self._ring[[0, 2]]`) are copies, and so is any slice of a list. One finding per array and modifying function. The
reader may be another run of the writing function itself: pool jobs that all write one scratch
array with `out=self._tmp` and read it back overwrite each other's results. A buffer (`bytearray`,
numpy array, local or `self.x` field) put on a queue, or passed as an argument to code that runs in
another context (`pool.submit(job, buf)`, `Thread(target=job, args=(buf,))`,
`loop.call_soon_threadsafe(cb, memoryview(buf)[:n])`), is handed over as it is, not copied: an
in-place write to it after the hand-off (later in the function, or at the top of the next turn of
a loop that reuses it) changes what the other side reads, unless the function waits for it first
(`fut.result()`, `t.join()`, an awaited `to_thread`). The other side of a queue is the code that
takes from it, also with `await asyncio.to_thread(q.get)`. A basic slice of a numpy array handed over
(`q.put(self._scratch[:n])`) is the array too; a slice of a bytearray or a list is a copy.
`sock.recv_into(buf)`/`f.readinto(buf)` and `out=buf` (also `out=buf[:n]`, a view: a numpy ufunc
writes its result there) count as in-place writes. A list (a field built as one, or a local)
handed over the same way and then emptied in place (`xs.clear()`, `del xs[:]`, `xs[:] = []`)
is reported too: the job gets the emptied list (`pool.map(job, xs)` takes the elements first).

Why it matters
--------------
The reader (the audio callback, the streaming endpoint, the visualiser) gets samples half
scaled: a click, a gain jump or a chunk that mixes two versions. Slicing looks like a copy and
is not, so the code reads as if it worked on private data.

Example
-------
    def _apply_gain(self, gain):              # processing thread
        chunk = self._buffer[self._pos:self._pos + 1024]
        chunk *= gain                         # writes into self._buffer

    def read_chunk(self):                     # audio callback
        return self._buffer[self._pos:self._pos + 1024].copy()

    # fixed: work on a copy and publish it under the lock
    def _apply_gain(self, gain):
        chunk = self._buffer[self._pos:self._pos + 1024] * gain
        with self._lock:
            self._buffer[self._pos:self._pos + 1024] = chunk

Fix
---
Compute into a new array (`x * g`, `x.copy()`) and publish it under the lock the readers take,
or double-buffer: fill a private array and swap the reference under the lock.

Known limits
------------
One level of local aliasing in the same function; a view returned or stored is followed only
from the statement that slices it under the lock, and one passed to a function is not followed. Only attributes the extractor knows
to be numpy arrays are checked.
"""
from __future__ import annotations

import re

import ast
from dataclasses import dataclass
from typing import Iterator

from interlock.checker.analysis import Reach, index
from interlock.checker.callgraph import short_name, step, used_attribute, where
from interlock.checker.context import RuleContext, source_tree
from interlock.checker.registry import RuleInfo
from interlock.checker.rules import _report as rp
from interlock.checker.rules._handoff import QUEUE_NAME, Handoff, Known, Spawned, buffer_hint, find_handoffs
from interlock.checker.rules._shared_state import analyse
from interlock.models.finding import Finding
from interlock.models.location import Location
from interlock.models.program import AttrKind, EventKind, FunctionInfo, ProgramModel, Spawn

RULE = RuleInfo(
    code="IL602", name="shared-buffer-in-place", severity="medium", dimension="Audio Processing",
    summary="In-place modification of a buffer (or a view of it) that another context still reads.",
    fix="Compute into a new array and publish it under the readers' lock, or double-buffer.",
)


def check(model: ProgramModel, ctx: RuleContext) -> Iterator[Finding]:
    for cand in analyse(ctx).by_code.get(RULE.code, []):
        yield _finding(ctx, cand)
    yield from _handoffs(model, ctx)


#: what a buffer the hand-off search follows is built, typed or written through (rules/_handoff.py):
#: `bytearray(n)`, numpy, an ndarray annotation, `x.astype/.copy()/.flatten()`, `recv_into`/
#: `readinto`, `out=`, `np.copyto`, a memoryview
#: a list emptied in place (see _handoff._emptied)
_EMPTIES = re.compile(r"\.clear\(\)|\[:\]")
_BUFFER_WORDS = re.compile(r"bytearray|numpy|ndarray|NDArray|astype|\.copy\(|flatten|_into\(|readinto|\bout\s*=|copyto|memoryview")


def _handoffs(model: ProgramModel, ctx: RuleContext) -> Iterator[Finding]:
    """Buffers handed to another context (a queue, a job's arguments) and then changed in place."""
    consumers = None
    by_path: dict[str, list[FunctionInfo]] = {}          # model order within each file
    for fn in model.functions.values():
        by_path.setdefault(fn.path, []).append(fn)
    for module in sorted(model.modules.values(), key=lambda m: m.path):
        functions = {fn.loc.line: fn for fn in by_path.get(module.path, ())}
        spawns = _spawns(model, functions.values())
        text = "\n".join(ctx.lines(module.path, 1, 10**9)) if ctx.in_scope(module.path) else ""
        if ".put" not in text and not (text and spawns):
            continue                     # cheap pre-filter: parsing every file costs more than the rule
        fields = {line: _buffer_fields(model, fn.cls) for line, fn in functions.items() if fn.cls}
        arrays = {line: _buffer_fields(model, fn.cls, arrays=True) for line, fn in functions.items() if fn.cls}
        lists = {line: _list_fields(model, fn.cls) for line, fn in functions.items() if fn.cls}
        if not any(fields.values()) and not any(arrays.values()) and not _BUFFER_WORDS.search(text) \
                and not (spawns and _EMPTIES.search(text)):
            continue                     # no buffer field and no word that builds, types or fills one
        tree = source_tree(ctx.root / module.path)
        if tree is None:
            continue
        known = Known(_queue_puts(model, functions.values()), {line: s for line, (_, s) in spawns.items()},
                      fields, arrays, lists)
        for hit in find_handoffs(tree, known):
            fn = functions.get(hit.function.lineno)
            if fn is None:
                continue
            producers = sorted({r.context.name for r in index(ctx).reaches_in(fn.qualname)})
            if hit.put.lineno in spawns:
                receivers = _job_receivers(model, spawns[hit.put.lineno][0], hit.put.lineno)
            else:
                consumers = _queue_consumers(ctx) if consumers is None else consumers
                receivers = [_Receiver(c.context.name, c.function, c.event.loc, "takes it off the queue")
                             for c in consumers]
            receiver = next((r for r in receivers if r.context not in producers), None)
            if receiver is not None:
                yield _handoff_finding(ctx, fn, hit, producers, receiver)


@dataclass(frozen=True)
class _Receiver:
    """The other side of a hand-off: its context, and where it gets the buffer."""
    context: str
    function: FunctionInfo
    loc: Location
    action: str


def _spawns(model: ProgramModel, functions) -> dict[int, tuple[Spawn, Spawned]]:
    """Lines of calls that run a job in another context and may pass it data."""
    out = {}
    for fn in functions:
        for ev in fn.events():
            if ev.kind is EventKind.SPAWN and ev.spawn is not None and ev.args:
                job = model.functions.get(ev.spawn.resolved or "")
                params = job.params[1:] if job is not None and job.cls and not job.is_static else \
                    job.params if job is not None else ()
                line = job.loc.line if job is not None and job.path == fn.path else None
                out.setdefault(ev.loc.line, (ev.spawn, Spawned(ev.spawn.target, tuple(params), line)))
    return out


def _list_fields(model: ProgramModel, cls: str) -> frozenset[str]:
    """`self.x` fields of `cls` built as a list (`self._batch = []`)."""
    info = model.classes.get(cls)
    attrs = info.attributes.values() if info is not None else ()
    return frozenset(f"self.{a.name}" for a in attrs if a.kind is AttrKind.CONTAINER
                     and re.match(r"\s*(\[|list\()", a.value or ""))


def _buffer_fields(model: ProgramModel, cls: str, arrays: bool = False) -> frozenset[str]:
    """`self.x` fields of `cls` that hold a numpy array or a bytearray (`arrays`: a numpy array)."""
    info = model.classes.get(cls)
    attrs = info.attributes.values() if info is not None else ()
    hint = (lambda t: "ndarray" in t or "NDArray" in t) if arrays else buffer_hint
    return frozenset(f"self.{a.name}" for a in attrs if a.kind is AttrKind.ARRAY
                     or hint(f"{a.annotation or ''} {a.type_name or ''}"))


def _job_receivers(model: ProgramModel, spawn: Spawn, line: int) -> list[_Receiver]:
    """The contexts that run the job a spawning call starts, the one it starts first."""
    job = model.functions.get(spawn.resolved or "")
    hosts = sorted((c for c in model.contexts if job is not None and job.qualname in c.entries),
                   key=lambda c: (c.origin is None or c.origin.line != line, c.kind is not spawn.kind, c.name))
    return [_Receiver(c.name, job, job.loc, f"runs `{job.name}` with it") for c in hosts]


def _queue_puts(model: ProgramModel, functions) -> frozenset[int]:
    """Lines of `.put` calls the model knows go to a queue (annotated parameter, queue attribute)."""
    return frozenset(e.loc.line for fn in functions for e in fn.events() if _on_queue(model, fn, e, ("put", "put_nowait")))


def _on_queue(model: ProgramModel, fn: FunctionInfo, ev, methods: tuple[str, ...]) -> bool:
    if ev.kind is EventKind.SPAWN:      # `await asyncio.to_thread(q.get)`: the spawner gets the item
        return ev.op == "queue_get" and "get" in methods
    if ev.kind not in (EventKind.CALL, EventKind.BLOCKING) or not ev.callee:
        return False
    recv, _, method = ev.callee.rpartition(".")
    if method not in methods:
        return False
    if ev.op == "queue_get" or QUEUE_NAME.search(recv.rsplit(".", 1)[-1]):
        return True
    res = used_attribute(model, fn.cls, ev, fn.module)
    info = model.attribute(*res) if res else None
    return info is not None and info.kind is AttrKind.QUEUE


def _queue_consumers(ctx: RuleContext) -> list[Reach]:
    """Reaches of a queue `get` (sorted by context name): the threads a put buffer goes to."""
    hits = [r for r in index(ctx).reaches if _on_queue(ctx.model, r.function, r.event, ("get", "get_nowait"))]
    return sorted(hits, key=lambda r: (r.context.name, r.event.loc.line))


def _handoff_finding(ctx: RuleContext, fn: FunctionInfo, hit: Handoff, producers: list[str], consumer: _Receiver) -> Finding:
    path, name, mut = fn.path, hit.name, hit.mutation
    field = name.removeprefix("self.")
    symbol = ".".join(filter(None, (short_name(fn.cls), field)) if field != name else
                      filter(None, (short_name(fn.cls), fn.name, name)))
    producer = producers[0] if producers else f"the caller of {fn.name}"
    cname, put_src, mut_src = consumer.context, ast.unparse(hit.put), ast.unparse(mut).splitlines()[0]
    mut_at, put_at = _loc(path, mut), _loc(path, hit.put)
    related = (where(fn, put_at, f"`{name}` handed to `{cname}` here (the object, not a copy)"),
               where(consumer.function, consumer.loc, f"`{cname}` {consumer.action} here"))
    return Finding(
        code=RULE.code, rule=RULE.name, severity=RULE.severity, dimension=ctx.dimension(RULE.dimension),
        title=f"In-place write to `{name}` after handing it to another context", location=where(fn, mut_at),
        related=related, symbols=(symbol,), contexts=tuple(dict.fromkeys((producer, cname))),
        message=(f"`{fn.name}` hands `{name}` to `{cname}` (`{put_src}`, line {put_at.line}) and then modifies it "
                 f"in place (`{mut_src}`) while `{cname}` may still be reading it"),
        trace=(step(producer, put_at, f"`{fn.name}` hands `{name}` over (`{put_src}`)"),
               step(producer, mut_at, f"`{fn.name}` modifies `{name}` in place (`{mut_src}`)"),
               step(cname, consumer.loc, f"`{consumer.function.name}` gets `{name}` and reads what is in it now")),
        trigger=f"`{cname}` has not processed `{name}` yet when `{fn.name}` runs `{mut_src}`.",
        evidence=f"{path}:\n" + ctx.snippet(path, min(put_at.line, mut_at.line), max(put_at.line, mut_at.end_line)),
        impact=f"`{cname}` gets `{name}` with the next contents (half overwritten, scaled twice, or a later record).",
        fix=f"Hand over a copy of `{name}` (`bytes({name})`, `{name}.copy()`), build a new `{name}` for each item "
            f"instead of reusing one, or wait for `{cname}` to be done with it before changing it.")


def _loc(path: str, node: ast.AST) -> Location:
    return Location(path=path, line=node.lineno, column=node.col_offset, end_line=node.end_lineno or node.lineno,
                    end_column=node.end_col_offset or 0)


def _finding(ctx: RuleContext, cand) -> Finding:
    site, other = cand.site, rp.first_other(cand)
    sn, on = rp.names(site, other)
    sym, alias = site.symbol, cand.detail.get("alias")
    what = f"`{alias}`, a view of `{sym}`," if alias else f"`{sym}`"
    op = site.event.op or "in-place write"
    escaped = id(other) in cand.detail.get("escaped", ())
    lock_note = ("; the lock there guards taking the view, not the samples read after it is released"
                 if escaped else ", with no lock in common")
    message = (f"`{sn}` modifies {what} in place (`{op}`) in `{rp.fn(site)}` while "
               f"`{on}` reads `{sym}` in `{rp.fn(other)}`" + lock_note)
    trace = []
    if alias:
        trace.append(rp.step(site, f"`{rp.fn(site)}` takes `{alias}` as a view of `{sym}` (no copy)",
                             event=cand.detail["alias_event"], name=sn))
    trace += [rp.step(site, f"`{rp.fn(site)}` writes {what} in place (`{op}`) {rp.holding(site.locks)}", name=sn),
              rp.step(other, f"`{rp.fn(other)}` reads `{sym}` {rp.holding(other.locks)}"
                             + (" as a view that outlives the lock" if escaped else "")
                             + " and sees partly modified samples", name=on)]
    copy_first = f"In `{rp.fn(other)}`, copy the view while the lock is held (`.copy()`). " if escaped else ""
    start = cand.detail["alias_event"].loc.line if alias else None
    loc = rp.location(site)
    if start and start < loc.line:
        loc = loc.model_copy(update={"line": start})
    return rp.build(
        RULE, ctx, cand, loc=loc, title=f"In-place write to shared buffer `{sym}`", message=message, trace=trace,
        trigger=f"`{on}` reads `{sym}` in `{rp.fn(other)}` while `{rp.fn(site)}` is modifying it.",
        impact=f"`{rp.fn(other)}` gets a buffer that mixes old and new samples of `{sym}` (clicks, gain jumps).",
        fix=copy_first + (f"In `{rp.fn(site)}`, compute into a new array (`{alias or 'x'} = ... * g` or `.copy()`) "
                          f"and publish it to `{sym}` under the lock `{rp.fn(other)}` takes, or double-buffer and "
                          f"swap the reference."),
        symbols=[sym])
