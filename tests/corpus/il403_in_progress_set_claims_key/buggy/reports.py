"""IL403 on `ReportService._reports`: `report` awaits the warehouse's permission check between
testing the in-progress set and adding the month to it, so two runs for one month both pass the
tests, both query and both store the report (the first one's result is overwritten)."""
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
        await self._warehouse.allow(month)
        self._building.add(month)
        try:
            rows = await self._warehouse.query(month)
            self._reports[month] = {"month": month, "rows": rows}
        finally:
            self._building.discard(month)
        return self._reports[month]


async def monthly(service: ReportService, months):
    return await asyncio.gather(*(service.report(m) for m in months))
