"""IL403 on `LazyDB.conn`: `get` checks `conn` is None, awaits the connect, then stores it; two
requests both see None during the await and both connect (one connection leaks)."""
import asyncio

from fastapi import FastAPI

app = FastAPI()


class Connection:
    async def close(self):
        await asyncio.sleep(0)

    async def fetch(self, q):
        await asyncio.sleep(0.01)
        return [q]


async def connect(dsn) -> Connection:
    await asyncio.sleep(0.1)
    return Connection()


class LazyDB:
    def __init__(self, dsn):
        self.dsn = dsn
        self.conn = None

    async def get(self) -> Connection:
        if self.conn is None:
            conn = await connect(self.dsn)
            self.conn = conn
        return self.conn


db = LazyDB("postgres://db/app")


@app.get("/items")
async def items():
    conn = await db.get()
    return await conn.fetch("select * from items")
