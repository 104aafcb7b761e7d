"""Fixed: every caller of `renew()` is a coroutine that passes the loop it runs on
(`asyncio.get_running_loop()`), and only `renew()` stores `_loop`: whichever call stored it
last, a renewal thread reads the one event loop of the server."""
import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI

from renewer import CertRenewer

renewer = CertRenewer(["example.org", "api.example.org"])


@asynccontextmanager
async def lifespan(app: FastAPI):
    renewer.renew(asyncio.get_running_loop())
    yield


app = FastAPI(lifespan=lifespan)


@app.post("/admin/certs/renew")
async def renew_now():
    renewer.renew(asyncio.get_running_loop())
    return {"renewing": renewer.domains}


@app.get("/admin/certs")
async def certs():
    return {"renewed": renewer.renewed}
