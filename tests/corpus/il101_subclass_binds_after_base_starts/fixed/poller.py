"""Base class for background pollers: the constructor starts the thread."""
import threading
import time


class Poller:
    def __init__(self, period):
        self.period = period
        self._halt = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    def _loop(self):
        while not self._halt.wait(self.period):
            self.poll()

    def poll(self):
        raise NotImplementedError

    def close(self):
        self._halt.set()
        self._thread.join()
