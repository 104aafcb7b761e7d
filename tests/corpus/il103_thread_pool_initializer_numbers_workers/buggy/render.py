"""A renderer numbers its pool's workers in the pool's `initializer`, which every worker thread
runs when it starts, at the same time as the other workers start and render: two workers may
read the same count and take the same number."""
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

_local = threading.local()
_workers_started = 0


def _start_worker():
    global _workers_started
    _workers_started += 1
    _local.number = _workers_started


def _render(page):
    return f"<p>{page} by worker {_local.number}</p>"


def render_all(pages, workers=4):
    with ThreadPoolExecutor(max_workers=workers, initializer=_start_worker) as pool:
        return list(pool.map(_render, pages))


if __name__ == "__main__":
    print("\n".join(render_all(range(int(sys.argv[1]) if len(sys.argv) > 1 else 20))))
