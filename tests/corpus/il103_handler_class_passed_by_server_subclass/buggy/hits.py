"""IL103: `MetricsServer` hands its handler class to `ThreadingHTTPServer.__init__` through
`super().__init__`; every request runs `MetricsHandler.do_GET` on its own thread, and each
reaches the one `HitCounter` of the server through `self.server.hits`. `record` reads the count
and writes it back with no lock: two requests for one path count one hit."""
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class HitCounter:
    def __init__(self):
        self._by_path = {}

    def record(self, path):
        n = self._by_path.get(path, 0)
        self._by_path[path] = n + 1

    def count(self, path):
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
