"""A transcoder with a long-lived pool: `convert_all` waits for every job (`wait(jobs)`, each
ffmpeg bounded by its own timeout) before it returns `last_error`: no job is left to set it."""
import subprocess
from concurrent.futures import ThreadPoolExecutor, wait


class Transcoder:
    def __init__(self, files, workers=4):
        self.files = list(files)
        self.last_error = None
        self._pool = ThreadPoolExecutor(max_workers=workers)

    def _convert(self, path):
        try:
            rc = subprocess.call(["ffmpeg", "-y", "-i", path, path + ".ogg"], timeout=60)
        except subprocess.TimeoutExpired:
            rc = "timeout"
        if rc:
            self.last_error = f"{path}: ffmpeg exited {rc}"

    def convert_all(self):
        jobs = [self._pool.submit(self._convert, p) for p in self.files]
        wait(jobs)
        return self.last_error
