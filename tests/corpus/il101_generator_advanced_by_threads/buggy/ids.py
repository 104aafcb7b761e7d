"""IL101 on `IdSource._batches`: the request threads advance one generator with `next()`; two at
once raise "ValueError: generator already executing" (and its local state is shared). The
`itertools.count()` sequence is fine: a C iterator's step is atomic."""
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

    def next_batch(self):
        return next(self._batches)

    def next_seq(self):
        return next(self._seq)

    def serve(self, requests):
        for _ in requests:
            threading.Thread(target=self.next_batch).start()
            threading.Thread(target=self.next_seq).start()
