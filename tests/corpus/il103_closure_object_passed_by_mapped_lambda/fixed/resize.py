"""Each job returns its size; the caller adds them up after the map."""
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
    return len(out)


def resize_all(paths):
    stats = BatchStats()
    with ThreadPoolExecutor(max_workers=4) as pool:
        stats.bytes_out = sum(pool.map(lambda p: resize(stats, p), paths))
    return stats.bytes_out
