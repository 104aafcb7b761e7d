"""Fixed twin: the counter the worker threads share is bumped under a lock of the same call."""
import threading
import urllib.request
from concurrent.futures import ThreadPoolExecutor


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

    def add(lines: int) -> None:
        nonlocal total
        total += lines

    for p in paths:
        _line_count(p, add)
    return total


def _line_count(path: str, sink) -> None:
    with open(path) as fh:
        sink(sum(1 for _ in fh))


def count_all(groups: list[list[str]]) -> None:
    with ThreadPoolExecutor(max_workers=2) as pool:
        for group in groups:
            pool.submit(count_lines, group)
