"""IL403: send_digest reads the pending count and the queued titles, awaits the mail
delivery, then resets both; a track liked by another request during the delivery bumps the
count and queues its title, and the reset throws both away unsent."""
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
        count = self.pending
        titles = list(self.titles)
        await self.mailer.deliver(self.owner, f"{count} new likes: {', '.join(titles)}")
        self.pending = 0
        self.titles.clear()


digest = Digest("ana", Mailer())


@app.post("/like/{title}")
async def like(title: str):
    digest.like(title)
    return {"pending": digest.pending}


@app.post("/digest")
async def send():
    await digest.send_digest()
    return {"ok": True}
