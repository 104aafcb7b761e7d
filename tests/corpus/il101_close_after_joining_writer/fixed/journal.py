"""Silent: `close` sets the stop Event and joins the writer thread (started once, in the
constructor) before it closes and drops the file: the thread has ended, nobody else uses it."""
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
        # the writer is the only user of the file: wait for it, then close
        self._writer.join()
        self._fh.close()
        self._fh = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
