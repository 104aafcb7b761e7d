"""IL404 on `Presence.online`: the socket handler takes the app's presence table into a local
annotated with its class (`presence: Presence = request.app["presence"]`), joins the user, and
leaves after the message loop, outside `finally`. `presence.join(user)` is the class's method,
not `str.join` walking `user`; a client that drops (or a server shutdown cancelling the handler)
skips `leave`, and the user stays online for good."""
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
    async for msg in ws:
        if msg.type == WSMsgType.TEXT:
            await ws.send_json(presence.names())
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
