"""IL102 on `Relay._sink`: besides the constructor's attach (before the start), `main` attaches
another sink while the worker thread runs, without the lock it reads the field under."""
import threading
import time


class Sink:
    def __init__(self, name):
        self.name = name

    def write(self, item):
        print(self.name, item)


class Relay:
    def __init__(self, sink=None):
        self._lock = threading.Lock()
        self._sink = None
        self._pending = []
        self._worker = threading.Thread(target=self._pump, daemon=True)
        if sink is not None:
            self.attach(sink)

    def attach(self, sink):
        self._sink = sink

    def start(self):
        self._worker.start()

    def send(self, item):
        with self._lock:
            self._pending.append(item)

    def _pump(self):
        while True:
            with self._lock:
                sink = self._sink
                batch, self._pending = self._pending, []
            if sink is not None:
                for item in batch:
                    sink.write(item)
            time.sleep(0.05)


def main():
    relay = Relay(Sink("console"))
    relay.start()
    relay.send("hello")
    relay.attach(Sink("file"))      # the pump thread is running
    time.sleep(0.5)


if __name__ == "__main__":
    main()
