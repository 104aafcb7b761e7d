"""IL102 on `_PendingLookup._state` and `_PendingLookup._timer`: the loop callback `_deliver` tests
and sets `_state` and clears `_timer` without `_mutex`, while `cancel`, which leaves the module
inside the `_Handle` that the public `resolve` returns, may run on any thread: a cancel between
the test and `_release` calls `cancel()` on a timer the callback just cleared. IL103 on
`_Tally.hits`: the private tally is shared by every lookup thread (one per `resolve` call) and
`record` adds to `hits` without its lock."""
import asyncio
import socket
import threading


class _Handle:
    def __init__(self, subject):
        self._cancel = subject.cancel

    def cancel(self):
        return self._cancel()


class _PendingLookup:
    IDLE = 0
    RUNNING = 1
    CANCELLED = 2
    DONE = 3

    def __init__(self, loop: asyncio.AbstractEventLoop, host: str, port: int, on_done, tally: "_Tally"):
        self._tally = tally
        self._state = self.IDLE
        self._answer = None
        self._loop = loop
        self._host = host
        self._port = port
        self._on_done = on_done
        self._mutex = threading.Lock()
        self._timer = None

    def _release(self):
        self._loop = None
        self._timer = None
        self._on_done = None

    def start(self):
        assert self._state == self.IDLE, self._state
        self._state = self.RUNNING
        self._timer = threading.Timer(0, self._work)
        self._timer.start()
        return _Handle(self)

    def cancel(self):
        with self._mutex:
            if self._state == self.RUNNING:
                self._state = self.CANCELLED
                self._timer.cancel()
                self._release()
                return True
            return False

    def _work(self):
        try:
            answer = socket.getaddrinfo(self._host, self._port)
        except OSError as exc:
            answer = exc
        self._tally.record(not isinstance(answer, OSError))
        self._answer = answer
        with self._mutex:
            if self._state == self.RUNNING:
                self._loop.call_soon_threadsafe(self._deliver)

    def _deliver(self):
        if self._state == self.RUNNING:
            self._state = self.DONE
            try:
                self._on_done(self._answer)
            finally:
                self._release()


class _Tally:
    def __init__(self):
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def record(self, hit: bool):
        if hit:
            self.hits += 1
        else:
            with self._lock:
                self.misses += 1

    def snapshot(self):
        with self._lock:
            return self.hits, self.misses


class NameService:
    def __init__(self, loop: asyncio.AbstractEventLoop):
        self._loop = loop
        self._lock = threading.Lock()
        self._started = 0
        self._tally = _Tally()

    def resolve(self, host: str, port: int, on_done):
        with self._lock:
            self._started += 1
        return _Handle(_PendingLookup(self._loop, host, port, on_done, self._tally).start())

    def stats(self):
        return self._tally.snapshot()
