"""A feeder that starts once: `start()` makes its buffer and moves to RUNNING; `post()` works only
while RUNNING and hands each item to a thread that appends it. Every thread is started after the
gate, so the buffer and the prefix that `start` set are in place when it runs."""
import threading

IDLE = "idle"
RUNNING = "running"


class Feeder:
    def __init__(self, name):
        self._name = name
        self._lock = threading.Lock()
        self._state = IDLE
        self._count = 0

    def start(self):
        self._buffer = []
        self._prefix = "%s> " % self._name
        self._state = RUNNING

    def post(self, item):
        if self._state != RUNNING:
            return False
        self._hand_off(item)
        return True

    def _hand_off(self, item):
        worker = threading.Thread(target=self._append, args=(item,), daemon=True)
        worker.start()

    def _append(self, item):
        line = self._prefix + str(item)
        with self._lock:
            self._buffer.append(line)
            self._count += 1

    def count(self):
        with self._lock:
            return self._count
