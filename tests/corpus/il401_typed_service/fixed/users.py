"""Silent: both routes run the `UserRepo` queries (one from `request.app.state` into an annotated
local, one injected by `Depends`) in a worker thread, so sqlite3 blocks no task of the loop."""
import asyncio
import sqlite3

from fastapi import Depends, FastAPI, Request

app = FastAPI()


class UserRepo:
    def __init__(self, path):
        self.path = path

    def get_user(self, uid):
        with sqlite3.connect(self.path) as conn:
            return conn.execute("select name from users where id = ?", (uid,)).fetchone()

    def count(self):
        with sqlite3.connect(self.path) as conn:
            return conn.execute("select count(*) from users").fetchone()[0]


def get_repo(request: Request) -> UserRepo:
    return request.app.state.users


@app.get("/users/{uid}")
async def read_user(uid: int, request: Request):
    repo: UserRepo = request.app.state.users
    return {"name": await asyncio.to_thread(repo.get_user, uid)}


@app.get("/users")
async def count_users(repo: UserRepo = Depends(get_repo)):
    return {"n": await asyncio.to_thread(repo.count)}
