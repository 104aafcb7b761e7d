import threading


class Downloads:
    def __init__(self, limit: int = 3):
        self._limit = limit
        self._mu = threading.Lock()
        self._running = []

    def enqueue(self, url: str) -> bool:
        with self._mu:
            if len(self._running) >= self._limit:
                return False
            job = threading.Thread(target=self._fetch, args=(url,))
            job.start()
            self._running.append(job)
            return True

    def _fetch(self, url: str) -> None:
        print("fetch", url)

    def busy(self) -> int:
        with self._mu:
            return len(self._running)


def crawl(dl: Downloads, urls) -> None:
    for u in urls:
        dl.enqueue(u)


def start(dl: Downloads, batches) -> None:
    for batch in batches:
        threading.Thread(target=crawl, args=(dl, batch)).start()
