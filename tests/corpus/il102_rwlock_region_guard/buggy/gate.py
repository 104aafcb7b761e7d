import threading
from contextlib import contextmanager


class SharedExclusive:
    """Many holders in shared mode, or one in exclusive mode."""

    def __init__(self):
        self._cv = threading.Condition(threading.Lock())
        self._sharers = 0
        self._held = False

    @contextmanager
    def shared(self):
        with self._cv:
            while self._held:
                self._cv.wait()
            self._sharers += 1
        try:
            yield self
        finally:
            with self._cv:
                self._sharers -= 1
                self._cv.notify_all()

    @contextmanager
    def exclusive(self):
        with self._cv:
            while self._held or self._sharers > 0:
                self._cv.wait()
            self._held = True
        try:
            yield self
        finally:
            with self._cv:
                self._held = False
                self._cv.notify_all()
