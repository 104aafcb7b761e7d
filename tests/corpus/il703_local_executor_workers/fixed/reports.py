"""Silent: the pool holds 16 connections, one for each worker of `build_all`'s local executor."""
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import create_engine, text
from sqlalchemy.orm import sessionmaker

DATABASE_URL = "postgresql+psycopg2://reports@db.internal/reports"

engine = create_engine(DATABASE_URL, pool_size=16, max_overflow=0, pool_pre_ping=True)
Session = sessionmaker(bind=engine)


def build_report(customer_id):
    with Session() as s:
        rows = s.execute(text("SELECT * FROM orders WHERE customer_id = :c"),
                         {"c": customer_id}).fetchall()
        return customer_id, len(rows)


def build_all(customer_ids):
    with ThreadPoolExecutor(max_workers=16) as ex:
        futures = [ex.submit(build_report, c) for c in customer_ids]
        return dict(f.result() for f in futures)
