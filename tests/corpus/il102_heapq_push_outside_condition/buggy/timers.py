"""IL102 on `Timers._heap`: the timer thread pops the heap under the Condition, but `schedule`
pushes onto it before taking the Condition: `heapq.heappush` changes the list in place, and a
push interleaved with the thread's pop can break the heap order or lose an entry."""
import heapq
import threading


class Timers:
    def __init__(self):
        self._heap = []
        self._cv = threading.Condition()
        threading.Thread(target=self._loop, daemon=True).start()

    def schedule(self, when, fn):
        heapq.heappush(self._heap, (when, id(fn), fn))
        with self._cv:
            self._cv.notify()

    def _loop(self):
        while True:
            with self._cv:
                while not self._heap:
                    self._cv.wait()
                when, _, fn = heapq.heappop(self._heap)
            fn()
