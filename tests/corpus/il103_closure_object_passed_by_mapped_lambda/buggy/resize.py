"""IL103 on `BatchStats.bytes_out`: the pool maps a lambda over the images that hands the one
stats object `resize_all` built to the unannotated `resize`, which does `stats.bytes_out += ...`
on every worker thread."""
from concurrent.futures import ThreadPoolExecutor


class BatchStats:
    def __init__(self):
        self.bytes_out = 0


def resize(stats, path):
    with open(path, "rb") as f:
        data = f.read()
    out = data[::2]
    with open(path + ".small", "wb") as f:
        f.write(out)
    stats.bytes_out += len(out)


def resize_all(paths):
    stats = BatchStats()
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(lambda p: resize(stats, p), paths))
    return stats.bytes_out
