"""Fixed twin: `stop` clears the flag under the lock and joins after releasing it."""
import threading


class ChunkStreamer:
    def __init__(self, source, send):
        self._lock = threading.Lock()
        self._source = source
        self._send = send
        self._running = True
        self.sent = 0
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def _run(self) -> None:
        while True:
            with self._lock:
                if not self._running:
                    return
                chunk = self._source.read(4096)
                self.sent += 1
            self._send(chunk)

    def stop(self) -> None:
        with self._lock:
            self._running = False
        self._thread.join()
