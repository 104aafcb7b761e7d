from fastapi import FastAPI


class Room:
    def __init__(self, name: str, places: int):
        self.name = name
        self.free = places


ROOMS = {"atlas": Room("atlas", 2), "borealis": Room("borealis", 6)}
api = FastAPI()


async def notify_calendar(room: str, who: str) -> None:
    ...


@api.put("/rooms/{name}/book")
async def book(name: str, who: str, places: int = 1):
    room = ROOMS.get(name)
    if room is None:
        return {"error": "unknown room"}
    if room.free < places:
        return {"error": "full"}
    room.free -= places                   # claim the places before awaiting
    await notify_calendar(room.name, who)
    return {"free": room.free}
