"""IL103 on `ResizeReport.saved_bytes` and `ResizeReport.errors`: each resize job's future gets
the report's `record` as a done-callback. A future's done-callbacks run on the pool thread that
finished the job, so several workers add to the totals at once and some additions are lost."""
from concurrent.futures import ThreadPoolExecutor


class ResizeReport:
    def __init__(self):
        self.saved_bytes = 0
        self.errors = 0

    def record(self, future):
        if future.exception() is not None:
            self.errors += 1
            return
        before, after = future.result()
        self.saved_bytes += before - after


def shrink_gallery(resizer, images, width=640):
    report = ResizeReport()
    with ThreadPoolExecutor(max_workers=4) as pool:
        for image in images:
            job = pool.submit(resizer.shrink, image, width)
            job.add_done_callback(report.record)
    return report
