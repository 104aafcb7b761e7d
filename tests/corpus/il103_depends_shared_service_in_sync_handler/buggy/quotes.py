"""IL103 on `QuoteService.served`: `get_quotes` hands every request the one module-wide service
(`-> QuoteService`, returning the global), and FastAPI runs the plain `def` handler in its thread
pool, so `service.served += 1` runs in many threads at once."""
from fastapi import Depends, FastAPI


class QuoteService:
    def __init__(self):
        self.quotes = ["carpe diem", "memento mori"]
        self.served = 0

    def pick(self, i: int) -> str:
        return self.quotes[i % len(self.quotes)]


_quotes = QuoteService()


def get_quotes() -> QuoteService:
    return _quotes


app = FastAPI()


@app.get("/quote/{i}")
def quote(i: int, service: QuoteService = Depends(get_quotes)):
    service.served += 1
    return {"quote": service.pick(i)}
