"""IL103 on `Pool.leased`: `with pool.lease() as conn:` enters the `_Lease` that `Pool.lease`
builds, so `_Lease.__enter__` runs at the `with` and `__exit__` when the block ends. `__enter__`
bumps the shared pool's counter without the pool lock, from every executor job at once."""
import socket
import threading
from concurrent.futures import ThreadPoolExecutor


class Pool:
    def __init__(self, addr):
        self.addr = addr
        self.lock = threading.Lock()
        self.leased = 0
        self.idle = []

    def lease(self):
        return _Lease(self)

    def give_back(self, conn):
        with self.lock:
            self.idle.append(conn)
            self.leased -= 1


class _Lease:
    def __init__(self, pool):
        self.pool = pool
        self.conn = None

    def __enter__(self):
        self.pool.leased += 1
        self.conn = socket.create_connection(self.pool.addr)
        return self.conn

    def __exit__(self, *exc):
        self.pool.give_back(self.conn)
        return False


def send(pool: Pool, payload: bytes) -> None:
    with pool.lease() as conn:
        conn.sendall(payload)


def main(payloads):
    pool = Pool(("localhost", 9000))
    with ThreadPoolExecutor(max_workers=8) as ex:
        for p in payloads:
            ex.submit(send, pool, p)
