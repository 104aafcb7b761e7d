"""Fixed: `Checkout.__enter__` bumps the shared pool's counter under the pool lock."""
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
        with self.pool.lock:
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
