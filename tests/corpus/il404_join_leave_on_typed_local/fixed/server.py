"""Fixed twin: `leave` in a `finally`, run on disconnect and cancellation alike."""
import time

from aiohttp import WSMsgType, web


class Presence:
    def __init__(self) -> None:
        self.online: dict[str, float] = {}

    def join(self, user: str) -> None:
        self.online[user] = time.time()

    def leave(self, user: str) -> None:
        self.online.pop(user, None)

    def names(self) -> list:
        return sorted(self.online)


async def ws_handler(request: web.Request) -> web.WebSocketResponse:
    ws = web.WebSocketResponse()
    await ws.prepare(request)
    user = request.query.get("user", "anon")
    presence: Presence = request.app["presence"]
    presence.join(user)
    try:
        async for msg in ws:
            if msg.type == WSMsgType.TEXT:
                await ws.send_json(presence.names())
    finally:
        presence.leave(user)
    return ws


async def who(request: web.Request) -> web.Response:
    return web.json_response(request.app["presence"].names())


def make_app() -> web.Application:
    app = web.Application()
    app["presence"] = Presence()
    app.router.add_get("/ws", ws_handler)
    app.router.add_get("/who", who)
    return app
