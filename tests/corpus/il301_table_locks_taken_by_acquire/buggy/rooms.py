"""IL301 on `Rooms._locks`: a lock per room, taken through locals (`lock = self._lock_for(room)`,
`a = self._locks[src]`) with `acquire()`/`release()` in try/finally rather than `with`. `move`
takes the source room's lock, then the destination's: two moves in opposite directions deadlock.
The per-room counts are all updated under their room's lock (no race). Fixed twin: `move` takes
the two locks in sorted order."""
import threading
from collections import defaultdict


class Rooms:
    def __init__(self):
        self._locks = defaultdict(threading.Lock)
        self._occupancy = {}

    def _lock_for(self, room):
        return self._locks[room]

    def enter(self, room):
        lock = self._lock_for(room)
        with lock:
            self._occupancy[room] = self._occupancy.get(room, 0) + 1

    def leave(self, room):
        lock = self._lock_for(room)
        lock.acquire()
        try:
            self._occupancy[room] = self._occupancy.get(room, 0) - 1
        finally:
            lock.release()

    def move(self, src, dst):
        a = self._locks[src]
        b = self._locks[dst]
        a.acquire()
        try:
            b.acquire()
            try:
                self._occupancy[src] = self._occupancy.get(src, 0) - 1
                self._occupancy[dst] = self._occupancy.get(dst, 0) + 1
            finally:
                b.release()
        finally:
            a.release()


def main():
    r = Rooms()
    ts = [threading.Thread(target=r.move, args=("a", "b")), threading.Thread(target=r.move, args=("b", "a")),
          threading.Thread(target=r.enter, args=("a",)), threading.Thread(target=r.leave, args=("b",))]
    for t in ts:
        t.start()
    for t in ts:
        t.join()


if __name__ == "__main__":
    main()
