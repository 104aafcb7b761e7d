"""Parameter types from the callers: an unannotated parameter to which every call site in scope
passes an object of one class is typed with that class, so the calls made on it resolve as on an
annotated one.

A call site is a call of the function (`worker(board)`, `await upload(slots, n)`, `Ledger(store)`)
or a spawn that runs it with arguments (`Thread(target=worker, args=(board, inbox))`,
`pool.submit(worker, board)`, `run_in_executor(None, worker, board)`, `create_task(upload(slots))`,
`gather(*(upload(slots, n) for n in names))`). An argument's class is known when it is `self`, a
parameter of the caller that is typed (annotated, or typed here in an earlier round), a local the
caller builds once (`board = JobBoard()`), a field or module global holding an object of a class
in scope, or a constructor call. One site whose argument is unknown, missing or of another class
(a spawn of another kind, `*args`, a default left out) leaves the parameter untyped
(tests/corpus/il201_untyped_param_from_spawn, il403_untyped_param_from_gather).

A parameter to which the sites pass objects of several classes, each known, stays untyped, but a
call of a method on it (`cache.refresh()`) or a thread, job or task started on one
(`Thread(target=cache.refresh)` in `warm(cache)`, called as `warm(rates)` and `warm(users)`) is
a branch on its class with an arm per class: each class's method runs (or becomes a context) on
some path (tests/corpus/il202_spawn_target_of_polymorphic_param).
"""
from __future__ import annotations

import ast

from interlock.extractor.index import flatten
from interlock.extractor.resolution import CallResolver, callable_named
from interlock.extractor.tree import splice_events
from interlock.models.arguments import bind_params, is_keyword, parse_expr, spawn_args
from interlock.models.program import (
    LOCALS, AttributeInfo, AttrKind, Branch, Event, EventKind, FunctionInfo, ModuleInfo, Node, body_events,
)

ROUNDS = 3          # a parameter passed on to a helper is typed one round after its own

# caller, module, args, callee, whether the site spawns the function (a thread/job/task target)
Site = tuple["FunctionInfo | None", str, "tuple[str, ...] | None", str, bool]


def infer(resolver: CallResolver, functions: dict[str, FunctionInfo], modules: dict[str, ModuleInfo],
          resolve) -> dict[str, FunctionInfo]:
    """`functions` with the parameters their callers agree on typed, their calls re-resolved
    (by `resolve(resolver, fn)`), and the calls on parameters of several classes branched."""
    memo: dict[int, tuple] = {}         # each body's call sites, kept across rounds
    functions, pending = _agree_rounds(resolver, functions, modules, resolve, memo)
    branched = _each_class(resolver, functions, modules, resolve, memo)
    if branched == functions:
        return functions
    resolver.names.functions = branched
    # the arms are call sites too: the branched functions (and what the first rounds left to look
    # at) are looked at again, and the functions they call, as in a later round
    dirty = pending | {q for q, f in branched.items() if f is not functions.get(q)}
    return _agree_rounds(resolver, branched, modules, resolve, memo, dirty)[0]


def _agree_rounds(resolver: CallResolver, functions: dict[str, FunctionInfo], modules: dict[str, ModuleInfo],
                  resolve, memo: dict[int, tuple] | None = None,
                  dirty: set[str] | None = None) -> tuple[dict[str, FunctionInfo], set[str]]:
    """`functions` with the parameters their callers agree on typed, round by round, and the
    functions left to look at when the rounds ran out (empty when the last round changed nothing).
    After the first round only the functions a changed function calls (or that changed) are
    looked at again: what a site passes is typed from its caller. `dirty`: the functions changed
    since an earlier run of the rounds (None: look at every function in the first round)."""
    for _ in range(ROUNDS):
        changed = {}
        sites = _sites(functions, modules, memo)
        for q, fn in functions.items():
            if q not in sites and not fn.keyed:
                continue
            if dirty is not None and q not in dirty and not any(
                    caller is not None and caller.qualname in dirty for caller, *_ in sites.get(q, ())):
                continue
            update, mine = {}, sites.get(q, [])
            bound = _Bound(resolver, fn, mine)      # the arguments by parameter, bound once for the five
            if mine and (types := _agreed(resolver, fn, mine, bound)):
                update["param_types"] = {**fn.param_types, **types}
            if mine and (held := _agreed_elements(resolver, fn, mine, modules, bound)):
                update["param_annotations"] = {**fn.param_annotations, **held}
            if mine and (kinds := _agreed_class_params(resolver, fn, mine, bound)):
                update["class_params"] = {**fn.class_params, **kinds}
            if mine and (calls := _agreed_callables(resolver, fn, mine, bound)):
                update["callables"] = {**fn.callables, **calls}
            if fn.keyed and (keyed := _keyed(resolver, fn, mine, bound)):
                update["fetched"] = {**fn.fetched, **keyed}
            if update:
                changed[q] = resolve(resolver, fn.model_copy(update=update))
        if not changed:
            return functions, set()
        functions = {**functions, **changed}
        resolver.names.functions = functions
        # nested functions (a router factory's routes) call methods on the typed parameters too
        nested = {q: resolve(resolver, f) for q, f in functions.items()
                  if q not in changed and _inside(q, changed)}
        functions = {**functions, **nested}
        resolver.names.functions = functions
        dirty = set(changed) | set(nested)
    return functions, dirty or set()


def _inside(q: str, functions) -> bool:
    """`q` is nested in one of `functions` (`mod.factory.route` in `mod.factory`)."""
    i = q.rfind(".")
    while i > 0:
        if q[:i] in functions:
            return True
        i = q.rfind(".", 0, i)
    return False


def _each_class(resolver: CallResolver, functions: dict[str, FunctionInfo], modules: dict[str, ModuleInfo],
                resolve, memo: dict[int, tuple] | None = None) -> dict[str, FunctionInfo]:
    """`functions` with each call or spawn of a method on a parameter the sites pass objects of
    several classes to replaced by a branch with one arm per class."""
    unions, out = _unions(resolver, functions, _sites(functions, modules, memo)), dict(functions)
    for q, mine in unions.items():
        fn = functions[q]
        body = splice_events(fn.body, lambda ev, fn=fn, mine=mine: _arms(resolver, fn, ev, mine, resolve))
        if body is not fn.body:
            out[q] = fn.model_copy(update={"body": body})
    return out


def _unions(resolver: CallResolver, functions: dict[str, FunctionInfo],
            sites: dict[str, list[Site]]) -> dict[str, dict[str, tuple[str, ...]]]:
    """Function -> parameter -> the classes of the objects the sites pass for it, for the untyped
    parameters every site passes a known object to and that get objects of more than one class.
    A parameter passed on (`Thread(target=keep_fresh, args=(cache,))` in `warm(cache)`) gets the
    classes the caller's own parameter gets, one round later."""
    found: dict[str, dict[str, tuple[str, ...]]] = {}
    bound: dict[str, _Bound] = {}         # each function's sites bound once for the rounds
    for _ in range(ROUNDS):
        grown = False
        for q, mine in sites.items():
            fn = functions.get(q)
            params = [p for p in _bindable(fn) if not p.startswith("*") and p not in fn.param_types] if fn else []
            if not params:
                continue
            seen: dict[str, set[str | None]] = {p: set() for p in params}
            if q not in bound:
                bound[q] = _Bound(resolver, fn, mine)
            for caller, module, passed in bound[q]:
                for p in params:
                    value = passed.get(p) if passed is not None else None
                    seen[p] |= _classes_of(resolver, caller, module, value, found) if value is not None else {None}
            now = {p: tuple(sorted(c)) for p, c in seen.items() if len(c) > 1 and None not in c}
            if now and now != found.get(q):
                found[q], grown = now, True
        if not grown:
            break
    return found


def _classes_of(resolver: CallResolver, caller: FunctionInfo | None, module: str, text: str,
                found: dict[str, dict[str, tuple[str, ...]]]) -> set[str | None]:
    """The classes the object `text` names in `caller` may have: its one class, or the classes
    found so far for a parameter of the caller that gets several ({None}: not known)."""
    if caller is not None and text in found.get(caller.qualname, {}):
        return set(found[caller.qualname][text])
    return {_class_of(resolver, caller, module, text)}


def _arms(resolver: CallResolver, fn: FunctionInfo, ev: Event, unions: dict[str, tuple[str, ...]],
          resolve) -> tuple:
    """A call or spawn of a method on a parameter of several classes (`cache.refresh()`,
    `Thread(target=cache.refresh)`) as a branch on the parameter's class, each arm the event
    resolved (by `resolve`) with the parameter typed as that class; the event itself when it is
    no such call or some class does not resolve it."""
    head = _receiver(resolver, ev)
    if head not in unions:
        return (ev,)
    arms = []
    for cls in unions[head]:
        typed = fn.model_copy(update={"param_types": {**fn.param_types, head: cls}, "body": (ev,)})
        body = resolve(resolver, typed).body
        if len(body) != 1 or not _resolves(resolver, body[0]):
            return (ev,)
        arms.append((cls, body[0]))
    node: Node = arms[-1][1]
    for cls, arm in reversed(arms[:-1]):
        test = f"isinstance({head}, {cls.rpartition('.')[2]})"
        node = Branch(cond=Event(kind=EventKind.BRANCH, loc=ev.loc, value=test), then=(arm,), orelse=(node,))
    return (node,)


def _receiver(resolver: CallResolver, ev: Event) -> str | None:
    """The name a call's receiver, or a spawn target's, starts with (`cache` of
    `cache.refresh`), when it is not resolved yet."""
    if ev.kind is EventKind.SPAWN and ev.spawn is not None:
        text = ev.spawn.target if ev.spawn.resolved not in resolver.functions else ""
    elif ev.kind in (EventKind.CALL, EventKind.MUTATE):
        text = (ev.callee or "") if ev.resolved not in resolver.functions else ""
    else:
        return None
    head, dot, _ = text.partition(".")
    return head if dot else None


def _resolves(resolver: CallResolver, ev) -> bool:
    """`ev` is an event that now runs (or starts) a function in scope."""
    if type(ev) is not Event:
        return False
    if ev.kind is EventKind.SPAWN:
        return ev.spawn is not None and ev.spawn.resolved in resolver.functions
    return ev.kind is EventKind.CALL and ev.resolved in resolver.functions


def _sites(functions: dict[str, FunctionInfo], modules: dict[str, ModuleInfo],
           memo: dict[int, tuple] | None = None) -> dict[str, list[Site]]:
    """Callee -> its call sites, in body order. `memo` (id of a caller or module -> (it, its
    sites)) keeps each body's sites across rounds: only the functions a round changed are walked
    again (the routing lookups depend only on the names in scope, the same across rounds)."""
    out: dict[str, list[Site]] = {}
    memo = {} if memo is None else memo
    for m in modules.values():
        for callee, site in _sites_of(memo, m, None, m.name, m.body, functions, modules):
            out.setdefault(callee, []).append(site)
    for f in functions.values():
        for callee, site in _sites_of(memo, f, f, f.module, f.body, functions, modules):
            out.setdefault(callee, []).append(site)
    return out


def _sites_of(memo: dict[int, tuple], key, caller: FunctionInfo | None, module: str, body,
              functions: dict[str, FunctionInfo], modules: dict[str, ModuleInfo]) -> list[tuple[str, Site]]:
    """(callee, site) for each call site in one body, from `memo` while `key` is the same object."""
    hit = memo.get(id(key))
    if hit is not None and hit[0] is key:
        return hit[1]
    out: list[tuple[str, Site]] = []
    for ev in flatten(body):
        if ev.kind is EventKind.CALL and ev.resolved:
            out.append((ev.resolved, (caller, module, ev.args, ev.callee or "", False)))
        elif ev.kind is EventKind.SPAWN and ev.spawn is not None and ev.spawn.resolved:
            out.append((ev.spawn.resolved, (caller, module, spawn_args(ev), ev.spawn.target, True)))
            if ev.resolved and ev.resolved != ev.spawn.resolved and ev.resolved.endswith(".__init__"):
                # `UploadWorker(quota, p).start()`: the Thread subclass's constructor, called here
                out.append((ev.resolved, (caller, module, ev.args, ev.callee or "", False)))
        if ev.kind is EventKind.CALL and (ev.callee or "").rsplit(".", 1)[-1] in _ROUTING:
            for target, kwargs in _routed_initializers(functions, modules, module, ev.args):
                out.append((target, (caller, module, kwargs, "", False)))
    memo[id(key)] = (key, out)
    return out


#: Tornado's routing calls: `Application([(r"/x", Handler, dict(db=db))])`, `url(r"/x", Handler, kwargs)`
_ROUTING = frozenset({"Application", "add_handlers", "url", "URLSpec", "Rule"})


def _routed_initializers(functions, modules, module: str, args: tuple[str, ...]):
    """(`Handler.initialize`, its keyword arguments) for each route of a Tornado routing call that
    hands the handler keyword arguments: the IOLoop calls `initialize(**kwargs)` on each new handler
    (tests/corpus/il401_tornado_initialize_kwargs)."""
    info = modules.get(module)
    for text in args:
        node = parse_expr(text.partition("=")[2] if is_keyword(text) else text)
        for route in ast.walk(node) if node is not None else ():
            items = route.elts if isinstance(route, ast.Tuple) else (
                route.args if isinstance(route, ast.Call) and ast.unparse(route.func).rsplit(".", 1)[-1] in ("url", "URLSpec")
                else None)
            if not items or len(items) < 3:
                continue
            handler, given = ast.unparse(items[1]), items[2]
            kwargs = _literal_kwargs(given)
            if kwargs is None:
                continue
            for cls in (f"{module}.{handler}", info.imports.get(handler) if info else None):
                if cls and f"{cls}.initialize" in functions:
                    yield f"{cls}.initialize", kwargs
                    break


def _literal_kwargs(node: ast.expr) -> tuple[str, ...] | None:
    """`dict(db=db)` or `{"db": db}` as keyword arguments (`db=db`); None for anything else."""
    if isinstance(node, ast.Call) and ast.unparse(node.func) == "dict" and not node.args \
            and all(k.arg for k in node.keywords):
        return tuple(f"{k.arg}={ast.unparse(k.value)}" for k in node.keywords)
    if isinstance(node, ast.Dict) and all(isinstance(k, ast.Constant) and isinstance(k.value, str) for k in node.keys):
        return tuple(f"{k.value}={ast.unparse(v)}" for k, v in zip(node.keys, node.values))
    return None


def _agreed(resolver: CallResolver, fn: FunctionInfo, sites: list[Site], bound=None) -> dict[str, str]:
    """Parameter -> class for the untyped parameters every site passes an object of one class."""
    params = _bindable(fn)
    open_ = [p for p in params if not p.startswith("*") and p not in fn.param_types]
    return _agree(resolver, fn, sites, params, open_,
                  lambda r, caller, module, text, _spawned: _class_of(r, caller, module, text), bound)


def _agreed_elements(resolver: CallResolver, fn: FunctionInfo, sites: list[Site], modules,
                     bound=None) -> dict[str, str]:
    """Parameter -> `list[<class>]` for the untyped, unannotated parameters every site passes a
    collection of objects of one class: a display (`args=(alice, [lobby])`, `report([a, b])`)
    or a parameter of the caller that holds one (annotated, or typed so here). A loop over the
    parameter then binds its target to that class (elements.py;
    tests/corpus/il301_store_list_through_thread_args)."""
    params = _bindable(fn)
    open_ = [p for p in params if not p.startswith("*") and p not in fn.param_types and p not in fn.param_annotations]
    found = _agree(resolver, fn, sites, params, open_,
                   lambda r, caller, module, text, _spawned: _element_class(r, caller, module, text, modules),
                   bound)
    return {p: f"list[{cls}]" for p, cls in found.items()}


def _element_class(resolver: CallResolver, caller: FunctionInfo | None, module: str, text: str,
                   modules) -> str | None:
    """The one in-scope class of the elements of the collection `text` names in `caller`."""
    node = parse_expr(text)
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        if not node.elts or any(isinstance(e, ast.Starred) for e in node.elts):
            return None
        found = {_class_of(resolver, caller, module, ast.unparse(e)) for e in node.elts}
        return found.pop() if len(found) == 1 and None not in found else None
    if isinstance(node, ast.Name) and caller is not None and text in caller.params \
            and text in caller.param_annotations:
        from interlock.extractor.elements import element_of
        slot = element_of(resolver, caller, modules, node)
        return slot if isinstance(slot, str) else None
    return None


def _agreed_class_params(resolver: CallResolver, fn: FunctionInfo, sites: list[Site], bound=None) -> dict[str, str]:
    """Parameter -> class for the parameters every site passes a class to, not an object
    (`super().__init__(emitter_class=PollingEmitter)`, a local bound to a class, `partial(Cls, ...)`,
    `A if full else B`): the nearest class in scope that all the classes passed are, their own when
    there is one (FunctionInfo.class_params; calling the parameter, or a field bound to it, builds
    one; tests/corpus/il202_emitters_built_from_class_parameter)."""
    open_ = [p for p in _bindable(fn) if not p.startswith("*") and p not in fn.class_params and p not in fn.param_types]
    if not open_:
        return {}
    seen: dict[str, set[str] | None] = {p: set() for p in open_}
    for caller, module, passed in (bound if bound is not None else _bound(resolver, fn, sites)):
        for p in open_:
            value = passed.get(p) if passed is not None else None
            found = _classes_named(resolver, caller, module, value) if value is not None and seen[p] is not None else None
            seen[p] = seen[p] | found if found and seen[p] is not None else None
    out = {}
    for p, found in seen.items():
        common = _common_base(resolver, found) if found else None
        if common is not None:
            out[p] = common
    return out


def _classes_named(resolver: CallResolver, caller: FunctionInfo | None, module: str, text: str,
                   depth: int = 0) -> set[str] | None:
    """The in-scope classes the expression `text` (an argument in `caller`) names as a class, not an
    object: a class name, a local bound to one (FunctionInfo.classes), a class parameter of the caller,
    `partial(Cls, ...)`, either arm of a conditional; None when some part is not a class of the program."""
    node = parse_expr(text)
    if node is None:
        return None
    if isinstance(node, ast.IfExp):
        a = _classes_named(resolver, caller, module, ast.unparse(node.body), depth)
        b = _classes_named(resolver, caller, module, ast.unparse(node.orelse), depth)
        return a | b if a and b else None
    if isinstance(node, ast.Call):
        if ast.unparse(node.func) not in ("partial", "functools.partial") or not node.args:
            return None
        return _classes_named(resolver, caller, module, ast.unparse(node.args[0]), depth)
    if not isinstance(node, (ast.Name, ast.Attribute)):
        return None
    name = ast.unparse(node)
    written = None
    if caller is not None and isinstance(node, ast.Name):
        if name in caller.params:
            written = caller.class_params.get(name)
            if written is None:
                return None
        elif name in caller.classes:           # `cls = Full if full else Plain`: `A|B`
            hits = {resolver.names.resolve_in_module(module, c) for c in caller.classes[name].split("|")}
            return hits if hits <= set(resolver.classes) else None
        elif caller.made.get(name) in ("functools.partial", "partial"):
            # `emitter_cls = partial(PollingEmitter, stat=stat)`: the class the one partial wraps
            made = [e for e in caller.events() if e.kind is EventKind.CALL and e.callee == caller.made[name]]
            if len(made) != 1 or not made[0].args or depth >= 2:
                return None
            return _classes_named(resolver, caller, module, made[0].args[0], depth + 1)
        elif depth < 2 and (stores := _local_stores(resolver, caller).get(name)):
            # `cls = InotifyFullEmitter if full else InotifyEmitter`: a local bound once to classes
            return _classes_named(resolver, caller, module, stores[0] or "", depth + 1) if len(stores) == 1 else None
    hit = resolver.names.resolve_in_module(module, written or name)
    return {hit} if hit in resolver.classes else None


def _local_stores(resolver: CallResolver, fn: FunctionInfo) -> dict[str, list[str | None]]:
    """Local -> the values `fn` binds it to (`x = ...`), built once per function object."""
    memo = resolver.__dict__.setdefault("_local_stores", {})
    hit = memo.get(id(fn))
    if hit is None or hit[0] is not fn:
        stores: dict[str, list[str | None]] = {}
        for e in fn.events():
            if e.kind is EventKind.WRITE and e.op == "=" and e.target and e.target.isidentifier():
                stores.setdefault(e.target, []).append(e.value)
        hit = memo[id(fn)] = (fn, stores)
    return hit[1]


def _common_base(resolver: CallResolver, found: set[str]) -> str | None:
    """The nearest class in scope every class of `found` derives from (itself for one class)."""
    first, *rest = sorted(found)
    for anc in resolver.classes[first].ancestors or (first,):
        if anc in resolver.classes and all(anc in (resolver.classes[c].ancestors or (c,)) for c in rest):
            return anc
    return None


def _agreed_callables(resolver: CallResolver, fn: FunctionInfo, sites: list[Site], bound=None) -> dict[str, str]:
    """Parameter -> function for the parameters `fn` calls (`progress(n)`) that every site binds
    to the closure a factory returned to the caller (tests/corpus/il103_closure_tally_passed_to_jobs)."""
    params = _bindable(fn)
    called = {ev.callee for ev in fn.events() if ev.kind is EventKind.CALL and not ev.resolved}
    open_ = [p for p in params if p in called and p not in fn.callables]
    return _agree(resolver, fn, sites, params, open_, _held_closure, bound)


def _held_closure(resolver: CallResolver, caller: FunctionInfo | None, module: str, text: str,
                  spawned: bool) -> str | None:
    """The closure a local of the caller holds, bound to what a factory returned (`tally =
    make_tally()`), or a parameter of the caller its own callers bind to one. A function named
    directly (`on_swap=_on_swap`) is not followed at a call: walked as an entry of its own, the
    callee would lose the locks and deferral scopes its caller runs it under. At a spawn it is
    (`Thread(target=read_lines, args=(sock, self.on_data))`): the target runs on a thread of its
    own, holding none of the spawner's locks, and what it calls runs there
    (tests/corpus/il402_callback_handed_to_reader_thread)."""
    if caller is None or not (text in caller.made or text in caller.params or spawned):
        return None
    return callable_named(resolver, caller, module, text)


def _bindable(fn: FunctionInfo) -> list[str]:
    """The parameters a call passes arguments for (a method's `self` is bound)."""
    return list(fn.params[1:] if fn.cls and not fn.is_static else fn.params)


def _agree(resolver: CallResolver, fn: FunctionInfo, sites: list[Site], params: list[str], open_: list[str],
           value_of, bound=None) -> dict[str, str]:
    """Parameter -> what `value_of(resolver, caller, module, argument)` makes of the argument every
    site passes for it, when the sites agree and each knows."""
    if not open_:
        return {}
    seen: dict[str, set[str | None]] = {p: set() for p in open_}
    for site, (caller, module, passed) in zip(sites, bound if bound is not None else _bound(resolver, fn, sites)):
        for p in open_:
            value = passed.get(p) if passed is not None else None
            if value == p and caller is not None and caller.qualname == fn.qualname:
                continue      # passed on to its own next run (a re-arming Timer, a recursion): no new type
            seen[p].add(value_of(resolver, caller, module, value, site[4]) if value is not None else None)
    return {p: next(iter(cls)) for p, cls in seen.items() if len(cls) == 1 and None not in cls}


class _Bound:
    """`_bound(resolver, fn, sites)`, bound on first use and kept for the next."""

    def __init__(self, resolver: CallResolver, fn: FunctionInfo, sites: list[Site]):
        self.args, self.found = (resolver, fn, sites), None

    def __iter__(self):
        if self.found is None:
            self.found = list(_bound(*self.args))
        return iter(self.found)


def _bound(resolver: CallResolver, fn: FunctionInfo, sites: list[Site]):
    """Per site: (caller, module, parameter -> argument as written; None: the arguments are not known)."""
    bound = bool(fn.cls) and not fn.is_static
    params = _bindable(fn)
    for caller, module, args, callee, _ in sites:
        if args and bound and not fn.is_classmethod and _unbound(resolver, module, callee):
            args = args[1:]         # `Board.claim(board, j)`: the first argument is `self`
        yield caller, module, (bind_params(params, args) if args is not None else None)


def _keyed(resolver: CallResolver, fn: FunctionInfo, sites: list[Site], bound=None) -> dict[str, str]:
    """Local -> class for the locals bound to one key of a dict (`hub = services.get("hub")`) when
    that dict is a literal holding an object of one class under the key: a module global the
    function reads, or the one every caller passes for the parameter
    (tests/corpus/il202_router_factory_services_dict)."""
    out = {}
    for local, (head, key) in fn.keyed.items():
        if local in fn.fetched or local in fn.built:
            continue
        if head in fn.params:
            found = {_entry_class(resolver, caller, module, passed.get(head), key) if passed else None
                     for caller, module, passed in (bound if bound is not None else _bound(resolver, fn, sites))}
        else:
            found = {_entry_class(resolver, fn, fn.module, head, key)}
        if len(found) == 1 and None not in found:
            out[local] = found.pop()
    return out


def _entry_class(resolver: CallResolver, caller: FunctionInfo | None, module: str, name: str | None,
                 key: str) -> str | None:
    """The class of the object module global `name`, a dict literal bound once, holds under `key`."""
    info = resolver.names.modules.get(module)
    imported = info.imports.get(name) if info is not None and name and name not in info.globals else None
    if imported and "." in imported:        # `from app import services`
        caller, (module, _, name) = None, imported.rpartition(".")
        info = resolver.names.modules.get(module)
    attr = info.globals.get(name) if info is not None and name else None
    if attr is None or len(attr.writes) != 1 or not attr.value or not _reads_global(caller, module, name):
        return None
    node = parse_expr(attr.value)
    if not isinstance(node, ast.Dict):
        return None
    value = next((v for k, v in zip(node.keys, node.values) if isinstance(k, ast.Constant) and k.value == key), None)
    return _class_of(resolver, None, module, ast.unparse(value)) if value is not None else None


def _unbound(resolver: CallResolver, module: str, callee: str) -> bool:
    """`Cls.method(obj, ...)`: a method called through its class."""
    recv = callee.rpartition(".")[0]
    return bool(recv) and resolver.names.resolve_in_module(module, recv) in resolver.classes


def _class_of(resolver: CallResolver, caller: FunctionInfo | None, module: str, text: str) -> str | None:
    """The in-scope class of the object `text` names in `caller` (None: not known)."""
    names, classes = resolver.names, resolver.classes
    if text.endswith(")") and (node := parse_expr(text)) is not None and isinstance(node, ast.Call):
        # a constructor call, whatever dots its arguments hold (`Store("events.db")`, `Pool(cfg.size)`)
        hit = names.resolve_in_module(module, ast.unparse(node.func))
        return hit if hit in classes else None
    head, dot, rest = text.partition(".")
    if caller is not None and caller.cls and head == "self" and caller.params[:1] == ("self",):
        if not dot:
            return caller.cls
        attr = classes[caller.cls].attributes.get(rest) if caller.cls in classes and "." not in rest else None
        return _object_class(attr, classes)
    if dot:
        return None
    caller = _binder(resolver, caller, text)
    written = None
    if caller is not None and text in caller.params:
        written = caller.param_types.get(text)
    elif caller is not None and (text in caller.built or text in caller.fetched):
        written = caller.built.get(text) or caller.fetched[text]
    elif _reads_global(caller, module, text):
        return _object_class(names.modules[module].globals.get(text), classes)
    elif (cell := read_cell(caller, text)) is not None:       # a closure's captured object
        info = names.modules.get(module)
        return _object_class(info.globals.get(cell[len(module) + 1:]) if info is not None else None, classes)
    hit = names.resolve_in_module(module, written) if written else None
    return hit if hit in classes else None


def _binder(resolver: CallResolver, caller: FunctionInfo | None, name: str) -> FunctionInfo | None:
    """The function whose local or parameter `name` is, seen from `caller`: the caller itself, or
    for a name a lambda or nested function does not bind, the enclosing function that does
    (`pool.submit(lambda: make_thumb(repo, i))` after `repo = ThumbRepo()`;
    tests/corpus/il702_session_used_by_lambda_jobs)."""
    fn = caller
    functions = resolver.names.functions
    while fn is not None and not _binds(fn, name):
        outer = fn.qualname.rpartition(".")[0]
        parent = functions.get(outer)
        if parent is None or parent.cls != fn.cls and parent.cls is not None:
            return caller
        fn = parent
    return fn if fn is not None else caller


def _binds(fn: FunctionInfo, name: str) -> bool:
    return name in fn.params or any(name in d for d in (fn.built, fn.fetched, fn.made, fn.keyed, fn.classes))


def _object_class(attr: AttributeInfo | None, classes) -> str | None:
    """The class of the object a field or global holds; not of a container's elements
    (`dict[str, Job]` has the type name `Job` too)."""
    return attr.type_name if attr is not None and attr.kind is AttrKind.OBJECT and attr.type_name in classes else None


def read_cell(caller: FunctionInfo | None, name: str) -> str | None:
    """The closure cell (`pkg.mod.f.<locals>.name`) the free variable `name` of a nested `caller` reads."""
    if caller is None:
        return None
    if "." in name or LOCALS in name:
        end = f"{LOCALS}{name}"
        return next((e.target for e in caller.events() if e.kind is EventKind.READ and e.target
                     and e.target.endswith(end)), None)
    return _read_cells(caller.body).get(name)


#: body (by id, with the body itself) -> name -> the first cell its READ events name for it; emptied when full.
_CELLS: dict[int, tuple[tuple, dict[str, str]]] = {}


def _read_cells(body: tuple[Node, ...]) -> dict[str, str]:
    """A plain name -> the first READ target ending in `.<locals>.<name>` (what `read_cell` looks for)."""
    hit = _CELLS.get(id(body))
    if hit is None or hit[0] is not body:
        if len(_CELLS) >= 1 << 16:
            _CELLS.clear()
        cells: dict[str, str] = {}
        for e in body_events(body):
            if e.kind is EventKind.READ and e.target and LOCALS in e.target:
                cells.setdefault(e.target.rpartition(LOCALS)[2], e.target)
        hit = _CELLS[id(body)] = (body, cells)
    return hit[1]


def _reads_global(caller: FunctionInfo | None, module: str, name: str) -> bool:
    """`name` is the module's global there: at module level, or read as `<module>.<name>` by the
    caller (a local of the same name is not)."""
    if caller is None:
        return True
    return f"{module}.{name}" in _read_targets(caller.body)


#: body (by id, with the body itself) -> the targets its READ events name; emptied when full.
_READS: dict[int, tuple[tuple, frozenset[str]]] = {}


def _read_targets(body: tuple[Node, ...]) -> frozenset[str]:
    hit = _READS.get(id(body))
    if hit is None or hit[0] is not body:
        if len(_READS) >= 1 << 16:
            _READS.clear()
        hit = _READS[id(body)] = (body, frozenset(e.target for e in body_events(body)
                                                  if e.kind is EventKind.READ and e.target))
    return hit[1]
