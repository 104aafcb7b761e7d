"""Request ids kept on the function object (`next_request_id.counter`), bumped by every request
thread of a threading HTTP server under the function's own lock; its `__name__` is read-only
metadata."""
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def next_request_id():
    with next_request_id.lock:
        next_request_id.counter += 1
        return next_request_id.counter


next_request_id.counter = 0
next_request_id.lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        body = json.dumps({"request": next_request_id(), "by": next_request_id.__name__}).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def main():
    ThreadingHTTPServer(("127.0.0.1", 8080), Handler).serve_forever()


if __name__ == "__main__":
    main()
