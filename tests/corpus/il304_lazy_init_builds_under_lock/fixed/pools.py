"""No IL304: `Database._lock` only guards the lazy build of the one pool. The quick path (the
pool is there) exists only once the build has finished, so a run that waits for the lock while
the pool connects needs that pool too: it waits for nothing it could have done without it.
Double-checked, the built pool is read without the lock afterwards."""
import socket
import threading
from concurrent.futures import ThreadPoolExecutor


class ConnectionPool:
    def __init__(self, dsn, size):
        host, port = dsn.split(":")
        self._conns = [socket.create_connection((host, int(port)), timeout=5) for _ in range(size)]


class Database:
    def __init__(self, dsn, size=4):
        self._dsn = dsn
        self._size = size
        self._lock = threading.Lock()
        self._pool = None

    @property
    def pool(self):
        pool = self._pool
        if pool is None:
            with self._lock:
                if self._pool is None:
                    self._pool = ConnectionPool(self._dsn, self._size)
                pool = self._pool
        return pool


_default = None
_default_lock = threading.Lock()


def default_pool():
    global _default
    with _default_lock:
        if _default is None:
            _default = ConnectionPool("db:5432", 2)
        return _default


def handle(db, n):
    return db.pool, default_pool(), n


def serve(db, requests):
    with ThreadPoolExecutor(max_workers=8) as pool:
        return [f.result() for f in [pool.submit(handle, db, n) for n in requests]]
