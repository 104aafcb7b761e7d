"""IL703: an in-memory SQLite engine without StaticPool is used by executor jobs: SQLAlchemy
gives each worker thread its own connection and so its own empty database."""
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import create_engine, text
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import StaticPool

engine = create_engine("sqlite://")
SessionLocal = sessionmaker(bind=engine)
executor = ThreadPoolExecutor(max_workers=4)


def index_track(path):
    with SessionLocal() as session:
        session.execute(text("INSERT INTO tracks(path) VALUES (:p)"), {"p": path})
        session.commit()


def reindex(paths):
    for path in paths:
        executor.submit(index_track, path)
