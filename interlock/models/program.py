"""The program model: what the extractor derives from source and every checker consumes.

Functions keep their control flow as a small tree (`Branch`, `Loop`, `Try` around `Event`s)
so the explorer can interpret it; `iter_events` flattens it for the lockset rules.
Access paths are written as in the source: `self.x`, `self.controller._lock`, or a
qualified module global `pkg.mod.NAME`; `ProgramModel.resolve` turns them into symbols.
"""
from __future__ import annotations

from enum import Enum
from typing import Annotated, Iterator, Literal, Union

from pydantic import ConfigDict, Field

from interlock.models.base import Model
from interlock.models.location import Location
from interlock.models.graphs import LockGraph, StateMachine


class AttrKind(str, Enum):
    LOCK = "lock"
    RLOCK = "rlock"
    CONDITION = "condition"
    SEMAPHORE = "semaphore"
    EVENT = "event"
    BARRIER = "barrier"              # threading.Barrier: wait() sleeps until all its parties arrive
    QUEUE = "queue"
    THREAD_LOCAL = "thread_local"
    ASYNC_LOCK = "async_lock"
    ASYNC_EVENT = "async_event"
    ASYNC_QUEUE = "async_queue"
    ASYNC_CONDITION = "async_condition"
    ASYNC_SEMAPHORE = "async_semaphore"
    ASYNC_FUTURE = "async_future"      # asyncio.Future / loop.create_future(): resolved on its loop only
    MP_LOCK = "mp_lock"
    THREAD = "thread"
    EXECUTOR = "executor"
    CONTAINER = "container"          # list, dict, set, deque, defaultdict ... (not thread-safe)
    ARRAY = "array"                  # numpy arrays and views
    SQLITE_CONNECTION = "sqlite_connection"
    SQL_ENGINE = "sql_engine"
    SQL_SESSION = "sql_session"
    SESSION_FACTORY = "session_factory"
    OBJECT = "object"                # an instance of a class in scope (see `type_name`)
    OTHER = "other"


#: Kinds whose objects are safe to share by contract (their methods synchronise).
THREAD_SAFE_KINDS = frozenset({
    AttrKind.LOCK, AttrKind.RLOCK, AttrKind.CONDITION, AttrKind.SEMAPHORE, AttrKind.EVENT,
    AttrKind.QUEUE, AttrKind.THREAD_LOCAL, AttrKind.MP_LOCK, AttrKind.EXECUTOR, AttrKind.BARRIER,
    AttrKind.ASYNC_QUEUE, AttrKind.ASYNC_EVENT, AttrKind.ASYNC_LOCK, AttrKind.ASYNC_CONDITION,
    AttrKind.ASYNC_SEMAPHORE, AttrKind.ASYNC_FUTURE,
})
#: Kinds that are locks one can hold (`with x:`).
#: database handles: a session factory, a session, an engine (or a connection it handed out), sqlite3
DB_KINDS = frozenset({AttrKind.SESSION_FACTORY, AttrKind.SQL_SESSION, AttrKind.SQL_ENGINE, AttrKind.SQLITE_CONNECTION})
#: what `FunctionInfo.handles` keeps of a function's locals: database handles and loop futures
HANDLE_KINDS = DB_KINDS | {AttrKind.ASYNC_FUTURE}
LOCK_KINDS = frozenset({
    AttrKind.LOCK, AttrKind.RLOCK, AttrKind.CONDITION, AttrKind.SEMAPHORE, AttrKind.MP_LOCK,
    AttrKind.ASYNC_LOCK, AttrKind.ASYNC_CONDITION, AttrKind.ASYNC_SEMAPHORE,
})
REENTRANT_KINDS = frozenset({AttrKind.RLOCK})
#: threading primitives whose `wait()` sleeps until another thread acts (sets, notifies, arrives)
THREAD_WAIT_KINDS = frozenset({AttrKind.EVENT, AttrKind.CONDITION, AttrKind.BARRIER})


class AttributeInfo(Model):
    """An instance/class attribute or a module global."""

    model_config = ConfigDict(frozen=True)

    name: str
    kind: AttrKind = AttrKind.OTHER
    type_name: str | None = None       # qualified class in scope, or the constructor called (`threading.Lock`)
    declared_in: str | None = None     # qualname of the class (or module) whose code assigns it
    value: str | None = None           # source of the first assignment
    annotation: str | None = None
    call_kwargs: dict[str, str] = Field(default_factory=dict)   # kwargs of the constructor call
    lock_of: str | None = None         # Condition(self._lock): the underlying lock's access path
    writes: tuple[Location, ...] = ()
    init_only: bool = False            # written only during construction (safe publication)
    is_class_attr: bool = False
    #: bound only in the class body, never through `self`: every instance reaches the class's one
    #: object (`headers: dict = {}` that `self.headers[k] = v` changes for every instance)
    on_class: bool = False
    is_property: bool = False
    #: fields of this attribute's object that hold the owner itself, for good: `self.meter =
    #: Meter(self)` with `Meter.__init__` keeping `self.mixer = mixer` gives ("mixer",)
    back_refs: tuple[str, ...] = ()
    #: the lock this field is bound to when every construction hands it one lock object that
    #: another field also holds: `lock = Lock(); Amp(lock); Display(lock)` keeping `self._lock`
    #: gives `Display._lock` the symbol "mod.Amp._lock"; `Worker(self._lock)` in `Pool` gives
    #: `Worker._lock` "mod.Pool._lock"
    same_lock: str | None = None


class EventKind(str, Enum):
    READ = "read"
    WRITE = "write"
    MUTATE = "mutate"        # container mutation: append/pop/x[k]=/del/update/+= on a container
    ITERATE = "iterate"
    ACQUIRE = "acquire"
    RELEASE = "release"
    WAIT = "wait"            # Condition.wait / Event.wait / asyncio waits on a primitive
    NOTIFY = "notify"        # Condition.notify(_all) / Event.set / Event.clear
    CALL = "call"
    SPAWN = "spawn"
    AWAIT = "await"
    BLOCKING = "blocking"    # a call that blocks the thread: sleep, join, IO, Queue.get, DB ...
    BRANCH = "branch"        # the condition of an if/while/assert/ternary
    RETURN = "return"
    RAISE = "raise"
    JUMP = "jump"            # `break` / `continue` (op): leaves the loop body here


class ContextKind(str, Enum):
    THREAD = "thread"
    EXECUTOR = "executor"
    PROCESS = "process"
    TASK = "task"
    HTTP = "http"
    WEBSOCKET = "websocket"
    CALLBACK = "callback"
    PUBLIC = "public"        # public methods of a class that owns locks or threads
    SPEC = "spec"            # declared in a spec
    LIFESPAN = "lifespan"    # ASGI lifespan: startup, serve, shutdown; no request is served before startup ends
    MAIN = "main"


class Spawn(Model):
    """What a SPAWN event starts."""

    model_config = ConfigDict(frozen=True)

    kind: ContextKind
    via: str                           # threading.Thread, submit, run_in_executor, create_task, ...
    target: str                        # callee as written (`self._playback_loop`, `worker`)
    resolved: str | None = None        # qualified function in scope
    many: bool = False                 # spawned in a loop / map / gather: several at once
    receiver: str | None = None        # `v` of a `v.method` target, when the spawning function built `v = Cls(...)`
    pool: str | None = None            # submit/map/apply/run_in_executor: the executor's class when known
                                       # (`concurrent.futures.ProcessPoolExecutor`)
    each: tuple[str, str] | None = None  # the one comprehension the spawn repeats in: (target, iterable) as source
    #: the start of a thread object a constructor built into a field (`self._t = Thread(...)` in
    #: `__init__`, `self._t.start()` in `start`): it runs at most once per object, whoever starts it
    once: bool = False


class Event(Model):
    """One thing a function does, in control-flow order."""

    model_config = ConfigDict(frozen=True)

    node: Literal["event"] = "event"
    kind: EventKind
    loc: Location
    target: str | None = None          # access path (read/write/mutate/iterate/lock ops) or awaited expr;
                                       # on a call of a stored callable the linker followed, the field
    callee: str | None = None          # call/spawn/blocking: dotted name, imports resolved (`time.sleep`)
    resolved: str | None = None        # qualified function in scope the call goes to
    op: str | None = None              # detail: '=', '+=', 'append', 'setitem', 'with', 'async with',
                                       # 'call', 'try' (acquire with timeout), blocking category ...,
                                       # 'alias' (a read through a local bound to the field),
                                       # 'ref' (the read that binds such a local: `buf = self._buf`)
    value: str | None = None           # source: assigned value, branch condition, returned value
    reads: tuple[str, ...] = ()        # access paths read by `value`
    args: tuple[str, ...] = ()         # call arguments as source (`k=v` for keywords)
    held: tuple[str, ...] = ()         # locks held here within this function, outermost first
    free: tuple[str, ...] = ()         # locks the thread cannot hold here: reached only when its
                                       # `acquire(False)`/`acquire(timeout=...)` succeeded
    scopes: tuple[str, ...] = ()       # context managers of enclosing `with` items that are no locks,
                                       # outermost first: the callee as written, and after linking the
                                       # `@contextmanager` functions in scope it resolves to (others dropped)
    awaited: bool = False              # the call is awaited
    repeated: bool = False             # call made once per item of a loop or comprehension
    spawn: Spawn | None = None
    receiver: str | None = None        # call `v.m()` on a local this function built with `v = Cls(...)`
    key: str | None = None             # setitem/delitem of one key: the key as source (`d[track] = v` -> `track`)
    slot: str | None = None            # mutation of one element of the field: its index as source
                                       # (`self.xs[i][k] = v`, `self.xs[i].append(v)` -> `i`)
    through: str | None = None         # iteration of a field through the local bound to it
                                       # (`entries.items()` after `entries = self._entries`): that local


class Branch(Model):
    model_config = ConfigDict(frozen=True)

    node: Literal["branch"] = "branch"
    cond: Event                        # kind BRANCH, value = condition source
    then: tuple["Node", ...] = ()
    orelse: tuple["Node", ...] = ()


class Loop(Model):
    model_config = ConfigDict(frozen=True)

    node: Literal["loop"] = "loop"
    kind: Literal["for", "while", "async for"] = "while"
    header: Event                      # BRANCH (while) or ITERATE/READ of the iterable (for)
    target: str | None = None          # for-loop variable(s) as source
    body: tuple["Node", ...] = ()
    orelse: tuple["Node", ...] = ()


class Handler(Model):
    model_config = ConfigDict(frozen=True)

    exception: str | None = None       # source of the except clause type, None for bare except
    body: tuple["Node", ...] = ()


class Try(Model):
    model_config = ConfigDict(frozen=True)

    node: Literal["try"] = "try"
    body: tuple["Node", ...] = ()
    handlers: tuple[Handler, ...] = ()
    orelse: tuple["Node", ...] = ()
    final: tuple["Node", ...] = ()


Node = Annotated[Union[Event, Branch, Loop, Try], Field(discriminator="node")]


def iter_events(nodes: tuple[Node, ...] | list[Node]) -> Iterator[Event]:
    """All events of a body in source order (branch conditions before their arms). Collected
    into one list first: a chain of recursive generators costs a frame switch per level for each
    event, and the rules scan every body many times."""
    return iter(flat_events(nodes))


#: body (by id, with the body itself, so the id stays its own) -> its flat events; the rules ask
#: for each function's events ~40 times. Emptied when full: replaced bodies stay alive until then.
_BODY_EVENTS: dict[int, tuple[tuple, list[Event]]] = {}
BODY_EVENTS_MAX = 1 << 16     # above the function count of a 100k-line tree (Auralis: ~12k)


def body_events(body: tuple[Node, ...]) -> list[Event]:
    """`flat_events(body)` of a frozen body, from a small cache (callers must not change the list)."""
    if type(body) is not tuple:
        return flat_events(body)
    hit = _BODY_EVENTS.get(id(body))
    if hit is None or hit[0] is not body:
        if len(_BODY_EVENTS) >= BODY_EVENTS_MAX:
            _BODY_EVENTS.clear()
        hit = _BODY_EVENTS[id(body)] = (body, flat_events(body))
    return hit[1]


def flat_events(nodes: tuple[Node, ...] | list[Node], out: list[Event] | None = None) -> list[Event]:
    """The events of a body in `iter_events` order, as a list (appended to `out` when given)."""
    if out is None:
        out = []
    for n in nodes:
        t = type(n)
        if t is Event:
            out.append(n)
        elif t is Branch:       # (empty blocks, most `else`s and `finally`s, are not recursed into)
            out.append(n.cond)
            if n.then:
                flat_events(n.then, out)
            if n.orelse:
                flat_events(n.orelse, out)
        elif t is Loop:
            out.append(n.header)
            if n.body:
                flat_events(n.body, out)
            if n.orelse:
                flat_events(n.orelse, out)
        elif t is Try:
            flat_events(n.body, out)
            for h in n.handlers:
                flat_events(h.body, out)
            if n.orelse:
                flat_events(n.orelse, out)
            if n.final:
                flat_events(n.final, out)
    return out


class Exclusion(Model):
    """The entry of a hand-made lock region: in one critical section of `lock`, `while <waits>:
    lock.wait()` and then the `claims` are set, all before the `yield`. A flag is its path,
    `not <path>` when the wait or the claim is on its false value (extractor/regions.py)."""

    model_config = ConfigDict(frozen=True)

    lock: str                          # the Condition the entry waits on (`self._cond`)
    waits: tuple[str, ...] = ()        # the entry waits while any of these holds
    claims: tuple[str, ...] = ()       # ... and then makes these hold until its exit


class FunctionInfo(Model):
    model_config = ConfigDict(frozen=True)

    qualname: str                      # pkg.mod.Class.method, pkg.mod.func, pkg.mod.func.inner
    name: str
    module: str
    path: str
    loc: Location
    cls: str | None = None             # qualname of the defining class
    is_async: bool = False
    is_property: bool = False
    is_static: bool = False
    is_classmethod: bool = False
    decorators: tuple[str, ...] = ()   # dotted, imports resolved, with call args source if any
    params: tuple[str, ...] = ()
    param_types: dict[str, str] = Field(default_factory=dict)   # annotated params: name -> class as written
    #: parameters annotated with a generic container (`jobs: list[tuple[str, Job]]`,
    #: `by_id: dict[int, Job]`): name -> the annotation as written. A loop over one binds its
    #: target's names to the element classes the annotation gives (extractor/elements.py)
    param_annotations: dict[str, str] = Field(default_factory=dict)
    #: comprehensions over a parameter (`sum(a.total() for a in accts)`): (target, iterable) as
    #: written, typed like loops by elements.py
    param_walks: tuple[tuple[str, str], ...] = ()
    #: locals naming objects of one class in an order computed from them, the same whichever way
    #: the caller passed them: `first, second = sorted((self, other), key=id)` -> both: the class
    ordered: dict[str, str] = Field(default_factory=dict)
    #: locals bound once to what a call annotated to return an object of a class hands out
    #: (`src = self.wallet(name)` with `def wallet(...) -> Wallet`): objects others hold too
    fetched: dict[str, str] = Field(default_factory=dict)
    #: free variables of a nested function naming a typed parameter of an enclosing function (a
    #: factory's `reg: Registry` its closure reads): name -> that function's qualname. They are
    #: parameters here too (at the end of `params`, typed in `param_types`): the object the
    #: factory's caller passed (checker/shared_args.py)
    captured: dict[str, str] = Field(default_factory=dict)
    #: locals bound once, to an object this function builds: `board = JobBoard()` -> the
    #: constructor as written (the linker types a parameter by what its callers pass)
    built: dict[str, str] = Field(default_factory=dict)
    #: locals bound once to what a call of unknown result hands out (`s = self._open()`, `with
    #: make_session() as s`), or to a handle of a known database (`cur = self._conn.cursor()`):
    #: the callee as written. The linker learns the kind of a session factory injected through a
    #: constructor or imported; IL304 follows a cursor to the connection its lock guards.
    made: dict[str, str] = Field(default_factory=dict)
    #: locals bound once to one key of a dict (`hub = services.get("hub")`, `services["hub"]`): name ->
    #: (the dict's name, the key). The linker types such a local by the value a dict literal holds
    #: under that key, the dict being a module global or what every caller passes (param_types.py)
    keyed: dict[str, tuple[str, str]] = Field(default_factory=dict)
    #: locals bound once to a handle of a known kind (HANDLE_KINDS): `db = Session(engine)` ->
    #: sql_session, `done = loop.create_future()` -> async_future (IL402 follows it into threads)
    handles: dict[str, AttrKind] = Field(default_factory=dict)
    #: parameters every call site in scope binds to one function of the program (a function
    #: named, the closure a factory returns): name -> qualname; `p(...)` runs it (param_types.py)
    callables: dict[str, str] = Field(default_factory=dict)
    #: locals and parameters bound in this body once, to a class named as a value (`factory =
    #: Conn`, `if factory is None: factory = Conn`): name -> the class as written, imports
    #: resolved. `factory(...)` (or a field set from it) builds a `Conn` (checker/rules/_ownership.py)
    classes: dict[str, str] = Field(default_factory=dict)
    #: parameters that take a class by their signature: a default naming a class
    #: (`connection_class=Connection`) or a `type[Conn]` / `Type[Conn]` annotation: name -> the
    #: class as written, imports resolved. Calling one constructs an object; it runs no callback
    #: the caller handed in (checker/rules/_callables.py)
    class_params: dict[str, str] = Field(default_factory=dict)
    #: locals bound once, to a name, an attribute, a lambda or a conditional of those (`maker =
    #: Stats._build if info else None`): name -> the value as written. checker/rules/_callables.py
    #: follows a callable passed on through one
    ref_locals: dict[str, str] = Field(default_factory=dict)
    optional: tuple[str, ...] = ()     # params with a default value
    none_defaults: tuple[str, ...] = ()    # params whose default is None
    #: the class, as written, of the object a call hands out that others hold too: annotated
    #: `-> Wallet`, or the element it keeps in a container (`return self.by_id.setdefault(k, X())`);
    #: None for a factory that builds a new one each call. `reg.get(k).close()` resolves on it
    hands_out: str | None = None
    #: the class, as written, of the new object each call of a factory builds and returns (or the
    #: object of the calling thread's own, kept in a `threading.local`): the caller's alone, like
    #: one it built (`_client(base).get_json()`; checker/fresh.py)
    builds: str | None = None
    #: a plain `def` with a `yield`: a call makes a generator, which one thread at a time may
    #: advance (`next(g)` in two threads at once: "ValueError: generator already executing")
    is_generator: bool = False
    #: the line of the first `yield` (a generator, an `@asynccontextmanager` lifespan: what runs
    #: after it is the shutdown)
    yield_line: int | None = None
    body: tuple[Node, ...] = ()
    entry_held: tuple[str, ...] = ()   # locks held at every call site (interprocedural), callee's terms
    #: a method whose docstring says, unconditionally, that other threads may call it ("It is safe
    #: to call this method from any thread", "This is the only thread-safe method"): declared
    #: thread-safe as `*_threadsafe` names are (extractor/thread_notes.py, confinement.declared_threadsafe)
    threadsafe: bool = False
    #: a `@contextmanager` that sets these flags (`self.x`, `self._local.x`) to a true constant
    #: before its `yield`: code that tests one can tell it runs inside the scope (a deferral scope)
    defers: tuple[str, ...] = ()
    #: a `@contextmanager` method whose entry waits on a Condition and claims flags of its object
    #: before its `yield` (a hand-made lock: `read()`/`write()` of a reader-writer lock)
    exclusion: Exclusion | None = None
    #: a `@contextmanager` holding these locks (`self._lock`, `pkg.mod.LOCK`) at every `yield`: a
    #: `with` of it in another file holds them too (the linker applies it, lockscopes.py)
    guards: tuple[str, ...] = ()
    #: the flag (`thread_local`, `not shared`) under which such a guard yields without its locks
    #: (`if self._settings.thread_local: yield; return`): held unless the flag picks per-thread state
    guard_unless: str | None = None
    #: such a guard waits for its lock (polls it, or gives up after a timeout) in its own body: its
    #: call stays before the acquisition, so what the wait blocks on is still reached through it
    guard_waits: bool = False

    def events(self) -> Iterator[Event]:
        """The events of the body in source order (`iter_events`), collected once per body."""
        return iter(body_events(self.body))


class ClassInfo(Model):
    model_config = ConfigDict(frozen=True)

    qualname: str
    name: str
    module: str
    path: str
    loc: Location
    bases: tuple[str, ...] = ()        # as written, imports resolved
    ancestors: tuple[str, ...] = ()    # in-scope classes in MRO order, this one first
    attributes: dict[str, AttributeInfo] = Field(default_factory=dict)   # merged over the MRO
    methods: dict[str, str] = Field(default_factory=dict)                # name -> function qualname
    decorators: tuple[str, ...] = ()
    is_enum: bool = False
    enum_members: tuple[str, ...] = ()
    is_thread: bool = False            # subclass of threading.Thread
    is_frozen: bool = False            # frozen dataclass, NamedTuple, ...
    is_mixin: bool = False             # only ever used as a base of other classes
    #: methods a library base calls holding locks of the object: name -> the locks' access paths
    #: (`{"emit": ("self.lock",)}` for a subclass of logging's Handler, whose `handle` takes the lock)
    locked_hooks: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    #: classes (qualified) the class docstring says must stay in one thread, this one or others it
    #: names ("It is not safe to pass PubSub or Pipeline objects between threads"); the config's
    #: `confined` adds its own (extractor/thread_notes.py, checker/confined.py)
    confines: tuple[str, ...] = ()

    @property
    def locks(self) -> dict[str, AttributeInfo]:
        from interlock.models.program import LOCK_KINDS
        return {n: a for n, a in self.attributes.items() if a.kind in LOCK_KINDS}


class ModuleInfo(Model):
    model_config = ConfigDict(frozen=True)

    name: str                          # dotted, relative to the root (`player.engine`)
    path: str
    imports: dict[str, str] = Field(default_factory=dict)        # local alias -> qualified name
    globals: dict[str, AttributeInfo] = Field(default_factory=dict)
    functions: tuple[str, ...] = ()    # qualnames of top-level functions
    classes: tuple[str, ...] = ()      # qualnames of classes
    body: tuple[Node, ...] = ()        # module-level statements (spawns at import time, app setup)


class Context(Model):
    """A concurrent context: code that may run at the same time as other contexts."""

    model_config = ConfigDict(frozen=True)

    name: str
    kind: ContextKind
    entries: tuple[str, ...]           # qualnames of the functions it runs
    multiplicity: Literal["one", "many"] = "one"
    is_async: bool = False
    on_loop: bool = False              # runs on the event loop thread: a task, a loop callback, a loop-confined class
    per_request: bool = False          # each run gets a new entry object (an http.server handler per request,
                                       # the thread an object starts on itself)
    per_object: bool = False           # one run per object, on that object (`Thread(target=self._run)`), and
                                       # the program builds several objects: the static rules see two runs at
                                       # once, each on its own `self`; otherwise it counts as one run
    origin: Location | None = None     # spawn site, decorator, or spec
    detail: str = ""                   # human description: "threading.Thread(target=...) in Player.start"
    serial: str | None = None          # jobs of one single-worker executor: its symbol (`Ledger._jobs`);
                                       # the jobs of one such executor run one after the other
    #: a main thread's entry: (line, column) of its own events that run alone, before its first
    #: start or after as many joins as it started (extractor/setup_phase.alone_events): they
    #: overlap nothing (`inv.attach(book)` before the threads start)
    alone: tuple[tuple[int, int], ...] = ()

    def concurrent_with(self, other: "Context") -> bool:
        """Can code of this context and of `other` run at the same time? A context with itself
        when it runs many at once; never two jobs of one single-worker executor, which its one
        thread runs one after the other (tests/corpus/il103_single_worker_executor_serialises)."""
        if self.serial is not None and self.serial == other.serial:
            return False
        return self.name != other.name or self.multiplicity == "many"


class Diagnostic(Model):
    model_config = ConfigDict(frozen=True)

    path: str
    line: int = 0
    severity: Literal["error", "warning", "note"] = "warning"
    message: str


class ProgramModel(Model):
    """Everything the extractor knows about a tree; frozen, serialisable."""

    model_config = ConfigDict(frozen=True)

    root: str
    modules: dict[str, ModuleInfo] = Field(default_factory=dict)
    classes: dict[str, ClassInfo] = Field(default_factory=dict)
    functions: dict[str, FunctionInfo] = Field(default_factory=dict)
    contexts: tuple[Context, ...] = ()
    lock_graph: LockGraph = Field(default_factory=LockGraph)
    state_machines: tuple[StateMachine, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()

    def class_of(self, function: str) -> ClassInfo | None:
        fn = self.functions.get(function)
        return self.classes.get(fn.cls) if fn and fn.cls else None

    def lineage(self, cls: ClassInfo, *, own: bool = True) -> Iterator[str]:
        """The names a class derives from: each in-scope ancestor (with `own`) and the bases it
        names, library classes outside the program included (`tornado.web.RequestHandler`)."""
        for a in cls.ancestors:
            if own:
                yield a
            info = self.classes.get(a)
            if info is not None:
                yield from info.bases

    def find_class(self, name: str, within: tuple[str, ...] = ()) -> ClassInfo | None:
        """A class by qualname, or by short name when that is unique (within `within` paths first)."""
        if name in self.classes:
            return self.classes[name]
        hits = [c for c in self.classes.values() if c.name == name or c.qualname.endswith("." + name)]
        return _unique(hits, within)

    def find_function(self, name: str, within: tuple[str, ...] = ()) -> FunctionInfo | None:
        """A function by qualname or by `Class.method` / short suffix when unique.

        A spec names `AudioPlayer.play` for its component; a protocol or test class of the
        same name elsewhere in the root must not make that ambiguous, so hits under the
        `within` paths (a component's files or folders) win.
        """
        if name in self.functions:
            return self.functions[name]
        hits = [f for q, f in self.functions.items() if q.endswith("." + name)]
        found = _unique(hits, within)
        if found is None and "." in name:          # `Player.play` inherited from a mixin or base
            owner, _, method = name.rpartition(".")
            cls = self.find_class(owner, within)
            found = self.functions.get(cls.methods.get(method, "")) if cls is not None else None
        return found

    def resolve(self, cls: str | None, path: str) -> tuple[str, str] | None:
        """Resolve an access path seen in a method of `cls` to (owner qualname, attribute).

        `self.x` -> (cls, "x"); `self.ctl._lock` -> (type of ctl, "_lock") when the type of
        `ctl` is a class in scope; `pkg.mod.NAME` -> (module, NAME) for module globals.
        """
        parts = path.split(".")
        if parts[0] in ("self", "cls") and cls:
            owner = self.classes.get(cls)
            for i, part in enumerate(parts[1:], start=1):
                if owner is None:
                    return None
                if i == len(parts) - 1:
                    return owner.qualname, part
                attr = owner.attributes.get(part)
                owner = self.classes.get(attr.type_name) if attr and attr.type_name else None
            return None
        if "<locals>" in parts:
            return self._cell(parts)
        if len(parts) > 2:
            owner = self.classes.get(".".join(parts[:-1]))      # `pkg.mod.Job._next_id`: a class attribute
            if owner is not None:
                info = owner.attributes.get(parts[-1])
                return (owner.qualname, parts[-1]) if info is not None and info.is_class_attr else None
        for i in range(len(parts) - 1, 0, -1):
            mod = ".".join(parts[:i])
            if i == len(parts) - 2 and mod in self.modules and ".".join(parts[i:]) in self.modules[mod].globals:
                return mod, ".".join(parts[i:])     # `pkg.mod.next_id.counter`: a function's attribute (extractor/cells.py)
            if mod in self.modules and parts[i] in self.modules[mod].globals:
                if i < len(parts) - 1:          # `camera.frame_no` of `camera = Camera()`: Camera.frame_no
                    glob = self.modules[mod].globals[parts[i]]
                    owner = self.classes.get(glob.type_name) if glob.type_name else None
                    if owner is not None and glob.kind is not AttrKind.THREAD_LOCAL:
                        return self.resolve(owner.qualname, ".".join(["self", *parts[i + 1:]])) \
                            if owner.qualname in self.classes else None
                return mod, parts[i]
        return None

    def _cell(self, parts: list[str]) -> tuple[str, str] | None:
        """`pkg.mod.f.<locals>.x` -> (module, `f.<locals>.x`): a closure cell, kept with the
        module's globals (extractor/cells.py); `....<locals>.x.y` -> the field of its object."""
        end = len(parts) - 1 - parts[::-1].index("<locals>") + 2
        for i in range(end - 3, 0, -1):
            mod = ".".join(parts[:i])
            info = self.modules.get(mod)
            cell = info.globals.get(".".join(parts[i:end])) if info is not None else None
            if cell is None and end < len(parts) and info is not None and ".".join(parts[i:]) in info.globals:
                return mod, ".".join(parts[i:])      # `f.<locals>.wrapper.calls`: a nested function's attribute
            if cell is None:
                continue
            if end == len(parts):
                return mod, cell.name
            owner = self.classes.get(cell.type_name) if cell.type_name else None
            return self.resolve(owner.qualname, ".".join(["self", *parts[end:]])) if owner is not None else None
        return None

    def attribute(self, owner: str, name: str) -> AttributeInfo | None:
        if owner in self.classes:
            return self.classes[owner].attributes.get(name)
        if owner in self.modules:
            return self.modules[owner].globals.get(name)
        return None

    def same_lock(self, owner: str, name: str) -> tuple[str, str]:
        """The field a lock field is one object with (`AttributeInfo.same_lock`), else itself."""
        seen: set[str] = set()
        info = self.attribute(owner, name)
        while info is not None and info.same_lock and info.same_lock not in seen:
            seen.add(info.same_lock)
            o, _, a = info.same_lock.rpartition(".")
            nxt = self.attribute(o, a)
            if nxt is None:
                break
            owner, name, info = o, a, nxt
        return owner, name


#: calls that install a signal handler (`signal.signal(SIGHUP, self.reload)`, `loop.add_signal_handler`):
#: the extractor makes callback contexts of them, the checker orders set-up before them
SIGNAL_HOOKS = frozenset({"signal.signal", "add_signal_handler"})
#: the `via` of the callback spawn such a call makes (a handler that runs between the flow's statements)
SIGNAL_VIAS = frozenset(h.rsplit(".", 1)[-1] for h in SIGNAL_HOOKS)

#: methods by which an object's owner drives its lifecycle, one call at a time
LIFECYCLE = frozenset({
    "start", "stop", "close", "aclose", "shutdown", "open", "connect", "disconnect", "cleanup", "join",
    "dispose", "terminate", "init", "initialize", "setup", "teardown", "__enter__", "__exit__", "__aenter__",
    "__aexit__", "__del__", "run", "run_forever", "serve_forever",
})


def is_lifecycle(fn: FunctionInfo) -> bool:
    """`start`, `close`, ... or a verb of theirs on something of the object's own, with nothing
    to work on: `start_refresh(self)`, `stop_polling(self)` (`start_stream(self, ws)` is per client).
    Also, with nothing to work on, a method that starts the object's own thread, or waits for the
    object's own worker to end, whatever its name (`scan_in_background(self)`, `loop_stop(self)`:
    tests/corpus/il101_starts_own_worker, il101_joins_own_worker)."""
    if fn.name in LIFECYCLE:
        return True
    if [p for p in fn.params if p not in ("self", "cls") and p not in fn.optional and not p.startswith("*")]:
        return False
    verb, _, rest = fn.name.partition("_")
    return (bool(rest) and verb in LIFECYCLE) or _starts_own_thread(fn) or _joins_own_worker(fn)


def _joins_own_worker(fn: FunctionInfo) -> bool:
    """`self._worker.join()`: the function waits for a thread (or queue) kept on the object."""
    return any(e.kind is EventKind.BLOCKING and e.op == "join" and (e.target or "").count(".") == 1
               and (e.target or "").startswith("self.") and e.callee == f"{e.target}.join" for e in fn.events())


def _starts_own_thread(fn: FunctionInfo) -> bool:
    """`self._worker = Thread(target=self._run); self._worker.start()`: the function builds a thread
    running a method of the object, keeps it on the object and starts it."""
    stored: set[str] = set()
    prev = None
    for e in fn.events():
        if e.kind is EventKind.WRITE and (e.target or "").startswith("self.") and prev is not None \
                and prev.kind is EventKind.SPAWN and prev.spawn is not None \
                and prev.spawn.kind is ContextKind.THREAD and prev.spawn.target.startswith("self."):
            stored.add(e.target)
        elif e.kind in (EventKind.CALL, EventKind.BLOCKING) and (e.callee or "").endswith(".start") \
                and e.callee[:-len(".start")] in stored:
            return True
        prev = e
    return False


#: executor classes whose workers are processes: a job runs in a child, on its own copy of what it touches
PROCESS_POOLS = frozenset({"concurrent.futures.ProcessPoolExecutor", "concurrent.futures.process.ProcessPoolExecutor",
                           "multiprocessing.Pool", "multiprocessing.pool.Pool", "multiprocessing.context.Pool"})


def on_process_pool(spawn: "Spawn | None") -> bool:
    """An executor job handed to a process pool (`pool.submit(f)`, `loop.run_in_executor(self._procs, f)`,
    `pool.apply_async(f)`): it runs in a child process."""
    return spawn is not None and spawn.kind is ContextKind.EXECUTOR and spawn.pool in PROCESS_POOLS


#: Queues with no bound: their `put` never waits for room.
UNBOUNDED_QUEUES = frozenset({"queue.SimpleQueue", "multiprocessing.SimpleQueue"})


def is_unbounded_queue(type_name: str | None, call_kwargs: dict[str, str]) -> bool:
    """A queue built with no maxsize or a literal one <= 0 (`Queue()`, `Queue(0)`), or a
    SimpleQueue. A maxsize of unknown value, or a queue handed in, counts as bounded."""
    if type_name in UNBOUNDED_QUEUES:
        return True
    size = (call_kwargs.get("maxsize") or "").strip()
    return size.lstrip("-").isdigit() and int(size) <= 0


#: the separator of a closure cell's name: `pkg.mod.f.<locals>.x` (extractor/cells.py)
LOCALS = ".<locals>."
#: the pseudo-module of Starlette's `app.state` namespace, whose globals are its attributes by name
#: (`request.app.state.hits` -> `<app>.state.hits`; extractor/app_state.py)
APP_STATE = "<app>.state"
#: the pseudo-module of an aiohttp application's items (`request.app["sockets"]` -> `<app>.items.sockets`)
APP_ITEMS = "<app>.items"


def split_symbol(symbol: str) -> tuple[str, str]:
    """(owner, attribute) of a symbol: `pkg.mod.Cls._lock` -> (`pkg.mod.Cls`, `_lock`); a closure
    cell keeps its function: `pkg.mod.f.<locals>.lock` -> (`pkg.mod`, `f.<locals>.lock`)."""
    head, sep, name = symbol.rpartition(LOCALS)
    if sep:
        owner, _, fn = head.rpartition(".")
        return owner, f"{fn}{LOCALS}{name}"
    owner, _, attr = symbol.rpartition(".")
    return owner, attr


def short_symbol(owner: str, attr: str) -> str:
    """`pkg.mod.PlaybackController`, `_lock` -> `PlaybackController._lock` (the finding form);
    an attribute of Starlette's `app.state` -> `app.state.hits`."""
    if owner == APP_STATE:
        return f"app.state.{attr}"
    if owner == APP_ITEMS:
        return f'app["{attr}"]'
    return f"{owner.rsplit('.', 1)[-1]}.{attr}"


# No model_rebuild() for the forward references (Node, Branch, ...): the models are built on
# first use (models/base.py), when every name of this module is defined.


def is_under(path: str, paths: tuple[str, ...]) -> bool:
    """`path` (root-relative) is one of `paths` or inside one of those folders; () is everything."""
    for p in paths:
        p = p.strip("/")
        if p in ("", ".") or path == p or path.startswith(p + "/"):
            return True
    return not paths


def _unique(hits: list, within: tuple[str, ...]):
    if len(hits) > 1 and within:
        hits = [h for h in hits if is_under(h.path, within)]
    return hits[0] if len(hits) == 1 else None


_SORTED_NAMES: dict[int, tuple["ProgramModel", list[str]]] = {}     # last model only


def functions_inside(model: "ProgramModel", qualname: str, direct: bool = False) -> list[FunctionInfo]:
    """The functions defined inside `qualname` (`direct`: only one level down), by prefix in the
    sorted qualnames (the passes ask this of many functions; a scan of every name each time is
    quadratic on a large tree)."""
    import bisect

    hit = _SORTED_NAMES.get(id(model))
    if hit is None or hit[0] is not model:
        _SORTED_NAMES.clear()
        hit = _SORTED_NAMES[id(model)] = (model, sorted(model.functions))
    names, prefix = hit[1], qualname + "."
    out = []
    for q in names[bisect.bisect_left(names, prefix):]:
        if not q.startswith(prefix):
            break
        if not direct or "." not in q[len(prefix):]:
            out.append(model.functions[q])
    return out
