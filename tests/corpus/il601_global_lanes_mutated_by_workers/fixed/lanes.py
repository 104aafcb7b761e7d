"""Fixed twin: one deque per lane; a function that takes its own `LANES` parameter is not the
module's list either."""
import threading
from collections import deque

LANE_COUNT = 3
LANES = [deque() for _ in range(LANE_COUNT)]
SPARE = [deque()] * LANE_COUNT


def sorter(lane: int, parcels: list[str]) -> None:
    for p in parcels:
        LANES[lane].append(p)


def drain(SPARE: list, lane: int) -> None:
    SPARE[lane].clear()


def start(batches: list[list[str]]) -> None:
    for lane, batch in enumerate(batches[:LANE_COUNT]):
        threading.Thread(target=sorter, args=(lane, batch)).start()
