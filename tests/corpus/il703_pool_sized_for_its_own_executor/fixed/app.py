"""Silent: the pool's 4 connections serve the 4 `db_workers` that save events; the 12
`image_workers` resize images and never touch the engine."""
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import create_engine, text

engine = create_engine("postgresql+psycopg2://app@db/app", pool_size=4, max_overflow=0,
                       pool_pre_ping=True)

db_workers = ThreadPoolExecutor(max_workers=4)
image_workers = ThreadPoolExecutor(max_workers=12)


def save_event(event):
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO events (body) VALUES (:b)"), {"b": event})


def resize_image(data: bytes) -> bytes:
    return data[: len(data) // 2]


def ingest(events, images):
    db_futs = [db_workers.submit(save_event, e) for e in events]
    img_futs = [image_workers.submit(resize_image, i) for i in images]
    return [f.result() for f in db_futs], [f.result() for f in img_futs]
