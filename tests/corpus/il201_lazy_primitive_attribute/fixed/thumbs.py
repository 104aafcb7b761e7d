"""A thumbnail service renders images on a worker pool made on first use by the request threads."""
import threading
from concurrent.futures import ThreadPoolExecutor
from socketserver import StreamRequestHandler, ThreadingTCPServer


class Renderer:
    def __init__(self) -> None:
        self._workers = None
        self._made = threading.Lock()

    def _pool(self) -> ThreadPoolExecutor:
        with self._made:
            if self._workers is None:
                self._workers = ThreadPoolExecutor(max_workers=2)
            return self._workers

    def render(self, path: str) -> bytes:
        return self._pool().submit(open, path, "rb").result().read()


RENDERER = Renderer()


class ThumbHandler(StreamRequestHandler):
    def handle(self) -> None:
        self.wfile.write(RENDERER.render(self.rfile.readline().strip().decode()))


if __name__ == "__main__":
    ThreadingTCPServer(("", 9010), ThumbHandler).serve_forever()
