"""A capture device whose state is a string (an inferred state machine); here `arm` claims the
device ("arming") in the critical section that checks it, so a second `arm` sees "arming" and
backs off."""
import threading


class Capture:
    def __init__(self):
        self._lock = threading.Lock()
        self.state = "idle"
        self.sink = None

    def arm(self, path):
        with self._lock:
            if self.state != "idle":
                return False
            self.state = "arming"
        sink = open(path, "wb")
        with self._lock:
            if self.state != "arming":
                sink.close()
                return False
            self.state = "recording"
            self.sink = sink
        return True

    def disarm(self):
        with self._lock:
            self.state = "idle"
            sink, self.sink = self.sink, None
        if sink is not None:
            sink.close()
