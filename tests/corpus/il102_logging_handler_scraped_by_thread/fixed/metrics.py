"""A logging handler that counts records per level; a metrics thread scrapes and resets the
counts every few seconds."""
import logging
import threading
import time


class LevelCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.counts: dict[str, int] = {}

    def emit(self, record: logging.LogRecord) -> None:
        self.counts[record.levelname] = self.counts.get(record.levelname, 0) + 1

    def scrape(self) -> dict[str, int]:
        self.acquire()                      # the lock handle() holds around emit
        try:
            counts = dict(self.counts)
            self.counts = {}
        finally:
            self.release()
        return counts


def publish(counts: dict[str, int]) -> None:
    print(counts)


def scrape_forever(counter: LevelCounter) -> None:
    while True:
        time.sleep(10)
        publish(counter.scrape())


def install() -> LevelCounter:
    counter = LevelCounter()
    logging.getLogger().addHandler(counter)
    threading.Thread(target=scrape_forever, args=(counter,), daemon=True).start()
    return counter
