"""Chat rooms: a broadcast walks one room's member list; a member leaving is removed from that list.

`list.remove` during the walk shifts the list under the loop: the member after the one who left is
skipped and never gets the message.
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

    async def leave(self, name: str, ws) -> None:
        self.rooms[name].remove(ws)


hub = RoomHub()


async def serve(ws, name: str) -> None:
    await hub.join(name, ws)
    await asyncio.gather(hub.broadcast(name, "hi"), hub.announce(name, "news"), hub.leave(name, ws))
