"""A health monitor: `sweep` starts one probe task per host and pushes the status table to the
dashboard before it gathers them; the push awaits for each row, so the probes resume and add
their hosts to `status` in the middle of the walk."""
import asyncio

import httpx


class HealthMonitor:
    def __init__(self, hosts, dashboard):
        self.hosts = list(hosts)
        self.dashboard = dashboard
        self.status = {}

    async def _probe(self, host):
        async with httpx.AsyncClient(timeout=5) as client:
            resp = await client.get(f"https://{host}/healthz")
        self.status[host] = resp.status_code == 200

    async def sweep(self):
        probes = [asyncio.create_task(self._probe(h)) for h in self.hosts]
        for host, ok in self.status.items():
            await self.dashboard.push(host, ok)
        await asyncio.gather(*probes, return_exceptions=True)
