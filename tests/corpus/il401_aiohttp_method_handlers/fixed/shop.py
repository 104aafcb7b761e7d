"""Fixed twin: the stock lookup goes to a worker thread and the reindex tool runs as an asyncio
subprocess, so neither handler blocks the loop."""
import asyncio

import requests
from aiohttp import web


class Inventory:
    def __init__(self, base: str):
        self._base = base
        self._http = requests.Session()

    async def stock(self, request: web.Request) -> web.Response:
        reply = await asyncio.to_thread(self._http.get, f"{self._base}/levels/{request.match_info['sku']}", timeout=3)
        return web.json_response({"sku": request.match_info["sku"], "level": reply.json()})


class Admin:
    def __init__(self, app: web.Application):
        app.add_routes([web.post("/admin/reindex", self.reindex)])

    async def reindex(self, request: web.Request) -> web.Response:
        proc = await asyncio.create_subprocess_exec("/usr/local/bin/reindex", "--all")
        return web.json_response({"rc": await proc.wait()})


inventory = Inventory("https://stock.internal")
app = web.Application()
app.router.add_get("/stock/{sku}", inventory.stock)
Admin(app)
