"""IL703: eight executor workers share an engine whose pool holds two connections and no
overflow: six jobs wait and then fail with 'QueuePool limit ... reached'."""
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import create_engine, text

engine = create_engine("postgresql://app@db/library", pool_pre_ping=True, pool_size=2, max_overflow=0)
executor = ThreadPoolExecutor(max_workers=8)


def fingerprint(track_id):
    with engine.connect() as conn:
        conn.execute(text("UPDATE tracks SET fp = 1 WHERE id = :i"), {"i": track_id})
        conn.commit()


def fingerprint_all(track_ids):
    for track_id in track_ids:
        executor.submit(fingerprint, track_id)
