"""IL103 on `_State.depth`: built with `per_thread=False` the one `_State` is shared by every
thread, and `release` counts it down without the gate `acquire` takes (the flag-chosen
`threading.local` subclass only separates the threads when `per_thread` is true). IL102 on
`_State.fd`, which `acquire` guards by the gate and `release` writes without it."""
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
        self._state = (_PerThreadState if per_thread else _State)(path)

    def acquire(self):
        with nullcontext() if self._per_thread else self._gate:
            if self._state.fd is None:
                self._state.fd = open(self._state.path, "a")
            self._state.depth += 1

    def release(self):
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
