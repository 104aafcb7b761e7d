"""IL102: the pool lends each connection to one caller at a time, but `set_timeout` (any thread)
also rewrites the timeout of the connections it has lent out, with no lock their borrowers take:
a caller in the middle of `send` reads a timeout the pool is changing under it. Lending keeps
borrowers apart from each other, not from the pool's own walk over its connections."""
import threading


class Connection:
    def __init__(self, host: str, timeout: float) -> None:
        self.host = host
        self.timeout = timeout
        self._lock = threading.Lock()
        self._sent = 0

    def send(self, data: bytes) -> int:
        deadline = self.timeout * len(data)
        with self._lock:
            self._sent += 1
        return int(deadline)


class ConnectionPool:
    def __init__(self, host: str) -> None:
        self.host = host
        self.timeout = 1.0
        self._lock = threading.Lock()
        self._available: list[Connection] = []
        self._in_use: set[Connection] = set()

    def get_connection(self) -> Connection:
        with self._lock:
            try:
                conn = self._available.pop()
            except IndexError:
                conn = Connection(self.host, self.timeout)
            self._in_use.add(conn)
        return conn

    def release(self, conn: Connection) -> None:
        with self._lock:
            self._in_use.discard(conn)
            self._available.append(conn)

    def set_timeout(self, timeout: float) -> None:
        with self._lock:
            self.timeout = timeout
            for conn in self._available:
                conn.timeout = timeout
            for conn in self._in_use:
                conn.timeout = timeout


class Client:
    def __init__(self, host: str) -> None:
        self.pool = ConnectionPool(host)

    def put(self, data: bytes) -> int:
        conn = self.pool.get_connection()
        try:
            return conn.send(data)
        finally:
            self.pool.release(conn)
