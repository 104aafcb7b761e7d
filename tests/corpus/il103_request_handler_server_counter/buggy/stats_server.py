"""IL103 on `StatsServer.served`: a `ThreadingTCPServer` runs `handle` on a thread per connection,
and every handler does `self.server.served += 1` on the one server object that built it."""
import socketserver


class StatsServer(socketserver.ThreadingTCPServer):
    allow_reuse_address = True

    def __init__(self, address, handler):
        super().__init__(address, handler)
        self.served = 0


class EchoHandler(socketserver.StreamRequestHandler):
    def handle(self):
        for line in self.rfile:
            self.wfile.write(line)
        self.server.served += 1


def main():
    with StatsServer(("127.0.0.1", 9009), EchoHandler) as server:
        server.serve_forever()
