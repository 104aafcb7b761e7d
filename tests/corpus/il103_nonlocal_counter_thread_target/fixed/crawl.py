"""Fixed twin: the counter the worker threads share is bumped under a lock of the same call."""
import threading
import urllib.request


def crawl(urls: list[str], workers: int = 4) -> int:
    visited = 0
    lock = threading.Lock()

    def fetch_some(batch: list[str]) -> None:
        nonlocal visited
        for url in batch:
            urllib.request.urlopen(url, timeout=5).read()
            with lock:
                visited += 1

    threads = [threading.Thread(target=fetch_some, args=(urls[i::workers],)) for i in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return visited


def count_lines(paths: list[str]) -> int:
    total = 0

    def add(path: str) -> None:
        nonlocal total
        with open(path) as fh:
            total += sum(1 for _ in fh)

    for p in paths:
        add(p)
    return total
