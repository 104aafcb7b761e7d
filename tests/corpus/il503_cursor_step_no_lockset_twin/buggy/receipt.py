"""IL503 on `Receipt.next`: two threads unpacking one receipt (`rc, mid = receipt`) both see
`_pos == 0` and both step it to 1, so each gets `rc` twice. One bug, one finding: the plain
unguarded race on `_pos` (IL101) in the same function is that transition seen as a lockset
pair, not a second bug."""
import threading


class Receipt:
    def __init__(self, mid):
        self.mid = mid
        self.rc = 0
        self._done = False
        self._cond = threading.Condition()
        self._pos = 0

    def __iter__(self):
        self._pos = 0
        return self

    def __next__(self):
        return self.next()

    def next(self):
        if self._pos == 0:
            self._pos = 1
            return self.rc
        elif self._pos == 1:
            self._pos = 2
            return self.mid
        else:
            raise StopIteration

    def mark_done(self):
        with self._cond:
            self._done = True
            self._cond.notify()

    def wait(self, timeout=None):
        with self._cond:
            while not self._done:
                self._cond.wait(timeout)
