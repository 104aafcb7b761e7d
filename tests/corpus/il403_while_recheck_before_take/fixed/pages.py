"""Fixed twin: `lease` counts the page before it awaits the browser (and gives the slot back if
the launch fails), so no other request can take the same slot. The `while` wait for a spare page
looks at `_spare` again after every wake-up, right before the `pop()`."""
import asyncio

from fastapi import FastAPI


class Page:
    def __init__(self, url: str):
        self.url = url

    async def render(self, html: str) -> bytes:
        await asyncio.sleep(0.05)
        return html.encode()


class PagePool:
    def __init__(self, limit: int = 3):
        self.limit = limit
        self._opened = 0
        self._spare: list[Page] = []
        self._handed_back = asyncio.Event()

    def _room(self) -> bool:
        return not self._spare and self._opened < self.limit

    async def _launch(self) -> Page:
        await asyncio.sleep(0.2)
        return Page("about:blank")

    async def lease(self) -> Page:
        if self._room():
            self._opened += 1
            try:
                return await self._launch()
            except BaseException:
                self._opened -= 1
                raise
        while not self._spare:
            self._handed_back.clear()
            await self._handed_back.wait()
        return self._spare.pop()

    def give_back(self, page: Page) -> None:
        self._spare.append(page)
        self._handed_back.set()


app = FastAPI()
pool = PagePool()


@app.post("/pdf")
async def pdf(html: str):
    page = await pool.lease()
    try:
        return {"size": len(await page.render(html))}
    finally:
        pool.give_back(page)
