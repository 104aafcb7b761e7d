"""IL103 on `Prober.failures`: `probe_all` keeps the bound method in a local and starts one
thread per host on it; the threads count failures with no lock."""
import socket
import threading


class Prober:
    def __init__(self, port):
        self.port = port
        self.failures = 0

    def _probe(self, host):
        try:
            socket.create_connection((host, self.port), timeout=2).close()
        except OSError:
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
