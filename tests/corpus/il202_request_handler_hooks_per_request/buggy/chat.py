import socketserver
import threading


class ChatServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, addr, handler):
        super().__init__(addr, handler)
        self.clients_lock = threading.Lock()
        self.clients = []
        self.stopping = threading.Event()

    def broadcast(self, sender, line):
        for client in self.clients:
            if client is not sender:
                client.send(line)


class ChatHandler(socketserver.StreamRequestHandler):
    def setup(self):
        super().setup()
        self.nick = None
        self.sent = 0
        self.send_lock = threading.Lock()
        with self.server.clients_lock:
            self.server.clients.append(self)

    def send(self, line):
        with self.send_lock:
            self.wfile.write(line)

    def handle(self):
        self.nick = self.rfile.readline().strip().decode() or "anon"
        while not self.server.stopping.is_set():
            line = self.rfile.readline()
            if not line:
                break
            self.sent += 1
            self.server.broadcast(self, self.nick.encode() + b": " + line)

    def finish(self):
        with self.server.clients_lock:
            self.server.clients.remove(self)
        super().finish()


def main():
    server = ChatServer(("127.0.0.1", 7000), ChatHandler)
    t = threading.Thread(target=server.serve_forever, daemon=True)
    t.start()
    try:
        input("press enter to stop\n")
    finally:
        server.stopping.set()
        server.shutdown()
        t.join()


if __name__ == "__main__":
    main()
