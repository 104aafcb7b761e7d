"""What building an object runs: the `__init__`s of its class chain, and what they set up.

    class Client:
        def __init__(self, pool):
            self._lock = threading.Lock()       # a client owns a lock: shared by threads

    class Batch(Client):
        def __init__(self, pool):               # never runs Client.__init__: no lock, a per-caller
            self.commands = []                  # object that only reuses the client's methods

A base's attributes written only in its own `__init__` are not on an object whose construction
never runs it, and the base's claim to be shared by threads (its lock) does not carry over
(tests/corpus/il103_subclass_skips_base_init, il101_base_api_on_subclass_skipping_init). The
facts come from the finished model, so the extractor's contexts and the checker's walk agree.
"""
from __future__ import annotations

from interlock.models.program import AttributeInfo, ClassInfo, EventKind, ProgramModel


def inits_run(model: ProgramModel, cls: ClassInfo) -> set[str] | None:
    """The in-scope `__init__`s that building `cls` runs: the one it resolves to, then each one
    that chains on to (`super().__init__(...)`, `Base.__init__(self)`); None when a chained call
    goes out of scope (it may run any of them)."""
    ran: set[str] = set()
    todo = [cls.methods.get("__init__")]
    while todo:
        q = todo.pop()
        fn = model.functions.get(q or "")
        if fn is None or q in ran:
            continue
        ran.add(q)
        for ev in fn.events():
            if ev.kind is EventKind.CALL and (ev.callee or "").endswith(".__init__"):
                if not ev.resolved:
                    return None
                todo.append(ev.resolved)
    return ran


def skips_init_of(model: ProgramModel, cls: ClassInfo, base: str) -> bool:
    """Building `cls` never runs the `__init__` that `base` defines itself."""
    init = model.functions.get(f"{base}.__init__")
    if base == cls.qualname or init is None or init.cls != base:
        return False
    ran = inits_run(model, cls)
    return ran is not None and init.qualname not in ran


def owned_attributes(model: ProgramModel, cls: ClassInfo) -> dict[str, AttributeInfo]:
    """The attributes an object of `cls` really gets: not those a base only sets up in an
    `__init__` that building it never runs."""
    ran = inits_run(model, cls)
    if ran is None:
        return cls.attributes
    return {n: a for n, a in cls.attributes.items() if not _set_up_in_skipped_init(model, cls, a, ran)}


def _set_up_in_skipped_init(model: ProgramModel, cls: ClassInfo, attr: AttributeInfo, ran: set[str]) -> bool:
    """`attr` is a base's, written only inside that base's own `__init__`, which never runs here."""
    base = attr.declared_in
    init = model.functions.get(f"{base}.__init__")
    if base == cls.qualname or init is None or init.cls != base or init.qualname in ran or not attr.writes:
        return False
    return all(w.path == init.loc.path and init.loc.line <= w.line <= init.loc.end_line for w in attr.writes)


def left_unset(model: ProgramModel, cls: ClassInfo, name: str, attr: AttributeInfo) -> bool:
    """A base's field that its `__init__` sets from a parameter defaulting to None, which every
    constructor of `cls` chaining to that base leaves out or passes as None: an object of `cls`
    never holds anything there (a lock-free subclass of a base that can take a lock;
    tests/corpus/il102_subclass_leaves_base_lock_unset)."""
    base = attr.declared_in
    init = model.functions.get(f"{base}.__init__")
    if base == cls.qualname or init is None or init.cls != base or not attr.writes:
        return False
    if not all(w.path == init.loc.path and init.loc.line <= w.line <= init.loc.end_line for w in attr.writes):
        return False
    stores = {(ev.value or "").strip() for ev in init.events()
              if ev.kind is EventKind.WRITE and ev.target == f"self.{name}"}
    if len(stores) != 1:
        return False
    param = stores.pop()
    if param not in init.params or param not in init.none_defaults:
        return False
    ran = inits_run(model, cls)
    if ran is None or init.qualname not in ran:
        return False
    sites = [ev for q in ran if q != init.qualname and q in model.functions
             for ev in model.functions[q].events() if ev.kind is EventKind.CALL and ev.resolved == init.qualname]
    return bool(sites) and all(_passed(init, ev, param) in (None, "None") for ev in sites)


def _passed(init, ev, param: str) -> str | None:
    """What a chained `__init__` call passes for `param`: None when left out, "?" when unknown."""
    args = list(ev.args)
    if args[:1] == ["self"] and not (ev.callee or "").startswith("super("):
        args = args[1:]                  # `Base.__init__(self, ...)`
    for a in args:
        if a.startswith("*"):
            return "?"
        if a.startswith(param + "="):
            return a.split("=", 1)[1].strip()
    positional = [a for a in args if not (a.split("=", 1)[0].isidentifier() and "=" in a and "==" not in a)]
    params = [p for p in init.params if p not in ("self", "cls")]
    i = params.index(param)
    return positional[i] if i < len(positional) else None
