"""IL103 on `IndexStats.documents`: every pool job gets the one stats object in its argument tuple
(`pool.apply_async(index_file, (stats, path))`) and the unannotated `index_file` does
`stats.documents += 1` on the pool's threads."""
from multiprocessing.pool import ThreadPool


class IndexStats:
    def __init__(self):
        self.documents = 0


def index_file(stats, path):
    with open(path, encoding="utf-8") as fh:
        words = fh.read().split()
    stats.documents += 1
    return len(words)


def index_all(paths):
    stats = IndexStats()
    pool = ThreadPool(8)
    results = [pool.apply_async(index_file, (stats, p)) for p in paths]
    pool.close()
    pool.join()
    return stats, [r.get() for r in results]
