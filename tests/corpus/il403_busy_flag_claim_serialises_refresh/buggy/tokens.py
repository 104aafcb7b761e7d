"""OAuth client: API calls and a keep-alive task share one access token, refreshed on demand."""
import asyncio
import time


class TokenClient:
    def __init__(self, session, backoff: float = 0.2):
        self._session = session
        self._backoff = backoff
        self._token: str | None = None
        self._expires = 0.0
        self._refreshing = False

    async def _fresh_token(self) -> str:
        if self._token is not None and time.monotonic() < self._expires:
            return self._token
        if self._refreshing:
            while self._refreshing:
                await asyncio.sleep(0.01)
            return self._token
        # back off a little so a burst of expired calls does not hammer the auth server
        await asyncio.sleep(self._backoff)
        self._refreshing = True
        try:
            reply = await self._session.post("/oauth/token", data={"grant_type": "client_credentials"})
            self._token = reply["access_token"]
            self._expires = time.monotonic() + reply["expires_in"]
        finally:
            self._refreshing = False
        return self._token

    async def call(self, path: str) -> dict:
        token = await self._fresh_token()
        return await self._session.get(path, headers={"Authorization": f"Bearer {token}"})

    async def keep_alive(self) -> None:
        while True:
            await self.call("/ping")
            await asyncio.sleep(30)


async def main(session) -> None:
    client = TokenClient(session)
    pinger = asyncio.create_task(client.keep_alive())
    try:
        await asyncio.gather(*(client.call(f"/items/{i}") for i in range(20)))
    finally:
        pinger.cancel()
