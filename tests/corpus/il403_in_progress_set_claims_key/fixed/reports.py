"""No finding: `report` tests the cache and the in-progress set and adds the key to the set
with no await in between, so while one run builds a month's report every other run for that
month is turned away at the set; the cache is stored only by the run that holds the key."""
import asyncio


class ReportService:
    def __init__(self, warehouse):
        self._warehouse = warehouse
        self._building = set()
        self._reports = {}

    async def report(self, month: str):
        if month in self._reports:
            return self._reports[month]
        if month in self._building:
            return None
        self._building.add(month)
        try:
            rows = await self._warehouse.query(month)
            self._reports[month] = {"month": month, "rows": rows}
        finally:
            self._building.discard(month)
        return self._reports[month]


async def monthly(service: ReportService, months):
    return await asyncio.gather(*(service.report(m) for m in months))
