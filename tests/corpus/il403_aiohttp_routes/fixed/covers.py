import asyncio

from aiohttp import web

routes = web.RouteTableDef()


class CoverStore:
    def __init__(self):
        self._lock = asyncio.Lock()
        self._sizes: dict[str, bytes] = {}

    async def _encode(self, cover_id: str) -> bytes:
        await asyncio.sleep(0.05)
        return cover_id.encode()

    async def resize(self, cover_id: str) -> bytes:
        async with self._lock:
            if cover_id not in self._sizes:
                data = await self._encode(cover_id)
                self._sizes[cover_id] = data
            return self._sizes[cover_id]

    def purge(self) -> None:
        self._sizes = {}


store = CoverStore()


@routes.get("/cover/{id}")
async def cover(request: web.Request) -> web.Response:
    return web.Response(body=await store.resize(request.match_info["id"]))


async def purge(request: web.Request) -> web.Response:
    store.purge()
    return web.Response(text="ok")


def make_app() -> web.Application:
    app = web.Application()
    app.router.add_post("/purge", purge)
    app.add_routes(routes)
    return app
