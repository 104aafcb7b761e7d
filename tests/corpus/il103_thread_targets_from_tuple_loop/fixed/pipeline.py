"""Fixed twin: a two-stage pipeline, one thread per stage made in a comprehension over the stage
methods; both stages change the in-flight count under the lock."""
import queue
import threading

_STOP = object()


class Pipeline:
    def __init__(self, source, sink):
        self._source = source
        self._sink = sink
        self._q: queue.Queue = queue.Queue(maxsize=64)
        self._lock = threading.Lock()
        self.in_flight = 0
        self._threads = [threading.Thread(target=stage, daemon=True)
                         for stage in (self._reader, self._writer)]

    def start(self) -> None:
        for t in self._threads:
            t.start()

    def _reader(self) -> None:
        for item in self._source:
            self._q.put(item)
            with self._lock:
                self.in_flight += 1
        self._q.put(_STOP)

    def _writer(self) -> None:
        while True:
            item = self._q.get()
            if item is _STOP:
                return
            self._sink.append(item)
            with self._lock:
                self.in_flight -= 1
