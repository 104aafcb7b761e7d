"""IL403: the request id lives in a module global. The HTTP middleware (which wraps every
request, so runs as many times at once) stores it and awaits the handler; another request stores
its own meanwhile, so the response header and the log lines carry the wrong request's id."""
import asyncio
import logging
import uuid

from fastapi import FastAPI, Request

current_request_id = "-"
log = logging.getLogger("api")
app = FastAPI()


def log_event(message: str):
    log.info("[%s] %s", current_request_id, message)


@app.middleware("http")
async def assign_request_id(request: Request, call_next):
    global current_request_id
    current_request_id = request.headers.get("x-request-id") or uuid.uuid4().hex
    log_event(f"start {request.url.path}")
    response = await call_next(request)
    response.headers["x-request-id"] = current_request_id
    log_event("done")
    return response


async def load_playlist(pid: int):
    await asyncio.sleep(0.05)
    log_event(f"loaded playlist {pid}")
    return {"id": pid, "tracks": []}


@app.get("/playlists/{pid}")
async def playlist(pid: int):
    data = await load_playlist(pid)
    log_event("responding")
    return {"request": current_request_id, **data}
