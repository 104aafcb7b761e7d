"""A sampler thread records latencies and trims the history; a reporter thread summarises the
most recent samples."""
from __future__ import annotations

import random
import threading
import time


class LatencyWindow:
    def __init__(self, keep: int = 1000) -> None:
        self.keep = keep
        self.samples: list[float] = []

    def record(self, value: float) -> None:
        self.samples.append(value)
        if len(self.samples) > self.keep:
            del self.samples[: -self.keep]

    def summary(self) -> tuple[float, float]:
        total = 0.0
        count = 0
        for s in self.samples:
            total += s
            count += 1
        worst = max((s for s in self.samples), default=0.0)
        return (total / count if count else 0.0), worst


def sample(window: LatencyWindow, stop: threading.Event) -> None:
    while not stop.is_set():
        window.record(random.random())
        time.sleep(0.001)


def report(window: LatencyWindow, stop: threading.Event) -> None:
    while not stop.is_set():
        print("avg %.3f worst %.3f" % window.summary())
        time.sleep(1)


def main() -> None:
    window = LatencyWindow()
    stop = threading.Event()
    threads = [threading.Thread(target=sample, args=(window, stop)),
               threading.Thread(target=report, args=(window, stop))]
    for t in threads:
        t.start()
    time.sleep(5)
    stop.set()
    for t in threads:
        t.join()


if __name__ == "__main__":
    main()
