"""Fixed twin: both updates hold the meter's lock (handed in or made by the constructor)."""
import threading


class Meter:
    def __init__(self, lock=None):
        self._lock = lock or threading.Lock()
        self.bytes_out = 0

    def sent(self, n):
        with self._lock:
            self.bytes_out += n

    def received(self, n):
        with self._lock:
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
