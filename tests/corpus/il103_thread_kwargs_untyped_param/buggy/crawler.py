"""IL103 on `CrawlStats.fetched`: every crawler thread gets the one stats object through the
Thread's `kwargs=`; `crawl` has no annotations, and each thread does `stats.fetched += 1`, so two
threads can read the same count and one increment is lost."""
import threading
import urllib.request


class CrawlStats:
    def __init__(self):
        self.fetched = 0
        self.failed = 0


def crawl(urls, stats):
    for url in urls:
        try:
            with urllib.request.urlopen(url, timeout=5) as resp:
                resp.read()
        except OSError:
            continue
        stats.fetched += 1


def crawl_all(batches):
    stats = CrawlStats()
    threads = [threading.Thread(target=crawl, kwargs={"urls": batch, "stats": stats}) for batch in batches]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return stats.fetched
