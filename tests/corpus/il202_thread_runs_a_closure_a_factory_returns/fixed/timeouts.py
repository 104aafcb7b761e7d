"""Fixed twin: `Jobs` changes and copies its dict under its lock; the watchdog walks the copy."""
import threading
import time


class Jobs:
    def __init__(self):
        self._lock = threading.Lock()
        self.started = {}

    def begin(self, job_id):
        with self._lock:
            self.started[job_id] = time.monotonic()

    def end(self, job_id):
        with self._lock:
            self.started.pop(job_id, None)

    def snapshot(self):
        with self._lock:
            return dict(self.started)


JOBS = Jobs()


def make_watchdog(limit: float):
    def watch():
        while True:
            now = time.monotonic()
            for job_id, began in JOBS.snapshot().items():
                if now - began > limit:
                    print("stuck:", job_id)
            time.sleep(1)
    return watch


def main():
    threading.Thread(target=make_watchdog(30.0), daemon=True).start()
    for job_id in range(1000):
        JOBS.begin(job_id)
        time.sleep(0.01)
        JOBS.end(job_id)


if __name__ == "__main__":
    main()
