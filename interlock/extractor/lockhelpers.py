"""Lock helpers: methods and functions of a file that hand out a lock they name.

`with self._guard():` holds `self._lock` when `_guard` is a `@contextmanager` whose every `yield`
runs inside `with self._lock:` (or between `self._lock.acquire()` and its release), the same with
`@asynccontextmanager` and `async with`, or a method that just `return self._lock` (a property
doing so makes `with self.lock:` hold `self._lock`). The walker records the acquisition of the
named lock at the `with`, as if it were written there. Helpers of the same file only.

A class whose `__enter__` (`__aenter__`) returns holding a lock of its own that its `__exit__`
(`__aexit__`) releases is a lock wrapper: `with obj:` holds that lock of `obj` (lockscopes.py).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

import libcst as cst

from interlock.extractor import catalogue as cat
from interlock.extractor.cstwalk import DEFS, IMPORTS, LINES, breaks_loop, findall, leaves
from interlock.extractor.imports import blocks, dotted, is_docstring
from interlock.models.program import LOCK_KINDS

CONTEXT_MANAGERS = frozenset({"contextlib.contextmanager", "contextmanager",
                              "contextlib.asynccontextmanager", "asynccontextmanager"})
#: the method entering an object (`with obj:` / `async with obj:`) -> the one leaving it
ENTER_EXIT = {"__enter__": "__exit__", "__aenter__": "__aexit__"}
PROPERTIES = frozenset({"property", "functools.cached_property", "cached_property"})


@dataclass(frozen=True, slots=True)
class LockHelper:
    locks: tuple[str, ...]     # access paths (`self._lock`, `pkg.mod._LOCK`), outermost first
    is_property: bool = False  # used as `with self.lock:` rather than called
    yields: str | None = None  # a `@contextmanager`'s every `yield self._items`: what `as x` binds
    key: tuple[int, str] | None = None  # a lock per key: the parameter the key is (position after self, name)
    #: a `@contextmanager` that waits for its lock (a polling loop, `if not lock.acquire(timeout=t):
    #: raise`), or yields without it under a flag (`unless`): its `with` stays a call of it, whose
    #: lock the linker applies (lockscopes.py)
    waits: bool = False
    unless: str | None = None


def find_lock_helpers(scope, defs: list[cst.FunctionDef], is_method: bool) -> dict[str, LockHelper]:
    """The helpers among `defs` (a class's methods, or a module's functions), by name.

    Which paths are locks is decided at the `with` (`helper_locks`)."""
    from interlock.extractor.functions import decorator_text, param_names

    out: dict[str, LockHelper] = {}
    by_name = {node.name.value: node for node in defs}
    for node in defs:
        params = param_names(node.params)
        self_name = params[0] if is_method and params and not params[0].startswith("*") else None
        decorators = {decorator_text(scope, d) for d in node.decorators}
        nodes = _Nodes(node, getattr(scope, "positions", None))
        namer = _PathNamer(scope, self_name, _element_locals(nodes, _PathNamer(scope, self_name)))
        if decorators & CONTEXT_MANAGERS:
            held: list[tuple[str, ...]] = []
            stmts, unless = _flag_arm(_stmts(node.body))
            polled = any(_polled_acquire(s, namer) or _failed_acquire(s, namer) for s in findall_stmts(stmts))
            _held_at_yields(stmts, (), namer, held, polls=polled)
            common = [p for p in held[0] if all(p in h for h in held[1:])] if held else []
            if common:
                out[node.name.value] = LockHelper(tuple(common), yields=_yielded(node, namer), waits=polled,
                                                  unless=unless)
        elif is_method and node.name.value in ENTER_EXIT:
            locks = _entered_locks(node, by_name.get(ENTER_EXIT[node.name.value]), namer)
            if locks:
                out[node.name.value] = LockHelper(locks)
        elif decorators <= PROPERTIES:
            path = _returned(node, namer, nodes)
            if path is not None:
                key = _key_param(node, namer, path, params[1:] if self_name is not None else params) \
                    if not decorators else None
                out[node.name.value] = LockHelper((path,), is_property=bool(decorators), key=key)
    return out


@dataclass(frozen=True, slots=True)
class LockTaker:
    """A function called as a statement or tested, not entered, that returns holding locks it took:
    `def _acquire(self): if not self._lock.acquire(timeout=t): raise Timeout` (`tries` False:
    held after the call returns), `def _try_lock(self): return self._lock.acquire(timeout=t)`
    (`tries`: held only where the call's result is tested true, as `lock.acquire(timeout=t)` is),
    one or more levels deep (tests/corpus/il102_helper_returns_try_acquire)."""
    locks: tuple[str, ...]
    tries: bool = False
    releases: bool = False     # the other half: `def _unlock(self): self._lock.release()`


def find_lock_takers(scope, defs: list[cst.FunctionDef], is_method: bool,
                     inherited: dict | None = None) -> dict[str, LockTaker]:
    """The functions among `defs` (a class's methods, or a module's functions) that return holding
    a lock, by name; `inherited`: those of bases of the same file. Helpers of other kinds
    (`@contextmanager`, properties, `__enter__`) are not takers."""
    from interlock.extractor.functions import param_names

    out: dict[str, LockTaker] = dict(inherited or {})
    candidates = []
    for node in defs:
        name = node.name.value
        out.pop(name, None)
        if node.decorators or name.startswith("__") or node.asynchronous is not None:
            continue
        params = param_names(node.params)
        self_name = params[0] if is_method and params and not params[0].startswith("*") else None
        if is_method and self_name is None:
            continue
        candidates.append((node, _PathNamer(scope, self_name)))
    changed = True
    while changed:          # a helper returning another helper's result: to a fixed point
        changed = False
        for node, namer in candidates:
            if node.name.value in out:
                continue
            taker = _taker(node, namer, out) or _releaser(node, namer)
            if taker is not None:
                out[node.name.value] = taker
                changed = True
    return out


def _taker(node: cst.FunctionDef, namer: _PathNamer, known: dict) -> LockTaker | None:
    namer = replace(namer, takers=known)
    acquired = {namer(c.func.value) for c in findall(node.body, cst.Call)
                if isinstance(c.func, cst.Attribute) and c.func.attr.value == "acquire"}
    acquired |= {p for c in findall(node.body, cst.Call) if (t := known.get(_own_call(c, namer) or "")) is not None
                 and not t.releases for p in t.locks}
    acquired |= {namer(lock) for c in findall(node.body, cst.Call)
                 if (lock := acquiring_call(c, getattr(namer.scope, "module_defs", ()))) is not None}
    acquired.discard(None)
    if not acquired:
        return None
    if findall(node.body, (cst.Yield, cst.FunctionDef, cst.Lambda)):
        return None
    returns = _Returns()
    end = _held_at_yields(_stmts(node.body), (), namer, returns, at=cst.Return)
    last = _stmts(node.body)[-1]
    if isinstance(last, cst.SimpleStatementLine) and isinstance(last.body[-1], (cst.Return, cst.Raise)):
        end = None          # does not fall off its end
    values = [r.value for r in returns.nodes]
    # tried: every return hands out an acquire's result (or a tryer's), or True holding the lock
    # and False (None) without it; falling off the end returns None
    tried = None
    for held, value in zip(returns, values):
        lock = _tried_value(value, namer, known)
        if lock is None and isinstance(value, cst.Name) and value.value == "True" and held:
            lock = held[-1]
        if lock is None and not (value is None or isinstance(value, cst.Name) and value.value in ("False", "None")):
            tried = None
            break
        if lock is not None:
            if tried not in (None, lock):
                tried = None
                break
            tried = lock
    if tried is not None and tried not in (end or ()) and tried in acquired | _tried_locks(values, namer, known) \
            and all(tried not in held or isinstance(v, cst.Name) and v.value == "True" or _tried_value(v, namer, known)
                    for held, v in zip(returns, values)):
        return LockTaker((tried,), tries=True)
    # taken: held at every return and at the end, and acquired by a statement (not a `with`)
    common = [p for p in (end if end is not None else returns[0] if returns else ())
              if p in acquired and all(p in h for h in returns)]
    if common:
        return LockTaker(tuple(common))
    return None


def _releaser(node: cst.FunctionDef, namer: _PathNamer) -> LockTaker | None:
    """`def _unlock(self): self._lock.release()`: a `release()` statement of the function's own
    block (or of its top-level `finally`), and no `acquire` in it. The caller drops the lock after
    the call only when it holds it there."""
    stmts = [s for s in _stmts(node.body) if not is_docstring(s)]
    released: list[str] = []
    for s in stmts:
        lines = [s] if isinstance(s, cst.SimpleStatementLine) else \
            _stmts(s.finalbody.body) if isinstance(s, cst.Try) and s.finalbody is not None else []
        for line in lines:
            for small in line.body if isinstance(line, cst.SimpleStatementLine) else ():
                call = small.value if isinstance(small, cst.Expr) else None
                if isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute) \
                        and call.func.attr.value == "release" and not call.args \
                        and (path := namer(call.func.value)) is not None and path not in released:
                    released.append(path)
    if not released or findall(node.body, (cst.Yield, cst.FunctionDef, cst.Lambda)) \
            or any(isinstance(c.func, cst.Attribute) and c.func.attr.value == "acquire"
                   for c in findall(node.body, cst.Call)):
        return None
    return LockTaker(tuple(released), releases=True)


def _own_call(call: cst.Call, namer: _PathNamer) -> str | None:
    """The name of the method of the object (`self.m(...)`) or the module function (`f(...)`) called."""
    if isinstance(call.func, cst.Attribute) and isinstance(call.func.value, cst.Name) \
            and namer.self_name is not None and call.func.value.value == namer.self_name:
        return call.func.attr.value
    if isinstance(call.func, cst.Name) and namer.self_name is None:
        return call.func.value
    return None


def _tried_value(value, namer: _PathNamer, known: dict) -> str | None:
    """The lock whose try-acquire's result `value` is: `lock.acquire(...)`, a tryer's call, or
    `a if c else b` of two of them on the same lock."""
    if isinstance(value, cst.IfExp):
        arms = {_tried_value(value.body, namer, known), _tried_value(value.orelse, namer, known)}
        return arms.pop() if len(arms) == 1 else None
    if not isinstance(value, cst.Call):
        return None
    lock = _acquired_lock(value, namer)
    if lock is not None:
        return lock
    taker = known.get(_own_call(value, namer) or "")
    return taker.locks[0] if taker is not None and taker.tries else None


def _tried_locks(values: list, namer: _PathNamer, known: dict) -> set:
    return {lock for v in values if v is not None and (lock := _tried_value(v, namer, known)) is not None}


@dataclass(frozen=True, slots=True)
class _PathNamer:
    scope: object
    self_name: str | None
    elements: dict | None = None     # locals holding a lock per key: name -> the container's path
    takers: dict | None = None       # the LockTakers known so far (find_lock_takers)

    def __call__(self, expr: cst.BaseExpression) -> str | None:
        """`self._lock` or a module global (`_LOCK` -> `pkg.mod._LOCK`), or the container of a lock
        per key (`lock` of `lock = self._locks.setdefault(k, Lock())` -> `self._locks`); else None."""
        if isinstance(expr, cst.Name) and self.elements and expr.value in self.elements:
            return self.elements[expr.value]
        name = dotted(expr)
        if name is None:
            return None
        head, _, rest = name.partition(".")
        if head == self.self_name and rest:
            return f"self.{rest}"
        if self.self_name != head and head in self.scope.globals:
            return self.scope.qualify(name)
        return None


def lock_element(expr: cst.BaseExpression, is_table=None) -> cst.BaseExpression | None:
    """`locks[key]`, `locks.setdefault(key, Lock())`, `locks.get(key)` of a container named like
    locks (`_key_locks`, `_BUILD_LOCKS`), or that `is_table(container)` knows holds locks
    (`forks = [threading.Lock() for _ in range(5)]`): the container. A lock per key, taken as the
    container's lock, the way `with self._locks[key]:` is (tests/corpus/il201_cache_fill_per_key_lock)."""
    if type(expr) is cst.Subscript and len(expr.slice) == 1 and type(expr.slice[0].slice) is cst.Index:
        container = expr.value
    elif isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute) \
            and expr.func.attr.value in ("setdefault", "get") and expr.args and expr.args[0].keyword is None:
        container = expr.func.value
    else:
        return None
    name = dotted(container)
    if name is None:
        return None
    return container if cat.LOCKISH.search(name.rsplit(".", 1)[-1]) or (is_table is not None and is_table(container)) \
        else None


#: a container built of locks: `[threading.Lock() for _ in range(n)]`, `{k: RLock() for k in ks}`,
#: `[Lock(), Lock()]`, `defaultdict(threading.Lock)`
LOCK_TABLE = re.compile(
    r"^\s*(?:[\[{(].*\b(?:R?Lock|(?:Bounded)?Semaphore|Condition)\(|(?:collections\.)?defaultdict\(\s*"
    r"(?:threading\.|asyncio\.)?(?:R?Lock|(?:Bounded)?Semaphore)\s*\))", re.S)


def _stmts(block) -> list:
    return [block] if isinstance(block, cst.SimpleStatementSuite) else list(block.body)


class _Nodes:
    """The nodes of a def's body the helper checks read (bindings and returns), nested defs
    included, collected statement by statement: their expressions are not walked (most of a
    tree's nodes), but for `:=` when the def's text has one."""
    SMALL = leaves(cst.Assign, cst.AnnAssign, cst.AugAssign, cst.Return)

    def __init__(self, node: cst.FunctionDef, positions=None) -> None:
        self.all: list = []
        self._block(_stmts(node.body))
        span = positions.span(node) if positions is not None else None
        if span is None or any(":=" in line for line in positions.lines[span[0] - 1:span[2]]):
            self.all.extend(findall(node.body, cst.NamedExpr))

    def _block(self, stmts) -> None:
        add = self.all.append
        for s in stmts:
            if type(s) in LINES:
                for small in s.body:
                    if type(small) in self.SMALL:
                        add(small)
                    elif type(small) in IMPORTS and type(small.names) is not cst.ImportStar:
                        self.all.extend(a.asname for a in small.names if a.asname is not None)
                continue
            if isinstance(s, cst.For):
                add(s)
            elif isinstance(s, cst.With):
                self.all.extend(i.asname for i in s.items if i.asname is not None)
            for h in getattr(s, "handlers", ()) or ():
                if h.name is not None:
                    add(h.name)
            if type(s) in DEFS:
                self._block(_stmts(s.body))
            else:
                for block in blocks(s):
                    self._block(block)

    def of(self, *kinds: type) -> list:
        kinds = leaves(*kinds)
        return [n for n in self.all if type(n) in kinds]


def _returned(node: cst.FunctionDef, namer: _PathNamer, nodes: _Nodes) -> str | None:
    body = [s for s in _stmts(node.body) if not is_docstring(s)]
    if len(body) != 1 or not isinstance(body[0], cst.SimpleStatementLine) or len(body[0].body) != 1:
        return _returned_element(nodes, namer)
    small = body[0].body[0]
    if not isinstance(small, cst.Return) or small.value is None:
        return None
    return namer(lock_element(small.value) or small.value)


def _returned_element(nodes: _Nodes, namer: _PathNamer) -> str | None:
    """`_lock_for(key)` whose every `return` hands out a lock per key, in a local holding one or
    taken from the container right there (`return self._locks.setdefault(key, Lock())`): the
    container's path (`with self._lock_for(key):` holds it)."""
    returns = nodes.of(cst.Return)
    paths = {_element_path(r.value, namer) if r.value is not None else None for r in returns}
    return paths.pop() if len(paths) == 1 and None not in paths else None


def _key_param(node: cst.FunctionDef, namer: _PathNamer, path: str, params: list[str]) -> tuple[int, str] | None:
    """The parameter a helper handing out a lock per key of the container `path` takes the lock
    by: `key` of every `self._locks.setdefault(key, Lock())` / `.get(key)` / `self._locks[key] = ...`
    in `_lock_for(self, key)`, when all of them use that one parameter (never rebound). With it,
    `with self._lock_for(src):` holds `self._locks[src]` (IL301 orders two of them)."""
    keys = set()
    for expr in findall(node.body, (cst.Subscript, cst.Call)):
        container = lock_element(expr)
        if container is None or namer(container) != path:
            continue
        index = expr.slice[0].slice.value if isinstance(expr, cst.Subscript) else expr.args[0].value
        keys.add(index.value if isinstance(index, cst.Name) else None)
    if len(keys) != 1 or None in keys:
        return None
    name = keys.pop()
    if name not in params or any(isinstance(t, cst.Name) and t.value == name
                                 for a in findall(node.body, cst.Assign) for t in (x.target for x in a.targets)):
        return None
    return params.index(name), name


def _element_path(value: cst.BaseExpression, namer: _PathNamer) -> str | None:
    """The container of the lock per key `value` is, a local holding one or an element expression."""
    if isinstance(value, cst.Name):
        return namer(value) if namer.elements and value.value in namer.elements else None
    container = lock_element(value)
    return namer(container) if container is not None else None


_LOCK_MAKERS = frozenset({"Lock", "RLock", "Semaphore", "BoundedSemaphore", "Condition"})


def _element_locals(nodes: _Nodes, namer: _PathNamer) -> dict[str, str]:
    """Locals of `node` that hold a lock per key: every binding takes it from one container named
    like locks (`lock = self._locks.get(key)`, `.setdefault(key, Lock())`, `[key]`), or makes a new
    lock the function stores in that container (`lock = self._locks[key] = threading.Lock()`,
    `lock = Lock()` then `self._locks[key] = lock`). Name -> the container's path."""
    sources: dict[str, set] = {}
    stored: set[tuple[str, str]] = set()        # (container path, name or "") of `c[k] = ... = name`
    for a in nodes.of(cst.Assign):
        targets = [t.target for t in a.targets]
        for t in targets:
            if isinstance(t, cst.Subscript) and (path := namer(t.value)) is not None:
                stored.add((path, ""))
                stored.update((path, n.value) for n in targets if isinstance(n, cst.Name))
                if isinstance(a.value, cst.Name):
                    stored.add((path, a.value.value))
        for t in targets:
            if isinstance(t, cst.Name):
                sources.setdefault(t.value, set()).add(_element_source(a.value, namer))
    for t in nodes.of(cst.AnnAssign, cst.AugAssign, cst.For, cst.NamedExpr, cst.AsName):
        target = getattr(t, "target", None) or getattr(t, "name", None)
        if isinstance(target, cst.Name):
            sources.setdefault(target.value, set()).add(None)
    out = {}
    for name, found in sources.items():
        paths = {p for p in found if p not in (None, "<new>")}
        if len(paths) == 1 and None not in found:
            path = next(iter(paths))
            if "<new>" not in found or (path, name) in stored:
                out[name] = path
    return out


def _element_source(value: cst.BaseExpression, namer: _PathNamer) -> str | None:
    """The container path a binding takes a lock per key from, "<new>" for a new lock, else None."""
    container = lock_element(value)
    if container is not None:
        return namer(container)
    if isinstance(value, cst.Call):
        name = dotted(value.func)
        if name is not None and name.rsplit(".", 1)[-1] in _LOCK_MAKERS:
            return "<new>"
    return None


_YIELD = cst.Yield


def _yielded(node: cst.FunctionDef, namer: _PathNamer) -> str | None:
    """The field or global every `yield` of the generator hands out (`yield self._sessions`), else None."""
    found = {namer(y.value) if isinstance(y.value, (cst.Name, cst.Attribute))
             and not (isinstance(y.value, cst.Name) and y.value.value in (namer.elements or ())) else None
             for y in findall(node.body, cst.Yield)}
    return found.pop() if len(found) == 1 else None


def _entered_locks(enter: cst.FunctionDef, leave: cst.FunctionDef | None, namer: _PathNamer) -> tuple[str, ...]:
    """The locks of its object (`self._lock`) `__enter__` holds at every `return` and at its end,
    and that `__exit__` releases (`self._lock.release()` anywhere in it), outermost first."""
    if leave is None:
        return ()
    held: list[tuple[str, ...]] = []
    held.append(_held_at_yields(_stmts(enter.body), (), namer, held, at=cst.Return))
    released = {namer(c.func.value) for c in findall(leave.body, cst.Call)
                if isinstance(c.func, cst.Attribute) and c.func.attr.value == "release"}
    return tuple(p for p in held[0] if p.startswith("self.") and p in released and all(p in h for h in held[1:]))


def findall_stmts(stmts: list) -> list:
    """`stmts` and the statements nested in them (not in nested defs)."""
    out = []
    for s in stmts:
        out.append(s)
        if not isinstance(s, (cst.FunctionDef, cst.ClassDef)):
            for block in blocks(s):
                out.extend(findall_stmts(block))
    return out


def _flag_arm(stmts: list) -> tuple[list, str | None]:
    """A `@contextmanager`'s statements without a first `if <flag>: ... yield ...; return` (no
    `else`, no lock taken in it), and that flag (`thread_local` of `self._settings.thread_local`)."""
    from interlock.extractor.events_stmt import flag_key

    body = [s for s in stmts if not is_docstring(s)]
    first = body[0] if body else None
    if not isinstance(first, cst.If) or first.orelse is not None or len(body) < 2:
        return stmts, None
    arm = _stmts(first.body)
    last = arm[-1] if arm else None
    flag = flag_key(first.test)
    if flag is None or not isinstance(last, cst.SimpleStatementLine) or not isinstance(last.body[-1], cst.Return) \
            or not findall(first.body, cst.Yield) or findall(first.test, cst.Call) \
            or any(isinstance(c.func, cst.Attribute) and c.func.attr.value in ("acquire", "release")
                   for c in findall(first.body, cst.Call)) or findall(first.body, cst.With):
        return stmts, None
    return body[1:], flag


def _held_at_yields(stmts: list, held: tuple[str, ...], namer: _PathNamer, out: list, at=_YIELD,
                    polls: bool = False) -> tuple[str, ...]:
    """Append the locks held at each `yield` (each node of type `at`: `cst.Return`) to `out`; return those held
    after the statements. `polls`: a `while not lock.acquire(timeout=t):` loop takes the lock at a `yield` too."""
    for s in stmts:
        if isinstance(s, (cst.SimpleStatementLine, cst.SimpleStatementSuite)):
            for small in s.body:
                held = _small(small, held, namer, out, at)
        elif isinstance(s, cst.With):
            inner = tuple(p for item in s.items if (p := namer(item.item)) is not None)
            _held_at_yields(_stmts(s.body), held + inner, namer, out, at, polls)
        elif isinstance(s, cst.Try):
            held = _held_at_yields(_stmts(s.body), held, namer, out, at, polls)
            for arm in (*s.handlers, s.orelse):
                if arm is not None:
                    _held_at_yields(_stmts(arm.body), held, namer, out, at, polls)
            if s.finalbody is not None:
                held = _held_at_yields(_stmts(s.finalbody.body), held, namer, out, at, polls)
        elif (at is cst.Return or polls) and (polled := _polled_acquire(s, namer)) is not None:
            # `while not self._lock.acquire(timeout=t): ...`: the body runs without the lock, the
            # loop ends holding it
            _held_at_yields(_stmts(s.body), held, namer, out, at, polls)
            held = held + (polled,)
        elif at is cst.Return and (tried := _tried_acquire(s, namer)) is not None:
            # `if self._lock.acquire(False): return True`: the arm holds the lock
            _held_at_yields(_stmts(s.body), held + (tried,), namer, out, at, polls)
            for block in blocks(s.orelse) if s.orelse is not None else ():
                _held_at_yields(block, held, namer, out, at, polls)
        elif (at is cst.Return or polls) and (timed := _failed_acquire(s, namer)) is not None:
            # `if not self._lock.acquire(timeout=t): raise Timeout(...)` in a lock wrapper's
            # `__enter__`: held once past the test (a `@contextmanager` doing so stays a call,
            # applied at link as a guard, so that what its own body blocks on, its retries and
            # sleeps, stay visible: LockHelper.waits, tests/corpus/il201_timed_guard_contextmanager)
            _held_at_yields(_stmts(s.body), held, namer, out, at, polls)
            held = held + (timed,)
        elif not isinstance(s, (cst.FunctionDef, cst.ClassDef)):
            for block in blocks(s):          # a branch arm's acquisitions stay in the arm
                _held_at_yields(block, held, namer, out, at, polls)
    return held


def _waits(call: cst.Call) -> bool:
    """`acquire(timeout=t)`, `acquire(True, 5)`: a statement that waits for the lock (not
    `acquire(False)` / `blocking=False`, which may return without it)."""
    for i, a in enumerate(call.args):
        name = a.keyword.value if a.keyword is not None else ("blocking" if i == 0 else "timeout")
        if name == "blocking" and not (isinstance(a.value, cst.Name) and a.value.value == "True"):
            return False
    return True


def _failed_acquire(s, namer: _PathNamer) -> str | None:
    """The lock of `if not <lock>.acquire(...): ... raise ...` (no `else`, the arm ends raising or
    returning)."""
    if not isinstance(s, cst.If) or s.orelse is not None or not isinstance(s.test, cst.UnaryOperation) \
            or not isinstance(s.test.operator, cst.Not):
        return None
    call = s.test.expression
    body = _stmts(s.body)
    if not body or not isinstance(body[-1], cst.SimpleStatementLine) \
            or not isinstance(body[-1].body[-1], (cst.Raise, cst.Return)):
        return None
    return _acquired_lock(call, namer)


#: a function of another file named for taking the lock it is handed, returning whether it did:
#: `acquire_thread_lock(self._lock, timeout=t)`
ACQUIRING_FUNCTION = re.compile(r"^_?(?:try_)?acquire_\w+$")


def acquiring_call(call: cst.Call, own_names) -> cst.BaseExpression | None:
    """The lock argument of `acquire_x(lock, ...)` / `mod.acquire_x(lock, ...)`, a function not
    defined in this file (`own_names`) whose name says it acquires the lock it is handed."""
    name = dotted(call.func)
    if name is None or name.partition(".")[0] in ("self", "cls") or name in own_names \
            or not ACQUIRING_FUNCTION.match(name.rsplit(".", 1)[-1]):
        return None
    first = next((a for a in call.args if not a.star), None)
    return first.value if first is not None and first.keyword is None else None


def _acquired_lock(test, namer: _PathNamer) -> str | None:
    """The lock of `<lock>.acquire(...)` (or of a tryer's call, or of `acquire_x(lock, ...)`)."""
    if not isinstance(test, cst.Call):
        return None
    if isinstance(test.func, cst.Attribute) and test.func.attr.value == "acquire":
        return namer(test.func.value)
    taker = namer.takers.get(_own_call(test, namer) or "") if namer.takers else None
    if taker is not None:
        return taker.locks[0] if taker.tries else None
    lock = acquiring_call(test, getattr(namer.scope, "module_defs", ()))
    return namer(lock) if lock is not None else None


def _polled_acquire(s, namer: _PathNamer) -> str | None:
    """The lock of `while not <lock>.acquire(...): ...` (no `else`, no `break` in the body)."""
    if not isinstance(s, cst.While) or s.orelse is not None or not isinstance(s.test, cst.UnaryOperation) \
            or not isinstance(s.test.operator, cst.Not) or breaks_loop(s.body):
        return None
    return _acquired_lock(s.test.expression, namer)


def _tried_acquire(s, namer: _PathNamer) -> str | None:
    """The lock of `if <lock>.acquire(...):`."""
    return _acquired_lock(s.test, namer) if isinstance(s, cst.If) else None


def _small(small, held: tuple[str, ...], namer: _PathNamer, out: list, at=_YIELD) -> tuple[str, ...]:
    call = small.value if isinstance(small, cst.Expr) else None
    if isinstance(call, cst.Await):
        call = call.expression
    taker = namer.takers.get(_own_call(call, namer) or "") if namer.takers and isinstance(call, cst.Call) else None
    if taker is not None and taker.releases:
        return tuple(p for p in held if p not in taker.locks)
    if taker is not None and not taker.tries:
        return held + tuple(p for p in taker.locks if p not in held)
    if isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute) \
            and (not call.args or at is cst.Return and call.func.attr.value == "acquire" and _waits(call)):
        path = namer(call.func.value)
        if path is not None and call.func.attr.value == "acquire":
            return held + (path,)
        if path is not None and call.func.attr.value == "release":
            return tuple(p for p in held if p != path)
    if findall(small, at):
        out.append(held)
        if isinstance(out, _Returns):
            out.nodes.append(small)
    return held


class _Returns(list):
    """The locks held at each `return`, with the statements (`nodes`) in the same order."""

    def __init__(self) -> None:
        super().__init__()
        self.nodes: list = []


def helper_locks(walker, expr: cst.BaseExpression, acc) -> list:
    """The locks the helper used in `with <expr>:` hands out, as the walker's accesses
    (`with self._guard():`, `with locked():`, `with self.lock:` of a property). Empty unless
    all of them are locks."""
    from interlock.extractor.events_expr import GLOBAL, SELF

    helper = lock_helper(walker, expr, acc)
    if helper is None:
        return []
    locks = [lock_access(walker, path, GLOBAL, SELF) for path in helper.locks]
    return locks if all(_is_lock(walker, lock) for lock in locks) else []


def helper_yield(walker, expr: cst.BaseExpression):
    """The walker's access for what the lock helper `with <expr> as x:` hands out at its `yield`
    (`yield self._sessions`: `x` is that field), else None."""
    from interlock.extractor.events_expr import GLOBAL, SELF

    helper = lock_helper(walker, expr, None)
    return lock_access(walker, helper.yields, GLOBAL, SELF) if helper is not None and helper.yields else None


def lock_helper(walker, expr: cst.BaseExpression, acc) -> LockHelper | None:
    """The lock helper `with <expr>:` uses, if any."""
    from interlock.extractor.events_expr import IMPORTED, SELF

    cls, helper = walker.cls, None
    if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute) and cls is not None:
        recv = walker.access(expr.func.value)
        if recv is not None and recv.root == SELF and recv.path == "self":
            helper = cls.lock_helpers.get(expr.func.attr.value)
    elif isinstance(expr, cst.Call) and isinstance(expr.func, cst.Name):
        name = expr.func.value
        if name not in walker.locals and walker.root_of(name)[1] != IMPORTED:
            helper = walker.scope.lock_helpers.get(name)
    elif acc is not None and acc.root == SELF and acc.depth == 1 and cls is not None:
        helper = cls.lock_helpers.get(acc.path.split(".", 1)[1])
    if helper is None or helper.is_property != (not isinstance(expr, cst.Call)) or helper.waits or helper.unless:
        return None         # a waiting or flag-skipped guard stays a call (lockscopes.py applies it)
    return helper


def lock_access(walker, path: str, global_root: str, self_root: str):
    from interlock.extractor.events_expr import Access

    if path.startswith("self."):
        return Access(path, path, self_root, path.count("."))
    return Access(path, path, global_root, len(path.split(".")) - len(walker.scope.qualify("_").split(".")))


def _is_lock(walker, acc) -> bool:
    # stricter than a bare `with self.x:`: an attribute of another class must be named as a lock
    # a container named like locks: a lock per key the helper took from it (lock_element)
    kind = walker.kind_of(acc)
    return kind in LOCK_KINDS or (kind in (None, cat.K.CONTAINER) and bool(cat.LOCKISH.search(acc.path.rsplit(".", 1)[-1])))
