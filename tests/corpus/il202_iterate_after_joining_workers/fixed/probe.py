"""Pings every host from a thread of its own; `summary` joins every ping before it reads the
results."""
import subprocess
import threading


class HostProbe:
    def __init__(self, hosts):
        self.hosts = list(hosts)
        self.alive = [False] * len(self.hosts)

    def _ping(self, i):
        self.alive[i] = subprocess.call(["ping", "-c", "1", self.hosts[i]]) == 0

    def summary(self):
        workers = [threading.Thread(target=self._ping, args=(i,)) for i in range(len(self.hosts))]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        return [ok for ok in self.alive].count(True)
