"""IL601 on `probe_all.reports`: `reports = [{}] * len(hosts)` is one dict in every slot; the
nested `record` (a closure over `reports`) fills "its" report for each answer the collector
thread takes off the queue, so all reports end up as the same dict holding whichever host
answered last."""
import queue
import threading


def probe_all(hosts: list[str], answers: "queue.Queue[tuple[int, bool]]") -> list[dict]:
    reports = [{}] * len(hosts)

    def record(i: int, up: bool) -> None:
        reports[i]["host"] = hosts[i]
        reports[i]["up"] = up

    def collect() -> None:
        for _ in hosts:
            record(*answers.get())

    collector = threading.Thread(target=collect)
    collector.start()
    collector.join()
    return reports
