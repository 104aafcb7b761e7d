"""A transcoder with a long-lived pool: `convert_all` waits for the jobs at most a minute
(`wait(..., timeout=60)`) and returns `last_error`; after a timeout the slow jobs still run
and may set it while (or after) it is read."""
import subprocess
from concurrent.futures import ThreadPoolExecutor, wait


class Transcoder:
    def __init__(self, files, workers=4):
        self.files = list(files)
        self.last_error = None
        self._pool = ThreadPoolExecutor(max_workers=workers)

    def _convert(self, path):
        rc = subprocess.call(["ffmpeg", "-y", "-i", path, path + ".ogg"])
        if rc:
            self.last_error = f"{path}: ffmpeg exited {rc}"

    def convert_all(self):
        jobs = [self._pool.submit(self._convert, p) for p in self.files]
        wait(jobs, timeout=60)
        return self.last_error
