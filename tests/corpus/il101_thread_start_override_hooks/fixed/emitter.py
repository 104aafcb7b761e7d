"""Fixed twin: the tear-down hooks take the lock `run` holds while it uses the field; the
set-up hooks still set it unlocked, before the thread starts."""
import threading

from base import BaseThread, Service


class Buffer:
    def __init__(self, path):
        self.path = path

    def read(self):
        return [self.path]


class Emitter(BaseThread):
    def __init__(self, path, out):
        super().__init__()
        self.path = path
        self.out = out
        self._lock = threading.Lock()
        self._buffer = None

    def on_thread_start(self):
        self._buffer = Buffer(self.path)

    def on_thread_stop(self):
        with self._lock:
            self._buffer = None

    def run(self):
        while self.should_keep_running():
            with self._lock:
                if self._buffer is None:
                    return
                events = self._buffer.read()
            for ev in events:
                self.out.append(ev)


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
