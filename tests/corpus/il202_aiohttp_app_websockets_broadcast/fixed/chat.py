"""The broadcast walks a snapshot of the set, taken before the first await."""
import weakref

from aiohttp import WSMsgType, web


async def chat(request):
    ws = web.WebSocketResponse()
    await ws.prepare(request)
    request.app["sockets"].add(ws)
    try:
        async for msg in ws:
            if msg.type != WSMsgType.TEXT:
                continue
            for peer in list(request.app["sockets"]):
                if peer is not ws:
                    await peer.send_str(msg.data)
    finally:
        request.app["sockets"].discard(ws)
    return ws


def make_app():
    app = web.Application()
    app["sockets"] = weakref.WeakSet()
    app.router.add_get("/chat", chat)
    return app
