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
        for ws in list(self.sockets):
            await ws.send_text(text)
