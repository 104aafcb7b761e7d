"""Name and call resolution across files: dotted names -> in-scope classes and functions.

Follows imports and re-exports through package `__init__` modules, nested function scopes,
`self.m` through the MRO (a mixin's method falls back to the concrete classes that mix it in),
`self.a.m` through attribute types, `super().m`, module-global instances and `Cls(...)` ->
`Cls.__init__`.
"""
from __future__ import annotations

import re

from interlock.extractor.catalogue import DATACLASS, POST_INIT_METHODS
from interlock.extractor.index import flatten
from interlock.models.program import APP_STATE, ClassInfo, EventKind, FunctionInfo, ModuleInfo, iter_events

MAX_HOPS = 8
PARTIAL_CALL = re.compile(r"^(?:functools\.)?partial\(\s*([\w.]+)")
_ENTER_EXIT = frozenset({"__enter__", "__exit__", "__aenter__", "__aexit__"})
_CONSTRUCTOR = re.compile(r"^([A-Za-z_][\w.]*)\(")
_APP_STATE = re.compile(r"(?:^|\.|<)app>?\.state\.(\w+)$")       # also `<app>.state.player` (app_state.py)
_APP_STATE_CALL = re.compile(r"(?:^|\.)app\.state\.(\w+)\.(\w+)$")


_UNSET = object()


class NameResolver:
    """Dotted names (imports already resolved by the per-file pass) -> qualnames in scope."""

    def __init__(self, modules: dict[str, ModuleInfo], classes: dict[str, ClassInfo],
                 functions: dict[str, FunctionInfo]) -> None:
        self.modules, self.classes, self.functions = modules, classes, functions
        self._memo_of: tuple | None = None      # the tables `_memo` holds answers for
        self._memo: dict[str, str | None] = {}
        self._in_memo: dict[tuple[str, str], tuple[ModuleInfo | None, str | None]] = {}

    def resolve(self, name: str, hops: int = 0) -> str | None:
        """A class or function qualname for `name`, following re-exports; None if out of scope."""
        if hops:
            return self._resolve(name, hops)
        # memoised while the tables are the same objects of the same sizes (the linker replaces
        # them as it goes, and only ever swaps a class for one with other attributes in place)
        self._fresh_memo()
        memo = self._memo
        hit = memo.get(name, _UNSET)
        if hit is _UNSET:
            hit = memo[name] = self._resolve(name, 0)
        return hit

    def _fresh_memo(self) -> None:
        """Empty the memos when the tables are other objects or of other sizes."""
        m, c, f = self.modules, self.classes, self.functions
        of = self._memo_of
        if of is None or of[0] is not m or of[1] is not c or of[2] is not f or of[3] != (len(m), len(c), len(f)):
            self._memo_of, self._memo, self._in_memo = (m, c, f, (len(m), len(c), len(f))), {}, {}

    def _resolve(self, name: str, hops: int) -> str | None:
        if name in self.classes or name in self.functions:
            return name
        if hops > MAX_HOPS or not name:
            return None
        parts = name.split(".")
        for i in range(len(parts) - 1, 0, -1):
            mod = ".".join(parts[:i])
            if mod in self.modules:
                return self._in_module(mod, parts[i:], hops)
        return None

    def resolve_in_module(self, module: str, name: str) -> str | None:
        """`name` as written in `module`: a local definition, an import, or already dotted.
        Memoised like `resolve`, and while the module's info is the same object (its imports
        and globals decide)."""
        if not name:
            return None
        self._fresh_memo()
        info = self.modules.get(module)
        hit = self._in_memo.get((module, name))
        if hit is not None and hit[0] is info:
            return hit[1]
        found = self._resolve_in_module(module, name)
        self._in_memo[(module, name)] = (info, found)
        return found

    def _resolve_in_module(self, module: str, name: str) -> str | None:
        local = self.resolve(f"{module}.{name}") if module else None
        if local:
            return local
        head, _, rest = name.partition(".")
        info = self.modules.get(module)
        imported = info.imports.get(head) if info is not None else None
        if imported:
            full = f"{imported}.{rest}" if rest else imported
            hit = self.resolve(full) or self._from_source_root(module, full)
            if hit:
                return hit
        if rest and info is not None and head in info.globals:
            return None       # `store.load()` in store.py with `store = Store()`: the global, not a module
        return self.resolve(name) or self._from_source_root(module, name)

    def _from_source_root(self, module: str, name: str) -> str | None:
        """`core.x.f` imported in `app.backend.routers.y`, where `app/backend` is on sys.path
        (a service folder run from its own directory): try the importing module's own
        ancestors as source roots, nearest first."""
        parts = module.split(".")
        for i in range(len(parts) - 1, 0, -1):
            hit = self.resolve(f"{'.'.join(parts[:i])}.{name}")
            if hit:
                return hit
        return None

    def _in_module(self, mod: str, rest: list[str], hops: int) -> str | None:
        head = f"{mod}.{rest[0]}"
        if head in self.classes:
            return self._member(head, rest[1:])
        if head in self.functions:
            return head if len(rest) == 1 else self.resolve(".".join([head, *rest[1:]]), hops + 1)
        target = self.modules[mod].imports.get(rest[0])
        if target and target != head:
            return self.resolve(".".join([target, *rest[1:]]), hops + 1)
        return None

    def _member(self, cls: str, rest: list[str]) -> str | None:
        if not rest:
            return cls
        nested = f"{cls}.{rest[0]}"
        if nested in self.classes:
            return self._member(nested, rest[1:])
        method = self.classes[cls].methods.get(rest[0])
        return method if len(rest) == 1 else None


PROTOCOL_BASES = frozenset({"typing.Protocol", "typing_extensions.Protocol"})


class CallResolver:
    """Finishes `resolved` for CALL/SPAWN/BLOCKING events once MROs and attributes are merged."""

    def __init__(self, names: NameResolver, own_methods: dict[str, dict[str, str]],
                 subclasses: dict[str, list[str]]) -> None:
        self.names = names
        self.classes, self.functions = names.classes, names.functions
        self.own_methods = own_methods
        self.subclasses = subclasses
        self.instantiated: set[str] = set()
        self._objects: dict[str, str] | None = None
        self.properties: set[str] = set()       # names of property getters anywhere (link.py)

    def resolve_call(self, fn: FunctionInfo | None, module: str, callee: str | None) -> str | None:
        hit = self._resolve_call(fn, module, callee)
        return None if hit is not None and self._protocol_stub(hit) else hit

    def _protocol_stub(self, qualname: str) -> bool:
        """A method a `typing.Protocol` only declares (`def on_progress(self, n): ...`): the object's
        own class, unknown here, runs; the call stays unresolved, foreign code, as on an untyped
        observer (tests/corpus/il303_protocol_typed_observers)."""
        info = self.names.functions.get(qualname)
        if info is None or info.body or info.cls is None:
            return False
        cls = self.names.classes.get(info.cls)
        return cls is not None and any(b.split("[", 1)[0] in PROTOCOL_BASES for b in cls.bases)

    def _resolve_call(self, fn: FunctionInfo | None, module: str, callee: str | None) -> str | None:
        if not callee:
            return None
        callee = callee.strip()
        m = PARTIAL_CALL.match(callee)
        if m:
            callee = m.group(1)
        if callee.startswith(("super().", "super.")):
            return self._super(fn, callee.split(".", 1)[1]) if fn else None
        parts = callee.split(".")
        if parts[0] in ("self", "cls") and fn is not None and fn.cls:
            return self._on_self(fn.cls, parts[1:]) or (
                self._app_state_method(callee) if "app.state." in callee else None)
        if "(" in callee:
            return self._on_new_object(fn, module, callee)
        hit = (self._on_param(fn, module, parts) or self._on_built(fn, module, parts)
               or self._closure_held(fn, module, parts) or self._named(fn, module, callee))
        return hit if hit is not None or "app.state." not in callee else self._app_state_method(callee)

    def _on_built(self, fn: FunctionInfo | None, module: str, parts: list[str]) -> str | None:
        """`history.record` where `history = History(...)` is a local `fn` built, or one it was
        handed (`src = self.wallet(a)` with `-> Wallet`, `hub = services["hub"]`): that class's
        method (a bound method handed on: `Player(on_track=history.record)`)."""
        if fn is None or len(parts) != 2:
            return None
        written = fn.built.get(parts[0]) or fn.fetched.get(parts[0])
        cls = self.names.resolve_in_module(module, written) if written else self._handed_out(fn, module, parts[0])
        return self.classes[cls].methods.get(parts[1]) if cls in self.classes else None

    def _handed_out(self, fn: FunctionInfo | None, module: str, name: str) -> str | None:
        """The class of what a local bound once to a call hands out (`u = uploads.get(uid)` with
        `def get(self, uid) -> Upload`): FunctionInfo.hands_out of the callee."""
        made = fn.made.get(name) if fn is not None else None
        return self.returned_class(fn, module, made) if made and made not in fn.made else None

    def returned_class(self, fn: FunctionInfo | None, module: str, callee: str) -> str | None:
        """The in-scope class of the shared object a call of `callee` hands out, if known."""
        maker = self.functions.get(self._resolve_call(fn, module, callee) or "")   # a Protocol's too
        if maker is None or not maker.hands_out:
            return None
        cls = self.names.resolve_in_module(maker.module, maker.hands_out)
        return cls if cls in self.classes else None

    def _closure_held(self, fn: FunctionInfo | None, module: str, parts: list[str]) -> str | None:
        """`tally(n)` where `tally` is a parameter its callers all bind to one function
        (`FunctionInfo.callables`), or a local bound once to what a factory returns, the nested
        function it defines (`tally = make_tally()`; extractor/cells.py)."""
        if fn is None or len(parts) != 1:
            return None
        owner = self._param_owner(fn, parts[0])
        if owner is not None:
            return owner.callables.get(parts[0])
        made = fn.made.get(parts[0])
        if made is None or made in fn.made:
            return None          # `a = b()` of another made local: not followed (no cycles)
        maker = self.functions.get(self.resolve_call(fn, module, made) or "")
        return returned_closure(self.functions, maker) if maker is not None else None

    def _on_new_object(self, fn: FunctionInfo | None, module: str, callee: str) -> str | None:
        """`Fetcher(self._progress).run`: a method of the object the expression just built."""
        m = _CONSTRUCTOR.match(callee)
        end = _closing(callee, m.end() - 1) if m is not None else -1
        rest = callee[end + 1:] if end > 0 else ""
        if not rest.startswith(".") or not rest[1:].isidentifier():
            return None
        cls = self.names.resolve_in_module(module, m.group(1))
        if cls not in self.classes:
            cls = self._class_of_init(self._named(fn, module, m.group(1)))
        if cls not in self.classes:       # `uploads.get(uid).finalize`: on what a getter hands out
            cls = self.returned_class(fn, module, m.group(1))
            if cls is None and rest[1:] in _ENTER_EXIT:
                # `pool.lease().__enter__`: of what a factory builds (`return _Lease(self)`)
                cls = self._returned_new(self._resolve_call(fn, module, m.group(1)))
            return self.classes[cls].methods.get(rest[1:]) if cls is not None else None
        self.instantiated.add(cls)
        return self.classes[cls].methods.get(rest[1:])

    def resolve_spawn(self, fn: FunctionInfo | None, module: str, target: str | None) -> str | None:
        hit = self.resolve_call(fn, module, target)
        if hit is None and target and target.endswith(")") and "(" in target:
            hit = self._returned_closure(self.resolve_call(fn, module, target.partition("(")[0].strip()))
        cls = self._class_of_init(hit)
        if cls is not None and self.is_thread(cls):
            return self.classes[cls].methods.get("run") or hit
        return hit

    def _returned_closure(self, factory: str | None) -> str | None:
        """`Thread(target=make_checker(reg))`: the function a factory's every `return` hands out,
        when that is one def nested in it (`def check(): ...; return check`): the thread runs
        that closure (tests/corpus/il202_thread_runs_a_closure_a_factory_returns)."""
        info = self.functions.get(factory or "")
        if info is None:
            return None
        names = {ev.value for ev in info.events() if ev.kind is EventKind.RETURN}
        name = names.pop() if len(names) == 1 else None
        nested = f"{factory}.{name}" if name and name.isidentifier() else None
        return nested if nested in self.functions else None

    def one_line(self, a: str | None, b: str | None) -> bool:
        """Classes `a` and `b` are one, or one inherits from the other: two methods looked up on
        one object's class (`Holding.__init__` and the `__enter__` it inherits from `_Holding`)."""
        if not a or not b:
            return False
        return a == b or any(x in self.classes and y in self.classes[x].ancestors for x, y in ((a, b), (b, a)))

    def is_thread(self, cls: str) -> bool:
        return any(self.classes[a].is_thread for a in self.classes[cls].ancestors if a in self.classes)

    def _returned_new(self, maker: str | None) -> str | None:
        """The class every `return` of `maker` builds right there (`return _Lease(self)`: the
        construction call of its body whose text the return hands back), else None."""
        fn = self.functions.get(maker or "")
        if fn is None:
            return None
        found = set()
        for r in iter_events(fn.body):
            if r.kind is not EventKind.RETURN:
                continue
            head = _CONSTRUCTOR.match(r.value or "")
            if head is None or _closing(r.value, head.end() - 1) != len(r.value) - 1:
                return None
            cls = self.names.resolve_in_module(fn.module, head.group(1))
            found.add(cls if cls in self.classes else self._class_of_init(self._resolve_call(fn, fn.module, head.group(1))))
        return found.pop() if len(found) == 1 and None not in found else None

    def _class_of_init(self, qualname: str | None) -> str | None:
        if qualname and qualname.endswith(".__init__"):
            owner = qualname.rsplit(".", 1)[0]
            return owner if owner in self.classes else None
        return qualname if qualname in self.classes else None

    def _super(self, fn: FunctionInfo, method: str) -> str | None:
        info = self.classes.get(fn.cls or "")
        for anc in (info.ancestors[1:] if info else ()):
            if method in self.own_methods.get(anc, {}):
                return self.own_methods[anc][method]
        return None

    def _on_self(self, cls: str, attrs: list[str]) -> str | None:
        owner: str | None = cls
        for name in attrs[:-1]:
            attr = self.classes[owner].attributes.get(name) if owner in self.classes else None
            owner = attr.type_name if attr is not None and attr.type_name in self.classes else None
            if owner is None:
                return None
        if owner not in self.classes or not attrs:
            return None
        hit = self.classes[owner].methods.get(attrs[-1])
        if hit is None and len(attrs) == 1:
            # A mixin calling a method only its concrete classes define.
            hits = [self.classes[s].methods.get(attrs[-1]) for s in self.subclasses.get(owner, ())]
            hit = next((h for h in hits if h), None)
        return hit

    def _on_param(self, fn: FunctionInfo | None, module: str, parts: list[str]) -> str | None:
        """`board.claim` on a parameter typed with a class in scope (annotated, or typed by what
        its callers pass: see param_types.py)."""
        owner = self._param_owner(fn, parts[0]) if fn is not None and len(parts) == 2 else None
        if owner is None or parts[0] not in owner.param_types:
            return None
        written = owner.param_types[parts[0]]
        cls = written if written in self.classes else self.names.resolve_in_module(module, written)
        return self.classes[cls].methods.get(parts[1]) if cls in self.classes else None

    def _param_owner(self, fn: FunctionInfo, name: str) -> FunctionInfo | None:
        """The function whose parameter `name` is: `fn`, or for a free variable of a nested
        function the nearest enclosing function that has it (a router factory's `manager` in
        its routes: tests/corpus/il202_router_factory_untyped)."""
        while fn is not None:
            if name in fn.params:
                return fn
            fn = self.names.functions.get(fn.qualname.rpartition(".")[0])
        return None

    def _named(self, fn: FunctionInfo | None, module: str, callee: str) -> str | None:
        hit = None
        scope = fn.qualname if fn is not None else None
        while scope and scope != module and hit is None:
            cand = f"{scope}.{callee}"
            # a class body is no enclosing scope of its methods: in `deliver`, a bare
            # `on_msg(...)` calls a local, never the method `Cls.on_msg`
            # (tests/corpus/il102_local_named_like_a_method)
            in_scope = scope == (fn.qualname if fn is not None else None) or scope not in self.classes
            hit = cand if in_scope and (cand in self.functions or cand in self.classes) else None
            scope = scope.rsplit(".", 1)[0] if "." in scope else None
        hit = hit or self.names.resolve_in_module(module, callee) or self._global_method(module, callee)
        if hit in self.classes:
            self.instantiated.add(hit)
            return self.constructor(hit)
        return hit

    def constructor(self, cls: str) -> str | None:
        """The program's code `Cls(...)` runs: its `__init__`; for a dataclass (or attrs class)
        without one, the `__post_init__` its generated `__init__` calls; for a class with only a
        `__new__` (a singleton handing out one shared instance), that."""
        info = self.classes[cls]
        init = info.methods.get("__init__") or info.methods.get("__new__")
        if init is not None or not any(d.split("(")[0] in DATACLASS for a in info.ancestors
                                       for d in (self.classes[a].decorators if a in self.classes else ())):
            return init
        return next((info.methods[m] for m in POST_INIT_METHODS if m in info.methods), None)

    def _global_method(self, module: str, callee: str) -> str | None:
        """`_player.play()` where `_player = Player()` is a module global of an in-scope class,
        or `app.state.player.play()` where `app.state.player = Player()` was assigned somewhere."""
        parts = callee.split(".")
        if len(parts) < 2:
            return None
        info = self.names.modules.get(module)
        imported = info.imports.get(parts[0]) if info is not None else None
        forms = [parts]
        if imported:             # `from holder import holder; holder.load()`: the other module's global
            forms.append([*imported.split("."), *parts[1:]])    # (a callee may come qualified already: `holder.holder.load`)
        for form in forms:
            for mod_name, rest in ((module, form), *_module_splits(self.names.modules, form)):
                mod = self.names.modules.get(mod_name)
                if mod is None or rest[0] not in mod.globals:
                    continue
                if len(rest) == 2:
                    attr = mod.globals[rest[0]]
                    owner = attr.type_name if attr.type_name in self.classes else None
                else:
                    owner = self._object_paths().get(".".join([mod_name, *rest[:-1]]))
                if owner is not None:
                    return self.classes[owner].methods.get(rest[-1])
        return None

    def _object_paths(self) -> dict[str, str]:
        """`pkg.main.app.state.player` -> class, from `<global>.a.b = Cls(...)` writes anywhere.

        Built on first use only: few trees hang objects off module globals this way."""
        if self._objects is None:
            self._objects = {}
            bodies = [(m, info.body) for m, info in self.names.modules.items()]
            bodies += [(f.module, f.body) for f in self.functions.values()]
            for module, body in bodies:
                for ev in flatten(body):
                    if ev.kind is EventKind.WRITE and ev.target and ev.value and ev.target.count(".") > 1:
                        self._record_object(module, ev.target, ev.value)
        return self._objects

    def _record_object(self, module: str, target: str, value: str) -> None:
        m = _CONSTRUCTOR.match(value)
        hit = self.names.resolve_in_module(module, m.group(1)) if m is not None else None
        if hit not in self.classes:
            return
        state = _APP_STATE.search(target)
        if state is not None and not target.startswith(("self.", "cls.")):
            self._objects.setdefault(f"<app.state>.{state.group(1)}", hit)
        if any(target.startswith(mod + ".") for mod, _ in _module_splits(self.names.modules, target.split("."))):
            self._objects.setdefault(target, hit)

    def _app_state_method(self, callee: str) -> str | None:
        """`request.app.state.player.play()`, or `app.state.player` set in a lifespan function:
        Starlette's per-app namespace, by attribute name (`app.state.player = Player()`)."""
        m = _APP_STATE_CALL.search(callee)
        owner = self._object_paths().get(f"<app.state>.{m.group(1)}") if m is not None else None
        if owner is None and m is not None:
            # `playlists = PlaylistService(lib); app.state.playlists = playlists` in the lifespan:
            # the class the app-state record learned (extractor/app_state.py record_write;
            # tests/corpus/il103_app_state_method_named_like_set_add)
            state = self.names.modules.get(APP_STATE)
            attr = state.globals.get(m.group(1)) if state is not None else None
            owner = attr.type_name if attr is not None and attr.type_name in self.classes else None
        return self.classes[owner].methods.get(m.group(2)) if owner is not None else None


def callable_named(resolver: CallResolver, fn: FunctionInfo | None, module: str, text: str) -> str | None:
    """The function or bound method `text` names (`self._progress`, `report`, also wrapped in
    `functools.partial(...)`), or None."""
    text = unwrap_partial(text)
    if not all(p.isidentifier() for p in text.split(".")):
        return None
    hit = resolver.resolve_call(fn, module, text)
    target = resolver.functions.get(hit or "")
    if target is None or target.is_property or target.name in ("__init__", *POST_INIT_METHODS):
        return None
    return target.qualname


def returned_closure(functions: dict[str, FunctionInfo], fn: FunctionInfo) -> str | None:
    """The function nested in `fn` that every `return` of `fn` hands out (a factory's closure)."""
    values = {ev.value for ev in fn.events() if ev.kind is EventKind.RETURN and ev.value not in (None, "None")}
    hit = f"{fn.qualname}.{values.pop()}" if len(values) == 1 else None
    return hit if hit in functions else None


def unwrap_partial(text: str) -> str:
    """`functools.partial(f, ...)` -> `f`; any other text as it is."""
    m = PARTIAL_CALL.match(text)
    return m.group(1) if m else text


def _closing(text: str, start: int) -> int:
    """Index of the parenthesis closing the one at `start` (-1 when unbalanced)."""
    depth = 0
    for i in range(start, len(text)):
        depth += text[i] == "("
        depth -= text[i] == ")"
        if depth == 0:
            return i
    return -1


def _module_splits(modules: dict[str, ModuleInfo], parts: list[str]):
    for i in range(len(parts) - 1, 0, -1):
        mod = ".".join(parts[:i])
        if mod in modules:
            yield mod, parts[i:]
