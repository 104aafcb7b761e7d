"""fixed: close awaits the closing of every cached probe client, then empties the cache; a check
that runs during the await and finds no client for its target builds one and caches it. Emptying
a get-or-create cache loses nothing the next look-up does not build again."""
import asyncio


class ProbeClient:
    def __init__(self, host):
        self.host = host

    async def ping(self):
        await asyncio.sleep(0.01)
        return True

    async def aclose(self):
        await asyncio.sleep(0.01)


class ProbePolicy:
    def __init__(self):
        self._clients: dict[str, ProbeClient] = {}

    def _client_for(self, host):
        client = self._clients.get(host)
        if client is None:
            client = ProbeClient(host)
            self._clients[host] = client
        return client

    async def check(self, host):
        return await self._client_for(host).ping()

    async def close(self):
        closing = [asyncio.create_task(c.aclose()) for c in self._clients.values()]
        if closing:
            await asyncio.gather(*closing, return_exceptions=True)
        self._clients.clear()


async def main(hosts):
    policy = ProbePolicy()
    await asyncio.gather(*(policy.check(h) for h in hosts), policy.close())


if __name__ == "__main__":
    asyncio.run(main(["a", "b"]))
