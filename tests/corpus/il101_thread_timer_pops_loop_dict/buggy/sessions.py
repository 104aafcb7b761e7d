"""An asyncio session store whose entries expire through a `threading.Timer`: the pop runs on the
timer's own thread, between a handler's test and its lookup."""
import asyncio
import threading


class SessionStore:
    def __init__(self, ttl: float) -> None:
        self.ttl = ttl
        self._sessions: dict[str, dict] = {}

    async def open(self, sid: str, user: str) -> None:
        self._sessions[sid] = {"user": user}
        threading.Timer(self.ttl, self._sessions.pop, args=(sid, None)).start()

    async def user_of(self, sid: str) -> str | None:
        if sid in self._sessions:
            return self._sessions[sid]["user"]
        return None


async def main() -> None:
    store = SessionStore(ttl=60)
    await asyncio.gather(store.open("s1", "ann"), store.open("s2", "bob"))
    print(await store.user_of("s1"))


if __name__ == "__main__":
    asyncio.run(main())
