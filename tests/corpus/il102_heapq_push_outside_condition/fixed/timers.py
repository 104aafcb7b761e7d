"""Silent: `schedule` pushes onto the heap and notifies under the Condition the timer thread
pops it under, so every change of the heap holds that one lock."""
import heapq
import threading


class Timers:
    def __init__(self):
        self._heap = []
        self._cv = threading.Condition()
        threading.Thread(target=self._loop, daemon=True).start()

    def schedule(self, when, fn):
        with self._cv:
            heapq.heappush(self._heap, (when, id(fn), fn))
            self._cv.notify()

    def _loop(self):
        while True:
            with self._cv:
                while not self._heap:
                    self._cv.wait()
                when, _, fn = heapq.heappop(self._heap)
            fn()
