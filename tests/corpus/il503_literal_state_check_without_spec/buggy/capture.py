"""A capture device whose state is a string. Without a spec the extractor still infers the state
machine ("idle", "recording"), so the stale state check before the transition is IL503's (not
IL201's): two `arm` calls both see "idle" outside the lock, both open a file, and the first file
handle is lost when the second overwrites `sink`. The final state is one a serial order also
reaches, so it is the static check that reports it."""
import threading


class Capture:
    def __init__(self):
        self._lock = threading.Lock()
        self.state = "idle"
        self.sink = None

    def arm(self, path):
        with self._lock:
            idle = self.state == "idle"
        if not idle:
            return False
        sink = open(path, "wb")
        with self._lock:
            self.state = "recording"
            self.sink = sink
        return True

    def disarm(self):
        with self._lock:
            self.state = "idle"
            sink, self.sink = self.sink, None
        if sink is not None:
            sink.close()
