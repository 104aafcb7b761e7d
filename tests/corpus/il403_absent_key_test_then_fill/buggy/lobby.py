"""Game lobby: a player holds at most one seat. Two joins of one player both pass the
"not seated" test before either stores a seat: the player ends up with two tables' worth of
matchmaking and the second seat overwrites the first."""
from __future__ import annotations

import asyncio

from fastapi import FastAPI


class Matchmaker:
    async def find_table(self, player: str) -> int:
        await asyncio.sleep(0.01)
        return hash(player) % 16


class Lobby:
    def __init__(self, matchmaker: Matchmaker) -> None:
        self.matchmaker = matchmaker
        self.seats: dict[str, int] = {}

    async def join(self, player: str) -> int:
        if player in self.seats:
            raise ValueError(f"{player} is already seated")
        table = await self.matchmaker.find_table(player)
        self.seats[player] = table
        return table

    def leave(self, player: str) -> None:
        self.seats.pop(player, None)


app = FastAPI()
lobby = Lobby(Matchmaker())


@app.post("/join/{player}")
async def join(player: str) -> dict:
    return {"table": await lobby.join(player)}


@app.post("/leave/{player}")
async def leave(player: str) -> dict:
    lobby.leave(player)
    return {"ok": True}
