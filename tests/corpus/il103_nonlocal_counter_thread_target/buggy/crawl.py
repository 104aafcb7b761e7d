"""IL103: the worker threads `crawl` starts all run its nested `fetch_some`, whose `nonlocal
visited` is the one cell of that `crawl` call: `visited += 1` from two threads loses updates.
Each pool job of `count_all` makes its own counter in its `count_lines` run and hands it only
to a helper it calls, and each `fetch_with_deadline` job starts one thread on its own `box`:
nothing shared there."""
import threading
import urllib.request
from concurrent.futures import ThreadPoolExecutor


def crawl(urls: list[str], workers: int = 4) -> int:
    visited = 0

    def fetch_some(batch: list[str]) -> None:
        nonlocal visited
        for url in batch:
            urllib.request.urlopen(url, timeout=5).read()
            visited += 1

    threads = [threading.Thread(target=fetch_some, args=(urls[i::workers],)) for i in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return visited


def make_counter():
    total = 0

    def add(lines: int) -> int:
        nonlocal total
        total += lines
        return total

    return add


def count_lines(paths: list[str]) -> int:
    add = make_counter()
    for p in paths:
        _line_count(p, add)
    return add(0)


def _line_count(path: str, sink) -> None:
    with open(path) as fh:
        sink(sum(1 for _ in fh))


def count_all(groups: list[list[str]]) -> None:
    with ThreadPoolExecutor(max_workers=2) as pool:
        for group in groups:
            pool.submit(count_lines, group)


def fetch_with_deadline(url: str) -> bytes:
    box: dict = {}

    def _run() -> None:
        try:
            box["body"] = urllib.request.urlopen(url, timeout=5).read()
        except OSError as exc:
            box["error"] = exc

    worker = threading.Thread(target=_run, daemon=True)
    worker.start()
    worker.join(10)
    return box.get("body", b"")


def prefetch(urls: list[str]) -> None:
    with ThreadPoolExecutor(max_workers=4) as pool:
        for url in urls:
            pool.submit(fetch_with_deadline, url)
