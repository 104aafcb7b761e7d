"""IL401: `row_count` opens a connection of a synchronous engine inside a coroutine (`engine.connect()`
checks a connection out of the pool and may dial the server): it blocks the event loop.
(`async with` on it fails at run time too; the blocking call is what the rule names.)"""
import asyncio

from sqlalchemy import text
from sqlalchemy import create_engine

engine = create_engine("postgresql://svc@db/stats", pool_pre_ping=True)


async def row_count(table):
    async with engine.connect() as conn:
        result = await conn.execute(text(f"SELECT count(*) FROM {table}"))
        return result.scalar()


async def report(tables):
    return await asyncio.gather(*(row_count(t) for t in tables))
