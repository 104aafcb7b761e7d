"""IL303 on `Pool.make_connection`: the `on_connect` hook a caller hands in runs under `_lock`,
which `release` (api) also takes; a hook that releases a connection back deadlocks. Building a
connection of the injected `connection_class` (default `Connection`), or a `Worker` of the
`worker_class: type[Worker]` the supervisor is given, runs a constructor, not a listener."""
import threading


class Connection:
    def __init__(self, host="localhost", port=6379):
        self.host = host
        self.port = port


class SSLConnection(Connection):
    pass


class Pool:
    def __init__(self, connection_class=Connection, on_connect=None, **connection_kwargs):
        self._lock = threading.Lock()
        self.connection_class = connection_class
        self.connection_kwargs = connection_kwargs
        self.on_connect = on_connect
        self._available = []
        self._created = 0

    def make_connection(self):
        with self._lock:
            self._created += 1
            conn = self.connection_class(**self.connection_kwargs)
            if self.on_connect is not None:
                self.on_connect(conn)
            return conn

    def release(self, conn):
        with self._lock:
            self._available.append(conn)


class Worker:
    def __init__(self, pool):
        self.pool = pool


class Supervisor:
    def __init__(self, pool: Pool, worker_class: type[Worker]):
        self._lock = threading.Lock()
        self._pool = pool
        self._worker_class = worker_class
        self._workers = []

    def spawn(self):
        with self._lock:
            worker = self._worker_class(self._pool)
            self._workers.append(worker)
            return worker

    def count(self):
        with self._lock:
            return len(self._workers)


def main():
    pool = Pool(SSLConnection, on_connect=print, host="db")
    sup = Supervisor(pool, Worker)
    threading.Thread(target=pool.make_connection).start()
    threading.Thread(target=sup.spawn).start()
    return pool, sup
