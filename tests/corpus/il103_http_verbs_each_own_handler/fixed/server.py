import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class UploadServer(ThreadingHTTPServer):
    def __init__(self, addr, handler):
        super().__init__(addr, handler)
        self.lock = threading.Lock()
        self.total_bytes = 0


class UploadHandler(BaseHTTPRequestHandler):
    def setup(self):
        super().setup()
        self.chunks = []
        self.received = 0

    def _read_body(self):
        length = int(self.headers.get("Content-Length", 0))
        while self.received < length:
            chunk = self.rfile.read(min(65536, length - self.received))
            if not chunk:
                break
            self.chunks.append(chunk)
            self.received += len(chunk)

    def do_PUT(self):
        self._read_body()
        with self.server.lock:
            self.server.total_bytes += self.received
        self.send_response(201)
        self.end_headers()

    def do_POST(self):
        self._read_body()
        body = b"".join(self.chunks)
        with self.server.lock:
            self.server.total_bytes += len(body)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(body[:16])


def main():
    UploadServer(("127.0.0.1", 8000), UploadHandler).serve_forever()


if __name__ == "__main__":
    main()
