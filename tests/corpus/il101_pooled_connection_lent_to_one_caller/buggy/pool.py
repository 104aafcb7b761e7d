"""IL101: the "pool" hands every caller the same connection: `get_connection` returns the first
available one without taking it out, so two callers of `Client.get` (or of the connection's own
API) send and read on one connection at once and overwrite each other's `_pending` key."""
import threading


class Connection:
    def __init__(self, host: str, cache: dict) -> None:
        self.host = host
        self._cache = cache
        self._cache_lock = threading.RLock()
        self._pending = None

    def send(self, key: str) -> None:
        with self._cache_lock:
            if key in self._cache:
                self._pending = None
                return
        self._pending = key

    def send_packed(self, packed: bytes) -> None:
        self._pending = None

    def read(self):
        key = self._pending
        if key is None:
            return None
        with self._cache_lock:
            self._cache[key] = b"value"
        self._pending = None
        return key


class ConnectionPool:
    def __init__(self, host: str) -> None:
        self.host = host
        self._lock = threading.Lock()
        self._cache: dict = {}
        self._available: list[Connection] = []
        self._in_use: set[Connection] = set()

    def get_connection(self) -> Connection:
        with self._lock:
            if not self._available:
                self._available.append(self.make_connection())
            conn = self._available[0]
            self._in_use.add(conn)
        return conn

    def make_connection(self) -> Connection:
        return Connection(self.host, self._cache)

    def release(self, conn: Connection) -> None:
        with self._lock:
            self._in_use.discard(conn)


class Client:
    def __init__(self, host: str) -> None:
        self.pool = ConnectionPool(host)
        self._lock = threading.Lock()

    def get(self, key: str):
        conn = self.pool.get_connection()
        try:
            conn.send(key)
            return conn.read()
        finally:
            self.pool.release(conn)
