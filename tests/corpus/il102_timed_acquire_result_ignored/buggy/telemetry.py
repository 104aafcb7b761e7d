import threading
import time


class Telemetry:
    """Samples come in from sensor threads; a shipper thread drains them every second."""

    def __init__(self):
        self._mu = threading.Lock()
        self._samples = []
        threading.Thread(target=self._ship_forever, daemon=True).start()

    def record(self, value):
        got = self._mu.acquire(timeout=0.2)
        try:
            self._samples.append(value)       # also runs when the wait timed out, without the lock
        finally:
            if got:
                self._mu.release()

    def record_many(self, values):
        got = self._mu.acquire(timeout=0.2)
        if got:
            try:
                self._samples.extend(values)
            finally:
                self._mu.release()
        return got

    def _ship_forever(self):
        while True:
            time.sleep(1.0)
            with self._mu:
                batch, self._samples = self._samples, []
            print(len(batch))


def sensor(t: Telemetry):
    for i in range(100):
        t.record(i)


hub = Telemetry()
for _ in range(3):
    threading.Thread(target=sensor, args=(hub,)).start()
