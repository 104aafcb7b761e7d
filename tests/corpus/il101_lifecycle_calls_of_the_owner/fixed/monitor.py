"""Silent: `start` and `stop_sampling` are how the monitor's owner drives its lifecycle, one call
after the other from the owner's thread, so their unlocked uses of `_thread` never overlap; the
sampling thread and `latest` share only `samples`, under the lock."""
import threading
import time


class Monitor:
    def __init__(self):
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._thread = None
        self.samples = []

    def start(self):
        if self._thread is None:
            self._stopping.clear()
            self._thread = threading.Thread(target=self._run, daemon=True)
            self._thread.start()

    def stop_sampling(self):
        if self._thread is not None:
            self._stopping.set()
            self._thread.join()
            self._thread = None

    def _run(self):
        while not self._stopping.wait(1.0):
            with self._lock:
                self.samples.append(time.monotonic())

    def latest(self):
        with self._lock:
            return self.samples[-1] if self.samples else None
