"""Fixed twin: `Emitter` clears its buffer on its own thread, when `run` ends (its `stop()` only
sets the event); `Poller`'s tear-down hook takes the lock `run` holds while it uses the field.
The set-up hooks still set the fields unlocked, before the thread starts."""
import threading

from base import BaseThread, Service


class Buffer:
    def __init__(self, path):
        self.path = path

    def read(self):
        return [self.path]


class Emitter(BaseThread):
    """Its tear-down runs on its own thread, when `run` leaves its loop."""

    def __init__(self, path, out):
        super().__init__()
        self.path = path
        self.out = out
        self._buffer = None

    def on_thread_start(self):
        self._buffer = Buffer(self.path)

    def _close(self):
        self._buffer = None

    def run(self):
        try:
            while self.should_keep_running():
                for ev in self._buffer.read():
                    self.out.append(ev)
        finally:
            self._close()


class Poller(Service):
    def __init__(self, path):
        super().__init__()
        self.path = path
        self._lock = threading.Lock()
        self._conn = None

    def on_start(self):
        self._conn = Buffer(self.path)

    def on_stop(self):
        with self._lock:
            self._conn = None

    def run(self):
        while not self.halt.wait(0.1):
            with self._lock:
                if self._conn is None:
                    return
                print(self._conn.read())


def main():
    out = []
    e = Emitter("/tmp", out)
    e.start()
    p = Poller("/var")
    p.start()
    e.stop()
    p.stop()
    e.join()
    p.join()


if __name__ == "__main__":
    main()
