"""No finding: the done-callbacks run on the pool threads, and `record` adds to the totals
under the report's lock."""
import threading
from concurrent.futures import ThreadPoolExecutor


class ResizeReport:
    def __init__(self):
        self._lock = threading.Lock()
        self.saved_bytes = 0
        self.errors = 0

    def record(self, future):
        if future.exception() is not None:
            with self._lock:
                self.errors += 1
            return
        before, after = future.result()
        with self._lock:
            self.saved_bytes += before - after


def shrink_gallery(resizer, images, width=640):
    report = ResizeReport()
    with ThreadPoolExecutor(max_workers=4) as pool:
        for image in images:
            job = pool.submit(resizer.shrink, image, width)
            job.add_done_callback(report.record)
    return report
