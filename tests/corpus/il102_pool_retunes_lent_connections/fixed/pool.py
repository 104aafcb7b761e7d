"""Silent: the pool lends each connection to one caller at a time, and `set_timeout` only records
the new timeout; each connection gets it when it is checked out, before its borrower has it.
No two callers, and not the pool, touch one connection at once."""
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
            conn.timeout = self.timeout
            self._in_use.add(conn)
        return conn

    def release(self, conn: Connection) -> None:
        with self._lock:
            self._in_use.discard(conn)
            self._available.append(conn)

    def set_timeout(self, timeout: float) -> None:
        with self._lock:
            self.timeout = timeout


class Client:
    def __init__(self, host: str) -> None:
        self.pool = ConnectionPool(host)

    def put(self, data: bytes) -> int:
        conn = self.pool.get_connection()
        try:
            return conn.send(data)
        finally:
            self.pool.release(conn)
