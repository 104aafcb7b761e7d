"""A print spooler: several printer threads walk a snapshot of the shared ticket list and take
the first ticket still QUEUED. `_take` tests the ticket's phase with no lock and marks it
PRINTING under the lock: two printers can both see QUEUED and print the same ticket twice.
The state lives on the element object (a `Ticket`), not on the spooler."""
import threading
from dataclasses import dataclass


@dataclass
class Ticket:
    document: str
    phase: str = "queued"
    pages: int = 0


class Spooler:
    def __init__(self, printers: int = 3) -> None:
        self._guard = threading.Lock()
        self._tickets: list[Ticket] = []
        self._printers = [threading.Thread(target=self._run, daemon=True) for _ in range(printers)]
        for printer in self._printers:
            printer.start()

    def submit(self, document: str) -> None:
        with self._guard:
            self._tickets.append(Ticket(document))

    def _take(self, ticket: Ticket) -> bool:
        if ticket.phase != "queued":
            return False
        with self._guard:
            ticket.phase = "printing"
        return True

    def _run(self) -> None:
        while True:
            with self._guard:
                waiting = tuple(self._tickets)
            for ticket in waiting:
                if self._take(ticket):
                    with self._guard:
                        ticket.pages = len(ticket.document) // 80 + 1
                        ticket.phase = "printed"
