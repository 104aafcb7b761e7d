"""Silent: after the await, `get` checks `conn` again and stores its connection only if no other
request did meanwhile; the re-check and the write run with no switch in between."""
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
            if self.conn is None:
                self.conn = conn
            else:
                # another request connected first while we awaited; keep theirs
                await conn.close()
        return self.conn


db = LazyDB("postgres://db/app")


@app.get("/items")
async def items():
    conn = await db.get()
    return await conn.fetch("select * from items")
