"""IL103: every ingest thread hands the one module-level `BatchStats` to `_consume`, so two
threads run `self.rows += 1` on the same object at once: counts are lost."""
import threading


class BatchStats:
    def __init__(self):
        self.rows = 0
        self.bad = 0

    def record(self, ok):
        self.rows += 1
        if not ok:
            self.bad += 1


TOTALS = BatchStats()


def _consume(lines, stats):
    for line in lines:
        stats.record(bool(line.strip()))


def ingest(lines, results, slot):
    _consume(lines, TOTALS)
    results[slot] = TOTALS.rows


def run(chunks):
    results = [0] * len(chunks)
    threads = [threading.Thread(target=ingest, args=(chunk, results, i)) for i, chunk in enumerate(chunks)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(results)
