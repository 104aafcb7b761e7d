"""Fixed twin: `pull` takes the two locks in the same order as `push`."""
import threading


class Store:
    def __init__(self):
        self.lock = threading.Lock()
        self.rows = {}


class Syncer:
    def __init__(self, local: Store, remote: Store):
        self.local = local
        self.remote = remote

    def push(self):
        with self.local.lock:
            with self.remote.lock:
                self.remote.rows.update(self.local.rows)

    def pull(self):
        with self.local.lock:
            with self.remote.lock:
                self.local.rows.update(self.remote.rows)

    def start(self):
        threading.Thread(target=lambda: self.push()).start()
        threading.Thread(target=lambda: self.pull()).start()


class LocalStore(Store):
    pass


class RemoteStore(Store):
    pass


def main():
    Syncer(LocalStore(), RemoteStore()).start()
