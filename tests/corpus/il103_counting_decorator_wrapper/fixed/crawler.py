import threading
import urllib.request

from metrics import counted


@counted
def fetch_page(url: str) -> bytes:
    with urllib.request.urlopen(url) as resp:
        return resp.read()


def crawl(urls: list) -> None:
    workers = [threading.Thread(target=fetch_page, args=(u,)) for u in urls]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
