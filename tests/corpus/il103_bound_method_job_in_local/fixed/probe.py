"""Fixed twin: the threads started on the bound method in a local count under a lock."""
import socket
import threading


class Prober:
    def __init__(self, port):
        self.port = port
        self.failures = 0
        self._lock = threading.Lock()

    def _probe(self, host):
        try:
            socket.create_connection((host, self.port), timeout=2).close()
        except OSError:
            with self._lock:
                self.failures += 1

    def probe_all(self, hosts):
        check = self._probe
        threads = [threading.Thread(target=check, args=(h,)) for h in hosts]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return self.failures


def main(hosts):
    return Prober(443).probe_all(hosts)
