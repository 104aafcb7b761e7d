"""IL101 on `Poller.ticks`: `stop` sets the stop Event but returns `ticks` without joining the
poll thread, which may still be inside `_poll()` and about to count one more tick."""
import threading


class Poller:
    def __init__(self, poll):
        self._poll = poll
        self._stop = threading.Event()
        self._thread = None
        self.ticks = 0

    def start(self):
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self):
        while not self._stop.is_set():
            self._poll()
            self.ticks += 1
            self._stop.wait(1.0)

    def stop(self):
        self._stop.set()
        return self.ticks
