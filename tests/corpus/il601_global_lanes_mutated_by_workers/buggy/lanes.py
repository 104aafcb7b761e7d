"""IL601 on `LANES`: the module builds one inbox per lane as `[deque()] * LANE_COUNT`, which is
one deque in every slot; each lane's worker thread pushes into "its" slot, so every lane sees
every other lane's parcels."""
import threading
from collections import deque

LANE_COUNT = 3
LANES = [deque()] * LANE_COUNT


def sorter(lane: int, parcels: list[str]) -> None:
    for p in parcels:
        LANES[lane].append(p)


def start(batches: list[list[str]]) -> None:
    for lane, batch in enumerate(batches[:LANE_COUNT]):
        threading.Thread(target=sorter, args=(lane, batch)).start()
