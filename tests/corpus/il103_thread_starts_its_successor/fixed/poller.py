"""Poll a status URL: each poller thread sleeps, fetches and records, and ends by starting the
next poller: one poller runs at a time, so the stats have one writer."""
import threading
import time
import urllib.request


class Stats:
    def __init__(self):
        self.polls = 0
        self.last = b""

    def record(self, body: bytes) -> None:
        self.polls += 1
        self.last = body


class Poller(threading.Thread):
    def __init__(self, stats: Stats, url: str, interval: float):
        super().__init__(daemon=True)
        self.stats = stats
        self.url = url
        self.interval = interval

    def run(self) -> None:
        time.sleep(self.interval)
        with urllib.request.urlopen(self.url, timeout=30) as resp:
            self.stats.record(resp.read())
        Poller(self.stats, self.url, self.interval).start()


def main(url: str) -> None:
    stats = Stats()
    Poller(stats, url, 5.0).start()
    while True:
        time.sleep(60)


if __name__ == "__main__":
    import sys

    main(sys.argv[1])
