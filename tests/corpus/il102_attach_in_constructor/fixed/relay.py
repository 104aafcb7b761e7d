"""Silent: the relay's constructor attaches the sink it is given and `main` replaces it before it
starts the worker thread; both writes of `_sink` happen before the thread that reads it exists.
`attach` has no other caller, so no open-world caller is assumed for it (the constructor's own
call alone would not say when outside code calls it)."""
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
    relay.attach(Sink("file"))      # replaces the default before the pump thread starts
    relay.start()
    relay.send("hello")
    time.sleep(0.5)


if __name__ == "__main__":
    main()
