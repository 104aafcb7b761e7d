"""IL401 on `export_report`: it writes the file with a plain `open()` on the event loop, and the
`GET /report` route awaits it; the spec declares the exporter task, so the world is closed, and
the route is part of it."""
import asyncio

from fastapi import FastAPI

app = FastAPI()


async def export_report(path, rows):
    with open(path, "w") as fh:
        fh.write("\n".join(rows))


async def exporter(queue):
    while True:
        rows = await queue.get()
        await asyncio.to_thread(_write, "out.csv", rows)


def _write(path, rows):
    with open(path, "w") as fh:
        fh.write("\n".join(rows))


@app.get("/report")
async def report():
    await export_report("report.csv", ["a", "b"])
