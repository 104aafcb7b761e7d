"""Fixed twin: the worker takes its list of due jobs under the lock the reload holds."""
import signal
import threading
import time


class Daemon:
    """A daemon's worker thread runs due jobs; SIGHUP (handled on the main thread, while the worker
    runs) reloads the job table. Both sides hold the lock."""

    def __init__(self, loader):
        self._loader = loader
        self._lock = threading.Lock()
        self._jobs = dict(loader())
        self._worker = threading.Thread(target=self._loop, daemon=True)

    def install(self):
        signal.signal(signal.SIGHUP, self._on_hup)
        self._worker.start()

    def _on_hup(self, signum, frame):
        fresh = dict(self._loader())
        with self._lock:
            self._jobs.clear()
            self._jobs.update(fresh)

    def _loop(self):
        while True:
            with self._lock:
                due = [name for name, at in self._jobs.items() if at <= time.time()]
            for name in due:
                print("run", name)
            time.sleep(1)
