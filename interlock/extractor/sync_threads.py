"""Threads their starter waits for at once: a call run on another thread, not concurrent work.

    thread = threading.Thread(target=run_in_thread)
    thread.start()
    thread.join()                  # the starter does nothing else until the thread is done

Code does this to run something outside the current thread's event loop or signal handling
(prompt_toolkit's `Application.run(in_thread=True)`). The thread's work cannot overlap its
starter or anything the starter does next, so it is no context of its own: the SPAWN becomes a
CALL of the target with the job's arguments, made where the thread runs, and the join stays a
blocking wait (a lock held across it still stalls other contexts). Only the exact sequence
counts: construction, `.start()` and a `.join()` without a timeout, one after the other in one
block (tests/corpus/il101_thread_joined_at_once).
"""
from __future__ import annotations

from interlock.models.arguments import spawn_args
from interlock.models.program import Branch, ContextKind, Event, EventKind, Loop, Try


def inline_joined_threads(nodes) -> tuple:
    """`nodes` (a function or module body) with every thread joined at once turned into a call."""
    out = [_inner(n) for n in nodes]
    i = 0
    while i + 2 < len(out):
        call = _joined_at_once(out[i], out[i + 1], out[i + 2])
        if call is not None:
            out[i:i + 2] = [call]           # the spawn and `.start()` become the call; the join stays
        i += 1
    return tuple(out)


def _inner(node):
    if isinstance(node, Branch):
        return node.model_copy(update={"then": inline_joined_threads(node.then),
                                       "orelse": inline_joined_threads(node.orelse)})
    if isinstance(node, Loop):
        return node.model_copy(update={"body": inline_joined_threads(node.body),
                                       "orelse": inline_joined_threads(node.orelse)})
    if isinstance(node, Try):
        return node.model_copy(update={
            "body": inline_joined_threads(node.body),
            "handlers": tuple(h.model_copy(update={"body": inline_joined_threads(h.body)})
                              for h in node.handlers),
            "orelse": inline_joined_threads(node.orelse),
            "final": inline_joined_threads(node.final)})
    return node


def _joined_at_once(spawn, start, join) -> Event | None:
    if not all(isinstance(n, Event) for n in (spawn, start, join)):
        return None
    sp = spawn.spawn
    if spawn.kind is not EventKind.SPAWN or sp is None or sp.kind is not ContextKind.THREAD or sp.many \
            or sp.via != "threading.Thread" or not sp.resolved:
        return None
    var = (start.callee or "").removesuffix(".start")
    if start.kind is not EventKind.CALL or not var.isidentifier() or start.args \
            or join.kind is not EventKind.BLOCKING or join.op != "join" or join.target != var or join.args:
        return None
    args = spawn_args(spawn)
    if args is None:
        return None
    return Event(kind=EventKind.CALL, loc=start.loc, callee=sp.target, resolved=sp.resolved, args=args,
                 held=start.held, free=start.free, scopes=start.scopes, receiver=sp.receiver)
