"""Observer and emitter bases: an observer builds one emitter thread per watched path from the
emitter class its subclass hands it, and stops them when a path is unwatched."""
import queue
import threading


class Emitter(threading.Thread):
    """Producer thread: polls one path and puts what changed on the observer's queue."""

    def __init__(self, events: queue.Queue, path: str, interval: float = 1.0):
        super().__init__(daemon=True)
        self._events = events
        self._path = path
        self._interval = interval
        self._stopped = threading.Event()

    @property
    def path(self) -> str:
        return self._path

    def stop(self) -> None:
        self._stopped.set()
        self.on_stop()

    def on_stop(self) -> None:
        """Release what the emitter holds; subclasses override it."""

    def poll(self) -> None:
        """Put the changes since the last poll on the queue; subclasses override it."""

    def run(self) -> None:
        while not self._stopped.wait(self._interval):
            self.poll()


class Observer(threading.Thread):
    """Consumer thread: dispatches queued changes to the handlers of their path."""

    def __init__(self, emitter_class, timeout: float = 1.0):
        super().__init__(daemon=True)
        self._emitter_class = emitter_class
        self._timeout = timeout
        self._events: queue.Queue = queue.Queue()
        self._lock = threading.RLock()
        self._emitters = set()
        self._handlers: dict[str, list] = {}

    def schedule(self, handler, path: str) -> None:
        with self._lock:
            self._handlers.setdefault(path, []).append(handler)
            emitter = self._emitter_class(self._events, path, interval=self._timeout)
            emitter.start()
            self._emitters.add(emitter)

    def unschedule(self, path: str) -> None:
        with self._lock:
            self._handlers.pop(path, None)
            for emitter in list(self._emitters):
                if emitter.path == path:
                    emitter.stop()
                    self._emitters.discard(emitter)

    def run(self) -> None:
        while True:
            path, change = self._events.get()
            with self._lock:
                handlers = list(self._handlers.get(path, ()))
            for handler in handlers:
                handler(change)
