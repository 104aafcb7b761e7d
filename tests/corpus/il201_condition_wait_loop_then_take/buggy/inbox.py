"""IL201 on `Inbox._letters`: `take` waits until a letter is there, but releases the lock before
taking it: another `take` woken by the same post can take the letter first, and this one pops
from an empty deque (IndexError)."""
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
        self._ready.release()
        with self._lock:
            return self._letters.popleft()
