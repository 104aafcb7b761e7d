"""Fixed twin: a connection pool of at most `size` sockets. A bounded semaphore counts the slots
and the lock guards only the idle list: a new connection is made holding a slot (what the
semaphore is for: the other callers wait for a free slot) but not the lock."""
import socket
import threading


class ConnPool:
    def __init__(self, host: str, port: int, size: int = 4):
        self._addr = (host, port)
        self._slots = threading.BoundedSemaphore(size)
        self._lock = threading.Lock()
        self._idle: list[socket.socket] = []
        self.created = 0

    def acquire(self) -> socket.socket:
        self._slots.acquire()
        with self._lock:
            if self._idle:
                return self._idle.pop()
            self.created += 1
        return socket.create_connection(self._addr)

    def release(self, sock: socket.socket) -> None:
        with self._lock:
            self._idle.append(sock)
        self._slots.release()


def worker(pool: ConnPool, payload: bytes) -> None:
    s = pool.acquire()
    try:
        s.sendall(payload)
    finally:
        pool.release(s)


def run(pool: ConnPool, payloads) -> None:
    for p in payloads:
        threading.Thread(target=worker, args=(pool, p)).start()
