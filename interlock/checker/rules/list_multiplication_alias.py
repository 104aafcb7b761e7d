"""IL601 list-multiplication-alias: `[mutable] * n` builds n references to ONE object; a later
per-slot mutation changes every slot.

What it finds
-------------
A list built by multiplying a one-element list whose element is mutable (`[[]] * n`,
`[{}] * n`, `[set()] * n`, `[[0] * w] * h`, `[np.zeros(k)] * n`, `[deque()] * n`) and assigned to
a name or attribute, followed in the same function (or, for `self.x`, anywhere in the class) by
a mutation through one slot: `x[i].append(...)`, `x[i][j] = ...`, `x[i] += ...`,
`x[i].update(...)`. Replacing a whole slot (`x[i] = []`) is fine and not reported.

Why it matters
--------------
All slots are the same list/dict/array: appending a sample to channel 0 appends it to every
channel, one per-client buffer receives every client's data, a per-band gain array scales all
bands. Shared by several threads, it also turns "one slot per thread" into one object for all.

Example
-------
    def split(self, frames, channels):
        out = [[]] * channels                # one list, `channels` times
        for i, frame in enumerate(frames):
            out[i % channels].append(frame)  # appends to every channel
        return out

    # fixed: one new list per slot
    def split(self, frames, channels):
        out = [[] for _ in range(channels)]
        for i, frame in enumerate(frames):
            out[i % channels].append(frame)
        return out

Fix
---
Build one object per slot with a comprehension (`[[] for _ in range(n)]`,
`[np.zeros(k) for _ in range(n)]`) or a 2-D array (`np.zeros((n, k))`).

Known limits
------------
Syntactic: the list must be built and mutated through the same name (or `self` attribute);
aliases, lists passed to other functions, and `n * [x]` built from a variable element whose
mutability is unknown are not followed.
"""
from __future__ import annotations

import ast
import re
from typing import Iterator

from interlock.checker.context import RuleContext
from interlock.checker.registry import RuleInfo
from interlock.checker.rules._multiply import Aliasing, find_aliasing
from interlock.models.finding import Finding, FindingLocation
from interlock.models.program import ProgramModel

_ELEMENT = r"(?:\[|\{|(?:set|list|dict|deque|defaultdict|OrderedDict|Counter|bytearray)\(|\w+\.\w+\()"
_CANDIDATE = re.compile(rf"\[\s*{_ELEMENT}[^\n]*\]\s*\*|\*\s*\[\s*{_ELEMENT}")

RULE = RuleInfo(
    code="IL601", name="list-multiplication-alias", severity="medium", dimension="Audio Processing",
    summary="`[mutable] * n` shares one object between all slots, then one slot is mutated.",
    fix="Build one object per slot: `[[] for _ in range(n)]`, or a 2-D numpy array.",
)


def check(model: ProgramModel, ctx: RuleContext) -> Iterator[Finding]:
    for module in sorted(model.modules.values(), key=lambda m: m.path):
        if not ctx.in_scope(module.path):
            continue
        text = "\n".join(ctx.lines(module.path, 1, 10**9))
        if not _CANDIDATE.search(text):
            continue                     # cheap pre-filter: parsing every file costs more than the rule
        try:
            tree = ast.parse(text)
        except (SyntaxError, ValueError):
            continue                     # the extractor already reported it as a diagnostic
        for hit in find_aliasing(tree):
            yield _finding(ctx, module.path, hit)


def _finding(ctx: RuleContext, path: str, hit: Aliasing) -> Finding:
    name, built = hit.name, hit.built_src
    mut_loc = FindingLocation(path=path, line=hit.line, end_line=hit.end_line, column=hit.column,
                              function=hit.function, **{"class": hit.cls})
    rel = FindingLocation(path=path, line=hit.built_line, end_line=hit.built_line, function=hit.built_function,
                          note=f"`{name}` built as `{built}`: every slot is the same object", **{"class": hit.cls})
    evidence = (f"{path}:\n" + ctx.snippet(path, hit.built_line) + "\n...\n" + ctx.snippet(path, hit.line, hit.end_line))
    return Finding(
        code=RULE.code, rule=RULE.name, severity=RULE.severity, dimension=ctx.dimension(RULE.dimension),
        title=f"`{name}` slots alias one object", location=mut_loc, related=(rel,),
        message=(f"`{name}` is built as `{built}` (line {hit.built_line}), so every slot is the same object, "
                 f"and `{hit.function or '<module>'}` mutates one slot with `{hit.mutation_src}`"),
        symbols=(hit.symbol,), trigger=f"Any call that reaches `{hit.mutation_src}` (line {hit.line}).",
        evidence=evidence,
        impact=f"The mutation through one slot of `{name}` shows up in all {hit.count_src} slots.",
        fix=f"Build `{name}` with one object per slot: `{hit.suggestion}`.")
