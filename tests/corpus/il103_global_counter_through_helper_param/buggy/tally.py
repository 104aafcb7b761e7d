"""IL103 on `tally.COUNTS`: the worker threads hand the module's counter dict to `_bump`, which
reads an entry and writes it back; two threads bumping one key lose an update."""
import threading

COUNTS = {"ok": 0, "failed": 0}


def _bump(counts, key):
    counts[key] = counts[key] + 1


def _check(item) -> bool:
    return bool(item)


def worker(items):
    counts = COUNTS
    for item in items:
        _bump(counts, "ok" if _check(item) else "failed")


def run(batches):
    threads = [threading.Thread(target=worker, args=(batch,)) for batch in batches]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return dict(COUNTS)
