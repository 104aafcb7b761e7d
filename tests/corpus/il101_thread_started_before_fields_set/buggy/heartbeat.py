"""A heartbeat sender whose constructor starts its thread before it has set up what the thread
uses."""
import threading
import time


class Heartbeat:
    def __init__(self, interval: float) -> None:
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()                    # _run may read the fields below before they exist
        self.interval = interval
        self.sent = 0

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.sent += 1

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()
