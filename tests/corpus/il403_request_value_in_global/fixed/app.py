"""Fixed twin: the request id is a contextvars.ContextVar: each request task has its own
context, so the id the middleware sets is the one the handler and the logger read after any
await."""
import asyncio
import contextvars
import logging
import uuid

from fastapi import FastAPI, Request

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
log = logging.getLogger("api")
app = FastAPI()


def log_event(message: str):
    log.info("[%s] %s", request_id.get(), message)


@app.middleware("http")
async def assign_request_id(request: Request, call_next):
    token = request_id.set(request.headers.get("x-request-id") or uuid.uuid4().hex)
    try:
        log_event(f"start {request.url.path}")
        response = await call_next(request)
        response.headers["x-request-id"] = request_id.get()
        log_event("done")
        return response
    finally:
        request_id.reset(token)


async def load_playlist(pid: int):
    await asyncio.sleep(0.05)
    log_event(f"loaded playlist {pid}")
    return {"id": pid, "tracks": []}


@app.get("/playlists/{pid}")
async def playlist(pid: int):
    data = await load_playlist(pid)
    log_event("responding")
    return {"request": request_id.get(), **data}
