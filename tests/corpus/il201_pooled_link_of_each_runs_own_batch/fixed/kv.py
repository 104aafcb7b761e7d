"""No finding: `Client.transaction` builds a `Batch` of its own on every call, and the batch keeps
the link it checks out of the pool in `self.link` until it gives it back. Two threads running
`transaction` hold two batches and so two links: what one does to its link's socket the other
never sees. The batch passes a closure over itself to a retry helper and is also a class users
build through `Client.batch()`, so it is not its builder's alone, but each run still builds its
own: a link held by one run's batch is never the link another run's batch holds. Nor is it the
client's own link (`single`), which `close` gives back through a local copy of the field."""
import threading
from typing import Callable, Optional


class Retry:
    def __init__(self, attempts: int) -> None:
        self.attempts = attempts

    def call(self, do: Callable[[], object], fail: Callable[[Exception], None]) -> object:
        for _ in range(self.attempts):
            try:
                return do()
            except OSError as error:
                fail(error)
        raise OSError("gave up")


class Link:
    def __init__(self, host: str) -> None:
        self.host = host
        self._sock: Optional[object] = None
        self.sent = 0

    def connect(self) -> None:
        if self._sock is None:
            self._sock = object()

    def send(self, data: bytes) -> None:
        self.connect()
        self.sent += 1

    def disconnect(self) -> None:
        self._sock = None


class LinkPool:
    def __init__(self, host: str) -> None:
        self.host = host
        self._lock = threading.Lock()
        self._idle: list[Link] = []

    def acquire(self) -> Link:
        with self._lock:
            try:
                link = self._idle.pop()
            except IndexError:
                link = Link(self.host)
        return link

    def release(self, link: Link) -> None:
        with self._lock:
            link.disconnect()
            self._idle.append(link)


class Batch:
    """Commands sent together on one link. Batch objects are not thread-safe."""

    def __init__(self, pool: LinkPool) -> None:
        self.pool = pool
        self.retry = Retry(3)
        self.link: Optional[Link] = None
        self.queued: list[bytes] = []

    def __enter__(self) -> "Batch":
        return self

    def __exit__(self, *exc: object) -> None:
        self.reset()

    def add(self, data: bytes) -> None:
        self.queued.append(data)

    def _ping(self, link: Link) -> None:
        link.send(b"PING")

    def _failed(self, error: Exception) -> None:
        if self.link is not None:
            self.link.send(b"END")
            self.link.disconnect()

    def execute(self) -> None:
        link = self.link
        if link is None:
            link = self.pool.acquire()
            self.link = link
        self.retry.call(lambda: self._ping(link), self._failed)
        for data in self.queued:
            link.send(data)
        self.reset()

    def reset(self) -> None:
        self.queued = []
        if self.link is not None:
            self.link.send(b"END")
            self.link.disconnect()
            self.pool.release(self.link)
            self.link = None


class Client:
    def __init__(self, host: str, single: bool = False) -> None:
        self.pool = LinkPool(host)
        self.link: Optional[Link] = None
        if single:
            self.link = self.pool.acquire()

    def close(self) -> None:
        link = self.link
        if link is not None:
            self.link = None
            self.pool.release(link)

    def batch(self) -> Batch:
        return Batch(self.pool)

    def transaction(self, fill: Callable[[Batch], None]) -> None:
        with self.batch() as batch:
            fill(batch)
            batch.execute()


class Flusher:
    """Keeps a batch of its own, flushed by its own thread."""

    def __init__(self, client: Client) -> None:
        self.batch: Batch = client.batch()

    def run(self) -> None:
        self.batch.add(b"tick")
        self.batch.execute()


def serve(client: Client, fill: Callable[[Batch], None]) -> None:
    flusher = Flusher(client)
    threading.Thread(target=flusher.run, daemon=True).start()
    for _ in range(2):
        threading.Thread(target=client.transaction, args=(fill,)).start()
    threading.Thread(target=client.close).start()
