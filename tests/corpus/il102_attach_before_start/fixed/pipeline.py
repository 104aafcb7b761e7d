"""Silent: `main` attaches the sink before `start()` runs the worker thread (the constructor only
builds the thread), so the write of `_sink` happens before the thread that reads it exists; no
other code calls `attach`, so no open-world caller is assumed for it."""
import threading
import time


class Sink:
    def write(self, item):
        print(item)


class Pipeline:
    def __init__(self):
        self._lock = threading.Lock()
        self._sink = None
        self._items = []
        self._worker = threading.Thread(target=self._run, name="pipeline", daemon=True)

    def attach(self, sink):
        self._sink = sink

    def start(self):
        self._worker.start()

    def push(self, item):
        with self._lock:
            self._items.append(item)

    def _run(self):
        while True:
            with self._lock:
                sink = self._sink
                items = list(self._items)
                self._items.clear()
            if sink is not None:
                for item in items:
                    sink.write(item)
            time.sleep(0.1)


def main():
    pipeline = Pipeline()
    pipeline.attach(Sink())
    pipeline.start()
    for i in range(10):
        pipeline.push(i)
    time.sleep(1)


if __name__ == "__main__":
    main()
