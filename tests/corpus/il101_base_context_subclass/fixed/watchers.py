"""Silent: `BaseWatcher` has two subclasses. `LoopWatcher` is confined to the event loop (its
handlers run from `add_signal_handler`), so its unlocked dict is fine; `LockedWatcher` may be
called from any thread and guards every access with its lock. The base's own public methods run
on one of those two objects, never mixing the loop one's rules with the locked one's."""
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

    def _reap(self):
        with self._lock:
            done = list(self._handlers.items())
            self._handlers.clear()
        for pid, callback in done:
            callback(pid)
