"""A decoder thread hands (frames, data) chunks to a writer thread over a queue.

`written <= decoded` holds: the decoder counts a chunk before it puts it, and the writer counts
exactly the frames of the chunk it took; the `_DONE` sentinel ends the writer."""
import queue
import threading

_DONE = object()


class Stream:
    def __init__(self, source, sink):
        self._source = source
        self._sink = sink
        self._lock = threading.Lock()
        self.decoded = 0
        self.written = 0
        self._chunks = queue.Queue()

    def start(self):
        threading.Thread(target=self._decode_loop, daemon=True).start()
        threading.Thread(target=self._write_loop, daemon=True).start()

    def _decode_loop(self):
        for frames, data in self._source:
            if frames > 0:
                with self._lock:
                    self.decoded += frames
                self._chunks.put((frames, data))
        self._chunks.put(_DONE)

    def _write_loop(self):
        while True:
            item = self._chunks.get()
            if item is _DONE:
                return
            frames, data = item
            self._sink.write(data)
            with self._lock:
                self.written += frames
