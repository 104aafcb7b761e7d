"""A heartbeat sender whose constructor starts its thread before it has set up what the thread
uses."""
import threading
import time


class Heartbeat:
    def __init__(self, interval: float) -> None:
        self._stop = threading.Event()
        self.interval = interval
        self.sent = 0
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()                    # started last, once the object is complete

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.sent += 1

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()
