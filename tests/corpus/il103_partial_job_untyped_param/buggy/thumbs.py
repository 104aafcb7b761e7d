"""IL103 on `Progress.done`: the pool's jobs are `functools.partial(render, progress)` bound to one
progress object; `render` is unannotated and does `progress.done += 1` from every worker thread."""
import functools
from concurrent.futures import ThreadPoolExecutor


class Progress:
    def __init__(self, total):
        self.total = total
        self.done = 0


def render(progress, path):
    with open(path, "rb") as src:
        data = src.read()
    with open(path + ".thumb", "wb") as dst:
        dst.write(data[:1024])
    progress.done += 1


def render_all(paths):
    progress = Progress(len(paths))
    with ThreadPoolExecutor(max_workers=8) as pool:
        for path in paths:
            pool.submit(functools.partial(render, progress), path)
    return progress.done
