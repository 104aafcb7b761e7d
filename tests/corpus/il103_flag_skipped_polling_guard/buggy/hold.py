"""IL103 on `_State.depth`: `_admission` yields at once when the state is per thread and
otherwise polls the gate and yields holding it, but `release` changes the shared state outside
that `with` (a `threading.local` subclass is chosen by the flag, the shared `_State` otherwise)."""
import threading
import time
from contextlib import contextmanager


class Timeout(Exception):
    pass


class _State:
    def __init__(self, path):
        self.path = path
        self.depth = 0
        self.fd = None


class _PerThreadState(_State, threading.local):
    pass


class FileHold:
    def __init__(self, path, per_thread=True):
        self._per_thread = per_thread
        self._gate = threading.Lock()
        self._state: _State = (_PerThreadState if per_thread else _State)(path)

    @contextmanager
    def _admission(self, timeout):
        if self._per_thread:
            yield
            return
        deadline = time.monotonic() + timeout
        while not self._gate.acquire(timeout=0.05):
            if time.monotonic() >= deadline:
                raise Timeout(self._state.path)
        try:
            yield
        finally:
            self._gate.release()

    def acquire(self, timeout=5.0):
        with self._admission(timeout):
            if self._state.fd is None:
                self._state.fd = open(self._state.path, "a")
            self._state.depth += 1

    def release(self):
        self._state.depth -= 1
        with self._admission(-1):
            if self._state.depth == 0:
                self._state.fd.close()
                self._state.fd = None


def worker(hold):
    hold.acquire()
    hold.release()


def main():
    hold = FileHold("/tmp/x.lock", per_thread=False)
    for _ in range(4):
        threading.Thread(target=worker, args=(hold,)).start()
