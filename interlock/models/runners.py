"""Coroutines a function hands to a loop runner: `asyncio.run(main())`,
`loop.run_until_complete(self._serve())`.

The runner runs the coroutine to its end on the loop; calling the `async def` only built the
coroutine object. Its body is the runner's main context (extractor/entrypoints.py, `main:...`),
not a call the calling function makes in its own contexts: a public `run()` that does this and
that `main:` context are one run, not two (tests/corpus/il202_loop_runner_coroutine).
"""
from __future__ import annotations

from typing import Callable, Iterator, Sequence

from interlock.models.program import Event, EventKind, FunctionInfo

LOOP_RUNNERS = ("asyncio.run", "asyncio.runners.run", ".run_until_complete")


def runner_coroutines(events: Sequence[Event], is_coroutine: Callable[[str | None], bool]) -> Iterator[tuple[Event, Event]]:
    """(runner call, the call that built the coroutine it runs) in a function's `events`;
    `is_coroutine(qualname)` tells an `async def` of the program."""
    for i, ev in enumerate(events):
        callee = ev.callee or ""
        if ev.kind is not EventKind.CALL or not ev.args or not (
                callee in LOOP_RUNNERS[:2] or callee.endswith(LOOP_RUNNERS[2])):
            continue
        name = ev.args[0].partition("(")[0].strip()
        inner = next((e for e in reversed(events[:i]) if e.kind is EventKind.CALL and e.callee == name
                      and is_coroutine(e.resolved)), None)
        if inner is not None:
            yield ev, inner


_HANDED: dict[int, tuple[FunctionInfo, frozenset[int]]] = {}


def handed_to_runner(functions: dict[str, FunctionInfo], fn: FunctionInfo) -> frozenset[int]:
    """ids of the calls of `fn` that only build a coroutine a loop runner of `fn` runs (cached)."""
    hit = _HANDED.get(id(fn))
    if hit is not None and hit[0] is fn:
        return hit[1]
    if fn.is_async:
        ids: frozenset[int] = frozenset()
    else:
        ids = frozenset(id(inner) for _, inner in runner_coroutines(
            list(fn.events()), lambda q: q in functions and functions[q].is_async))
    if len(_HANDED) > 100_000:
        _HANDED.clear()
    _HANDED[id(fn)] = (fn, ids)
    return ids
