"""fixed: send_digest takes the count and the titles and resets both before it awaits the
delivery; a like during the delivery counts toward the next digest."""
import asyncio

from fastapi import FastAPI

app = FastAPI()


class Mailer:
    async def deliver(self, to, body):
        await asyncio.sleep(0.2)


class Digest:
    def __init__(self, owner, mailer: Mailer):
        self.owner = owner
        self.mailer = mailer
        self.pending = 0
        self.titles = []

    def like(self, title):
        self.pending += 1
        self.titles.append(title)

    async def send_digest(self):
        count, self.pending = self.pending, 0
        titles, self.titles = self.titles, []
        await self.mailer.deliver(self.owner, f"{count} new likes: {', '.join(titles)}")


digest = Digest("ana", Mailer())


@app.post("/like/{title}")
async def like(title: str):
    digest.like(title)
    return {"pending": digest.pending}


@app.post("/digest")
async def send():
    await digest.send_digest()
    return {"ok": True}
