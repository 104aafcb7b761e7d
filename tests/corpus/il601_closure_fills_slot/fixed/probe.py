"""Fixed twin: one dict per host."""
import queue
import threading


def probe_all(hosts: list[str], answers: "queue.Queue[tuple[int, bool]]") -> list[dict]:
    reports = [{} for _ in hosts]

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
