"""A heartbeat that re-arms its own Timer from the timer's callback. `stop` cancels whichever
timer `self._timer` holds, while the running callback may be replacing it: the new timer is
never cancelled and the heartbeat goes on after stop()."""
import threading


class Heartbeat:
    def __init__(self, send, every=5.0):
        self._send = send
        self._every = every
        self._timer = None

    def start(self):
        self._arm()

    def _arm(self):
        self._timer = threading.Timer(self._every, self._beat)
        self._timer.daemon = True
        self._timer.start()

    def _beat(self):
        self._send(b"ping")
        self._arm()

    def stop(self):
        if self._timer is not None:
            self._timer.cancel()
