"""Fixed: `/podium` awaits `board.settled` before it reads the table (the board comes in through
a typed dependency parameter): the thread's store happens before the set, the set before the read."""
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI, Request

from standings import LeagueBoard


@asynccontextmanager
async def lifespan(app: FastAPI):
    board = LeagueBoard([("owls", 3), ("foxes", 1), ("owls", 1), ("bears", 3)])
    app.state.board = board
    board.tally()
    yield


app = FastAPI(lifespan=lifespan)


def get_board(request: Request) -> LeagueBoard:
    return request.app.state.board


@app.get("/podium")
async def podium(board: LeagueBoard = Depends(get_board)):
    await board.settled.wait()
    rows = [{"team": team, "points": pts} for team, pts in board.table]
    return rows[:3]
