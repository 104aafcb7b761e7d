"""Fields a constructor binds after it started the object's own thread.

    def __init__(self, interval):
        self._thread = threading.Thread(target=self._run)
        self._thread.start()            # `_run` runs from here on ...
        self.interval = interval        # ... and may read `interval` before it exists

A constructor's writes are safe publication only up to the start of a thread that runs a method
of the object: what it binds after `start()` races the thread's reads of it (AttributeError, or
the old value). Reported as IL101 on the constructor's write, with the thread's read as the other
side (tests/corpus/il101_thread_started_before_fields_set). The constructing code is not a
context of its own: the write's side is named `constructor:<Class>`.
"""
from __future__ import annotations

from typing import Iterator

from interlock.checker.analysis import Access, ConcurrencyIndex, Reach
from interlock.checker.rules._shared_state import Candidate
from interlock.models.program import Context, ContextKind, EventKind, FunctionInfo, short_symbol


_USES = frozenset({EventKind.READ, EventKind.ITERATE, EventKind.MUTATE})


def late_fields(idx: ConcurrencyIndex) -> Iterator[Candidate]:
    """IL101 candidates: a constructor's first binding of a field, after it started a thread on
    one of the object's methods that reads the field."""
    model = idx.model
    for q, info in model.classes.items():
        init = model.functions.get(info.methods.get("__init__", ""))
        if init is None or init.cls != q:
            continue
        started = _started_entry(model, init)
        if started is None:
            continue
        entry, at = started
        events = list(init.events())
        before = {e.target for e in events[:at] if e.kind is EventKind.WRITE}
        reads = _thread_reads(idx, entry, q)
        done: set[str] = set()
        for ev in events[at + 1:]:
            target = ev.target or ""
            if ev.kind is not EventKind.WRITE or target in before or target in done or target not in reads:
                continue
            done.add(target)
            attr = target.partition(".")[2]
            owner = (model.resolve(q, target) or (q, attr))[0]
            ctor = Context(name=f"constructor:{info.name}", kind=ContextKind.PUBLIC, entries=(init.qualname,),
                           origin=init.loc, detail=f"the code that builds a {info.name}")
            site = Access(Reach(ctor, init, q, ev, frozenset(), ()), owner, attr, short_symbol(owner, attr),
                          EventKind.WRITE)
            yield Candidate(code="IL101", key=(owner, attr), site=site, others=[reads[target]], detail={"late": True})


def _started_entry(model, init: FunctionInfo) -> tuple[str, int] | None:
    """(the method a thread runs, the index of the event that starts it) for the first thread the
    constructor builds on a method of the object and starts itself (`.start()`), or the object's
    own `run` when it is a Thread that starts itself (`self.start()`)."""
    events = list(init.events())
    entry = None
    info = model.classes.get(init.cls or "")
    run = info.methods.get("run") if info is not None and any(
        model.classes[a].is_thread for a in info.ancestors if a in model.classes) else None
    for i, ev in enumerate(events):
        if run in model.functions and ev.kind is EventKind.CALL and ev.callee == "self.start":
            return run, i
        spawn = ev.spawn if ev.kind is EventKind.SPAWN else None
        if entry is None and spawn is not None and spawn.kind is ContextKind.THREAD \
                and spawn.target.startswith("self.") and spawn.resolved in model.functions:
            entry = spawn.resolved
        elif entry is not None and ev.kind is EventKind.CALL and (ev.callee or "").endswith(".start"):
            return entry, i
    return None


def _thread_reads(idx: ConcurrencyIndex, entry: str, cls: str) -> dict[str, Access]:
    """`self.<field>` -> the first use of it (a read, a walk, a change in place) by the thread
    context that runs `entry` on `cls`."""
    out: dict[str, Access] = {}
    for r in idx.reaches:
        if r.context.kind is not ContextKind.THREAD or entry not in r.context.entries or r.cls != cls:
            continue
        target = r.event.target or ""
        if r.event.kind in _USES and target.startswith("self.") and target.count(".") == 1 \
                and all((c.callee or "").startswith("self.") for c in r.chain) and target not in out:
            attr = target.partition(".")[2]
            owner = (idx.model.resolve(cls, target) or (cls, attr))[0]
            out[target] = Access(r, owner, attr, short_symbol(owner, attr), r.event.kind)
    return out
