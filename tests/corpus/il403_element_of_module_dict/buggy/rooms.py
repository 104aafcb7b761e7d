"""IL403: the booking route takes a room from the module's table, copies its free places, awaits
the calendar service, then stores the copy minus the booked places. Two bookings of one room
interleave at the await: both see 2 free places, both book 2, and the room ends with 0 free
places for 4 bookings' worth of guests."""
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
    free = room.free
    if free < places:
        return {"error": "full"}
    await notify_calendar(room.name, who)
    room.free = free - places
    return {"free": room.free}
