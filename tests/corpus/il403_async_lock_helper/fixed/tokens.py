import asyncio
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI

app = FastAPI()


class TokenStore:
    def __init__(self):
        self._lock = asyncio.Lock()
        self._tokens: dict[str, str] = {}
        self._http = httpx.AsyncClient(base_url="https://auth.example.org")

    @asynccontextmanager
    async def _serialized(self):
        async with self._lock:
            yield

    async def token_for(self, user: str) -> str:
        async with self._serialized():
            if user not in self._tokens:
                resp = await self._http.post("/token", json={"user": user})
                self._tokens[user] = resp.json()["token"]
            return self._tokens[user]

    async def revoke(self, user: str) -> None:
        async with self._serialized():
            if user in self._tokens:
                await self._http.post("/revoke", json={"token": self._tokens[user]})
                del self._tokens[user]


store = TokenStore()


@app.get("/token/{user}")
async def get_token(user: str):
    return {"token": await store.token_for(user)}


@app.delete("/token/{user}")
async def delete_token(user: str):
    await store.revoke(user)
