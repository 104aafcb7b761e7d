"""League standings: a tally thread adds up the results, stores the whole table, then schedules
`settled.set()` on the event loop."""
import asyncio
import threading


class LeagueBoard:
    def __init__(self, results: list[tuple[str, int]]) -> None:
        self.results = results
        self.settled = asyncio.Event()
        self.table: tuple[tuple[str, int], ...] = ()
        self._loop = asyncio.get_running_loop()

    def tally(self) -> None:
        threading.Thread(target=self._count, daemon=True).start()

    def _count(self) -> None:
        points: dict[str, int] = {}
        for team, score in self.results:
            points[team] = points.get(team, 0) + score
        self.table = tuple(sorted(points.items(), key=lambda kv: -kv[1]))
        self._loop.call_soon_threadsafe(self.settled.set)
