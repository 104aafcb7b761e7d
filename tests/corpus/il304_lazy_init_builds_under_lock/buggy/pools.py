"""IL304 on `Database._lock`: `pool_for` is the only code that takes the lock, and it builds
(connects) a pool only for a DSN it has not seen. A request for a DSN whose pool already exists
waits behind another DSN's slow connect: the keyed fill has a quick path that never needed it."""
import socket
import threading
from concurrent.futures import ThreadPoolExecutor


class ConnectionPool:
    def __init__(self, dsn, size):
        host, port = dsn.split(":")
        self._conns = [socket.create_connection((host, int(port)), timeout=5) for _ in range(size)]


class Database:
    def __init__(self, size=4):
        self._size = size
        self._lock = threading.Lock()
        self._pools = {}

    def pool_for(self, dsn):
        with self._lock:
            if self._pools.get(dsn) is None:
                self._pools[dsn] = ConnectionPool(dsn, self._size)
            return self._pools[dsn]


def warm(db, dsns):
    with ThreadPoolExecutor(max_workers=8) as pool:
        return list(pool.map(db.pool_for, dsns))
