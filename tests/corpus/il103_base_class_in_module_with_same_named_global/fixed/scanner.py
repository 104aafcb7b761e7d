"""A port scanner script: the module is `scanner`, and so is the object it runs at the bottom."""
import socket
import threading


class Progress:
    def __init__(self):
        self._lock = threading.Lock()
        self.done = 0
        self.open_ports = []

    def record(self, port, is_open):
        with self._lock:
            self.done += 1
            if is_open:
                self.open_ports.append(port)


class Scanner(Progress):
    def __init__(self, host, ports, workers=8):
        super().__init__()
        self.host = host
        self.ports = list(ports)
        self.workers = workers

    def _probe(self, chunk):
        for port in chunk:
            with socket.socket() as s:
                s.settimeout(0.5)
                self.record(port, s.connect_ex((self.host, port)) == 0)

    def run(self):
        chunks = [self.ports[i::self.workers] for i in range(self.workers)]
        threads = [threading.Thread(target=self._probe, args=(c,)) for c in chunks]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return sorted(self.open_ports)


scanner = Scanner("127.0.0.1", range(1, 1025))

if __name__ == "__main__":
    print(scanner.run(), scanner.done)
