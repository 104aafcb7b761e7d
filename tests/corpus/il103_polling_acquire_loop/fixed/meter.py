"""Silent: `record` polls the lock so that it can give up once the meter is closed; the loop
ends holding the lock, so the reading and the retry count are both changed under it (the shape
of a file lock's polled admission gate)."""
import threading
import time


class Meter:
    def __init__(self):
        self._lock = threading.Lock()
        self._closed = False
        self.readings = []
        self.retries = 0
        threading.Thread(target=self._flush_forever, daemon=True).start()

    def record(self, value):
        waited = 0
        while not self._lock.acquire(timeout=0.05):
            if self._closed:
                return False
            waited += 1
        try:
            self.readings.append(value)
            self.retries += waited
        finally:
            self._lock.release()
        return True

    def close(self):
        self._closed = True

    def _flush_forever(self):
        while not self._closed:
            time.sleep(1.0)
            with self._lock:
                batch, self.readings = self.readings, []
                self.retries = 0
            print(len(batch))


def sample(meter):
    for i in range(1000):
        meter.record(i)


m = Meter()
for _ in range(4):
    threading.Thread(target=sample, args=(m,)).start()
