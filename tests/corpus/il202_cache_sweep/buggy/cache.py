"""IL202 on `WaveformCache._entries`: the janitor thread (`_sweep`) walks `.items()` without the
lock while `put` (api threads) inserts under `_lock`: "dictionary changed size during iteration"
kills the janitor."""
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
        stale = [k for k, (stamp, _) in self._entries.items() if now - stamp > self.ttl]
        with self._lock:
            for key in stale:
                self._entries.pop(key, None)
