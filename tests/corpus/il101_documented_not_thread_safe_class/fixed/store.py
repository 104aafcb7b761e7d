"""Silent: the client's docstring says batches stay in one thread ("It is not safe to pass Batch
objects between threads."), so each thread that calls `client.batch()` or `client.atomic(fn)` has a
batch of its own, and the queue of commands a batch keeps (`commands`) is never touched by two
threads. The client itself is shared: its pool of sockets is guarded by its lock."""
import threading


class Client:
    """A client for the key-value store. Share one between threads: it pools its sockets.

    It is not safe to pass Batch objects between threads.
    """

    def __init__(self, host: str) -> None:
        self.host = host
        self._lock = threading.Lock()
        self._free: list[object] = []

    def _take(self) -> object:
        with self._lock:
            return self._free.pop() if self._free else object()

    def _give(self, sock: object) -> None:
        with self._lock:
            self._free.append(sock)

    def send(self, *command) -> object:
        sock = self._take()
        try:
            return (sock, command)
        finally:
            self._give(sock)

    def batch(self) -> "Batch":
        return Batch(self.host)

    def atomic(self, fn) -> list:
        batch = self.batch()
        fn(batch)
        return batch.run()


class Batch(Client):
    """Commands queued and sent in one go."""

    def __init__(self, host: str) -> None:
        super().__init__(host)
        self.commands: list[tuple] = []

    def send(self, *command) -> object:
        self.commands.append(command)
        return self

    def run(self) -> list:
        out = [Client.send(self, *c) for c in self.commands]
        self.commands = []
        return out
