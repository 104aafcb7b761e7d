"""Fixed: the cursor is reset and stepped under the receipt's condition lock, so two threads
unpacking one receipt take turns."""
import threading


class Receipt:
    def __init__(self, mid):
        self.mid = mid
        self.rc = 0
        self._done = False
        self._cond = threading.Condition()
        self._pos = 0

    def __iter__(self):
        with self._cond:
            self._pos = 0
        return self

    def __next__(self):
        return self.next()

    def next(self):
        with self._cond:
            if self._pos == 0:
                self._pos = 1
                return self.rc
            elif self._pos == 1:
                self._pos = 2
                return self.mid
            raise StopIteration

    def mark_done(self):
        with self._cond:
            self._done = True
            self._cond.notify()

    def wait(self, timeout=None):
        with self._cond:
            while not self._done:
                self._cond.wait(timeout)
