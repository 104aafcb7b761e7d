"""A batch transcoder: its owner calls `run()` once; the pool's jobs only compute, and `run`
collects their results on the calling thread. Two `run()` calls of one batch at once are not
how the object is used (the owner drives it), so `results` has one writer."""
from concurrent.futures import ThreadPoolExecutor, as_completed


def transcode(path):
    return path.rsplit(".", 1)[0] + ".ogg"


class Batch:
    def __init__(self, paths, workers=4):
        self.paths = list(paths)
        self.pool = ThreadPoolExecutor(max_workers=workers)
        self.results = []

    def run(self):
        futures = [self.pool.submit(transcode, p) for p in self.paths]
        for f in as_completed(futures):
            self.results.append(f.result())
        return len(self.results)

    def summary(self):
        return f"{len(self.paths)} files"
