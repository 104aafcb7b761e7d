"""Silent: a `FileHold` built with `per_thread=True` keeps its hold state in a `threading.local`
subclass (each thread its own counter); built with `per_thread=False` the one shared `_State` is
only touched under `with nullcontext() if self._per_thread else self._gate:`, which takes the gate
exactly when the state is shared. (The buggy twin leaves the field unannotated: it is typed as the
shared class the flag may choose.)"""
import threading
from contextlib import nullcontext


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
        self._gate = threading.RLock()
        self._state: _State = (_PerThreadState if per_thread else _State)(path)

    def acquire(self):
        with nullcontext() if self._per_thread else self._gate:
            if self._state.fd is None:
                self._state.fd = open(self._state.path, "a")
            self._state.depth += 1

    def release(self):
        with nullcontext() if self._per_thread else self._gate:
            self._state.depth -= 1
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
