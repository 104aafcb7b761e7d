"""IL702: one AsyncSession is shared by every request task; concurrent requests interleave
on it and SQLAlchemy raises 'concurrent operations are not permitted'."""
from fastapi import FastAPI
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

app = FastAPI()
engine = create_async_engine("postgresql+asyncpg://app@db/library", pool_pre_ping=True)
SessionMaker = async_sessionmaker(engine)
session = AsyncSession(engine)


@app.get("/playlists")
async def playlists():
    result = await session.execute(text("SELECT name FROM playlists"))
    return result.scalars().all()


@app.post("/playlists")
async def create_playlist(name: str):
    await session.execute(text("INSERT INTO playlists(name) VALUES (:n)"), {"n": name})
    await session.commit()
