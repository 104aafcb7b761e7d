"""A TTL cache whose entries are dropped by a `threading.Timer` per key."""
import threading


class TTLCache:
    def __init__(self, ttl: float) -> None:
        self.ttl = ttl
        self._lock = threading.Lock()
        self._data: dict[str, bytes] = {}

    def put(self, key: str, value: bytes) -> None:
        with self._lock:
            self._data[key] = value
        timer = threading.Timer(self.ttl, self._expire, args=(key,))
        timer.daemon = True
        timer.start()

    def _expire(self, key: str) -> None:
        with self._lock:
            self._data.pop(key, None)

    def get(self, key: str) -> bytes | None:
        with self._lock:
            if key in self._data:
                return self._data[key]
        return None
