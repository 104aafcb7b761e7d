"""IL202 on `Hub.sockets`: the hub reaches the WebSocket route through a services dict. The
application module builds `services = {"hub": hub, ...}`, `install(app, services)` takes the hub
back out with `services.get("hub")` and hands it to the router factory, whose route is a closure
calling `hub.broadcast`. `broadcast` walks the list across `await ws.send_text` while another
connection's `finally: hub.drop(ws)` removes from it at that await: "list changed size during
iteration"."""
from fastapi import WebSocket


class Hub:
    def __init__(self) -> None:
        self.sockets: list[WebSocket] = []

    async def attach(self, ws: WebSocket) -> None:
        await ws.accept()
        self.sockets.append(ws)

    def drop(self, ws: WebSocket) -> None:
        if ws in self.sockets:
            self.sockets.remove(ws)

    async def broadcast(self, text: str) -> None:
        for ws in self.sockets:
            await ws.send_text(text)
