"""Fixed twin: the generator is advanced under a lock, one thread at a time."""
import itertools
import threading


def batches(size):
    start = 0
    while True:
        yield range(start, start + size)
        start += size


class IdSource:
    def __init__(self):
        self._batches = batches(100)
        self._seq = itertools.count(1)
        self._lock = threading.Lock()

    def next_batch(self):
        with self._lock:
            return next(self._batches)

    def next_seq(self):
        return next(self._seq)

    def serve(self, requests):
        for _ in requests:
            threading.Thread(target=self.next_batch).start()
            threading.Thread(target=self.next_seq).start()
