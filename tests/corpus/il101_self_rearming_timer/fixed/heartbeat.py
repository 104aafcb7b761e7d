"""A heartbeat that re-arms its own Timer from the timer's callback. Each timer is stored and
started before it can run, so the stores never overlap; `stop` only sets an Event that the next
beat checks."""
import threading


class Heartbeat:
    def __init__(self, send, every=5.0):
        self._send = send
        self._every = every
        self._halted = threading.Event()
        self._timer = None

    def start(self):
        self._arm()

    def _arm(self):
        self._timer = threading.Timer(self._every, self._beat)
        self._timer.daemon = True
        self._timer.start()

    def _beat(self):
        if self._halted.is_set():
            return
        self._send(b"ping")
        self._arm()

    def stop(self):
        self._halted.set()
