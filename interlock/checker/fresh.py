"""Objects a function builds and works on before anyone else can see them (RacerD's ownership of
fresh allocations).

`code = StatusCode(kind); code.decode(buf)`: `decode` writes `self.value` of an object only this
run of the function holds, as long as nothing has handed `code` out before the call (passed it,
stored it, captured it in a closure). Such accesses are no shared state, whatever the class
(tests/corpus/il101_configures_its_own_local). The same holds for an object a method builds per
call (`with self.pipeline() as pipe:`), when what runs on it does not hand `self` on or no other
code reaches objects of its class (il101_pipeline_from_client_factory,
il403_pipeline_from_client_factory_async), and for one checked out of a pool until it goes back,
when the pool's own code leaves its objects' fields alone (il101_pooled_connection_lent_to_one_caller).
"""
from __future__ import annotations

import re

from interlock.models.arguments import bind_params
from interlock.models.pooling import checks_out, handed_out_local
from interlock.models.program import Event, EventKind, FunctionInfo, ProgramModel, functions_inside
from interlock.models.wiring import strip_strings

#: event kinds through which a local's object may reach other code: passed, stored, returned
_HANDING = frozenset({EventKind.CALL, EventKind.BLOCKING, EventKind.SPAWN, EventKind.WRITE, EventKind.MUTATE,
                      EventKind.RETURN})


def on_fresh_local(model: ProgramModel, reach, alone=None) -> bool:
    """The access `reach` is on `self` of an object that a caller up the chain built in a local
    (`x = Cls(...)`) and had not handed out when it called `x.method(...)`; the calls between
    that one and the access all stay on `self`. `alone(cls)` says no code the program runs
    reaches an object of `cls` but through such a local (ConcurrencyIndex._reached_otherwise):
    then what `cls`'s methods do with `self` (return it, give a closure over it to a helper) lets
    it reach no one who could race with its builder (tests/corpus/il101_pipeline_from_client_factory)."""
    target = reach.event.target or ""
    if target.count(".") != 1 or not target.startswith("self.") or _on_class(model, reach.cls, target):
        return False
    found = builder_local(model, reach)
    if found is None:
        return False
    caller, head, call = found
    temp = temporary_class(model, caller, head, call)
    if temp is not None:                      # `Parser(text).parse()`: no one else can name it
        return (alone is not None and alone(temp)) or not _hands_out_self(model, temp) \
            or not _hands_out_here(model, caller, head, temp) or before_hand_out(model, reach, call, temp)
    cls = caller.built.get(head) or handed_out_local(model, caller.qualname, head)
    if cls is None:                           # checked out of a pool: others had it before
        return alone is not None and reach.cls is not None and alone(reach.cls) \
            and not _handed_out(model, caller, head, call)
    return ((alone is not None and alone(cls)) or not _hands_out_self(model, cls)
            or not _hands_out_here(model, caller, head, cls)
            or (not call.repeated and before_hand_out(model, reach, call, cls))) \
        and not _handed_out(model, caller, head, call)


def own_fresh_local(model: ProgramModel, fn: FunctionInfo, head: str, call: Event) -> bool:
    """The local `head` of `fn`, built there (`pipe = self.pipeline()`), is this run's alone at
    `call`: not handed out before, and the code that runs on it does not hand `self` on. What it
    keeps in a field from a pool's check-out is then this run's too (models/pooling.py)."""
    cls = fn.built.get(head)
    if cls is None or _handed_out(model, fn, head, call):
        return False
    return not _hands_out_self(model, cls) or not _hands_out_here(model, fn, head, cls)


def before_hand_out(model: ProgramModel, reach, call: Event, cls: str) -> bool:
    """The access comes, in every function on the chain from `call` (a call on the new object)
    down to it, before anything there that lets the object be seen or run by others: a thread,
    job, task or callback started, `self` or a bound method of it passed on or stored, a call of
    a method that does one of these. `start()` that sets `self._state` and builds its timer into a
    field, then starts the timer and returns a handle over `self`: the first two happen while the
    object is still its builder's alone (tests/corpus/il101_private_lookup_started_by_its_service).
    Its construction must start and hand out nothing; a loop around an access with such a
    step in it gives it away on a later turn."""
    from interlock.models.construction import inits_run

    info = model.classes.get(cls)
    inits = inits_run(model, info) if info is not None else None
    if inits is None or any(_opens(model, model.functions[q]) for q in inits if q in model.functions):
        return False
    at = next((i for i, c in enumerate(reach.chain) if c is call), None)
    if at is None:
        return False
    steps = [(reach.caller(model, j), reach.chain[j]) for j in range(at + 1, len(reach.chain))]
    for fn, ev in [*steps, (reach.function, reach.event)]:
        if fn is None or not fn.cls or not _still_alone(model, fn, ev):
            return False
    return True


def _still_alone(model: ProgramModel, fn: FunctionInfo, ev: Event) -> bool:
    """No step of `fn` that lets `self` out comes before `ev`, nor in a loop around it."""
    events = list(fn.events())
    at = next((i for i, e in enumerate(events) if e is ev), None)
    if at is None or any(_opening(model, fn, events, i) for i in range(at)):
        return False
    return not any(any(e is ev for e in inner) and any(_opening(model, fn, events, events.index(x)) for x in inner
                                                        if any(x is y for y in events))
                   for inner in _loops(fn.body))


def _loops(nodes) -> list[list[Event]]:
    """The events of each loop in `nodes` (at any depth), header included."""
    from interlock.models.program import Branch, Loop, Try, flat_events

    out: list[list[Event]] = []
    for n in nodes:
        if isinstance(n, Loop):
            out.append([n.header, *flat_events(n.body), *flat_events(n.orelse)])
            out += _loops(n.body) + _loops(n.orelse)
        elif isinstance(n, Branch):
            out += _loops(n.then) + _loops(n.orelse)
        elif isinstance(n, Try):
            out += _loops(n.body) + _loops(n.orelse) + _loops(n.final)
            for h in n.handlers:
                out += _loops(h.body)
    return out


_OPENS: dict[int, tuple[ProgramModel, dict[str, bool]]] = {}     # last model only


def _opens(model: ProgramModel, fn: FunctionInfo) -> bool:
    """Some step of `fn` lets `self` out (`_opening`)."""
    hit = _OPENS.get(id(model))
    if hit is None or hit[0] is not model:
        _OPENS.clear()
        hit = _OPENS[id(model)] = (model, {})
    memo = hit[1]
    if fn.qualname not in memo:
        memo[fn.qualname] = True              # a recursion opens: the safe side
        events = list(fn.events())
        memo[fn.qualname] = any(_opening(model, fn, events, i) for i in range(len(events))) or any(
            "self" in t for inner in functions_inside(model, fn.qualname) for e in inner.events()
            for t in (*e.args, *e.reads, e.value or "", e.target or "", e.callee or ""))
    return memo[fn.qualname]


def _opening(model: ProgramModel, fn: FunctionInfo, events: list[Event], i: int) -> bool:
    """`events[i]` starts work or hands `self` on; a thread built into a field of `self` runs only
    at its `start()` (models/wiring.py), and a returned value goes back to the caller."""
    from interlock.checker.rules._ownership import _hands_self, _outside_calls, _texts
    from interlock.models.wiring import BUILT_KINDS, _kept_in_field, unknown_start

    ev = events[i]
    if ev.kind is EventKind.RETURN:
        return False
    if ev.kind is EventKind.SPAWN:
        return not (ev.spawn is not None and ev.spawn.kind in BUILT_KINDS and _kept_in_field(events, i))
    if unknown_start(model, ev):
        return True
    if ev.kind is EventKind.CALL and ev.resolved in model.functions:
        callee = model.functions[ev.resolved]
        head, _, rest = (ev.callee or "").partition(".")
        on_self = head in ("self", "super()") and "." not in rest
        if on_self and callee.cls and _opens(model, callee):
            return True
    if any(_hands_self(model, fn.cls or "", _outside_calls(strip_strings(t))) for t in _texts(ev)):
        return True
    return False


def builder_local(model: ProgramModel, reach) -> tuple[FunctionInfo, str, Event] | None:
    """(caller, local, call): the nearest call up `reach`'s chain that is not on `self`, when it is
    `local.method(...)` on a local its caller built (`local = Cls(...)`, or from a factory) or
    checked out of a pool (`conn = self.pool.get_connection()`, models/pooling.py); the calls
    between it and `reach` all stay on `self`."""
    for i in range(len(reach.chain) - 1, -1, -1):
        call = reach.chain[i]
        head, _, method = (call.callee or "").partition(".")
        if head in ("self", "cls") and "." not in method:
            continue                          # the same object, one call further out
        temp = _temporary(call.callee or "")
        if temp is not None:
            caller = reach.caller(model, i)
            return (caller, temp, call) if caller is not None and temporary_class(model, caller, temp, call) else None
        caller = reach.caller(model, i) if method and "." not in method else None
        if caller is not None and (head in caller.built or _checked_out(model, caller, head)
                                   or handed_out_local(model, caller.qualname, head) is not None):
            return caller, head, call
        return None
    return None


def _temporary(callee: str) -> str | None:
    """`Parser(text)` of `Parser(text).parse`: a call whose result the method is called on."""
    if not callee.endswith(")") and "(" in callee:
        head, _, method = callee.rpartition(".")
        if head.endswith(")") and method.isidentifier() and _balanced(head):
            return head
    return None


def _balanced(text: str) -> bool:
    """`f(a.b)`: one call, its parentheses closing at the end."""
    depth, start = 0, text.find("(")
    if start <= 0 or not all(p.isidentifier() for p in text[:start].split(".")):
        return False
    for i, ch in enumerate(text[start:], start):
        depth += ch == "("
        depth -= ch == ")"
        if depth == 0:
            return i == len(text) - 1
    return False


def temporary_class(model: ProgramModel, caller: FunctionInfo, head: str, call: Event) -> str | None:
    """The class of the new object the call `head` (`Parser(text)`, `make_client(url)`) builds, on
    which `call` runs a method: a constructor of a class in scope or a factory (FunctionInfo.builds);
    None for any other call."""
    func = head[:head.find("(")]
    for ev in caller.events():
        if ev.kind is EventKind.CALL and ev.callee == func and ev.resolved:
            fn = model.functions.get(ev.resolved)
            if fn is None:
                return None
            if fn.name == "__init__" and fn.cls in model.classes:
                return fn.cls
            method = model.functions.get(call.resolved or "")
            if (fn.builds or _returns_new(model, fn)) and method is not None and method.cls in model.classes:
                return method.cls             # the factory's class (or the base defining the method)
            return None
    return None


def _returns_new(model: ProgramModel, fn: FunctionInfo) -> bool:
    """Unannotated, every `return` of `fn` hands back an object it builds right there of a class
    in scope (`def lease(self): return _Lease(self)`): a factory, as FunctionInfo.builds is."""
    built = {ev.callee for ev in fn.events() if ev.kind is EventKind.CALL and ev.callee
             and (ev.resolved or "").endswith(".__init__") and ev.resolved.rpartition(".")[0] in model.classes}
    returns = [ev for ev in fn.events() if ev.kind is EventKind.RETURN]
    return bool(returns) and all(_temporary(f"{ev.value or ''}.m") == ev.value and ev.value.partition("(")[0] in built
                                 for ev in returns)


def _checked_out(model: ProgramModel, fn: FunctionInfo, name: str) -> bool:
    """`name` is bound once, to what a pool's check-out hands out: `conn = self.pool.get_connection()`
    (or awaited). Until it gives the object back, the caller has it to itself."""
    if name not in fn.made and name not in fn.fetched:
        return False
    bound = [ev for ev in fn.events() if ev.kind is EventKind.WRITE and ev.target == name]
    if len(bound) != 1:
        return False
    value = (bound[0].value or "").removeprefix("await ").strip()
    return any(ev.kind is EventKind.CALL and ev.callee and value.startswith(ev.callee + "(")
               and checks_out(model, ev.resolved) for ev in fn.events())


_HERE: dict[int, tuple[ProgramModel, dict]] = {}     # last model only
#: what a `with` statement runs on the object it enters
_WITH_HOOKS = ("__enter__", "__exit__", "__aenter__", "__aexit__")
_MAX_RUN = 200


def _hands_out_here(model: ProgramModel, caller: FunctionInfo, head: str, cls: str) -> bool:
    """The code that runs on the object `head` names in `caller` may hand `self` on: its
    construction, the methods `caller` calls on it (and a `with` statement's hooks), and what
    those call on `self`, transitively. A class whose other methods hand `self` out (`lock()`
    giving the client to a `Lock`) leaves this object to its builder as long as the builder
    never calls them. Returning `self` hands nothing on: the caller gets back the object it
    called the method on, and what it does with it is judged where it does it (`_handed_out`)."""
    hit = _HERE.get(id(model))
    if hit is None or hit[0] is not model:
        _HERE.clear()
        hit = _HERE[id(model)] = (model, {})
    key = (caller.qualname, head, cls)
    if key not in hit[1]:
        hit[1][key] = _runs_hand_out(model, caller, head, cls)
    return hit[1][key]


def _runs_hand_out(model: ProgramModel, caller: FunctionInfo, head: str, cls: str) -> bool:
    from interlock.models.construction import inits_run

    info = model.classes.get(cls)
    inits = inits_run(model, info) if info is not None else None
    if inits is None:
        return True
    todo = [*inits, *(info.methods[n] for n in _WITH_HOOKS if n in info.methods)]
    todo += [ev.resolved for ev in caller.events()
             if ev.kind is EventKind.CALL and ev.resolved and ((ev.callee or "").partition(".")[0] == head
                                                               or (ev.callee or "").startswith(head + "."))]
    seen: set[str] = set()
    while todo:
        q = todo.pop()
        fn = model.functions.get(q or "")
        if fn is None or q in seen:
            continue
        seen.add(q)
        if len(seen) > _MAX_RUN or _hands_self_in(model, fn):
            return True
        todo += [ev.resolved for ev in fn.events() if ev.kind is EventKind.CALL and ev.resolved
                 and (ev.callee or "").partition(".")[0] in ("self", "cls", "super()")]
    return False


def _hands_self_in(model: ProgramModel, fn: FunctionInfo) -> bool:
    """`fn` passes on `self`, a bound method of it or a closure over it (`_ownership.hands_out_self`
    for one function), other than by returning it; a nested function that uses `self` counts."""
    from interlock.checker.rules._ownership import _hands_self, _outside_calls, _texts
    from interlock.checker.spawn_order import strip_strings

    if not fn.cls:
        return False
    for ev in fn.events():
        if ev.kind is EventKind.RETURN and (ev.value or "").strip() == "self":
            continue
        if any(_hands_self(model, fn.cls, _outside_calls(strip_strings(t))) for t in _texts(ev)):
            return True
    return any(any("self" in t for ev in inner.events()
                   for t in (*ev.args, *ev.reads, ev.value or "", ev.target or "", ev.callee or ""))
               for inner in functions_inside(model, fn.qualname))


def _on_class(model: ProgramModel, cls: str | None, target: str) -> bool:
    """`self.headers` names an object bound only in the class body (`headers: dict = {}`): every
    instance, fresh or not, reaches that one object (tests/corpus/il202_class_level_default_dict)."""
    resolved = model.resolve(cls, target)
    info = model.attribute(*resolved) if resolved is not None else None
    return info is not None and info.on_class


def _hands_out_self(model: ProgramModel, cls: str) -> bool:
    """A class whose methods hand out `self` (a thread on `self.run`, `registry.add(self)`): its
    object is not the builder's alone (tests/corpus/il101_configures_its_own_local)."""
    from interlock.checker.rules._ownership import hands_out_self     # local: it imports the analysis

    return hands_out_self(model, cls)


def _handed_out(model: ProgramModel, fn: FunctionInfo, name: str, call: Event) -> bool:
    """`name` may escape `fn` before `call`; when the call repeats in a loop and the object is
    not built anew in it, anywhere in `fn`."""
    word = re.compile(rf"(?<![\w.]){re.escape(name)}\b")
    events = list(fn.events())
    at = next((i for i, ev in enumerate(events) if ev is call), len(events))
    reused = call.repeated and not any(ev.repeated and _builds(model, ev, fn.built.get(name)) for ev in events[:at])
    return any(ev.kind in _HANDING and _mentions(ev, name, word) and not _lent(model, fn, ev)
               for ev in (events if reused else events[:at]))


def _lent(model: ProgramModel, fn: FunctionInfo, ev: Event) -> bool:
    """`fill(batch)` with `fill` a parameter of `fn`: the callback its caller passes runs now, on
    this thread, and gives the object back when it returns, unless a caller in scope passes one
    that keeps what it is given (stores it, passes it on). A caller out of scope (an entry's
    callback, `client.transaction(fill)`) is not followed (tests/corpus/il103_batch_lent_to_callback)."""
    param = ev.callee or ""
    if ev.kind is not EventKind.CALL or ev.resolved or param not in fn.params[1 if fn.cls else 0:]:
        return False
    for caller in model.functions.values():
        for site in caller.events():
            if site.kind is EventKind.CALL and site.resolved == fn.qualname:
                bound = bind_params(list(fn.params), _with_receiver(fn, site.args))
                passed = bound.get(param) if bound is not None else "?"
                callback = _callback(model, caller, passed) if passed else None
                if passed and (callback is None or _keeps_a_param(callback)):
                    return False
    return True


def _with_receiver(fn: FunctionInfo, args: tuple[str, ...]) -> list[str]:
    """A method call's arguments with its receiver in `self`'s place."""
    return ["self", *args] if fn.cls and fn.params[:1] == ("self",) else list(args)


def _callback(model: ProgramModel, caller: FunctionInfo, text: str) -> FunctionInfo | None:
    """The function a caller passes as `text`: its own method (`self.keep`) or a function of its
    module (`keep`); None for anything else (a lambda, another object's method)."""
    if text.startswith("self.") and text.count(".") == 1 and caller.cls:
        info = model.classes.get(caller.cls)
        return model.functions.get(info.methods.get(text[5:], "")) if info is not None else None
    return model.functions.get(f"{caller.module}.{text}") if text.isidentifier() else None


def _keeps_a_param(fn: FunctionInfo) -> bool:
    """`fn` may let one of its parameters out: stores it, passes it on or returns it."""
    words = [re.compile(rf"(?<![\w.]){re.escape(p)}\b") for p in fn.params if p not in ("self", "cls")]
    return any(ev.kind in _HANDING and _mentions(ev, "", word) for ev in fn.events() for word in words)


def _builds(model: ProgramModel, ev: Event, cls: str | None) -> bool:
    """`ev` makes the local's object anew: builds a `cls`, or checks one out of a pool (`cls` None)."""
    if ev.kind is not EventKind.CALL:
        return False
    return (ev.resolved or "").rpartition(".")[0] == cls if cls is not None else checks_out(model, ev.resolved)


def _mentions(ev: Event, name: str, word: re.Pattern) -> bool:
    """`ev` hands on the object, a bound method or a field of it (`f(x)`, `Thread(target=x.run)`,
    `self.items.append(x)`, `return x`, the spawn of `x.run` at `x.start()` of a thread subclass
    object: extractor/thread_starts.py); calling its methods and setting its fields do not."""
    if ev.kind is EventKind.WRITE and ev.target == name:
        return False                          # its own binding
    texts = (*ev.args, ev.value or "", *ev.free, ev.spawn.target if ev.spawn is not None else "")
    return any(word.search(t) for t in texts if t)
