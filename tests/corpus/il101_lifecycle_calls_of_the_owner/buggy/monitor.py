"""IL101 on `Monitor._thread`: `running` is no lifecycle call, any thread may ask it while the
owner's `stop_sampling` sets `_thread` to None, with no lock in common (`start` and
`stop_sampling` against each other stay silent: the owner makes them one after the other)."""
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

    def running(self):
        return self._thread is not None and self._thread.is_alive()
