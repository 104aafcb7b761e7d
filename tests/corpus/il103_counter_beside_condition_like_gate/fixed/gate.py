"""A condition variable of its own, shaped like threading.Condition: `Gate` wraps the lock it is
handed (or a new RLock) and is entered as that lock (`with gate:`); `wait` and `notify` check
that the caller holds it. Its waiter list is only touched with that lock held: no race. Fixed twin: `Pulse` counts and\nresets under a plain lock."""
import threading
from collections import deque


class Gate:
    def __init__(self, lock=None):
        if lock is None:
            lock = threading.RLock()
        self._lock = lock
        self.acquire = lock.acquire
        self.release = lock.release
        self._waiters = deque()

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *args):
        return self._lock.__exit__(*args)

    def _is_owned(self):
        if self._lock.acquire(False):
            self._lock.release()
            return False
        return True

    def wait(self, timeout=None):
        if not self._is_owned():
            raise RuntimeError("cannot wait on un-acquired gate")
        waiter = threading.Lock()
        waiter.acquire()
        self._waiters.append(waiter)
        self._lock.release()
        gotit = False
        try:
            gotit = waiter.acquire(True, timeout) if timeout is not None else waiter.acquire()
            return gotit
        finally:
            self._lock.acquire()
            if not gotit:
                try:
                    self._waiters.remove(waiter)
                except ValueError:
                    pass

    def notify(self, n=1):
        if not self._is_owned():
            raise RuntimeError("cannot notify on un-acquired gate")
        for waiter in list(self._waiters)[:n]:
            waiter.release()
            try:
                self._waiters.remove(waiter)
            except ValueError:
                pass


class Pulse:
    """Counts beats on its own thread; `reset` comes from any thread, under the pulse's lock."""

    def __init__(self):
        self._beat_lock = threading.Lock()
        self.beats = 0
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self):
        while True:
            with self._beat_lock:
                self.beats += 1

    def reset(self):
        with self._beat_lock:
            self.beats = 0
