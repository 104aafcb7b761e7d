"""Fixed: the async background job hands the blocking POST to a worker thread; the sync one already
runs in Starlette's threadpool."""
import asyncio
import shutil
import smtplib

import requests
from fastapi import BackgroundTasks, FastAPI

api = FastAPI()


async def ping_webhook(order_id: int) -> None:
    await asyncio.to_thread(requests.post, "https://hooks.example/orders", json={"id": order_id}, timeout=10)


async def mail_receipt(to: str) -> None:
    await asyncio.to_thread(_send_receipt, to)


def _send_receipt(to: str) -> None:
    with smtplib.SMTP("relay.example") as relay:
        relay.sendmail("shop@example", [to], "receipt")


def archive_copy(path: str) -> None:
    shutil.copy(path, "/var/archive/")


@api.post("/orders/{order_id}")
async def place_order(order_id: int, jobs: BackgroundTasks):
    jobs.add_task(ping_webhook, order_id)
    jobs.add_task(mail_receipt, "buyer@example")
    jobs.add_task(archive_copy, f"/var/orders/{order_id}.json")
    return {"queued": order_id}
