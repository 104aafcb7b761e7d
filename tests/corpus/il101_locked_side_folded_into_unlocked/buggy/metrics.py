"""IL101 on `MetricSink.samples`, reported once, at `drain`: `record` appends under the lock,
but the shipper thread swaps the list out with no lock, so an append can land in the list it
is already shipping (or be lost). The fix belongs in `drain`, so that is the one finding."""
import threading
import time


class MetricSink:
    def __init__(self, ship):
        self._ship = ship
        self._lock = threading.Lock()
        self.samples = []
        self._stop = threading.Event()
        self._shipper = threading.Thread(target=self._ship_loop, daemon=True)
        self._shipper.start()

    def record(self, name, value):
        with self._lock:
            self.samples.append((name, value, time.monotonic()))

    def drain(self):
        out = self.samples
        self.samples = []
        return out

    def _ship_loop(self):
        while not self._stop.wait(5.0):
            batch = self.drain()
            if batch:
                self._ship(batch)

    def close(self):
        self._stop.set()
        self._shipper.join()
