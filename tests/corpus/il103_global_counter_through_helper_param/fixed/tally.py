"""Fixed twin: the threads bump the shared counters under one lock; each thread's own scratch
dict, handed to the same helper, needs none."""
import threading

COUNTS = {"ok": 0, "failed": 0}
_LOCK = threading.Lock()


def _bump(counts, key):
    counts[key] = counts[key] + 1


def _check(item) -> bool:
    return bool(item)


def worker(items):
    counts = COUNTS
    mine = {"ok": 0, "failed": 0}
    for item in items:
        key = "ok" if _check(item) else "failed"
        _bump(mine, key)
        with _LOCK:
            _bump(counts, key)


def run(batches):
    threads = [threading.Thread(target=worker, args=(batch,)) for batch in batches]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return dict(COUNTS)
