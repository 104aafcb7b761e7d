"""IL304 on `FrameReader._lock`: besides the frame reads, `pending` takes the lock to peek at the
kept header, so a status call waits out a whole blocking read of the socket."""
import threading


class FrameReader:
    def __init__(self, recv):
        self.recv = recv
        self._lock = threading.Lock()
        self._header = None

    def _read_exact(self, n: int) -> bytes:
        chunks = []
        while n > 0:
            part = self.recv(n)
            if not part:
                raise ConnectionError("closed")
            chunks.append(part)
            n -= len(part)
        return b"".join(chunks)

    def _read_header(self) -> None:
        self._header = self._read_exact(2)

    def _read_payload(self, size: int) -> bytes:
        return self._read_exact(size)

    def pending(self) -> bool:
        with self._lock:
            return self._header is not None

    def read_frame(self) -> bytes:
        with self._lock:
            if self._header is None:
                self._read_header()
            size = self._header[1] & 0x7F
            payload = self._read_payload(size)
            self._header = None
            return payload


def pump(sock, handle):
    reader = FrameReader(sock.recv)
    for _ in range(2):
        threading.Thread(target=lambda: handle(reader.read_frame())).start()
    return reader.pending()
