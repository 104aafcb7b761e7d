"""Silent: `export_report` blocks, but nothing in the spec's closed world runs it (no declared
context, route or task reaches it: a leftover only tests call). Without a spec, or with one that
declares no contexts, it would still be reported as run by "the event loop"."""
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
    await asyncio.to_thread(_write, "report.csv", ["a", "b"])
