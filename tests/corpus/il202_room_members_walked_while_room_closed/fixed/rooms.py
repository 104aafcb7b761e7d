"""Chat rooms: a broadcast walks one room's member list; closing a room drops the whole entry.

Popping `rooms[name]` unbinds the key; the list the broadcast is walking is not changed, so the
walk finishes over the members it started with.
"""
import asyncio


class RoomHub:
    def __init__(self):
        self.rooms: dict[str, list] = {}

    async def join(self, name: str, ws) -> None:
        self.rooms.setdefault(name, []).append(ws)

    async def broadcast(self, name: str, text: str) -> None:
        for ws in self.rooms.get(name, []):
            await ws.send_text(text)

    async def announce(self, name: str, text: str) -> None:
        for ws in self.rooms[name]:
            await ws.send_text(text)

    async def close_room(self, name: str) -> None:
        self.rooms.pop(name, None)


hub = RoomHub()


async def serve(ws, name: str) -> None:
    await hub.join(name, ws)
    await asyncio.gather(hub.broadcast(name, "hi"), hub.announce(name, "news"), hub.close_room(name))
