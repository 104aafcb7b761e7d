import asyncio
import time


class Session:
    def __init__(self, track_id: int):
        self.track_id = track_id
        self.state = "CONNECTING"
        self.last_activity = time.monotonic()
        self.position = 0

    async def start(self, websocket):
        if self.state != "CONNECTING":
            return
        # tell the client what it is about to receive: only this connection touches its session
        await websocket.send_json({"track": self.track_id, "format": "pcm16"})
        self.state = "STREAMING"

    async def next_chunk(self):
        await asyncio.sleep(0.02)
        self.position += 1
        return b"\0" * 4096 if self.position < 500 else None

    async def close(self):
        self.state = "CLOSED"


class SessionRegistry:
    def __init__(self):
        self.opened = 0
        self.started = 0.0
        self.ticks = 0

    async def watchdog(self):
        while True:
            await asyncio.sleep(5)
            self.ticks += 1
