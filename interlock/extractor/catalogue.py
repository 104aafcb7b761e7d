"""Data tables: which constructors make which attribute kinds, and which calls block.

Keys are dotted names with imports resolved (`threading.Lock`, `numpy.zeros`). Kept as data so a
new library is one line here, not a new branch in a visitor.
"""
from __future__ import annotations

import re

from interlock.models.program import AttrKind as K
from interlock.models import program as _program

CONSTRUCTORS: dict[str, K] = {
    "threading.Lock": K.LOCK, "_thread.allocate_lock": K.LOCK, "_thread.LockType": K.LOCK,
    "threading.RLock": K.RLOCK, "_thread.RLock": K.RLOCK,
    "threading.Condition": K.CONDITION, "threading.Semaphore": K.SEMAPHORE,
    "threading.BoundedSemaphore": K.SEMAPHORE, "threading.Event": K.EVENT,
    "threading.Barrier": K.BARRIER, "multiprocessing.Barrier": K.BARRIER,
    "threading.local": K.THREAD_LOCAL, "_threading_local.local": K.THREAD_LOCAL,
    "threading.Thread": K.THREAD, "threading.Timer": K.THREAD,
    # library classes that are `threading.Thread` subclasses: their `join()` waits for a thread
    **{f"watchdog.observers.{name}": K.THREAD for name in (
        "Observer", "api.BaseObserver", "polling.PollingObserver", "polling.PollingObserverVFS",
        "inotify.InotifyObserver", "fsevents.FSEventsObserver", "kqueue.KqueueObserver",
        "read_directory_changes.WindowsApiObserver")},
    "queue.Queue": K.QUEUE, "queue.LifoQueue": K.QUEUE, "queue.PriorityQueue": K.QUEUE,
    "queue.SimpleQueue": K.QUEUE, "multiprocessing.Queue": K.QUEUE,
    "multiprocessing.JoinableQueue": K.QUEUE, "multiprocessing.SimpleQueue": K.QUEUE,
    "asyncio.Lock": K.ASYNC_LOCK, "asyncio.Event": K.ASYNC_EVENT, "asyncio.Queue": K.ASYNC_QUEUE,
    "asyncio.LifoQueue": K.ASYNC_QUEUE, "asyncio.PriorityQueue": K.ASYNC_QUEUE,
    "asyncio.Condition": K.ASYNC_CONDITION, "asyncio.Semaphore": K.ASYNC_SEMAPHORE,
    "asyncio.BoundedSemaphore": K.ASYNC_SEMAPHORE,
    "asyncio.Future": K.ASYNC_FUTURE, "asyncio.futures.Future": K.ASYNC_FUTURE,
    # a multiprocessing RLock is reentrant like threading's (see tests/corpus/il302_multiprocessing_lock_reentered)
    "multiprocessing.Lock": K.MP_LOCK, "multiprocessing.RLock": K.RLOCK,
    "multiprocessing.Event": K.EVENT, "multiprocessing.Condition": K.CONDITION,
    "multiprocessing.Semaphore": K.SEMAPHORE, "multiprocessing.BoundedSemaphore": K.SEMAPHORE,
    "concurrent.futures.ThreadPoolExecutor": K.EXECUTOR,
    "concurrent.futures.ProcessPoolExecutor": K.EXECUTOR,
    "concurrent.futures.thread.ThreadPoolExecutor": K.EXECUTOR,
    "concurrent.futures.process.ProcessPoolExecutor": K.EXECUTOR,
    "multiprocessing.Pool": K.EXECUTOR, "multiprocessing.pool.ThreadPool": K.EXECUTOR,
    "list": K.CONTAINER, "dict": K.CONTAINER, "set": K.CONTAINER, "bytearray": K.CONTAINER,
    "collections.deque": K.CONTAINER, "collections.defaultdict": K.CONTAINER,
    "collections.OrderedDict": K.CONTAINER, "collections.Counter": K.CONTAINER,
    "collections.ChainMap": K.CONTAINER, "weakref.WeakValueDictionary": K.CONTAINER,
    "weakref.WeakKeyDictionary": K.CONTAINER, "weakref.WeakSet": K.CONTAINER,
    "typing.List": K.CONTAINER, "typing.Dict": K.CONTAINER, "typing.Set": K.CONTAINER,
    "typing.Deque": K.CONTAINER, "typing.DefaultDict": K.CONTAINER, "typing.OrderedDict": K.CONTAINER,
    "numpy.ndarray": K.ARRAY,
    "sqlite3.connect": K.SQLITE_CONNECTION, "sqlite3.Connection": K.SQLITE_CONNECTION,
    "sqlalchemy.create_engine": K.SQL_ENGINE, "sqlalchemy.engine.create_engine": K.SQL_ENGINE,
    "sqlalchemy.ext.asyncio.create_async_engine": K.SQL_ENGINE, "sqlalchemy.engine.Engine": K.SQL_ENGINE,
    "sqlalchemy.orm.Session": K.SQL_SESSION, "sqlalchemy.ext.asyncio.AsyncSession": K.SQL_SESSION,
    "sqlalchemy.orm.session.Session": K.SQL_SESSION,
    "sqlalchemy.orm.sessionmaker": K.SESSION_FACTORY, "sqlalchemy.orm.scoped_session": K.SESSION_FACTORY,
    "sqlalchemy.ext.asyncio.async_sessionmaker": K.SESSION_FACTORY,
}
#: Methods of a multiprocessing context (`get_context()`) that make the primitive of that name.
MP_CONTEXT_FACTORIES = frozenset({"Lock", "RLock", "Condition", "Semaphore", "BoundedSemaphore", "Event",
                                  "Queue", "JoinableQueue", "SimpleQueue"})
NUMPY_ARRAY_FUNCS = frozenset({
    "zeros", "empty", "ones", "full", "array", "asarray", "ascontiguousarray", "zeros_like",
    "empty_like", "ones_like", "full_like", "arange", "linspace", "copy", "frombuffer",
    "concatenate", "stack", "hstack", "vstack", "tile", "repeat", "eye", "identity",
})
for _f in NUMPY_ARRAY_FUNCS:
    CONSTRUCTORS[f"numpy.{_f}"] = K.ARRAY

#: Methods whose result is an object of a kind, whatever they are called on
#: (`loop.create_future()`, `asyncio.get_running_loop().create_future()`).
FACTORY_METHODS = {"create_future": K.ASYNC_FUTURE}

#: Calling an attribute of this kind makes an object of that kind (`self.Session()`).
CALL_RESULT_KINDS = {K.SESSION_FACTORY: K.SQL_SESSION}

#: Attribute kinds whose `with x:` is a lock acquisition.
#: methods only arrays have, whose result is an array: `samples.astype(np.float32)`
ARRAY_METHODS = frozenset({"astype", "reshape", "ravel", "flatten", "transpose", "swapaxes"})

NOT_LOCK_KINDS = frozenset({K.CONTAINER, K.ARRAY, K.SQLITE_CONNECTION, K.SQL_ENGINE, K.SQL_SESSION,
                            K.SESSION_FACTORY, K.THREAD, K.EXECUTOR, K.QUEUE, K.ASYNC_QUEUE, K.EVENT,
                            K.ASYNC_EVENT, K.THREAD_LOCAL, K.ASYNC_FUTURE, K.BARRIER})
CONDITION_KINDS = frozenset({K.CONDITION, K.ASYNC_CONDITION})
EVENT_KINDS = frozenset({K.EVENT, K.ASYNC_EVENT})

MUTATORS = frozenset({
    "append", "extend", "insert", "pop", "popleft", "popitem", "remove", "clear", "update",
    "setdefault", "add", "discard", "appendleft", "extendleft", "sort", "reverse", "rotate",
    "fill", "resize", "put_nowait_unsafe",
})
#: Module functions that change their first argument in place: `heapq.heappush(self._heap, x)`
#: is a MUTATE of `self._heap` like `self._heap.append(x)` (tests/corpus/il102_heapq_push_outside_condition).
ARGUMENT_MUTATORS = frozenset({
    "heapq.heappush", "heapq.heappop", "heapq.heapify", "heapq.heapreplace", "heapq.heappushpop",
    "bisect.insort", "bisect.insort_left", "bisect.insort_right", "random.shuffle",
})
#: Calls that copy or walk a whole iterable: `list(self.x)` is an ITERATE with op "list".
ITERATING_CALLS = frozenset({
    "list", "tuple", "sorted", "set", "frozenset", "dict", "sum", "max", "min", "any", "all",
    "enumerate", "zip", "reversed", "copy.copy", "copy.deepcopy", "map", "filter",
})
#: Builtins that return a new container holding the items of their argument (a copy).
COPY_CONSTRUCTORS = frozenset({"list", "tuple", "sorted", "set", "frozenset", "dict"})
#: calls that wrap a value in a read-only view: `MappingProxyType(json.load(fh))`, a snapshot
#: when what it wraps is new (checker/rules/_publication.py)
FROZEN_WRAPPERS = frozenset({"types.MappingProxyType"})
ITERATING_METHODS = frozenset({"copy", "items", "keys", "values", "join"})
#: `local.extend(shared)`: copies the argument in one C call (an ITERATE with op "extend")
COPY_INTO_METHODS = frozenset({"extend", "update"})

#: Calls that block the calling thread, by dotted callee -> category.
BLOCKING: dict[str, str] = {
    "time.sleep": "sleep",
    "open": "io", "io.open": "io", "os.read": "io", "os.write": "io", "os.fsync": "io",
    "json.load": "io", "json.dump": "io", "pickle.load": "io", "pickle.dump": "io",
    "wave.open": "io", "gzip.open": "io", "tarfile.open": "io", "zipfile.ZipFile": "io",
    "socket.create_connection": "socket", "socket.getaddrinfo": "socket",
    "socket.gethostbyname": "socket",
    "subprocess.run": "subprocess", "subprocess.call": "subprocess",
    "subprocess.check_call": "subprocess", "subprocess.check_output": "subprocess",
    "subprocess.getoutput": "subprocess", "subprocess.getstatusoutput": "subprocess",
    "os.system": "subprocess", "os.popen": "subprocess", "os.waitpid": "subprocess",
    "urllib.request.urlopen": "http", "urllib.request.urlretrieve": "http",
    "concurrent.futures.wait": "join", "concurrent.futures.as_completed": "join",
    "sqlite3.connect": "db",
    # filesystem metadata: one syscall each (category "fs": low severity on the event loop, and
    # too short to count as blocking under a lock)
    **{f"os.{name}": "fs" for name in (
        "remove", "unlink", "rename", "replace", "mkdir", "makedirs", "rmdir", "removedirs", "listdir",
        "scandir", "walk", "stat", "lstat", "chmod", "path.exists", "path.lexists", "path.isfile",
        "path.isdir", "path.islink", "path.getsize", "path.getmtime", "path.getctime", "path.getatime",
        "path.samefile")},
    "glob.glob": "fs", "glob.iglob": "fs",
    "numpy.convolve": "cpu", "numpy.correlate": "cpu", "numpy.linalg.svd": "cpu",
    "numpy.linalg.inv": "cpu",
}
#: child waits that return at once when their options hold `WNOHANG` (a reaper polling for exited
#: children): callee -> index of the options argument
NOHANG_WAITS = {"os.waitpid": 1, "os.wait4": 1, "os.waitid": 2}
BLOCKING_PREFIXES: tuple[tuple[str, str], ...] = (
    ("shutil.", "io"), ("soundfile.", "io"), ("requests.", "http"), ("httpx.", "http"),
    ("urllib3.", "http"), ("numpy.fft.", "cpu"), ("scipy.signal.", "cpu"), ("scipy.fft.", "cpu"),
    ("scipy.fftpack.", "cpu"), ("librosa.", "cpu"), ("resampy.", "cpu"), ("pyloudnorm.", "cpu"),
    # mail and file-transfer clients: connecting and every command is a network round trip
    ("smtplib.", "socket"), ("ftplib.", "socket"), ("imaplib.", "socket"), ("poplib.", "socket"),
)
#: Names that are not blocking even though their prefix is (`requests.exceptions.*`, async clients).
#: scipy.signal filter *design* (a few coefficients, microseconds) is not CPU-heavy, unlike filtering
#: (tests/corpus/il401_filter_design_is_cheap).
NOT_BLOCKING = re.compile(r"^((smtplib|ftplib|imaplib|poplib)\.\w*(Error|Exception|error\w*)|"
                          r"requests\.(exceptions|adapters|structures|codes)|httpx\.(AsyncClient|"
                          r"Timeout|Limits|HTTPError|Request|Response|URL|Headers)|requests\.Response|"
                          r"scipy\.signal\.(butter|cheby1|cheby2|ellip|bessel|iirfilter|iirdesign|iirnotch|"
                          r"iirpeak|iircomb|firwin2?|firls|remez|(butt|cheb1|cheb2|ellip)ord|get_window|"
                          r"tf2sos|zpk2sos|sos2tf|sos2zpk|tf2zpk|zpk2tf|bilinear(_zpk)?|lp2(lp|hp|bp|bs)(_zpk)?)$)")
#: Method names that block whatever the receiver: Path I/O, sockets.
BLOCKING_METHODS = {
    "read_text": "io", "write_text": "io", "read_bytes": "io", "write_bytes": "io",
    "recv": "socket", "recv_into": "socket", "recvfrom": "socket", "accept": "socket",
    "sendall": "socket", "resample": "cpu",
}
#: Values that are sockets by their name (`sock`, `self._ssock`, `conn_socket`) or their class:
#: the first argument of a call on something that works on sockets (a proactor).
SOCKETISH = re.compile(r"sock$|(^|_)sockets?$", re.I)
SOCKET_TYPES = frozenset({"socket.socket", "ssl.SSLSocket"})
#: `pathlib.Path` methods that touch the filesystem's metadata, on a receiver known to be a Path.
PATH_FS_METHODS = frozenset({"exists", "is_file", "is_dir", "is_symlink", "stat", "lstat", "unlink", "mkdir",
                             "rmdir", "rename", "replace", "iterdir", "glob", "rglob", "touch", "chmod"})
PATH_TYPES = frozenset({"pathlib.Path", "pathlib.PosixPath", "pathlib.WindowsPath"})
#: Exceptions a handler catches only when the socket calls of its `try` body run on a
#: non-blocking socket (they raise instead of waiting): `except BlockingIOError:`.
NONBLOCKING_ERRORS = re.compile(r"\b(BlockingIOError|SSLWant(Read|Write)Error|EAGAIN|EWOULDBLOCK)\b")
#: `sock.setblocking(False)` / `sock.settimeout(0)`: that socket's calls return at once.
NONBLOCKING_SETTERS = {"setblocking": ("False", "0"), "settimeout": ("0", "0.0")}


#: Method names that block on receivers of a given kind.
KIND_METHODS: dict[K, dict[str, str]] = {
    K.THREAD: {"join": "join"},
    K.EXECUTOR: {"shutdown": "join"},
    K.QUEUE: {"get": "queue_get", "put": "queue_get", "join": "join"},
    K.SQLITE_CONNECTION: {m: "db" for m in ("execute", "executemany", "executescript", "commit",
                                             "rollback", "backup", "close")},
    K.SQL_SESSION: {m: "db" for m in ("query", "execute", "commit", "flush", "scalars", "scalar",
                                       "get", "merge", "refresh", "rollback", "delete")},
    K.SQL_ENGINE: {m: "db" for m in ("connect", "execute", "begin", "dispose")},
}
#: Receivers recognised by name when their kind is unknown (defined in another file).
THREADISH = re.compile(r"(^|_)(t|th|thread|threads|worker|workers|proc|process|runner)$|thread$", re.I)
FUTUREISH = re.compile(r"(^|_)(f|fut|future|futures|job|task_future)$|future$", re.I)
EVENTISH = re.compile(r"event|evt|flag|stop|done|ready|finished|shutdown", re.I)
LOCKISH = re.compile(r"lock|mutex|cond|_cv$|^cv$|sem|guard", re.I)
#: a method named as a lock factory: `_create_lock`, `make_lock`, `new_rlock`, `allocate_lock`
#: (extractor/attributes.py `_made_lock`: its result is a lock whatever the receiver)
LOCK_FACTORY = re.compile(r"^_*(?:create|make|new|build|alloc|allocate)_?r?lock$", re.I)
EXECUTORISH = re.compile(r"pool|executor", re.I)

#: `os.register_at_fork` is no context: its hooks run in the thread calling fork(), or in the child
#: (see tests/corpus/il102_fork_hook_reset)
CALLBACK_METHODS = re.compile(
    r"^(register(?!_at_fork)\w*|subscribe\w*|add_\w*callback\w*|add_\w*listener\w*|add_\w*handler\w*|on_\w+|"
    r"connect|add_done_callback|call_soon\w*|call_later|call_at|add_reader|add_writer)$")
#: Tornado's IOLoop schedules callbacks it runs on its own thread under names of its own:
#: `io_loop.spawn_callback(f, *args)`, `io_loop.add_timeout(deadline, f, *args)` and
#: `PeriodicCallback(f, ms)` (its `start()` runs `f` every `ms` on the loop); registrations in a
#: module that imports tornado (tests/corpus/il202_tornado_timeout_callback_on_ioloop,
#: il103_tornado_periodic_callback_races_worker)
IOLOOP_SCHEDULERS = frozenset({"spawn_callback", "add_timeout", "PeriodicCallback"})
#: Tornado's handler bases -> the methods its IOLoop calls on a new handler object per request.
#: The IOLoop builds the handler and calls every method of it on its own thread (Tornado is not
#: thread-safe); a class-wide lock or executor of a handler class (a template cache shared by the
#: IOLoops of several threads, `run_on_executor`'s pool) does not make them callable from other
#: threads (extractor/confinement.py; tests/corpus/il202_tornado_handler_methods_on_ioloop)
LOOP_HANDLER_BASES = {
    "tornado.web.RequestHandler": ("get", "post", "put", "delete", "patch", "head", "options"),
    "tornado.websocket.WebSocketHandler": ("open", "on_message", "on_close"),
}
#: `selectors` objects (`selectors.DefaultSelector()`, any class of the module): `register(fileobj,
#: events, data)` and `modify(...)` keep `data` for the loop that calls `select()`, which gets it back
#: as `key.data` and, when it is a callable, calls it on its own thread (extractor/select_loops.py)
SELECTOR_MODULE = "selectors"
SELECTOR_REGISTRATIONS = frozenset({"register", "modify"})
#: attributes of a library object that take a callback by assignment, called from the object's own
#: network thread (`client.on_message = self._on_message; client.loop_start()`, paho-mqtt style)
ATTRIBUTE_CALLBACKS = re.compile(r"^on_\w+$")
#: Constructors that take a callback the library runs on a thread of its own (an audio device's
#: callback thread), by keyword: `sd.InputStream(callback=self._on_audio)`.
CALLBACK_KEYWORDS: dict[str, tuple[str, ...]] = {
    f"sounddevice.{name}": ("callback", "finished_callback")
    for name in ("InputStream", "OutputStream", "Stream", "RawInputStream", "RawOutputStream", "RawStream")
}
CALLBACK_KEYWORDS["pyaudio.Stream"] = ("stream_callback",)
#: Keywords that name such a callback whatever the receiver (PyAudio's `pa.open(stream_callback=cb)`).
THREAD_CALLBACK_KEYWORDS = frozenset({"stream_callback"})
#: registrations whose callback runs at interpreter exit, when an object is collected, around
#: fork(), or when the program is told to stop: not alongside the program's work, so not
#: concurrent contexts (tests/corpus/il101_atexit_shutdown_hook). A handler for another signal
#: named as written (SIGCHLD, SIGUSR1, SIGHUP for a daemon's reload ...) does run alongside: it
#: stays a callback context (tests/corpus/il101_base_context_subclass, il202_reload_on_sighup).
LIFECYCLE_HOOKS = frozenset({"atexit.register", "weakref.finalize", "os.register_at_fork"})
SIGNAL_HOOKS = _program.SIGNAL_HOOKS       # one table for the extractor and the checker
TERMINATION_SIGNALS = frozenset({"SIGTERM", "SIGINT", "SIGQUIT", "SIGABRT", "SIGBREAK"})
#: `asyncio.run_coroutine_threadsafe(coro(...), loop)`: a thread hands the coroutine to the loop,
#: which runs it as a task (tests/corpus/il202_coroutine_handed_to_loop_from_thread)
#: asyncio calls whose first argument is an awaitable they wait for, on the loop: a call written
#: there makes a coroutine (`asyncio.wait_for(ws.recv(), 30)`), it does not block
AWAITABLE_WRAPPERS = frozenset({"asyncio.wait_for", "asyncio.shield"})
TASK_CALLS = frozenset({"asyncio.create_task", "asyncio.ensure_future", "asyncio.gather",
                        "asyncio.run_coroutine_threadsafe"})
#: pool methods that run the function on every item of an iterable, several at once: executors'
#: `map`, and `multiprocessing` pools' (`ThreadPool`) lazy and async variants
#: (tests/corpus/il103_thread_pool_imap_jobs_count)
POOL_MAPS = frozenset({"map", "imap", "imap_unordered", "starmap", "map_async", "starmap_async"})
#: a `multiprocessing` pool's one-job calls (`apply_async(job, args, callback=cb)`)
POOL_APPLY = frozenset({"apply", "apply_async"})
#: pool calls whose `callback=`/`error_callback=` the pool's result thread runs when the job ends
POOL_ASYNC = frozenset({"apply_async", "map_async", "starmap_async"})
TASK_METHODS = frozenset({"create_task", "ensure_future", "start_soon"})
#: Starlette/FastAPI background jobs: `background.add_task(fn, *args)` runs after the response; the
#: runner awaits an `async def` fn on the event loop and runs a plain one in its threadpool
#: (tests/corpus/il401_async_background_job)
BACKGROUND_TASK_ADDERS = frozenset({f"{m}.BackgroundTasks.add_task" for m in (
    "fastapi", "fastapi.background", "starlette.background")})
BACKGROUND_TASK_CTORS = frozenset({"starlette.background.BackgroundTask", "fastapi.background.BackgroundTask"})
EXCLUDED_DECORATOR_FLAGS = frozenset({"staticmethod", "classmethod", "property"})
ENUM_BASES = frozenset({"enum.Enum", "enum.IntEnum", "enum.StrEnum", "enum.Flag", "enum.IntFlag",
                        "enum.ReprEnum"})
THREAD_BASES = frozenset({"threading.Thread", "threading.Timer"})
#: Library base classes whose subclasses' methods the library calls on a thread of its own: watchdog
#: runs an event handler's `on_*`/`dispatch` methods on the observer's emitter thread.
LIBRARY_HANDLER_BASES: dict[str, tuple[str, str]] = {
    f"watchdog.events.{name}": (r"^(on_\w+|dispatch)$", "watchdog observer")
    for name in ("FileSystemEventHandler", "PatternMatchingEventHandler", "RegexMatchingEventHandler",
                 "LoggingEventHandler")}
#: Library base classes that give each instance a lock of its own and call some of the subclass's
#: methods holding it: logging's `Handler.__init__` makes `self.lock` (an RLock that
#: `self.acquire()`/`self.release()` take and drop), and `Handler.handle` runs `emit` under it on
#: whatever thread logs. Name -> (the field holding the lock, the methods the library calls under it).
LOCKED_LIBRARY_BASES: dict[str, tuple[str, tuple[str, ...]]] = {
    name: ("lock", ("emit",)) for name in (
        "logging.Handler", "logging.StreamHandler", "logging.FileHandler", "logging.NullHandler",
        *(f"logging.handlers.{h}" for h in (
            "BaseRotatingHandler", "RotatingFileHandler", "TimedRotatingFileHandler", "WatchedFileHandler",
            "SocketHandler", "DatagramHandler", "SysLogHandler", "SMTPHandler", "NTEventLogHandler",
            "HTTPHandler", "BufferingHandler", "MemoryHandler", "QueueHandler")))}
FROZEN_BASES = frozenset({"typing.NamedTuple", "collections.namedtuple"})
INIT_METHODS = frozenset({"__init__", "__post_init__", "setUp", "__new__", "__init_subclass__",
                          "setup_method", "asyncSetUp"})
#: class decorators that generate `__init__`; the generated one calls the class's post-init hook
DATACLASS = ("dataclasses.dataclass", "dataclass", "attr.s", "attr.attrs", "attrs.define", "attr.define",
             "attrs.frozen", "attr.frozen", "pydantic.dataclasses.dataclass")
POST_INIT_METHODS = ("__post_init__", "__attrs_post_init__")
