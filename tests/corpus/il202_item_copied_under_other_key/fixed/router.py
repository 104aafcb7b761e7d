import socketserver
import threading


def ping(args):
    return b"pong"


def echo(args):
    return " ".join(args).encode()


class RouterServer(socketserver.ThreadingMixIn, socketserver.TCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, addr, handler):
        super().__init__(addr, handler)
        self.routes = {}
        self.lock = threading.Lock()

    def add_route(self, name, fn):
        self.routes[name] = fn


class LineHandler(socketserver.StreamRequestHandler):
    def handle(self):
        for raw in self.rfile:
            parts = raw.decode().split()
            if not parts:
                continue
            if parts[0] == "HELP":
                with self.server.lock:
                    names = [name for name in self.server.routes]
                self.wfile.write((" ".join(names) + "\n").encode())
                continue
            if parts[0] == "ALIAS" and len(parts) == 3:
                with self.server.lock:
                    self.server.routes[parts[2]] = self.server.routes[parts[1]]
                self.wfile.write(b"OK\n")
                continue
            with self.server.lock:
                fn = self.server.routes.get(parts[0])
            if fn is None:
                self.wfile.write(b"ERR unknown\n")
            else:
                self.wfile.write(fn(parts[1:]) + b"\n")


def main():
    server = RouterServer(("127.0.0.1", 9000), LineHandler)
    server.add_route("PING", ping)
    server.add_route("ECHO", echo)
    server.serve_forever()


if __name__ == "__main__":
    main()
