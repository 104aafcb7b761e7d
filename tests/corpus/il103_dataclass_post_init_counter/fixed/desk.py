"""Fixed: the class-wide counter is bumped and read under one lock."""
import queue
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

_issue_lock = threading.Lock()


@dataclass
class Ticket:
    subject: str
    number: int = field(init=False, default=0)

    _issued = 0

    def __post_init__(self):
        with _issue_lock:
            Ticket._issued += 1
            self.number = Ticket._issued


class Desk:
    def __init__(self):
        self._pool = ThreadPoolExecutor(max_workers=4)
        self.opened = queue.Queue()

    def intake(self, subjects):
        for subject in subjects:
            self._pool.submit(self._open, subject)

    def _open(self, subject):
        self.opened.put(Ticket(subject))
