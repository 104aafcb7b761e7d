"""Fixed twin: an `AsyncEngine` (`create_async_engine`): `async with engine.connect()` awaits the
checkout, the loop keeps running."""
import asyncio

from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

engine = create_async_engine("postgresql+asyncpg://svc@db/stats", pool_pre_ping=True)


async def row_count(table):
    async with engine.connect() as conn:
        result = await conn.execute(text(f"SELECT count(*) FROM {table}"))
        return result.scalar()


async def report(tables):
    return await asyncio.gather(*(row_count(t) for t in tables))
