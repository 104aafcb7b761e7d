"""Avatar thumbnails: concurrent requests for one user share a single render (single flight)."""
import asyncio

from fastapi import FastAPI


class AvatarStore:
    def __init__(self):
        self._rendering: dict[str, asyncio.Future] = {}
        self._thumbs: dict[str, bytes] = {}

    async def _render(self, user: str) -> bytes:
        await asyncio.sleep(0.05)  # pretend: fetch and resize
        return user.encode()

    async def thumbnail(self, user: str) -> bytes:
        if user in self._thumbs:
            return self._thumbs[user]
        pending = self._rendering.get(user)
        if pending is not None:
            return await pending
        pending = asyncio.get_running_loop().create_future()
        self._rendering[user] = pending
        try:
            data = await self._render(user)
            pending.set_result(data)
            self._thumbs[user] = data
            return data
        except Exception as exc:
            pending.set_exception(exc)
            raise
        finally:
            del self._rendering[user]

    def invalidate(self, user: str) -> None:
        self._thumbs.pop(user, None)


app = FastAPI()
store = AvatarStore()


@app.get("/avatar/{user}")
async def avatar(user: str):
    return {"size": len(await store.thumbnail(user))}


@app.post("/avatar/{user}/refresh")
async def refresh(user: str):
    store.invalidate(user)
    return {}
