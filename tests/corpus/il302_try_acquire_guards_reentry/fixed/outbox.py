"""No IL302: `_enqueue` flushes only when `acquire(False)` succeeds, i.e. when the calling thread
does not hold `_send_lock`. `on_ack` reaches `_enqueue` with the lock held, the try fails there,
and `flush` is not called (the idiom paho-mqtt's `_packet_queue` uses to avoid re-entry)."""
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
        if self._send_lock.acquire(False):
            self._send_lock.release()
            self.flush()

    def flush(self):
        with self._send_lock:
            while not self._pending.empty():
                self._pending.get_nowait()
