"""IL103: every `Ticket(...)` runs the dataclass's `__post_init__`, which numbers the ticket from
the class-wide `Ticket._issued` with a read-modify-write; the desk opens tickets from several pool
threads, so two tickets can get the same number."""
import queue
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field


@dataclass
class Ticket:
    subject: str
    number: int = field(init=False, default=0)

    _issued = 0

    def __post_init__(self):
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
