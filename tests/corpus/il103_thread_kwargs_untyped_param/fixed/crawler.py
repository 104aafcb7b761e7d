"""The count is bumped under the stats object's own lock."""
import threading
import urllib.request


class CrawlStats:
    def __init__(self):
        self.lock = threading.Lock()
        self.fetched = 0
        self.failed = 0


def crawl(urls, stats):
    for url in urls:
        try:
            with urllib.request.urlopen(url, timeout=5) as resp:
                resp.read()
        except OSError:
            continue
        with stats.lock:
            stats.fetched += 1


def crawl_all(batches):
    stats = CrawlStats()
    threads = [threading.Thread(target=crawl, kwargs={"urls": batch, "stats": stats}) for batch in batches]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return stats.fetched
