"""Fixed twin: the sweep walks the dict under the same lock as `put`."""
import threading
import time


class WaveformCache:
    def __init__(self, ttl=60.0):
        self._lock = threading.Lock()
        self.ttl = ttl
        self._entries = {}
        threading.Thread(target=self._janitor, daemon=True).start()

    def put(self, key, waveform):
        with self._lock:
            self._entries[key] = (time.monotonic(), waveform)

    def _janitor(self):
        while True:
            time.sleep(self.ttl)
            self._sweep()

    def _sweep(self):
        now = time.monotonic()
        with self._lock:
            stale = [k for k, (stamp, _) in self._entries.items() if now - stamp > self.ttl]
            for key in stale:
                self._entries.pop(key, None)
