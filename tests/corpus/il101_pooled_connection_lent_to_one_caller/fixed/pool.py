"""Silent: the pool lends each connection to one caller at a time. `get_connection` takes it out
of `_available` (or makes a new one) under the pool's lock and `release` puts it back, so the
per-connection state `send`/`read` keep (`_pending`) is only ever touched by the one caller that
has the connection checked out. The connection's lock guards its use of the cache the pool's
connections share, not that state."""
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
            try:
                conn = self._available.pop()
            except IndexError:
                conn = self.make_connection()
            self._in_use.add(conn)
        return conn

    def make_connection(self) -> Connection:
        return Connection(self.host, self._cache)

    def release(self, conn: Connection) -> None:
        with self._lock:
            self._in_use.discard(conn)
            self._available.append(conn)


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
