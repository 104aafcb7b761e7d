"""A download streamed to a consumer: the network thread fills chunks, the reader drains them."""
import threading
import urllib.request

CONNECTING, STREAMING, CLOSED = "connecting", "streaming", "closed"


class Download:
    def __init__(self, url: str):
        self.url = url
        self.state = CONNECTING
        self.chunks: list[bytes] = []
        self._cond = threading.Condition()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def _run(self) -> None:
        try:
            resp = urllib.request.urlopen(self.url, timeout=10)
        except OSError:
            self.close()            # never connected: the reader must see CLOSED
            return
        with self._cond:
            if self.state == CONNECTING:
                self.state = STREAMING
        while True:
            chunk = resp.read(4096)
            if not chunk:
                break
            with self._cond:
                self.chunks.append(chunk)
                self._cond.notify()
        self.close()

    def close(self) -> None:
        with self._cond:
            self.state = CLOSED

    def read(self) -> bytes | None:
        with self._cond:
            while not self.chunks and self.state != CLOSED:
                self._cond.wait()
            if self.chunks:
                return self.chunks.pop(0)
            return None


def consume(dl: Download) -> int:
    total = 0
    while True:
        chunk = dl.read()
        if chunk is None:
            return total
        total += len(chunk)


def main():
    dl = Download("http://example.invalid/track.flac")
    dl.start()
    print(consume(dl))


if __name__ == "__main__":
    main()
