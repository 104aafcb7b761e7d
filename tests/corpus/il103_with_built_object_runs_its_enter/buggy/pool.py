"""IL103 on `Pool.in_use`: `with Checkout(pool) as conn:` runs `Checkout.__enter__` on the object
it builds, and that bumps the shared pool's counter without the pool lock, from every executor
job at once. `Checkout.conn` is a field of the new object only its job holds: no finding."""
import socket
import threading
from concurrent.futures import ThreadPoolExecutor


class Pool:
    def __init__(self, addr):
        self.addr = addr
        self.lock = threading.Lock()
        self.in_use = 0
        self.idle = []

    def release(self, conn):
        with self.lock:
            self.idle.append(conn)
            self.in_use -= 1


class Checkout:
    def __init__(self, pool: Pool):
        self.pool = pool
        self.conn = None

    def __enter__(self):
        self.pool.in_use += 1
        self.conn = socket.create_connection(self.pool.addr)
        return self.conn

    def __exit__(self, *exc):
        self.pool.release(self.conn)
        return False


def send(pool: Pool, payload: bytes) -> None:
    with Checkout(pool) as conn:
        conn.sendall(payload)


def main(payloads):
    pool = Pool(("localhost", 9000))
    with ThreadPoolExecutor(max_workers=8) as ex:
        for p in payloads:
            ex.submit(send, pool, p)
