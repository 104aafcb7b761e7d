"""IL101 on `Journal._fh`: `close` closes and drops the file while the writer thread may still
be writing to it (it only set the stop Event)."""
import json
import queue
import threading


class Journal:
    def __init__(self, path):
        self._q = queue.Queue()
        self._fh = open(path, "a", encoding="utf-8")
        self._closed = threading.Event()
        self._writer = threading.Thread(target=self._drain, daemon=True)
        self._writer.start()

    def record(self, **fields):
        self._q.put(fields)

    def _drain(self):
        while not self._closed.is_set():
            try:
                item = self._q.get(timeout=0.2)
            except queue.Empty:
                continue
            self._fh.write(json.dumps(item) + "\n")
            self._fh.flush()

    def close(self):
        self._closed.set()
        # the writer may be in the middle of a write: the file is torn down under it
        self._fh.close()
        self._fh = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
