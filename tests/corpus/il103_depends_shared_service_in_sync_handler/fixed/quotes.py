"""The service counts under its own lock."""
import threading

from fastapi import Depends, FastAPI


class QuoteService:
    def __init__(self):
        self.quotes = ["carpe diem", "memento mori"]
        self.served = 0
        self._lock = threading.Lock()

    def pick(self, i: int) -> str:
        with self._lock:
            self.served += 1
        return self.quotes[i % len(self.quotes)]


_quotes = QuoteService()


def get_quotes() -> QuoteService:
    return _quotes


app = FastAPI()


@app.get("/quote/{i}")
def quote(i: int, service: QuoteService = Depends(get_quotes)):
    return {"quote": service.pick(i)}
