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
`.copy()` and fancy indexing (`self._ring[[0, 2]]`) are copies, and so is any slice of a list. One finding per array and modifying function. A local buffer (`bytearray`, numpy
array) put on a queue is handed over as it is, not copied: an in-place write to it after the
`put` (later in the function, or at the top of the next turn of a loop that reuses it) changes
what the consumer thread takes off the queue; so does a `memoryview` of it put on the queue, and
`sock.recv_into(buf)`/`f.readinto(buf)` count as in-place writes.

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

import ast
from typing import Iterator

from interlock.checker.analysis import Reach, index
from interlock.checker.callgraph import short_name, step, used_attribute, where
from interlock.checker.context import RuleContext
from interlock.checker.registry import RuleInfo
from interlock.checker.rules import _report as rp
from interlock.checker.rules._handoff import QUEUE_NAME, Handoff, find_handoffs
from interlock.checker.rules._shared_state import analyse
from interlock.models.finding import Finding
from interlock.models.location import Location
from interlock.models.program import AttrKind, EventKind, FunctionInfo, ProgramModel

RULE = RuleInfo(
    code="IL602", name="shared-buffer-in-place", severity="medium", dimension="Audio Processing",
    summary="In-place modification of a buffer (or a view of it) that another context still reads.",
    fix="Compute into a new array and publish it under the readers' lock, or double-buffer.",
)


def check(model: ProgramModel, ctx: RuleContext) -> Iterator[Finding]:
    for cand in analyse(ctx).by_code.get(RULE.code, []):
        yield _finding(ctx, cand)
    yield from _handoffs(model, ctx)


def _handoffs(model: ProgramModel, ctx: RuleContext) -> Iterator[Finding]:
    """Buffers handed to another thread through a queue and then changed in place."""
    consumers = None
    for module in sorted(model.modules.values(), key=lambda m: m.path):
        text = "\n".join(ctx.lines(module.path, 1, 10**9)) if ctx.in_scope(module.path) else ""
        if ".put" not in text:
            continue                     # cheap pre-filter: parsing every file costs more than the rule
        try:
            tree = ast.parse(text)
        except (SyntaxError, ValueError):
            continue
        functions = {fn.loc.line: fn for fn in model.functions.values() if fn.path == module.path}
        for hit in find_handoffs(tree, _queue_puts(model, functions.values())):
            fn = functions.get(hit.function.lineno)
            consumers = _queue_consumers(ctx) if consumers is None else consumers
            producers = sorted({r.context.name for r in index(ctx).reaches_in(fn.qualname)}) if fn else []
            consumer = next((c for c in consumers if c.context.name not in producers), None)
            if fn is not None and consumer is not None:
                yield _handoff_finding(ctx, fn, hit, producers, consumer)


def _queue_puts(model: ProgramModel, functions) -> frozenset[int]:
    """Lines of `.put` calls the model knows go to a queue (annotated parameter, queue attribute)."""
    return frozenset(e.loc.line for fn in functions for e in fn.events() if _on_queue(model, fn, e, ("put", "put_nowait")))


def _on_queue(model: ProgramModel, fn: FunctionInfo, ev, methods: tuple[str, ...]) -> bool:
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


def _handoff_finding(ctx: RuleContext, fn: FunctionInfo, hit: Handoff, producers: list[str], consumer: Reach) -> Finding:
    path, name, mut = fn.path, hit.name, hit.mutation
    symbol = ".".join(filter(None, (short_name(fn.cls), fn.name, name)))
    producer = producers[0] if producers else f"the caller of {fn.name}"
    cname, put_src, mut_src = consumer.context.name, ast.unparse(hit.put), ast.unparse(mut).splitlines()[0]
    mut_at, put_at = _loc(path, mut), _loc(path, hit.put)
    related = (where(fn, put_at, f"`{name}` handed to `{cname}` here (the object, not a copy)"),
               where(consumer.function, consumer.event.loc, f"`{cname}` takes it off the queue here"))
    return Finding(
        code=RULE.code, rule=RULE.name, severity=RULE.severity, dimension=ctx.dimension(RULE.dimension),
        title=f"In-place write to `{name}` after handing it to another thread", location=where(fn, mut_at),
        related=related, symbols=(symbol,), contexts=tuple(dict.fromkeys((producer, cname))),
        message=(f"`{fn.name}` puts `{name}` on a queue (`{put_src}`, line {put_at.line}) and then modifies it in "
                 f"place (`{mut_src}`) while `{cname}` may still be reading it"),
        trace=(step(producer, put_at, f"`{fn.name}` puts `{name}` on the queue"),
               step(producer, mut_at, f"`{fn.name}` modifies `{name}` in place (`{mut_src}`)"),
               step(cname, consumer.event.loc, f"`{consumer.function.name}` gets `{name}` and reads what is in it now")),
        trigger=f"`{cname}` has not processed `{name}` yet when `{fn.name}` runs `{mut_src}`.",
        evidence=f"{path}:\n" + ctx.snippet(path, min(put_at.line, mut_at.line), max(put_at.line, mut_at.end_line)),
        impact=f"`{cname}` gets `{name}` with the next contents (half overwritten, scaled twice, or a later record).",
        fix=f"Put a copy of `{name}` on the queue (`bytes({name})`, `{name}.copy()`), or build a new `{name}` for "
            f"each item instead of reusing one.")


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
