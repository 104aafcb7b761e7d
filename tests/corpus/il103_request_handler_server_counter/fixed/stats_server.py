"""The server counts under its own lock, in a method the handlers call."""
import socketserver
import threading


class StatsServer(socketserver.ThreadingTCPServer):
    allow_reuse_address = True

    def __init__(self, address, handler):
        super().__init__(address, handler)
        self.served = 0
        self._count_lock = threading.Lock()

    def count_one(self):
        with self._count_lock:
            self.served += 1


class EchoHandler(socketserver.StreamRequestHandler):
    def handle(self):
        for line in self.rfile:
            self.wfile.write(line)
        self.server.count_one()


def main():
    with StatsServer(("127.0.0.1", 9009), EchoHandler) as server:
        server.serve_forever()
