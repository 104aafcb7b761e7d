"""Silent: a link is checked out of the pool by one caller at a time. `Client.get` checks one out
into a local and gives it back; a `Batch` (built per call by `Client.batch`) keeps its check-out in
`self.link` until `reset` gives it back; `LinkPool.release` looks at the link it is given back
(`needs_reopen()`, `close()`) under the pool's lock. All three touch `Link._sock` and
`Link._stale` of a link that the one caller holding it owns: the check-in argument is the
caller's own link, and a link in a holder's field is not in any other caller's hands."""
import threading


class Link:
    def __init__(self, host: str) -> None:
        self.host = host
        self._sock = None
        self._stale = False

    def open(self) -> None:
        if self._sock is None:
            self._sock = object()

    def send(self, data: bytes) -> None:
        self.open()
        if self._sock is None:
            self._stale = True

    def needs_reopen(self) -> bool:
        return self._stale

    def close(self) -> None:
        self._stale = False
        if self._sock is not None:
            self._sock = None


class LinkPool:
    def __init__(self, host: str) -> None:
        self.host = host
        self._lock = threading.Lock()
        self._idle: list[Link] = []
        self._busy: set[Link] = set()

    def acquire(self) -> Link:
        with self._lock:
            try:
                link = self._idle.pop()
            except IndexError:
                link = Link(self.host)
            self._busy.add(link)
        try:
            link.open()
        except BaseException:
            self.release(link)
            raise
        return link

    def release(self, link: Link) -> None:
        with self._lock:
            self._busy.discard(link)
            if link.needs_reopen():
                link.close()
            self._idle.append(link)


class Batch:
    def __init__(self, pool: LinkPool) -> None:
        self.pool = pool
        self.link = None
        self.queued: list[bytes] = []

    def add(self, data: bytes) -> None:
        self.queued.append(data)

    def flush(self) -> None:
        link = self.link
        if link is None:
            link = self.pool.acquire()
            self.link = link
        for data in self.queued:
            link.send(data)
        self.reset()

    def reset(self) -> None:
        self.queued = []
        if self.link is not None:
            self.link.send(b"END")
            self.pool.release(self.link)
            self.link = None


class Client:
    def __init__(self, host: str) -> None:
        self.pool = LinkPool(host)
        self._lock = threading.Lock()

    def get(self, key: bytes) -> None:
        link = self.pool.acquire()
        try:
            link.send(key)
        finally:
            self.pool.release(link)

    def batch(self) -> Batch:
        return Batch(self.pool)

    def put_many(self, items: list[bytes]) -> None:
        batch = self.batch()
        for item in items:
            batch.add(item)
        batch.flush()
