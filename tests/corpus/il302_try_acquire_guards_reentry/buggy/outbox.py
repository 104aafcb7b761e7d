"""IL302 on `Outbox._send_lock`: `on_ack` holds `_send_lock` and `_enqueue` flushes without
testing whether the lock is free, so `flush` takes the non-reentrant lock again."""
import queue
import threading


class Outbox:
    def __init__(self):
        self._send_lock = threading.Lock()
        self._pending = queue.SimpleQueue()
        self._worker = None

    def start(self):
        self._worker = threading.Thread(target=self._run, daemon=True)
        self._worker.start()

    def _run(self):
        while True:
            self.on_ack()

    def on_ack(self):
        with self._send_lock:
            self._enqueue(b"ack")

    def send(self, data):
        self._enqueue(data)

    def _enqueue(self, data):
        self._pending.put(data)
        self.flush()

    def flush(self):
        with self._send_lock:
            while not self._pending.empty():
                self._pending.get_nowait()
