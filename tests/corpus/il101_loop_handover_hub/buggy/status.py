"""IL101 on `LiveStatusHub._last`: `publish_from_thread` stores the status on the position thread
before it hands the broadcast to the loop, while the handlers read `_last` on the loop
(`subscribe`, `last_status`) and `_broadcast` reads it there. The rest of the hub stays on the
loop: `_broadcast` (run by `call_soon_threadsafe`) and the handlers' calls never overlap."""
import asyncio
import json
import threading
import time

from fastapi import FastAPI, WebSocket

app = FastAPI()


class LiveStatusHub:
    def __init__(self):
        self._clients = set()
        self._last = None

    def publish_from_thread(self, loop, status: dict):
        self._last = status
        loop.call_soon_threadsafe(self._broadcast)

    def _broadcast(self):
        text = json.dumps(self._last)
        for ws in list(self._clients):
            asyncio.ensure_future(ws.send_text(text))

    def subscribe(self, ws):
        self._clients.add(ws)
        return self._last

    def unsubscribe(self, ws):
        self._clients.discard(ws)

    def last_status(self):
        return self._last


hub = LiveStatusHub()


class PositionReporter:
    def __init__(self, hub: LiveStatusHub, loop):
        self.hub = hub
        self.loop = loop
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self):
        self._thread.start()

    def _run(self):
        while True:
            self.hub.publish_from_thread(self.loop, {"position": time.monotonic()})
            time.sleep(0.5)


@app.on_event("startup")
async def startup():
    PositionReporter(hub, asyncio.get_running_loop()).start()


@app.websocket("/ws/status")
async def ws_status(ws: WebSocket):
    await ws.accept()
    first = hub.subscribe(ws)
    if first is not None:
        await ws.send_text(json.dumps(first))
    try:
        while True:
            await ws.receive_text()
    finally:
        hub.unsubscribe(ws)


@app.get("/status")
async def get_status():
    return hub.last_status() or {}
