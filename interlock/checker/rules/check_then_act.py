"""IL201 check-then-act: a branch tests shared state and the code it guards acts on that state
in a different critical section, while another context can write it in between.

What it finds
-------------
A condition that reads an attribute (directly, or through a local copied from it) and an act
under that condition (a write or mutation of the attribute, or a use of the checked object such
as `self.x.play()`), where no lock is held continuously from the check to the act: the lock is
released in between, or the check holds no lock while the act takes one. Another concurrent
context must write the attribute. A re-check inside the act's critical section (double-checked
locking) makes the pair safe. Coroutines on one loop are reported only when an `await` sits
between the check and the act. When neither side holds any lock, an act that writes the checked
state itself is still a check-then-act (lazy creation: `if _inst is None: _inst = Cls()` run by
two request threads builds two objects), and so are an add under a size cap (`if len(self._w) < cap:
... self._w.append(t)`: two contexts both see room for one more) and a lookup of the key a
membership test found (`if k in self._d: return self._d[k]`, while another context removes
entries: KeyError), and a removal of the entry whose value the test compared (`v = d.get(k)`,
`if v <= now: d.pop(k)`, while another context stores a fresh value under `k`: the fresh entry is
deleted); other lockless uses are IL101/IL102's. In a coroutine with no lock, a check, an await and
an act that writes are IL403's; a lookup of the key found present after the await (`if u in
self.sockets:` ... `await store.save(m)` ... `self.sockets[u]`) writes nothing and is reported here,
with the tasks that remove the entry as rivals. A lockless test made by a query method and an
act made through a call (`if not self._is_new(u): return` then `self._mark(u)`) is judged as the
same code written in place. The length of a sequence that is
never resized (built once, changed per element) is a constant: testing it is no check.
A write-back under a stale check of its own field (`if self.balance >= n: self.balance =
self.balance - n` through a locked getter and setter) is reported here rather than as a lost
update (IL103): making the update atomic would still let two callers pass the check.
The attribute may be a field of an element object: `job.status` where `job` is taken from a
container field of the owner (`for job in list(self._jobs)`, `self._jobs.get(k)`) or handed to a
typed parameter by a caller that took it so; every holder of the container reaches that object
(tests/corpus/il503_claim_element_of_shared_list). A local the function builds is its own.
A membership test through a class's own `__contains__` (`if key in self:`, `if key in
self.cache:`), or a call of a query method of the program that writes nothing (`if
self._has_free():`, `if not fm.is_loaded(): return`), checks the field that method reads, and an
act under it may go through a call (`self[key]` runs `__getitem__`, `del self.cache[key]` its
`__delitem__`, up to two calls deep). A method that tests and acts in one critical section
(`if not ctl.finish(): return`) is not a check: it answers for its own act.
A Condition's `wait()` lets go of its lock while it waits: `with cond: if not jobs: cond.wait()`
followed by `jobs.pop(0)` acts on a test made before the wait, while another consumer may have
taken the item it was woken for (or the wake-up was spurious); `while not jobs: cond.wait()` tests
again and is one critical section. The `if`-wait may sit in a helper the caller runs holding the
Condition (`with cond: self._await_work(); jobs.pop(0)`): the act after the call counts on it
(tests/corpus/il201_condition_wait_in_helper).

Why it matters
--------------
The decision is made on a value that may have changed by the time the code acts on it: two
threads both see "no worker" and start two, a track is played after another request cleared it,
a slot is taken twice. Locking the act alone does not help; the check must be in the same
critical section.

Example
-------
    def ensure_worker(self):
        if self._worker is None:              # check, no lock
            with self._lock:
                self._worker = start_worker()  # act, another caller may have started one

    # fixed: check and act in one critical section
    def ensure_worker(self):
        with self._lock:
            if self._worker is None:
                self._worker = start_worker()

Fix
---
Move the check into the same `with lock:` block as the act, or re-check the condition after
taking the lock (double-checked locking).

The same holds for a queue: `if not q.empty(): q.get()` (or `q.qsize()`) in a consumer that runs
beside another consumer of `q` is a check-then-act on the queue's contents: the other consumer
takes the last item in between and the blocking `get()` waits forever.

Known limits
------------
Acts are found in the branch's arms, after a guard clause (`if x: return`, `if x: continue`) in
the same block, and after a `while` loop that waits for the condition (`while not
self._has_free(): sleep()`) unless the loop can end by `break`; a check whose result is
returned as a value and used elsewhere (`n = fm.total(); pb.seek(x, n)`) or stored in an
attribute is not followed. A check of a state machine's field (declared in the spec, or inferred:
assigned enum members or constants, named module constants included) before a transition of it
is IL503's, one finding for the bug; IL201 stays silent on that pair. A check-then-act whose
check, rival write and act the explorer runs to break a declared invariant (the IL501
counterexample steps through the same check and act lines, another context in between) is
IL501's: the proof and its consequence, one finding (checker.PROVED_BY); without that proof the
IL201 stays (tests/corpus/il501_check_then_act_proved_once).
"""
from __future__ import annotations

from typing import Iterator

from interlock.checker.analysis import index
from interlock.checker.callgraph import describe, instance_names, step, where
from interlock.checker.context import RuleContext
from interlock.checker.registry import RuleInfo
from interlock.checker.rules import _report as rp
from interlock.checker.rules._shared_state import analyse, shape, short_lock
from interlock.models.finding import Finding
from interlock.models.program import AttrKind, EventKind, ProgramModel, short_symbol

RULE = RuleInfo(
    code="IL201", name="check-then-act", severity="high", dimension="Player Thread Safety",
    summary="A check of shared state and the act that depends on it are in different critical sections.",
    fix="Do the check and the act inside one critical section (or re-check after taking the lock).",
)


def check(model: ProgramModel, ctx: RuleContext) -> Iterator[Finding]:
    for cand in analyse(ctx).by_code.get(RULE.code, []):
        yield finding(ctx, cand)
    yield from _queue_checks(model, ctx)


_SIZE_TEST = ("empty()", "qsize()")


def _queue_checks(model: ProgramModel, ctx: RuleContext) -> Iterator[Finding]:
    """A blocking `q.get()` guarded by a test of `q.empty()`/`q.qsize()`, while another context
    also takes from `q` (tests/corpus/il201_queue_empty_then_get)."""
    idx = index(ctx)
    gets = [r for r in idx.reaches if r.event.kind is EventKind.BLOCKING and (r.event.callee or "").endswith(".get")
            and r.event.target and ctx.in_scope(r.function.path)]
    takers: dict[tuple, list] = {}
    for r in idx.reaches:
        ev = r.event
        if ev.kind in (EventKind.BLOCKING, EventKind.CALL) and (ev.callee or "").endswith((".get", ".get_nowait")) and ev.target:
            sym = model.resolve(r.cls or r.function.cls, ev.target)
            if sym is not None:
                takers.setdefault(sym, []).append(r)
    seen: set[tuple] = set()
    for r in gets:
        sym = model.resolve(r.cls or r.function.cls, r.event.target)
        info = model.attribute(*sym) if sym is not None else None
        if info is None or info.kind is not AttrKind.QUEUE:
            continue
        test = next((b.cond for b in shape(ctx, r.function).controls.get(id(r.event), ())
                     if any(f"{r.event.target}.{t}" in (b.cond.value or "") for t in _SIZE_TEST)), None)
        if test is None:
            continue
        other = next((o for o in takers.get(sym, ()) if (o is not r or r.context.multiplicity == "many")
                      and idx.overlap(r, o)), None)
        key = (r.function.qualname, id(r.event))
        if other is None or key in seen:
            continue
        seen.add(key)
        yield _queue_finding(ctx, r, other, test, short_symbol(*sym))


def _queue_finding(ctx: RuleContext, r, other, test, sym: str) -> Finding:
    names = instance_names([r.context.name, other.context.name])
    sn, on = names[0], names[1]
    cond = (test.value or "").strip()
    return Finding(
        code=RULE.code, rule=RULE.name, severity=RULE.severity, dimension=ctx.dimension(RULE.dimension),
        title=f"Check-then-act on the queue `{sym}` in `{describe(r.function)}`",
        message=(f"`{sn}` tests `{cond}` and then blocks in `{r.event.callee}()` in `{describe(r.function)}`, "
                 f"while `{on}` also takes items from `{sym}` in `{describe(other.function)}`: the item it saw "
                 f"can be gone when it gets"),
        location=where(r.function, test.loc), symbols=(sym,), contexts=(sn, on),
        related=((where(other.function, other.event.loc, f"`{on}` takes from `{sym}`"),) if other.event is not r.event
                 else ()) + (where(r.function, r.event.loc, f"blocking `{r.event.callee}()`, also run by `{on}`"
                                   if other.event is r.event else f"blocking `{r.event.callee}()`"),),
        trace=(step(sn, test.loc, f"`{describe(r.function)}` sees `{sym}` non-empty: `{cond}`"),
               step(on, other.event.loc, f"`{describe(other.function)}` takes the last item of `{sym}`"),
               step(sn, r.event.loc, f"`{describe(r.function)}` blocks in `{r.event.callee}()` on the empty queue")),
        trigger=f"`{on}` takes the last item between the test and the get of `{sn}`.",
        evidence=ctx.snippet(r.function.path, test.loc.line, max(r.event.loc.line, test.loc.line)),
        impact="The consumer blocks forever (or until another item arrives) instead of moving on.",
        fix=(f"Take the item and handle the empty case in one step: `try: item = {r.event.callee}_nowait()` "
             f"`except queue.Empty: ...` (or `get(timeout=...)`)."))


def _key_locks(ctx: RuleContext, act, check) -> list[str]:
    """The lock tables (a lock per key) held at both the check and the act, short names: a check
    of what every key shares under one of them is no critical section (checker/keyed.py)."""
    idx = index(ctx)
    held = {idx.lock_symbol(act.reach.cls, act.function, p) for p in check.held}
    return sorted(short_lock(lk) for lk in held & act.reach.locks if lk and idx.is_lock_table(lk))


def finding(ctx: RuleContext, cand, rule: RuleInfo = RULE) -> Finding:
    """The finding of a check-then-act candidate; IL503 reports the same shape on a state field
    (a stale state check before a transition), naming only the field."""
    act, other, chk = cand.site, rp.first_other(cand), cand.detail["check"]
    sn, on = rp.names(act, other)
    sym = act.symbol
    locks = [short_lock(lk) for lk in cand.locks]
    lock_txt = ", ".join(f"`{x}`" for x in locks)
    apart = "in a different critical section" if locks else "with no lock held"
    tables = _key_locks(ctx, act, chk)
    if tables:
        apart = f"holding only one key's lock of `{tables[0]}` (runs with other keys hold other locks)"
    message = (f"`{sn}` checks `{sym}` in `{rp.fn(act)}` (line {chk.loc.line}) and acts on it "
               f"(line {act.event.loc.line}) {apart}, while `{on}` "
               f"writes it in `{rp.fn(other)}`")
    trace = [rp.step(act, f"`{rp.fn(act)}` checks `{sym}`: `{(cand.detail['branch'].cond.value or '').strip()}`", event=chk, name=sn),
             rp.step(other, f"`{rp.fn(other)}` writes `{sym}` {rp.holding(other.locks)}", name=on),
             rp.step(act, f"`{rp.fn(act)}` acts on the stale check: `{sym}` {rp.verb(act)} {rp.holding(act.locks)}", name=sn)]
    loc = rp.location(act, event=chk, end=act.event.loc.end_line or act.event.loc.line)
    branch = cand.detail["branch"]
    cond = (branch.cond.value or "").strip()
    waited = any(getattr(n, "kind", None) is EventKind.WAIT for n in branch.then)   # `if not ready: cond.wait()`
    title = f"Check-then-act on `{sym}` in `{rp.fn(act)}`" if rule is RULE else \
        f"Stale state check before writing `{sym}` in `{rp.fn(act)}`"
    return rp.build(
        rule, ctx, cand, loc=loc, title=title, message=message,
        trace=trace,
        trigger=(f"`{on}` writes `{sym}` after `{sn}` checked it and before it "
                 + (f"acts (a lock of `{tables[0]}` excludes only the runs with its key)." if tables else
                    f"acts (the lock {lock_txt} is not held across both)." if locks else "acts (no lock is held).")),
        impact=f"`{rp.fn(act)}` acts on a condition that no longer holds: duplicated or lost work on `{sym}`.",
        fix=(f"Test the condition in a `while` loop around the wait (`while {cond}: ...wait()`, or "
             f"`wait_for(...)`): a woken thread must test `{sym}` again before it acts in `{rp.fn(act)}`."
             if waited else
             f"Guard what every key shares (the size of `{sym}`, the container as a whole) with one lock "
             f"of its own, held around both the check and the act in `{rp.fn(act)}`." if tables else
             f"Move the check of `{sym}` into the same `with` block as the act in `{rp.fn(act)}` "
             f"({lock_txt}), or re-check `{sym}` after taking the lock." if locks else
             f"Take one lock around both the check of `{sym}` and the act in `{rp.fn(act)}`, "
             f"so that only one context sees the old value and acts on it."),
        symbols=[sym] + (locks if rule is RULE else []))
