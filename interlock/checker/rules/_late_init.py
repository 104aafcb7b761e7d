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

Any other method that starts such a thread (`start()` building `Heartbeat(self)` or a thread on
`self._run`, then `.start()`) and only then stores a field the thread reads, before joining it,
races the same way: the thread may run on the old value (tests/corpus/il101_field_set_after_worker_start).
Its side is named `caller:<Class>.<method>`: the program's main flow makes such a call as a set-up
step (extractor/setup_phase.py) and no context walks it. A write the generic rules already report
in that method, or one made under a lock the thread's read also holds, is left to them.
"""
from __future__ import annotations

from typing import Iterator

from interlock.checker.analysis import Access, ConcurrencyIndex, Reach
from interlock.checker.rules._shared_state import Candidate
from interlock.models.program import Context, ContextKind, EventKind, FunctionInfo, short_symbol


_USES = frozenset({EventKind.READ, EventKind.ITERATE, EventKind.MUTATE})


def late_fields(idx: ConcurrencyIndex) -> Iterator[Candidate]:
    """IL101 candidates: a constructor's first binding of a field, or another method's store of
    it, after it started a thread on the object that reads the field."""
    model = idx.model
    for q, info in model.classes.items():
        for name, fq in sorted(info.methods.items()):
            fn = model.functions.get(fq)
            if fn is None or fn.cls != q:
                continue
            ctor = name == "__init__"
            if not ctor and not any(e.kind is EventKind.WRITE for e in fn.events()):
                continue
            started = _started_entry(model, fn)
            if started is None:
                continue
            entry, at, held = started[:3]
            holder, runs_on = _holder(model, q, started[3])
            events = list(fn.events())
            before = {e.target for e in events[:at] if e.kind is EventKind.WRITE} if ctor else set()
            reads = _thread_reads(idx, entry, runs_on or q, held)
            done: set[str] = set()
            for ev in events[at + 1:]:
                if not ctor and ev.kind is EventKind.CALL and (ev.callee or "").endswith(".join"):
                    break                   # joined: what follows runs after the thread
                target = _as_thread_self(ev.target or "", holder)
                if ev.kind is not EventKind.WRITE or target in before or target in done or target not in reads:
                    continue
                locks = frozenset(idx.lock_symbol(q, fn, p) or f"?{p}" for p in ev.held)
                if locks & reads[target].locks:
                    continue
                done.add(target)
                attr = target.partition(".")[2]
                owner = (model.resolve(runs_on or q, target) or (runs_on or q, attr))[0]
                side = Context(name=f"constructor:{info.name}", kind=ContextKind.PUBLIC, entries=(fn.qualname,),
                               origin=fn.loc, detail=f"the code that builds a {info.name}") if ctor else \
                    Context(name=f"caller:{info.name}.{name}", kind=ContextKind.PUBLIC, entries=(fn.qualname,),
                            origin=fn.loc, detail=f"the code that calls {info.name}.{name}")
                site = Access(Reach(side, fn, q, ev, locks, ()), owner, attr, short_symbol(owner, attr),
                              EventKind.WRITE)
                yield Candidate(code="IL101", key=(owner, attr), site=site, others=[reads[target]],
                                detail={"late": True, "constructor": ctor})


def _started_entry(model, init: FunctionInfo, depth: int = 0) -> tuple[str, int, bool, str | None] | None:
    """(the method a thread runs, the index of the event that starts it, whether the thread holds
    the object in a field of its own, the field holding the thread object it runs on) for the
    first thread the function builds on a method of the object and starts itself (`.start()`),
    or the object's own `run` when it is a Thread that starts itself (`self.start()`), or a Thread
    subclass of the program built with `self` (`self._hb = Heartbeat(self)`, then
    `self._hb.start()`), or one kept in a field and started there (`self._f = Flusher(rows);
    self._f.start()`: the spawn at the start, extractor/thread_starts.py), whose own fields the
    function may then set (`self._f.batch = n`: tests/corpus/il101_thread_subclass_held_by_owner),
    or a thread another method built into a field (or a list of them) and this one starts
    (`self._thread.start()`, `for t in self._workers: t.start()`: the spawn at the start;
    tests/corpus/il101_thread_built_in_init_started_later).
    A constructor that calls its base class's constructor (`super().__init__(...)`) starts what
    that one starts, at the call: the fields a subclass binds after it race the thread
    (tests/corpus/il101_subclass_binds_after_base_starts)."""
    events = list(init.events())
    entry, held = None, False
    info = model.classes.get(init.cls or "")
    run = info.methods.get("run") if info is not None and any(
        model.classes[a].is_thread for a in info.ancestors if a in model.classes) else None
    for i, ev in enumerate(events):
        if run in model.functions and ev.kind is EventKind.CALL and ev.callee == "self.start":
            return run, i, False, None
        base = _base_init(model, init, ev) if entry is None and depth < 8 else None
        if base is not None:
            started = _started_entry(model, base, depth + 1)
            if started is not None:
                return started[0], i, started[2], started[3]
        spawn = ev.spawn if ev.kind is EventKind.SPAWN else None
        handed = "self" in (a.strip() for a in ev.args)
        field = spawn.target[:-len(".run")] if spawn is not None and spawn.target.endswith(".run") else ""
        if entry is None and spawn is not None and spawn.kind is ContextKind.THREAD and ev.callee == f"{field}.start" \
                and field.startswith("self.") and field.count(".") == 1 and spawn.resolved in model.functions:
            return spawn.resolved, i, False, field
        if entry is None and spawn is not None and spawn.kind is ContextKind.THREAD and spawn.resolved in model.functions \
                and (ev.callee or "").endswith(".start") and spawn.target.startswith("self.") \
                and spawn.target.count(".") == 1:
            return spawn.resolved, i, False, None     # a thread kept in a field, spawned at its start
        if entry is None and spawn is not None and spawn.kind is ContextKind.THREAD \
                and spawn.resolved in model.functions and (spawn.target.startswith("self.") or handed):
            entry, held = spawn.resolved, not spawn.target.startswith("self.")
        elif entry is None and ev.kind is EventKind.CALL and handed:
            entry = _thread_run(model, ev.resolved)     # a Thread subclass of another module: linked later
            held = entry is not None
        elif entry is not None and ev.kind is EventKind.CALL and (ev.callee or "").endswith(".start"):
            return entry, i, held, None
    return None


def _holder(model, cls: str, field: str | None) -> tuple[str | None, str | None]:
    """(`self.<field>`, the class of the thread object it holds) for a thread kept in a field of
    `cls`; (None, None) for a thread on the object itself."""
    info = model.attribute(cls, field.partition(".")[2]) if field else None
    kind = info.type_name if info is not None else None
    return (field, kind) if kind in model.classes else (None, None)


def _as_thread_self(target: str, holder: str | None) -> str:
    """`self._f.batch` -> `self.batch`, the thread object's field as its own code names it."""
    if holder is None:
        return target
    rest = target[len(holder) + 1:] if target.startswith(holder + ".") else ""
    return f"self.{rest}" if rest.isidentifier() else ""


def _base_init(model, init: FunctionInfo, ev) -> FunctionInfo | None:
    """The base class constructor a constructor calls on its own object: `super().__init__(...)`,
    `Base.__init__(self, ...)`."""
    if init.name != "__init__" or ev.kind is not EventKind.CALL or not (ev.resolved or "").endswith(".__init__"):
        return None
    callee = ev.callee or ""
    if not (callee.startswith("super(") or (ev.args and ev.args[0].strip() == "self")):
        return None
    info = model.classes.get(init.cls or "")
    owner = ev.resolved.rpartition(".")[0]
    if info is None or owner == init.cls or owner not in (info.ancestors or ()):
        return None
    return model.functions.get(ev.resolved)


def _thread_run(model, resolved: str | None) -> str | None:
    """`run` of the Thread subclass of the program whose constructor `resolved` is."""
    if not (resolved or "").endswith(".__init__"):
        return None
    info = model.classes.get(resolved.rpartition(".")[0])
    if info is None or not any(model.classes[a].is_thread for a in info.ancestors if a in model.classes):
        return None
    run = info.methods.get("run")
    return run if run in model.functions else None


def _thread_reads(idx: ConcurrencyIndex, entry: str, cls: str, held: bool = False) -> dict[str, Access]:
    """`self.<field>` -> the first use of it (a read, a walk, a change in place, a call of the
    callable it holds) by the thread
    context that runs `entry` on `cls`; with `held`, the thread is another object that was handed
    this one (`Heartbeat(self)`), and its uses of `cls`'s fields (`self.monitor.interval`) count."""
    out: dict[str, Access] = {}
    for r in idx.reaches:
        if r.context.kind is not ContextKind.THREAD or entry not in r.context.entries:
            continue
        if held:
            acc = idx.access_of(r) if r.event.kind in _USES else None
            if acc is not None and acc.owner in _bases(idx.model, cls) and (r.event.target or "").count(".") >= 2:
                out.setdefault(f"self.{acc.attr}", acc)
            continue
        if r.cls != cls:
            continue
        target = r.event.target or ""
        used = r.event.kind in _USES or r.event.kind is EventKind.CALL     # `self.on_low(...)`: the stored callable
        if used and target.startswith("self.") and target.count(".") == 1 \
                and all((c.callee or "").startswith("self.") for c in r.chain) and target not in out:
            attr = target.partition(".")[2]
            owner = (idx.model.resolve(cls, target) or (cls, attr))[0]
            kind = EventKind.READ if r.event.kind is EventKind.CALL else r.event.kind
            out[target] = Access(r, owner, attr, short_symbol(owner, attr), kind)
    return out


def _bases(model, cls: str) -> tuple[str, ...]:
    info = model.classes.get(cls)
    return info.ancestors if info is not None and info.ancestors else (cls,)
