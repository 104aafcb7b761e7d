"""No finding: the SIGHUP handler only posts a request on a `queue.SimpleQueue` (its `put` is
reentrant, safe in a signal handler); the serving loop takes it between connections and rebuilds
the table itself, so nothing changes the table while `pick_backend` walks it."""
import json
import queue
import signal
import socket
import time


def read_routes(path):
    with open(path) as fh:
        return json.load(fh)


class Forwarder:
    def __init__(self, config_path):
        self.config_path = config_path
        self.routes = read_routes(config_path)
        self.served = 0
        self._requests = queue.SimpleQueue()

    def on_sighup(self, signum, frame):
        self._requests.put(signum)

    def _reload_if_asked(self):
        if self._requests.empty():
            return
        while not self._requests.empty():
            self._requests.get_nowait()
        fresh = read_routes(self.config_path)
        self.routes.clear()
        for prefix, backend in fresh.items():
            self.routes[prefix] = backend

    def pick_backend(self, path):
        for prefix, backend in self.routes.items():
            if path.startswith(prefix):
                return backend
        return None

    def serve_forever(self, listener):
        while True:
            conn, _ = listener.accept()
            self._reload_if_asked()
            path = conn.recv(1024).decode().split(" ", 2)[1]
            backend = self.pick_backend(path)
            if backend is not None:
                host, port = backend.split(":")
                upstream = socket.create_connection((host, int(port)))
                upstream.sendall(path.encode())
                conn.sendall(upstream.recv(65536))
                upstream.close()
            conn.close()
            self.served += 1


def main():
    fwd = Forwarder("/etc/forwarder/routes.json")
    signal.signal(signal.SIGHUP, fwd.on_sighup)
    listener = socket.socket()
    listener.bind(("0.0.0.0", 8080))
    listener.listen()
    fwd.serve_forever(listener)


if __name__ == "__main__":
    main()
