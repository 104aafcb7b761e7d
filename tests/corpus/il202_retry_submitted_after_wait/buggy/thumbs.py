"""A thumbnail batch: `render` waits for the first pass (`concurrent.futures.wait`), submits a
retry for each failed image, and then lists the sizes without waiting for the retries, which
still store theirs in `sizes`."""
import concurrent.futures
import threading
from concurrent.futures import ThreadPoolExecutor

from PIL import Image


class ThumbnailBatch:
    def __init__(self, images, size=(256, 256)):
        self.images = list(images)
        self.size = size
        self.sizes = {}
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=4)

    def _thumb(self, path):
        with Image.open(path) as img:
            img.thumbnail(self.size)
            img.save(path + ".thumb.png")
            dims = img.size
        with self._lock:
            self.sizes[path] = dims

    def render(self):
        futures = {self._pool.submit(self._thumb, p): p for p in self.images}
        concurrent.futures.wait(futures)
        failed = [futures[f] for f in futures if f.exception() is not None]
        for path in failed:
            self._pool.submit(self._thumb, path)
        return {p: f"{w}x{h}" for p, (w, h) in self.sizes.items()}
