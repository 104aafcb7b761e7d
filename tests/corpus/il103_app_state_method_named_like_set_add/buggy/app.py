"""IL101 on `Outbox.sent`: `add` counts outside the lock, and the sync routes run on the
threadpool, so two requests lose a count. `request.app.state.outbox.add(...)` itself is a call of
`Outbox.add` (the lifespan stored an `Outbox` it built in a local), not a `set.add` on shared state."""
import threading
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request


class Outbox:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.pending: list[str] = []
        self.sent = 0

    def add(self, message: str) -> None:
        with self._lock:
            self.pending.append(message)
        self.sent += 1

    def take_all(self) -> list[str]:
        with self._lock:
            batch, self.pending = self.pending, []
            return batch


@asynccontextmanager
async def lifespan(app: FastAPI):
    outbox = Outbox()
    app.state.outbox = outbox
    yield


app = FastAPI(lifespan=lifespan)


@app.post("/messages")
def post_message(text: str, request: Request):
    request.app.state.outbox.add(text)
    return {"ok": True}


@app.post("/flush")
def flush(request: Request):
    return {"messages": request.app.state.outbox.take_all()}
