"""IL202 on the app's `"sockets"` set: each WebSocket handler adds its socket to
`request.app["sockets"]` and, for every message, walks the set sending to each peer; the sends
await, so another client's handler joins or leaves (add/discard) in the middle of the walk and
the loop fails with "Set changed size during iteration"."""
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
            for peer in request.app["sockets"]:
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
