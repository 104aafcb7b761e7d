"""A metrics client: request threads record samples, a reporter thread ships them over TCP."""
import socket
import threading
import time


class MetricsClient:
    def __init__(self, host: str, port: int) -> None:
        self._conn = socket.create_connection((host, port))
        self._lock = threading.Lock()
        self._send_lock = threading.Lock()      # guards the connection only
        self._samples: list[str] = []

    def record(self, name: str, value: float) -> None:
        with self._lock:
            self._samples.append(f"{name}:{value}")

    def ship(self) -> None:
        with self._lock:
            payload = "\n".join(self._samples).encode()
            self._samples.clear()
        with self._send_lock:
            self._conn.sendall(payload)

    def run_reporter(self) -> None:
        threading.Thread(target=self._report_forever, daemon=True).start()

    def _report_forever(self) -> None:
        while True:
            time.sleep(10)
            self.ship()
