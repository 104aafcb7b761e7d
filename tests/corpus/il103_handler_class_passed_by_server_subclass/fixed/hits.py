import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class HitCounter:
    def __init__(self):
        self._mu = threading.Lock()
        self._by_path = {}

    def record(self, path):
        with self._mu:
            n = self._by_path.get(path, 0)
            self._by_path[path] = n + 1

    def count(self, path):
        with self._mu:
            return self._by_path.get(path, 0)


class MetricsHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        self.server.hits.record(self.path)
        body = str(self.server.hits.count(self.path)).encode()
        self.send_response(200)
        self.end_headers()
        self.wfile.write(body)


class MetricsServer(ThreadingHTTPServer):
    def __init__(self, address):
        super().__init__(address, MetricsHandler)
        self.hits = HitCounter()


def main():
    MetricsServer(("127.0.0.1", 8125)).serve_forever()


if __name__ == "__main__":
    main()
