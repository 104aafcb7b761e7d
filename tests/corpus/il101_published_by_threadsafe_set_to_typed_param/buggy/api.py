"""`/podium` reads the table without awaiting `board.settled`: while the tally thread runs it may
answer with the empty placeholder or the new table, whichever is stored by then."""
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
    rows = [{"team": team, "points": pts} for team, pts in board.table]
    return rows[:3]
