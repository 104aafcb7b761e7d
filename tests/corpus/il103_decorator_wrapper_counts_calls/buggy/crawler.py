"""A crawler whose fetch function is wrapped by a call-counting decorator: the count lives on the
wrapper function (`wrapper.calls += 1`), one object shared by every thread that calls `fetch`."""
import functools
import threading
import urllib.request

_stats_lock = threading.Lock()


def counted(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        wrapper.calls += 1
        return fn(*args, **kwargs)

    wrapper.calls = 0
    return wrapper


@counted
def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as resp:
        return resp.read()


def crawl(urls: list[str], pages: dict) -> None:
    for url in urls:
        body = fetch(url)
        with _stats_lock:
            pages[url] = len(body)


def main(urls: list[str]) -> None:
    pages: dict = {}
    chunks = [urls[i::4] for i in range(4)]
    threads = [threading.Thread(target=crawl, args=(chunk, pages)) for chunk in chunks]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(f"{fetch.calls} fetches, {sum(pages.values())} bytes")


if __name__ == "__main__":
    main(["https://example.com/a", "https://example.com/b"])
