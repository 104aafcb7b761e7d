"""IL101 on `Emitter._buffer` and `Poller._conn`: `stop()`, on the thread that stops them, runs
the tear-down hook that sets the field to None while `run` may still be using it on the
thread. The set-up hooks, run by `start()` before the thread starts, race with nothing."""
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
        self._buffer = None

    def on_thread_start(self):
        self._buffer = Buffer(self.path)

    def on_thread_stop(self):
        if self._buffer:
            self._buffer = None

    def run(self):
        while self.should_keep_running():
            for ev in self._buffer.read():
                self.out.append(ev)


class Poller(Service):
    def __init__(self, path):
        super().__init__()
        self.path = path
        self._conn = None

    def on_start(self):
        self._conn = Buffer(self.path)

    def on_stop(self):
        self._conn = None

    def run(self):
        while not self.halt.wait(0.1):
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
