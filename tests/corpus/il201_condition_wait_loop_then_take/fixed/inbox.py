"""Fixed twin (the shape of a false alarm on watchdog's DelayedQueue): `take` waits on the
condition until a letter is there, then reads the head in the same critical section. The wait
inside the loop releases the lock, but the loop tests again after every wait, and the early
return on close releases it on a path that never reaches the read."""
import threading
from collections import deque


class Inbox:
    def __init__(self):
        self._lock = threading.Lock()
        self._ready = threading.Condition(self._lock)
        self._letters = deque()
        self._closed = False

    def post(self, letter):
        self._ready.acquire()
        self._letters.append(letter)
        self._ready.notify()
        self._ready.release()

    def close(self):
        self._ready.acquire()
        self._closed = True
        self._ready.notify_all()
        self._ready.release()

    def take(self):
        self._ready.acquire()
        while len(self._letters) == 0 and not self._closed:
            self._ready.wait()
        if self._closed:
            self._ready.release()
            return None
        letter = self._letters.popleft()
        self._ready.release()
        return letter
