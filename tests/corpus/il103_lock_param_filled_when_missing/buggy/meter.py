"""IL103 on `Meter.bytes_out`: the constructor keeps the lock it is handed or a new one
(`self._lock = lock or threading.Lock()`), a lock either way; `sent` adds under it, but
`received` pays back without it, from the same worker threads."""
import threading


class Meter:
    def __init__(self, lock=None):
        self._lock = lock or threading.Lock()
        self.bytes_out = 0

    def sent(self, n):
        with self._lock:
            self.bytes_out += n

    def received(self, n):
        self.bytes_out -= n


def pump(meter, chunks):
    for c in chunks:
        meter.sent(len(c))
        meter.received(len(c) // 2)


def run(chunks):
    meter = Meter()
    workers = [threading.Thread(target=pump, args=(meter, chunks)) for _ in range(4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return meter.bytes_out
