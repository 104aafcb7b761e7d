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
samples. One finding per array and modifying function.

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
One level of local aliasing in the same function; views returned by a method, stored in
another attribute or passed to a function are not followed. Only attributes the extractor knows
to be numpy arrays are checked.
"""
from __future__ import annotations

from typing import Iterator

from interlock.checker.context import RuleContext
from interlock.checker.registry import RuleInfo
from interlock.checker.rules import _report as rp
from interlock.checker.rules._shared_state import analyse
from interlock.models.finding import Finding
from interlock.models.program import ProgramModel

RULE = RuleInfo(
    code="IL602", name="shared-buffer-in-place", severity="medium", dimension="Audio Processing",
    summary="In-place modification of a buffer (or a view of it) that another context still reads.",
    fix="Compute into a new array and publish it under the readers' lock, or double-buffer.",
)


def check(model: ProgramModel, ctx: RuleContext) -> Iterator[Finding]:
    for cand in analyse(ctx).by_code.get(RULE.code, []):
        yield _finding(ctx, cand)


def _finding(ctx: RuleContext, cand) -> Finding:
    site, other = cand.site, rp.first_other(cand)
    sn, on = rp.names(site, other)
    sym, alias = site.symbol, cand.detail.get("alias")
    what = f"`{alias}`, a view of `{sym}`," if alias else f"`{sym}`"
    op = site.event.op or "in-place write"
    message = (f"`{sn}` modifies {what} in place (`{op}`) in `{rp.fn(site)}` while "
               f"`{on}` reads `{sym}` in `{rp.fn(other)}`, with no lock in common")
    trace = []
    if alias:
        trace.append(rp.step(site, f"`{rp.fn(site)}` takes `{alias}` as a view of `{sym}` (no copy)",
                             event=cand.detail["alias_event"], name=sn))
    trace += [rp.step(site, f"`{rp.fn(site)}` writes {what} in place (`{op}`) {rp.holding(site.locks)}", name=sn),
              rp.step(other, f"`{rp.fn(other)}` reads `{sym}` {rp.holding(other.locks)} and sees partly modified samples", name=on)]
    start = cand.detail["alias_event"].loc.line if alias else None
    loc = rp.location(site)
    if start and start < loc.line:
        loc = loc.model_copy(update={"line": start})
    return rp.build(
        RULE, ctx, cand, loc=loc, title=f"In-place write to shared buffer `{sym}`", message=message, trace=trace,
        trigger=f"`{on}` reads `{sym}` in `{rp.fn(other)}` while `{rp.fn(site)}` is modifying it.",
        impact=f"`{rp.fn(other)}` gets a buffer that mixes old and new samples of `{sym}` (clicks, gain jumps).",
        fix=(f"In `{rp.fn(site)}`, compute into a new array (`{alias or 'x'} = ... * g` or `.copy()`) and publish "
             f"it to `{sym}` under the lock `{rp.fn(other)}` takes, or double-buffer and swap the reference."),
        symbols=[sym])
