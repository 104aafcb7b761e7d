"""IL303 on `Presence._lock`: `join` awaits every registered hook while it holds the
asyncio.Lock. A hook that asks the tracker for the head count (`await presence.count()`) waits
for the lock its own caller holds, and the join never finishes; a slow hook holds up every other
join and leave."""
import asyncio


class Presence:
    def __init__(self):
        self._lock = asyncio.Lock()
        self._online = set()
        self._hooks = []

    def add_hook(self, hook):
        self._hooks.append(hook)

    async def count(self):
        async with self._lock:
            return len(self._online)

    async def join(self, user):
        async with self._lock:
            self._online.add(user)
            for hook in self._hooks:
                await hook(user)

    async def leave(self, user):
        async with self._lock:
            self._online.discard(user)


async def run_room(users):
    presence = Presence()

    async def announce(user):
        print(f"{user} joined, {await presence.count()} online")

    presence.add_hook(announce)
    await asyncio.gather(*(presence.join(u) for u in users))
