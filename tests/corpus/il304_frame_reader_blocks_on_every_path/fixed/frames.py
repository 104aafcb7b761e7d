"""Fixed twin (the shape of a false alarm on websocket-client's frame_buffer): only `read_frame`
takes the lock, and it exists to serialise whole frame reads from the socket. A read may skip the
header (kept from an earlier partial read) but always reads the payload, so every run through
the critical section blocks: waiting for it is waiting for one's turn at the socket."""
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
