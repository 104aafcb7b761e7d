"""Silent: `start` stores the poll thread in `self._thread` (declared None in `__init__`), and
`stop` reads the thread's `ticks` only after setting the stop Event and joining that thread,
so the join publishes the count; the Event is the stop flag."""
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
        self._thread.join()
        return self.ticks
