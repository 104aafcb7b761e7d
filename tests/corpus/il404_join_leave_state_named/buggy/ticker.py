"""Stock ticker push: each socket subscribes to one symbol's quotes; the hub fans quotes out."""
from fastapi import FastAPI, WebSocket, WebSocketDisconnect

app = FastAPI()


class TickerHub:
    def __init__(self) -> None:
        self.watchers: dict[str, list[WebSocket]] = {}

    async def subscribe(self, symbol: str, ws: WebSocket) -> None:
        await ws.accept()
        self.watchers.setdefault(symbol, []).append(ws)

    def unsubscribe(self, symbol: str, ws: WebSocket) -> None:
        sockets = self.watchers.get(symbol, [])
        if ws in sockets:
            sockets.remove(ws)
        if not sockets:
            self.watchers.pop(symbol, None)

    async def publish(self, symbol: str, price: float) -> None:
        for ws in list(self.watchers.get(symbol, ())):
            await ws.send_json({"symbol": symbol, "price": price})


hub = TickerHub()


@app.websocket("/quotes/{symbol}")
async def quotes(ws: WebSocket, symbol: str):
    await hub.subscribe(symbol, ws)
    try:
        while True:
            order = await ws.receive_json()
            await ws.send_json({"ack": order.get("id")})
    except WebSocketDisconnect:
        hub.unsubscribe(symbol, ws)


@app.post("/quotes/{symbol}")
async def push_quote(symbol: str, price: float):
    await hub.publish(symbol, price)
    return {"sent": len(hub.watchers.get(symbol, ()))}
