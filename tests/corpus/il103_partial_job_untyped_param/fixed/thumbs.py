"""Each job returns; the caller counts the finished futures on its own thread."""
import functools
from concurrent.futures import ThreadPoolExecutor, as_completed


class Progress:
    def __init__(self, total):
        self.total = total
        self.done = 0


def render(progress, path):
    with open(path, "rb") as src:
        data = src.read()
    with open(path + ".thumb", "wb") as dst:
        dst.write(data[:1024])
    return path


def render_all(paths):
    progress = Progress(len(paths))
    with ThreadPoolExecutor(max_workers=8) as pool:
        futures = [pool.submit(functools.partial(render, progress), path) for path in paths]
        for _ in as_completed(futures):
            progress.done += 1
    return progress.done
