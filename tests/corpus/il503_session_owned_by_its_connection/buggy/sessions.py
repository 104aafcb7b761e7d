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
        # tell the client what it is about to receive
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
        self.sessions: dict[int, Session] = {}
        self._next = 0

    def open(self, track_id: int) -> Session:
        self._next += 1
        s = Session(track_id)
        self.sessions[self._next] = s
        return s

    async def watchdog(self):
        while True:
            await asyncio.sleep(5)
            now = time.monotonic()
            for sid, s in list(self.sessions.items()):
                if now - s.last_activity > 30:
                    await s.close()
                    self.sessions.pop(sid, None)
