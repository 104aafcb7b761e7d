"""Upstream link used by every WebSocket session. connect() marks CONNECTING, awaits the TCP
handshake and then stores CONNECTED; a session that ends calls close() meanwhile, which stores
CLOSED: the handshake's completion then moves CLOSED -> CONNECTED, an undeclared transition (a
closed link reports itself connected and its writer is never closed)."""
import asyncio

from fastapi import FastAPI, WebSocket

DISCONNECTED, CONNECTING, CONNECTED, CLOSED = "disconnected", "connecting", "connected", "closed"


class UpstreamLink:
    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.state = DISCONNECTED
        self.writer = None

    async def connect(self) -> None:
        if self.state != DISCONNECTED:
            return
        self.state = CONNECTING
        _, writer = await asyncio.open_connection(self.host, self.port)
        self.writer = writer
        self.state = CONNECTED

    async def close(self) -> None:
        if self.state == CLOSED:
            return
        self.state = CLOSED
        if self.writer is not None:
            self.writer.close()


app = FastAPI()
link = UpstreamLink("upstream.local", 7000)


@app.websocket("/ws")
async def session(ws: WebSocket):
    await ws.accept()
    await link.connect()
    try:
        async for text in ws.iter_text():
            await ws.send_text(text)
    finally:
        await link.close()
