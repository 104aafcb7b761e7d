"""IL101 on `BaseWatcher._handlers`: `LockedWatcher.remove` (any thread) drops a handler without
the lock that `add` and `_reap` hold (reported at `remove` and at the `add` it races with). `LoopWatcher` is confined to the event loop and stays
silent, and the base's public methods run on one of the two objects, not both at once."""
import signal
import threading


class BaseWatcher:
    def __init__(self):
        self._handlers = {}
        self._loop = None

    def attach(self, loop):
        self._loop = loop
        loop.add_signal_handler(signal.SIGCHLD, self._on_signal)

    def _on_signal(self):
        self._reap()

    def _reap(self):
        raise NotImplementedError


class LoopWatcher(BaseWatcher):
    def add(self, pid, callback):
        self._handlers[pid] = callback

    def _reap(self):
        for pid in list(self._handlers):
            self._loop.call_soon(self._handlers.pop(pid), pid)


class LockedWatcher(BaseWatcher):
    def __init__(self):
        super().__init__()
        self._lock = threading.Lock()

    def add(self, pid, callback):
        with self._lock:
            self._handlers[pid] = callback

    def remove(self, pid):
        self._handlers.pop(pid, None)

    def _reap(self):
        with self._lock:
            done = list(self._handlers.items())
            self._handlers.clear()
        for pid, callback in done:
            callback(pid)
