"""IL102 on `Pipeline._sink`: `main` attaches a second sink after `start()`, without the lock,
while the worker thread reads the field under it."""
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
    pipeline.attach(Sink())         # the worker is running: an unguarded write it races with
    time.sleep(1)


if __name__ == "__main__":
    main()
