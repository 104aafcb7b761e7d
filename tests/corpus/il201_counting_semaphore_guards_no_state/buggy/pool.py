"""IL201 on `ConnPool._idle`: a connection pool of at most `size` sockets. `acquire` tests and pops
the idle list holding only a slot of the bounded semaphore, which admits `size` holders at once:
two callers can both see one idle socket, and the second pop fails."""
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
        if self._idle:
            return self._idle.pop()
        with self._lock:
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
