"""Fixed twin: `drain` swaps the list out under the same lock `record` appends under."""
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
        with self._lock:
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
