"""Pools: objects a pool lends to one caller at a time.

    class ConnectionPool:
        def get_connection(self):                   # a check-out
            with self._lock:
                try:
                    conn = self._available.pop()    # taken out: no other caller gets it
                except IndexError:
                    conn = self.make_connection()   # or made anew
            return conn

        def release(self, conn):
            with self._lock:
                self._available.append(conn)        # put back: the next caller's

A *check-out* is a method that returns a local (or a call) each binding of which takes an element
out of a container or queue field of its object (`pop`, `popleft`, `popitem`; a queue's `get`,
`get_nowait`), makes a new object (a construction, a field or function that builds one, or a
method of the object that returns only such values, `self.make_connection()`), or is None, with
at least one take-out, from a field some method of the class puts a parameter back into
(`append`, `add`, `put`, ...). What it returns is the caller's alone until it gives it back: two
callers never hold one object. Handing out an element it leaves in the field (`self._conns[0]`)
or a field (`self._default`) is no check-out.

A class is *lent* when every construction of it in scope is one such a check-out hands out: each of
its objects is used by the one caller that has it checked out, so its public methods have one
outside caller at a time (extractor/entrypoints.py), and what a caller does through the local it
bound to the check-out is done on an object of its own (checker/fresh.py). The pool's own code
that walks its objects (`for conn in self._in_use: conn.retry = r`) still races with the borrowers
(tests/corpus/il101_pooled_connection_lent_to_one_caller, il102_pool_retunes_lent_connections).

A class that is not lent (it is also built or reached elsewhere) still has *borrowed* objects: the
one a local bound to a check-out names, the parameter a *check-in* (`release(conn)`, which puts
it back) is given by the borrower, and a *holder's* field that only ever holds a check-out
(`self.connection = self.pool.get_connection()`). The index tags each walk with who has `self`
checked out (checker/analysis.py Reach.borrow): two accesses of different borrowers are on two
objects; the pool's own walk over its objects is no borrower
(il101_pool_checkin_and_holder_borrowers).
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from interlock.models.program import AttrKind, EventKind, FunctionInfo, ProgramModel, iter_events

_TAKE = frozenset({"pop", "popleft", "popitem"})
_QUEUE_TAKE = frozenset({"get", "get_nowait"})
#: how each kind of field takes an element back
_PUT = {"container": frozenset({"append", "appendleft", "add", "insert"}), "queue": frozenset({"put", "put_nowait"})}
_FIELD_CALL = re.compile(r"^self\.(\w+)\.(\w+)\(")
_SELF_CALL = re.compile(r"^self\.(\w+)\(")
_CALL = re.compile(r"^([A-Za-z_][\w.]*)\(")
_MAX_DEPTH = 3


@dataclass(frozen=True)
class _Source:
    taken: frozenset[tuple[str, str]] = frozenset()   # (field, "container"/"queue") an element is taken out of
    built: frozenset[tuple[str, str]] = frozenset()   # (function, class) constructions handed out


_CACHE: dict[int, tuple[ProgramModel, dict[str, _Source | None], frozenset[str]]] = {}   # last model only


def checks_out(model: ProgramModel, qualname: str | None) -> bool:
    """`qualname` is a check-out method: each call hands its caller an object no other caller holds."""
    return bool(qualname) and qualname in _scan(model)[1]


def handed_out_local(model: ProgramModel, qualname: str, name: str) -> str | None:
    """In the check-out `qualname`, the class of the object its local `name` holds, when every
    value the method returns is that local and it builds objects of one class (`conn =
    self._idle.pop() if self._idle else None`, then `conn = Connection(...)`; `return conn`): the
    borrower's object, whether taken out or new, so what the check-out does through the local
    (`conn.open()`) it does on its caller's object."""
    src = _scan(model)[1].get(qualname)
    fn = model.functions.get(qualname)
    if src is None or fn is None or len({cls for _, cls in src.built}) != 1:
        return None
    values = {(ev.value or "").strip() for ev in fn.events() if ev.kind is EventKind.RETURN}
    return next(iter(src.built))[1] if values == {name} else None


def pool_checkouts(model: ProgramModel) -> frozenset[str]:
    """The check-out methods of the program."""
    return frozenset(_scan(model)[1])


def lent_classes(model: ProgramModel) -> frozenset[str]:
    """The classes whose every construction in scope a check-out hands out."""
    return _scan(model)[2]


def _scan(model: ProgramModel):
    hit = _CACHE.get(id(model))
    if hit is not None and hit[0] is model:
        return hit
    memo: dict[str, _Source | None] = {}
    outs: dict[str, _Source] = {}
    for q, fn in model.functions.items():
        if fn.cls and any(ev.kind is EventKind.RETURN for ev in fn.events()):
            src = _returns(model, fn, memo, 0)
            if src is not None and src.taken and _puts_back(model, fn.cls, src.taken):
                outs[q] = src
    lent: set[str] = set()
    handed = {site for src in outs.values() for site in src.built}
    if handed:
        sites: dict[str, set[tuple[str, str]]] = {}
        bodies = [(q, fn.events()) for q, fn in model.functions.items()]
        bodies += [(q, iter_events(m.body)) for q, m in model.modules.items()]
        for q, events in bodies:
            for ev in events:
                cls = _constructed(model, ev)
                if cls is not None:
                    sites.setdefault(cls, set()).add((q, cls))
        lent = {cls for cls, at in sites.items() if at <= handed}
    _CACHE.clear()
    _CACHE[id(model)] = out = (model, outs, frozenset(lent))
    return out


def _constructed(model: ProgramModel, ev) -> str | None:
    """The class a call builds, when it names the class whose own `__init__` it runs."""
    if ev.kind is not EventKind.CALL or not (ev.resolved or "").endswith(".__init__"):
        return None
    cls = ev.resolved.rpartition(".")[0]
    info = model.classes.get(cls)
    return cls if info is not None and (ev.callee or "").rsplit(".", 1)[-1] == info.name else None


def _returns(model: ProgramModel, fn: FunctionInfo, memo: dict, depth: int) -> _Source | None:
    """What `fn` hands out, when every value it returns is one a check-out may hand out."""
    if fn.qualname in memo:
        return memo[fn.qualname]
    memo[fn.qualname] = None                   # a recursion hands out nothing known
    taken: set[str] = set()
    built: set[tuple[str, str]] = set()
    events = list(fn.events())
    values = [(ev.value or "").strip() for ev in events if ev.kind is EventKind.RETURN]
    if not values:
        return None
    for value in values:
        if value.isidentifier() and value not in ("None", "self", "cls"):
            bound = [(ev.value or "").strip() for ev in events if ev.kind is EventKind.WRITE and ev.target == value]
            if not bound or value in fn.params:
                return None
        else:
            bound = [value]
        for text in bound:
            src = _value(model, fn, events, text, memo, depth)
            if src is None:
                return None
            taken |= src.taken
            built |= src.built
    memo[fn.qualname] = out = _Source(frozenset(taken), frozenset(built))
    return out


def _value(model: ProgramModel, fn: FunctionInfo, events, text: str, memo: dict, depth: int) -> _Source | None:
    """One bound or returned value: None, an element taken out of a field, or a new object."""
    text = text.removeprefix("await ").strip()
    if text in ("", "None"):
        return _Source()
    branches = _branches(text)
    if branches is not None:
        # `self._idle.pop() if self._idle else None`: each arm one such value
        arms = [_value(model, fn, events, arm, memo, depth) for arm in branches]
        if any(arm is None for arm in arms):
            return None
        return _Source(frozenset().union(*(a.taken for a in arms)), frozenset().union(*(a.built for a in arms)))
    cls = model.classes.get(fn.cls or "")
    m = _FIELD_CALL.match(text)
    if m is not None:
        field, verb = m.groups()
        info = cls.attributes.get(field) if cls is not None else None
        if info is not None and verb in _TAKE:
            return _Source(taken=frozenset({(field, "container")}))
        if info is not None and verb in _QUEUE_TAKE and info.kind is not AttrKind.CONTAINER:
            return _Source(taken=frozenset({(field, "queue")}))   # not a dict's lookup: a queue's (or an injected class's) get
        return None
    m = _SELF_CALL.match(text)
    if m is not None:
        method = cls.methods.get(m.group(1)) if cls is not None else None
        if method is None:
            return _Source()                   # a field holding a class or factory: `self.connection_class(**kw)`
        inner = model.functions.get(method)
        return _returns(model, inner, memo, depth + 1) if inner is not None and depth < _MAX_DEPTH else None
    m = _CALL.match(text)
    if m is None:
        return None
    callee = m.group(1)
    call = next((ev for ev in events if ev.kind is EventKind.CALL and ev.callee == callee), None)
    made = _constructed(model, call) if call is not None else None
    if made is not None:
        return _Source(built=frozenset({(fn.qualname, made)}))
    return _Source() if "." not in callee else None      # a function that builds: `make_conn()`


def _branches(text: str) -> tuple[str, str] | None:
    """The two values of a conditional expression, `a if test else b`, as source."""
    if " if " not in text:
        return None
    try:
        node = ast.parse(text, mode="eval").body
    except SyntaxError:
        return None
    return (ast.unparse(node.body), ast.unparse(node.orelse)) if isinstance(node, ast.IfExp) else None


def _puts_back(model: ProgramModel, cls: str, fields: frozenset[tuple[str, str]]) -> bool:
    """A method of `cls` puts one of its parameters back into one of `fields`, the way its kind
    takes one: `self._available.append(conn)`, `self.pool.put_nowait(conn)`."""
    return any(given for _, given in _put_backs(model, cls, fields))


def _put_backs(model: ProgramModel, cls: str, fields):
    """(method, the parameters it puts back) for each put of a method of `cls` into one of
    `fields` the way its kind takes one (`_PUT`)."""
    verbs = {f: _PUT[family] for f, family in fields}
    info = model.classes.get(cls)
    for q in set(info.methods.values()) if info is not None else ():
        fn = model.functions.get(q)
        params = [p for p in (fn.params[1:] if fn is not None else ()) if p.isidentifier()]
        for ev in fn.events() if params else ():
            head, _, verb = (ev.callee or "").rpartition(".")
            if ev.kind in (EventKind.MUTATE, EventKind.CALL) and head.startswith("self.") \
                    and verb in verbs.get(head[5:], ()):
                yield q, {a.strip() for a in ev.args if a.strip() in params}


_BORROW_CACHE: dict[int, tuple[ProgramModel, dict[str, frozenset[str]], frozenset[tuple[str, str]]]] = {}


def checked_in(model: ProgramModel, qualname: str | None) -> frozenset[str]:
    """The parameters the method `qualname` gives back to its pool: it puts them back into a field
    a check-out of its class takes from (`def release(self, conn): ... self._idle.append(conn)`).
    What it does to such a parameter (`conn.should_reconnect()`, `conn.disconnect()`) it does to
    the object its caller has checked out, not to one another caller holds."""
    return _borrowing(model)[1].get(qualname or "", frozenset())


def holds_check_out(model: ProgramModel, owner: str, attr: str) -> bool:
    """The field `owner.attr` only ever holds what a check-out hands out (or None): `self.conn =
    self.pool.get_connection()`, or a local bound to such a check-out or to the field itself
    (`conn = self.conn; if conn is None: conn = self.pool.get_connection(); self.conn = conn`).
    Its object is the holder's until it goes back: no other borrower has it."""
    return (owner, attr) in _borrowing(model)[2]


def _borrowing(model: ProgramModel):
    hit = _BORROW_CACHE.get(id(model))
    if hit is not None and hit[0] is model:
        return hit
    outs = _scan(model)[1]
    taken_by_class: dict[str, set[tuple[str, str]]] = {}
    for q, src in outs.items():
        fn = model.functions.get(q)
        if fn is not None and fn.cls:
            taken_by_class.setdefault(fn.cls, set()).update(src.taken)
    checkins: dict[str, set[str]] = {}
    for cls, fields in taken_by_class.items():
        for q, given in _put_backs(model, cls, fields):
            checkins.setdefault(q, set()).update(given)
    holders = _holders(model, outs) if outs else frozenset()
    _BORROW_CACHE.clear()
    _BORROW_CACHE[id(model)] = out = (model, {q: frozenset(p) for q, p in checkins.items() if p}, holders)
    return out


def _is_check_out_call(model: ProgramModel, fn: FunctionInfo, text: str, outs) -> bool:
    text = text.removeprefix("await ").strip()
    return any(ev.kind is EventKind.CALL and ev.callee and text.startswith(ev.callee + "(")
               and ev.resolved in outs for ev in fn.events())


def _holders(model: ProgramModel, outs) -> frozenset[tuple[str, str]]:
    """The fields (owner, attr) every write of which stores None, a check-out, or a local bound
    only to a check-out, None, or the field itself; with at least one check-out stored."""
    verdict: dict[tuple[str, str], bool] = {}
    for fn in model.functions.values():
        if not fn.cls:
            continue
        events = None
        for ev in fn.events():
            target = ev.target or ""
            if ev.kind is not EventKind.WRITE or not target.startswith("self.") or target.count(".") != 1:
                continue
            key = model.resolve(fn.cls, target)
            if key is None or verdict.get(key) is False:
                continue
            value = (ev.value or "").strip()
            if value == "None":
                continue
            if events is None:
                events = list(fn.events())
            if _is_check_out_call(model, fn, value, outs):
                verdict[key] = True
                continue
            ok = False
            if value.isidentifier() and value not in fn.params:
                bound = [(b.value or "").strip() for b in events if b.kind is EventKind.WRITE and b.target == value]
                ok = bool(bound) and all(v in ("None", target) or _is_check_out_call(model, fn, v, outs)
                                         for v in bound) \
                    and any(_is_check_out_call(model, fn, v, outs) for v in bound)
            if ok:
                verdict[key] = True
            else:
                verdict[key] = False
    return frozenset(k for k, v in verdict.items() if v)


def checks_out_local(model: ProgramModel, fn: FunctionInfo | None, name: str) -> bool:
    """The local `name` of `fn` holds an object checked out for this run alone: bound once, to a
    check-out's call (`conn = self.pool.get_connection()`), or the local a check-out hands out
    (`return conn`)."""
    if fn is None or not name.isidentifier() or name in fn.params:
        return False
    outs = _scan(model)[1]
    if fn.qualname in outs:
        values = {(ev.value or "").strip() for ev in fn.events() if ev.kind is EventKind.RETURN}
        if values == {name}:
            return True
    bound = [ev for ev in fn.events() if ev.kind is EventKind.WRITE and ev.target == name]
    return len(bound) == 1 and _is_check_out_call(model, fn, bound[0].value or "", outs)
