"""IL401 twice: aiohttp handlers that are bound methods. `Inventory.stock` (registered as
`inventory.stock` of a module-level object) calls a `requests.Session` it holds, and `Admin.reindex`
(registered as `self.reindex`) runs a subprocess; both block the event loop for every request."""
import subprocess

import requests
from aiohttp import web


class Inventory:
    def __init__(self, base: str):
        self._base = base
        self._http = requests.Session()

    async def stock(self, request: web.Request) -> web.Response:
        level = self._http.get(f"{self._base}/levels/{request.match_info['sku']}", timeout=3).json()
        return web.json_response({"sku": request.match_info["sku"], "level": level})


class Admin:
    def __init__(self, app: web.Application):
        app.add_routes([web.post("/admin/reindex", self.reindex)])

    async def reindex(self, request: web.Request) -> web.Response:
        done = subprocess.run(["/usr/local/bin/reindex", "--all"], check=False)
        return web.json_response({"rc": done.returncode})


inventory = Inventory("https://stock.internal")
app = web.Application()
app.router.add_get("/stock/{sku}", inventory.stock)
Admin(app)
