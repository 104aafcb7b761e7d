"""IL302 on `Progress._lock`: the backup tool prints its progress on SIGUSR2. The handler
reports through a helper that takes the progress lock, and the copy loop of the main thread
takes the same lock for every chunk. Python runs the handler in the main thread, between two
bytecodes: a signal that arrives inside `add` waits for a lock its own thread holds."""
import shutil
import signal
import threading


class Progress:
    def __init__(self, total):
        self._lock = threading.Lock()
        self.total = total
        self.done = 0

    def add(self, n):
        with self._lock:
            self.done += n

    def _summary(self):
        with self._lock:
            return f"{self.done}/{self.total} bytes"

    def _on_usr2(self, signum, frame):
        print(self._summary())

    def install(self):
        signal.signal(signal.SIGUSR2, self._on_usr2)


def back_up(files, dest, total):
    progress = Progress(total)
    progress.install()
    for src in files:
        with open(src, "rb") as fin, open(dest / src.name, "wb") as fout:
            while chunk := fin.read(1 << 20):
                fout.write(chunk)
                progress.add(len(chunk))
    shutil.copystat(files[0], dest)
